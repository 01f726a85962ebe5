"""The `users` commands of `python -m sociaalhuis`: add, list, deactivate, reset-password.

Whoever runs these has the database itself at hand, so they act as the system user; every
change is in the audit trail. Passwords are read without echo (twice) or, for scripts, from
standard input with `--password-stdin`; they never appear on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime
from typing import Any, TextIO

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import utcnow


def add_parsers(commands: Any) -> None:
    """Register `users add|list|deactivate|reset-password` on the main parser's sub-commands."""
    users = commands.add_parser("users", help="accounts: add, list, deactivate, reset a password")
    actions = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="add an account")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--name", required=True, help="display name, e.g. 'Lien Peeters'")
    add.add_argument(
        "--role", required=True, help=f"one of: {', '.join(accounts.ASSIGNABLE_ROLES)}"
    )
    add.add_argument(
        "--function", required=True, help="function title on letters, e.g. 'maatschappelijk werker'"
    )
    _password_option(add)
    actions.add_parser("list", help="list the accounts (never their passwords)")
    off = actions.add_parser("deactivate", help="switch an account off; it can no longer log in")
    off.add_argument("username", metavar="USERNAME")
    reset = actions.add_parser("reset-password", help="set a new password and lift a lockout")
    reset.add_argument("username", metavar="USERNAME")
    _password_option(reset)
    contact = actions.add_parser(
        "contact",
        help="set the direct phone and e-mail under the user's signature on letters; "
        "options left out keep their value, '' clears one",
    )
    contact.add_argument("username", metavar="USERNAME")
    contact.add_argument("--phone", help="e.g. '016 85 30 61'")
    contact.add_argument("--email", help="e.g. 'lien.peeters@herent.be'")


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of asking",
    )


def run(db: Database, args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run one users command; errors the core raises on purpose reach the caller."""
    out = out or sys.stdout
    action = args.users_command
    if action == "list":
        with db.read() as session:
            _print_accounts(accounts.list_users(session), out)
        return 0
    actor = _system_actor(db)
    if action == "add":
        accounts.validate_account_fields(args.username, args.name, args.role, args.function)
        password = _read_password(args, args.username)
        with db.write() as session:
            account = accounts.add_user(
                session, actor, args.username, args.name, args.role, args.function, password
            )
        print(f"added {account.username} ({account.role}): {account.display_name}", file=out)
    elif action == "contact":
        with db.write() as session:
            old = next(
                (a for a in accounts.list_users(session) if a.username == args.username.lower()),
                None,
            )
            account = accounts.set_contact(
                session,
                actor,
                args.username,
                args.phone if args.phone is not None or old is None else old.phone,
                args.email if args.email is not None or old is None else old.email,
            )
        print(
            f"{account.username}: phone {account.phone or '-'}, e-mail {account.email or '-'}",
            file=out,
        )
    elif action == "deactivate":
        with db.write() as session:
            account = accounts.deactivate_user(session, actor, args.username)
        print(f"deactivated {account.username}; they can no longer log in", file=out)
    else:
        password = _read_password(args, args.username)
        with db.write() as session:
            account = accounts.reset_password(session, actor, args.username, password)
        print(f"new password set for {account.username}; any lockout is lifted", file=out)
    return 0


def _system_actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


def _read_password(args: argparse.Namespace, username: str) -> str:
    """The new password, checked before anything is written; raises ValidationError."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("password: ")
        accounts.validate_password(password, username)
        if getpass.getpass("password again: ") != password:
            raise ValidationError("password", "the two passwords differ; nothing was changed")
    accounts.validate_password(password, username)
    return password


def _print_accounts(rows: list[accounts.Account], out: TextIO) -> None:
    if not rows:
        print("no accounts yet; add the first administrator with `users add`", file=out)
        return
    now = utcnow()
    print(f"{'USERNAME':<20} {'ROLE':<14} {'STATE':<22} {'NAME'} / FUNCTION", file=out)
    for row in rows:
        print(
            f"{row.username:<20} {row.role:<14} {_state(row, now):<22} "
            f"{row.display_name} / {row.function_title or '-'}",
            file=out,
        )


def _state(row: accounts.Account, now: datetime) -> str:
    if not row.active:
        return "deactivated"
    if not row.has_password:
        return "no password"
    if row.locked_until is not None and row.locked_until > now:
        return f"locked until {row.locked_until:%H:%M} UTC"
    return "active"
