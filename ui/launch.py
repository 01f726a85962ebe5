"""Setting up the application and its main window without running it: `build()`.

Set-up order matters: the Dutch translations are installed before anything can fail, so
even a broken settings file is reported in Dutch. `ui.app` runs what this builds, and
`ui.screenshots` builds the same window on a demo database.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from sociaalhuis import __version__, settings
from sociaalhuis.resources import resource_path
from sociaalhuis.storage.backup import start_due_backup
from ui.i18n import DEFAULT_LANGUAGE, install_translations
from ui.main_window import MainWindow
from ui.qt_check import require_safe_runtime
from ui.startup import Login, open_workspace


def parse_arguments(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (such as `-platform offscreen`)."""
    parser = argparse.ArgumentParser(
        prog="python -m ui", description="Sociaal Huis intake and rights desk."
    )
    parser.add_argument("--version", action="version", version=f"sociaalhuis {__version__}")
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        help="start offscreen on a fresh demo database, save a PNG of each main screen in "
        "DIR and exit",
    )
    parser.add_argument(
        "--check-libraries",
        action="store_true",
        help="only check that Qt's system libraries load, name the missing Debian packages "
        "and exit (1 when one is missing); handled by ui.preflight before Qt loads",
    )
    parser.add_argument(
        "--smoke-test",
        metavar="PNG",
        help="installation check: log in with the user name and password on the first two "
        "lines of standard input, open the main window, save it as PNG and exit",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL or SQLite file to open instead of the configured one; "
        "it is never created or migrated",
    )
    return parser.parse_known_args(argv)


def database_url(value: str) -> str:
    """A URL as given, or a plain file path as an SQLite URL."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve().as_posix()}"


def create_application(qt_arguments: list[str]) -> QApplication:
    """The QApplication (the existing one under tests), named so QSettings has a home."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(qt_arguments)
    app.setOrganizationName(settings.APP_AUTHOR)
    app.setApplicationName(settings.APP_NAME)
    app.setApplicationVersion(__version__)
    # The desktop entry's name, so the window manager shows the entry's icon and groups.
    app.setDesktopFileName("sociaalhuis")
    app.setWindowIcon(application_icon())
    return app


def application_icon() -> QIcon:
    """The house-and-heart icon at every size drawn in resources/icons."""
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("sociaalhuis-*.png")):
        icon.addFile(str(png))
    return icon


def load_settings(database: str | None) -> settings.Settings:
    """The settings in force, with `--database` taking precedence; raises SettingsError."""
    loaded = settings.load()
    if database is None:
        return loaded
    return replace(loaded, database_url=database_url(database), uses_default_database=False)


def build(
    argv: list[str] | None = None, login: Login | None = None
) -> tuple[QApplication, MainWindow | None]:
    """Create the application, ask who logs in, and create the main window without showing
    it; no window (and the database closed) when the login is cancelled.

    Raises SociaalHuisError; the application and its translations exist by then, so
    the caller can show the error. A PySide6 known to crash long sessions on this Python
    is refused before anything is opened (`ui.qt_check`). `login` replaces the login
    windows (tests, screenshots).
    """
    options, qt_arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    app = create_application([sys.argv[0] or "sociaalhuis", *qt_arguments])
    install_translations(app, DEFAULT_LANGUAGE)
    require_safe_runtime()
    config = load_settings(options.database)
    if config.language != DEFAULT_LANGUAGE:
        install_translations(app, config.language)
    context = open_workspace(config, login)
    if context is None:
        return app, None
    try:
        window = MainWindow(context)
    except BaseException:
        context.db.close()
        raise
    window.start_contrast(config.high_contrast)
    # A due scheduled backup runs in the background (nothing when no backup_dir is set).
    start_due_backup(context.db, config)
    return app, window
