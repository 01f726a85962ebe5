"""The `privacy` commands of `python -m sociaalhuis`: export a client's data, close a file,
and anonymise the files whose retention period has passed (dry run first)."""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis import settings
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.privacy import anonymise, export, retention
from sociaalhuis.storage.database import Database


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _household(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a household id") from None


def add_parsers(commands: Any) -> None:
    """Register `privacy export`, `privacy close` and `privacy anonymise`."""
    privacy = commands.add_parser("privacy", help="GDPR: data export, closing, anonymisation")
    actions = privacy.add_subparsers(dest="privacy_command", required=True, metavar="ACTION")
    out = actions.add_parser(
        "export", help="everything stored about a household or person: JSON, PDF, letters"
    )
    subject = out.add_mutually_exclusive_group(required=True)
    subject.add_argument("--household", type=_household, metavar="ID")
    subject.add_argument("--person", metavar="INSZ", help="national register number")
    out.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new folder")
    close = actions.add_parser("close", help="close a household's file (retention starts)")
    close.add_argument("--household", type=_household, required=True, metavar="ID")
    close.add_argument("--on", type=_day, metavar="DATE", help="the closing day (today)")
    close.add_argument("--reason", default="", help="why the file is closed")
    forget = actions.add_parser(
        "anonymise", help="anonymise closed files older than retention_years (settings.toml)"
    )
    forget.add_argument("--dry-run", action="store_true", help="list them, change nothing")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    forget.add_argument("--on", type=_day, metavar="DATE", help="the day to count on (today)")


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def run(
    db: Database, args: argparse.Namespace, out: TextIO | None = None, answer: TextIO | None = None
) -> int:
    """Run one privacy command; errors the core raises on purpose reach the caller."""
    out = out or sys.stdout
    actor = _system_actor(db)
    if args.privacy_command == "export":
        result = export.export(
            db, actor, args.out, household_id=args.household, person_number=args.person
        )
        rows = sum(result.counts.values())
        print(
            f"exported {rows} rows from {len(result.counts)} tables and "
            f"{len(result.files) - 2} letters to {result.folder}",
            file=out,
        )
        return 0
    if args.privacy_command == "close":
        closed = retention.close_file(db, actor, args.household, args.on, args.reason)
        print(f"file {closed.household_id} closed on {closed.closed_on.isoformat()}", file=out)
        return 0
    return _anonymise(db, actor, args, out, answer or sys.stdin)


def _anonymise(
    db: Database, actor: Actor, args: argparse.Namespace, out: TextIO, answer: TextIO
) -> int:
    years = settings.load().retention_years
    on = args.on or date.today()
    planned = anonymise.anonymise(db, actor, years=years, today=on, dry_run=True)
    print(f"retention period: {years} years after closing; counted on {on.isoformat()}", file=out)
    for item in planned:
        file = item.file
        print(
            f"{file.household_id}  closed {file.closed_on.isoformat()}  expired "
            f"{file.expires_on.isoformat()}  {item.values_replaced} values",
            file=out,
        )
    print(f"{len(planned)} closed files past the retention period", file=out)
    if args.dry_run or not planned:
        print("nothing was changed", file=out)
        return 0
    if not args.yes:
        print(f"anonymise these {len(planned)} files? this cannot be undone [yes/no] ", file=out)
        if answer.readline().strip().lower() not in ("yes", "ja"):
            print("nothing was changed", file=out)
            return 1
    done = anonymise.anonymise(db, actor, years=years, today=on, dry_run=False)
    values = sum(item.values_replaced for item in done)
    print(f"anonymised {len(done)} files ({values} values replaced)", file=out)
    return 0
