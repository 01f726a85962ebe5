"""The `referrals` commands of `python -m sociaalhuis`: take in partner replies from a file,
and show the reply rates per partner."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.referrals import reply_file, reply_rates
from sociaalhuis.storage.database import Database

RESULT_WORDS = {
    "matched": "matched",
    "unknown": "unknown reference",
    "already_recorded": "already recorded",
}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def add_parsers(commands: Any) -> None:
    """Register `referrals replies import FILE` and `referrals reply-rates`."""
    referrals = commands.add_parser("referrals", help="partner replies on referrals")
    actions = referrals.add_subparsers(dest="referrals_command", required=True, metavar="ACTION")
    replies = actions.add_parser("replies", help="partner replies: import a file")
    reply_actions = replies.add_subparsers(dest="replies_command", required=True, metavar="ACTION")
    load = reply_actions.add_parser(
        "import",
        help="import a CSV of partner replies (docs/REFERRAL-REPLIES.md); a malformed file "
        "changes nothing",
    )
    load.add_argument("file", type=Path, metavar="FILE")
    rates = actions.add_parser("reply-rates", help="reply rates per partner")
    rates.add_argument("--format", choices=("table", "csv"), default="table")
    rates.add_argument(
        "--days",
        type=int,
        default=reply_rates.DEFAULT_DAYS,
        help=f"count an unanswered referral as 'no reply' after this many days "
        f"(default {reply_rates.DEFAULT_DAYS})",
    )
    rates.add_argument("--on", type=_day, metavar="DATE", help="the day to count on (today)")
    rates.add_argument("--since", type=_day, metavar="DATE", help="referrals sent from this day")


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def run(db: Database, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run one referrals command; errors the core raises on purpose reach the caller."""
    out = out or sys.stdout
    actor = _system_actor(db)
    if args.referrals_command == "reply-rates":
        figures = reply_rates.reply_rates(db, actor, args.on, args.days, args.since)
        if args.format == "csv":
            out.write(reply_rates.as_csv(figures))
        else:
            print(reply_rates.as_table(figures, args.days), file=out)
        return 0
    try:
        report = reply_file.import_replies(db, actor, args.file)
    except reply_file.ReplyFileError as exc:
        return _refused(exc, sys.stderr)
    for line in report.lines:
        detail = f" ({line.detail})" if line.detail and line.result != "matched" else ""
        print(f"line {line.line}: {line.reference}: {RESULT_WORDS[line.result]}{detail}", file=out)
    print(
        f"imported {args.file}: {report.count('matched')} matched, "
        f"{report.count('unknown')} unknown reference(s), "
        f"{report.count('already_recorded')} already recorded",
        file=out,
    )
    return 0


def _refused(exc: reply_file.ReplyFileError, err: TextIO) -> int:
    if len(exc.problems) == 1:
        print(f"error: {exc.problems[0]}; nothing was changed", file=err)
        return 1
    print(
        f"error: {exc.path}: not imported, {len(exc.problems)} problem(s); nothing was changed",
        file=err,
    )
    for problem in exc.problems[: reply_file.SHOWN_PROBLEMS]:
        print(f"  {problem}", file=err)
    if len(exc.problems) > reply_file.SHOWN_PROBLEMS:
        print(f"  … and {len(exc.problems) - reply_file.SHOWN_PROBLEMS} more", file=err)
    return 1
