"""A bundle that was altered, cut, extended, spliced or made with another key is refused whole."""

import json
import uuid
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaalhuis.sync.bundle import (
    MIN_CHUNK_SIZE,
    PREFIX,
    TAG_BYTES,
    BundleError,
    _Sealer,
    read_bundle,
    write_bundle,
)
from sociaalhuis.sync.change import Change, new_change_id
from sociaalhuis.sync.keys import fingerprint, new_key

SENDER = str(uuid.uuid4())
EPOCH = str(uuid.uuid4())
KEY = new_key()


def _changes(count):
    return [
        Change(
            change_id=new_change_id(),
            site_id=SENDER,
            seq=number,
            table="contacts",
            record_id=str(uuid.uuid4()),
            op="update",
            base_version=number,
            version=number + 1,
            fields={"phone": f"0470 {number:06d}", "email": f"{uuid.uuid4()}@example.be"},
            base_fields={"phone": "", "email": ""},
        )
        for number in range(1, count + 1)
    ]


def _bundle_bytes(tmp_path, name, count, key=KEY):
    path = tmp_path / name
    write_bundle(
        path,
        key,
        sender_site=SENDER,
        sender_epoch=EPOCH,
        changes=_changes(count),
        chunk_size=MIN_CHUNK_SIZE,
    )
    return path.read_bytes()


def _refused(tmp_path, data, key=KEY):
    """The BundleError reading `data` raises; fails the test if it reads."""
    path = tmp_path / "suspect.shbundle"
    path.write_bytes(data)
    with pytest.raises(BundleError) as caught:
        read_bundle(path, key)
    assert str(path) in caught.value.message
    return caught.value


