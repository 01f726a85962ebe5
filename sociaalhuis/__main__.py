"""`python -m sociaalhuis`: the command line."""

import sys

from sociaalhuis.cli import main

sys.exit(main())
