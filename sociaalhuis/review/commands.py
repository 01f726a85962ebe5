"""`python -m sociaalhuis non-take-up`: a list of the team lead's review as a file, for a
monthly report. Whoever runs it has the database at hand, so it acts as the system user;
the export is recorded in the audit trail like one from the window."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.errors import ValidationError
from sociaalhuis.review.export import FORMATS, export_review
from sociaalhuis.review.filters import (
    AGE_BANDS,
    DEELGEMEENTEN,
    HOUSEHOLD_TYPES,
    LEVELS,
    ReviewFilters,
)
from sociaalhuis.review.lists import LISTS
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import User

# The service's field names as the options that set them.
OPTIONS = {
    "which": "--list",
    "right_id": "--right",
    "level": "--level",
    "provider": "--provider",
    "deelgemeente": "--deelgemeente",
    "age_band": "--age-band",
    "household_type": "--household-type",
    "format": "--format",
    "output": "--output",
}


def add_parsers(commands: Any) -> None:
    """Register `non-take-up` on the main parser's sub-commands."""
    parser = commands.add_parser(
        "non-take-up",
        help="write a non-take-up list (eligible, possible, overdue) to a file",
        description="Write one list of the team lead's non-take-up review to a CSV, XLSX or "
        "JSON file, with the filters and the date in the file. Run `screen` first: the lists "
        "read the stored findings.",
    )
    # Values are checked in `run`, so bad input exits with 1 and one line naming the option.
    parser.add_argument("--list", default="eligible", help=f"one of {', '.join(LISTS)}")
    parser.add_argument("--right", metavar="ID", help="a right's id in the catalog")
    parser.add_argument("--level", help=f"one of {', '.join(LEVELS)}")
    parser.add_argument("--provider", help="a provider as the catalog names it")
    parser.add_argument("--deelgemeente", metavar="NAME", help=", ".join(DEELGEMEENTEN))
    parser.add_argument("--worker", metavar="USERNAME", help="the current case worker")
    parser.add_argument("--age-band", help=f"the applicant's age: {', '.join(AGE_BANDS)}")
    parser.add_argument("--household-type", help=", ".join(HOUSEHOLD_TYPES))
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="as of this date (default today)")
    parser.add_argument("--format", help=f"one of {', '.join(FORMATS)} (required)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="the file to write (required)")


def run(db: Database, args: argparse.Namespace) -> int:
    on = _day(args.date)
    if args.list not in LISTS:
        raise ValidationError("--list", f"unknown list {args.list!r}; one of {', '.join(LISTS)}")
    if args.format is None:
        raise ValidationError("--format", f"is required: one of {', '.join(FORMATS)}")
    if args.format not in FORMATS:
        raise ValidationError(
            "--format", f"unknown format {args.format!r}; one of {', '.join(FORMATS)}"
        )
    output: Path | None = args.output
    if output is None:
        raise ValidationError("--output", "is required: the file to write")
    if output.is_dir() or not (output.parent if str(output.parent) else Path(".")).is_dir():
        raise ValidationError("--output", f"{output} is not a file in an existing folder")
    catalog = loader.load(today=on)
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        worker_id = _worker(session, args.worker)
    filters = ReviewFilters(
        right_id=args.right,
        level=args.level,
        provider=args.provider,
        worker_id=worker_id,
        deelgemeente=args.deelgemeente,
        age_band=args.age_band,
        household_type=args.household_type,
    )
    try:
        rows = export_review(db, system, catalog, args.list, filters, output, args.format, on)
    except ValidationError as exc:
        raise ValidationError(OPTIONS.get(exc.field, exc.field), exc.reason) from None
    print(f"{rows:,} row(s) written to {output}", file=sys.stderr)
    return 0


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("--date", f"{text!r} is not a date as YYYY-MM-DD") from None


def _worker(session: Any, name: str | None) -> Any:
    if name is None:
        return None
    found = session.scalars(select(User.id).where(User.username == name)).first()
    if found is None:
        raise ValidationError("--worker", f"no user with user name {name!r}")
    return found
