"""Command line for administration and batch work: `python -m sociaalhuis COMMAND`.

Errors the core raises on purpose are printed as one line on stderr with exit code 1;
a person at the terminal never sees a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from sqlalchemy import func, select

from sociaalhuis import __version__, bench, settings
from sociaalhuis.access import audit_cli, users_cli
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.eligibility import commands as eligibility_commands
from sociaalhuis.errors import SociaalHuisError, StorageError
from sociaalhuis.letters import commands as letters_commands
from sociaalhuis.letters import letterhead_cli
from sociaalhuis.official import commands as statuses_commands
from sociaalhuis.privacy import commands as privacy_commands
from sociaalhuis.referrals import commands as directory_commands
from sociaalhuis.referrals import reply_commands
from sociaalhuis.review import commands as review_commands
from sociaalhuis.screening import commands as screening_commands
from sociaalhuis.storage import backup_cli, encrypt_cli, models, refusals, roles, schema
from sociaalhuis.storage.database import Database
from sociaalhuis.sync import bundle_cli as sync_commands
from sociaalhuis.sync import site_cli

COUNTED = (
    models.Household,
    models.Person,
    models.Fact,
    models.Contact,
    models.Consent,
    models.Decision,
    models.Organisation,
    models.Service,
    models.Location,
    models.Referral,
    models.Letter,
    models.User,
    models.AuditEvent,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sociaalhuis",
        description="Sociaal Huis intake and rights desk: administration and batch work.",
    )
    parser.add_argument("--version", action="version", version=f"sociaalhuis {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: SOCIAALHUIS_DATABASE_URL, the settings file, "
        "or an SQLite file in the user's data folder)",
    )
    encrypt_cli.add_global_options(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    init = commands.add_parser(
        "init", help="create the database, or migrate it to the newest schema"
    )
    encrypt_cli.add_init_options(init)
    demo = commands.add_parser("demo", help="load synthetic Herent households (demo data)")
    demo.add_argument(
        "--households",
        type=_positive,
        default=500,
        metavar="N",
        help="number of households (default 500)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        metavar="S",
        help="random seed; the same seed gives the same data (default 2026)",
    )
    commands.add_parser("info", help="show the database location, schema version and counts")
    bench.add_parser(commands)
    sync_commands.add_parsers(commands)
    eligibility_commands.add_parsers(commands)
    directory_commands.add_parsers(commands)
    reply_commands.add_parsers(commands)
    letters_commands.add_parsers(commands)
    screening_commands.add_parsers(commands)
    audit_cli.add_parsers(commands)
    users_cli.add_parsers(commands)
    roles.add_parsers(commands)
    letterhead_cli.add_parsers(commands)
    review_commands.add_parsers(commands)
    statuses_commands.add_parsers(commands)
    encrypt_cli.add_parsers(commands)
    site_cli.add_parsers(commands)
    backup_cli.add_parsers(commands)
    privacy_commands.add_parsers(commands)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def cmd_init(db: Database, _args: argparse.Namespace) -> int:
    db.check()
    _system_actor(db)
    print(f"database ready: {db.location} (schema {schema.head_revision()})")
    return 0


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    from sociaalhuis.demo.loader import load

    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} households", end="", file=sys.stderr, flush=True)

    summary = load(
        db, _system_actor(db), households=args.households, seed=args.seed, progress=progress
    )
    print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(
        f"loaded {summary.households:,} demo households, {summary.persons:,} persons, "
        f"{summary.facts:,} facts into {db.location} in {seconds:.1f} s"
    )
    return 0


def cmd_info(db: Database, _args: argparse.Namespace) -> int:
    from sociaalhuis.demo.loader import is_demo

    with db.read() as session:
        revision = schema.current_revision(session.connection())
        counts = {
            cls.__tablename__: session.scalar(select(func.count()).select_from(cls)) or 0
            for cls in COUNTED
        }
    print(f"database:       {db.location}")
    print(f"backend:        {db.engine.dialect.name}")
    print(f"schema version: {revision} (newest known: {schema.head_revision()})")
    print(f"demo data:      {'yes' if is_demo(db) else 'no'}")
    for table, count in counts.items():
        print(f"{table + ':':<16}{count:,}")
    return 0


COMMANDS: dict[str, tuple[Callable[[Database, argparse.Namespace], int], bool]] = {
    # command: (handler, may create or migrate the database)
    "init": (cmd_init, True),
    "demo": (cmd_demo, True),
    "info": (cmd_info, False),
    "directory": (directory_commands.run, False),
    "referrals": (reply_commands.run, False),
    "screen": (screening_commands.run, False),
    "audit": (audit_cli.run, False),
    "users": (users_cli.run, False),
    "letterhead": (letterhead_cli.run, False),
    "non-take-up": (review_commands.run, False),
    "statuses": (statuses_commands.run, False),
    "site": (site_cli.run, False),
    "backup": (backup_cli.run_backup, False),
    "privacy": (privacy_commands.run, False),
}


def _report(exc: SociaalHuisError, *, opening: bool = True) -> int:
    """Print a domain error on stderr; a database file that cannot be used (the error names
    the kind of problem) gets the Dutch explanation of what is wrong with it."""
    if isinstance(exc, StorageError) and exc.kind:
        lines = refusals.refusal_lines(exc, opening=opening)
        print("fout: " + "\n".join(lines), file=sys.stderr)
    else:
        print(f"error: {exc.message}", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.passphrase_file and args.command in encrypt_cli.COMMANDS:
        parser.error(f"{args.command} asks its passphrases itself; --passphrase-stdin for scripts")
    if args.command == "bench":
        return bench.run(args)
    if args.command in sync_commands.COMMANDS:  # no database: the key file only
        return sync_commands.run(args)
    if args.command == backup_cli.RESTORE:  # writes a new database, opens none configured
        return backup_cli.run_restore(args)
    if args.command in encrypt_cli.COMMANDS:
        return encrypt_cli.run(args, lambda: settings.load().database_url)
    if args.command in ("catalog", "check", "letters", "db"):
        try:
            if args.command == "db":  # connects with its own URL, as the owner
                return roles.run(args)
            if args.command == "letters":
                return letters_commands.run(args)
            return eligibility_commands.run(args)
        except SociaalHuisError as exc:
            return _report(exc)
    handler, creates = COMMANDS[args.command]
    db: Database | None = None
    try:
        config = settings.load()
        url = args.database or config.database_url
        encrypted = args.command == "init" and args.encrypted
        # Read before the command runs; `init --encrypted` asks a new one twice itself (with
        # `--passphrase-stdin`, both answers are lines of standard input).
        asks_itself = encrypted and not args.passphrase_file
        passphrase = None if asks_itself else encrypt_cli.given_passphrase(args)
        if encrypted:
            return encrypt_cli.init_encrypted(url, args, passphrase, lambda d: handler(d, args))
        migrate = creates and args.command == "init"
        db = encrypt_cli.open_database(url, create=creates, migrate=migrate, passphrase=passphrase)
        try:
            return handler(db, args)
        finally:
            db.close()
    except encrypt_cli.PassphraseSourceError as exc:
        return encrypt_cli.report(exc)
    except SociaalHuisError as exc:
        return _report(exc, opening=db is None)
    except KeyboardInterrupt:
        print("\ninterrupted; nothing of the unfinished step was saved", file=sys.stderr)
        return 130
