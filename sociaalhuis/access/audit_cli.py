"""`python -m sociaalhuis audit verify|export`: check the audit trail's hash chain and its
guards, or write the trail to a CSV file for Excel.

`verify` exits 0 when every event is linked and every append-only trigger is in place; 1 with
the first broken link (or the missing guards) otherwise. Each other site's chain received here
gets a Dutch line of its own, and a break in one also exits 1. The newest link is printed so a team
lead can note it elsewhere and later check, with `--expect`, that history was not rewritten.
`export` acts as the system user, like the `users` commands (whoever runs it has the database
at hand); the export is itself an audit event.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from sociaalhuis.access import trail
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.access.chain import ChainReport, SiteChainReport, verify
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database

NOTED_LINK = re.compile(r"(\d+):([0-9a-f]{64})")
# Below this many events a walk takes well under a second: no progress line.
PROGRESS_FROM = 100_000
# The kinds of `chain.Break` in the Dutch lines about other sites' chains.
BREAK_KINDS = {
    "changed": "gewijzigd",
    "missing": "ontbrekend",
    "inserted": "ingevoegd",
    "reordered": "van volgorde veranderd",
    "relinked": "anders gekoppeld",
    "truncated": "ingekort",
}


def add_parsers(commands: Any) -> None:
    """Register `audit` and its actions on the main parser's sub-commands."""
    audit = commands.add_parser("audit", help="check the audit trail")
    actions = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    check = actions.add_parser(
        "verify",
        help="verify the hash chain of the audit trail and the append-only guards",
        description="Walk every audit event in order and check its hash and its link to the "
        "one before; report the first broken link (changed, missing, inserted or reordered "
        "events, or events cut off the end) and any append-only trigger that is missing.",
    )
    # SUPPRESS: without the option here, the global `--database` (before `audit`) stays.
    check.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    check.add_argument(
        "--expect",
        metavar="SEQ:HASH",
        help="a link printed by an earlier verify; fail unless the chain still holds it",
    )
    export = actions.add_parser(
        "export",
        help="write the audit trail, newest first, to a CSV file for Excel",
        description="Write the audit events that match the filters, newest first, to a CSV "
        "file (UTF-8, ';'-separated, as Excel in Belgium expects). The export is recorded "
        "in the audit trail.",
    )
    export.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="database URL")
    export.add_argument("--output", required=True, metavar="FILE", type=Path, help="CSV file")
    export.add_argument("--since", metavar="DATE", type=_day, help="from this day (YYYY-MM-DD)")
    export.add_argument(
        "--until", metavar="DATE", type=_day, help="up to and including this day (YYYY-MM-DD)"
    )
    export.add_argument("--user", metavar="NAME", help="only this user (user name or full name)")
    export.add_argument("--action", metavar="A", help="only this action, e.g. household.viewed")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def run(db: Database, args: argparse.Namespace) -> int:
    if args.audit_command == "export":
        return _export(db, args)
    expect = _noted_link(args.expect) if args.expect else None
    started = time.perf_counter()
    report = verify(db, expect=expect, progress=_progress)
    if report.verified >= PROGRESS_FROM:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    _print(report, seconds)
    return 0 if report.sound else 1


def _export(db: Database, args: argparse.Namespace) -> int:
    written = trail.export_csv(
        db,
        _system_actor(db),
        args.output,
        user=args.user,
        action=args.action,
        since=args.since,
        until=args.until,
    )
    print(f"exported {written:,} audit events to {args.output}")
    return 0


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def _noted_link(value: str) -> tuple[int, str]:
    match = NOTED_LINK.fullmatch(value.strip().lower())
    if match is None:
        raise ValidationError("--expect", "give SEQ:HASH as printed by `audit verify`")
    return int(match.group(1)), match.group(2)


def _progress(done: int, total: int) -> None:
    if total >= PROGRESS_FROM:
        print(f"\rverified {done:,}/{total:,} audit events", end="", file=sys.stderr, flush=True)


def _print(report: ChainReport, seconds: float) -> None:
    broken = report.broken
    if broken is not None:
        where = f"event {broken.seq}" + (f" (id {broken.event_id})" if broken.event_id else "")
        print(f"audit chain BROKEN at {where}: {broken.kind}")
        print(f"  {broken.message}")
        print(f"  {report.verified:,} events before it are intact")
    for guard in report.missing_guards:
        print(f"guard MISSING: {guard} (append-only rows can be changed unnoticed by the app)")
    if report.own_sound:
        print(f"audit chain sound: {report.verified:,} events verified in {seconds:.1f} s")
    if broken is None:
        print(f"newest link: {report.head_seq}:{report.head_hash}")
        print("  note it elsewhere; `audit verify --expect SEQ:HASH` later shows a rewrite")
    for site in report.sites:
        print(_site_line(site))


def _site_line(site: SiteChainReport) -> str:
    """One Dutch line per other site's chain received here."""
    events = "gebeurtenis" if site.verified == 1 else "gebeurtenissen"
    start = f"Keten van site {site.site_id}: {site.verified:,} {events}"
    if site.broken is None:
        return f"{start}, in orde"
    what = BREAK_KINDS.get(site.broken.kind, site.broken.kind)
    return f"{start} intact, gebroken bij nummer {site.broken.seq} ({what}): {site.broken.message}"
