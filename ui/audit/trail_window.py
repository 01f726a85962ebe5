"""The audit trail browser for team leads and administrators: filter, read page by page
(newest first, the next page fetched as the table is scrolled), and export to CSV.

Every page read and every export is itself an audit event (the service writes it); a user
whose role may not see the trail gets a refusal, which the service records too.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import trail
from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.locale_format import format_moment
from sociaalhuis.storage.database import Database
from ui.audit.labels import action_names, details_text, record_names, translate
from ui.startup import AppContext
from ui.widgets.forms import error_label, hint, label_inputs

# Rows fetched per page; the table asks for the next page when scrolled to the end.
PAGE = 200
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Filters:
    user: str | None = None
    action: str | None = None
    entity_id: uuid.UUID | None = None
    since: date | None = None
    until: date | None = None

    def as_arguments(self) -> dict[str, Any]:
        return dict(vars(self))


def _when(moment: datetime) -> str:
    return format_moment(moment.astimezone())


class TrailModel(QAbstractTableModel):
    """The events matching the filters, one page held per fetch; never the whole trail."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.rows: list[trail.TrailRow] = []
        self.filters = Filters()
        self.more = False
        self.actions = action_names()
        self.records = record_names()
        self.headers = [
            translate("TrailWindow", "When"),
            translate("TrailWindow", "Who"),
            translate("TrailWindow", "Action"),
            translate("TrailWindow", "Record"),
            translate("TrailWindow", "Details"),
        ]

    def load(self, filters: Filters) -> None:
        """Show the first page for `filters`; raises what the service raises."""
        first = trail.browse(self.db, self.actor, limit=PAGE, **filters.as_arguments())
        self.beginResetModel()
        self.filters, self.rows, self.more = filters, first, len(first) == PAGE
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.rows:
            return
        page = trail.browse(
            self.db,
            self.actor,
            limit=PAGE,
            before_seq=self.rows[-1].seq,
            **self.filters.as_arguments(),
        )
        self.more = len(page) == PAGE
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows += page
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 2:
                return row.action
            if index.column() == 3 and row.entity_id is not None:
                return str(row.entity_id)
            if index.column() == 4:
                return details_text(row.detail)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def cell(self, row: trail.TrailRow, column: int) -> str:
        if column == 0:
            return _when(row.time)
        if column == 1:
            return row.user_name or translate("TrailWindow", "(unknown user)")
        if column == 2:
            return self.actions.get(row.action, row.action)
        if column == 3:
            kind = self.records.get(row.entity_type, row.entity_type)
            return f"{kind} {row.entity_id}" if row.entity_id else kind
        return details_text(row.detail)


