"""Searching as you type, shared by the client search and the sociale kaart: the field, the
result table and the background job that keeps a slow database from freezing the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QRunnable, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QTableView

TYPING_PAUSE_MS = 120


class SearchDone(QObject):
    """Carries a background search's outcome back to the UI thread (queued signal)."""

    done = Signal(int, str, object)  # generation, text, results or the exception


class SearchJob(QRunnable):
    """One search on a pool thread, so a slow office database never freezes the window;
    the view drops answers whose generation is no longer its newest."""

    def __init__(
        self, find: Callable[[str], object], done: SearchDone, generation: int, text: str
    ) -> None:
        super().__init__()
        self.find = find
        self.done = done
        self.generation = generation
        self.text = text

    def run(self) -> None:
        try:
            outcome: object = self.find(self.text)
        except Exception as exc:  # shown in the status line; the UI thread decides
            outcome = exc
        self.done.done.emit(self.generation, self.text, outcome)


class SearchField(QLineEdit):
    """A search field that hands the arrow keys to the result list."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class ResultTable(QTableView):
    """Results; Enter opens the selected household, Up on the first row goes back to search."""

    activated_row = Signal(QModelIndex)
    up_from_top = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_row.emit(self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.up_from_top.emit()
            return
        super().keyPressEvent(event)
