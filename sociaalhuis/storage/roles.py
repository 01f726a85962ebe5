"""PostgreSQL roles: the application connects as a role that does not own the tables.

`python -m sociaalhuis db setup-roles` runs as the owner (the role that owns the schema and ran
the migrations) and creates or updates the application role: LOGIN, owner of nothing, with
SELECT/INSERT/UPDATE/DELETE on ordinary tables, only SELECT/INSERT on append-only tables,
SELECT/UPDATE on the audit chain head (appenders lock and move it), SELECT on the schema
version, USAGE on sequences, and TRUNCATE nowhere. Without ownership the role cannot drop
or disable a trigger, alter a table or grant itself more. It is idempotent: run it again
after every migration, so new tables get their grants (and stray grants are taken back).
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

from psycopg import sql
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from sociaalhuis.errors import StorageError, ValidationError
from sociaalhuis.storage import schema
from sociaalhuis.storage.database import describe
from sociaalhuis.storage.models import APPEND_ONLY, AnonymisationPermit, AuditChainHead

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
APPEND_ONLY_TABLES = frozenset(cls.__tablename__ for cls in APPEND_ONLY)
# Appenders lock the head row (SELECT … FOR UPDATE needs UPDATE) and move it; a trigger
# refuses DELETE, and without the grant the role could not try.
HEAD_TABLE = AuditChainHead.__tablename__
# A permit opens the append-only guards for the anonymiser (migration 0018): only the owner,
# who runs `privacy anonymise`, may write one; the application role may not.
PERMIT_TABLE = AnonymisationPermit.__tablename__
VERSION_TABLE = "alembic_version"
FULL = ("SELECT", "INSERT", "UPDATE", "DELETE")


@dataclass
class RoleReport:
    """What `setup_roles` did: the role, whether it was new, the grants per table."""

    role: str
    created: bool
    grants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def privileges_for(table: str) -> tuple[str, ...]:
    """What the application role may do on `table`."""
    if table in (VERSION_TABLE, PERMIT_TABLE):
        return ("SELECT",)
    if table == HEAD_TABLE:
        return ("SELECT", "UPDATE")
    if table in APPEND_ONLY_TABLES:
        return ("SELECT", "INSERT")
    return FULL


def setup_roles(owner_url: str, app_role: str, password: str | None) -> RoleReport:
    """Create or update `app_role` on the database of `owner_url`, connected as its owner,
    in one transaction. `password` None keeps an existing role's password."""
    if not ROLE_NAME.fullmatch(app_role):
        raise ValidationError("--app-role", "use lower-case letters, digits and _ (max. 63)")
    if password is not None and (not password or "\x00" in password):
        raise ValidationError("password", "give a non-empty password")
    engine = create_engine(owner_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        raise ValidationError("--owner-url", "roles exist on PostgreSQL only (SQLite has none)")
    try:
        with engine.begin() as connection:
            return _setup(connection, app_role, password)
    except DBAPIError as exc:
        lines = str(exc.orig).strip().splitlines()
        raise StorageError(describe(owner_url), lines[0] if lines else str(exc)) from None
    finally:
        engine.dispose()


def _setup(connection: Connection, role: str, password: str | None) -> RoleReport:
    owner = connection.scalar(text("SELECT current_user"))
    if role == owner:
        raise ValidationError("--app-role", "must differ from the owner you connect as")
    revision = schema.current_revision(connection)
    if revision != schema.head_revision():
        raise ValidationError(
            "--owner-url",
            f"the schema is at {revision or 'nothing'}, not {schema.head_revision()}: "
            "migrate it first as the owner (`python -m sociaalhuis --database URL init`)",
        )
    tables = list(
        connection.scalars(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        )
    )
    foreign = list(
        connection.scalars(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tableowner <> current_user ORDER BY tablename"
            )
        )
    )
    if foreign:
        raise ValidationError(
            "--owner-url", f"connect as the role that owns every table; not yours: {foreign}"
        )
    existing = connection.execute(
        text("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = :r"),
        {"r": role},
    ).one_or_none()
    report = RoleReport(role=role, created=existing is None)
    run = _runner(connection)
    name = sql.Identifier(role)
    if existing is None:
        if password is None:
            raise ValidationError("password", f"the new role {role} needs a password")
        run(
            sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                name, sql.Literal(password)
            )
        )
    else:
        if existing.rolsuper or existing.rolcreaterole or existing.rolcreatedb:
            raise ValidationError(
                "--app-role",
                f"{role} may create roles or databases or is a superuser; use a plain role",
            )
        _refuse_owner_membership(connection, role, owner)
        if password is not None:
            run(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(name, sql.Literal(password)))
        else:
            run(sql.SQL("ALTER ROLE {} LOGIN").format(name))
    run(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(_database(connection), name))
    schema_name = sql.Identifier(connection.scalar(text("SELECT current_schema()")))
    run(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema_name, name))
    for table in tables:
        grants = privileges_for(table)
        # REVOKE first: a grant made by hand or by an older version is taken back.
        run(sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(sql.Identifier(table), name))
        run(
            sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                sql.SQL(", ").join(map(sql.SQL, grants)), sql.Identifier(table), name
            )
        )
        report.grants[table] = grants
    run(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(schema_name, name))
    run(
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema_name, name)
    )
    if connection.scalar(
        text("SELECT has_schema_privilege(:r, current_schema(), 'CREATE')"), {"r": role}
    ):
        report.warnings.append(
            f"{role} may create tables in the schema (granted to PUBLIC?); as the schema's "
            "owner: REVOKE CREATE ON SCHEMA public FROM PUBLIC"
        )
    return report


