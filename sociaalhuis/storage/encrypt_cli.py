"""`python -m sociaalhuis encrypt` and `passphrase change|recover`, and asking the passphrase
of an encrypted database for the other commands.

Passphrases are read without echo (`getpass`), a new one twice; with `--passphrase-stdin`
each answer is one line of standard input instead, in the order the prompts would ask.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy.engine import make_url

from sociaalhuis.errors import SociaalHuisError, StorageError
from sociaalhuis.storage import conversion, refusals
from sociaalhuis.storage.database import Database

COMMANDS = ("encrypt", "passphrase")
Ask = Callable[[str], str]


def add_parsers(commands: argparse._SubParsersAction) -> None:
    encrypt = commands.add_parser(
        "encrypt", help="encrypt a plain SQLite database file (SQLCipher) with a passphrase"
    )
    _common(encrypt)
    passphrase = commands.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted database, or set a new one "
        "with the recovery key",
    )
    actions = passphrase.add_subparsers(dest="passphrase_action", required=True, metavar="ACTION")
    _common(actions.add_parser("change", help="change the passphrase (the file is not rewritten)"))
    _common(actions.add_parser("recover", help="set a new passphrase with the recovery key"))


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS keeps a --database given before the command name.
    parser.add_argument(
        "--database", metavar="FILE", default=argparse.SUPPRESS, help="the SQLite file (or URL)"
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the answers from standard input, one a line, for scripts",
    )


def run(args: argparse.Namespace, default_url: Callable[[], str]) -> int:
    """Run `encrypt` or `passphrase ACTION`; 0 on success, 1 with a message on stderr."""
    answers = _stdin_answers() if args.passphrase_stdin else None
    try:
        path = database_file(getattr(args, "database", None) or default_url())
        if args.command == "encrypt":
            return _encrypt(path, _asker(answers))
        return _passphrase(path, args.passphrase_action, _asker(answers))
    except SociaalHuisError as exc:
        return report(exc)


def database_file(text: str) -> Path:
    """The SQLite file named by a path or an `sqlite:///` URL."""
    if "://" not in text:
        return Path(text).expanduser()
    url = make_url(text)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise StorageError(text, "only an SQLite database file can be encrypted")
    return Path(url.database).expanduser()


def _encrypt(path: Path, ask: Ask) -> int:
    passphrase = _new_passphrase(ask)
    done = conversion.encrypt(path, passphrase)
    rows = sum(done.row_counts.values())
    print(f"encrypted: {done.database} ({len(done.row_counts)} tables, {rows:,} rows checked)")
    print(f"key file:  {done.keys} (keep it beside the database and in its backups)")
    for removed in done.removed:
        print(f"removed plain file: {removed}")
    print(f"took {done.seconds:.1f} s")
    print()
    print("RECOVERY KEY (shown once; give it to the security officer, keep it apart from")
    print("the laptop; with it a forgotten passphrase can be replaced):")
    print()
    print(f"    {done.recovery_key}")
    return 0


def _passphrase(path: Path, action: str, ask: Ask) -> int:
    if action == "change":
        old = ask("current passphrase: ")
        conversion.change_passphrase(path, old, _new_passphrase(ask))
    else:
        recovery_key = ask("recovery key: ")
        conversion.recover(path, recovery_key, _new_passphrase(ask))
    print(f"passphrase changed for {path}; the database file was not rewritten")
    return 0


def _new_passphrase(ask: Ask) -> str:
    first = ask("new passphrase: ")
    if ask("new passphrase again: ") != first:
        raise StorageError("passphrase", "the two passphrases differ; nothing was changed")
    return first


def _stdin_answers() -> Iterator[str]:
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def _asker(answers: Iterator[str] | None) -> Ask:
    if answers is None:
        return getpass.getpass

    def ask(prompt: str) -> str:
        answer = next(answers, None)
        if answer is None:
            raise StorageError("standard input", f"ended before the answer to {prompt.strip()!r}")
        return answer

    return ask


def open_database(url: str, *, create: bool, migrate: bool) -> Database:
    """`Database.open`, asking the passphrase at the terminal when the file is encrypted."""
    try:
        return Database.open(url, create=create, migrate=migrate)
    except StorageError as exc:
        if exc.kind != "needs_passphrase" or not sys.stdin.isatty():
            raise
    passphrase = getpass.getpass("passphrase of the database: ")
    return Database.open(url, create=create, migrate=migrate, passphrase=passphrase)


def report(exc: SociaalHuisError) -> int:
    """Print a domain error on stderr, in Dutch when it names what is wrong with the file."""
    if isinstance(exc, StorageError) and exc.kind:
        print("fout: " + "\n".join(refusals.refusal_lines(exc)), file=sys.stderr)
    else:
        print(f"error: {exc.message}", file=sys.stderr)
    return 1
