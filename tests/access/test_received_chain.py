"""Audit events of another site join that site's own chain here: whole and in order, or not at
all; `audit verify` walks every received chain (SQLite and PostgreSQL through the `db` fixture).

Database `db` is the laptop, whose services write real audit events and their outbox rows;
`central` is a second, fresh database on the same backend that receives them.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, delete, func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.access.chain import SiteChainReport, verify, verify_connection
from sociaalhuis.access.received_chain import ReceivedChainError, accept_events
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cli import main
from sociaalhuis.storage.audit_chain import event_hash
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import ReceivedAuditEvent
from sociaalhuis.sync import outbox
from tests.builders import family, single
from tests.conftest import POSTGRES_URL, _drop

RECEIVED = ReceivedAuditEvent.__table__


@pytest.fixture
def central(database_url: str, tmp_path) -> Iterator[Database]:
    """A second fresh database on the backend of `db`: another site."""
    if database_url.startswith("sqlite"):
        database = Database.open(f"sqlite:///{(tmp_path / 'central.db').as_posix()}", create=True)
        yield database
        database.close()
        return
    admin_url = make_url(POSTGRES_URL)
    name = f"sh_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    database = Database.open(admin_url.set(database=name).render_as_string(False), create=True)
    try:
        yield database
    finally:
        database.close()
        _drop(admin, name)
        admin.dispose()


@pytest.fixture
def laptop(db: Database, actor: Actor) -> Database:
    """The laptop after two intakes and a few reads: a chain of real audit events."""
    service = HouseholdService(db)
    service.create(actor, family())
    service.create(actor, single())
    with db.write() as session:
        for n in range(5):
            audit.record(session, actor, "household.read", "household", uuid.uuid4(), n=n)
    return db


def sent_events(db: Database) -> tuple[uuid.UUID, list[dict[str, Any]]]:
    """The site id and the `fields` of the audit event inserts in the outbox of `db`, in
    outbox order (within one flush not the chain's order)."""
    with db.read() as session:
        changes = [c for c in outbox.changes(session) if c.table == "audit_events"]
    assert changes and {c.op for c in changes} == {"insert"}
    return uuid.UUID(changes[0].site_id), [c.fields for c in changes]


def in_chain_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(events, key=lambda fields: fields["seq"])


def accept(database: Database, site_id: uuid.UUID, events: list[dict[str, Any]]) -> int:
    with database.engine.begin() as connection:
        return accept_events(connection, site_id, events)


def stored(connection: Connection, site_id: uuid.UUID | None = None) -> int:
    query = select(func.count()).select_from(RECEIVED)
    if site_id is not None:
        query = query.where(RECEIVED.c.site_id == site_id)
    return connection.scalar(query)


def refused(database: Database, site_id: uuid.UUID, events: list[dict]) -> ReceivedChainError:
    """The refusal of `events`; checks, in the same transaction, that nothing was inserted."""
    with database.engine.connect() as connection, connection.begin():
        before = stored(connection)
        with pytest.raises(ReceivedChainError) as caught:
            accept_events(connection, site_id, events)
        assert stored(connection) == before
    assert caught.value.site_id == site_id
    return caught.value


def rehashed(fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The event with `changes` and a hash that matches them again."""
    values = {**fields, **changes}
    return {**values, "hash": event_hash(values["seq"], values["prev_hash"], _typed(values))}


def _typed(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "created_at": datetime.fromisoformat(fields["created_at"])}


def test_the_laptops_chain_arrives_intact_and_verifies_on_both_sides(laptop, central):
    site_id, events = sent_events(laptop)
    assert len(events) >= 8
    # A first bundle with part of the chain, then one with all of it, then the same again.
    assert accept(central, site_id, [e for e in events if e["seq"] <= 3]) == 3
    assert accept(central, site_id, events) == len(events) - 3
    assert accept(central, site_id, events) == 0
    here, there = verify(laptop), verify(central)
    assert here.sound and there.sound
    assert there.sites == (
        SiteChainReport(site_id, len(events), len(events), here.head_hash, None),
    )
    assert here.head_seq == len(events)
    assert there.missing_guards == ()
    with central.engine.connect() as connection:
        assert stored(connection, site_id) == len(events)
        rows = connection.execute(select(RECEIVED).order_by(RECEIVED.c.seq)).mappings().all()
    chain = in_chain_order(events)
    assert [str(row["id"]) for row in rows] == [fields["id"] for fields in chain]
    assert rows[0]["created_at"].isoformat() == chain[0]["created_at"]


def test_a_batch_is_taken_in_chain_order_whatever_order_it_comes_in(laptop, central):
    site_id, events = sent_events(laptop)
    backwards = in_chain_order(events)[::-1]
    assert accept(central, site_id, backwards) == len(events)
    (site,) = verify(central).sites
    assert (site.verified, site.broken) == (len(events), None)


def test_events_of_two_sites_keep_two_chains(laptop, central):
    site_id, events = sent_events(laptop)
    other = uuid.uuid4()
    forged = [rehashed(in_chain_order(events)[0], id=str(uuid.uuid4()))]
    assert accept(central, other, forged) == 1
    assert accept(central, site_id, events) == len(events)
    sites = {site.site_id: site for site in verify(central).sites}
    assert sites[site_id].verified == len(events) and sites[site_id].broken is None
    assert sites[other].verified == 1 and sites[other].broken is None


def _changed_detail(events: list[dict]) -> list[dict]:
    return [*events[:4], {**events[4], "detail": '{"n": 99}'}, *events[5:]]


def _gap(events: list[dict]) -> list[dict]:
    return [*events[:4], *events[5:]]


def _gap_of_two(events: list[dict]) -> list[dict]:
    return [*events[:4], *events[6:]]


def _swapped(events: list[dict]) -> list[dict]:
    """Events 5 and 6 exchange their numbers, their hashes made to match again."""
    fifth, sixth = rehashed(events[5], seq=5), rehashed(events[4], seq=6)
    return [*events[:4], fifth, sixth, *events[6:]]


def _swapped_unhashed(events: list[dict]) -> list[dict]:
    return [*events[:4], {**events[5], "seq": 5}, {**events[4], "seq": 6}, *events[6:]]


def _relinked(events: list[dict]) -> list[dict]:
    return [*events[:4], rehashed(events[4], prev_hash=events[1]["hash"]), *events[5:]]


def _prev_hash_edited(events: list[dict]) -> list[dict]:
    return [*events[:4], {**events[4], "prev_hash": events[1]["hash"]}, *events[5:]]


def _renumbered(events: list[dict]) -> list[dict]:
    return [*events[:4], rehashed(events[4], seq=2), *events[5:]]


def _missing_field(events: list[dict]) -> list[dict]:
    broken = {name: value for name, value in events[4].items() if name != "hash"}
    return [*events[:4], broken, *events[5:]]


def _naive_time(events: list[dict]) -> list[dict]:
    return [*events[:4], {**events[4], "created_at": events[4]["created_at"][:-6]}, *events[5:]]


@pytest.mark.parametrize(
    ("tampering", "seq", "kind", "words"),
    [
        (_changed_detail, 5, "changed", "does not match its hash"),
        (_gap, 6, "missing", "event 5 missing before it"),
        (_gap_of_two, 7, "missing", "events 5–6 missing before it"),
        (_swapped, 5, "relinked", "does not follow event 4"),
        (_swapped_unhashed, 5, "changed", "does not match its hash"),
        (_relinked, 5, "relinked", "does not follow event 4"),
        (_prev_hash_edited, 5, "changed", "does not match its hash"),
        (_renumbered, 2, "diverged", "another event 2 is already in this site's chain"),
        (_missing_field, 5, "malformed", "field hash is missing"),
        (_naive_time, 5, "malformed", "created_at has no time zone"),
    ],
)
def test_a_batch_with_a_bad_link_is_refused_whole(laptop, central, tampering, seq, kind, words):
    site_id, events = sent_events(laptop)
    events = in_chain_order(events)
    assert accept(central, site_id, events[:2]) == 2
    # Events 3 and 4 of the batch are sound: they must not be inserted either.
    error = refused(central, site_id, tampering(events))
    assert (error.seq, error.kind) == (seq, kind)
    assert words in error.reason
    assert str(site_id) in error.message and f"event {seq}: " in error.message
    with central.engine.connect() as connection:
        assert stored(connection) == 2
    assert accept(central, site_id, events) == len(events) - 2
    assert verify(central).sound


def test_events_of_another_chain_are_refused_under_this_site_id(laptop, central):
    site_id, events = sent_events(laptop)
    with central.write() as session:
        clerk = ensure_user(session, "jan", "Jan Claes", "social_worker")
    with central.write() as session:
        audit.record(session, clerk, "household.read", "household", None)
    central_id, own = sent_events(central)
    assert accept(central, site_id, events) == len(events)
    # The laptop's events again, claimed by a third site: they are copies.
    error = refused(central, uuid.uuid4(), events)
    assert (error.kind, error.seq) == ("foreign", 1)
    first = in_chain_order(events)[0]["id"]
    assert f"is event {first} of another site's chain" in error.reason
    # The central's own events under the laptop's id: event 1 there is another event.
    assert refused(central, site_id, own).kind == "diverged"
    # ... under a new id: they are this site's own chain; under its own id: refused as such.
    assert "this site's own chain" in refused(central, uuid.uuid4(), own).reason
    assert refused(central, central_id, own).kind == "own_site"
    assert verify(central).sound


def test_a_received_event_changed_in_the_file_is_found_and_named(laptop, central):
    site_id, events = sent_events(laptop)
    accept(central, site_id, events)
    with central.engine.connect() as connection:
        with pytest.raises(DBAPIError), connection.begin():
            connection.execute(update(RECEIVED).where(RECEIVED.c.seq == 4).values(detail="{}"))
        with connection.begin() as transaction:
            if central.is_sqlite:
                connection.exec_driver_sql("DROP TRIGGER received_audit_events_no_update")
                connection.exec_driver_sql("DROP TRIGGER received_audit_events_no_delete")
            else:
                connection.exec_driver_sql("ALTER TABLE received_audit_events DISABLE TRIGGER USER")
            where = (RECEIVED.c.site_id == site_id) & (RECEIVED.c.seq == 4)
            connection.execute(update(RECEIVED).where(where).values(detail='{"n": 7}'))
            report = verify_connection(connection)
            assert report.broken is None  # the laptop's chain here is not the own chain
            (site,) = report.sites
            assert (site.site_id, site.verified) == (site_id, 3)
            assert (site.broken.seq, site.broken.kind) == (4, "changed")
            assert str(events[3]["id"]) == str(site.broken.event_id)
            assert not report.sound
            assert any("received_audit_events" in guard for guard in report.missing_guards)
            connection.execute(delete(RECEIVED).where(RECEIVED.c.seq == 4))
            (site,) = verify_connection(connection).sites
            assert (site.broken.seq, site.broken.kind) == (4, "missing")
            transaction.rollback()
    assert verify(central).sound


def _isolated(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def test_audit_verify_prints_a_dutch_line_per_received_chain(tmp_path, monkeypatch, capsys):
    _isolated(tmp_path, monkeypatch)
    laptop_db = Database.open(f"sqlite:///{tmp_path / 'laptop.db'}", create=True)
    path = tmp_path / "central.db"
    central_db = Database.open(f"sqlite:///{path}", create=True)
    try:
        with laptop_db.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        with laptop_db.write() as session:
            for n in range(3):
                audit.record(session, actor, "household.read", "household", None, n=n)
        site_id, events = sent_events(laptop_db)
        accept(central_db, site_id, events)
        first = in_chain_order(events)[0]
        accept(central_db, uuid.UUID(int=7), [rehashed(first, id=str(uuid.uuid4()))])
    finally:
        laptop_db.close()
        central_db.close()
    url = f"sqlite:///{path}"
    assert main(["audit", "verify", "--database", url]) == 0
    out = capsys.readouterr().out
    assert "audit chain sound:" in out
    assert f"Keten van site {site_id}: {len(events)} gebeurtenissen, in orde" in out
    assert f"Keten van site {uuid.UUID(int=7)}: 1 gebeurtenis, in orde" in out
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TRIGGER received_audit_events_no_update")
        raw.execute(
            "UPDATE received_audit_events SET action = 'x' WHERE seq = 2 AND site_id = ?",
            (site_id.hex,),
        )
    raw.close()
    assert main(["audit", "verify", "--database", url]) == 1
    out = capsys.readouterr().out
    line = f"Keten van site {site_id}: 1 gebeurtenis intact, gebroken bij nummer 2 (gewijzigd): "
    assert line in out
    assert "guard MISSING: trigger received_audit_events_no_update" in out
