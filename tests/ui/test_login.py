"""The login and first-administrator windows: typed with the keyboard only, Dutch refusals that
tell a wrong password from a locked account and an unknown name from neither."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sociaalhuis.access.accounts import add_user, create_first_admin, needs_first_admin
from sociaalhuis.storage.database import Database
from ui.login.login_dialog import FirstAdminDialog, LoginDialog

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def accounts_db(db: Database) -> Database:
    with db.write() as session:
        admin = create_first_admin(session, "an", "An Admin", "diensthoofd", "beheer-wachtwoord")
        add_user(session, admin, "lien", "Lien Peeters", "social_worker", "MW", PASSWORD)
    return db


def type_login(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    """Type as a worker would: name, Tab, password, Enter."""
    dialog.username.clear()
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def login_dialog(qtbot, db: Database, clock=lambda: NOW) -> LoginDialog:
    dialog = LoginDialog(db, clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.username.hasFocus)
    return dialog


def test_a_worker_logs_in_with_the_keyboard(qtbot, dutch, accounts_db):
    dialog = login_dialog(qtbot, accounts_db)
    assert dialog.windowTitle() == "Sociaal Huis — aanmelden"
    with qtbot.waitSignal(dialog.accepted):
        type_login(qtbot, dialog, "lien", PASSWORD)
    assert dialog.actor is not None and dialog.actor.role == "social_worker"


def test_wrong_password_and_unknown_name_read_the_same(qtbot, dutch, accounts_db):
    dialog = login_dialog(qtbot, accounts_db)
    type_login(qtbot, dialog, "lien", "not the password")
    wrong = dialog.error.text()
    assert wrong == "Gebruikersnaam of wachtwoord klopt niet."
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.password.text() == "" and dialog.password.hasFocus()
    type_login(qtbot, dialog, "nobody", "not the password")
    assert dialog.error.text() == wrong


def test_a_locked_account_says_how_long_to_wait(qtbot, dutch, accounts_db):
    clock = [NOW]
    dialog = login_dialog(qtbot, accounts_db, clock=lambda: clock[0])
    for attempt in range(5):
        type_login(qtbot, dialog, "lien", f"wrong {attempt}")
    assert dialog.error.text() == "Te veel mislukte pogingen. Probeer opnieuw over 5 minuten."
    clock[0] = NOW + timedelta(minutes=4, seconds=30)
    type_login(qtbot, dialog, "lien", PASSWORD)
    assert dialog.error.text() == "Te veel mislukte pogingen. Probeer opnieuw over 1 minuut."
    clock[0] = NOW + timedelta(minutes=5)
    with qtbot.waitSignal(dialog.accepted):
        type_login(qtbot, dialog, "lien", PASSWORD)


def test_enter_on_an_empty_password_moves_to_it(qtbot, dutch, accounts_db):
    dialog = login_dialog(qtbot, accounts_db)
    qtbot.keyClicks(dialog.username, "lien")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.password.hasFocus() and dialog.isVisible()
    assert dialog.error.isHidden()


def test_the_first_administrator_is_created_with_the_keyboard(qtbot, dutch, db):
    dialog = FirstAdminDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.display_name.hasFocus)
    for text in ("An Admin", "diensthoofd", "an", "beheer-wachtwoord"):
        qtbot.keyClicks(QApplication.focusWidget(), text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.repeat.hasFocus()
    qtbot.keyClicks(dialog.repeat, "beheer-wachtwoorD")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.error.text() == "De twee wachtwoorden verschillen."
    assert dialog.repeat.hasFocus()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "beheer-wachtwoord")
    dialog.username.setText("a b")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.username.hasFocus() and "gebruikersnaam" in dialog.error.text()
    dialog.username.setText("an")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.role == "admin"
    with db.read() as session:
        assert not needs_first_admin(session)
