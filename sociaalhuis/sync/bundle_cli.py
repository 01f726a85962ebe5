"""`python -m sociaalhuis sync key new|show`, `sync export` and `sync inspect`: the key two
sites share for their bundle files (made once and compared by its fingerprint over the
phone), this site's outbox written to a bundle, and a bundle verified and summarised."""

from __future__ import annotations

import argparse
import sys

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage import encrypt_cli
from sociaalhuis.sync import exchange_cli, keys
from sociaalhuis.sync.bundle import BundleError
from sociaalhuis.sync.cli_arguments import bundle_arguments
from sociaalhuis.sync.export import Summary, export_bundle, inspect_bundle

COMMANDS = ("sync",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    sync = commands.add_parser("sync", help="exchange changes with another site")
    actions = sync.add_subparsers(dest="sync_action", required=False, metavar="ACTION")
    exchange_cli.add_actions(sync, actions)
    key = actions.add_parser("key", help="make or show the key two sites share for bundles")
    key_actions = key.add_subparsers(dest="key_action", required=True, metavar="ACTION")
    new = key_actions.add_parser(
        "new", help="write a new random key to FILE (readable by its owner only)"
    )
    new.add_argument("file", metavar="FILE", help="the key file to create (never overwritten)")
    show = key_actions.add_parser("show", help="show the fingerprint of the key in FILE")
    show.add_argument("file", metavar="FILE", help="the key file")
    export = actions.add_parser(
        "export", help="write this site's changes to an encrypted bundle FILE"
    )
    bundle_arguments(export, "the bundle file to write")
    export.add_argument(
        "--since",
        type=int,
        default=None,
        metavar="SEQ",
        help="only the changes after this sequence number (default: on a laptop, those the "
        "central has not confirmed; elsewhere all)",
    )
    export.add_argument(
        "--for",
        dest="for_site",
        metavar="SITE",
        help="at the central: write the snapshot for this laptop instead of changes",
    )
    inspect = actions.add_parser(
        "inspect", help="verify a bundle FILE and show what it holds (no database needed)"
    )
    bundle_arguments(inspect, "the bundle file")


def run(args: argparse.Namespace) -> int:
    """Run a `sync` action; 0 on success, 1 with the problem on stderr."""
    if args.to:
        if args.sync_action:
            print("error: --to syncs directly; give no other action with it", file=sys.stderr)
            return 2
        return exchange_cli.run_direct(args)
    if not args.sync_action:
        print("error: give --to URL or an action (see sync --help)", file=sys.stderr)
        return 2
    if args.sync_action in exchange_cli.ACTIONS:
        key = _shared_key(args) if args.sync_action == "import" else None
        if args.sync_action == "import" and key is None:
            return 1
        return exchange_cli.run_action(args, key)
    if args.sync_action == "export" and args.for_site:
        key = _shared_key(args)
        return 1 if key is None else exchange_cli.run_export_snapshot(args, key)
    if args.sync_action == "export":
        return _export(args)
    if args.sync_action == "inspect":
        return _inspect(args)
    return _key(args)


def _key(args: argparse.Namespace) -> int:
    try:
        if args.key_action == "new":
            key = keys.new_key()
            keys.write_key_file(args.file, key)
            print(f"new sync key written to {args.file}")
        else:
            key = keys.read_key_file(args.file)
            print(f"sync key {args.file}")
    except keys.KeyFileError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(f"fingerprint: {keys.fingerprint(key)}")
    if args.key_action == "new":
        print(
            "copy this file to the other site over a safe way (not with the bundles) and "
            "compare the fingerprint there by phone"
        )
    return 0


def _shared_key(args: argparse.Namespace) -> bytes | None:
    """The shared key from `--key`; None, with the reason printed, when it cannot be read."""
    try:
        return keys.read_key_file(args.key)
    except keys.KeyFileError as exc:
        print(f"error: key file {exc.message}", file=sys.stderr)
        return None


def _export(args: argparse.Namespace) -> int:
    # The key first: a bad key file is refused before the database is opened at all.
    key = _shared_key(args)
    if key is None:
        return 1
    try:
        db = exchange_cli.open_site_database(args)
        try:
            summary = export_bundle(db, args.file, key, since=args.since)
        finally:
            db.close()
    except BundleError as exc:
        print(f"error: bundle {exc.message}; nothing was written", file=sys.stderr)
        return 1
    except SociaalHuisError as exc:
        return encrypt_cli.report(exc)
    if summary.header is None:
        print(
            "nothing to export: this site has no changes after "
            f"{'the central confirmed' if args.since is None else f'seq {args.since}'}; "
            f"{args.file} was not written"
        )
        return 0
    print(f"exported {summary.count:,} changes to {args.file}")
    _print_summary(summary)
    return 0


def _inspect(args: argparse.Namespace) -> int:
    key = _shared_key(args)
    if key is None:
        return 1
    try:
        summary = inspect_bundle(args.file, key)
    except BundleError as exc:
        print(f"error: bundle {exc.message}", file=sys.stderr)
        return 1
    print(f"bundle {args.file}: verified, {summary.count:,} changes")
    _print_summary(summary)
    return 0


def _print_summary(summary: Summary) -> None:
    header = summary.header
    assert header is not None
    seqs = "none" if header.first_seq is None else f"{header.first_seq}-{header.last_seq}"
    print(f"sender site: {header.sender_site}")
    print(f"epoch:       {header.sender_epoch}")
    print(f"seq range:   {seqs}")
    print(f"created at:  {header.created_at}")
    if header.receiver_site:
        print(f"receiver:    {header.receiver_site}")
    width = max((len(table) for table, _op in summary.counts), default=0)
    for (table, op), number in summary.counts.items():
        print(f"  {table:<{width}}  {op:<6}  {number:>7,}")
