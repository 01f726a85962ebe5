"""The conflict inbox: records two sites changed apart, each shown as the common base, this
database and the other site side by side, with the worker's resolution to save.

Keyboard: the list has the focus first (arrows choose a conflict), Tab goes to the fields,
where F2 or typing edits the resolution; Alt shortcuts take a side or save. On a laptop the
inbox is read-only: conflicts are settled at the central database.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import authorize
from sociaalhuis.access.permissions import EDIT_HOUSEHOLD
from sociaalhuis.errors import SociaalHuisError, ValidationError
from sociaalhuis.sync import site
from sociaalhuis.sync.conflicts import OpenConflict, household_names, open_conflicts, settle
from ui.startup import AppContext
from ui.sync.conflict_labels import field_names, record_names
from ui.sync.conflict_models import ConflictFieldsModel, ConflictListModel
from ui.widgets.errors import error_text


class ConflictsDialog(QDialog):
    """The open conflicts of this database and, for the chosen one, its three versions."""

    settled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.can_settle = False
        self.setWindowTitle(self.tr("Sync conflicts"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.conflicts = ConflictListModel()
        self.list_view = _table(self.conflicts)
        self.list_view.setAccessibleName(self.tr("Open conflicts"))
        self.fields = ConflictFieldsModel()
        self.fields_view = _table(self.fields)
        self.fields_view.setAccessibleName(self.tr("Versions of the record"))
        self.fields_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.fields_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.take_mine = QPushButton(self.tr("Take &this database"))
        self.take_theirs = QPushButton(self.tr("Take the &other site"))
        self.save_button = QPushButton(self.tr("&Save as resolution"))
        self.take_mine.clicked.connect(lambda: self._take(mine=True))
        self.take_theirs.clicked.connect(lambda: self._take(mine=False))
        self.save_button.clicked.connect(self.save)
        closing = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        closing.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.take_mine, self.take_theirs, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(closing)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list_view)
        splitter.addWidget(self.fields_view)
        splitter.setSizes([200, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.list_view.selectionModel().currentRowChanged.connect(self._show)
        self.resize(1100, 620)
        self.reload()

    def reload(self) -> None:
        """Read the open conflicts again and show the first one."""
        with self.context.db.read() as session:
            found = open_conflicts(session)
            names = household_names(session, [c.household_id for c in found if c.household_id])
            self.can_settle = site.current(session).role == "central"
        self.conflicts.load(found, names)
        self.notice.setText(self._notice(bool(found)))
        if found:
            self.list_view.selectRow(0)
        self._show(self.list_view.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.list_view.setFocus()  # not the first button, which a dialog would pick

    def current(self) -> OpenConflict | None:
        row = self.list_view.currentIndex().row()
        return self.conflicts.rows[row] if 0 <= row < len(self.conflicts.rows) else None

    def save(self) -> None:
        """Store the resolution as a new version above both, after the worker confirms."""
        conflict = self.current()
        if conflict is None or not self.can_settle:
            return
        self.fields_view.commitData(self.fields_view.focusWidget())  # a cell still being typed
        record = record_names().get(conflict.table, conflict.table)
        client = self.conflicts.names.get(conflict.household_id or "", "")
        question = self.tr("Save this resolution for the {record} of {client}?").format(
            record=record.lower(), client=client or "—"
        )
        if not self.confirm(question):
            return
        try:
            authorize(self.context.db, self.context.actor, EDIT_HOUSEHOLD)
            with self.context.db.write() as session:
                settle(
                    session,
                    self.context.actor,
                    conflict.table,
                    conflict.record_id,
                    self.fields.resolved(),
                    deleted=self.fields.deleted,
                )
        except ValidationError as error:
            QMessageBox.warning(self, self.tr("Not saved"), self._invalid(error))
            return
        except SociaalHuisError as error:
            QMessageBox.warning(self, self.tr("Not saved"), error_text(self, error))
            return
        self.settled.emit()
        self.reload()

    def _invalid(self, error: ValidationError) -> str:
        """A resolution the record cannot take, in Dutch, naming the field."""
        field = field_names().get(error.field, error.field)
        if error.reason == "is required":
            return self.tr("{field} cannot be empty. Nothing was saved.").format(field=field)
        if error.reason.startswith("is longer than"):
            return self.tr("{field} is too long. Nothing was saved.").format(field=field)
        return self.tr("{field}: this is not a valid value. Nothing was saved.").format(field=field)

    def confirm(self, question: str) -> bool:
        """Asked before saving (its own method, so tests can answer it)."""
        answer = QMessageBox.question(self, self.tr("Save the resolution"), question)
        return answer == QMessageBox.StandardButton.Yes

    def _take(self, mine: bool) -> None:
        conflict = self.current()
        if conflict is not None:
            self.fields.take(conflict.mine if mine else conflict.theirs)

    def _show(self, index: QModelIndex) -> None:
        conflict = self.current() if index.isValid() else None
        self.fields.load(conflict, editable=self.can_settle)
        for button in (self.take_mine, self.take_theirs, self.save_button):
            button.setEnabled(conflict is not None and self.can_settle)
        self.fields_view.resizeRowsToContents()

    def _notice(self, any_open: bool) -> str:
        if not any_open:
            return self.tr("No open conflicts.")
        if not self.can_settle:
            return self.tr(
                "Conflicts are settled on the central database. This laptop only shows them, "
                "until the next synchronisation brings the resolution."
            )
        return self.tr(
            "Per field, take the version that is right or type the correct value in the "
            "Resolution column, then save. The resolution is stored as a new version above "
            "both, with an audit event."
        )


def _table(model: ConflictListModel | ConflictFieldsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab moves on to the next part of the window
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setWordWrap(True)
    return view


def show_conflicts(parent: QWidget, context: AppContext) -> ConflictsDialog:
    """Open the inbox modal; the caller refreshes its count when it closes."""
    dialog = ConflictsDialog(context, parent)
    dialog.exec()
    return dialog