def _refuse_owner_membership(connection: Connection, role: str, owner: str) -> None:
    member = connection.scalar(
        text("SELECT pg_has_role(:r, :o, 'MEMBER')"), {"r": role, "o": owner}
    )
    if member:
        raise ValidationError(
            "--app-role", f"{role} is a member of {owner} and would act as the owner"
        )


def _database(connection: Connection) -> sql.Identifier:
    return sql.Identifier(connection.scalar(text("SELECT current_database()")))


def _runner(connection: Connection) -> Any:
    """Run composed SQL on the driver connection, inside the open transaction."""
    raw = connection.connection.driver_connection

    def run(statement: sql.Composable) -> None:
        raw.execute(statement)

    return run


# -- command line -------------------------------------------------------------------------


def add_parsers(commands: Any) -> None:
    """Register `db setup-roles` on the main parser's sub-commands."""
    db = commands.add_parser("db", help="database administration (PostgreSQL roles)")
    actions = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    setup = actions.add_parser(
        "setup-roles",
        help="create or update the application's PostgreSQL role (not the owner)",
        description="Connected as the owner of the tables, create or update the role the "
        "application logs in as: no ownership, no TRUNCATE, only SELECT and INSERT on "
        "append-only tables. Run it again after every migration.",
    )
    setup.add_argument("--owner-url", required=True, metavar="URL", help="URL of the owner role")
    setup.add_argument("--app-role", required=True, metavar="NAME", help="the application role")
    setup.add_argument(
        "--app-password-stdin",
        action="store_true",
        help="read the application role's password from the first line of standard input "
        "(otherwise asked twice for a new role; an existing role keeps its password)",
    )


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    password = _password(args)
    report = setup_roles(args.owner_url, args.app_role, password)
    state = "created" if report.created else "updated"
    print(f"role {report.role} {state}: grants on {len(report.grants)} tables", file=out)
    for table, grants in report.grants.items():
        if grants != FULL:
            print(f"  {table}: {', '.join(grants)} only", file=out)
    for warning in report.warnings:
        print(f"warning: {warning}", file=out)
    print("set the application's database URL to this role (not the owner)", file=out)
    return 0


def _password(args: argparse.Namespace) -> str | None:
    if args.app_password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        return None
    password = getpass.getpass(f"password for {args.app_role} (empty: keep the current one): ")
    if not password:
        return None
    if getpass.getpass("password again: ") != password:
        raise ValidationError("password", "the two passwords differ; nothing was changed")
    return password
