"""A lost laptop shows nothing: after a client and a note are written through the services,
a migration backup is made and the database vacuumed, no file in the folder (database, WAL,
shared memory, journal, backups, key file, anything else) holds the name or the note, in
UTF-8 or UTF-16. A sync bundle of the database is exported into the same folder and searched
too. The same steps on a plain database do find them (and the outbox the bundle is made from
holds them in clear), so the search works."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ContactInput
from sociaalhuis.storage import conversion, schema
from sociaalhuis.storage.database import Database
from sociaalhuis.sync import keys
from sociaalhuis.sync.bundle import read_bundle
from sociaalhuis.sync.export import export_bundle
from tests.builders import single
from tests.encryption.helpers import PASSPHRASE, url

GIVEN, FAMILY = "Quirijntje", "Zwijgvogelaar"
NOTE = "Kalkoenveeronderzoek bij de zuurstoffabriek, dossier wolkenkrabbertaart"
QUESTION = "Vraagt naar huurpremie voor de kabouterwoning"
BUNDLE = "antenne.bundle"
BUNDLE_KEY = keys.new_key()


def needles() -> set[bytes]:
    """Every unusual word and whole text, as written and folded, in UTF-8 and UTF-16."""
    texts = {GIVEN, FAMILY, NOTE, QUESTION, *NOTE.replace(",", "").split(), "kabouterwoning"}
    texts = {t for t in texts if len(t) >= 8}
    variants = {v for t in texts for v in (t, t.lower(), t.upper())}
    encodings = ("utf-8", "utf-16-le", "utf-16-be")
    return {v.encode(e) for v in variants for e in encodings}


def hits(folder: Path) -> dict[str, list[bytes]]:
    """Per file in `folder` (all of them, whatever their name), the needles found in it."""
    found = {}
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        inside = [n for n in needles() if n in data]
        if inside:
            found[path.name] = inside
    return found


def _one_revision_down(db: Database) -> None:
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")


def write_a_client_and_keep_the_files(
    folder: Path, *, encrypted: bool
) -> tuple[dict[str, list[bytes]], list[str]]:
    """Every step that writes: services, a migration with its backup, VACUUM. Returns what
    the search found while the database was open (its WAL not yet checkpointed) and the
    files left at the end."""
    path = folder / "antenne.db"
    Database.open(url(path), create=True).close()
    passphrase = None
    if encrypted:
        conversion.encrypt(path, PASSPHRASE)
        passphrase = PASSPHRASE
    db = Database.open(url(path), passphrase=passphrase)
    with db.write() as session:
        actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    household = HouseholdService(db).create(actor, single(given=GIVEN, family_name=FAMILY))
    ContactService(db).record(actor, household.id, ContactInput(question=QUESTION, note=NOTE))
    # The outbox rows a bundle is made from hold the name and note as JSON text (the downgrade
    # below drops the outbox, so it is read now).
    with db.engine.connect() as connection:
        rows = connection.execute(text("SELECT fields FROM sync_outbox")).scalars()
        outbox_json = " ".join(rows)
    assert FAMILY in outbox_json and NOTE in outbox_json
    assert export_bundle(db, folder / BUNDLE, BUNDLE_KEY).count > 0
    assert (folder / "antenne.db-wal").exists()
    while_open = hits(folder)
    _one_revision_down(db)
    db.close()
    db = Database.open(url(path), passphrase=passphrase, migrate=True)  # backs up, migrates
    raw = db.engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")
    finally:
        raw.close()
    # Still there after the migration and VACUUM.
    assert HouseholdService(db).get(actor, household.id).applicant.family_name == FAMILY
    db.close()
    return while_open, sorted(p.name for p in folder.iterdir())


def test_an_encrypted_database_leaves_the_name_and_note_in_no_file(tmp_path):
    while_open, files = write_a_client_and_keep_the_files(tmp_path, encrypted=True)
    assert while_open == {}
    assert "antenne.db.keys" in files and BUNDLE in files
    assert any(name.endswith(".bak") for name in files), files
    assert hits(tmp_path) == {}


def test_the_same_search_finds_them_in_a_plain_database(tmp_path):
    while_open, files = write_a_client_and_keep_the_files(tmp_path, encrypted=False)
    assert NOTE.encode() in while_open["antenne.db-wal"]
    assert any(name.endswith(".bak") for name in files), files
    found = hits(tmp_path)
    assert FAMILY.encode() in found["antenne.db"]
    assert NOTE.encode() in found["antenne.db"]
    backup = next(name for name in files if name.endswith(".bak"))
    assert FAMILY.encode() in found[backup]
    # The bundle carries the name and note, but only its decrypted changes show them.
    assert BUNDLE not in found
    carried = " ".join(c.dumps() for c in read_bundle(tmp_path / BUNDLE, BUNDLE_KEY).changes)
    assert FAMILY in carried and NOTE in carried


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_the_search_sees_each_encoding(tmp_path, encoding):
    (tmp_path / "written.log").write_bytes(b"\x00\x01" + FAMILY.lower().encode(encoding))
    assert list(hits(tmp_path)) == ["written.log"]
