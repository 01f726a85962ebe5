"""`python -m sociaalhuis screen`: bring stored findings up to date, or compare two catalogs.

Input is checked before anything is read or written (a bad date or catalog exits with 1).
Ctrl+C during a screen keeps every finished batch; running the command again continues.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.access import audit
from sociaalhuis.access.actors import ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import ValidationError
from sociaalhuis.screening.compare import Comparison, compare
from sociaalhuis.screening.runner import DEFAULT_BATCH, ScreenSummary, run_screen
from sociaalhuis.spreadsheet import plain_cell
from sociaalhuis.storage.database import Database

FORMATS = ("text", "csv", "json")
BAR_WIDTH = 30


def add_parsers(commands: Any) -> None:
    """Register `screen` on the main parser's sub-commands."""
    parser = commands.add_parser(
        "screen",
        help="store findings for every household whose findings are out of date",
        description="Screen the households whose stored findings are missing or out of date "
        "(other catalog version, date or facts), in batches that are each saved on their own; "
        "with --compare, show who would gain or lose a right under another catalog instead.",
    )
    parser.add_argument("--all", action="store_true", help="screen every household again")
    # Dates and numbers are checked in `run`, so bad input exits with 1 and a clear message.
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="screen as of this date (default: today)"
    )
    parser.add_argument(
        "--catalog",
        type=Path,
        metavar="DIR",
        help="catalog folder (default: the catalog shipped in resources/)",
    )
    parser.add_argument(
        "--batch",
        default=str(DEFAULT_BATCH),
        metavar="N",
        help=f"households per saved batch (default {DEFAULT_BATCH})",
    )
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="CATALOG_DIR",
        help="write nothing; list per right who would gain or lose it under this catalog",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="for --compare (default: from the --output file's suffix, else text)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="for --compare (default: stdout)"
    )


def run(db: Database, args: argparse.Namespace) -> int:
    on = _day(args.date)
    batch = _batch(args.batch)
    if args.compare is None and (args.format is not None or args.output is not None):
        raise ValidationError("--format/--output", "only apply to --compare")
    if args.compare is not None and args.all:
        raise ValidationError("--all", "does not apply to --compare, which writes nothing")
    catalog = _catalog(args.catalog, "--catalog", on)
    if args.compare is not None:
        other = _catalog(args.compare, "--compare", on)
    # What exists now (catalog, engine, mappers) lives as long as this command: the collector
    # need not walk it again at every collection. It walked it often enough, with a batch's
    # rows in memory, to cost a fifth of a full re-screen.
    gc.freeze()
    if args.compare is None:
        return _screen(db, catalog, on, args.all, batch)
    found = compare(
        db, catalog, other, on, batch=batch, progress=ProgressBar(sys.stderr, "compared")
    )
    form = args.format or _suffix_format(args.output)
    text = {"text": as_text, "csv": as_csv, "json": as_json}[form](found)
    changes = len(found.changes)
    # The listing names clients: like every export it goes into the audit trail (as the
    # system user, as every command does), before it leaves the program.
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        audit.record(
            session,
            system,
            "caseload.compared",
            "caseload",
            None,
            households=found.households,
            changes=changes,
            format=form,
            to="stdout" if args.output is None else "file",
        )
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise ValidationError("--output", f"cannot write {args.output} ({exc.strerror})") from None
    print(f"{changes:,} change(s) written to {args.output}", file=sys.stderr)
    return 0


def _suffix_format(output: Path | None) -> str:
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in FORMATS else "text"


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("--date", f"{text!r} is not a date as YYYY-MM-DD") from None


