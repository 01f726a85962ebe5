"""The sociale kaart's search (the dialog's left side): partners and services as you type.

Search runs after a short pause and off the UI thread, like the client search; opening a
line is left to the dialog, which hears of it through `open_requested`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QBrush, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import DirectoryHit
from ui.widgets.forms import hint
from ui.widgets.search_widgets import (
    TYPING_PAUSE_MS,
    ResultTable,
    SearchDone,
    SearchField,
    SearchJob,
)

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class DirectorySearch(QWidget):
    """Find a partner or service; `open_requested(hit, focus)` when the worker opens a line."""

    open_requested = Signal(object, bool)  # the DirectoryHit, and whether to move focus

    def __init__(
        self,
        directory: DirectoryService,
        actor: Actor,
        open_id: Callable[[], uuid.UUID | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.actor = actor
        self.open_id = open_id  # the partner open in the dialog, to select its line

        self.field = SearchField()
        hint(self.field, self.tr("Partner, service or what they do"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search the sociale kaart"))
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Partner — service"), self.tr("Remarks")])
        self.table = ResultTable()
        self.table.setAccessibleName(self.tr("Partners and services found"))
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Partners and services found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.search_status = QLabel()
        self.search_status.setWordWrap(True)

        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("&Find:"), buddy=self.field))
        search_row.addWidget(self.field, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.search_status)
        layout.addWidget(self.table, 1)

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
        self.table.activated_row.connect(lambda index: self._open_index(index, focus=True))
        self.table.clicked.connect(lambda index: self._open_index(index, focus=False))
        self.table.up_from_top.connect(self.field.setFocus)
        self.setTabOrder(self.field, self.table)

    def search_in_background(self) -> None:
        """Search after a typing pause, off the UI thread; older answers are dropped."""
        self.timer.stop()
        self.generation += 1
        self.search_status.setText(self.tr("Searching…"))
        self.pool.start(
            SearchJob(
                lambda words: self.directory.find(self.actor, words),
                self.finished,
                self.generation,
                self.field.text().strip(),
            )
        )

    def search_now(self) -> None:
        """Search at once, on this thread (Enter, after a save, and tests)."""
        self.timer.stop()
        self.generation += 1
        text = self.field.text().strip()
        try:
            hits: object = self.directory.find(self.actor, text)
        except SociaalHuisError as exc:
            hits = exc
        self._show_results(self.generation, text, hits)

    def stop(self) -> None:
        """No more searches; waits for the running one (before the database closes)."""
        self.timer.stop()
        self.wait_for_searches()

    def wait_for_searches(self) -> None:
        self.pool.waitForDone()

    def _show_results(self, generation: int, text: str, hits: object) -> None:
        if generation != self.generation:
            return  # the user typed on; a newer search is coming
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(hits, Exception):
            self.search_status.setText(self.tr("Searching failed: {reason}").format(reason=hits))
            return
        assert isinstance(hits, list)
        for hit in hits:
            self.model.appendRow(self._row(hit))
        remarks = self.table.sizeHintForColumn(1) if hits else 0
        header = self.table.horizontalHeader()
        header.resizeSection(1, max(remarks, header.sectionSizeFromContents(1).width()) + 12)
        if hits:
            self.search_status.setText(self.tr("%n partner(s) or service(s) found.", "", len(hits)))
            self.select_current_row()
        elif text:
            self.search_status.setText(
                self.tr("Nothing found for “{text}”. Add it with New partner.").format(text=text)
            )
        else:
            self.search_status.setText(self.tr("The sociale kaart is still empty."))

    def _row(self, hit: DirectoryHit) -> list[QStandardItem]:
        remarks = []
        if hit.bound_by_professional_secrecy:
            remarks.append(self.tr("professional secrecy"))
        if not hit.active:
            remarks.append(self.tr("inactive"))
        items = [QStandardItem(hit.label), QStandardItem(", ".join(remarks))]
        items[0].setData(hit, HIT_ROLE)
        tip = "\n".join(part for part in (hit.label, hit.description.strip()) if part)
        if hit.bound_by_professional_secrecy:
            tip += "\n\n"
            tip += self.tr(
                "Bound by professional secrecy: a referral letter may carry client data."
            )
        if not hit.active:
            tip += "\n\n"
            tip += self.tr("This service is no longer offered.")
        for item in items:
            item.setToolTip(tip)
            if not hit.active:
                item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        return items

    def select_current_row(self) -> None:
        """Select the open partner's line when it is listed, else the first line."""
        row = 0
        open_id = self.open_id()
        if open_id is not None:
            for index in range(self.model.rowCount()):
                hit = self.model.item(index, 0).data(HIT_ROLE)
                if hit.organisation_id == open_id and hit.service_id is None:
                    row = index
                    break
        self.table.selectRow(row)

    def _into_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def _open_first(self) -> None:
        self.search_now()
        if self.model.rowCount():
            row = max(self.table.currentIndex().row(), 0)
            self._open_index(self.model.index(row, 0), focus=True)

    def _open_index(self, index: QModelIndex, focus: bool) -> None:
        if not index.isValid():
            return
        hit = self.model.item(index.row(), 0).data(HIT_ROLE)
        if hit is not None:
            self.open_requested.emit(hit, focus)
