"""`python -m sociaalhuis sync export` and `sync inspect` through `cli.main`: what they print,
their exit codes, and that a refused export leaves no file behind."""

from __future__ import annotations

import getpass
import io
import sys
from pathlib import Path

import pytest

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cli import main
from sociaalhuis.storage import conversion
from sociaalhuis.sync import keys, outbox, site
from sociaalhuis.sync.bundle import read_bundle
from tests.builders import family
from tests.encryption.helpers import PASSPHRASE, make_plain, url

pytestmark = pytest.mark.usefixtures("isolated")


@pytest.fixture
def usb(tmp_path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _export(database_url: str, *args: str) -> int:
    return main(["--database", database_url, "sync", "export", *args])


def test_export_then_inspect_print_the_header_and_counts(
    db, actor, database_url, key_file, usb, capsys
):
    HouseholdService(db).create(actor, family())
    with db.read() as session:
        here, changes = site.current(session), outbox.changes(session)
    bundle = usb / "veltem.bundle"
    assert _export(database_url, str(bundle), "--key", str(key_file)) == 0
    out = capsys.readouterr().out
    assert f"exported {len(changes)} changes to {bundle}\n" in out
    assert f"sender site: {here.site_id}\n" in out and f"epoch:       {here.epoch}\n" in out
    assert f"seq range:   1-{here.last_seq}\n" in out
    lines = out.splitlines()
    assert [line.split() for line in lines if line.startswith("  households ")] == [
        ["households", "insert", "1"]
    ]
    assert ["persons", "insert", "3"] in [line.split() for line in lines]
    assert read_bundle(bundle, keys.read_key_file(key_file)).changes == changes

    assert main(["sync", "inspect", str(bundle), "--key", str(key_file)]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"bundle {bundle}: verified, {len(changes)} changes\n")
    assert f"seq range:   1-{here.last_seq}\n" in shown and "created at:  20" in shown
    # Inspect prints the same header and counts the export did.
    assert shown.split("\n", 1)[1] == out.split("\n", 1)[1]

    later = usb / "later.bundle"
    assert _export(database_url, str(later), "--key", str(key_file), "--since", "2") == 0
    assert f"seq range:   3-{here.last_seq}\n" in capsys.readouterr().out


def test_nothing_to_export_says_so_and_writes_no_file(
    db, actor, database_url, key_file, usb, capsys
):
    with db.read() as session:
        last = site.current(session).last_seq
    bundle = usb / "empty.bundle"
    assert _export(database_url, str(bundle), "--key", str(key_file), "--since", str(last)) == 0
    assert capsys.readouterr().out == (
        f"nothing to export: this site has no changes after seq {last}; {bundle} was not written\n"
    )
    assert list(usb.iterdir()) == []


def test_a_bad_key_file_or_unwritable_path_names_the_file(
    db, actor, database_url, key_file, usb, tmp_path, capsys
):
    HouseholdService(db).create(actor, family())
    bundle = usb / "veltem.bundle"
    damaged = tmp_path / "damaged.key"
    damaged.write_text('{"format": "sociaalhuis-sync-key", "version": 1, "key": "00"}')
    for bad in (tmp_path / "missing.key", damaged):
        assert _export(database_url, str(bundle), "--key", str(bad)) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"error: key file {bad}: ") and err.count("\n") == 1
    nowhere = usb / "no such folder" / "veltem.bundle"
    assert _export(database_url, str(nowhere), "--key", str(key_file)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: bundle {nowhere}: cannot be written")
    assert err.endswith("nothing was written\n")
    assert _export(database_url, str(bundle), "--key", str(key_file), "--since", "-1") == 1
    assert "--since" in capsys.readouterr().err
    assert list(usb.iterdir()) == []


def test_inspect_refuses_a_tampered_or_foreign_bundle_naming_it(
    db, actor, database_url, key_file, usb, tmp_path, capsys
):
    HouseholdService(db).create(actor, family())
    bundle = usb / "veltem.bundle"
    assert _export(database_url, str(bundle), "--key", str(key_file)) == 0
    capsys.readouterr()
    data = bytearray(bundle.read_bytes())
    data[-20] ^= 0x40  # inside the sealed last part, whatever the header's length
    tampered = usb / "tampered.bundle"
    tampered.write_bytes(bytes(data))
    assert main(["sync", "inspect", str(tampered), "--key", str(key_file)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"error: bundle {tampered}: is damaged or altered")
    other = tmp_path / "other.key"
    keys.write_key_file(other, keys.new_key())
    assert main(["sync", "inspect", str(bundle), "--key", str(other)]) == 1
    assert f"error: bundle {bundle}: was made with another key" in capsys.readouterr().err
    assert main(["sync", "inspect", str(usb / "gone.bundle"), "--key", str(key_file)]) == 1
    assert f"{usb / 'gone.bundle'}: does not exist" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_an_encrypted_database_asks_its_passphrase_and_the_bundle_stays_secret(
    tmp_path, key_file, usb, monkeypatch, capsys
):
    path = make_plain(tmp_path / "antenne.db", family_name="Zwijgvogelaar")
    conversion.encrypt(path, PASSPHRASE)
    database_url = url(path)
    bundle = usb / "veltem.bundle"
    # Not at a terminal: refused like every other command, nothing written.
    assert _export(database_url, str(bundle), "--key", str(key_file)) == 1
    assert capsys.readouterr().err.startswith("fout: ")
    assert list(usb.iterdir()) == []
    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or PASSPHRASE)
    assert _export(database_url, str(bundle), "--key", str(key_file)) == 0
    assert asked == ["passphrase of the database: "]
    assert "exported " in capsys.readouterr().out
    assert b"Zwijgvogelaar" not in bundle.read_bytes()
    changes = read_bundle(bundle, keys.read_key_file(key_file)).changes
    assert any(c.fields.get("family_name") == "Zwijgvogelaar" for c in changes)


def test_a_script_gives_the_passphrase_on_standard_input(tmp_path, key_file, usb, monkeypatch):
    path = make_plain(tmp_path / "antenne.db", family_name="Zwijgvogelaar")
    conversion.encrypt(path, PASSPHRASE)
    bundle = usb / "veltem.bundle"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    code = main(
        ["--database", url(path), "--passphrase-stdin", "sync", "export", str(bundle),
         "--key", str(key_file)]
    )  # fmt: skip
    assert code == 0
    changes = read_bundle(bundle, keys.read_key_file(key_file)).changes
    assert any(c.fields.get("family_name") == "Zwijgvogelaar" for c in changes)
