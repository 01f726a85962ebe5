"""Start-up asks who is at the keyboard: the first administrator on a new database, then the
login; cancelling either ends the program cleanly. Typed as a worker would, in Dutch."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from keyboard import when_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.errors import BreakGlassRequired, PermissionDenied
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import CaseAssignment, User
from ui import app as ui_app
from ui import launch, startup
from ui.login.login_dialog import FirstAdminDialog, LoginDialog
from ui.main_window import MainWindow, report_refusals
from ui.startup import AppContext

PASSWORD = "koffie-en-koekjes"
FEW_HOUSEHOLDS = 8

pytestmark = pytest.mark.usefixtures("qapp", "dutch")


def type_into(qtbot: QtBot, fields: list[tuple[QWidget, str]]) -> None:
    for field, text in fields:
        field.setFocus()
        qtbot.keyClicks(field, text)


def fill_first_admin(qtbot: QtBot, seen: list[object], then: Callable[[], None]) -> None:
    """Answer the first-administrator window when it appears, then go on with `then`;
    `seen` gets the window and its demo-accounts box as (shown, checked, text)."""

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, FirstAdminDialog), type(widget).__name__
        box = widget.demo_accounts
        seen.extend([widget, (box.isVisible(), box.isChecked(), box.text())])
        type_into(
            qtbot,
            [
                (widget.display_name, "An Beheer"),
                (widget.function_title, "Diensthoofd"),
                (widget.username, "an"),
                (widget.password, PASSWORD),
                (widget.repeat, PASSWORD),
            ],
        )
        then()
        qtbot.keyClick(widget.repeat, Qt.Key.Key_Return)

    when_modal(answer)


def log_in(qtbot: QtBot, username: str, password: str = PASSWORD) -> None:
    def answer(widget: QWidget) -> None:
        assert isinstance(widget, LoginDialog), type(widget).__name__
        type_into(qtbot, [(widget.username, username), (widget.password, password)])
        qtbot.keyClick(widget.password, Qt.Key.Key_Return)

    when_modal(answer)


def cancel(kind: type[QWidget], seen: list[QWidget]) -> None:
    def answer(widget: QWidget) -> None:
        seen.append(widget)
        assert isinstance(widget, kind), type(widget).__name__
        QTest.keyClick(widget, Qt.Key.Key_Escape)

    when_modal(answer)


def test_first_start_asks_the_administrator_then_the_login_and_makes_demo_accounts(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, isolated_folders: Path
) -> None:
    monkeypatch.setattr(startup, "DEMO_HOUSEHOLDS", FEW_HOUSEHOLDS)
    seen: list[object] = []
    fill_first_admin(qtbot, seen, then=lambda: log_in(qtbot, "mw"))

    _app, window = launch.build([])

    assert window is not None
    qtbot.addWidget(window)
    db = window.context.db
    try:
        _dialog, offered = seen
        assert offered == (
            True,
            True,
            "Maak ook &demo-accounts aan (zelfde wachtwoord)",
        )
        assert window.context.actor.username == "mw"
        assert window.context.actor.role == "social_worker"
        assert window.context.user_name == "Maatschappelijk werker (demo)"
        assert "Maatschappelijk werker (demo) (mw)" in window.user_label.text()
        assert HouseholdService(db).count() == FEW_HOUSEHOLDS
        with db.read() as session:
            roles = {a.username: a.role for a in accounts.list_users(session)}
        assert roles == {
            "an": "admin",
            "mw": "social_worker",
            "onthaal": "intake",
            "teamleider": "team_lead",
        }
        # Each demo account has the administrator's password.
        assert accounts.authenticate(db, "teamleider", PASSWORD).role == "team_lead"
        # The demo's cases are the demo social worker's.
        with db.read() as session:
            owners = list(session.scalars(select(CaseAssignment.user_id)))
        assert len(owners) == FEW_HOUSEHOLDS
        assert set(owners) == {window.context.actor.user_id}
    finally:
        db.close()


def test_the_demo_accounts_can_be_left_out(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(startup, "DEMO_HOUSEHOLDS", FEW_HOUSEHOLDS)
    seen: list[object] = []

    def untick() -> None:
        dialog = seen[0]
        assert isinstance(dialog, FirstAdminDialog)
        dialog.demo_accounts.setChecked(False)
        log_in(qtbot, "an")

    fill_first_admin(qtbot, seen, then=untick)
    _app, window = launch.build([])
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.context.actor.role == "admin"
        with window.context.db.read() as session:
            assert [a.username for a in accounts.list_users(session)] == ["an"]
    finally:
        window.context.db.close()


def test_a_database_without_demo_data_offers_no_demo_accounts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    Database.open(f"sqlite:///{path.as_posix()}", create=True).close()
    seen: list[object] = []
    fill_first_admin(qtbot, seen, then=lambda: log_in(qtbot, "an"))

    _app, window = launch.build(["--database", str(path)])

    assert window is not None
    qtbot.addWidget(window)
    try:
        assert seen[1][0] is False  # type: ignore[index]
        assert window.context.actor.role == "admin"
        assert window.context.user_name == "An Beheer"
    finally:
        window.context.db.close()


def closes_recorded(monkeypatch: pytest.MonkeyPatch) -> list[Database]:
    closed: list[Database] = []
    real_close = Database.close

    def close(self: Database) -> None:
        closed.append(self)
        real_close(self)

    monkeypatch.setattr(Database, "close", close)
    return closed


def test_cancelling_the_first_administrator_ends_cleanly(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup, "DEMO_HOUSEHOLDS", FEW_HOUSEHOLDS)
    closed = closes_recorded(monkeypatch)
    seen: list[QWidget] = []
    cancel(FirstAdminDialog, seen)

    assert ui_app.main([], show_error=pytest.fail) == 0

    assert len(seen) == 1 and len(closed) == 1
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_cancelling_the_login_ends_cleanly(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "office.db"
    db = Database.open(f"sqlite:///{path.as_posix()}", create=True)
    with db.write() as session:
        accounts.create_first_admin(session, "an", "An Beheer", "Diensthoofd", PASSWORD)
    db.close()
    closed = closes_recorded(monkeypatch)
    seen: list[QWidget] = []
    cancel(LoginDialog, seen)

    assert ui_app.main(["--database", str(path)], show_error=pytest.fail) == 0

    assert len(seen) == 1 and len(closed) == 1
    assert not any(isinstance(w, MainWindow) for w in QApplication.topLevelWidgets())


def test_a_demo_account_name_is_refused_for_the_administrator(qtbot: QtBot, db: Database) -> None:
    dialog = FirstAdminDialog(db, offer_demo_accounts=True)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(
        qtbot,
        [
            (dialog.display_name, "Mia Werker"),
            (dialog.function_title, "MW"),
            (dialog.username, "mw"),
            (dialog.password, PASSWORD),
            (dialog.repeat, PASSWORD),
        ],
    )
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)

    assert dialog.isVisible() and dialog.focusWidget() is dialog.username
    assert dialog.error.text() == "Een demo-account heeft deze gebruikersnaam; kies een andere."
    with db.read() as session:
        assert accounts.needs_first_admin(session)


@pytest.fixture
def managed(db: Database) -> tuple[Actor, Actor]:
    """An administrator and Lien, a social worker, with real accounts."""
    with db.write() as session:
        admin = accounts.create_first_admin(session, "an", "An Beheer", "Diensthoofd", PASSWORD)
        accounts.add_user(session, admin, "lien", "Lien Peeters", "social_worker", "MW", PASSWORD)
    return admin, accounts.authenticate(db, "lien", PASSWORD)


def refused_save(qtbot: QtBot, db: Database, lien: Actor, monkeypatch: pytest.MonkeyPatch) -> str:
    """Lien types a new client and saves after her account changed; the message she sees."""
    window = MainWindow(AppContext(db=db, actor=lien, user_name="Lien Peeters", site="Herent"))
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text: shown.append(f"{title}: {text}")
    )
    monkeypatch.setattr(sys, "excepthook", report_refusals(window, sys.excepthook))
    window.new_household()
    editor = window.intake.editor
    type_into(
        qtbot,
        [
            (editor.street, "Kerkstraat"),
            (editor.house_number, "3"),
            (editor.rows[0].given, "Ana"),
            (editor.rows[0].family, "Peeters"),
        ],
    )
    window.save_action.trigger()
    window.intake.draft.mark_saved()
    [message] = shown
    return message


def test_a_switched_off_account_is_told_so_in_dutch(
    qtbot: QtBot, db: Database, managed: tuple[Actor, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, lien = managed
    with db.write() as session:
        accounts.deactivate_user(session, admin, "lien")

    message = refused_save(qtbot, db, lien, monkeypatch)

    assert message.startswith("Niet toegestaan: Uw account werd uitgeschakeld")
    assert "Er werd niets gewijzigd." in message


def test_a_changed_role_is_told_so_in_dutch(
    qtbot: QtBot, db: Database, managed: tuple[Actor, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin, lien = managed
    with db.write() as session:
        user = session.get(User, lien.user_id)
        assert user is not None
        user.role = "intake"

    message = refused_save(qtbot, db, lien, monkeypatch)

    assert "Uw rol werd gewijzigd naar onthaalmedewerker" in message
    assert "meld u opnieuw aan" in message


def test_a_colleagues_case_is_explained_not_blamed_on_the_role(
    qtbot: QtBot, db: Database, managed: tuple[Actor, Actor]
) -> None:
    _admin, lien = managed
    window = MainWindow(AppContext(db=db, actor=lien, user_name="Lien Peeters", site="Herent"))
    qtbot.addWidget(window)

    text = window.explain_refusal(BreakGlassRequired(uuid.uuid4()))

    assert text.startswith("Dit dossier is toegewezen aan een collega.")
    assert window.explain_refusal(PermissionDenied("no")) == (
        "Als maatschappelijk werker mag u dit niet doen. Er werd niets gewijzigd. Vraag het aan "
        "een collega of een teamleider als het toch moet gebeuren."
    )
