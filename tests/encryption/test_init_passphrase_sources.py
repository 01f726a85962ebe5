"""The passphrase of an encrypted database for scripts (cron): `--passphrase-stdin` reads one
line of standard input, `--passphrase-file FILE` the first line of a file only its owner can
read, before the command runs. Without either, and no terminal, the command is refused with
the Dutch needs-passphrase message; every refusal leaves the folder as it was."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from sociaalhuis.cli import main
from tests.encryption.helpers import PASSPHRASE, folder_digest, url

PROJECT = Path(__file__).resolve().parents[2]
NEEDS = "De database is versleuteld; zonder haar wachtzin kan ze niet geopend worden."
COMMANDS = {"info": ["info"], "audit verify": ["audit", "verify"]}


def run(monkeypatch, capsys, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def private_file(folder: Path, text: str, mode: int = 0o600) -> Path:
    secret = folder / "passphrase.txt"
    secret.write_text(text)
    secret.chmod(mode)
    return secret


def succeeded(command: str, code: int, out: str, err: str, path: Path) -> None:
    assert (code, err) == (0, ""), err
    if command == "info":
        assert f"database:       {path}" in out and "persons:        1" in out
    else:
        assert "verified" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_the_passphrase_from_standard_input(encrypted, monkeypatch, capsys, command):
    path, _recovery = encrypted
    argv = ["--passphrase-stdin", "--database", url(path), *COMMANDS[command]]
    code, out, err = run(monkeypatch, capsys, *argv, stdin=PASSPHRASE + "\n")
    succeeded(command, code, out, err, path)


@pytest.mark.parametrize("command", COMMANDS)
def test_the_passphrase_from_a_private_file(encrypted, tmp_path, monkeypatch, capsys, command):
    path, _recovery = encrypted
    secret = private_file(tmp_path, PASSPHRASE + "\r\n")
    argv = ["--passphrase-file", str(secret), "--database", url(path), *COMMANDS[command]]
    code, out, err = run(monkeypatch, capsys, *argv)
    succeeded(command, code, out, err, path)


@pytest.mark.parametrize("command", COMMANDS)
def test_without_a_passphrase_the_command_is_refused(encrypted, monkeypatch, capsys, command):
    path, _recovery = encrypted
    before = folder_digest(path.parent)
    code, out, err = run(monkeypatch, capsys, "--database", url(path), *COMMANDS[command])
    assert (code, out) == (1, "")
    assert NEEDS in err and f"Locatie: {path}" in err
    assert folder_digest(path.parent) == before


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620])
def test_a_passphrase_file_others_can_open_is_refused(encrypted, monkeypatch, capsys, mode):
    path, _recovery = encrypted
    secret = private_file(path.parent, PASSPHRASE, mode)
    before = folder_digest(path.parent)
    argv = ["--passphrase-file", str(secret), "--database", url(path), "info"]
    code, out, err = run(monkeypatch, capsys, *argv)
    assert (code, out) == (1, "")
    assert f"fout: het wachtzinbestand {secret} is toegankelijk voor groep of anderen" in err
    assert f"(rechten {mode:04o})" in err and f"chmod 600 {secret}" in err
    assert f"error: the passphrase file {secret} is open to group or others" in err
    assert folder_digest(path.parent) == before


def test_a_wrong_missing_or_empty_passphrase_is_refused(encrypted, monkeypatch, capsys):
    path, _recovery = encrypted
    before = folder_digest(path.parent)
    argv = ["--passphrase-stdin", "--database", url(path), "audit", "verify"]
    code, _out, err = run(monkeypatch, capsys, *argv, stdin="Veltem-antenne 2025!\n")
    assert code == 1 and "De wachtzin is onjuist." in err
    code, _out, err = run(monkeypatch, capsys, *argv, stdin="")
    assert code == 1 and "fout: er staat geen wachtzin op de standaardinvoer" in err
    missing = path.parent / "nowhere.txt"
    argv = ["--passphrase-file", str(missing), "--database", url(path), "info"]
    code, _out, err = run(monkeypatch, capsys, *argv)
    assert code == 1 and f"fout: het wachtzinbestand {missing} kan niet gelezen worden" in err
    empty = private_file(path.parent, "\n")
    argv = ["--passphrase-file", str(empty), "--database", url(path), "info"]
    code, _out, err = run(monkeypatch, capsys, *argv)
    assert code == 1 and f"fout: het wachtzinbestand {empty} is leeg" in err
    empty.unlink()
    assert folder_digest(path.parent) == before


def test_stdin_and_file_together_are_a_usage_error(encrypted, tmp_path, capsys):
    path, _recovery = encrypted
    secret = private_file(tmp_path, PASSPHRASE)
    argv = ["--passphrase-stdin", "--passphrase-file", str(secret), "--database", url(path)]
    with pytest.raises(SystemExit) as usage:
        main([*argv, "info"])
    assert usage.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_cron_job_pipes_the_passphrase_in(encrypted):
    path, _recovery = encrypted
    done = subprocess.run(
        [sys.executable, "-m", "sociaalhuis", "--passphrase-stdin", "--database", url(path),
         "audit", "verify"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, cwd=PROJECT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout and done.stderr == ""
