"""Find or start a client: one search field, results as you type."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import HouseholdSummary
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage.search import MAX_SEARCH_CHARS
from ui.intake.break_glass_dialog import ask_break_glass
from ui.widgets.errors import error_text
from ui.widgets.forms import hint
from ui.widgets.inputs import guard_text
from ui.widgets.search_widgets import (
    TYPING_PAUSE_MS,
    ResultTable,
    SearchDone,
    SearchField,
    SearchJob,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RESTRICTED_ROLE = Qt.ItemDataRole.UserRole + 2
RESTRICTED_COLOUR = "#666666"


class SearchView(QWidget):
    """Search by name, national register number or street; open a result or start anew."""

    open_requested = Signal(uuid.UUID)
    new_requested = Signal()

    def __init__(self, households: HouseholdService, actor: Actor) -> None:
        super().__init__()
        self.households = households
        self.actor = actor
        self.field = SearchField()
        hint(self.field, self.tr("Name, national register number or street"))
        self.field.setClearButtonEnabled(True)
        guard_text(self.field, MAX_SEARCH_CHARS)
        self.cap_note = QLabel(
            self.tr("A search uses at most {count} characters; the rest is not searched.").format(
                count=MAX_SEARCH_CHARS
            )
        )
        self.cap_note.setStyleSheet("color: #8a5a00;")
        self.cap_note.hide()
        self.field.textChanged.connect(
            lambda text: self.cap_note.setVisible(len(text) >= MAX_SEARCH_CHARS)
        )
        self.field.setAccessibleName(self.tr("Search"))
        self.new_button = QPushButton(self.tr("&New client"))
        self.new_button.setToolTip(self.tr("Start a new household (Ctrl+N)"))
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [
                self.tr("Applicant"),
                self.tr("National number"),
                self.tr("Address"),
                self.tr("Members"),
            ]
        )
        self.table = ResultTable()
        self.table.setAccessibleName(self.tr("Households found"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self.tr("Type at least two characters to search."))
        self.status.setWordWrap(True)

        self.generation = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.finished = SearchDone(self)
        self.finished.done.connect(self._show_results)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.search_in_background)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self._open_first)
        self.field.down_pressed.connect(self._into_results)
        self.table.activated_row.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.up_from_top.connect(self.field.setFocus)
        self.new_button.clicked.connect(self.new_requested)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Search:"), buddy=self.field))
        top.addWidget(self.field, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(top)
        layout.addWidget(self.cap_note)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.field, self.new_button)
        self.setTabOrder(self.new_button, self.table)

    def focus_search(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def search_in_background(self) -> None:
        """Search after a typing pause, off the UI thread; older answers are dropped."""
        self.timer.stop()
        self.generation += 1
        text = self.field.text().strip()
        if len(text) < 2:
            self._show_results(self.generation, text, [])
            return
        self.status.setText(self.tr("Searching…"))
        self.pool.start(
            SearchJob(
                lambda words: self.households.find(self.actor, words),
                self.finished,
                self.generation,
                text,
            )
        )

    def search_now(self) -> None:
        """Search at once, on this thread (Enter, and tests)."""
        self.timer.stop()
        self.generation += 1
        text = self.field.text().strip()
        results = self.households.find(self.actor, text) if len(text) >= 2 else []
        self._show_results(self.generation, text, results)

    def wait_for_searches(self) -> None:
        self.pool.waitForDone()

    def _show_results(self, generation: int, text: str, results: object) -> None:
        if generation != self.generation:
            return  # the user typed on; a newer search is coming
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(results, Exception):
            reason = error_text(self, results) if isinstance(results, SociaalHuisError) else results
            self.status.setText(self.tr("Searching failed: {reason}").format(reason=reason))
            return
        if len(text) < 2:
            self.status.setText(self.tr("Type at least two characters to search."))
            return
        assert isinstance(results, list)
        for summary in results:
            self.model.appendRow(self._row(summary))
        if results:
            self.status.setText(self.tr("%n household(s) found.", "", len(results)))
            self.table.selectRow(0)
        else:
            self.status.setText(
                self.tr("Nobody found for “{text}”. Press Ctrl+N to start a new client.").format(
                    text=text
                )
            )

    def _row(self, summary: HouseholdSummary) -> list[QStandardItem]:
        if summary.restricted:
            # A colleague's case: only the name, so the worker knows the client is known here.
            address = self.tr("assigned to a colleague")
        else:
            address = f"{summary.address}, {summary.deelgemeente}"
        items = [
            QStandardItem(summary.applicant_name),
            QStandardItem(readable_number(summary.national_number)),
            QStandardItem(address),
            QStandardItem(str(summary.member_count)),
        ]
        items[0].setData(summary.id, ID_ROLE)
        items[0].setData(summary.restricted, RESTRICTED_ROLE)
        if summary.restricted:
            for item in items:
                item.setForeground(QBrush(QColor(RESTRICTED_COLOUR)))
                item.setToolTip(self.tr("Assigned to a colleague: opening it asks for a reason"))
        return items

    def _into_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def _open_first(self) -> None:
        self.search_now()
        if self.model.rowCount():
            row = max(self.table.currentIndex().row(), 0)
            self._open_index(self.model.index(row, 0))

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item = self.model.item(index.row(), 0)
        household_id = item.data(ID_ROLE)
        if household_id is None:
            return
        if item.data(RESTRICTED_ROLE) and not ask_break_glass(
            self, self.households.db, self.actor, household_id
        ):
            return
        self.open_requested.emit(household_id)

    def clear_results(self) -> None:
        self.field.clear()
        self.model.removeRows(0, self.model.rowCount())


def readable_number(number: str | None) -> str:
    """`84031400259` as printed on an identity card: `84.03.14-002.59`."""
    if not number or len(number) != 11 or not number.isdigit():
        return number or ""
    return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
