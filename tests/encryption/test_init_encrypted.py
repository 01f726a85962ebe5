"""`python -m sociaalhuis init --encrypted`: a new database that is encrypted from its first
byte (no name written through the services is in any file of its folder), migrated with its
site row and system user, opened only with its passphrase; refused with nothing changed when
the database or its key file is there already."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ContactInput
from sociaalhuis.cli import main
from sociaalhuis.errors import StorageError
from sociaalhuis.storage import encryption, models, schema
from sociaalhuis.storage.database import SQLITE_HEADER, Database
from sociaalhuis.storage.sync_tables import SyncSite
from tests.builders import single
from tests.encryption.helpers import PASSPHRASE, folder_digest, make_plain, url
from tests.encryption.test_encrypt_cli import recovery_key_in
from tests.encryption.test_zero_hits import FAMILY, GIVEN, NOTE, QUESTION, hits


def init(monkeypatch, capsys, path: Path, *answers: str) -> tuple[int, str, str]:
    lines = answers or (PASSPHRASE, PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(a + "\n" for a in lines)))
    code = main(["--database", url(path), "init", "--encrypted", "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_database_is_encrypted_from_the_start(tmp_path, monkeypatch, capsys):
    path = tmp_path / "antenne.db"
    code, out, err = init(monkeypatch, capsys, path)
    assert (code, err) == (0, "")
    assert f"database ready: {path} (schema {schema.head_revision()})" in out
    assert f"key file:  {encryption.keys_file(path)}" in out
    assert sorted(folder_digest(tmp_path)) == ["antenne.db", "antenne.db.keys"]
    assert not path.read_bytes().startswith(SQLITE_HEADER)

    db = Database.open(url(path), passphrase=PASSPHRASE)
    try:
        with db.read() as session:
            assert session.scalar(select(SyncSite.role)) == "central"  # migration 0014's row
            assert session.scalar(select(models.User.username)) == "system"
        with db.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        household = HouseholdService(db).create(actor, single(given=GIVEN, family_name=FAMILY))
        ContactService(db).record(actor, household.id, ContactInput(question=QUESTION, note=NOTE))
        assert (tmp_path / "antenne.db-wal").exists()
        assert hits(tmp_path) == {}  # while open, the WAL not yet folded in
    finally:
        db.close()
    assert hits(tmp_path) == {}
    assert not path.read_bytes().startswith(SQLITE_HEADER)

    before = folder_digest(tmp_path)
    for passphrase, kind in (
        (None, "needs_passphrase"),
        ("Veltem-antenne 2025!", "wrong_passphrase"),
    ):
        with pytest.raises(StorageError) as refused:
            Database.open(url(path), passphrase=passphrase)
        assert refused.value.kind == kind
    assert folder_digest(tmp_path) == before
    again = Database.open(url(path), passphrase=PASSPHRASE)
    try:
        assert HouseholdService(again).get(actor, household.id).applicant.family_name == FAMILY
    finally:
        again.close()
    keys = encryption.keys_file(path)
    recovery = recovery_key_in(out)
    assert encryption.unlock_with_recovery(keys, recovery) == encryption.unlock(keys, PASSPHRASE)


@pytest.mark.parametrize("existing", ["database", "key file", "wal"])
def test_an_existing_database_or_key_file_is_refused(tmp_path, monkeypatch, capsys, existing):
    path = tmp_path / "antenne.db"
    if existing == "database":
        make_plain(path)
    elif existing == "key file":
        encryption.keys_file(path).write_text("{}")
    else:
        (tmp_path / "antenne.db-wal").write_bytes(b"\x00" * 32)
    before = folder_digest(tmp_path)
    code, out, err = init(monkeypatch, capsys, path)
    assert (code, out) == (1, "")
    assert "is already there" in err and "nothing was changed" in err
    assert folder_digest(tmp_path) == before


def test_differing_or_short_passphrases_create_nothing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "antenne.db"
    for answers, reason in (
        ((PASSPHRASE, PASSPHRASE + "!"), "differ"),
        (("kort", "kort"), "te kort"),
        ((PASSPHRASE,), "ended before"),
    ):
        code, _out, err = init(monkeypatch, capsys, path, *answers)
        assert code == 1 and reason in err
        assert list(tmp_path.iterdir()) == []


def test_a_failure_while_building_leaves_no_file(tmp_path, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise StorageError("migration", "disk full (simulated)")

    monkeypatch.setattr(schema, "prepare", broken)
    code, _out, err = init(monkeypatch, capsys, tmp_path / "antenne.db")
    assert code == 1 and "disk full" in err
    assert list(tmp_path.iterdir()) == []


def test_the_new_passphrase_may_come_from_a_private_file(tmp_path, capsys):
    secret = tmp_path / "secret"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    path = tmp_path / "data" / "antenne.db"
    assert (
        main(["--passphrase-file", str(secret), "--database", url(path), "init", "--encrypted"])
        == 0
    )
    assert "RECOVERY KEY" in capsys.readouterr().out
    Database.open(url(path), passphrase=PASSPHRASE).close()
