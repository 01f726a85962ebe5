"""Keyboard helpers for UI tests: count key presses, find Alt shortcuts on a screen."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).casefold() if found else None


def shortcuts(top: QWidget) -> list[tuple[str, QWidget | str]]:
    """Every Alt shortcut visible on `top`: (letter, the label, button or menu title)."""
    found: list[tuple[str, QWidget | str]] = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top:
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            letter = mnemonic(widget.text())
        elif isinstance(widget, QGroupBox):
            letter = mnemonic(widget.title())
        else:
            letter = None
        if letter:
            found.append((letter, widget))
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                letter = mnemonic(widget.tabText(index))
                if letter and widget.isTabVisible(index):
                    found.append((letter, f"tab {widget.tabText(index)}"))
    if isinstance(top, QMainWindow) and top.menuBar().isVisible():
        for action in top.menuBar().actions():
            letter = mnemonic(action.text())
            if letter:
                found.append((letter, f"menu {action.text()}"))
    return found


@dataclass
class Keyboard:
    """Types into whatever has the focus, as a worker would, and counts every key press."""

    qtbot: QtBot
    presses: int = 0
    log: list[str] = field(default_factory=list)

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)
        self.presses += 1
        self.log.append(str(key))

    def type(self, text: str) -> None:
        for char in text:
            if char.isascii():
                self.qtbot.keyClicks(self.focus(), char)
            else:  # QTest knows only ASCII keys: send what a keyboard layout for it would
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                    QApplication.sendEvent(self.focus(), event)
            self.presses += 1
        self.log.append(text)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.key(Qt.Key.Key_Tab)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return)

    def ctrl(self, key: Qt.Key) -> None:
        self.key(key, Qt.KeyboardModifier.ControlModifier)

    def alt(self, key: Qt.Key) -> None:
        self.key(key, Qt.KeyboardModifier.AltModifier)


def when_modal(action: Callable[[QWidget], None]) -> None:
    """Run `action` on the next modal dialog or message box once it is shown."""

    def attempt(tries: int = 50) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            if tries:
                QTimer.singleShot(20, lambda: attempt(tries - 1))
            return
        action(widget)

    QTimer.singleShot(0, attempt)
