"""The `directory` commands of `python -m sociaalhuis`: seed, import and export the sociale
kaart."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.referrals import hsds, partners
from sociaalhuis.referrals.hsds_report import DEFAULTED, DROPPED, MAPPED, MappingReport
from sociaalhuis.storage.database import Database

SHOWN_PROBLEMS = 20


def add_parsers(commands: Any) -> None:
    """Register `directory seed|import|export` on the main parser's sub-commands."""
    directory = commands.add_parser(
        "directory",
        help="the sociale kaart: seed it, import Open Referral HSDS 1.x, 2.0 or 3.0, export 3.0",
    )
    actions = directory.add_subparsers(dest="directory_command", required=True, metavar="ACTION")
    seed = actions.add_parser(
        "seed", help="add the Herent partners (resources/sociale-kaart/partners.toml) once"
    )
    seed.add_argument("--file", type=Path, metavar="PARTNERS.toml", help="another partners file")
    load = actions.add_parser(
        "import",
        help="import an HSDS 1.x, 2.0 or 3.0 package (a folder of CSV files); all or nothing",
    )
    load.add_argument("folder", type=Path, metavar="FOLDER")
    load.add_argument(
        "--report",
        type=Path,
        metavar="FILE.csv|FILE.json",
        help="write what was mapped, defaulted or dropped, per file, row and column",
    )
    save = actions.add_parser("export", help="write the sociale kaart as an HSDS 3.0 package")
    save.add_argument("folder", type=Path, metavar="FOLDER", help="a new or empty folder")


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def run(db: Database, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run one directory command; errors the core raises on purpose reach the caller."""
    out = out or sys.stdout
    actor = _system_actor(db)
    action = args.directory_command
    if action == "seed":
        summary = partners.load_partners(db, actor, args.file)
        print(
            f"sociale kaart: {len(summary.added)} partner(s) added with {summary.services} "
            f"service(s) and {summary.locations} location(s); {len(summary.skipped)} already "
            "there",
            file=out,
        )
        return 0
    if action == "import":
        report_file = getattr(args, "report", None)
        if report_file is not None and not report_file.parent.is_dir():
            print(f"error: {report_file}: its folder does not exist", file=sys.stderr)
            return 1
        try:
            imported = hsds.import_package(db, actor, args.folder)
        except hsds.HsdsError as exc:
            return _problems(exc, sys.stderr)
        print(f"imported {args.folder} (HSDS {imported.version}): {imported.describe()}", file=out)
        _report(imported.report, report_file, out)
        for note in imported.notes:
            print(f"note: {note}", file=out)
        if imported.not_imported:
            print(f"checked, not imported: {', '.join(imported.not_imported)}", file=out)
        if imported.ignored:
            print(f"ignored (not HSDS tables): {', '.join(imported.ignored)}", file=out)
        return 0
    exported = hsds.export_package(db, actor, args.folder)
    counts = ", ".join(f"{file} {count}" for file, count in exported.rows.items())
    print(f"exported the sociale kaart to {exported.folder}: {counts}", file=out)
    for note in exported.notes:
        print(f"note: {note}", file=out)
    return 0


def _report(report: MappingReport, file: Path | None, out: TextIO) -> None:
    """The report folded per file, column and decision; in full in `file` when given."""
    counts = report.counts()
    print(
        f"report: {counts[MAPPED]} mapped, {counts[DEFAULTED]} defaulted, "
        f"{counts[DROPPED]} dropped",
        file=out,
    )
    for line in report.summary():
        if not line.split(": ", 1)[1].startswith(MAPPED):
            print(f"  {line}", file=out)
    if file is not None:
        report.write(file)
        print(f"full report: {file}", file=out)


def _problems(exc: hsds.HsdsError, err: TextIO) -> int:
    if len(exc.problems) == 1:
        print(f"error: {exc.message}", file=err)
        return 1
    print(
        f"error: {exc.folder}: not imported, {len(exc.problems)} problem(s) in the package; "
        "nothing was changed",
        file=err,
    )
    for problem in exc.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}", file=err)
    if len(exc.problems) > SHOWN_PROBLEMS:
        print(f"  … and {len(exc.problems) - SHOWN_PROBLEMS} more", file=err)
    return 1
