"""The Management menu shows each role what the matrix allows it, and opens the windows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.storage.database import Database
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.window_settings import WindowSettings

EXPECTED = {
    "intake": ["&Synchronisatieconflicten…", "S&ynchroniseren…"],
    "social_worker": ["&Synchronisatieconflicten…", "S&ynchroniseren…"],
    "team_lead": [
        "&Onderbescherming…",
        "&Toekenningsrondes…",
        "&Audittrail…",
        "&Noodtoegang (break-glass)…",
        "O&fficiële statussen inlezen…",
        "&Synchronisatieconflicten…",
        "S&ynchroniseren…",
    ],
    "admin": [
        "&Onderbescherming…",
        "&Audittrail…",
        "&Noodtoegang (break-glass)…",
        "A&ccounts…",
        "&Briefhoofd…",
        "O&fficiële statussen inlezen…",
    ],
}


@pytest.fixture
def open_as(qtbot: QtBot, db: Database, tmp_path: Path, dutch: QApplication) -> Iterator[object]:
    windows: list[MainWindow] = []

    def build(role: str) -> MainWindow:
        with db.write() as session:
            actor = ensure_user(session, f"user-{role}", f"Naam {role}", role)
        context = AppContext(db=db, actor=actor, user_name=f"Naam {role}", site="Herent")
        settings = WindowSettings(
            QSettings(str(tmp_path / f"{role}.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(context, settings, today=date(2026, 12, 3))
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()
        window.deleteLater()


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_only_what_it_may_open(open_as, role: str) -> None:
    window = open_as(role)
    menu = window.management_menu
    if EXPECTED[role] is None:
        assert menu is None
        titles = [action.text() for action in window.menuBar().actions()]
        assert "Behee&r" not in titles
    else:
        assert menu is not None and menu.title() == "Behee&r"
        assert [action.text() for action in menu.actions()] == EXPECTED[role]
    # Only those who work with client files search and register them.
    assert window.search_action.isEnabled() == (role != "admin")
    assert window.new_action.isEnabled() == (role != "admin")
    assert window.search.isVisibleTo(window) == (role != "admin")


OPENS = {
    "admin": ("onderbescherming", "audit", "noodtoegang", "accounts", "briefhoofd"),
    "team_lead": (
        "onderbescherming",
        "toekenningsronde",
        "audit",
        "noodtoegang",
        "conflicten",
        "synchroniseren",
    ),
}


@pytest.mark.parametrize("role", sorted(OPENS))
def test_each_entry_opens_its_window(open_as, qtbot: QtBot, role: str) -> None:
    window = open_as(role)
    seen: list[str] = []

    def close_the_dialog() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            seen.append(widget.windowTitle())
            widget.close()

    for action in window.management_menu.actions():
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        QTimer.singleShot(300, close_the_dialog)
        action.trigger()
        opened = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and id(w) not in before and not isinstance(w, MainWindow)
        ]
        seen.extend(w.windowTitle() for w in opened)
        for widget in opened:
            widget.close()
        qtbot.wait(350)
    titles = " | ".join(seen).lower()
    for word in OPENS[role]:
        assert word in titles, (word, seen)