def _batch(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ValidationError("--batch", f"{text!r} is not a whole number above 0")
    return int(text)


def _catalog(folder: Path | None, option: str, on: date) -> Catalog:
    if folder is not None and not folder.is_dir():
        raise ValidationError(option, f"{folder} is not a catalog folder (no such folder)")
    catalog, problems = loader.check(folder, today=on)
    if catalog is None:
        errors = [p for p in problems if p.severity == "error"]
        for problem in errors:
            print(problem, file=sys.stderr)
        where = folder or loader.DEFAULT_FOLDER
        raise ValidationError(
            option, f"the catalog in {where} does not load: {len(errors)} error(s), listed above"
        )
    return catalog


def _screen(db: Database, catalog: Catalog, on: date, everything: bool, batch: int) -> int:
    bar = ProgressBar(sys.stderr, "screened")
    try:
        summary = run_screen(db, catalog, on, everything=everything, batch=batch, progress=bar)
    except KeyboardInterrupt:
        bar.finish()
        print(
            f"interrupted: the {bar.done:,} households of the finished batches are saved; "
            "run the command again to continue with the rest",
            file=sys.stderr,
        )
        return 130
    bar.finish()
    print(report(summary, catalog.version, on))
    return 0


def report(summary: ScreenSummary, catalog_version: str, on: date) -> str:
    """The summary of a screen, as printed after it."""
    rate = summary.screened / summary.seconds if summary.seconds > 0 else 0.0
    lines = [
        f"screened {summary.screened:,} of {summary.total:,} out-of-date households "
        f"on {on.isoformat()} with catalog {catalog_version} "
        f"in {summary.seconds:.1f} s ({rate:,.0f} households/s)"
    ]
    if summary.skipped:
        lines.append(
            f"{summary.skipped:,} household(s) changed while being screened; "
            "the next run screens them"
        )
    lines.append(f"findings changed: {summary.findings_changed:,}")
    width = max((len(right) for right in summary.changed), default=0)
    lines.extend(f"  {right:<{width}}  {count:>9,}" for right, count in summary.changed.items())
    return "\n".join(lines)


class ProgressBar:
    """`progress(done, total)` for stderr: a bar redrawn in place on a terminal, else a line
    per batch (a log file gets no carriage returns)."""

    def __init__(self, stream: TextIO, verb: str) -> None:
        self.stream = stream
        self.verb = verb
        self.tty = stream.isatty()
        self.started = time.perf_counter()
        self.done = 0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        self.done = done
        seconds = time.perf_counter() - self.started
        rate = done / seconds if seconds > 0 else 0.0
        eta = f"ETA {_clock((total - done) / rate)}" if rate > 0 and done < total else ""
        counts = f"{done:,}/{total:,} households  {rate:,.0f}/s  {eta}".rstrip()
        if self.tty:
            filled = BAR_WIDTH * done // total if total else BAR_WIDTH
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {counts}\x1b[K")
            self.drawn = True
        elif done or not total:
            self.stream.write(f"{self.verb} {counts}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False


def _clock(seconds: float) -> str:
    whole = int(seconds + 0.5)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def as_text(found: Comparison) -> str:
    """A table of gains and losses per right, then one line per change."""
    lines = [
        f"catalog {found.before_version} → {found.after_version} on {found.on.isoformat()}: "
        f"{found.households:,} households evaluated, {len(found.changes):,} verdict(s) differ"
    ]
    for label, rights in (("new", found.only_after), ("dropped", found.only_before)):
        if rights:
            lines.append(f"rights {label} in {found.after_version}: {', '.join(rights)}")
    per_right = found.per_right()
    if per_right:
        width = max(len("right"), *(len(right) for right in per_right))
        lines += ["", f"{'right':<{width}}  {'gains':>7}  {'losses':>7}  {'changed':>7}"]
        for right, counts in per_right.items():
            lines.append(
                f"{right:<{width}}  {counts['gain']:>7,}  {counts['loss']:>7,}"
                f"  {counts['changed']:>7,}"
            )
        lines.append("")
        for change in found.changes:
            lines.append(
                f"{change.kind:<7}  {change.household_id}  {change.applicant}  "
                f"{change.right_id}: {change.before} → {change.after}"
            )
    return "\n".join(lines) + "\n"


def _rows(found: Comparison) -> list[dict[str, str]]:
    return [
        {
            "household_id": str(change.household_id),
            "applicant": change.applicant,
            "right": change.right_id,
            "change": change.kind,
            "before": change.before,
            "after": change.after,
        }
        for change in found.changes
    ]


def as_csv(found: Comparison) -> str:
    """One row per change under a header; cells a spreadsheet would run are made plain text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["household_id", "applicant", "right", "change", "before", "after"])
    for row in _rows(found):
        writer.writerow([plain_cell(value) for value in row.values()])
    return out.getvalue()


def as_json(found: Comparison) -> str:
    """One object: the date, both catalog versions, the counts per right and the changes."""
    document = {
        "date": found.on.isoformat(),
        "catalog_before": found.before_version,
        "catalog_after": found.after_version,
        "households": found.households,
        "rights_only_before": list(found.only_before),
        "rights_only_after": list(found.only_after),
        "per_right": found.per_right(),
        "changes": _rows(found),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
