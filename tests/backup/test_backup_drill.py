"""The restore drill on plain SQLite, encrypted SQLite and PostgreSQL: write, back up while
another connection writes, damage the live database, restore, compare every row of every
table with the state at backup time."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.errors import StorageError
from sociaalhuis.storage import backup, encryption, schema
from sociaalhuis.storage.database import SQLITE_HEADER, Database
from sociaalhuis.storage.models import AuditEvent, Decision, Household, Referral, User
from tests.backup.conftest import PASSPHRASE, every_row, open_live, sqlite_url


def _damage(db: Database) -> None:
    """What a broken disk or a bad hand does to the live database."""
    db.close()
    if db.kind == "postgresql":  # type: ignore[attr-defined]
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE referrals CASCADE")
            connection.exec_driver_sql("DROP TABLE decisions CASCADE")
        db.engine.dispose()
        return
    path = Path(db.location)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xde\xad" * 8192)  # pages 2 to 5 overwritten
        handle.truncate(size // 2)


def _unusable(db: Database) -> bool:
    if db.kind == "postgresql":  # type: ignore[attr-defined]
        with db.engine.connect() as connection:
            tables = connection.dialect.get_table_names(connection)
        return "referrals" not in tables
    try:
        broken = Database.open(sqlite_url(Path(db.location)), passphrase=db.passphrase)  # type: ignore[attr-defined]
        try:
            broken.check()
            every_row(broken)
        finally:
            broken.close()
    except StorageError as exc:
        return exc.kind == "damaged"
    return False


def test_restore_drill_every_row_back(live: Database, tmp_path: Path, make_postgres) -> None:
    kind = live.kind  # type: ignore[attr-defined]
    with live.read() as session:  # the drill has something to lose in each part
        for model in (Household, Decision, Referral, AuditEvent):
            assert session.scalars(select(model)).first() is not None
    target = tmp_path / "reservekopie" / "sociaalhuis-drill.db"
    target.parent.mkdir()
    other = Database.open(
        live.engine.url.render_as_string(hide_password=False)
        if kind == "postgresql"
        else sqlite_url(Path(live.location)),
        passphrase=live.passphrase,  # type: ignore[attr-defined]
    )
    try:
        before = every_row(live)
        # Another connection (another desk) holds an open write transaction meanwhile: the
        # backup is not blocked by it and does not contain what it has not committed.
        with other.write() as session:
            ensure_user(session, "laat", "Laat Vastgelegd", "social_worker")
            session.flush()
            info = backup.create(live, target)
        assert every_row(live) != before  # that write is in the live database now
    finally:
        other.close()
    assert info.kind == kind and info.schema_revision == schema.head_revision()
    assert backup.read_meta(target).sha256 == backup.sha256_of(target)

    _damage(live)
    assert _unusable(live)

    if kind == "postgresql":
        to = make_postgres()
    else:
        to = str(tmp_path / "hersteld" / "sociaalhuis.db")
        Path(to).parent.mkdir()
    done = backup.restore(target, to, passphrase=live.passphrase)  # type: ignore[attr-defined]
    assert done.migrated_from is None
    restored = Database.open(
        to if kind == "postgresql" else sqlite_url(Path(to)),
        passphrase=live.passphrase,  # type: ignore[attr-defined]
    )
    try:
        restored.check()
        after = every_row(restored)
    finally:
        restored.close()
    assert after.keys() == before.keys() and len(after) > 20
    for table, rows in before.items():
        assert after[table] == rows, table
    assert sum(len(rows) for rows in after.values()) > 100
    assert not any("Laat Vastgelegd" in repr(row) for row in after["users"])


def test_an_encrypted_backup_stays_encrypted(tmp_path: Path, make_postgres) -> None:
    live = open_live("sqlite-encrypted", tmp_path, make_postgres)
    target = tmp_path / "kopie.db"
    info = backup.create(live, target)
    assert info.keys == encryption.keys_file(target) and info.keys.exists()
    data = target.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert b"Lien Peeters" not in data and b"CAW Oost-Brabant" not in data
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(target).execute("SELECT * FROM households").fetchall()
    with pytest.raises(StorageError) as refused:
        Database.open(sqlite_url(target))
    assert refused.value.kind == "needs_passphrase"
    with pytest.raises(StorageError) as refused:
        Database.open(sqlite_url(target), passphrase="niet de juiste wachtzin")
    assert refused.value.kind == "wrong_passphrase"
    opened = Database.open(sqlite_url(target), passphrase=PASSPHRASE)
    try:
        assert every_row(opened) == every_row(live)
    finally:
        opened.close()
        live.close()


def test_a_backup_during_continuous_writes_is_one_moment(tmp_path: Path) -> None:
    path = tmp_path / "druk.db"
    db = Database.open(sqlite_url(path), create=True)
    writer = Database.open(sqlite_url(path))
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            with writer.write() as session:
                ensure_user(session, f"u{number:05d}", f"Collega {number}", "social_worker")
            written.append(number)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        info = backup.create(db, tmp_path / "kopie.db")
    finally:
        stop.set()
        thread.join()
        writer.close()
    copy = Database.open(sqlite_url(info.path))
    try:
        copy.check()
        with copy.read() as session:
            names = sorted(n for n in session.scalars(select(User.username)) if n[0] == "u")
    finally:
        copy.close()
        db.close()
    # The users in the copy are the first k written, none missing in between: one moment.
    assert names == [f"u{n:05d}" for n in range(1, len(names) + 1)]
    assert 20 <= len(names) <= len(written)


def test_an_older_backup_is_migrated_after_restore(tmp_path: Path) -> None:
    scripts = schema._scripts()
    previous = scripts.get_revision(schema.head_revision()).down_revision
    assert isinstance(previous, str)
    engine = create_engine(sqlite_url(tmp_path / "oud.db"))
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, previous)
    old = Database(engine, str(tmp_path / "oud.db"))
    info = backup.create(old, tmp_path / "oud-kopie.db")
    old.close()
    assert info.schema_revision == previous
    done = backup.restore(info.path, str(tmp_path / "nieuw.db"))
    assert done.migrated_from == previous and done.schema_revision == schema.head_revision()
    restored = Database.open(sqlite_url(tmp_path / "nieuw.db"))
    with restored.read() as session:
        assert schema.current_revision(session.connection()) == schema.head_revision()
    restored.close()