def _head_length(data):
    return PREFIX.size + PREFIX.unpack(data[: PREFIX.size])[2]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small bundle (about 1 kB) of a header and more than two chunks."""
    data = _bundle_bytes(tmp_path_factory.mktemp("small"), "small.shbundle", 8)
    assert len(data) - _head_length(data) > 2 * (MIN_CHUNK_SIZE + TAG_BYTES)
    return data


def test_the_small_bundle_itself_reads(tmp_path, small):
    path = tmp_path / "good.shbundle"
    path.write_bytes(small)
    assert len(read_bundle(path, KEY).changes) == 8


@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_every_flipped_byte_is_refused(tmp_path, small, mask):
    for position in range(len(small)):
        altered = bytearray(small)
        altered[position] ^= mask
        _refused(tmp_path, bytes(altered))


def test_a_flipped_byte_in_a_chunk_names_the_part(tmp_path, small):
    altered = bytearray(small)
    altered[_head_length(small) + MIN_CHUNK_SIZE + TAG_BYTES + 5] ^= 0x01
    error = _refused(tmp_path, bytes(altered))
    assert error.kind == "damaged"
    assert "part 2" in error.reason


def test_every_truncation_is_refused(tmp_path, small):
    for length in range(len(small)):
        error = _refused(tmp_path, small[:length])
        assert error.kind in ("truncated", "not_a_bundle", "damaged")


def test_a_bundle_cut_at_a_chunk_boundary_says_it_is_cut_off(tmp_path, small):
    boundary = _head_length(small) + 2 * (MIN_CHUNK_SIZE + TAG_BYTES)
    error = _refused(tmp_path, small[:boundary])
    assert error.kind == "truncated"
    assert "cut off" in error.reason


@pytest.mark.parametrize("extra", [b"\x00", b"garbage", bytes(MIN_CHUNK_SIZE + 40)])
def test_appended_bytes_are_refused(tmp_path, small, extra):
    _refused(tmp_path, small + extra)


def test_bytes_appended_after_a_full_last_chunk_are_named(tmp_path):
    # Craft a bundle whose last chunk is exactly full: one change padded so its line,
    # stored uncompressed (zlib level 0 adds 11 bytes), fills two chunks to the byte.
    change = _changes(1)[0]
    path = tmp_path / "exact.shbundle"
    write_bundle(
        path, KEY, sender_site=SENDER, sender_epoch=EPOCH, changes=[change], chunk_size=256
    )
    head = path.read_bytes()[: _head_length(path.read_bytes())]
    padding = 2 * MIN_CHUNK_SIZE - 11 - len(change.dumps().encode() + b"\n")
    change = Change(**{**change.to_json(), "made_at": "x" * padding})
    deflate = zlib.compressobj(0)
    stream = deflate.compress(change.dumps().encode() + b"\n") + deflate.flush()
    assert len(stream) == 2 * MIN_CHUNK_SIZE
    salt = bytes.fromhex(json.loads(head[PREFIX.size :])["salt"])
    sealer = _Sealer(KEY, salt, head)
    body = sealer.seal(0, False, stream[:MIN_CHUNK_SIZE]) + sealer.seal(
        1, True, stream[MIN_CHUNK_SIZE:]
    )
    path.write_bytes(head + body)
    assert read_bundle(path, KEY).changes == [change]

    error = _refused(tmp_path, head + body + b"!")
    assert error.kind == "appended"
    assert "extra bytes" in error.reason


def test_swapping_chunks_within_a_bundle_is_refused(tmp_path, small):
    head = _head_length(small)
    size = MIN_CHUNK_SIZE + TAG_BYTES
    first, second = small[head : head + size], small[head + size : head + 2 * size]
    _refused(tmp_path, small[:head] + second + first + small[head + 2 * size :])


def test_a_chunk_from_another_bundle_with_the_same_key_is_refused(tmp_path, small):
    other = _bundle_bytes(tmp_path, "other.shbundle", 8)
    head, size = _head_length(small), MIN_CHUNK_SIZE + TAG_BYTES
    assert _head_length(other) == head
    for index in range(2):
        start = head + index * size
        spliced = small[:start] + other[start : start + size] + small[start + size :]
        assert _refused(tmp_path, spliced).kind == "damaged"
    # Nor does another bundle's header fit these chunks.
    _refused(tmp_path, other[:head] + small[head:])


def test_a_bundle_made_with_another_key_is_refused_naming_both_fingerprints(tmp_path, small):
    error = _refused(tmp_path, small, key=new_key())
    assert error.kind == "wrong_key"
    assert "another key" in error.reason


def test_a_forged_key_id_does_not_help_another_key(tmp_path):
    other_key = new_key()
    data = _bundle_bytes(tmp_path, "forged.shbundle", 3, key=other_key)
    forged = data.replace(fingerprint(other_key).encode(), fingerprint(KEY).encode())
    assert forged != data
    assert _refused(tmp_path, forged).kind == "damaged"


def test_a_file_that_is_not_a_bundle_is_named(tmp_path):
    for data in (b"", b"PK\x03\x04 a zip file", b"{}\n" * 100):
        assert _refused(tmp_path, data).kind == "not_a_bundle"


def test_a_newer_format_version_is_refused(tmp_path, small):
    magic, _version, length = PREFIX.unpack(small[: PREFIX.size])
    error = _refused(tmp_path, PREFIX.pack(magic, 2, length) + small[PREFIX.size :])
    assert error.kind == "version"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "cut", "insert", "delete", "overwrite"]),
            st.integers(min_value=0, max_value=2000),
            st.binary(min_size=1, max_size=40),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_corruption_never_reads_and_raises_only_bundle_error(tmp_path_factory, edits):
    original = _corruption_base(tmp_path_factory)
    data = bytearray(original)
    for action, position, payload in edits:
        at = position % (len(data) + 1)
        if action == "flip" and at < len(data):
            data[at] ^= payload[0] or 0x01
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = payload
        elif action == "delete":
            del data[at : at + len(payload)]
        else:
            data[at : at + len(payload)] = payload
    if bytes(data) == original:
        return  # the edits cancelled out (e.g. an overwrite with the same bytes)
    path = tmp_path_factory.mktemp("random") / "random.shbundle"
    path.write_bytes(bytes(data))
    try:
        result = read_bundle(path, KEY)
    except BundleError as error:
        assert error.path == str(path)
    else:
        pytest.fail(f"a corrupted bundle was read: {len(result.changes)} changes")


_BASE: list[bytes] = []


def _corruption_base(tmp_path_factory):
    if not _BASE:
        _BASE.append(_bundle_bytes(tmp_path_factory.mktemp("base"), "base.shbundle", 12))
    return _BASE[0]
