"""Starting the desktop application: `ui.launch.build()` does the set-up, `main()` adds the
event loop and reports start-up errors."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from sociaalhuis.errors import SociaalHuisError
from ui.launch import build, parse_arguments
from ui.startup import Login
from ui.startup_errors import StartupMessage, describe, show_startup_error

ShowError = Callable[[StartupMessage], None]


def main(
    argv: list[str] | None = None,
    show_error: ShowError = show_startup_error,
    login: Login | None = None,
) -> int:
    """Run the application; 0 when the login is cancelled, 1 after a start-up error that
    `show_error` reported. `login` replaces the login windows (tests)."""
    options, _qt = parse_arguments(sys.argv[1:] if argv is None else argv)
    if options.screenshots:
        from ui.screenshots import take

        for path in take(Path(options.screenshots)):
            print(path)
        return 0
    try:
        app, window = build(argv, login)
    except SociaalHuisError as exc:
        show_error(describe(exc))
        return 1
    if window is None:
        return 0
    from ui.main_window import report_refusals

    previous = sys.excepthook
    sys.excepthook = report_refusals(window, previous)
    window.show()
    try:
        return app.exec()
    finally:
        sys.excepthook = previous
        window.context.db.close()
