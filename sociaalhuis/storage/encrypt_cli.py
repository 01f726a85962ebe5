"""`python -m sociaalhuis encrypt`, `init --encrypted` and `passphrase change|recover`, and
the passphrase of an encrypted database for the other commands.

Passphrases are read without echo (`getpass`), a new one twice; with `--passphrase-stdin`
each answer is one line of standard input instead, in the order the prompts would ask. For
scripts, the other commands take the passphrase from one line of standard input or from a
file only its owner can read: never from the command line or the environment, which other
users of the machine can see.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
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
    _stdin_option(parser)


def _stdin_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: the global option (before the command name) counts as well.
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read the answers from standard input, one a line, for scripts",
    )


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """`--passphrase-stdin` and `--passphrase-file`, before the command name."""
    given = parser.add_mutually_exclusive_group()
    given.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase of an encrypted database from the first line of standard "
        "input (for scripts)",
    )
    given.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase of an encrypted database from the first line of FILE, "
        "which only its owner may read (chmod 600)",
    )


def add_init_options(init: argparse.ArgumentParser) -> None:
    """`init --encrypted [--passphrase-stdin]`."""
    init.add_argument(
        "--encrypted",
        action="store_true",
        help="create a new SQLite database encrypted from the start (asks a new passphrase "
        "twice, prints the recovery key once)",
    )
    _stdin_option(init)


class PassphraseSourceError(SociaalHuisError):
    """The passphrase file or standard input cannot give the passphrase; `dutch` says why."""

    def __init__(self, dutch: str, english: str) -> None:
        super().__init__(english)
        self.dutch = dutch


def given_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from `--passphrase-file` or `--passphrase-stdin`; None without either."""
    if getattr(args, "passphrase_file", None):
        return _passphrase_file(Path(args.passphrase_file).expanduser())
    if not args.passphrase_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise PassphraseSourceError(
            "er staat geen wachtzin op de standaardinvoer",
            "standard input holds no passphrase (an empty first line or no input)",
        )
    return line


def _passphrase_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        # Windows keeps no such mode bits; its folder permissions protect the file there.
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            rights = f"{stat.S_IMODE(mode):04o}"
            raise PassphraseSourceError(
                f"het wachtzinbestand {path} is toegankelijk voor groep of anderen (rechten "
                f"{rights}); maak het alleen voor de eigenaar leesbaar: chmod 600 {path}",
                f"the passphrase file {path} is open to group or others (mode {rights}); "
                f"make it readable by its owner only: chmod 600 {path}",
            )
        with path.open(encoding="utf-8") as handle:
            line = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise PassphraseSourceError(
            f"het wachtzinbestand {path} kan niet gelezen worden ({reason})",
            f"the passphrase file {path} cannot be read ({reason})",
        ) from None
    if not line:
        raise PassphraseSourceError(
            f"het wachtzinbestand {path} is leeg", f"the passphrase file {path} is empty"
        )
    return line


def init_encrypted(
    url: str,
    args: argparse.Namespace,
    passphrase: str | None,
    finish: Callable[[Database], int],
) -> int:
    """Create the database at `url` encrypted from the start, print the key file and the
    recovery key once, and run `finish` (what a plain `init` does) on it."""
    path = database_file(url)
    if passphrase is None:
        answers = _stdin_answers() if args.passphrase_stdin else None
        passphrase = _new_passphrase(_asker(answers))
    done = conversion.create_encrypted(path, passphrase)
    # The recovery key first: whatever fails next, it must not be lost.
    print(f"encrypted from the start: {done.database} (took {done.seconds:.1f} s)")
    _print_keys(done.keys, done.recovery_key)
    print()
    db = Database.open(f"sqlite:///{path.as_posix()}", passphrase=passphrase)
    try:
        return finish(db)
    finally:
        db.close()


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
    for removed in done.removed:
        print(f"removed plain file: {removed}")
    print(f"took {done.seconds:.1f} s")
    _print_keys(done.keys, done.recovery_key)
    return 0


def _print_keys(keys: Path, recovery_key: str) -> None:
    print(f"key file:  {keys} (keep it beside the database and in its backups)")
    print()
    print("RECOVERY KEY (shown once; give it to the security officer, keep it apart from")
    print("the laptop; with it a forgotten passphrase can be replaced):")
    print()
    print(f"    {recovery_key}")


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


def open_database(
    url: str, *, create: bool, migrate: bool, passphrase: str | None = None
) -> Database:
    """`Database.open` with `passphrase`, when given (`given_passphrase`); without it, asking
    the passphrase at the terminal when the file is encrypted."""
    if passphrase is not None:
        return Database.open(url, create=create, migrate=migrate, passphrase=passphrase)
    try:
        return Database.open(url, create=create, migrate=migrate)
    except StorageError as exc:
        if exc.kind != "needs_passphrase" or not sys.stdin.isatty():
            raise
    passphrase = getpass.getpass("passphrase of the database: ")
    return Database.open(url, create=create, migrate=migrate, passphrase=passphrase)


def report(exc: SociaalHuisError) -> int:
    """Print a domain error on stderr, in Dutch when it names what is wrong with the file."""
    if isinstance(exc, PassphraseSourceError):
        print(f"fout: {exc.dutch}\nerror: {exc.message}", file=sys.stderr)
    elif isinstance(exc, StorageError) and exc.kind:
        print("fout: " + "\n".join(refusals.refusal_lines(exc)), file=sys.stderr)
    else:
        print(f"error: {exc.message}", file=sys.stderr)
    return 1
