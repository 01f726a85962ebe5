"""The key file: the data key wrapped by the passphrase and by the recovery key, nothing in
clear, and a wrong passphrase, a damaged file or a forged one each refused by its name."""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import pytest

from sociaalhuis.errors import StorageError
from sociaalhuis.storage import encryption

PASSPHRASE = "lange zin met spaties"


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, encryption.NewKeys]:
    fresh = encryption.new_keys(PASSPHRASE)
    path = tmp_path / "a.db.keys"
    encryption.write(path, fresh.document)
    return path, fresh


def test_passphrase_and_recovery_key_both_unlock_the_same_data_key(keys):
    path, fresh = keys
    assert len(fresh.data_key) == 32
    assert encryption.unlock(path, PASSPHRASE) == fresh.data_key
    assert encryption.unlock_with_recovery(path, fresh.recovery_key) == fresh.data_key
    # Typed by hand: lower case, spaces instead of dashes, O for 0 and l for 1.
    typed = fresh.recovery_key.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert encryption.unlock_with_recovery(path, typed) == fresh.data_key


def test_the_recovery_key_is_shown_in_eight_groups_of_four():
    fresh = encryption.new_keys(PASSPHRASE)
    groups = fresh.recovery_key.split("-")
    assert [len(g) for g in groups] == [4] * 8
    assert all(c in encryption.ALPHABET for c in "".join(groups))
    raw = encryption.parse_recovery_key(fresh.recovery_key)
    assert encryption.format_recovery_key(raw) == fresh.recovery_key


def test_no_secret_is_in_the_file_in_clear(keys):
    path, fresh = keys
    data = path.read_bytes()
    secrets = [
        fresh.data_key,
        fresh.data_key.hex().encode(),
        base64.b64encode(fresh.data_key),
        PASSPHRASE.encode(),
        fresh.recovery_key.encode(),
        fresh.recovery_key.replace("-", "").encode(),
        encryption.parse_recovery_key(fresh.recovery_key),
    ]
    assert [s for s in secrets if s in data] == []
    document = json.loads(data)
    assert document["version"] == 1
    assert document["passphrase"]["kdf"]["name"] == "argon2id"
    assert document["passphrase"]["kdf"]["memory_kib"] == encryption.ARGON2_MEMORY_KIB


def test_two_key_files_never_share_salt_nonce_or_key():
    first, second = encryption.new_keys(PASSPHRASE), encryption.new_keys(PASSPHRASE)
    assert first.data_key != second.data_key
    assert first.recovery_key != second.recovery_key
    a, b = first.document["passphrase"], second.document["passphrase"]
    assert a["kdf"]["salt"] != b["kdf"]["salt"]
    assert a["nonce"] != b["nonce"]


def test_a_wrong_passphrase_or_recovery_key_is_refused_naming_the_file(keys):
    path, _fresh = keys
    with pytest.raises(StorageError) as caught:
        encryption.unlock(path, PASSPHRASE + "x")
    assert (caught.value.kind, caught.value.location) == ("wrong_passphrase", str(path))
    other = encryption.new_keys(PASSPHRASE).recovery_key
    with pytest.raises(StorageError) as caught:
        encryption.unlock_with_recovery(path, other)
    assert caught.value.kind == "wrong_passphrase"
    assert "recovery key" in caught.value.reason
    with pytest.raises(StorageError) as caught:
        encryption.unlock_with_recovery(path, "1234")
    assert caught.value.kind == "wrong_passphrase"


def _edit(path: Path, change) -> None:
    document = json.loads(path.read_bytes())
    change(document)
    path.write_text(json.dumps(document))


def _recheck(document: dict) -> None:
    document["check"] = encryption.checksum(document)


def _flip_wrapped(document: dict) -> None:
    # Without recomputing the checksum: accidental damage.
    wrapped = document["passphrase"]["wrapped"]
    document["passphrase"]["wrapped"] = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]


def _drop_nonce(document: dict) -> None:
    document["passphrase"].pop("nonce")
    _recheck(document)


def _bad_base64(document: dict) -> None:
    document["passphrase"]["nonce"] = "@@@"
    _recheck(document)


def _absurd_kdf(document: dict) -> None:
    # A forged file asking for 100 GiB and a million passes must not be obeyed.
    document["passphrase"]["kdf"].update(memory_kib=10**8, time_cost=10**6)
    _recheck(document)


DAMAGES = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[:100]),
    "empty": lambda p: p.write_bytes(b""),
    "not-an-object": lambda p: p.write_text("[1, 2]"),
    "version": lambda p: _edit(p, lambda d: d.update(version=2)),
    "bit-changed": lambda p: _edit(p, _flip_wrapped),
    "incomplete": lambda p: _edit(p, _drop_nonce),
    "bad-base64": lambda p: _edit(p, _bad_base64),
    "absurd-kdf": lambda p: _edit(p, _absurd_kdf),
    "missing": lambda p: p.unlink(),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_key_file_is_refused_as_damaged(keys, damage):
    path, _fresh = keys
    damage(path)
    started = time.perf_counter()
    with pytest.raises(StorageError) as caught:
        encryption.unlock(path, PASSPHRASE)
    assert caught.value.kind == "damaged_keys"
    assert caught.value.location == str(path)
    assert time.perf_counter() - started < 5


def test_a_forged_parameter_with_a_recomputed_checksum_fails_authentication(keys):
    """The Argon2id parameters are associated data: lowering them to speed up guessing, even
    with a valid checksum, makes the wrap fail (as a wrong passphrase would)."""
    path, _fresh = keys

    def weaken(document: dict) -> None:
        document["passphrase"]["kdf"]["time_cost"] = 1
        _recheck(document)

    _edit(path, weaken)
    with pytest.raises(StorageError) as caught:
        encryption.unlock(path, PASSPHRASE)
    assert caught.value.kind == "wrong_passphrase"


def test_the_two_wraps_cannot_be_swapped(keys):
    path, fresh = keys

    def swap(document: dict) -> None:
        for field in ("nonce", "wrapped"):
            document["passphrase"][field] = document["recovery"][field]
        _recheck(document)

    _edit(path, swap)
    with pytest.raises(StorageError):
        encryption.unlock(path, PASSPHRASE)
    assert encryption.unlock_with_recovery(path, fresh.recovery_key) == fresh.data_key


def test_changing_the_passphrase_rewraps_only_the_passphrase_entry(keys):
    path, fresh = keys
    before = json.loads(path.read_bytes())
    encryption.change_passphrase(path, fresh.data_key, "een nieuwe passphrase")
    after = json.loads(path.read_bytes())
    assert after["recovery"] == before["recovery"]
    assert after["passphrase"]["kdf"]["salt"] != before["passphrase"]["kdf"]["salt"]
    assert encryption.unlock(path, "een nieuwe passphrase") == fresh.data_key
    with pytest.raises(StorageError):
        encryption.unlock(path, PASSPHRASE)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_short_passphrase_is_refused():
    with pytest.raises(StorageError) as caught:
        encryption.new_keys("kort")
    assert caught.value.kind == "weak_passphrase"


def test_an_existing_key_file_is_never_overwritten_by_a_new_one(keys):
    path, _fresh = keys
    before = path.read_bytes()
    with pytest.raises(StorageError, match="already there"):
        encryption.write(path, encryption.new_keys(PASSPHRASE).document)
    assert path.read_bytes() == before
