"""UI test fixtures: Qt offscreen, and every test in its own data, config and QSettings folders."""

from __future__ import annotations

import os

# Before anything imports Qt: no windows on the developer's screen, and CI has none.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.storage.database import Database
from ui.i18n import install_translations
from ui.startup import AppContext

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Fresh data and config folders; the developer's own database and settings stay out."""
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)
    monkeypatch.delenv("SOCIAALHUIS_SITE", raising=False)
    # QSettings() in the code under test then reads and writes an INI file under tmp_path.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    return tmp_path


@pytest.fixture
def dutch(qapp: QApplication) -> QApplication:
    """The application with the Dutch translations installed, as `main()` does."""
    install_translations(qapp, "nl")
    return qapp


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    """A fresh SQLite database; the window tests need no second backend."""
    database = Database.open(f"sqlite:///{(tmp_path / 'ui.db').as_posix()}", create=True)
    yield database
    database.close()


@pytest.fixture
def actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "lien", "Lien Peeters", "social_worker")


@pytest.fixture
def context(db: Database, actor: Actor) -> AppContext:
    return AppContext(db=db, actor=actor, user_name="Lien Peeters", site="Herent")


@pytest.fixture
def window(
    qtbot: QtBot, context: AppContext, tmp_path: Path, dutch: QApplication
) -> Iterator[MainWindow]:
    """The main window on a municipal laptop's screen (1366×768), dated 3 December 2026;
    closed without the unsaved-changes question at the end. Test modules may define their own."""
    from datetime import date

    from ui.main_window import MainWindow
    from ui.window_settings import WindowSettings

    settings = WindowSettings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    main = MainWindow(context, settings, today=date(2026, 12, 3))
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.intake.draft.mark_saved()  # nothing left to guard: close without asking
    main.close()
    main.deleteLater()


@pytest.fixture(autouse=True)
def no_forgotten_dialogs(qapp: QApplication) -> Iterator[None]:
    """A modal dialog nobody answers would hang the run: close it and fail the test instead."""
    from PySide6.QtCore import QTimer

    stuck: list[str] = []
    seen: dict[int, int] = {}

    def watch() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            seen.clear()
            return
        ticks = seen[id(widget)] = seen.get(id(widget), 0) + 1
        if ticks >= 20:  # about ten seconds
            stuck.append(f"{type(widget).__name__}: {getattr(widget, 'text', str)()}")
            widget.close()

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(500)
    yield
    timer.stop()
    assert not stuck, f"a dialog was left open: {stuck}"
