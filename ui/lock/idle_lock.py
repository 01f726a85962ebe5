"""The idle lock: after some minutes without keyboard or mouse, every window is covered and
the same user's password is asked again.

Nothing is hidden, closed or reloaded underneath: an opaque cover lies over each window, so a
half-typed intake (saved or not) is exactly there after unlocking, with the focus where it was.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import accounts
from sociaalhuis.access.accounts import LoginRefused
from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage.database import Database
from ui.login.login_dialog import PASSWORD_LENGTH, refusal_text
from ui.widgets.forms import error_label, label_inputs
from ui.widgets.inputs import guard_text

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
CHECK_MS = 5_000
COVER_STYLE = "background: #2b3a4a;"


class LockCover(QWidget):
    """An opaque sheet over one window's contents, following the window's size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)
        self.setStyleSheet(COVER_STYLE)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(self.parentWidget().rect())
        elif event.type() == QEvent.Type.ChildAdded:
            self.raise_()  # a widget added later must not lie on top of the cover
        return False


class UnlockDialog(QDialog):
    """Asks the password of the user who is logged in; the user name cannot be changed."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        user_name: str,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.clock = clock
        self.setObjectName("unlock_dialog")
        self.setWindowTitle(self.tr("Sociaal Huis — locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        heading = QLabel(self.tr("Locked"))
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        explanation = QLabel(
            self.tr(
                "Sociaal Huis was locked so that nobody can read client data. Your work is "
                "kept as you left it. Type your password to continue."
            )
        )
        explanation.setWordWrap(True)
        self.username = QLabel(
            self.tr("{name} ({username})").format(name=user_name, username=actor.username)
        )
        self.password = guard_text(QLineEdit(), PASSWORD_LENGTH)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("User:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Unlock"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.password.setFocus()
        label_inputs(self)

    def accept(self) -> None:
        if not self.password.text():
            self.password.setFocus()
            return
        password = self.password.text()
        self.password.clear()
        now = self.clock() if self.clock else None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            accounts.authenticate(self.db, self.actor.username, password, now)
        except LoginRefused as refused:
            self.error.setText(refusal_text(refused))
            self.error.show()
            self.password.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        super().accept()

    def reject(self) -> None:
        """Escape does not unlock."""

    def closeEvent(self, event: object) -> None:
        event.ignore()  # type: ignore[attr-defined]  # only the password closes it


class IdleLock(QObject):
    """Counts keyboard and mouse input anywhere in the application; locks `window` and every
    other window after `minutes` without any (0: only when asked, `lock_now`)."""

    def __init__(
        self,
        window: QWidget,
        db: Database,
        actor: Actor,
        user_name: str,
        minutes: int,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.db = db
        self.actor = actor
        self.user_name = user_name
        self.minutes = minutes
        self.clock = clock
        self.last_activity = clock()
        self.dialog: UnlockDialog | None = None
        self.covers: list[LockCover] = []
        self.titles: list[tuple[QWidget, str]] = []
        self.focus: QWidget | None = None
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        if minutes > 0:
            self.timer.start()

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self.locked:
            self.last_activity = self.clock()
        return False

    def check(self) -> None:
        idle = self.clock() - self.last_activity
        if self.minutes > 0 and not self.locked and idle >= self.minutes * 60:
            self.lock_now()

    def lock_now(self) -> None:
        """Cover every window and ask the password; nothing underneath changes."""
        if self.locked:
            return
        self.focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()  # an open menu or list could show client data above the cover
        QToolTip.hideText()
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and not isinstance(top, LockCover):
                self.covers.append(LockCover(top))
                # Window titles name the client.
                self.titles.append((top, top.windowTitle()))
                top.setWindowTitle(self.tr("Sociaal Huis — locked"))
        self._record(True)
        self.dialog = UnlockDialog(self.db, self.actor, self.user_name, self.window)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.open()
        self.dialog.password.setFocus()

    def _unlocked(self) -> None:
        assert self.dialog is not None
        self.dialog.deleteLater()
        self.dialog = None
        # A dialog closed while locked (by a background task) takes its cover with it.
        for cover in self.covers:
            if shiboken6.isValid(cover):
                cover.hide()
                cover.deleteLater()
        for top, title in self.titles:
            if shiboken6.isValid(top):
                top.setWindowTitle(title)
        self.covers, self.titles = [], []
        self.last_activity = self.clock()
        self._record(False)
        focus, self.focus = self.focus, None
        if focus is not None and shiboken6.isValid(focus):
            focus.activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _record(self, locked: bool) -> None:
        # The screen is locked all the same; a missing audit line must not keep it open.
        with contextlib.suppress(SociaalHuisError):
            accounts.record_lock(self.db, self.actor, locked)
