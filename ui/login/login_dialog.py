"""The login window and the first-administrator window: Dutch, keyboard-first.

Both call the accounts service directly: a login is a single short unit of work (one Argon2
check, a few tenths of a second), done under a wait cursor before any other window exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import accounts
from sociaalhuis.access.accounts import LoginRefused
from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from ui.widgets.inputs import guard_text

PASSWORD_LENGTH = accounts.MAX_PASSWORD
ERROR_STYLE = "color: #a4000f;"


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setAccessibleName("error")
    label.hide()
    return label


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _busy(work: Callable[[], Actor]) -> Actor:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QApplication.restoreOverrideCursor()


class LoginDialog(QDialog):
    """Asks a user name and password; `actor` holds who logged in once it is accepted."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sociaal Huis — log in"))
        self.username = guard_text(QLineEdit(), 80)
        self.password = guard_text(QLineEdit(), PASSWORD_LENGTH)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("&Log in"), self.tr("Cancel")))
        self.username.setFocus()

    def accept(self) -> None:
        # Enter on an empty field moves on instead of trying a login that must fail.
        for field in (self.username, self.password):
            if not field.text():
                field.setFocus()
                return
        now = self.clock() if self.clock else None
        name, password = self.username.text(), self.password.text()
        try:
            self.actor = _busy(lambda: accounts.authenticate(self.db, name, password, now))
        except LoginRefused as refused:
            self.show_refusal(refused)
            return
        super().accept()

    def show_refusal(self, refused: LoginRefused) -> None:
        if refused.reason == "locked":
            text = self.tr(
                "Too many failed attempts. Try again in %n minute(s).", "", refused.minutes
            )
        elif refused.reason == "inactive":
            text = self.tr("This account is switched off. Ask an administrator to switch it on.")
        else:
            text = self.tr("User name or password is wrong.")
        self.error.setText(text)
        self.error.show()
        self.password.clear()
        self.password.setFocus()


class FirstAdminDialog(QDialog):
    """On a new database: create the first administrator; `actor` is that administrator."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Sociaal Huis — first administrator"))
        self.display_name = guard_text(QLineEdit())
        self.function_title = guard_text(QLineEdit(), 200)
        self.username = guard_text(QLineEdit(), 80)
        self.password = guard_text(QLineEdit(), PASSWORD_LENGTH)
        self.repeat = guard_text(QLineEdit(), PASSWORD_LENGTH)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = _error_label()
        intro = QLabel(
            self.tr(
                "This database has no administrator yet. The administrator adds the other accounts."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.display_name)
        form.addRow(self.tr("&Function title:"), self.function_title)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(_buttons(self, self.tr("&Create"), self.tr("Cancel")))
        self.display_name.setFocus()

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self._refuse(self.tr("The two passwords differ."), self.repeat)
            return
        try:
            self.actor = _busy(self._create)
        except ValidationError as exc:
            self._refuse(*self._explain(exc.field))
            return
        except PermissionDenied:
            self._refuse(self.tr("An administrator exists already; log in instead."), None)
            return
        super().accept()

    def _create(self) -> Actor:
        with self.db.write() as session:
            return accounts.create_first_admin(
                session,
                self.username.text(),
                self.display_name.text(),
                self.function_title.text(),
                self.password.text(),
            )

    def _explain(self, field: str) -> tuple[str, QLineEdit]:
        explanations = {
            "username": (
                self.tr(
                    "Choose a user name of 2 to 80 characters: letters, digits, '.', '_' or '-'."
                ),
                self.username,
            ),
            "display_name": (self.tr("Fill in the name."), self.display_name),
            "function_title": (
                self.tr("Fill in the function title; it is printed on letters."),
                self.function_title,
            ),
        }
        password = self.tr(
            "The password needs at least {minimum} characters and must differ from the user name."
        ).format(minimum=accounts.MIN_PASSWORD)
        return explanations.get(field, (password, self.password))

    def _refuse(self, text: str, field: QLineEdit | None) -> None:
        self.error.setText(text)
        self.error.show()
        if field is not None:
            field.setFocus()
            field.selectAll()
