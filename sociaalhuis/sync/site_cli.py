"""The `site` commands of `python -m sociaalhuis`: show this database's site, name it and
say whether it is the central database or a laptop."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import SITE_ROLES
from sociaalhuis.sync import site


def add_parsers(commands: Any) -> None:
    """Register `site show|set` on the main parser's sub-commands."""
    parser = commands.add_parser("site", help="show or set this database's synchronisation site")
    actions = parser.add_subparsers(dest="site_command", required=True, metavar="ACTION")
    actions.add_parser("show", help="print the site id, name, role, epoch and last change")
    change = actions.add_parser("set", help="name the site or change its role")
    change.add_argument("--name", help="e.g. 'Antennepost Veltem'")
    change.add_argument("--role", choices=SITE_ROLES, help="central or laptop")


def run(db: Database, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.site_command == "set":
        with db.write() as session:
            found = site.set_site(session, name=args.name, role=args.role)
    else:
        with db.read() as session:
            found = site.current(session)
    print(f"site id:     {found.site_id}", file=out)
    print(f"name:        {found.name or '(none)'}", file=out)
    print(f"role:        {found.role}", file=out)
    print(f"epoch:       {found.epoch}", file=out)
    print(f"last change: {found.last_seq}", file=out)
    return 0
