"""Named scenarios of a central receiving a laptop's changes: in order, late, twice, restored."""

import uuid

import pytest

from sociaalhuis.sync.apply import (
    ApplyError,
    apply,
    needs_from,
    resend,
    resolve,
    restore,
    seed,
)
from sociaalhuis.sync.merge import Record
from tests.sync.sites import HOUSEHOLD, INITIAL, PERSON, REFERRAL, LocalSite

CENTRAL = str(uuid.UUID(int=100))
LAPTOP = str(uuid.UUID(int=200))
OTHER_LAPTOP = str(uuid.UUID(int=300))


def _central():
    return LocalSite(CENTRAL), seed(CENTRAL, INITIAL)


def _offline_day(laptop):
    """A day at the antennepost: a phone number twice, a new household and a note."""
    laptop.edit(PERSON, phone="016 22")
    laptop.edit(PERSON, phone="016 23", email="an@example.be")
    household, _ = laptop.insert("households", street="Stationsstraat", house_number="4")
    laptop.edit(household, house_number="4A")
    laptop.insert("contact_notes", text="Vraagt naar de huurpremie")
    return household


def test_offline_edits_in_order_arrive_as_the_laptop_made_them():
    _, state = _central()
    laptop = LocalSite(LAPTOP)
    _offline_day(laptop)
    state = apply(state, laptop.outbox)
    assert state.records == laptop.records
    assert not state.conflicts and not state.pending
    assert needs_from(state, LAPTOP) == 6
    assert {state.status(c.change_id) for c in laptop.outbox} == {"applied"}


def test_changes_out_of_order_wait_for_their_predecessor():
    _, start = _central()
    laptop = LocalSite(LAPTOP)
    household = _offline_day(laptop)
    first, second, insert, edit, note = laptop.outbox
    state = apply(start, [edit, note, second])
    assert set(state.pending) == {edit.change_id, note.change_id, second.change_id}
    assert household not in state.records
    assert state.records[PERSON] == INITIAL[PERSON]
    assert needs_from(state, LAPTOP) == 1
    state = apply(state, [first])
    assert state.status(second.change_id) == "applied"
    assert state.status(edit.change_id) == "pending"
    state = apply(state, [insert])
    assert not state.pending
    assert state == apply(start, laptop.outbox)


def test_a_change_on_a_record_not_yet_here_waits_for_the_other_sites_insert():
    _, start = _central()
    laptop = LocalSite(LAPTOP)
    household, insert = laptop.insert("households", street="Kerkstraat", house_number="2")
    # The other laptop received the household through an earlier sync and edits it.
    other = LocalSite(OTHER_LAPTOP, {household: laptop.records[household]})
    edit = other.edit(household, house_number="3")
    state = apply(start, [edit])
    assert state.status(edit.change_id) == "pending"
    state = apply(state, [insert])
    assert state.records[household] == Record(2, {"street": "Kerkstraat", "house_number": "3"})
    assert not state.pending and not state.conflicts


def test_central_moved_on_safe_fields_merge_and_a_status_becomes_a_conflict():
    central, state = _central()
    laptop = LocalSite(LAPTOP)
    state = apply(state, [central.edit(PERSON, email="peeters@example.be")])
    state = apply(state, [central.edit(REFERRAL, status="sent")])
    laptop.edit(PERSON, phone="016 22")
    reason = laptop.edit(REFERRAL, reason="Huurwaarborg en energie")
    state = apply(state, laptop.outbox)

    person = state.records[PERSON]
    assert person.fields["phone"] == "016 22"
    assert person.fields["email"] == "peeters@example.be"
    assert person.version == 3 and not state.in_conflict(PERSON)

    (conflict,) = state.conflicts[REFERRAL]
    assert conflict.reason == "unsafe_field"
    assert conflict.base == INITIAL[REFERRAL]
    assert conflict.mine == central.records[REFERRAL]
    assert conflict.theirs == laptop.records[REFERRAL]
    assert conflict.change_id == reason.change_id
    assert state.status(reason.change_id) == "conflict"
    # The central's own edit stays what the record shows until a worker settles it.
    assert state.records[REFERRAL].fields == central.records[REFERRAL].fields


@pytest.mark.parametrize("laptop_first", [False, True])
def test_deleted_here_and_edited_there_is_a_conflict_never_a_resurrection(laptop_first):
    central, start = _central()
    laptop = LocalSite(LAPTOP)
    deleted = laptop.delete(HOUSEHOLD)
    edited = central.edit(HOUSEHOLD, box="B")
    batches = [[deleted], [edited]] if laptop_first else [[edited], [deleted]]
    state = apply(apply(start, batches[0]), batches[1])
    (conflict,) = state.conflicts[HOUSEHOLD]
    assert conflict.reason == "deleted_vs_edited"
    assert {conflict.mine.deleted, conflict.theirs.deleted} == {True, False}
    assert state == apply(start, [edited, deleted])


