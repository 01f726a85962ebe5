"""The schema lives in Alembic migrations only; this module reads and advances its version."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from sociaalhuis.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in _scripts().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def prepare(engine: Engine, location: str, *, create: bool, migrate: bool) -> None:
    """Check the schema version; create or migrate only when asked. Raises StorageError."""
    with engine.connect() as connection:
        current = current_revision(connection)
        tables = inspect(connection).get_table_names()
    head = head_revision()
    if current is None:
        if tables:
            raise StorageError(
                location, "is not a Sociaal Huis database (tables but no schema version)", "foreign"
            )
        if not (create or migrate):
            raise StorageError(
                location, "the database is empty; create it with `python -m sociaalhuis init`"
            )
        upgrade(engine)
        return
    if current not in known_revisions():
        raise StorageError(
            location,
            f"has schema version {current}, unknown to this version of the application "
            "(was it made by a newer version?); nothing was changed",
        )
    if current != head:
        if not migrate:
            raise StorageError(
                location,
                f"has schema version {current}, this application needs {head}; "
                "migrate it with `python -m sociaalhuis init`",
            )
        check_integrity(engine, location)
        backup_sqlite(engine, f"before-{head}")
        upgrade(engine)


def check_integrity(engine: Engine, location: str) -> None:
    """Read every page of an SQLite file (`PRAGMA quick_check`); StorageError when one is
    damaged. It reads the whole file (7 s at 2 GB), so only `init` and a migration ask."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        found = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check(3)")]
    if found != ["ok"]:
        first = found[0].splitlines()[-1] if found and found[0] else "unknown damage"
        raise StorageError(location, damaged(first), "damaged")


def damaged(detail: str) -> str:
    """The reason given for an SQLite file with unreadable pages; `detail` is SQLite's."""
    return (
        f"is damaged: some of its pages cannot be read ({detail}); "
        "nothing was changed; restore it from a backup"
    )


def upgrade(engine: Engine) -> None:
    """Apply every pending migration in one transaction.

    SQLite: switch to WAL first, and migrate with foreign keys off. A migration that changes
    a table there copies it (batch mode), and dropping the original would fail for every row
    another table points at; so, as SQLite's own procedure for altering tables says, the
    references are switched off for the copy and checked all together
    (`PRAGMA foreign_key_check`) before the transaction commits.
    """
    config = alembic_config()
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        return
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None  # sqlite3's or, for an encrypted file, SQLCipher's connection
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction does this count
        try:
            with connection.execution_options(sqlite_begin="IMMEDIATE").begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, _rowid, parent, _key = broken[0]
                    raise StorageError(
                        "migration",
                        f"{len(broken)} broken reference(s), e.g. from {table} to {parent}; "
                        "nothing was changed",
                    )
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def backup_sqlite(engine: Engine, label: str) -> Path | None:
    """Copy a SQLite database file beside itself before a migration; other backends: nothing.
    The copy of an encrypted database is encrypted with the same data key (the same key file
    opens it once it is put back in the database's place)."""
    if engine.dialect.name != "sqlite":
        return None
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert source is not None
        path = Path(source.execute("PRAGMA database_list").fetchone()[2])
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path.with_name(f"{path.name}.{label}.{stamp}.bak")
        if isinstance(source, sqlite3.Connection):
            with sqlite3.connect(target) as copy:
                source.backup(copy)
            copy.close()
        else:
            # SQLCipher: an attached database without its own KEY uses the main one's key,
            # so the copy is never written in clear.
            source.execute("ATTACH DATABASE ? AS backup", (str(target),))
            try:
                source.execute("SELECT sqlcipher_export('backup')")
            finally:
                source.execute("DETACH DATABASE backup")
        return target
    finally:
        raw.close()


def new_revision(message: str) -> None:
    """Write a migration for the difference between the models and a fresh, migrated database."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/scratch.db")
        upgrade(engine)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
        engine.dispose()
