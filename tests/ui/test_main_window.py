"""The main window and the start-up path: demo marking, database shown, failures reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.demo.loader import is_demo, load
from sociaalhuis.storage.database import Database
from ui import app as ui_app
from ui import launch, startup
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.startup_errors import StartupMessage
from ui.window_settings import WindowSettings

DEMO_MARKER = "DEMOGEGEVENS"
FEW_HOUSEHOLDS = 8

# main() and build() reuse the test session's QApplication instead of making their own.
pytestmark = pytest.mark.usefixtures("qapp")


def worker_login(db: Database) -> Actor:
    """Start-up's login without windows: Lien, a social worker (tests/ui/test_startup_login.py
    logs in through the real windows)."""
    with db.write() as session:
        return ensure_user(session, "lien", "Lien Peeters", "social_worker")


def open_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_shows_database_user_and_no_demo_marker(
    qtbot: QtBot, dutch: QApplication, context: AppContext
) -> None:
    window = open_window(qtbot, context)

    assert window.windowTitle() == "Sociaal Huis Herent"
    assert window.demo_banner.isHidden()
    assert window.database_label.text() == context.db.location
    assert context.db.location in window.database_status.text()
    assert window.household_count_label.text() == "0"
    assert "Lien Peeters (lien)" in window.user_label.text()
    assert "maatschappelijk werker" in window.user_label.text()


def test_demo_data_is_marked_in_title_and_banner(
    qtbot: QtBot, dutch: QApplication, context: AppContext
) -> None:
    with context.db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(context.db, system, households=FEW_HOUSEHOLDS, seed=1)

    window = open_window(qtbot, context)

    assert window.windowTitle() == f"Sociaal Huis Herent — {DEMO_MARKER}"
    assert window.demo_banner.isVisible()
    assert window.household_count_label.text() == str(FEW_HOUSEHOLDS)


def test_menus_are_dutch_and_exit_closes_the_window(
    qtbot: QtBot, dutch: QApplication, context: AppContext
) -> None:
    window = open_window(qtbot, context)

    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Bestand", "&Cliënt", "&Partners", "B&eeld", "Behee&r", "&Help"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_about_names_version_and_database(
    qtbot: QtBot,
    dutch: QApplication,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    window = open_window(qtbot, context)

    window.about_action.trigger()

    [(title, text)] = shown
    assert title == "Over Sociaal Huis"
    assert context.db.location in text


def test_geometry_is_restored(qtbot: QtBot, context: AppContext) -> None:
    window = open_window(qtbot, context)
    window.resize(720, 480)
    window.close()

    again = open_window(qtbot, context)

    assert (again.width(), again.height()) == (720, 480)
    assert WindowSettings().geometry("main") is not None


def test_first_start_creates_default_database_with_demo_data(
    qtbot: QtBot, isolated_folders: Path
) -> None:
    database_file = isolated_folders / "data" / "sociaalhuis.db"

    _app, window = launch.build([], login=worker_login)
    assert window is not None
    qtbot.addWidget(window)
    db = window.context.db

    try:
        assert database_file.exists()
        assert db.location == str(database_file)
        assert is_demo(db)
        assert HouseholdService(db).count() == startup.DEMO_HOUSEHOLDS == 500
        assert window.household_count_label.text() == "500"
        assert DEMO_MARKER in window.windowTitle()
        assert window.context.actor.role == "social_worker"
        assert window.context.user_name == "Lien Peeters"
    finally:
        db.close()


def test_second_start_does_not_add_demo_data_again(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup, "DEMO_HOUSEHOLDS", FEW_HOUSEHOLDS)
    _app, first = launch.build([], login=worker_login)
    assert first is not None
    qtbot.addWidget(first)
    first.context.db.close()

    _app, window = launch.build([], login=worker_login)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert HouseholdService(window.context.db).count() == FEW_HOUSEHOLDS
    finally:
        window.context.db.close()


def test_explicit_empty_database_is_not_filled_and_not_marked(
    qtbot: QtBot, dutch: QApplication, tmp_path: Path
) -> None:
    path = tmp_path / "office.db"
    Database.open(f"sqlite:///{path.as_posix()}", create=True).close()

    _app, window = launch.build(["--database", str(path)], login=worker_login)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert window.windowTitle() == "Sociaal Huis Herent"
        assert window.database_label.text() == str(path)
    finally:
        window.context.db.close()


def run_main_expecting_error(argv: list[str]) -> StartupMessage:
    messages: list[StartupMessage] = []
    assert ui_app.main(argv, show_error=messages.append) == 1
    [message] = messages
    return message


@pytest.mark.parametrize("via", ["--database", "default location"])
def test_file_that_is_not_a_database_is_reported_and_left_alone(
    isolated_folders: Path, via: str
) -> None:
    if via == "--database":
        path = isolated_folders / "notes.db"
        argv = ["--database", f"sqlite:///{path.as_posix()}"]
    else:
        path = isolated_folders / "data" / "sociaalhuis.db"
        argv = []
    path.parent.mkdir(parents=True, exist_ok=True)
    content = b"Gesprek met mevrouw Janssens, 12 maart.\n" * 50
    path.write_bytes(content)

    message = run_main_expecting_error(argv)

    assert message.headline == "De database kan niet geopend worden."
    assert message.location == str(path)
    assert str(path) in message.text()
    assert message.reason == "Het bestand is geen database."
    assert "Er is niets gewijzigd." in message.text()
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_database_of_unknown_schema_version_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    connection.close()
    before = path.read_bytes()

    message = run_main_expecting_error(["--database", str(path)])

    assert message.location == str(path)
    assert "9999_from_the_future" in message.reason
    assert path.read_bytes() == before


def test_invalid_database_url_is_reported() -> None:
    message = run_main_expecting_error(["--database", "no-such-driver://somewhere/db"])

    assert message.headline == "De database kan niet geopend worden."
    assert "no-such-driver" in message.location


def test_broken_settings_file_is_reported_with_its_location(isolated_folders: Path) -> None:
    settings_file = isolated_folders / "config" / "settings.toml"
    settings_file.parent.mkdir()
    settings_file.write_text('database_url = "sqlite:///x.db\n', encoding="utf-8")

    message = run_main_expecting_error([])

    assert message.headline == "Het instellingenbestand is niet bruikbaar."
    assert message.location == str(settings_file)
    assert not (isolated_folders / "data").exists()