def test_deleted_on_both_sides_is_simply_deleted():
    central, state = _central()
    laptop = LocalSite(LAPTOP)
    state = apply(state, [central.delete(HOUSEHOLD), laptop.delete(HOUSEHOLD)])
    assert state.records[HOUSEHOLD].deleted
    assert not state.conflicts


def test_an_edit_after_a_delete_the_laptop_had_received_is_kept_as_a_conflict():
    central, state = _central()
    laptop = LocalSite(LAPTOP, dict(INITIAL))
    state = apply(state, [central.delete(HOUSEHOLD)])
    # A broken sender edits a tombstone: kept for a worker, the record stays deleted.
    laptop.records[HOUSEHOLD] = Record(state.records[HOUSEHOLD].version, INITIAL[HOUSEHOLD].fields)
    edit = laptop.edit(HOUSEHOLD, street="Kerkstraat")
    state = apply(state, [edit])
    assert state.records[HOUSEHOLD].deleted
    assert state.conflicts[HOUSEHOLD][0].reason == "deleted_vs_edited"


def test_the_same_bundle_twice_changes_nothing_the_second_time():
    _, start = _central()
    laptop = LocalSite(LAPTOP)
    _offline_day(laptop)
    once = apply(start, laptop.outbox)
    assert apply(once, laptop.outbox) == once
    assert apply(once, reversed(laptop.outbox)) == once


def test_notes_from_two_laptops_never_conflict():
    _, state = _central()
    laptops = [LocalSite(LAPTOP), LocalSite(OTHER_LAPTOP)]
    for laptop in laptops:
        laptop.insert("contact_notes", text=f"Notitie van {laptop.site_id}")
    state = apply(state, laptops[0].outbox + laptops[1].outbox)
    assert not state.conflicts
    assert len([k for k in state.records if k[0] == "contact_notes"]) == 2


def test_a_central_restored_from_a_backup_asks_the_laptop_to_send_again():
    _, start = _central()
    laptop = LocalSite(LAPTOP)
    _offline_day(laptop)
    backup = apply(start, laptop.outbox[:2])
    synced = apply(backup, laptop.outbox[2:])
    restored = restore(backup)
    assert restored.epoch != synced.epoch
    assert needs_from(restored, LAPTOP) == 3
    again = resend(laptop.outbox, restored, LAPTOP)
    assert again == laptop.outbox[2:]
    assert apply(restored, again).records == synced.records


def test_a_settled_conflict_is_a_new_version_and_later_edits_apply_on_it():
    central, state = _central()
    laptop = LocalSite(LAPTOP)
    state = apply(state, [central.edit(REFERRAL, status="sent")])
    state = apply(state, [laptop.edit(REFERRAL, status="closed")])
    assert state.in_conflict(REFERRAL)
    shown = state.records[REFERRAL]
    state = resolve(state, REFERRAL, {**shown.fields, "status": "closed"})
    assert not state.in_conflict(REFERRAL)
    assert state.records[REFERRAL].version == shown.version + 1
    # The laptop receives the settled version, then edits it: no conflict any more.
    laptop.records[REFERRAL] = state.records[REFERRAL]
    state = apply(state, [laptop.edit(REFERRAL, reason="Energie")])
    assert not state.conflicts
    assert state.records[REFERRAL].fields["status"] == "closed"
    assert state.records[REFERRAL].fields["reason"] == "Energie"


def test_a_seq_that_comes_back_with_another_change_id_is_refused():
    _, state = _central()
    laptop = LocalSite(LAPTOP)
    state = apply(state, [laptop.edit(PERSON, phone="1")])
    impostor = LocalSite(LAPTOP)
    with pytest.raises(ApplyError):
        apply(state, [impostor.edit(PERSON, phone="2")])


def test_a_change_made_before_a_settlement_arriving_after_it_is_kept_as_a_conflict():
    central, state = _central()
    laptop = LocalSite(LAPTOP)
    state = apply(state, [central.edit(REFERRAL, status="sent")])
    closed = laptop.edit(REFERRAL, status="closed")
    later = laptop.edit(REFERRAL, reason="Energie")
    state = apply(state, [closed])
    state = resolve(state, REFERRAL, {**state.records[REFERRAL].fields, "status": "sent"})
    state = apply(state, [later])  # based on a version the settlement replaced
    assert state.in_conflict(REFERRAL)
    assert state.records[REFERRAL].fields["status"] == "sent"
