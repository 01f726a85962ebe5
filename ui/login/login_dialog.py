"""The login window and the first-administrator window: Dutch, keyboard-first.

Both call the accounts service directly: a login is a single short unit of work (one Argon2
check, a few tenths of a second), done under a wait cursor before any other window exists.
`ask_login` is what start-up shows: the first administrator on a new database, then the login.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from sociaalhuis.access import accounts
from sociaalhuis.access.accounts import LoginRefused
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.access.need_to_know import assign_all_unassigned
from sociaalhuis.demo.loader import is_demo
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from ui.widgets.forms import dialog_buttons, error_label, label_inputs
from ui.widgets.inputs import guard_text

PASSWORD_LENGTH = accounts.MAX_PASSWORD
# (user name, display name, role, function title) of the demo's desk accounts; the demo's
# cases go to the social worker.
DEMO_ACCOUNTS = (
    ("onthaal", "Onthaal (demo)", "intake", "Onthaalmedewerker"),
    ("mw", "Maatschappelijk werker (demo)", "social_worker", "Maatschappelijk werker"),
    ("teamleider", "Teamleider (demo)", "team_lead", "Teamleider"),
)
DEMO_WORKER = "mw"


class Refusals(QObject):
    """Why a login (or an unlock) was refused, in the user's language; a class so that
    lupdate sees the plural (it does not for `translate()` with a count)."""

    def text(self, refused: LoginRefused) -> str:
        if refused.reason == "locked":
            minutes = refused.minutes or 1
            return self.tr("Too many failed attempts. Try again in %n minute(s).", "", minutes)
        if refused.reason == "inactive":
            return self.tr("This account is switched off. Ask an administrator to switch it on.")
        return self.tr("User name or password is wrong.")


def refusal_text(refused: LoginRefused) -> str:
    return Refusals().text(refused)


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
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("&Log in"), self.tr("Cancel")))
        self.setMinimumWidth(400)  # the refusal reads on one or two lines, not four
        self.username.setFocus()
        label_inputs(self)

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
        self.error.setText(refusal_text(refused))
        self.error.show()
        self.password.clear()
        self.password.setFocus()


class FirstAdminDialog(QDialog):
    """On a new database: create the first administrator; `actor` is that administrator."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, offer_demo_accounts: bool = False
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.demo_worker_id: uuid.UUID | None = None
        self.cases_assigned = 0
        self.setWindowTitle(self.tr("Sociaal Huis — first administrator"))
        self.display_name = guard_text(QLineEdit())
        self.function_title = guard_text(QLineEdit(), 200)
        self.username = guard_text(QLineEdit(), 80)
        self.password = guard_text(QLineEdit(), PASSWORD_LENGTH)
        self.repeat = guard_text(QLineEdit(), PASSWORD_LENGTH)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
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
        self.demo_accounts = QCheckBox(self.tr("Also create &demo accounts (same password)"))
        self.demo_accounts.setChecked(offer_demo_accounts)
        self.demo_accounts.setVisible(offer_demo_accounts)
        # A check box does not wrap its text: the longer explanation goes beneath it.
        demo_names = QLabel(
            self.tr(
                "For the intake desk, a social worker and a team lead; user names: {names}."
            ).format(names=", ".join(name for name, *_rest in DEMO_ACCOUNTS))
        )
        demo_names.setWordWrap(True)
        demo_names.setIndent(24)
        demo_names.setVisible(offer_demo_accounts)
        self.demo_accounts.toggled.connect(demo_names.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.demo_accounts)
        layout.addWidget(demo_names)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("&Create"), self.tr("Cancel")))
        self.setMinimumWidth(520)
        self.display_name.setFocus()
        label_inputs(self)

    @property
    def with_demo_accounts(self) -> bool:
        return self.demo_accounts.isVisible() and self.demo_accounts.isChecked()

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self._refuse(self.tr("The two passwords differ."), self.repeat)
            return
        if self.with_demo_accounts and self._clashes_with_demo():
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

    def _clashes_with_demo(self) -> bool:
        """Refuse a user name a demo account takes, or a password that is one's user name."""
        names = {name for name, *_rest in DEMO_ACCOUNTS}
        if accounts.normalize_username(self.username.text()) in names:
            self._refuse(
                self.tr("A demo account has this user name; choose another."), self.username
            )
            return True
        if self.password.text().strip().lower() in names:
            self._refuse(
                self.tr(
                    "The demo accounts get this password too: it may not be one of their "
                    "user names."
                ),
                self.password,
            )
            return True
        return False

    def _create(self) -> Actor:
        # One unit of work: a refused demo account leaves no administrator behind either.
        with self.db.write() as session:
            admin = accounts.create_first_admin(
                session,
                self.username.text(),
                self.display_name.text(),
                self.function_title.text(),
                self.password.text(),
            )
            if self.with_demo_accounts:
                self.demo_worker_id = create_demo_accounts(session, admin, self.password.text())
        if self.demo_worker_id is not None:
            self.cases_assigned = assign_demo_cases(self.db, self.demo_worker_id)
        return admin

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


def create_demo_accounts(session: Session, admin: Actor, password: str) -> uuid.UUID:
    """The demo's desk accounts, made by the first administrator; the social worker's id."""
    ids = {
        name: accounts.add_user(session, admin, name, display, role, title, password).user_id
        for name, display, role, title in DEMO_ACCOUNTS
    }
    return ids[DEMO_WORKER]


def assign_demo_cases(db: Database, worker_id: uuid.UUID) -> int:
    """Give the demo's unassigned cases to the demo social worker; how many."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    return assign_all_unassigned(db, system, worker_id)


def ask_login(db: Database) -> Actor | None:
    """Start-up's question who is at the keyboard: on a new database first the administrator
    (with the demo accounts offered on demo data), then the login; None when cancelled."""
    with db.read() as session:
        first = accounts.needs_first_admin(session)
    if first:
        creating = FirstAdminDialog(db, offer_demo_accounts=is_demo(db))
        accepted = creating.exec() == QDialog.DialogCode.Accepted
        creating.deleteLater()
        if not accepted:
            return None
    dialog = LoginDialog(db)
    try:
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
