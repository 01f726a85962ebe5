"""The merge rules: safe fields merge, overlaps and unsafe fields conflict, deletes never vanish."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sociaalhuis.storage.models import APPEND_ONLY
from sociaalhuis.sync.merge import (
    APPEND_ONLY_TABLES,
    SAFE_FIELDS,
    Conflict,
    Merged,
    MergeError,
    Record,
    is_safe,
    merge,
)
from sociaalhuis.sync.outbox import SYNCED_TABLES

BASE = Record(4, {"given_name": "An", "family_name": "Peeters", "phone": "016 11", "email": ""})


def _edit(record, version_step=1, **fields):
    return Record(record.version + version_step, {**record.fields, **fields})


def test_the_append_only_tables_are_those_of_the_schema():
    # Received audit events stay where they arrived, and partner replies are not synchronised
    # yet (docs/REFERRAL-REPLIES.md): never merged.
    local = {"received_audit_events", "reply_imports", "referral_replies", "reply_handled"}
    schema = {cls.__tablename__ for cls in APPEND_ONLY} - local
    assert schema == APPEND_ONLY_TABLES
    assert not local & SYNCED_TABLES
    assert not APPEND_ONLY_TABLES & set(SAFE_FIELDS)


def test_a_side_that_did_not_move_takes_the_other_side():
    theirs = _edit(BASE, family_name="Peters")
    assert merge("persons", BASE, BASE, theirs) == Merged(theirs)
    assert merge("persons", BASE, theirs, BASE) == Merged(theirs)


def test_safe_fields_changed_on_one_side_each_merge_above_both_versions():
    mine = _edit(BASE, version_step=2, phone="016 22")
    theirs = _edit(BASE, email="an@example.be")
    outcome = merge("persons", BASE, mine, theirs)
    assert outcome == Merged(
        Record(7, {**BASE.fields, "phone": "016 22", "email": "an@example.be"})
    )


def test_the_same_safe_field_changed_differently_is_a_conflict_keeping_three_versions():
    mine = _edit(BASE, phone="016 22")
    theirs = _edit(BASE, phone="016 33")
    outcome = merge("persons", BASE, mine, theirs)
    assert outcome == Conflict(BASE, mine, theirs, "both_changed", ("phone",))


def test_the_same_safe_value_on_both_sides_merges():
    mine = _edit(BASE, phone="016 22")
    theirs = _edit(BASE, phone="016 22", email="an@example.be")
    outcome = merge("persons", BASE, mine, theirs)
    assert isinstance(outcome, Merged)
    assert outcome.record.fields["phone"] == "016 22"
    assert outcome.record.fields["email"] == "an@example.be"


@pytest.mark.parametrize("swap", [False, True])
def test_an_unsafe_field_changed_while_the_other_side_moved_is_a_conflict(swap):
    status = Record(2, {"status": "draft", "reason": "Huur", "follow_up_on": None})
    mine = _edit(status, follow_up_on="2027-01-04")
    theirs = _edit(status, status="sent")
    if swap:
        mine, theirs = theirs, mine
    outcome = merge("referrals", status, mine, theirs)
    assert isinstance(outcome, Conflict)
    assert outcome.reason == "unsafe_field"
    assert outcome.fields == ("follow_up_on", "status")
    assert (outcome.base, outcome.mine, outcome.theirs) == (status, mine, theirs)


def test_a_name_is_not_merged_automatically_even_beside_a_phone_number():
    mine = _edit(BASE, phone="016 22")
    theirs = _edit(BASE, family_name="Peters")
    assert not is_safe("persons", "family_name")
    outcome = merge("persons", BASE, mine, theirs)
    assert isinstance(outcome, Conflict)
    assert outcome.fields == ("family_name",)


def test_an_income_changed_identically_on_both_sides_still_asks_a_worker():
    fact = Record(1, {"key": "income", "value_number": "1200.0000"})
    mine = _edit(fact, value_number="1300.0000")
    outcome = merge("facts", fact, mine, mine)
    assert isinstance(outcome, Conflict)
    assert outcome.reason == "unsafe_field"


def test_half_an_address_from_each_side_is_a_conflict_on_the_address():
    home = Record(1, {"street": "Dorpsstraat", "house_number": "1", "postcode": "3020"})
    mine = _edit(home, street="Kerkstraat")
    theirs = _edit(home, house_number="7")
    outcome = merge("households", home, mine, theirs)
    assert isinstance(outcome, Conflict)
    assert outcome.fields == ("house_number", "street")


def test_the_same_new_address_entered_on_both_sides_merges():
    home = Record(1, {"street": "Dorpsstraat", "house_number": "1", "postcode": "3020"})
    moved = _edit(home, street="Kerkstraat", house_number="7")
    outcome = merge("households", home, moved, _edit(moved, version_step=0))
    assert outcome == Merged(Record(3, moved.fields))


@pytest.mark.parametrize("swap", [False, True])
def test_deleted_here_and_edited_there_is_a_conflict(swap):
    deleted = Record(5, BASE.fields, deleted=True)
    edited = _edit(BASE, phone="016 22")
    mine, theirs = (edited, deleted) if swap else (deleted, edited)
    outcome = merge("persons", BASE, mine, theirs)
    assert outcome == Conflict(BASE, mine, theirs, "deleted_vs_edited")


def test_deleted_on_both_sides_stays_deleted():
    deleted = Record(5, BASE.fields, deleted=True)
    outcome = merge("persons", BASE, deleted, Record(6, BASE.fields, deleted=True))
    assert isinstance(outcome, Merged)
    assert outcome.record.deleted
    assert outcome.record.version == 7


def test_append_only_rows_never_conflict_and_are_never_edited():
    note = Record(1, {"text": "Gesprek over huur"})
    assert merge("contact_notes", None, note, note) == Merged(note)
    with pytest.raises(MergeError):
        merge("contact_notes", note, note, Record(2, {"text": "Anders"}))


def test_two_inserts_of_one_record_with_other_content_conflict():
    outcome = merge("persons", None, Record(1, {"phone": "1"}), Record(1, {"phone": "2"}))
    assert isinstance(outcome, Conflict)
    assert outcome.reason == "both_inserted"


VALUES = st.sampled_from(["a", "b", None])
PERSON_FIELDS = ("given_name", "family_name", "phone", "email")


@st.composite
def _side(draw):
    fields = draw(st.dictionaries(st.sampled_from(PERSON_FIELDS), VALUES, max_size=3))
    return Record(BASE.version + draw(st.integers(0, 3)), {**BASE.fields, **fields})


@given(mine=_side(), theirs=_side())
def test_the_verdict_does_not_depend_on_which_side_is_mine(mine, theirs):
    forward = merge("persons", BASE, mine, theirs)
    backward = merge("persons", BASE, theirs, mine)
    assert type(forward) is type(backward)
    if isinstance(forward, Merged) and mine.version > BASE.version < theirs.version:
        assert forward == backward
        assert forward.record.version > max(mine.version, theirs.version)
    if isinstance(forward, Conflict):
        assert forward.fields == backward.fields
