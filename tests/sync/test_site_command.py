"""Every database knows its site: made by the migration (for new and existing databases),
shown and set with `python -m sociaalhuis site`."""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from sociaalhuis.cli import main
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage import schema
from sociaalhuis.storage.database import Database, _make_engine
from sociaalhuis.sync import outbox, site


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def test_a_new_database_is_a_central_site_of_its_own(db, tmp_path):
    with db.read() as session:
        here = site.current(session)
    assert uuid.UUID(here.site_id) and uuid.UUID(here.epoch)
    assert (here.name, here.role, here.last_seq) == ("", "central", 0)
    other = Database.open(f"sqlite:///{(tmp_path / 'other.db').as_posix()}", create=True)
    try:
        with other.read() as session:
            there = site.current(session)
    finally:
        other.close()
    assert there.site_id != here.site_id and there.epoch != here.epoch


def test_site_set_and_show(database_url, capsys):
    Database.open(database_url, create=True).close()
    args = ["--database", database_url, "site", "set", "--name", " Antennepost Veltem "]
    assert main([*args, "--role", "laptop"]) == 0
    assert main(["--database", database_url, "site", "show"]) == 0
    out = capsys.readouterr().out
    assert "name:        Antennepost Veltem\n" in out and "role:        laptop\n" in out
    assert main(["--database", database_url, "site", "set", "--name", ""]) == 1
    assert "--name" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--database", database_url, "site", "set", "--role", "office"])
    db = Database.open(database_url)
    try:
        with db.read() as session:
            here = site.current(session)
            assert (here.name, here.role) == ("Antennepost Veltem", "laptop")
            assert outbox.changes(session) == []  # the site itself is not synchronised
    finally:
        db.close()


def test_a_new_epoch_keeps_the_site_id_and_its_numbering(db):
    with db.read() as session:
        before = site.current(session)
    with db.write() as session:
        after = site.new_epoch(session)
    assert after.site_id == before.site_id and after.last_seq == before.last_seq
    assert after.epoch != before.epoch
    with pytest.raises(ValidationError), db.write() as session:
        site.set_site(session, role="office")


def test_migration_0014_gives_an_existing_database_its_site_and_goes_back(database_url):
    engine = _make_engine(make_url(database_url), create=True, passphrase=None)
    config = schema.alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0013_logo_reason_nfc")
        assert "sync_site" not in inspect(engine).get_table_names()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0014_sync_outbox")
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT slot, role, last_seq FROM sync_site")).all()
            assert [tuple(row) for row in rows] == [(1, "central", 0)]
            config.attributes["connection"] = connection
            command.downgrade(config, "0013_logo_reason_nfc")
        assert not {"sync_site", "sync_outbox"} & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
