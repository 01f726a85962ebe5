"""The idle lock, used as a worker would: type an intake without saving, walk away, come back,
type the password; the unsaved intake is exactly there. Time is a fake clock, never a sleep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sociaalhuis import settings
from sociaalhuis.access import accounts
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent
from ui.lock.idle_lock import IdleLock, LockCover, UnlockDialog
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.widgets.inputs import confirm_focused
from ui.window_settings import WindowSettings

PASSWORD = "koffie-en-koekjes"
MINUTES = 10
CLIENT = ("Kerkstraat", "12", "Ana", "Vandersteen")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, tmp_path: Path, dutch: QApplication, clock: FakeClock
) -> Iterator[MainWindow]:
    """Lien logged in with her password, the idle lock on 10 minutes, checked often."""
    with db.write() as session:
        admin = accounts.create_first_admin(session, "an", "An Beheer", "Diensthoofd", PASSWORD)
        accounts.add_user(session, admin, "lien", "Lien Peeters", "social_worker", "MW", PASSWORD)
    lien = accounts.authenticate(db, "lien", PASSWORD)
    context = AppContext(
        db=db, actor=lien, user_name="Lien Peeters", site="Herent", idle_lock_minutes=MINUTES
    )
    ini = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    main = MainWindow(context, WindowSettings(ini), today=date(2026, 12, 3))
    lock = main.idle_lock
    lock.clock = clock
    lock.last_activity = clock()
    lock.timer.setInterval(20)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    confirm_focused()  # a half-typed field would mark the draft changed again on closing
    main.intake.draft.mark_saved()
    # Closed here, not by qtbot: pytest-qt closes its widgets before fixtures end.
    main.close()
    main.deleteLater()


def type_client_without_saving(qtbot: QtBot, window: MainWindow) -> None:
    window.new_household()
    editor = window.intake.editor
    fields = (editor.street, editor.house_number, editor.rows[0].given, editor.rows[0].family)
    for field, text in zip(fields, CLIENT, strict=True):
        field.setFocus()
        qtbot.keyClicks(field, text)
    assert window.intake.draft.dirty


def typed(window: MainWindow) -> tuple[str, ...]:
    editor = window.intake.editor
    fields = (editor.street, editor.house_number, editor.rows[0].given, editor.rows[0].family)
    return tuple(field.text() for field in fields)


def colours(image: QImage, step: int = 7) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def unlock_with(qtbot: QtBot, dialog: UnlockDialog, password: str) -> None:
    dialog.password.setFocus()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def audit_actions(db: Database) -> list[str]:
    with db.read() as session:
        query = select(AuditEvent.action).order_by(AuditEvent.seq)
        return [a for a in session.scalars(query) if a.startswith("screen_")]


def test_idle_window_locks_hides_the_client_and_keeps_the_unsaved_intake(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, db: Database
) -> None:
    type_client_without_saving(qtbot, window)
    clock.advance(MINUTES - 0.5)
    qtbot.wait(100)
    assert not window.idle_lock.locked
    typing_in, title = QApplication.focusWidget(), window.windowTitle()
    assert typing_in is not None and typing_in.window() is window

    clock.advance(1)
    qtbot.waitUntil(lambda: window.idle_lock.locked)

    dialog = window.idle_lock.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert QApplication.activeModalWidget() is dialog
    assert dialog.windowTitle() == "Sociaal Huis — vergrendeld"
    assert "Lien Peeters (lien)" in dialog.username.text()
    # Nothing of the client is on the screen: the window is one flat colour, its title
    # names nobody.
    [cover] = window.findChildren(LockCover)
    assert cover.isVisible() and cover.geometry() == window.rect()
    assert len(colours(window.grab().toImage())) == 1
    assert "Vandersteen" not in window.windowTitle() and "Ana" not in window.windowTitle()
    # Shortcuts of the covered window do nothing while locked.
    qtbot.keyClick(dialog.password, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.intake.draft.dirty

    unlock_with(qtbot, dialog, "koffie-en-koekje")
    assert dialog.error.text() == "Gebruikersnaam of wachtwoord klopt niet."
    assert window.idle_lock.locked and dialog.isVisible()
    assert dialog.password.text() == ""

    unlock_with(qtbot, dialog, PASSWORD)

    assert not window.idle_lock.locked
    assert not any(c.isVisible() for c in window.findChildren(LockCover))
    assert typed(window) == CLIENT
    assert window.intake.draft.dirty
    assert window.windowTitle() == title
    # The cursor is back where it was (the window gets the keyboard once it is active again).
    assert window.focusWidget() is typing_in
    assert audit_actions(db) == ["screen_locked", "screen_unlocked"]

    qtbot.keyClick(window.intake.editor.rows[0].family, Qt.Key.Key_Tab)
    assert window.intake.save()
    assert not window.intake.draft.dirty
    [saved] = HouseholdService(db).find(window.context.actor, "Vandersteen")
    assert "Vandersteen" in saved.applicant_name


def test_typing_keeps_the_window_open(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    window.new_household()
    for _ in range(3):
        clock.advance(MINUTES - 1)
        qtbot.keyClicks(window.intake.editor.street, "a")
        qtbot.wait(60)
    assert not window.idle_lock.locked


def test_zero_minutes_never_locks_by_itself_but_the_menu_does(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.idle_lock.minutes = 0
    clock.advance(24 * 60)
    qtbot.wait(60)
    assert not window.idle_lock.locked

    file_menu = window.menuBar().actions()[0].menu()
    assert window.lock_action in file_menu.actions()
    assert window.lock_action.text() == "&Vergrendelen"
    assert window.lock_action.shortcut().toString() == "Ctrl+Alt+L"
    qtbot.keyClick(
        window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.idle_lock.locked
    dialog = window.idle_lock.dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.idle_lock.locked and dialog.isVisible()
    unlock_with(qtbot, dialog, PASSWORD)
    assert not window.idle_lock.locked


def test_an_open_dialog_is_covered_too(qtbot: QtBot, window: MainWindow) -> None:
    other = QDialog(window)
    QVBoxLayout(other).addWidget(QLabel("Ana Vandersteen, Kerkstraat 12"))
    other.resize(400, 200)
    other.show()
    qtbot.waitExposed(other)

    window.idle_lock.lock_now()

    covers = other.findChildren(LockCover)
    assert len(covers) == 1 and covers[0].isVisible()
    assert len(colours(other.grab().toImage(), step=3)) == 1
    dialog = window.idle_lock.dialog
    assert dialog is not None
    unlock_with(qtbot, dialog, PASSWORD)
    assert not any(c.isVisible() for c in other.findChildren(LockCover))
    other.close()


def test_idle_time_in_a_modal_dialog_covers_it_and_the_dialog_stays_open(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    """A worker leaves a question box open (its own event loop); the lock comes over it and,
    after unlocking, the box still waits for its answer."""
    asked = QDialog(window)
    QVBoxLayout(asked).addWidget(QLabel("Ana Vandersteen, Kerkstraat 12"))
    seen: list[object] = []

    def walk_away() -> None:
        clock.advance(MINUTES + 1)
        qtbot.waitUntil(lambda: window.idle_lock.locked)
        dialog = window.idle_lock.dialog
        assert dialog is not None
        seen.append(len(colours(asked.grab().toImage(), step=3)))
        seen.append(QApplication.activeModalWidget() is dialog)
        unlock_with(qtbot, dialog, PASSWORD)
        seen.append(asked.isVisible() and not window.idle_lock.locked)
        asked.accept()

    QTimer.singleShot(0, walk_away)
    assert asked.exec() == QDialog.DialogCode.Accepted
    assert seen == [1, True, True]


def test_the_lockout_applies_to_unlocking(qtbot: QtBot, window: MainWindow) -> None:
    window.idle_lock.lock_now()
    dialog = window.idle_lock.dialog
    assert dialog is not None
    for attempt in range(5):
        unlock_with(qtbot, dialog, f"fout {attempt}")
    assert dialog.error.text() == "Te veel mislukte pogingen. Probeer opnieuw over 5 minuten."
    unlock_with(qtbot, dialog, PASSWORD)
    assert window.idle_lock.locked
    assert dialog.error.text().startswith("Te veel mislukte pogingen.")
    # Only an administrator can help now; leave the test without the dialog left open.
    dialog.done(QDialog.DialogCode.Rejected)


def test_a_second_window_gets_no_second_lock(qtbot: QtBot, window: MainWindow) -> None:
    window.idle_lock.lock_now()
    first = window.idle_lock.dialog
    window.idle_lock.lock_now()
    assert window.idle_lock.dialog is first
    assert len(window.findChildren(LockCover)) == 1
    assert first is not None
    unlock_with(qtbot, first, PASSWORD)


# --- the setting ----------------------------------------------------------------------


def write_settings(folder: Path, text: str) -> dict[str, str]:
    config = folder / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(text, encoding="utf-8")
    return {"SOCIAALHUIS_CONFIG_DIR": str(config), "SOCIAALHUIS_DATA_DIR": str(folder / "d")}


def test_idle_lock_minutes_defaults_to_ten_and_is_read(tmp_path: Path) -> None:
    assert settings.load(write_settings(tmp_path, "")).idle_lock_minutes == 10
    assert settings.load(write_settings(tmp_path, "idle_lock_minutes = 0\n")).idle_lock_minutes == 0
    assert (
        settings.load(write_settings(tmp_path, "idle_lock_minutes = 25\n")).idle_lock_minutes == 25
    )


@pytest.mark.parametrize("value", ['"10"', "-1", "481", "true", "2.5"])
def test_a_bad_idle_lock_minutes_names_the_setting_and_file(tmp_path: Path, value: str) -> None:
    env = write_settings(tmp_path, f"idle_lock_minutes = {value}\n")
    with pytest.raises(settings.SettingsError) as refused:
        settings.load(env)
    assert str(tmp_path / "config" / "settings.toml") in str(refused.value)
    assert "idle_lock_minutes" in str(refused.value)


def test_the_setting_reaches_the_window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, isolated_folders: Path
) -> None:
    from sociaalhuis.access.actors import ensure_user
    from ui import launch

    config = isolated_folders / "config"
    config.mkdir()
    (config / "settings.toml").write_text("idle_lock_minutes = 3\n", encoding="utf-8")
    empty = isolated_folders / "office.db"
    Database.open(f"sqlite:///{empty.as_posix()}", create=True).close()

    def login(db: Database):
        with db.write() as session:
            return ensure_user(session, "lien", "Lien Peeters", "social_worker")

    _app, main = launch.build(["--database", str(empty)], login=login)
    assert main is not None
    qtbot.addWidget(main)
    try:
        assert isinstance(main.idle_lock, IdleLock)
        assert main.idle_lock.minutes == 3 and main.idle_lock.timer.isActive()
    finally:
        main.context.db.close()
