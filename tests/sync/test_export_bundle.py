"""`export_bundle` writes exactly this site's outbox (all of it, or after `--since`) into a
bundle that `read_bundle` gives back in seq order; `inspect_bundle` verifies and summarises
one (SQLite and PostgreSQL through the `db` fixture)."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import MemberInput
from sociaalhuis.errors import ValidationError
from sociaalhuis.sync import keys, outbox, site
from sociaalhuis.sync.bundle import BundleError, read_bundle
from sociaalhuis.sync.export import count_changes, export_bundle, inspect_bundle
from tests.builders import family, household, single


def _outbox(db):
    with db.read() as session:
        return outbox.changes(session), site.current(session)


def _create_and_update(db, actor):
    """A family made, then moved and renamed: inserts, then updates with base values."""
    service = HouseholdService(db)
    created = service.create(actor, family())
    sarah = replace(family().members[0].person, person_id=created.applicant.id)
    return service.update(
        actor,
        created.id,
        created.version,
        household(
            MemberInput(replace(sarah, family_name="Peeters"), "applicant"),
            street="Wijgmaalsesteenweg",
            number="150",
        ),
    )


def test_the_bundle_holds_exactly_the_outbox_in_seq_order(db, actor, tmp_path):
    _create_and_update(db, actor)
    changes, here = _outbox(db)
    key = keys.new_key()
    path = tmp_path / "veltem.bundle"
    summary = export_bundle(db, path, key)
    bundle = read_bundle(path, key)
    assert bundle.changes == changes
    assert [c.seq for c in bundle.changes] == list(range(1, here.last_seq + 1))
    header = bundle.header
    assert (header.sender_site, header.sender_epoch) == (here.site_id, here.epoch)
    assert (header.first_seq, header.last_seq, header.count) == (1, here.last_seq, len(changes))
    assert summary.header == header and summary.path == str(path)
    assert summary.counts == dict(Counter((c.table, c.op) for c in changes))
    assert summary.counts[("households", "insert")] == 1
    assert summary.counts[("households", "update")] == 1
    assert summary.counts[("persons", "update")] == 1
    assert summary.counts[("household_members", "delete")] == 2
    renamed = next(c for c in bundle.changes if c.table == "persons" and c.op == "update")
    assert renamed.fields["family_name"] == "Peeters"
    assert renamed.base_fields["family_name"] == "Janssens"
    assert not list(tmp_path.glob("*.part"))
    assert inspect_bundle(path, key) == summary


def test_since_gives_only_the_later_changes(db, actor, tmp_path):
    HouseholdService(db).create(actor, single())
    _before, first = _outbox(db)
    _create_and_update(db, actor)
    changes, here = _outbox(db)
    key = keys.new_key()
    summary = export_bundle(db, tmp_path / "later.bundle", key, since=first.last_seq)
    bundle = read_bundle(tmp_path / "later.bundle", key)
    assert bundle.changes == [c for c in changes if c.seq > first.last_seq]
    assert bundle.changes[0].seq == first.last_seq + 1
    assert (bundle.header.first_seq, bundle.header.last_seq) == (first.last_seq + 1, here.last_seq)
    assert summary.count == here.last_seq - first.last_seq


def test_nothing_to_export_writes_no_file(db, actor, tmp_path):
    HouseholdService(db).create(actor, family())
    _changes, here = _outbox(db)
    usb = tmp_path / "usb"
    usb.mkdir()
    path = usb / "empty.bundle"
    summary = export_bundle(db, path, keys.new_key(), since=here.last_seq)
    assert summary.header is None and summary.counts == {} and summary.count == 0
    assert list(usb.iterdir()) == []
    with pytest.raises(ValidationError, match="--since"):
        export_bundle(db, path, keys.new_key(), since=-1)
    assert not path.exists()


def test_an_unwritable_path_names_the_file_and_leaves_nothing(db, actor, tmp_path):
    HouseholdService(db).create(actor, family())
    path = tmp_path / "no such folder" / "x.bundle"
    with pytest.raises(BundleError) as refused:
        export_bundle(db, path, keys.new_key())
    assert refused.value.kind == "unwritable" and str(path) in refused.value.message
    assert not path.parent.exists()


def test_inspect_refuses_a_tampered_or_foreign_bundle(db, actor, tmp_path):
    HouseholdService(db).create(actor, family())
    key = keys.new_key()
    path = tmp_path / "good.bundle"
    export_bundle(db, path, key)
    with pytest.raises(BundleError) as foreign:
        inspect_bundle(path, keys.new_key())
    assert foreign.value.kind == "wrong_key" and str(path) in foreign.value.message
    data = bytearray(path.read_bytes())
    data[-20] ^= 0x01
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(bytes(data))
    with pytest.raises(BundleError) as damaged:
        inspect_bundle(tampered, key)
    assert damaged.value.kind == "damaged" and str(tampered) in damaged.value.message


def test_counts_are_sorted_by_table_then_operation(db, actor):
    _create_and_update(db, actor)
    changes, _here = _outbox(db)
    counted = list(count_changes(reversed(changes)))
    order = {"insert": 0, "update": 1, "delete": 2}
    assert counted == sorted(counted, key=lambda pair: (pair[0], order[pair[1]]))
    assert len(counted) == len(set(counted)) > 3