class TrailWindow(QDialog):
    """Filters above, the events below, export at the bottom; keyboard first."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Audit trail"))
        # Asking the service for the user list checks the permission before anything shows.
        people = trail.users(context.db, context.actor)
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.addItem("", None)
        for username, display_name in people:
            self.user.addItem(display_name, username)
        self.user.lineEdit().setPlaceholderText(self.tr("everyone"))
        self.user.setAccessibleName(self.tr("User"))
        self.action = QComboBox()
        self.action.addItem(self.tr("all actions"), None)
        names = action_names()
        for name in trail.actions(context.db, context.actor):
            self.action.addItem(names.get(name, name), name)
        self.action.setAccessibleName(self.tr("Action"))
        self.since = self._date_field(self.tr("From date"))
        self.until = self._date_field(self.tr("To date"))
        self.record = QLineEdit()
        hint(self.record, self.tr("record id (optional)"))
        self.record.setAccessibleName(self.tr("Record id"))
        self.search_button = QPushButton(self.tr("&Show"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.apply_filters)
        self.model = TrailModel(context.db, context.actor, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Audit events"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName(self.tr("Audit events"))
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 330)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.error = error_label()
        self.status = QLabel()
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self._lay_out(close)
        self.resize(1100, 640)
        self.apply_filters()
        self.user.setFocus()
        label_inputs(self)

    def _date_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        hint(field, self.tr("dd/mm/yyyy"))
        field.setAccessibleName(name)
        field.setMaxLength(10)
        return field

    def _lay_out(self, close: QDialogButtonBox) -> None:
        grid = QGridLayout()
        labelled = (
            (self.tr("&User:"), self.user, 0, 0),
            (self.tr("&Action:"), self.action, 0, 2),
            (self.tr("&From:"), self.since, 1, 0),
            (self.tr("&To:"), self.until, 1, 2),
            (self.tr("&Record:"), self.record, 0, 4),
        )
        for text, field, row, column in labelled:
            grid.addWidget(QLabel(text, buddy=field), row, column)
            grid.addWidget(field, row, column + 1)
        grid.addWidget(self.search_button, 1, 5)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setTabOrder(self.user, self.action)
        self.setTabOrder(self.action, self.record)
        self.setTabOrder(self.record, self.since)
        self.setTabOrder(self.since, self.until)
        self.setTabOrder(self.until, self.search_button)
        self.setTabOrder(self.search_button, self.table)
        self.setTabOrder(self.table, self.export_button)

    # -- filters -------------------------------------------------------------------------

    def filters(self) -> Filters | None:
        """The filters typed, or None after pointing at the first one that is not valid."""
        self.error.hide()
        since = self._date(self.since)
        if since is False:
            return None
        until = self._date(self.until)
        if until is False:
            return None
        record: uuid.UUID | None = None
        if self.record.text().strip():
            try:
                record = uuid.UUID(self.record.text().strip())
            except ValueError:
                return self._problem(self.record, self.tr("This is not a record id."))
        return Filters(
            user=self._user(),
            action=self.action.currentData(),
            entity_id=record,
            since=since or None,
            until=until or None,
        )

    def _user(self) -> str | None:
        typed = self.user.currentText().strip()
        if not typed:
            return None
        index = self.user.findText(typed, Qt.MatchFlag.MatchFixedString)
        username = self.user.itemData(index) if index > 0 else None
        return username or typed

    def _date(self, field: QLineEdit) -> date | bool | None:
        text = field.text().strip()
        if not text:
            return None
        for form in DATE_FORMATS:
            try:
                return datetime.strptime(text, form).date()
            except ValueError:
                continue
        self._problem(field, self.tr("Type a date as dd/mm/yyyy, for example 03/12/2026."))
        return False

    def _problem(self, field: QWidget, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        field.setFocus()
        return None

    def apply_filters(self) -> None:
        wanted = self.filters()
        if wanted is None:
            return
        try:
            self.model.load(wanted)
        except ValidationError as exc:
            self._problem(self.table, exc.message)
            return
        except PermissionDenied:
            self._problem(self.table, refusal_text())
            return
        self._show_count()
        if self.model.rowCount():
            self.table.selectRow(0)

    def _show_count(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            self.status.setText(self.tr("No events match these filters."))
        elif self.model.more:
            self.status.setText(
                self.tr("Newest %n event(s) shown; scroll down for older ones.", "", shown)
            )
        else:
            self.status.setText(self.tr("%n event(s).", "", shown))

    # -- export --------------------------------------------------------------------------

    def export(self) -> None:
        wanted = self.filters()
        if wanted is None:
            return
        suggested = str(Path.home() / f"audittrail-{date.today().isoformat()}.csv")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export audit trail"), suggested, self.tr("CSV files (*.csv)")
        )
        if not chosen:
            return
        try:
            written = trail.export_csv(
                self.context.db, self.context.actor, Path(chosen), **wanted.as_arguments()
            )
        except ValidationError:
            self._problem(self.export_button, self.tr("The file could not be written there."))
            return
        except PermissionDenied:
            self._problem(self.export_button, refusal_text())
            return
        self.status.setText(
            self.tr("%n event(s) exported to {path}.", "", written).format(path=chosen)
        )


_open_boxes: set[QMessageBox] = set()


def refusal_text() -> str:
    return translate(
        "TrailWindow",
        "Only team leads and administrators may see the audit trail. Nothing was shown.",
    )


def show_audit_trail(parent: QWidget | None, context: AppContext) -> TrailWindow | None:
    """Open the trail browser; a user who may not see it gets a refusal (recorded by the
    service) in a message box instead, and None is returned."""
    try:
        window = TrailWindow(context, parent)
    except PermissionDenied:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("TrailWindow", "Not allowed"),
            refusal_text(),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        # Without a parent nothing else would keep the box alive until it is answered.
        _open_boxes.add(box)
        box.finished.connect(lambda _result: _open_boxes.discard(box))
        box.open()
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
