"""A bundle gives back exactly the header and changes it was written with."""

import os
import stat
import uuid

import pytest

from sociaalhuis.sync.bundle import (
    MIN_CHUNK_SIZE,
    BundleError,
    read_bundle,
    write_bundle,
)
from sociaalhuis.sync.change import Change, new_change_id
from sociaalhuis.sync.keys import new_key

SENDER = str(uuid.uuid4())
RECEIVER = str(uuid.uuid4())
EPOCH = str(uuid.uuid4())


def _changes(count, *, site=SENDER, start=1, noise=0):
    return [
        Change(
            change_id=new_change_id(),
            site_id=site,
            seq=start + number,
            table="persons",
            record_id=str(uuid.uuid4()),
            op="update",
            base_version=1,
            version=2,
            fields={"phone": "016 12 34 56", "note": f"regel {number} {os.urandom(noise).hex()}"},
            base_fields={"phone": "", "note": ""},
            made_at="2026-12-03T10:00:00+00:00",
        )
        for number in range(count)
    ]


def _write(path, key, changes, **options):
    return write_bundle(
        path, key, sender_site=SENDER, sender_epoch=EPOCH, changes=changes, **options
    )


@pytest.mark.parametrize("count", [0, 1, 250])
def test_a_bundle_reads_back_as_written(tmp_path, count):
    key = new_key()
    changes = _changes(count)
    path = tmp_path / "out.shbundle"
    written = _write(path, key, changes, receiver_site=RECEIVER, chunk_size=MIN_CHUNK_SIZE)

    bundle = read_bundle(path, key)

    assert bundle.changes == changes
    assert bundle.header == written
    assert bundle.header.sender_site == SENDER
    assert bundle.header.receiver_site == RECEIVER
    assert bundle.header.sender_epoch == EPOCH
    assert bundle.header.count == count
    assert (bundle.header.first_seq, bundle.header.last_seq) == (
        (1, count) if count else (None, None)
    )
    assert not (tmp_path / "out.shbundle.part").exists()


def test_unicode_and_every_operation_survive(tmp_path):
    key = new_key()
    site, record = SENDER, str(uuid.uuid4())
    common = {"site_id": site, "table": "households", "record_id": record, "made_at": "x"}
    changes = [
        Change(new_change_id(), seq=1, op="insert", base_version=None, version=1, **common,
               fields={"street": "Brusselsesteenweg 12 — bus 3", "name": "Zoë Ĳsselmeer 李"}),
        Change(new_change_id(), seq=2, op="update", base_version=1, version=2, **common,
               fields={"street": "Rue de l'Église 😀\n\"quoted\""},
               base_fields={"street": "Brusselsesteenweg 12 — bus 3"}),
        Change(new_change_id(), seq=3, op="delete", base_version=2, version=3, **common),
    ]  # fmt: skip
    path = tmp_path / "unicode.shbundle"
    _write(path, key, changes)

    assert read_bundle(path, key).changes == changes


def test_the_sender_range_is_kept_and_relayed_changes_do_not_count_in_it(tmp_path):
    key = new_key()
    relayed = _changes(2, site=str(uuid.uuid4()), start=900)
    changes = _changes(3, start=40) + relayed
    path = tmp_path / "relay.shbundle"
    _write(path, key, changes, first_seq=38, last_seq=45)

    header = read_bundle(path, key).header
    assert (header.first_seq, header.last_seq, header.count) == (38, 45, 5)


def test_a_change_outside_the_given_range_is_not_written(tmp_path):
    path = tmp_path / "bad.shbundle"
    with pytest.raises(BundleError) as caught:
        _write(path, new_key(), _changes(3, start=10), first_seq=10, last_seq=11)
    assert caught.value.kind == "unwritable"
    assert "change line 3" in caught.value.reason
    assert list(tmp_path.iterdir()) == []


def test_a_value_that_is_not_json_is_refused_before_any_file_appears(tmp_path):
    bad = _changes(2)
    bad[1] = Change(**{**bad[1].to_json(), "fields": {"amount": object()}})
    path = tmp_path / "bad.shbundle"
    with pytest.raises(BundleError) as caught:
        _write(path, new_key(), bad)
    assert caught.value.line == 2
    assert list(tmp_path.iterdir()) == []


def test_an_existing_bundle_is_replaced_whole(tmp_path):
    key = new_key()
    path = tmp_path / "again.shbundle"
    _write(path, key, _changes(5))
    second = _changes(1)
    _write(path, key, second)
    assert read_bundle(path, key).changes == second


def test_a_20_mb_bundle_round_trips_in_several_chunks(tmp_path):
    key = new_key()
    # Random hex text compresses to half, so the file really is over 20 MB: 21 chunks of 1 MiB.
    changes = _changes(2000, noise=9500)
    path = tmp_path / "big.shbundle"
    _write(path, key, changes)
    assert path.stat().st_size > 20_000_000

    bundle = read_bundle(path, key)
    assert len(bundle.changes) == 2000
    assert bundle.changes == changes


def test_a_missing_file_is_named(tmp_path):
    path = tmp_path / "nowhere.shbundle"
    with pytest.raises(BundleError) as caught:
        read_bundle(path, new_key())
    assert str(path) in caught.value.message
    assert "does not exist" in caught.value.reason


def test_a_bundle_is_not_readable_by_others(tmp_path):
    path = tmp_path / "mode.shbundle"
    _write(path, new_key(), _changes(1))
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
