"""Input widgets that record only what the worker meant: a drop-down that reports a choice
when it is confirmed, and text fields that refuse control characters and overlong text."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QRegularExpressionValidator, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

# Printable text only: no NUL, tabs, line breaks or other control characters.
PRINTABLE = QRegularExpression(r"[^\x00-\x1f\x7f]*")
NAME_LENGTH = 100
WORKER_MOVES = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
SHORT_LENGTH = 12


class ConfirmingComboBox(QComboBox):
    """Reports `confirmed` when the worker confirms a choice: Enter, leaving the field, or
    picking from the open list. Browsing with the arrow keys or typing letters on the closed
    box only moves the selection, and the mouse wheel never changes it."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._browsing = False
        self._committed = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.activated.connect(self._picked)

    def mark_confirmed(self) -> None:
        """The current item is what is recorded (after loading a stored value)."""
        self._committed = self.currentIndex()

    @property
    def pending(self) -> bool:
        return self.currentIndex() != self._committed

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            event.ignore()  # let a form or dialog move on as well
            return
        self._browsing = True
        try:
            super().keyPressEvent(event)
        finally:
            self._browsing = False

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # scrolling the page must not change an answer under the pointer

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # Only the worker moving on confirms; focus taken by the program (a rebuild, a
        # window coming up) leaves the browsed value unrecorded.
        if event.reason() in WORKER_MOVES:
            self.confirm()

    def confirm(self) -> None:
        if self.pending:
            self._committed = self.currentIndex()
            self.confirmed.emit()

    def _picked(self, _index: int) -> None:
        if not self._browsing:
            self.confirm()


def guard_text(line: QLineEdit, max_length: int = NAME_LENGTH) -> QLineEdit:
    """Cap the length and refuse control characters (NUL included) as they are typed or pasted."""
    line.setMaxLength(max_length)
    line.setValidator(QRegularExpressionValidator(PRINTABLE, line))
    return line


def isolate(text: str) -> str:
    """Wrap a name so a right-to-left script keeps its place inside a Dutch sentence."""
    return f"\u2068{text}\u2069" if text else text


def confirm_focused() -> None:
    """Record what the focused drop-down shows: the worker chose to save what is on screen."""
    widget = QApplication.focusWidget()
    if isinstance(widget, ConfirmingComboBox):
        widget.confirm()
