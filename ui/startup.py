"""What happens between reading the settings and showing the first window.

Open the database (creating and migrating only the default SQLite file), fill a brand-new
default database with demo data, and ask who is at the keyboard (`ui.login`): the first
administrator on a new database, then a login. The operating-system account plays no part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from sociaalhuis.access.accounts import list_users
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.demo.loader import load
from sociaalhuis.errors import StorageError
from sociaalhuis.referrals.partners import load_partners
from sociaalhuis.settings import DATABASE_FILE, Settings
from sociaalhuis.storage.database import Database
from ui.login.login_dialog import ask_login
from ui.login.passphrase_dialog import ask_passphrase

DEMO_HOUSEHOLDS = 500
DEMO_SEED = 2026
SYSTEM_USER, SYSTEM_NAME = "system", "Systeem"  # the same user as `python -m sociaalhuis demo`
PROGRESS_DELAY_MS = 400

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate

# Who is at the keyboard, asked on the open database; None when they cancel.
Login = Callable[[Database], Actor | None]
# The passphrase of an encrypted database, asked and tried: (url, location, migrate) to the
# open database, or None when the user cancels.
Unlock = Callable[[str, str, bool], Database | None]


@dataclass(frozen=True)
class AppContext:
    """What the windows need from start-up: the open database, the acting user and the site."""

    db: Database
    actor: Actor
    user_name: str
    site: str
    # 0 = never; the tests' windows are built without an idle lock unless they ask for one.
    idle_lock_minutes: int = 0


def open_workspace(
    settings: Settings, login: Login | None = None, unlock: Unlock | None = None
) -> AppContext | None:
    """Open the database of `settings` and log the user in; None (the database closed again)
    when they cancel. Raises SociaalHuisError.

    Only the default database is created or migrated: a database named explicitly
    (settings file, environment, `--database`) is used as it is or refused unchanged.
    `login` defaults to the login windows (`ask_login`), `unlock` to the passphrase window
    of an encrypted database (`ask_passphrase`).
    """
    default = settings.uses_default_database
    first_start = default and not (settings.data_dir / DATABASE_FILE).exists()
    try:
        db = Database.open(settings.database_url, create=default, migrate=default)
    except StorageError as exc:
        if exc.kind != "needs_passphrase":
            raise
        opened = (unlock or ask_passphrase)(settings.database_url, exc.location, default)
        if opened is None:
            return None
        db = opened
    try:
        if first_start:
            load_demo_data(db)
            # The partners of the sociale kaart are real: a new database starts with them.
            with db.write() as session:
                system = ensure_user(session, SYSTEM_USER, SYSTEM_NAME, "system")
            load_partners(db, system)
        actor = (login or ask_login)(db)
        if actor is None:
            db.close()
            return None
        user_name = display_name(db, actor)
    except BaseException:
        db.close()
        raise
    return AppContext(
        db=db,
        actor=actor,
        user_name=user_name,
        site=settings.site,
        idle_lock_minutes=settings.idle_lock_minutes,
    )


def display_name(db: Database, actor: Actor) -> str:
    """The name the logged-in user's account shows, or the user name."""
    with db.read() as session:
        for account in list_users(session):
            if account.user_id == actor.user_id:
                return account.display_name
    return actor.username


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
