"""`python -m ui --screenshots DIR`: the main screens as PNG files, on a fresh demo database.

Runs offscreen in a temporary data folder, so the user's own database and settings are
never touched; used for the README and to look at the screens as a user would. Nobody types a
login: the demo's accounts are made as the first start offers them, and the demo social
worker is logged in.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor
from sociaalhuis.demo.population import STREETS
from sociaalhuis.storage.database import Database

# Most municipal laptops are 1366×768; office screens 1920×1080. The first size is the one the
# README shows; the others go in a sub-folder named after the size.
SIZES = ((1366, 768), (1920, 1080))
DEMO_SEARCH = STREETS["Herent"][0].split()[0]  # a street the demo certainly uses
# Only ever in the scratch database, which is deleted with the screenshots.
SCREENSHOT_PASSWORD = "schermafdruk-demo"


def demo_login(db: Database) -> Actor:
    """Create the first administrator and the demo accounts, and log in as the social worker."""
    from ui.login.login_dialog import DEMO_WORKER, assign_demo_cases, create_demo_accounts

    with db.write() as session:
        admin = accounts.create_first_admin(
            session, "beheer", "Beheerder (demo)", "Beheerder", SCREENSHOT_PASSWORD
        )
        worker_id = create_demo_accounts(session, admin, SCREENSHOT_PASSWORD)
    assign_demo_cases(db, worker_id)
    return accounts.authenticate(db, DEMO_WORKER, SCREENSHOT_PASSWORD)


def take(folder: Path) -> list[Path]:
    """Visit search, household editor and rights panel with an explanation; one PNG each."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="sociaalhuis-screens-") as scratch:
        os.environ["SOCIAALHUIS_DATA_DIR"] = str(Path(scratch) / "data")
        os.environ["SOCIAALHUIS_CONFIG_DIR"] = str(Path(scratch) / "config")
        os.environ.pop("SOCIAALHUIS_DATABASE_URL", None)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(scratch) / "qsettings")
        )
        from ui.launch import build

        app, window = build(["-platform", "offscreen"], login=demo_login)
        assert window is not None  # demo_login never cancels
        try:
            shots = []
            for index, size in enumerate(SIZES):
                where = folder if index == 0 else folder / f"{size[0]}x{size[1]}"
                shots += _visit(app, window, where, size)
            return shots
        finally:
            window.intake.draft.mark_saved()
            window.close()
            window.context.db.close()


def _visit(app: QApplication, window: object, folder: Path, size: tuple[int, int]) -> list[Path]:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.show()
    shots: list[Path] = []

    def shot(name: str) -> None:
        app.processEvents()
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    window.go_search()
    window.search.field.setText(DEMO_SEARCH)
    window.search.search_now()
    shot("1-search")
    # A household with children and a known income shows the most of the editor.
    target = _pick(window)
    window.open_household(target)
    shot("2-household-editor")
    window.set_quick(False)
    rights = window.intake.rights
    for index in range(rights.tree.topLevelItemCount()):
        group = rights.tree.topLevelItem(index)
        if group.childCount():
            rights.tree.setCurrentItem(group.child(0))
            break
    shot("3-rights-explanation")
    window.set_quick(True)
    shot("4-quick-scan")
    window.toggle_client_mode()
    shot("5-client-view")
    window.toggle_client_mode()
    return shots


def _pick(window: object) -> object:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    households = window.services.households
    for summary in households.find(window.context.actor, DEMO_SEARCH, limit=50):
        if summary.member_count >= 3:
            return summary.id
    return households.find(window.context.actor, DEMO_SEARCH, limit=1)[0].id
