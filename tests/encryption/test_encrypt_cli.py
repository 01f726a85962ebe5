"""`python -m sociaalhuis encrypt` and `passphrase change|recover`: a verified encrypted copy
replaces the plain file, whose WAL and plain backups go too; a database that is encrypted
already, damaged or in use is refused with nothing changed."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sociaalhuis.cli import main
from sociaalhuis.storage import encryption, schema
from sociaalhuis.storage.database import SQLITE_HEADER, Database
from tests.encryption.helpers import PASSPHRASE, folder_digest, url
from tests.encryption.test_open_encrypted import family_names

PROJECT = Path(__file__).resolve().parents[2]


def run(monkeypatch, capsys, *argv: str, answers: list[str]) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(a + "\n" for a in answers)))
    code = main([*argv, "--passphrase-stdin"])
    out, err = capsys.readouterr()
    return code, out, err


def encrypt(monkeypatch, capsys, path: Path, *answers: str) -> tuple[int, str, str]:
    answers = answers or (PASSPHRASE, PASSPHRASE)
    return run(monkeypatch, capsys, "encrypt", "--database", str(path), answers=list(answers))


def recovery_key_in(out: str) -> str:
    return next(line.strip() for line in out.splitlines() if line.count("-") == 7)


def test_encrypt_replaces_the_plain_file_and_its_plain_copies(plain, monkeypatch, capsys):
    db = Database.open(url(plain))
    backup = schema.backup_sqlite(db.engine, "before-0099")
    db.close()
    assert backup is not None
    code, out, err = encrypt(monkeypatch, capsys, plain)
    assert (code, err) == (0, "")
    assert f"key file:  {encryption.keys_file(plain)}" in out
    assert f"removed plain file: {backup}" in out
    assert sorted(folder_digest(plain.parent)) == ["antenne.db", "antenne.db.keys"]
    assert not plain.read_bytes().startswith(SQLITE_HEADER)
    assert family_names(plain, PASSPHRASE) == ["Vermeulen"]
    recovery = recovery_key_in(out)
    assert encryption.unlock_with_recovery(encryption.keys_file(plain), recovery)


def test_a_global_database_option_works_too(plain, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{PASSPHRASE}\n"))
    assert main(["--database", url(plain), "encrypt", "--passphrase-stdin"]) == 0
    assert encryption.keys_file(plain).exists()


def _refused(monkeypatch, capsys, path: Path, *answers: str) -> str:
    before = folder_digest(path.parent)
    code, out, err = encrypt(monkeypatch, capsys, path, *answers)
    assert (code, out) == (1, "")
    assert folder_digest(path.parent) == before
    return err


def test_two_different_or_short_passphrases_change_nothing(plain, monkeypatch, capsys):
    assert "differ" in _refused(monkeypatch, capsys, plain, PASSPHRASE, PASSPHRASE + "!")
    assert "too short" in _refused(monkeypatch, capsys, plain, "kort", "kort")
    assert "ended before" in _refused(monkeypatch, capsys, plain, PASSPHRASE)


def test_an_encrypted_database_is_not_encrypted_again(encrypted, monkeypatch, capsys):
    path, _recovery = encrypted
    assert "encrypted already" in _refused(monkeypatch, capsys, path)


def test_a_damaged_database_is_not_converted(plain, monkeypatch, capsys):
    data = bytearray(plain.read_bytes())
    data[4096 * 3 : 4096 * 4] = b"\x5a" * 4096
    plain.write_bytes(data)
    err = _refused(monkeypatch, capsys, plain)
    assert "beschadigd" in err


def test_a_file_that_is_not_a_database_is_not_converted(tmp_path, monkeypatch, capsys):
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some notes\n")
    assert "geen database" in _refused(monkeypatch, capsys, path)


@pytest.mark.parametrize("holder", ["writing", "idle"])
def test_a_database_in_use_is_not_converted(plain, monkeypatch, capsys, holder):
    # Another process: SQLite's locks are per process, a thread here would not show them.
    hold = "c.execute('BEGIN IMMEDIATE')" if holder == "writing" else "c.execute('SELECT 1')"
    script = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        f"c.execute('SELECT count(*) FROM sqlite_master').fetchone(); {hold}; "
        "print('ready', flush=True); sys.stdin.read()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", script, str(plain)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "ready\n"
        err = _refused(monkeypatch, capsys, plain)
        assert "in use" in err
    finally:
        other.communicate("")
    assert not encryption.keys_file(plain).exists()
    assert sqlite3.connect(plain).execute("SELECT count(*) FROM persons").fetchone() == (1,)


def test_passphrase_change_and_recover_on_the_command_line(encrypted, monkeypatch, capsys):
    path, recovery = encrypted
    before = path.read_bytes()
    new = "een heel andere zin"
    code, out, _ = run(
        monkeypatch, capsys, "passphrase", "change", "--database", str(path),
        answers=[PASSPHRASE, new, new],
    )  # fmt: skip
    assert code == 0 and "not rewritten" in out
    code, _, err = run(
        monkeypatch, capsys, "passphrase", "change", "--database", str(path),
        answers=[PASSPHRASE, new, new],
    )  # fmt: skip
    assert code == 1 and "passphrase is wrong" in err
    code, _, _ = run(
        monkeypatch, capsys, "passphrase", "recover", "--database", str(path),
        answers=[recovery, PASSPHRASE, PASSPHRASE],
    )  # fmt: skip
    assert code == 0
    assert path.read_bytes() == before
    assert family_names(path, PASSPHRASE) == ["Vermeulen"]


def test_other_commands_on_an_encrypted_database_ask_for_the_passphrase(encrypted, capsys):
    path, _recovery = encrypted
    before = folder_digest(path.parent)
    # Standard input is no terminal here: the command is refused, not left waiting.
    assert main(["--database", url(path), "info"]) == 1
    err = capsys.readouterr().err
    assert "passphrase is needed" in err
    assert "De database is versleuteld; zonder haar wachtzin kan ze niet geopend worden." in err
    assert f"Locatie: {path}" in err
    assert folder_digest(path.parent) == before


def test_the_command_runs_as_a_module(plain):
    done = subprocess.run(
        [sys.executable, "-m", "sociaalhuis", "encrypt", "--database", str(plain),
         "--passphrase-stdin"],
        input=f"{PASSPHRASE}\n{PASSPHRASE}\n", capture_output=True, text=True, cwd=PROJECT,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "RECOVERY KEY" in done.stdout
    assert done.stderr == ""
