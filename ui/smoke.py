"""`sociaalhuis --smoke-test PNG`: the installation check tests/install runs on the bundle.

It starts the desk as a person would, except that the login window is replaced by the first
two lines of standard input (user name, password), checked by the same `authenticate` as the
login window: the real password is needed, failures count towards the lockout and both are
audited. The main window is opened and shown, saved as PNG, and the program exits 0.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sociaalhuis.access.accounts import authenticate
from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage.database import Database
from ui.launch import build
from ui.startup_errors import describe


def login_from_stdin(db: Database) -> Actor:
    """Log in with the user name and password on standard input; raises LoginRefused."""
    username = sys.stdin.readline().rstrip("\r\n")
    password = sys.stdin.readline().rstrip("\r\n")
    return authenticate(db, username, password)


def run(argv: Sequence[str], png: str) -> int:
    """Log in, open and show the main window, save it as `png`; 0 when all of that worked."""
    try:
        app, window = build(list(argv), login_from_stdin)
    except SociaalHuisError as exc:
        message = describe(exc)
        print(f"smoke test: {message.headline} {message.reason}".strip(), file=sys.stderr)
        return 1
    if window is None:
        print("smoke test: no main window", file=sys.stderr)
        return 1
    try:
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        if not window.grab().save(png):
            print(f"smoke test: could not write {png}", file=sys.stderr)
            return 1
        icon = "yes" if not app.windowIcon().isNull() else "no"
        print(
            f"smoke test: logged in as {window.context.user_name}; "
            f"main window '{window.windowTitle()}' saved to {Path(png).name}; icon: {icon}"
        )
        window.close()
        return 0
    finally:
        window.context.db.close()
