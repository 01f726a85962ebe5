"""`python -m sociaalhuis sync key new FILE` and `sync key show FILE`: the key two sites share
for their bundle files, made once and compared by its fingerprint over the phone."""

from __future__ import annotations

import argparse
import sys

from sociaalhuis.sync import keys

COMMANDS = ("sync",)


def add_parsers(commands: argparse._SubParsersAction) -> None:
    sync = commands.add_parser("sync", help="exchange changes with another site")
    actions = sync.add_subparsers(dest="sync_action", required=True, metavar="ACTION")
    key = actions.add_parser("key", help="make or show the key two sites share for bundles")
    key_actions = key.add_subparsers(dest="key_action", required=True, metavar="ACTION")
    new = key_actions.add_parser(
        "new", help="write a new random key to FILE (readable by its owner only)"
    )
    new.add_argument("file", metavar="FILE", help="the key file to create (never overwritten)")
    show = key_actions.add_parser("show", help="show the fingerprint of the key in FILE")
    show.add_argument("file", metavar="FILE", help="the key file")


def run(args: argparse.Namespace) -> int:
    """Run `sync key new|show`; 0 on success, 1 with one line on stderr."""
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
