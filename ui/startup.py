"""What happens between reading the settings and showing the first window.

Open the database (creating and migrating only the default SQLite file), make sure the
person at the keyboard is a user, and fill a brand-new default database with demo data.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.demo.loader import load
from sociaalhuis.referrals.partners import load_partners
from sociaalhuis.settings import DATABASE_FILE, Settings
from sociaalhuis.storage.database import Database

DEMO_HOUSEHOLDS = 500
DEMO_SEED = 2026
USER_ROLE = "social_worker"
SYSTEM_USER, SYSTEM_NAME = "system", "Systeem"  # the same user as `python -m sociaalhuis demo`
PROGRESS_DELAY_MS = 400

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class AppContext:
    """What the windows need from start-up: the open database, the acting user and the site."""

    db: Database
    actor: Actor
    user_name: str
    site: str


def open_workspace(settings: Settings) -> AppContext:
    """Open the database of `settings` for the current user; raises SociaalHuisError.

    Only the default database is created or migrated: a database named explicitly
    (settings file, environment, `--database`) is used as it is or refused unchanged.
    """
    default = settings.uses_default_database
    first_start = default and not (settings.data_dir / DATABASE_FILE).exists()
    db = Database.open(settings.database_url, create=default, migrate=default)
    try:
        username = getpass.getuser()
        user_name = full_name(username) or username
        with db.write() as session:
            actor = ensure_user(session, username, user_name, USER_ROLE)
        if first_start:
            load_demo_data(db)
            # The partners of the sociale kaart are real: a new database starts with them.
            with db.write() as session:
                system = ensure_user(session, SYSTEM_USER, SYSTEM_NAME, "system")
            load_partners(db, system)
    except BaseException:
        db.close()
        raise
    return AppContext(db=db, actor=actor, user_name=user_name, site=settings.site)


def full_name(username: str) -> str:
    """The person's name as the operating system knows it, or "" (always on Windows)."""
    try:
        import pwd
    except ImportError:
        return ""
    try:
        gecos = pwd.getpwnam(username).pw_gecos
    except KeyError:
        return ""
    return gecos.split(",")[0].strip()


def load_demo_data(db: Database) -> None:
    """Fill `db` with synthetic households, loaded by the system user as the CLI does.

    The generator reports progress per few thousand households, so the default load (well
    under a second) shows only a wait cursor; the dialog appears for slower, larger loads.
    """
    with db.write() as session:
        system = ensure_user(session, SYSTEM_USER, SYSTEM_NAME, "system")
    dialog = demo_progress_dialog()

    def progress(done: int, total: int) -> None:
        # A modal QProgressDialog processes events in setValue, so the window stays painted.
        dialog.setMaximum(total)
        dialog.setValue(done)

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        load(db, system, households=DEMO_HOUSEHOLDS, seed=DEMO_SEED, progress=progress)
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()


def demo_progress_dialog() -> QProgressDialog:
    """A modal progress dialog that only appears once the load has taken a while."""
    dialog = QProgressDialog()
    dialog.setWindowTitle(translate("Startup", "Sociaal Huis"))
    dialog.setLabelText(
        translate(
            "Startup", "First start: creating fictitious households to try the application with…"
        )
    )
    dialog.setCancelButton(None)  # type: ignore[arg-type]  # load() cannot be interrupted
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setRange(0, DEMO_HOUSEHOLDS)
    return dialog
