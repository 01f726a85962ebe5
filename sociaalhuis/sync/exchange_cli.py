"""`python -m sociaalhuis sync --to URL`, `sync import`, `sync laptop` and `sync
setup-laptop`: exchanging changes between the antennepost laptop and the central database,
directly or through bundle files, and setting a laptop up."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from sociaalhuis import settings
from sociaalhuis.access.accounts import normalize_username
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage import encrypt_cli
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import User
from sociaalhuis.sync import site
from sociaalhuis.sync.bundle import BundleError
from sociaalhuis.sync.cli_arguments import bundle_arguments
from sociaalhuis.sync.receive import ReceiveReport
from sociaalhuis.sync.snapshot import SnapshotReport
from sociaalhuis.sync.transport import (
    export_snapshot,
    findings_refresh,
    import_bundle,
    set_laptop_users,
    sync_direct,
)

ACTIONS = ("import", "laptop", "setup-laptop")


def add_actions(sync: argparse.ArgumentParser, actions: Any) -> None:
    sync.add_argument(
        "--to",
        metavar="URL",
        help="sync this laptop directly with the central database at URL",
    )
    imported = actions.add_parser(
        "import", help="take in a bundle FILE: a laptop's changes, or the central's snapshot"
    )
    bundle_arguments(imported, "the bundle file")
    laptop = actions.add_parser(
        "laptop", help="at the central: set which accounts a laptop serves (its caseload)"
    )
    laptop.add_argument("site_id", metavar="SITE", help="the laptop's site id (site show)")
    laptop.add_argument(
        "--users", required=True, help="user names, separated by commas (e.g. lien,bram)"
    )
    laptop.add_argument("--name", default="", help="a name for the laptop")
    setup = actions.add_parser(
        "setup-laptop", help="make this database an antennepost laptop (new site id)"
    )
    setup.add_argument("--name", required=True, help='the laptop\'s name ("Antenne Veltem")')


def open_site_database(args: argparse.Namespace) -> Database:
    """This site's database (`--database` or the settings), asking an encrypted one's
    passphrase as the other commands do."""
    url = args.database or settings.load().database_url
    passphrase = encrypt_cli.given_passphrase(args)
    return encrypt_cli.open_database(url, create=False, migrate=False, passphrase=passphrase)


def _run(args: argparse.Namespace, work: Callable[[Database], None], unchanged: str) -> int:
    """Open this site's database, do `work` and close it; 1 with the reason on a refusal."""
    try:
        db = open_site_database(args)
        try:
            work(db)
        finally:
            db.close()
    except BundleError as exc:
        print(f"error: bundle {exc.message}; nothing was {unchanged}", file=sys.stderr)
        return 1
    except SociaalHuisError as exc:
        return encrypt_cli.report(exc)
    return 0


def run_direct(args: argparse.Namespace) -> int:
    def work(laptop: Database) -> None:
        central = Database.open(args.to, create=False)
        try:
            summary = sync_direct(
                laptop,
                central,
                progress=_progress,
                refresh_laptop=findings_refresh(),
                refresh_central=findings_refresh(),
            )
        finally:
            central.close()
        print(f"sent {summary.sent:,} changes to the central database")
        _print_reports(summary.received, summary.taken)

    return _run(args, work, "changed")


def run_action(args: argparse.Namespace, key: bytes | None) -> int:
    def work(db: Database) -> None:
        if args.sync_action == "import":
            assert key is not None
            summary = import_bundle(db, args.file, key, refresh=findings_refresh())
            print(f"bundle {args.file} from site {summary.sender_site} taken in")
            _print_reports(summary.received, summary.taken)
        elif args.sync_action == "laptop":
            _laptop(db, args)
        else:
            with db.write() as session:
                here = site.become_laptop(session, args.name)
            print(f"this database is now laptop {here.name}, site id {here.site_id}")
            print(
                "at the central, set its accounts: "
                f"python -m sociaalhuis sync laptop {here.site_id} --users NAME,NAME"
            )

    return _run(args, work, "changed")


def run_export_snapshot(args: argparse.Namespace, key: bytes) -> int:
    def work(db: Database) -> None:
        rows = export_snapshot(db, args.file, key, args.for_site)
        print(f"snapshot of {rows:,} records for laptop {args.for_site} written to {args.file}")

    return _run(args, work, "written")


def _laptop(db: Database, args: argparse.Namespace) -> None:
    names = [name.strip() for name in args.users.split(",") if name.strip()]
    with db.write() as session:
        users = []
        for name in names:
            query = select(User).where(User.username == normalize_username(name))
            user = session.scalars(query).one_or_none()
            if user is None:
                raise SociaalHuisError(f"--users: there is no account {name!r}")
            users.append(user.id)
        set_laptop_users(session, args.site_id, users, args.name)
    print(f"laptop {args.site_id} serves {', '.join(names)}")


def _progress(step: str, done: int, total: int) -> None:
    if done == 0:
        print(f"{step}: {total:,}", file=sys.stderr)


def _print_reports(received: ReceiveReport | None, taken: SnapshotReport | None) -> None:
    if received is not None:
        _print_received(received)
    if taken is not None:
        _print_taken(taken)


def _print_received(report: ReceiveReport) -> None:
    print(
        f"received {report.received:,} changes: {report.applied:,} applied, "
        f"{report.duplicates:,} already here, {report.pending:,} waiting for earlier ones"
    )
    print(
        f"new conflicts: {len(report.new_conflicts):,}; open conflicts: {report.open_conflicts:,}"
    )


def _print_taken(report: SnapshotReport) -> None:
    print(
        f"records updated here: {report.written:,}; removed: {report.removed:,} "
        f"({report.households_removed:,} households no longer assigned here); "
        f"kept for unsent edits: {report.kept_unsent:,}; in conflict: {report.in_conflict:,}"
    )
    if report.users_skipped:
        print(f"accounts not taken (same name, other account): {', '.join(report.users_skipped)}")
