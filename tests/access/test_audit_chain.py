"""The audit trail as a hash chain: every tampering done straight in the database is detected.

Each tampering runs in a transaction that lifts the append-only guards first (as an owner of
the database could), is verified inside it, and is rolled back, so one chain serves many.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import (
    Connection,
    String,
    Uuid,
    column,
    create_engine,
    delete,
    insert,
    select,
    table,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor
from sociaalhuis.access.chain import ChainReport, verify, verify_connection
from sociaalhuis.storage import schema
from sociaalhuis.storage.audit_chain import GENESIS, HASHED_FIELDS, HEAD_ID, event_hash
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditChainHead, AuditEvent, UtcDateTime
from tests.conftest import BACKENDS

EVENTS = AuditEvent.__table__
HEAD = AuditChainHead.__table__
CHAIN_LENGTH = 40

Tampering = Callable[[Connection], None]


def record_events(db: Database, actor: Actor, count: int, per_transaction: int = 3) -> None:
    """`count` events, a few per unit of work like the services write them."""
    done = 0
    while done < count:
        with db.write() as session:
            for _ in range(min(per_transaction, count - done)):
                audit.record(session, actor, "household.read", "household", uuid.uuid4(), n=done)
                done += 1


@pytest.fixture
def chained(db: Database, actor: Actor) -> Database:
    record_events(db, actor, CHAIN_LENGTH)
    return db


@contextmanager
def unguarded(db: Database) -> Iterator[Connection]:
    """A transaction without the append-only triggers on the chain; always rolled back."""
    with db.engine.connect() as connection:
        transaction = connection.begin()
        try:
            if db.is_sqlite:
                for name in ("audit_events_no_update", "audit_events_no_delete"):
                    connection.exec_driver_sql(f"DROP TRIGGER {name}")
                connection.exec_driver_sql("DROP TRIGGER audit_chain_head_no_delete")
            else:
                connection.exec_driver_sql("ALTER TABLE audit_events DISABLE TRIGGER USER")
                connection.exec_driver_sql("ALTER TABLE audit_chain_head DISABLE TRIGGER USER")
            yield connection
        finally:
            transaction.rollback()


def tampered(db: Database, tampering: Tampering, **options) -> ChainReport:
    with unguarded(db) as connection:
        tampering(connection)
        return verify_connection(connection, **options)


def row(connection: Connection, seq: int) -> dict:
    return dict(connection.execute(select(EVENTS).where(EVENTS.c.seq == seq)).mappings().one())


def rehashed(values: dict) -> dict:
    return {**values, "hash": event_hash(values["seq"], values["prev_hash"], values)}


def renumber(connection: Connection, seqs: list[int], step: int) -> None:
    """Move events by `step`, one at a time in an order the unique `seq` allows."""
    for seq in sorted(seqs, reverse=step > 0):
        connection.execute(update(EVENTS).where(EVENTS.c.seq == seq).values(seq=seq + step))


# Each tampering, given (random, chain length), returns what to do to the database.


def edit_field(rng: random.Random, n: int) -> Tampering:
    seq = rng.randint(1, n)
    field = rng.choice(("action", "entity_type", "detail", "user_id", "entity_id", "created_at"))

    def apply(connection: Connection) -> None:
        old = row(connection, seq)
        new = {
            "action": old["action"] + "x",
            "entity_type": "person",
            "detail": '{"n": -1}',
            "user_id": None,
            "entity_id": uuid.uuid4(),
            "created_at": old["created_at"] - timedelta(microseconds=1),
        }[field]
        connection.execute(update(EVENTS).where(EVENTS.c.seq == seq).values({field: new}))

    return apply


def edit_and_rehash(rng: random.Random, n: int) -> Tampering:
    """A careful forger: the edited event gets a hash that fits its new contents."""
    seq = rng.randint(1, n)

    def apply(connection: Connection) -> None:
        values = rehashed({**row(connection, seq), "action": "household.nothing"})
        connection.execute(update(EVENTS).where(EVENTS.c.seq == seq).values(values))

    return apply


def overwrite_link(rng: random.Random, n: int) -> Tampering:
    seq, column = rng.randint(1, n), rng.choice(("hash", "prev_hash"))
    forged = f"{rng.getrandbits(256):064x}"
    return lambda c: c.execute(update(EVENTS).where(EVENTS.c.seq == seq).values({column: forged}))


def delete_event(rng: random.Random, n: int) -> Tampering:
    seq = rng.randint(1, n)
    return lambda c: c.execute(delete(EVENTS).where(EVENTS.c.seq == seq))


def delete_and_renumber(rng: random.Random, n: int) -> Tampering:
    seq = rng.randint(1, n - 1)

    def apply(connection: Connection) -> None:
        connection.execute(delete(EVENTS).where(EVENTS.c.seq == seq))
        renumber(connection, list(range(seq + 1, n + 1)), -1)

    return apply


def insert_forged(rng: random.Random, n: int) -> Tampering:
    """An invented event with a fitting hash, slotted in at `seq` (later ones moved up)."""
    seq = rng.randint(1, n + 1)

    def apply(connection: Connection) -> None:
        renumber(connection, list(range(seq, n + 1)), +1)
        before = row(connection, seq - 1)["hash"] if seq > 1 else GENESIS
        forged = {
            "id": uuid.uuid4(),
            "created_at": row(connection, 1)["created_at"],
            "user_id": None,
            "action": "household.read",
            "entity_type": "household",
            "entity_id": uuid.uuid4(),
            "detail": "{}",
            "seq": seq,
            "prev_hash": before,
        }
        connection.execute(insert(EVENTS).values(rehashed(forged)))

    return apply


def swap_events(rng: random.Random, n: int) -> Tampering:
    first = rng.randint(1, n - 1)
    second = first + 1 if rng.random() < 0.5 else rng.randint(first + 1, n)

    def apply(connection: Connection) -> None:
        for old, new in ((first, -1), (second, first), (-1, second)):
            connection.execute(update(EVENTS).where(EVENTS.c.seq == old).values(seq=new))

    return apply


def truncate_tail(rng: random.Random, n: int) -> Tampering:
    keep = rng.randint(0, n - 1)
    return lambda c: c.execute(delete(EVENTS).where(EVENTS.c.seq > keep))


def replace_event(rng: random.Random, n: int) -> Tampering:
    """What `REPLACE INTO` does: delete the row and insert another under the same key."""
    seq = rng.randint(1, n)

    def apply(connection: Connection) -> None:
        values = {**row(connection, seq), "detail": '{"replaced": true}'}
        connection.execute(delete(EVENTS).where(EVENTS.c.seq == seq))
        connection.execute(insert(EVENTS).values(values))

    return apply


def move_head(rng: random.Random, n: int) -> Tampering:
    values = rng.choice(({"seq": n - 1}, {"seq": n + 1}, {"hash": GENESIS}))
    return lambda c: c.execute(update(HEAD).where(HEAD.c.id == HEAD_ID).values(values))


TAMPERINGS = (
    edit_field,
    edit_and_rehash,
    overwrite_link,
    delete_event,
    delete_and_renumber,
    insert_forged,
    swap_events,
    truncate_tail,
    replace_event,
    move_head,
)


def test_a_sound_chain_verifies_and_names_its_newest_link(chained):
    report = verify(chained)
    assert report.sound, report
    assert report.verified == report.head_seq == CHAIN_LENGTH
    with chained.read() as session:
        newest = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.seq.desc())).first()
        seqs = list(session.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert report.head_hash == newest
    assert seqs == list(range(1, CHAIN_LENGTH + 1))


def test_an_empty_chain_is_sound(db):
    report = verify(db)
    assert report.sound and report.verified == 0 and report.head_hash == GENESIS


def test_every_event_links_to_the_one_before(chained):
    with chained.read() as session:
        events = list(session.execute(select(EVENTS).order_by(EVENTS.c.seq)).mappings())
    for before, event in zip([None, *events], events, strict=False):
        assert event["prev_hash"] == (before["hash"] if before else GENESIS)
        fields = {name: event[name] for name in HASHED_FIELDS}
        assert event["hash"] == event_hash(event["seq"], event["prev_hash"], fields)


@pytest.mark.parametrize(
    ("tampering", "kind", "seq"),
    [
        (
            lambda c: c.execute(update(EVENTS).where(EVENTS.c.seq == 7).values(detail="{}")),
            "changed",
            7,
        ),
        (lambda c: c.execute(delete(EVENTS).where(EVENTS.c.seq == 7)), "missing", 7),
        (lambda c: c.execute(delete(EVENTS).where(EVENTS.c.seq > 30)), "truncated", 31),
    ],
    ids=["edit", "delete", "truncate-tail"],
)
def test_each_kind_of_tampering_is_named_at_the_first_broken_link(chained, tampering, kind, seq):
    report = tampered(chained, tampering)
    assert not report.sound
    assert (report.broken.kind, report.broken.seq) == (kind, seq)
    assert report.verified == seq - 1


def test_swapped_neighbours_are_reported_as_reordered(chained):
    report = tampered(chained, swap_events(_FixedRandom(12, 0.0), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("reordered", 12)


def test_events_swapped_far_apart_are_reported_as_reordered(chained):
    report = tampered(chained, swap_events(_FixedRandom(5, 0.9, 20), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("reordered", 5)


def test_a_forged_event_slotted_in_is_reported_as_inserted(chained):
    report = tampered(chained, insert_forged(_FixedRandom(10), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("inserted", 10)


def test_a_forged_event_added_at_the_end_is_reported_as_inserted(chained):
    report = tampered(chained, insert_forged(_FixedRandom(CHAIN_LENGTH + 1), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("inserted", CHAIN_LENGTH + 1)


def test_an_event_edited_and_rehashed_breaks_the_next_link(chained):
    report = tampered(chained, edit_and_rehash(_FixedRandom(9), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("relinked", 10)


def test_a_deletion_hidden_by_renumbering_is_reported_as_missing(chained):
    report = tampered(chained, delete_and_renumber(_FixedRandom(9), CHAIN_LENGTH))
    assert (report.broken.kind, report.broken.seq) == ("missing", 9)


def test_random_tamperings_are_all_detected(chained, capsys):
    rng = random.Random(20261203)
    trials = 120
    detected, missed = 0, []
    for trial in range(trials):
        make = rng.choice(TAMPERINGS)
        report = tampered(chained, make(rng, CHAIN_LENGTH))
        if report.broken is not None:
            detected += 1
        else:
            missed.append(f"{trial}: {make.__name__}")
    assert verify(chained).sound  # every tampering was rolled back
    rate = 100 * detected / trials
    with capsys.disabled():
        print(f"\naudit chain: {detected}/{trials} random tamperings detected ({rate:.0f} %)")
    assert not missed, missed
    assert detected == trials


def test_a_consistent_rewrite_is_caught_only_against_a_noted_link(chained):
    """Rewriting an event and every later one, and the head, leaves a valid chain: only a
    link noted outside the database shows it (a documented limit)."""
    noted = verify(chained)

    def rewrite(connection: Connection) -> None:
        before = row(connection, 19)["hash"]
        for seq in range(20, CHAIN_LENGTH + 1):
            values = {**row(connection, seq), "prev_hash": before}
            if seq == 20:
                values["action"] = "household.nothing"
            values = rehashed(values)
            connection.execute(update(EVENTS).where(EVENTS.c.seq == seq).values(values))
            before = values["hash"]
        connection.execute(update(HEAD).where(HEAD.c.id == HEAD_ID).values(hash=before))

    assert tampered(chained, rewrite).broken is None
    report = tampered(chained, rewrite, expect=(noted.head_seq, noted.head_hash))
    assert (report.broken.kind, report.broken.seq) == ("changed", CHAIN_LENGTH)


def test_a_noted_link_beyond_a_shortened_chain_is_reported(chained):
    def shorten(connection: Connection) -> None:
        connection.execute(delete(EVENTS).where(EVENTS.c.seq > 30))
        last = row(connection, 30)["hash"]
        connection.execute(update(HEAD).where(HEAD.c.id == HEAD_ID).values(seq=30, hash=last))

    assert tampered(chained, shorten).broken is None
    report = tampered(chained, shorten, expect=(CHAIN_LENGTH, verify(chained).head_hash))
    assert report.broken.kind == "truncated"


def test_a_missing_head_is_reported(chained):
    report = tampered(chained, lambda c: c.execute(delete(HEAD)))
    assert report.broken.kind == "head"


def test_appends_from_concurrent_writers_form_one_chain(db, actor):
    writers, per_writer = 4, 15
    errors: list[BaseException] = []

    def write() -> None:
        try:
            record_events(db, actor, per_writer, per_transaction=2)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    report = verify(db)
    assert report.sound, report.broken
    assert report.verified == writers * per_writer


def test_events_of_a_rolled_back_unit_of_work_leave_no_gap(db, actor):
    record_events(db, actor, 2)
    with pytest.raises(RuntimeError), db.write() as session:
        audit.record(session, actor, "household.read", "household", None)
        session.flush()
        raise RuntimeError("the change failed")
    record_events(db, actor, 2)
    report = verify(db)
    assert report.sound and report.verified == 4


def test_the_database_refuses_to_change_or_remove_chain_rows(chained):
    statements = [
        "UPDATE audit_events SET action = 'x' WHERE seq = 3",
        "DELETE FROM audit_events WHERE seq = 3",
        "DELETE FROM audit_chain_head",
    ]
    if not chained.is_sqlite:
        statements += ["TRUNCATE audit_events", "TRUNCATE audit_chain_head CASCADE"]
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), chained.write() as session:
            session.connection().exec_driver_sql(statement)
    assert verify(chained).sound


# TRUNCATE is PostgreSQL's, REPLACE INTO SQLite's: each test runs on its own backend only.
ON_POSTGRES = pytest.mark.parametrize(
    "database_url", [b for b in BACKENDS if b == "postgresql"], indirect=True
)
ON_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@ON_POSTGRES
def test_postgres_refuses_truncate_on_every_append_only_table(db):
    assert not db.is_sqlite
    for name in ("contact_notes", "consents", "decisions", "letters", "audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
            session.connection().exec_driver_sql(f"TRUNCATE {name} CASCADE")
    # A cascade from a table the append-only ones point at is refused too.
    with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
        session.connection().exec_driver_sql("TRUNCATE users CASCADE")


@ON_SQLITE
def test_replace_into_is_refused_through_the_application(chained):
    assert chained.is_sqlite
    statement = text(
        "REPLACE INTO audit_events (id, created_at, user_id, action, entity_type, entity_id, "
        "detail, seq, prev_hash, hash) SELECT id, created_at, user_id, 'x', entity_type, "
        "entity_id, detail, seq, prev_hash, hash FROM audit_events WHERE seq = 5"
    )
    with pytest.raises(DBAPIError, match="append-only"), chained.write() as session:
        session.execute(statement)
    assert verify(chained).sound


@ON_SQLITE
def test_replace_into_outside_the_application_is_detected(chained):
    """The sqlite3 shell does not turn on `recursive_triggers`: REPLACE then deletes without
    firing the DELETE trigger. The changed event breaks the chain."""
    assert chained.is_sqlite
    import sqlite3

    path = chained.location
    chained.close()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "REPLACE INTO audit_events (id, created_at, user_id, action, entity_type, "
            "entity_id, detail, seq, prev_hash, hash) SELECT id, created_at, user_id, 'x', "
            "entity_type, entity_id, detail, seq, prev_hash, hash FROM audit_events "
            "WHERE seq = 5"
        )
    raw.close()
    reopened = Database.open(f"sqlite:///{path}")
    try:
        report = verify(reopened)
        assert (report.broken.kind, report.broken.seq) == ("changed", 5)
    finally:
        reopened.close()


def test_a_dropped_or_disabled_guard_is_reported(chained):
    name = "letters_no_update" if chained.is_sqlite else "letters_no_truncate"
    with chained.engine.connect() as connection, connection.begin() as transaction:
        if chained.is_sqlite:
            connection.exec_driver_sql(f"DROP TRIGGER {name}")
        else:
            connection.exec_driver_sql(f"ALTER TABLE letters DISABLE TRIGGER {name}")
        report = verify_connection(connection)
        transaction.rollback()
    assert report.broken is None and not report.sound
    assert report.missing_guards == (f"trigger {name} on letters",)
    assert verify(chained).sound


class _FixedRandom(random.Random):
    """Hands out the given numbers for `randint` and `random`, in order."""

    def __init__(self, *values: float) -> None:
        super().__init__(0)
        self.values = list(values)

    def randint(self, a: int, b: int) -> int:
        return int(self.values.pop(0))

    def random(self) -> float:
        return float(self.values.pop(0))


def test_the_migration_chains_existing_events_oldest_first(database_url):
    """Events stored before 0005 are chained in (created_at, id) order, page after page."""
    engine = create_engine(database_url)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    old = table(
        "audit_events",
        column("id", Uuid()),
        column("created_at", UtcDateTime()),
        column("action", String()),
        column("entity_type", String()),
        column("detail", String()),
    )
    start = datetime(2026, 1, 1, tzinfo=UTC)
    # Many equal times, so the order (and the paging) must fall back on the id.
    rows = [
        {
            "id": uuid.uuid4(),
            "created_at": start + timedelta(seconds=i % 7),
            "action": "household.read",
            "entity_type": "household",
            "detail": f'{{"n": {i}}}',
        }
        for i in range(12_001)
    ]
    with engine.begin() as connection:
        connection.execute(insert(old), rows)
    engine.dispose()
    db = Database.open(database_url, migrate=True)
    try:
        report = verify(db)
        assert report.sound, report.broken
        assert report.verified == len(rows)
        with db.read() as session:
            ids = list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.seq)))
        expected = sorted(rows, key=lambda r: (r["created_at"], r["id"].hex))
        assert ids == [r["id"] for r in expected]
    finally:
        db.close()


def test_events_about_a_record_come_in_chain_order(db, actor):
    target = uuid.uuid4()
    with db.write() as session:
        for n in range(5):
            audit.record(session, actor, "household.read", "household", target, n=n)
    with db.read() as session:
        details = [event.detail for event in audit.events_for(session, target)]
    assert details == [f'{{"n": {n}}}' for n in range(5)]
