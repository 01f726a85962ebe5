"""Opening the database fails closed; SQLite is set up for safety; append-only stays so."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from datetime import date

import pytest
from builders import single
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from sociaalhuis.access.audit import record
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ContactInput
from sociaalhuis.errors import StorageError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, ContactNote, Decision, Household, Letter


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_url(path) -> str:
    return f"sqlite:///{path.as_posix()}"


def test_sqlite_runs_with_wal_full_sync_foreign_keys_and_busy_timeout(tmp_path):
    db = Database.open(sqlite_url(tmp_path / "a.db"), create=True)
    with db.read() as session:
        pragma = lambda name: session.connection().exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 10_000
    db.close()


def test_a_write_session_holds_the_write_lock_from_its_start(tmp_path):
    path = tmp_path / "a.db"
    db = Database.open(sqlite_url(path), create=True)
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with db.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
        other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    db.close()


def test_a_missing_file_is_not_created_unless_asked(tmp_path):
    path = tmp_path / "nothing" / "here.db"
    with pytest.raises(StorageError, match="no database here"):
        Database.open(sqlite_url(path))
    assert not path.exists()
    assert not path.parent.exists()


@pytest.mark.parametrize("content", [b"hello, not a database\n", b"%PDF-1.7\n" + bytes(5000)])
def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path, content):
    path = tmp_path / "client-notes.db"
    path.write_bytes(content)
    for create, migrate in [(False, False), (True, True)]:
        with pytest.raises(StorageError, match="not a SQLite database") as caught:
            Database.open(sqlite_url(path), create=create, migrate=migrate)
        assert caught.value.location == str(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client-notes.db"]


def test_a_corrupt_database_is_reported_not_replaced(tmp_path):
    path = tmp_path / "a.db"
    Database.open(sqlite_url(path), create=True).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StorageError):
        Database.open(sqlite_url(path), migrate=True)
    assert digest(path) == before


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(StorageError, match="folder"):
        Database.open(sqlite_url(tmp_path), create=True)


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table invoices (id integer primary key)")
    connection.close()
    before = digest(path)
    with pytest.raises(StorageError, match="not a Sociaal Huis database"):
        Database.open(sqlite_url(path), create=True, migrate=True)
    assert digest(path) == before


def test_an_unknown_schema_version_is_refused_and_nothing_changes(database_url):
    Database.open(database_url, create=True).close()
    db = Database.open(database_url)
    with db.write() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff9999'")
    db.close()
    with pytest.raises(StorageError, match="ffff9999, unknown to this version"):
        Database.open(database_url, migrate=True)


def test_an_empty_database_needs_init(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StorageError, match="empty"):
        Database.open(sqlite_url(path))
    assert path.read_bytes() == b""


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("::::", "not a valid database URL"),
        ("postgresql+psycopg://u:topsecret@host:port/db", "not a valid database URL"),
        ("nosuchdb://x", "unsupported database URL"),
        ("postgresql+psycopg://u:topsecret@127.0.0.1:1/db", "127.0.0.1"),
    ],
)
def test_a_database_url_that_does_not_work_is_reported(url, match):
    with pytest.raises(StorageError, match=match) as caught:
        Database.open(url)
    assert "topsecret" not in caught.value.message


def test_append_only_records_cannot_be_changed_or_deleted(db, actor):
    household = HouseholdService(db).create(actor, single())
    contact = ContactService(db).record(
        actor, household.id, ContactInput(question="Hulp bij energiefactuur", note="Eerste nota")
    )
    note_id = contact.notes[0].id
    with pytest.raises(StorageError, match="append-only"), db.write() as session:
        session.get(ContactNote, note_id).text = "rewritten"
    with pytest.raises(StorageError, match="append-only"), db.write() as session:
        session.delete(session.scalars(select(AuditEvent)).first())
    with db.read() as session:
        assert session.get(ContactNote, note_id).text == "Eerste nota"


def test_the_orm_refuses_to_overwrite_a_newer_version(db, actor):
    """The version check sits in every UPDATE, not only in the service's own comparison."""
    household_id = HouseholdService(db).create(actor, single()).id
    with db.read() as session:
        stale = session.get(Household, household_id)
        session.expunge(stale)  # keep what was loaded, as a window holding the old version
    with db.write() as session:
        session.get(Household, household_id).street = "Molenstraat"
    with pytest.raises(StaleDataError), db.write() as session:
        session.add(stale)
        stale.street = "Dorpstraat"
        session.flush()
    with db.read() as session:
        row = session.get(Household, household_id)
        assert (row.street, row.version) == ("Molenstraat", 2)


def test_a_failed_unit_of_work_leaves_nothing_behind(db, actor):
    with pytest.raises(RuntimeError), db.write() as session:
        record(session, actor, "test.event", "household", uuid.uuid4())
        session.flush()
        raise RuntimeError("power cut")
    with db.read() as session:
        assert (
            session.scalars(select(AuditEvent).where(AuditEvent.action == "test.event")).all() == []
        )


def test_the_database_itself_refuses_to_rewrite_append_only_tables(db, actor):
    """Even a bulk statement that bypasses the ORM guard is stopped by a trigger."""
    household = HouseholdService(db).create(actor, single())
    ContactService(db).record(actor, household.id, ContactInput(question="?", note="nota"))
    with db.write() as session:
        session.add(
            Decision(
                household_id=household.id,
                right_id="leefloon",
                action="applied",
                decided_on=date(2026, 11, 22),
                catalog_version="test",
                decided_by_id=actor.user_id,
            )
        )
        session.add(
            Letter(
                household_id=household.id,
                kind="referral",
                language="nl",
                sha256="0" * 64,
                printed_by_id=actor.user_id,
            )
        )
    for table in ("audit_events", "contact_notes", "decisions", "letters"):
        for statement in (f"UPDATE {table} SET created_at = created_at", f"DELETE FROM {table}"):
            with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
                session.connection().exec_driver_sql(statement)
        with db.read() as session:
            count = session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}")
            assert count.scalar() >= 1
