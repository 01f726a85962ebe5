"""The `statuses` command of `python -m sociaalhuis`: read an official status list in."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.official.importer import import_statuses
from sociaalhuis.official.statusfile import StatusFileError, load_codes
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database

SHOWN_PROBLEMS = 50


def add_parsers(commands: Any) -> None:
    """Register `statuses import FILE [--dry-run] [--file-date D]`."""
    statuses = commands.add_parser(
        "statuses", help="official statuses (KSZ/CBSS-style lists): read a list file in"
    )
    actions = statuses.add_subparsers(dest="statuses_command", required=True, metavar="ACTION")
    load = actions.add_parser(
        "import",
        help="read a status list (CSV, docs/OFFICIAL-STATUSES.md) into the matching persons",
    )
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--dry-run", action="store_true", help="only report what the import would do")
    load.add_argument(
        "--file-date",
        type=_day,
        metavar="YYYY-MM-DD",
        help="the date the source made the list (default: the date in the file name)",
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def run(
    db: Database, args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run `statuses import`; a file that cannot be read in prints every problem on stderr
    and changes nothing."""
    out = out or sys.stdout
    err = err or sys.stderr
    catalog = loader.load()
    try:
        codes = load_codes(catalog)
        report = import_statuses(
            db,
            _system_actor(db),
            args.file,
            FindingsRefresher(Evaluator(catalog)),
            file_date=args.file_date,
            dry_run=args.dry_run,
            codes=codes,
        )
    except StatusFileError as exc:
        if len(exc.problems) == 1:
            print(
                f"error: {exc.problems[0].describe(exc.file_name)}; nothing was changed", file=err
            )
            return 1
        print(
            f"error: {exc.file_name}: not read in, {len(exc.problems)} problems; "
            "nothing was changed",
            file=err,
        )
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem.describe(exc.file_name)}", file=err)
        if len(exc.problems) > SHOWN_PROBLEMS:
            print(f"  … and {len(exc.problems) - SHOWN_PROBLEMS} more", file=err)
        return 1
    for line in report.describe():
        print(line, file=out)
    return 0
