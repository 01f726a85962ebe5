"""Proactive granting rounds for the team lead: prepare a proposal, approve it (wholly or
the checked households), or reject it; then open the award letters.

The four eyes are the service's (`review.rounds`): the window only greys out what the
service would refuse, and says why.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.permissions import APPROVE_ROUND, PREPARE_ROUND, allowed
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.referrals.referrals import LetterView
from sociaalhuis.review import rounds
from sociaalhuis.review.rounds import RoundView
from ui.referral.letter_preview import LetterPreview
from ui.startup import AppContext
from ui.widgets.errors import error_text
from ui.widgets.forms import hint, label_inputs

Index = QModelIndex | QPersistentModelIndex


def status_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "prepared": translate("RoundDialog", "Prepared, waiting for approval"),
        "approved": translate("RoundDialog", "Approved"),
        "partly_approved": translate("RoundDialog", "Partly approved"),
        "rejected": translate("RoundDialog", "Rejected"),
    }


class RoundTableModel(QAbstractTableModel):
    """The rounds, the newest first."""

    COL_REFERENCE, COL_RIGHT, COL_STATUS, COL_PREPARED_BY, COL_DECIDED_BY, COL_COUNT = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[RoundView, ...] = ()

    def load(self, rows: Sequence[RoundView]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Reference"),
            self.tr("Right"),
            self.tr("Status"),
            self.tr("Prepared by"),
            self.tr("Decided by"),
            self.tr("Households"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return (
            row.reference,
            row.right_name,
            status_names().get(row.status, row.status),
            row.prepared_by,
            row.approved_by or "",
            str(len(row.items)),
        )[index.column()]


class RoundItemModel(QAbstractTableModel):
    """The households of one round; while the round waits for approval and the user may
    approve it, each can be checked (approved) or unchecked (left out)."""

    COL_APPLICANT, COL_ADDRESS, COL_OUTCOME = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.round: RoundView | None = None
        self.checkable = False
        self.left_out: set[uuid.UUID] = set()

    def load(self, view: RoundView | None, checkable: bool) -> None:
        self.beginResetModel()
        self.round = view
        self.checkable = checkable
        self.left_out = set()
        self.endResetModel()

    def chosen(self) -> set[uuid.UUID]:
        items = self.round.items if self.round is not None else ()
        return {item.household_id for item in items if item.household_id not in self.left_out}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.round is None else len(self.round.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Applicant"), self.tr("Address"), self.tr("Granted"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.checkable and index.column() == self.COL_APPLICANT:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.round is None:
            return None
        item = self.round.items[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable:
            if index.column() == self.COL_APPLICANT:
                left_out = item.household_id in self.left_out
                return Qt.CheckState.Unchecked if left_out else Qt.CheckState.Checked
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == self.COL_APPLICANT:
            return item.applicant
        if index.column() == self.COL_ADDRESS:
            return ", ".join(item.address)
        outcome = {True: self.tr("yes"), False: self.tr("no"), None: self.tr("not decided yet")}
        return outcome[item.approved]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.checkable or self.round is None:
            return False
        household = self.round.items[index.row()].household_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.left_out.discard(household)
        else:
            self.left_out.add(household)
        self.dataChanged.emit(index, index, [role])
        return True


class RoundDialog(QDialog):
    """List the rounds; prepare, approve, partly approve or reject one."""

    def __init__(
        self,
        context: AppContext,
        catalog: Catalog | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.catalog = catalog if catalog is not None else loader.load()
        self.today = today
        self.last_batch: LetterView | None = None
        self.setWindowTitle(self.tr("Proactive granting rounds"))
        self.resize(1000, 640)
        self.rounds = RoundTableModel(self)
        self.items = RoundItemModel(self)
        self.round_table = self._table(self.rounds, RoundTableModel.COL_RIGHT)
        self.item_table = self._table(self.items, RoundItemModel.COL_ADDRESS)
        self.round_table.setAccessibleName(self.tr("Granting rounds"))
        self.item_table.setAccessibleName(self.tr("Households in the round"))
        self.explanation = QPlainTextEdit(readOnly=True)
        self.explanation.setAccessibleName(self.tr("Why the household qualifies"))
        hint(self.explanation, self.tr("Select a household to see why it qualifies."))
        self.note = QLabel(wordWrap=True)
        self.prepare_button = QPushButton(self.tr("&Prepare a new round…"))
        self.approve_button = QPushButton(self.tr("&Approve…"))
        self.partly_button = QPushButton(self.tr("Approve &checked only…"))
        self.reject_button = QPushButton(self.tr("&Reject…"))
        self._lay_out()
        self.prepare_button.clicked.connect(self.prepare)
        self.approve_button.clicked.connect(lambda: self.approve(partly=False))
        self.partly_button.clicked.connect(lambda: self.approve(partly=True))
        self.reject_button.clicked.connect(self.reject_round)
        self.round_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_round())
        self.item_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_item())
        self.reload()
        label_inputs(self)

    def _table(self, model: QAbstractTableModel, stretch: int) -> QTableView:
        """A one-line-per-row table whose `stretch` column takes the room the others leave."""
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (
            self.prepare_button,
            self.approve_button,
            self.partly_button,
            self.reject_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.item_table)
        lower.addWidget(self.explanation)
        lower.setSizes([560, 440])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.round_table)
        split.addWidget(lower)
        split.setSizes([220, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        layout.addWidget(self.note)
        layout.addLayout(buttons)

    # -- state ------------------------------------------------------------------------------

    def current(self) -> RoundView | None:
        row = self.round_table.currentIndex().row()
        return self.rounds.rows[row] if 0 <= row < len(self.rounds.rows) else None

    def reload(self, select: uuid.UUID | None = None) -> None:
        keep = select or (self.current().id if self.current() is not None else None)  # type: ignore[union-attr]
        try:
            found = rounds.rounds(self.context.db, self.context.actor, self.catalog)
        except SociaalHuisError as error:
            self._fail(error)
            found = []
        self.rounds.load(found)
        row = next((i for i, r in enumerate(found) if r.id == keep), 0 if found else -1)
        if row >= 0:
            self.round_table.selectRow(row)
        self._show_round()

    def _may(self, action: str) -> bool:
        return allowed(self.context.actor.role, action)

    def _show_round(self) -> None:
        view = self.current()
        waiting = view is not None and view.status == "prepared"
        own = view is not None and view.prepared_by_id == self.context.actor.user_id
        may_approve = waiting and self._may(APPROVE_ROUND) and not own
        self.items.load(view, checkable=may_approve)
        self.prepare_button.setEnabled(self._may(PREPARE_ROUND))
        self.approve_button.setEnabled(may_approve)
        self.partly_button.setEnabled(may_approve)
        self.reject_button.setEnabled(waiting and self._may(APPROVE_ROUND))
        self.note.setText(self._note(view, waiting, own))
        if self.items.rowCount():
            self.item_table.selectRow(0)
        self._show_item()

    def _note(self, view: RoundView | None, waiting: bool, own: bool) -> str:
        if view is None:
            return self.tr("No rounds yet. Prepare one for a right the Sociaal Huis grants itself.")
        if waiting and own:
            return self.tr(
                "You prepared this round, so you cannot approve it: a second team lead must "
                "(four eyes). You can still withdraw it with Reject."
            )
        if waiting and not self._may(APPROVE_ROUND):
            return self.tr("Only a team lead who did not prepare this round can approve it.")
        if waiting:
            return self.tr(
                "Uncheck the households you do not approve and choose Approve checked only, or "
                "approve the whole round."
            )
        if view.status == "rejected":
            return self.tr("Rejected: {reason}").format(reason=view.reason)
        return ""

    def _show_item(self) -> None:
        view = self.current()
        row = self.item_table.currentIndex().row()
        if view is None or not 0 <= row < len(view.items):
            self.explanation.setPlainText("")
            return
        self.explanation.setPlainText(view.items[row].explanation)

    # -- actions ----------------------------------------------------------------------------

    def prepare(self) -> None:
        right = self.ask_right(rounds.grantable_rights(self.catalog))
        if right is None:
            return
        try:
            with _busy():
                view = rounds.prepare_round(
                    self.context.db, self.context.actor, self.catalog, right.id, self.today
                )
        except SociaalHuisError as error:
            self._fail(error)
            return
        self.reload(select=view.id)

    def approve(self, partly: bool) -> None:
        view = self.current()
        if view is None:
            return
        chosen = self.items.chosen() if partly else None
        count = len(chosen) if chosen is not None else len(view.items)
        question = self.tr(
            "Grant {right} to {count} household(s) and print their award letters?"
        ).format(right=view.right_name, count=count)
        if not self.confirm(question):
            return
        try:
            with _busy():
                _, batch = rounds.approve_round(
                    self.context.db,
                    self.context.actor,
                    self.catalog,
                    view.id,
                    chosen,
                    self.today,
                )
        except SociaalHuisError as error:
            self._fail(error)
            return
        self.last_batch = batch
        self.reload(select=view.id)
        if batch is not None:
            self.offer_letters(batch)

    def reject_round(self) -> None:
        """Reject the selected round (not QDialog.reject, which closing the dialog calls)."""
        view = self.current()
        if view is None:
            return
        reason = self.ask_reason()
        if reason is None:
            return
        try:
            rounds.reject_round(
                self.context.db, self.context.actor, view.id, reason, catalog=self.catalog
            )
        except SociaalHuisError as error:
            self._fail(error)
            return
        self.reload(select=view.id)

    # -- questions (each its own method, so tests can answer them) --------------------------

    def ask_right(self, rights: Sequence[RightDef]) -> RightDef | None:
        names = [right.name for right in rights]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Prepare a round"),
            self.tr("Which right should the Sociaal Huis grant proactively?"),
            names,
            0,
            False,
        )
        return rights[names.index(name)] if ok and name in names else None

    def ask_reason(self) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Reject the round"), self.tr("Why is this round rejected?")
        )
        return text if ok else None

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Approve the round"), question)
        return answer == QMessageBox.StandardButton.Yes

    def offer_letters(self, batch: LetterView) -> None:
        question = self.tr("The award letters are ready ({count}). Open them to print or save?")
        answer = QMessageBox.question(
            self, self.tr("Award letters"), question.format(count=batch.recipient)
        )
        if answer == QMessageBox.StandardButton.Yes:
            title = self.tr("Award letters {reference}").format(reference=batch.reference)
            LetterPreview(batch.pdf, title, f"{batch.reference}.pdf", self).exec()

    def _fail(self, error: SociaalHuisError) -> None:
        """The service's refusal in Dutch; a round decided meanwhile is shown as it is now."""
        field = error.field if isinstance(error, ValidationError) else ""
        texts = {
            "right_id": self.tr(
                "No household qualifies for this right without a decision yet (according to "
                "the latest screening of all households)."
            ),
            "approved": self.tr(
                "Some households got a decision about this right after the round was "
                "prepared. Uncheck them and approve the rest, or reject the round."
            ),
            "catalog_version": self.tr(
                "The catalog changed since this round was prepared. Reject it and prepare a "
                "new round."
            ),
        }
        if isinstance(error, rounds.FourEyesRequired):
            text = self.tr("You prepared this round: a second team lead must approve it.")
        elif isinstance(error, ConflictError):
            text = self.tr("Another team lead decided this round in the meantime.")
            self.reload()
        else:
            text = texts.get(field) or error_text(self, error)
        QMessageBox.warning(self, self.tr("Granting round"), text)


class _busy:
    """The wait cursor while a service call runs (a round of a few hundred households)."""

    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


def show_rounds(
    parent: QWidget | None,
    context: AppContext,
    catalog: Catalog | None = None,
    today: date | None = None,
) -> RoundDialog:
    """Open the granting rounds next to `parent` (the team lead's review window)."""
    dialog = RoundDialog(context, catalog, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
