"""Random offline edits at a central and two laptops, delivered in every way a transfer can go.

Whatever the batching, order, repetition or cut, the central ends as after one clean delivery;
no deleted record comes back without a conflict, versions never go backwards, and every
change is applied, waiting for its predecessor, or part of an open conflict.
"""

import itertools
import uuid
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaalhuis.sync.apply import SiteState, apply, resend, restore, seed
from tests.sync.sites import INITIAL, LocalSite

SITES = [str(uuid.UUID(int=n)) for n in (100, 200, 300)]  # the central, laptop A, laptop B
FIELDS = {
    "persons": ("family_name", "phone", "email"),
    "households": ("street", "house_number", "box"),
    "referrals": ("status", "reason", "follow_up_on"),
}
OPERATION = st.tuples(
    st.integers(0, 2),
    st.sampled_from(["edit"] * 5 + ["delete", "insert"]),
    st.integers(0, 20),
    st.integers(0, 2),
    st.sampled_from(["x", "y"]),
)
FIGURES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_figures():
    yield
    print(f"\nsync properties: {dict(FIGURES)}")


def _edit_offline(operations):
    """Each site's edits on its own copy, as its outbox holds them."""
    sites = [LocalSite(site_id) for site_id in SITES]
    for site_no, kind, target, field_no, value in operations:
        site = sites[site_no]
        live = [key for key, record in site.records.items() if not record.deleted]
        if kind == "insert" or not live:
            site.insert("persons", family_name=value, phone=value, email=None)
            continue
        key = live[target % len(live)]
        if kind == "delete":
            site.delete(key)
        else:
            site.edit(key, **{FIELDS[key[0]][field_no]: value})
    return sites


def _all_changes(sites):
    return [change for site in sites for change in site.outbox]


def _check_invariants(state: SiteState, previous: SiteState | None, delivered) -> None:
    for key, record in state.records.items():
        if previous is not None and key in previous.records:
            assert record.version >= previous.records[key].version
    placed = [c for c in delivered if c.change_id in state.placed]
    for change in placed:
        if change.op == "delete":
            key = state.placed[change.change_id]
            assert state.records[key].deleted or state.in_conflict(key)
    for change in delivered:
        status = state.status(change.change_id)
        assert status in {"applied", "conflict", "pending"}
        if status == "pending":
            # Only while an earlier change of its site is missing.
            assert state.seqs.get(change.site_id, 0) < change.seq - 1


def _expected_record(sites, key):
    """What the central must show for a record no conflict holds: every site's edits."""
    versions = [site.records[key] for site in sites if key in site.records]
    if any(record.deleted for record in versions):
        return None
    fields = dict(INITIAL[key].fields) if key in INITIAL else {}
    for record in versions:
        start = INITIAL.get(key)
        fields.update(
            {n: v for n, v in record.fields.items() if start is None or start.fields.get(n) != v}
        )
    return fields


@settings(max_examples=300, deadline=None)
@given(operations=st.lists(OPERATION, max_size=25))
def test_one_clean_delivery_applies_every_change_or_keeps_it_in_conflict(operations):
    sites = _edit_offline(operations)
    changes = _all_changes(sites)
    state = apply(seed(SITES[0], INITIAL), changes)
    _check_invariants(state, None, changes)
    assert not state.pending
    FIGURES["examples"] += 1
    FIGURES["changes"] += len(changes)
    FIGURES["conflicts"] += sum(len(c) for c in state.conflicts.values())
    FIGURES["lost"] += sum(state.status(c.change_id) == "unknown" for c in changes)
    for key, record in state.records.items():
        touched = [s for s in sites if key in s.records and s.records[key] != INITIAL.get(key)]
        if state.in_conflict(key):
            assert len(touched) >= 2  # a conflict needs two sides that moved
            continue
        assert record.version >= max(s.records[key].version for s in sites if key in s.records)
        expected = _expected_record(sites, key)
        if expected is None:
            assert record.deleted
        else:
            assert not record.deleted
            assert dict(record.fields) == expected


@settings(max_examples=300, deadline=None)
@given(operations=st.lists(OPERATION, max_size=25), data=st.data())
def test_any_batching_order_repetition_or_cut_ends_as_one_clean_delivery(operations, data):
    sites = _edit_offline(operations)
    changes = _all_changes(sites)
    start = seed(SITES[0], INITIAL)
    clean = apply(start, changes)
    shuffled = data.draw(st.permutations(changes))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(changes)), max_size=5)))
    bounds = [0, *cuts, len(changes)]
    batches = [shuffled[a:b] for a, b in itertools.pairwise(bounds)]
    repeats = data.draw(st.lists(st.integers(0, len(batches) - 1), max_size=3))
    delivery = data.draw(st.permutations(batches + [batches[i] for i in repeats]))
    state, delivered = start, []
    for batch in delivery:
        delivered.extend(batch)
        previous, state = state, apply(state, batch)
        _check_invariants(state, previous, delivered)
    FIGURES["delivery examples"] += 1
    FIGURES["batches"] += len(delivery)
    assert state == clean


@settings(max_examples=200, deadline=None)
@given(operations=st.lists(OPERATION, max_size=25), data=st.data())
def test_a_transfer_cut_anywhere_and_sent_again_ends_as_one_clean_delivery(operations, data):
    changes = _all_changes(_edit_offline(operations))
    start = seed(SITES[0], INITIAL)
    cut = data.draw(st.integers(0, len(changes)))
    twice = apply(apply(start, changes[:cut]), changes)
    FIGURES["cut examples"] += 1
    assert twice == apply(start, changes)


@settings(max_examples=200, deadline=None)
@given(operations=st.lists(OPERATION, max_size=25), data=st.data())
def test_a_central_restored_from_any_backup_gets_back_what_it_lost(operations, data):
    sites = _edit_offline(operations)
    changes = _all_changes(sites)
    start = seed(SITES[0], INITIAL)
    # The backup was taken after any part of the changes had arrived, some of them waiting.
    arrived = data.draw(st.permutations(changes))[: data.draw(st.integers(0, len(changes)))]
    backup = apply(start, arrived)
    restored = restore(backup)
    for site in sites:
        restored = apply(restored, resend(site.outbox, restored, site.site_id))
    FIGURES["restore examples"] += 1
    assert restored.epoch != start.epoch
    assert replace(restored, epoch=start.epoch) == apply(start, changes)
