"""Opening an encrypted database: with its passphrase it works as before; without it, with a
wrong one, without its key file, damaged, or swapped for a plain file it is refused and
every file stays byte-for-byte as it was; a passphrase change does not touch the database;
the migration backup of an encrypted database is encrypted."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from sociaalhuis.errors import StorageError
from sociaalhuis.storage import conversion, encryption, schema
from sociaalhuis.storage.database import SQLITE_HEADER, Database
from sociaalhuis.storage.models import Person
from tests.encryption.helpers import PASSPHRASE, folder_digest, make_plain, url


def family_names(path: Path, passphrase: str) -> list[str]:
    db = Database.open(url(path), passphrase=passphrase)
    try:
        with db.read() as session:
            return list(session.scalars(select(Person.family_name)))
    finally:
        db.close()


def test_the_converted_database_opens_with_its_passphrase_only(encrypted):
    path, _recovery = encrypted
    assert not path.read_bytes().startswith(SQLITE_HEADER)
    assert family_names(path, PASSPHRASE) == ["Vermeulen"]
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()


def _refused(path: Path, passphrase: str | None, kind: str, **options) -> StorageError:
    before = folder_digest(path.parent)
    with pytest.raises(StorageError) as caught:
        Database.open(url(path), passphrase=passphrase, **options)
    assert caught.value.kind == kind, caught.value
    assert folder_digest(path.parent) == before
    return caught.value


@pytest.mark.parametrize("options", [{}, {"create": True, "migrate": True}])
def test_without_or_with_a_wrong_passphrase_nothing_is_opened_or_changed(encrypted, options):
    path, _recovery = encrypted
    assert _refused(path, None, "needs_passphrase", **options).location == str(path)
    refused = _refused(path, "Veltem-antenne 2025!", "wrong_passphrase", **options)
    assert refused.location == str(encryption.keys_file(path))


def test_a_missing_key_file_is_named_never_a_new_database(encrypted):
    path, _recovery = encrypted
    keys = encryption.keys_file(path)
    keys.rename(path.parent / "elsewhere")
    refused = _refused(path, None, "missing_keys", create=True, migrate=True)
    assert keys.name in refused.reason
    _refused(path, PASSPHRASE, "", create=True)  # a passphrase for a file without key file


def test_a_key_file_without_its_database_creates_nothing(encrypted):
    path, _recovery = encrypted
    path.rename(path.parent / "elsewhere.db")
    refused = _refused(path, PASSPHRASE, "", create=True, migrate=True)
    assert "missing" in refused.reason
    assert not path.exists()


def test_a_plain_file_beside_a_key_file_is_refused(encrypted, tmp_path):
    path, _recovery = encrypted
    make_plain(tmp_path / "intruder.db").replace(path)
    _refused(path, PASSPHRASE, "not_encrypted", create=True, migrate=True)
    _refused(path, None, "not_encrypted")


def test_damaged_pages_are_refused_as_damaged(encrypted):
    path, _recovery = encrypted
    data = bytearray(path.read_bytes())
    data[200:4000] = bytes(3800)
    path.write_bytes(data)
    _refused(path, PASSPHRASE, "damaged", migrate=True)


def test_the_key_file_of_another_database_is_refused(encrypted, tmp_path):
    path, _recovery = encrypted
    other = make_plain(tmp_path / "other" / "b.db")
    conversion.encrypt(other, PASSPHRASE)
    shutil.copyfile(encryption.keys_file(other), encryption.keys_file(path))
    refused = _refused(path, PASSPHRASE, "damaged", migrate=True)
    assert "key file of another database" in refused.reason


def test_a_passphrase_change_rewrites_only_the_key_file(encrypted):
    path, _recovery = encrypted
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    conversion.change_passphrase(path, PASSPHRASE, "nieuwe zin voor Veltem")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert family_names(path, "nieuwe zin voor Veltem") == ["Vermeulen"]
    _refused(path, PASSPHRASE, "wrong_passphrase")


def test_the_recovery_key_sets_a_new_passphrase(encrypted):
    path, recovery = encrypted
    with pytest.raises(StorageError) as caught:
        conversion.recover(path, encryption.new_keys(PASSPHRASE).recovery_key, "x" * 12)
    assert caught.value.kind == "wrong_passphrase"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    conversion.recover(path, recovery, "vergeten en hersteld")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert family_names(path, "vergeten en hersteld") == ["Vermeulen"]


def test_the_migration_backup_of_an_encrypted_database_is_encrypted(encrypted):
    path, _recovery = encrypted
    db = Database.open(url(path), passphrase=PASSPHRASE)
    try:
        backup = schema.backup_sqlite(db.engine, "before-test")
    finally:
        db.close()
    assert backup is not None and backup.exists()
    assert not backup.read_bytes().startswith(SQLITE_HEADER)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Put back in the database's place, the same key file opens it.
    restored = path.parent / "restored"
    restored.mkdir()
    shutil.copyfile(backup, restored / path.name)
    shutil.copyfile(encryption.keys_file(path), restored / (path.name + ".keys"))
    assert family_names(restored / path.name, PASSPHRASE) == ["Vermeulen"]


def test_the_backup_of_a_plain_database_stays_a_plain_copy(plain):
    db = Database.open(url(plain))
    try:
        backup = schema.backup_sqlite(db.engine, "before-test")
    finally:
        db.close()
    assert backup is not None and backup.read_bytes().startswith(SQLITE_HEADER)
