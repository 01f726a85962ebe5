"""`python -m ui [--database URL]` starts the desktop application, after checking that Qt's
system libraries load (`ui.preflight`); `python -m ui admin COMMAND …` runs the administration
command line (the bundle's `sociaalhuis admin …`)."""

from ui.preflight import main

raise SystemExit(main())
