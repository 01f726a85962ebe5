"""The sync commands through `cli.main`, as the office and the antennepost use them: set a
laptop up, carry bundles both ways, sync directly, refuse a tampered bundle with nothing
changed, and re-send what a central restored from a backup lost."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from sociaalhuis.cli import main
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Person, SyncReceived
from sociaalhuis.sync import site
from tests.sync.db_sites import chains_intact, content, edit, household_ids, new_case, person_of

pytestmark = pytest.mark.usefixtures("isolated")


def _laptop(tmp_path, central_url: str, actor, capsys) -> tuple[str, str]:
    url = f"sqlite:///{(tmp_path / 'veltem.db').as_posix()}"
    Database.open(url, create=True).close()
    assert main(["--database", url, "sync", "setup-laptop", "--name", "Antenne Veltem"]) == 0
    laptop_site = capsys.readouterr().out.split("site id ")[1].split()[0]
    command = ["--database", central_url, "sync", "laptop", laptop_site, "--users", "lien"]
    assert main(command) == 0
    capsys.readouterr()
    return url, laptop_site


def test_bundles_carried_both_ways_bring_the_laptop_and_central_in_step(
    db, actor, database_url, tmp_path, key_file, capsys
):
    household = new_case(db, actor)
    laptop_url, laptop_site = _laptop(tmp_path, database_url, actor, capsys)
    key = ["--key", str(key_file)]
    down = tmp_path / "down.bundle"
    central_export = ["--database", database_url, "sync", "export", str(down), "--for"]
    assert main([*central_export, laptop_site, *key]) == 0
    assert main(["--database", laptop_url, "sync", "import", str(down), *key]) == 0
    assert "records updated here" in capsys.readouterr().out
    laptop = Database.open(laptop_url)
    try:
        assert household_ids(laptop) == {household}
        sarah = person_of(laptop, household, "Sarah")
        edit(laptop, Person, sarah, phone="016 20 20 20")
        up = tmp_path / "up.bundle"
        assert main(["--database", laptop_url, "sync", "export", str(up), *key]) == 0
        assert main(["--database", database_url, "sync", "import", str(up), *key]) == 0
        out = capsys.readouterr().out
        assert "1 applied" in out and "new conflicts: 0" in out
        with db.read() as session:
            assert session.get(Person, sarah).phone == "016 20 20 20"
        # The same bundle again: recognised, nothing applied twice.
        assert main(["--database", database_url, "sync", "import", str(up), *key]) == 0
        assert "0 applied, 1 already here" in capsys.readouterr().out
        assert chains_intact(db, laptop)
    finally:
        laptop.close()


def test_a_tampered_bundle_is_refused_whole_and_changes_nothing(
    db, actor, database_url, tmp_path, key_file, capsys
):
    household = new_case(db, actor)
    laptop_url, _ = _laptop(tmp_path, database_url, actor, capsys)
    assert main(["--database", laptop_url, "sync", "--to", database_url]) == 0
    laptop = Database.open(laptop_url)
    try:
        edit(laptop, Person, person_of(laptop, household, "Sarah"), phone="016 30")
    finally:
        laptop.close()
    up = tmp_path / "up.bundle"
    key = ["--key", str(key_file)]
    assert main(["--database", laptop_url, "sync", "export", str(up), *key]) == 0
    data = bytearray(up.read_bytes())
    data[-40] ^= 0x01
    up.write_bytes(bytes(data))
    before = content(db)
    capsys.readouterr()
    assert main(["--database", database_url, "sync", "import", str(up), *key]) == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err and str(up) in err
    assert content(db) == before
    with db.read() as session:
        assert session.scalars(select(SyncReceived)).first() is None


def test_direct_sync_after_the_central_was_restored_resends_what_it_lost(actor, tmp_path, capsys):
    # SQLite central: the backup is a copy of its file, the restore that copy put back.
    central_url = f"sqlite:///{(tmp_path / 'central.db').as_posix()}"
    central = Database.open(central_url, create=True)
    from sociaalhuis.access.accounts import ensure_user

    with central.write() as session:
        lien = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    household = new_case(central, lien)
    central.close()
    laptop_url, _ = _laptop(tmp_path, central_url, lien, capsys)
    assert main(["--database", laptop_url, "sync", "--to", central_url]) == 0
    shutil.copy(tmp_path / "central.db", tmp_path / "backup.db")
    laptop = Database.open(laptop_url)
    sarah = person_of(laptop, household, "Sarah")
    edit(laptop, Person, sarah, phone="016 40")
    assert main(["--database", laptop_url, "sync", "--to", central_url]) == 0
    edit(laptop, Person, sarah, email="sarah@example.be")
    # The central's disk broke; the backup goes back, with a new epoch.
    shutil.copy(tmp_path / "backup.db", tmp_path / "central.db")
    central = Database.open(central_url)
    with central.write() as session:
        site.new_epoch(session)
    with central.read() as session:
        assert session.get(Person, sarah).phone is None  # the first edit is gone there
    assert main(["--database", laptop_url, "sync", "--to", central_url]) == 0
    out = capsys.readouterr().out
    assert "sent 2 changes" in out  # both edits, the one the central lost included
    with central.read() as session:
        person = session.get(Person, sarah)
        assert (person.phone, person.email) == ("016 40", "sarah@example.be")
    assert chains_intact(central, laptop)
    central.close()
    laptop.close()
