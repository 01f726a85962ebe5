"""`backup` and `restore` on the command line: what they print, and each refusal in Dutch
with exit code 1 and nothing changed (damaged backup, newer schema, existing or open target,
a PostgreSQL target that is not empty, no pg_dump)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from sociaalhuis import cli
from sociaalhuis.errors import StorageError
from sociaalhuis.storage import backup, schema
from sociaalhuis.storage.database import Database
from tests.backup.conftest import PASSPHRASE, every_row, open_live, sqlite_url
from tests.encryption.helpers import folder_digest


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


@pytest.fixture
def made(tmp_path: Path, make_postgres) -> Path:
    """A plain SQLite backup of a filled database (closed again)."""
    db = open_live("sqlite", tmp_path, make_postgres)
    try:
        return backup.create(db, tmp_path / "kopie.db").path
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, err: str, *dutch: str) -> None:
    assert code == 1
    assert err.startswith("fout: De reservekopie kan niet")
    assert "Er is niets gewijzigd." in err and "Traceback" not in err
    for sentence in dutch:
        assert sentence in err, err


def test_backup_and_restore_on_the_command_line(tmp_path: Path, capsys, make_postgres) -> None:
    db = open_live("sqlite", tmp_path, make_postgres)
    before = every_row(db)
    code, out, _ = run(
        capsys, "--database", sqlite_url(Path(db.location)), "backup", str(tmp_path / "k.db")
    )
    db.close()
    assert code == 0 and f"backup made: {tmp_path / 'k.db'} (sqlite" in out
    meta = json.loads((tmp_path / "k.db.meta.json").read_text())
    assert meta["kind"] == "sqlite" and meta["schema_revision"] == schema.head_revision()
    assert meta["sha256"] == backup.sha256_of(tmp_path / "k.db") and "created" in meta
    code, out, _ = run(capsys, "restore", str(tmp_path / "k.db"), "--to", str(tmp_path / "n.db"))
    assert code == 0 and "restored:" in out and "no migration needed" in out
    restored = Database.open(sqlite_url(tmp_path / "n.db"))
    assert every_row(restored) == before
    restored.close()


def test_a_damaged_backup_is_refused(tmp_path: Path, made: Path, capsys) -> None:
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 0xFF
    made.write_bytes(bytes(data))
    code, _, err = run(capsys, "restore", str(made), "--to", str(tmp_path / "n.db"))
    refused(code, err, "De reservekopie is beschadigd", "SHA-256")
    assert not (tmp_path / "n.db").exists()
    made.write_bytes(made.read_bytes()[:8192])  # truncated
    code, _, err = run(capsys, "restore", str(made), "--to", str(tmp_path / "n.db"))
    refused(code, err, "beschadigd")
    backup.meta_file(made).unlink()
    code, _, err = run(capsys, "restore", str(made), "--to", str(tmp_path / "n.db"))
    refused(code, err, "beschadigd", "metadata file kopie.db.meta.json is missing")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["kopie.db"]


def test_damaged_pages_with_matching_metadata_are_refused(tmp_path: Path, made: Path, capsys):
    # The checksum is made to match: only reading every page finds the damage.
    data = bytearray(made.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\x00\x01" * 1000
    made.write_bytes(bytes(data))
    meta = json.loads(backup.meta_file(made).read_text())
    meta["sha256"] = backup.sha256_of(made)
    backup.meta_file(made).write_text(json.dumps(meta))
    code, _, err = run(capsys, "restore", str(made), "--to", str(tmp_path / "n.db"))
    refused(code, err, "beschadigd")
    assert not (tmp_path / "n.db").exists()
    assert not (tmp_path / "n.db.restoring").exists()


def test_a_newer_schema_is_refused(tmp_path: Path, made: Path, capsys) -> None:
    meta = json.loads(backup.meta_file(made).read_text())
    meta["schema_revision"] = "0099_from_the_future"
    backup.meta_file(made).write_text(json.dumps(meta))
    code, _, err = run(capsys, "restore", str(made), "--to", str(tmp_path / "n.db"))
    refused(code, err, "nieuwere versie van Sociaal Huis", "0099_from_the_future")
    assert not (tmp_path / "n.db").exists()


def test_an_existing_target_is_refused_and_replaced_only_when_closed(
    tmp_path: Path, made: Path, capsys, make_postgres
) -> None:
    other = open_live("sqlite", tmp_path / "ander", make_postgres)
    target = Path(other.location)
    with other.write() as session:  # the live one has changed since the backup
        session.connection().exec_driver_sql("UPDATE users SET display_name = 'Gewijzigd'")
    folder = target.parent
    before = folder_digest(folder)
    code, _, err = run(capsys, "restore", str(made), "--to", str(target))
    refused(code, err, "Op de plaats van herstel staat al een database", "--replace")
    code, _, err = run(capsys, "restore", str(made), "--to", str(target), "--replace")
    refused(code, err, "nog in gebruik", "sociaalhuis.db-wal is beside it")
    other.close()
    assert folder_digest(folder) == before or set(folder_digest(folder)) <= set(before)
    code, out, _ = run(capsys, "restore", str(made), "--to", str(target), "--replace")
    assert code == 0 and "kept aside:" in out
    aside = [p for p in folder.iterdir() if ".replaced-" in p.name]
    assert [p.name.split(".replaced-")[0] for p in aside] == ["sociaalhuis.db"]
    restored = Database.open(sqlite_url(target))
    with restored.read() as session:
        names = session.connection().exec_driver_sql("SELECT display_name FROM users").all()
    restored.close()
    assert ("Gewijzigd",) not in names


def test_an_existing_backup_file_is_not_overwritten(tmp_path: Path, made: Path, capsys) -> None:
    source = Path(str(made).replace("kopie.db", "live/sociaalhuis.db"))
    before = made.read_bytes()
    code, _, err = run(capsys, "--database", sqlite_url(source), "backup", str(made))
    refused(code, err, "een reservekopie overschrijft nooit iets")
    assert made.read_bytes() == before


def test_an_encrypted_backup_needs_its_passphrase(tmp_path: Path, capsys, make_postgres) -> None:
    db = open_live("sqlite-encrypted", tmp_path, make_postgres)
    info = backup.create(db, tmp_path / "geheim.db")
    db.close()
    code, _, err = run(capsys, "restore", str(info.path), "--to", str(tmp_path / "n.db"))
    refused(code, err, "zonder haar wachtzin")
    assert not (tmp_path / "n.db").exists()
    secret = tmp_path / "wachtzin"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    argv = ["--passphrase-file", str(secret), "restore", str(info.path)]
    code, out, _ = run(capsys, *argv, "--to", str(tmp_path / "n.db"))
    assert code == 0 and "restored:" in out
    assert (tmp_path / "n.db.keys").exists()
    Database.open(sqlite_url(tmp_path / "n.db"), passphrase=PASSPHRASE).close()


def test_restoring_over_a_filled_database_is_refused(live: Database, tmp_path: Path, capsys):
    """On every kind: the live database itself as the target (PostgreSQL: not empty)."""
    info = backup.create(live, tmp_path / "kopie")
    if live.kind == "postgresql":  # type: ignore[attr-defined]
        to = live.engine.url.render_as_string(hide_password=False)
        expected = ("De doeldatabase is niet leeg", "createdb")
    else:
        to = live.location
        expected = ("Op de plaats van herstel staat al een database",)
    before = every_row(live)
    argv = []
    if live.passphrase:  # type: ignore[attr-defined]
        secret = tmp_path / "wachtzin"
        secret.write_text(PASSPHRASE + "\n")
        secret.chmod(0o600)
        argv = ["--passphrase-file", str(secret)]
    code, _, err = run(capsys, *argv, "restore", str(info.path), "--to", to)
    refused(code, err, *expected)
    assert every_row(live) == before


def test_without_pg_dump_or_pg_restore_a_clear_refusal(tmp_path: Path, capsys, monkeypatch):
    fake = tmp_path / "centraal.dump"
    fake.write_bytes(b"PGDMP not really")
    meta = {
        "format": backup.FORMAT,
        "version": backup.VERSION,
        "kind": "postgresql",
        "schema_revision": schema.head_revision(),
        "created": "2026-12-04T05:00:00+00:00",
        "sha256": backup.sha256_of(fake),
        "size": fake.stat().st_size,
    }
    backup.meta_file(fake).write_text(json.dumps(meta))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(backup.PG_BIN_ENV, raising=False)
    monkeypatch.setattr(backup, "PG_BIN_GLOBS", [str(tmp_path / "nergens" / "*")])
    target = "postgresql+psycopg://sociaalhuis@127.0.0.1:5432/hersteld"
    code, _, err = run(capsys, "restore", str(fake), "--to", target)
    refused(code, err, "PostgreSQL-programma (pg_dump of pg_restore) is niet gevonden")
    assert "apt install postgresql-client" in err and backup.PG_BIN_ENV in err
    code, _, err = run(capsys, "restore", str(fake), "--to", str(tmp_path / "x.db"))
    refused(code, err, "PostgreSQL backup is restored into a PostgreSQL database")


def test_a_failed_migration_after_restore_puts_everything_back(tmp_path: Path, capsys, monkeypatch):
    previous = schema._scripts().get_revision(schema.head_revision()).down_revision
    assert isinstance(previous, str)
    engine = create_engine(sqlite_url(tmp_path / "oud.db"))
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, previous)
    old = Database(engine, str(tmp_path / "oud.db"))
    info = backup.create(old, tmp_path / "oud-kopie.db")
    old.close()
    folder = tmp_path / "doel"
    folder.mkdir()
    (folder / "sociaalhuis.db").write_bytes(b"de vorige database")

    def broken_upgrade(_engine) -> None:
        raise StorageError("migration", "a migration failed halfway; nothing was changed")

    monkeypatch.setattr(schema, "upgrade", broken_upgrade)
    to = str(folder / "sociaalhuis.db")
    code, _, err = run(capsys, "restore", str(info.path), "--to", to, "--replace")
    refused(code, err, "a migration failed halfway")
    assert [p.name for p in folder.iterdir()] == ["sociaalhuis.db"]
    assert (folder / "sociaalhuis.db").read_bytes() == b"de vorige database"


def test_a_wrong_passphrase_restores_nothing(tmp_path: Path, capsys, make_postgres) -> None:
    db = open_live("sqlite-encrypted", tmp_path, make_postgres)
    info = backup.create(db, tmp_path / "geheim.db")
    db.close()
    secret = tmp_path / "wachtzin"
    secret.write_text("niet de juiste wachtzin\n")
    secret.chmod(0o600)
    argv = ["--passphrase-file", str(secret), "restore", str(info.path)]
    code, _, err = run(capsys, *argv, "--to", str(tmp_path / "n.db"))
    refused(code, err, "De wachtzin is onjuist")
    assert not list(tmp_path.glob("n.db*"))
