"""The `letterhead` commands of `python -m sociaalhuis`: show and set who sends the letters.

Like `users`, whoever runs these has the database at hand and acts as the system user; the
change is in the audit trail and applies to every letter printed afterwards.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import (
    MAX_LINES,
    MAX_LOGO_BYTES,
    LetterheadService,
    check_logo,
    read_logo,
)
from sociaalhuis.storage.database import Database


def add_parsers(commands: Any) -> None:
    """Register `letterhead show|set` on the main parser's sub-commands."""
    parser = commands.add_parser("letterhead", help="show or set the sender printed on letters")
    actions = parser.add_subparsers(dest="letterhead_command", required=True, metavar="ACTION")
    actions.add_parser("show", help="print the letterhead in force")
    change = actions.add_parser(
        "set", help="change the letterhead; options left out keep their value"
    )
    change.add_argument("--organisation", help="e.g. 'Sociaal Huis Herent'")
    change.add_argument(
        "--address",
        action="append",
        metavar="LINE",
        help=f"one address line; repeat for each line (at most {MAX_LINES}); "
        "give --address '' to clear the address",
    )
    change.add_argument("--phone", help="e.g. '016 85 30 00'")
    change.add_argument("--email", help="the address partners answer to")
    change.add_argument("--website", help="e.g. 'www.herent.be/sociaal-huis'")
    change.add_argument(
        "--opening-hours", dest="opening_hours", help="e.g. 'ma-vr 9-12 uur, di 14-19 uur'"
    )
    logo = change.add_mutually_exclusive_group()
    logo.add_argument(
        "--logo",
        type=Path,
        metavar="FILE",
        help=f"a PNG or JPEG file of at most {MAX_LOGO_BYTES // 1024} KB, drawn atop every letter",
    )
    logo.add_argument("--no-logo", action="store_true", help="print letters without a logo")


def run(db: Database, args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    service = LetterheadService(db)
    current = service.get()
    if args.letterhead_command == "show":
        _print(current.sender, current.version, out)
        return 0
    old = current.sender
    lines = old.address_lines if args.address is None else tuple(args.address)
    new = Sender(
        organisation=old.organisation if args.organisation is None else args.organisation,
        address_lines=lines,
        phone=old.phone if args.phone is None else args.phone,
        email=old.email if args.email is None else args.email,
        website=old.website if args.website is None else args.website,
        opening_hours=old.opening_hours if args.opening_hours is None else args.opening_hours,
    )
    if args.logo is not None:
        new = replace(new, logo=read_logo(args.logo))
    elif not args.no_logo:
        new = replace(new, logo=old.logo)
    with db.write() as session:
        actor = ensure_user(session, "system", "Systeem", "system")
    saved = service.update(actor, new, current.version)
    print("letterhead saved; letters printed from now on carry:", file=out)
    _print(saved.sender, saved.version, out)
    return 0


def _print(sender: Sender, version: int, out: TextIO) -> None:
    if version == 0:
        print("(not set yet: the built-in defaults below are printed)", file=out)
    print(f"organisation: {sender.organisation}", file=out)
    for line in sender.address_lines or ("-",):
        print(f"address:      {line}", file=out)
    print(f"phone:        {sender.phone or '-'}", file=out)
    print(f"e-mail:       {sender.email or '-'}", file=out)
    print(f"website:      {sender.website or '-'}", file=out)
    print(f"open:         {sender.opening_hours or '-'}", file=out)
    if sender.logo:
        logo = check_logo(sender.logo)
        kind = logo.media_type.removeprefix("image/").upper()
        print(f"logo:         {kind}, {logo.width} × {logo.height} pixels", file=out)
    else:
        print("logo:         -", file=out)
