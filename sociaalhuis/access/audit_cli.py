"""`python -m sociaalhuis audit verify`: check the audit trail's hash chain and its guards.

Exit code 0 when every event is linked and every append-only trigger is in place; 1 with the
first broken link (or the missing guards) otherwise. The newest link is printed so a team lead
can note it elsewhere and later check, with `--expect`, that history was not rewritten.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from typing import Any

from sociaalhuis.access.chain import ChainReport, verify
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database

NOTED_LINK = re.compile(r"(\d+):([0-9a-f]{64})")
# Below this many events a walk takes well under a second: no progress line.
PROGRESS_FROM = 100_000


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


def run(db: Database, args: argparse.Namespace) -> int:
    expect = _noted_link(args.expect) if args.expect else None
    started = time.perf_counter()
    report = verify(db, expect=expect, progress=_progress)
    if report.verified >= PROGRESS_FROM:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    _print(report, seconds)
    return 0 if report.sound else 1


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
    if report.sound:
        print(f"audit chain sound: {report.verified:,} events verified in {seconds:.1f} s")
    if broken is None:
        print(f"newest link: {report.head_seq}:{report.head_hash}")
        print("  note it elsewhere; `audit verify --expect SEQ:HASH` later shows a rewrite")
