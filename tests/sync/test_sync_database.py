"""The antennepost laptop and the central database, synced directly (central on SQLite and
on PostgreSQL through the `db` fixture, the laptop on its own SQLite file): offline edits
arrive, the central moving on meanwhile merges or conflicts, a cut sync mends itself, a
delete against an edit is a conflict, and the audit chains verify on both sides."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from sociaalhuis.access.chain import verify
from sociaalhuis.storage.models import Fact, Household, Person, SyncOutbox
from sociaalhuis.sync import conflicts, outbox, site
from sociaalhuis.sync.receive import receive
from sociaalhuis.sync.transport import confirmed_seq, sync_direct
from tests.sync.db_sites import (
    add_fact,
    chains_intact,
    content,
    edit,
    household_ids,
    new_case,
    new_laptop,
    person_of,
)


def test_a_new_laptop_takes_its_caseload_and_nothing_else(db, actor, tmp_path):
    from sociaalhuis.access.accounts import ensure_user

    mine = new_case(db, actor)
    with db.write() as session:
        other = ensure_user(session, "bram", "Bram Claes", "social_worker")
    theirs = new_case(db, other, "single")
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    assert household_ids(laptop) == {mine}
    assert theirs in household_ids(db)
    assert content(laptop) == content(db, [mine]) | {"persons": content(laptop)["persons"]}
    with laptop.read() as session:
        names = {p.given_name for p in session.scalars(select(Person))}
    assert names == {"Sarah", "Mehmet", "Lina"}


def test_offline_edits_arrive_in_order_with_the_laptop_audit_chain(db, actor, tmp_path):
    household = new_case(db, actor)
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    sarah = person_of(laptop, household, "Sarah")
    edit(laptop, Person, sarah, phone="016 22 33 44")
    edit(laptop, Person, sarah, phone="016 22 33 45", email="sarah@example.be")
    fact = add_fact(laptop, actor, household, "monthly_income", "1450.50")
    new = new_case(laptop, actor, "single")  # a whole intake at the antennepost
    with laptop.read() as session:
        made = len(outbox.changes(session))
    summary = sync_direct(laptop, db)
    assert summary.sent == made
    assert summary.received.applied == made and not summary.received.new_conflicts
    with db.read() as session:
        person = session.get(Person, sarah)
        assert (person.phone, person.email) == ("016 22 33 45", "sarah@example.be")
        assert session.get(Fact, fact).value_number == Decimal("1450.50")
        assert session.get(Household, new) is not None
    assert content(laptop) == content(db, list(household_ids(laptop))) | {
        "persons": content(laptop)["persons"]
    }
    assert chains_intact(db, laptop)
    report = verify(db)
    with laptop.read() as session:
        laptop_site = site.current(session).site_id
        assert confirmed_seq(session) == made
    assert [(str(s.site_id), s.broken) for s in report.sites] == [(laptop_site, None)]
    # A second sync sends nothing again and changes nothing.
    again = sync_direct(laptop, db)
    assert again.sent == 0 and again.taken.written == 0


def test_central_moved_on_meanwhile_safe_fields_merge_and_incomes_conflict(db, actor, tmp_path):
    household = new_case(db, actor)
    income = add_fact(db, actor, household, "monthly_income", "1200")
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    sarah = person_of(db, household, "Sarah")
    edit(db, Person, sarah, email="central@example.be")
    edit(laptop, Person, sarah, phone="016 99")
    edit(db, Fact, income, value_number=Decimal("1300"))
    edit(laptop, Fact, income, value_number=Decimal("1250"))
    summary = sync_direct(laptop, db)
    assert summary.received.new_conflicts == (("facts", str(income)),)
    with db.read() as session:
        person = session.get(Person, sarah)
        assert (person.phone, person.email) == ("016 99", "central@example.be")
        [conflict] = conflicts.open_conflicts(session)
    assert conflict.reason in {"both_changed", "unsafe_field"}
    assert Decimal(conflict.mine.fields["value_number"]) == Decimal("1300")
    assert Decimal(conflict.theirs.fields["value_number"]) == Decimal("1250")
    # The laptop is told, and still holds its own value until the central settles it.
    with laptop.read() as session:
        assert conflicts.conflict_count(session) == 1
        assert not conflicts.open_conflicts(session)[0].can_settle
    with db.write() as session:
        version = conflicts.settle(
            session, actor, "facts", str(income), {"value_number": "1250.0000"}
        )
    assert version > max(conflict.mine.version, conflict.theirs.version)
    sync_direct(laptop, db)
    with laptop.read() as session:
        assert session.get(Fact, income).value_number == Decimal("1250")
        assert conflicts.conflict_count(session) == 0
    # Edits after the settlement apply cleanly.
    edit(laptop, Fact, income, value_number=Decimal("1260"))
    assert not sync_direct(laptop, db).received.new_conflicts
    with db.read() as session:
        assert session.get(Fact, income).value_number == Decimal("1260")
    assert chains_intact(db, laptop)


def test_a_sync_cut_after_the_central_committed_mends_itself(db, actor, tmp_path):
    household = new_case(db, actor)
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    sarah = person_of(laptop, household, "Sarah")
    edit(laptop, Person, sarah, phone="016 11")
    with laptop.read() as session:
        changes = outbox.changes(session)
        here = site.current(session)
    # The connection dropped after the central committed, before the snapshot came back.
    with db.write() as session:
        receive(session, changes, sender=here.site_id, sender_epoch=here.epoch)
    edit(laptop, Person, sarah, email="later@example.be")
    summary = sync_direct(laptop, db)
    assert summary.sent == 1  # the central had the first; only the new one goes
    with db.read() as session:
        person = session.get(Person, sarah)
        assert (person.phone, person.email) == ("016 11", "later@example.be")
        assert not conflicts.open_conflicts(session)
    # And the same delivery again is recognised, changing nothing.
    with db.write() as session:
        report = receive(session, changes, sender=here.site_id, sender_epoch=here.epoch)
    assert report.duplicates == len(changes) and report.applied == 0


def _deleted_here_edited_there(db, actor, tmp_path):
    """An income deleted at the central and edited on the laptop, then synced."""
    household = new_case(db, actor)
    fact = add_fact(db, actor, household, "monthly_income", "900")
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    with db.write() as session:
        session.delete(session.get(Fact, fact))
    edit(laptop, Fact, fact, value_number=Decimal("950"))
    return laptop, fact, sync_direct(laptop, db)


def test_deleted_at_the_central_and_edited_on_the_laptop_is_a_conflict(db, actor, tmp_path):
    laptop, fact, summary = _deleted_here_edited_there(db, actor, tmp_path)
    assert summary.received.new_conflicts == (("facts", str(fact)),)
    with db.read() as session:
        [conflict] = conflicts.open_conflicts(session)
        assert conflict.reason == "deleted_vs_edited"
        assert session.get(Fact, fact) is None  # not brought back without a worker
    with laptop.read() as session:
        assert session.get(Fact, fact) is not None  # nor lost: the laptop still shows it


def test_a_case_reassigned_elsewhere_leaves_the_laptop_after_its_edits_went_up(db, actor, tmp_path):
    from sociaalhuis.access.accounts import ensure_user
    from sociaalhuis.access.need_to_know import assign_in

    household = new_case(db, actor)
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    with db.write() as session:
        other = ensure_user(session, "bram", "Bram Claes", "social_worker")
    with db.write() as session:
        assign_in(session, actor, household, other.user_id)
    sarah = person_of(laptop, household, "Sarah")
    edit(laptop, Person, sarah, phone="016 55")
    summary = sync_direct(laptop, db)
    assert summary.sent >= 1 and summary.taken.households_removed == 1
    assert household_ids(laptop) == set()
    with db.read() as session:
        assert session.get(Person, sarah).phone == "016 55"
    with laptop.read() as session:
        # The laptop's own history stays: its outbox and audit trail are not the case's.
        assert session.scalars(select(SyncOutbox)).first() is not None
    assert chains_intact(db, laptop)


def test_the_audit_events_of_one_save_leave_in_chain_order(db, actor):
    from sociaalhuis.access import audit

    with db.write() as session:
        for number in range(12):  # one flush, many events
            audit.record(session, actor, "viewed", "household", None, n=number)
    with db.read() as session:
        events = [c for c in outbox.changes(session) if c.table == "audit_events"]
    chain = [c.fields["seq"] for c in events]
    assert len(chain) >= 12 and chain == sorted(chain)


def test_deleted_here_and_kept_there_can_be_brought_back_above_both(db, actor, tmp_path):
    laptop, fact, _ = _deleted_here_edited_there(db, actor, tmp_path)
    with db.write() as session:
        [conflict] = conflicts.open_conflicts(session)
        version = conflicts.settle(session, actor, "facts", str(fact), conflict.theirs.fields)
    assert version > max(conflict.mine.version, conflict.theirs.version)
    with db.read() as session:
        assert session.get(Fact, fact).value_number == Decimal("950")
        assert session.get(Fact, fact).version == version
    sync_direct(laptop, db)
    with laptop.read() as session:
        assert session.get(Fact, fact).version == version


def test_only_a_worker_who_may_edit_households_settles(db, actor, tmp_path):
    from sociaalhuis.access.accounts import ensure_user
    from sociaalhuis.errors import SociaalHuisError

    household = new_case(db, actor)
    fact = add_fact(db, actor, household, "monthly_income", "900")
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    edit(db, Fact, fact, value_number=Decimal("901"))
    edit(laptop, Fact, fact, value_number=Decimal("902"))
    sync_direct(laptop, db)
    with db.write() as session:
        viewer = ensure_user(session, "kim", "Kim Wouters", "admin")
    with db.write() as session, pytest.raises(SociaalHuisError):
        conflicts.settle(session, viewer, "facts", str(fact), {"value_number": "902"})
    with db.read() as session:
        assert conflicts.conflict_count(session) == 1


def test_an_interrupted_branch_waits_for_its_missing_change_and_ends_as_made(db, actor, tmp_path):
    household = new_case(db, actor)
    laptop = new_laptop(tmp_path, db, [actor], "veltem")
    sarah = person_of(laptop, household, "Sarah")
    for phone in ("016 01", "016 02", "016 03", "016 04"):
        edit(laptop, Person, sarah, phone=phone)
    with laptop.read() as session:
        changes = outbox.changes(session)
        here = site.current(session)
    # The second change was lost on the way: the later ones wait for it.
    with db.write() as session:
        first = receive(session, [changes[0], *changes[2:]], sender=here.site_id)
    assert (first.applied, first.pending) == (1, 2)
    with db.read() as session:
        assert session.get(Person, sarah).phone == "016 01"
    with db.write() as session:
        second = receive(session, changes[1:2], sender=here.site_id)
    assert (second.applied, second.pending) == (3, 0)
    with db.read() as session:
        person = session.get(Person, sarah)
        assert person.phone == "016 04"
        assert not conflicts.open_conflicts(session)
