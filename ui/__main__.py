"""`python -m ui [--database URL]` starts the desktop application."""

from ui.app import main

raise SystemExit(main())
