"""The shared sync key: a fresh random key in an owner-only file, a damaged file refused by name,
the same fingerprint on both sites, and the `sync key` command."""

import json
import stat

import pytest

from sociaalhuis import cli
from sociaalhuis.sync.keys import (
    KEY_BYTES,
    KeyFileError,
    fingerprint,
    new_key,
    read_key_file,
    write_key_file,
)


def test_a_key_file_reads_back_and_only_its_owner_may_read_it(tmp_path):
    key = new_key()
    path = tmp_path / "herent.key"
    write_key_file(path, key)

    assert read_key_file(path) == key
    assert len(key) == KEY_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_keys_are_random_and_fingerprints_differ():
    first, second = new_key(), new_key()
    assert first != second
    assert fingerprint(first) != fingerprint(second)
    assert fingerprint(first) == fingerprint(bytes(first))


def test_a_fingerprint_is_four_groups_to_read_aloud():
    text = fingerprint(bytes(range(32)))
    groups = text.split("-")
    assert [len(group) for group in groups] == [4, 4, 4, 4]
    assert all(char in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for char in "".join(groups))


def test_an_existing_key_file_is_never_overwritten(tmp_path):
    path = tmp_path / "herent.key"
    key = new_key()
    write_key_file(path, key)
    with pytest.raises(KeyFileError) as caught:
        write_key_file(path, new_key())
    assert str(path) in caught.value.message
    assert read_key_file(path) == key


def _document(tmp_path):
    path = tmp_path / "site.key"
    write_key_file(path, new_key())
    return path, json.loads(path.read_text())


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(key=d["key"][:-2] + ("00" if d["key"][-2:] != "00" else "11")),
         "checksum"),
        (lambda d: d.update(key=d["key"][:-2]), "31 bytes"),
        (lambda d: d.update(key=d["key"] + "ab"), "33 bytes"),
        (lambda d: d.update(key="zz" * 32), "not hexadecimal"),
        (lambda d: d.pop("key"), "missing"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(format="something-else"), "not a sync key file"),
    ],
)  # fmt: skip
def test_a_damaged_key_file_is_refused_naming_it(tmp_path, change, words):
    path, document = _document(tmp_path)
    change(document)
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileError) as caught:
        read_key_file(path)
    assert str(path) in caught.value.message
    assert words in caught.value.reason


@pytest.mark.parametrize("data", [b"", b"\xff\xfe garbage", b"[1, 2]", b"x" * 10_000])
def test_a_file_that_is_no_key_file_is_refused(tmp_path, data):
    path = tmp_path / "other.key"
    path.write_bytes(data)
    with pytest.raises(KeyFileError) as caught:
        read_key_file(path)
    assert str(path) in caught.value.message


def test_a_missing_key_file_is_named(tmp_path):
    with pytest.raises(KeyFileError, match="does not exist"):
        read_key_file(tmp_path / "missing.key")


def test_a_key_of_the_wrong_length_is_not_written(tmp_path):
    with pytest.raises(KeyFileError, match="16 bytes"):
        write_key_file(tmp_path / "short.key", bytes(16))
    assert not (tmp_path / "short.key").exists()


def test_sync_key_new_and_show_print_the_same_fingerprint(tmp_path, capsys):
    path = tmp_path / "veltem.key"
    assert cli.main(["sync", "key", "new", str(path)]) == 0
    made = capsys.readouterr().out
    assert cli.main(["sync", "key", "show", str(path)]) == 0
    shown = capsys.readouterr().out

    expected = f"fingerprint: {fingerprint(read_key_file(path))}"
    assert expected in made
    assert expected in shown


def test_sync_key_refusals_are_one_line_and_exit_1(tmp_path, capsys):
    path = tmp_path / "veltem.key"
    path.write_text("not a key")
    assert cli.main(["sync", "key", "show", str(path)]) == 1
    assert cli.main(["sync", "key", "new", str(path)]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert errors == [
        f"error: {path}: is damaged: not a sync key file",
        f"error: {path}: already exists; a key file is never overwritten",
    ]
    assert path.read_text() == "not a key"
