"""The outbox is written in the transaction of the change: committed together, rolled back
together, numbered without gaps, with the right base versions and fields (SQLite and
PostgreSQL through the `db` fixture)."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from sociaalhuis.access.chain import verify
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.models import Organisation, Person, SearchTerm, SyncOutbox
from sociaalhuis.sync import outbox, site
from sociaalhuis.sync.change import Change
from tests.builders import family


def _outbox(db) -> list[Change]:
    with db.read() as session:
        return outbox.changes(session)


def _person(db, **values) -> Person:
    with db.write() as session:
        person = Person(given_name="An", family_name="Smet", search_name="smet an", **values)
        session.add(person)
    return person


def test_a_committed_save_has_exactly_its_changes_numbered_from_one(db, actor):
    start = len(_outbox(db))  # the actor's own account is not synchronised, its audit may be
    view = HouseholdService(db).create(actor, family())
    changes = _outbox(db)[start:]
    assert [c.seq for c in changes] == list(range(start + 1, start + 1 + len(changes)))
    counts = Counter(c.table for c in changes)
    assert counts["households"] == 1
    assert counts["persons"] == 3
    assert counts["household_members"] == 3
    assert counts["case_assignments"] == 1
    assert counts["audit_events"] >= 1
    assert not {"search_terms", "screenings", "findings", "users"} & set(counts)
    assert {c.op for c in changes} == {"insert"}
    assert all(c.base_version is None and c.version == 1 for c in changes)
    household = next(c for c in changes if c.table == "households")
    assert household.record_id == str(view.id)
    assert household.fields["street"] == "Veltemdorp"
    assert household.base_fields == {}
    members = [c.fields for c in changes if c.table == "household_members"]
    assert {m["household_id"] for m in members} == {str(view.id)}  # set through the relation
    persons = {c.fields["given_name"]: c.fields for c in changes if c.table == "persons"}
    assert {m["person_id"] for m in members} == {
        c.record_id for c in changes if c.table == "persons"
    }
    assert persons["Sarah"]["birth_date"] == "1986-04-02"
    with db.read() as session:
        here = site.current(session)
        assert here.last_seq == changes[-1].seq
        assert all(c.site_id == here.site_id for c in changes)
        assert session.scalar(select(func.count()).select_from(SearchTerm)) > 0
    audited = [c for c in changes if c.table == "audit_events"]
    # Linked into the hash chain before the flush, so the change carries the link.
    assert all(c.fields["hash"] and c.fields["prev_hash"] for c in audited)
    assert verify(db).sound


def test_a_rolled_back_save_leaves_neither_the_change_nor_its_outbox_row(db):
    _person(db)
    before = _outbox(db)
    with pytest.raises(RuntimeError), db.write() as session:
        session.add(Person(given_name="Bo", family_name="Claes", search_name="claes bo"))
        session.flush()
        assert session.scalar(select(func.count()).select_from(SyncOutbox)) == len(before) + 1
        raise RuntimeError("the save fails after the change was flushed")
    assert _outbox(db) == before
    with db.read() as session:
        assert session.scalar(select(Person).where(Person.given_name == "Bo")) is None
        assert site.current(session).last_seq == before[-1].seq
    _person(db, phone="016 11 22 33")
    after = _outbox(db)
    assert [c.seq for c in after] == list(range(1, len(after) + 1))


def test_an_update_records_only_the_changed_fields_with_their_base_values(db):
    person = _person(db, phone="016 11 22 33", birth_date=date(1970, 5, 1))
    with db.write() as session:
        found = session.get(Person, person.id)
        found.phone = "0470 12 34 56"
        found.email = "an@example.be"
        found.given_name = "An"  # the same value: not a change
    change = _outbox(db)[-1]
    assert (change.table, change.record_id, change.op) == ("persons", str(person.id), "update")
    assert (change.base_version, change.version) == (1, 2)
    assert change.fields == {"phone": "0470 12 34 56", "email": "an@example.be"}
    assert change.base_fields == {"phone": "016 11 22 33", "email": None}
    with db.write() as session:
        found = session.get(Person, person.id)
        assert found.version == 2
        found.phone = None
    change = _outbox(db)[-1]
    assert (change.base_version, change.version) == (2, 3)
    assert (change.fields, change.base_fields) == ({"phone": None}, {"phone": "0470 12 34 56"})


def test_an_unchanged_record_gives_no_change(db):
    person = _person(db)
    count = len(_outbox(db))
    with db.write() as session:
        found = session.get(Person, person.id)
        found.family_name = "Smet"
    assert len(_outbox(db)) == count


def test_a_delete_records_a_tombstone_with_the_version_it_deleted(db):
    with db.write() as session:
        partner = Organisation(name="CAW Oost-Brabant", description="")
        session.add(partner)
    with db.write() as session:
        session.get(Organisation, partner.id).phone = "016 00 00 00"
    with db.write() as session:
        session.delete(session.get(Organisation, partner.id))
    insert, edit, tombstone = _outbox(db)[-3:]
    assert (insert.op, edit.op, tombstone.op) == ("insert", "update", "delete")
    assert tombstone.record_id == str(partner.id)
    assert (tombstone.base_version, tombstone.version) == (2, 3)
    assert tombstone.fields == {} and tombstone.base_fields == {}


def test_every_outbox_row_reads_back_as_the_change_it_stored(db):
    person = _person(db, birth_date=date(2001, 2, 3))
    with db.read() as session:
        row = session.scalars(select(SyncOutbox).where(SyncOutbox.record_id == person.id)).one()
        change = outbox.as_change(row)
    assert Change.from_json(json.loads(change.dumps())) == change
    assert change.made_at.endswith("+00:00")


def test_concurrent_writers_get_distinct_gapless_sequence_numbers(db):
    with db.read() as session:
        start = site.current(session).last_seq
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for n in range(8):
                with db.write() as session:
                    name = f"w{worker}n{n}"
                    session.add(Person(given_name=name, family_name="Test", search_name=name))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = [c.seq for c in _outbox(db) if c.seq > start]
    assert sorted(seqs) == list(range(start + 1, start + 25))
    with db.read() as session:
        assert site.current(session).last_seq == start + 24
