"""A change survives its JSON form and refuses what is not a change, naming the field."""

import uuid

import pytest

from sociaalhuis.sync.change import Change, ChangeError, new_change_id


def _change(**overrides):
    data = {
        "change_id": new_change_id(),
        "site_id": str(uuid.uuid4()),
        "seq": 1,
        "table": "persons",
        "record_id": str(uuid.uuid4()),
        "op": "update",
        "base_version": 2,
        "version": 3,
        "fields": {"phone": "016 12 34 56"},
        "base_fields": {"phone": ""},
        "made_at": "2026-12-03T10:00:00Z",
    }
    data.update(overrides)
    return data


def test_a_change_reads_back_as_written():
    change = Change.from_json(_change())
    assert Change.from_json(change.to_json()) == change


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"op": "upsert"}, "op"),
        ({"seq": 0}, "seq"),
        ({"seq": True}, "seq"),
        ({"change_id": "x"}, "change_id"),
        ({"op": "insert"}, "base_version"),
        ({"version": 2}, "version"),
        ({"fields": []}, "fields"),
        ({"extra": 1}, "extra"),
    ],
)
def test_a_broken_change_is_refused_naming_the_field(overrides, field):
    with pytest.raises(ChangeError) as caught:
        Change.from_json(_change(**overrides))
    assert caught.value.field == field
