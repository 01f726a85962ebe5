"""`python -m sociaalhuis users add|list|deactivate|reset-password`: accounts from the command
line; bad input names the field, changes nothing and exits non-zero."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from sociaalhuis.access.accounts import LoginRefused, authenticate
from sociaalhuis.cli import main
from sociaalhuis.storage.database import Database

ADD_LIEN = ["users", "add", "lien", "--name", "Lien Peeters", "--role", "social_worker"]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def cli(monkeypatch, database_url: str, *args: str, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--database", database_url, *args])


def usernames(capsys, monkeypatch, database_url: str) -> list[str]:
    capsys.readouterr()
    assert cli(monkeypatch, database_url, "users", "list") == 0
    out = capsys.readouterr().out
    if out.startswith("no accounts yet"):
        return []
    return [line.split()[0] for line in out.splitlines()[1:]]


def test_add_list_deactivate_and_reset(database_url, capsys, monkeypatch):
    assert cli(monkeypatch, database_url, "init") == 0
    assert cli(monkeypatch, database_url, "users", "list") == 0
    assert "no accounts yet" in capsys.readouterr().out
    assert (
        cli(
            monkeypatch,
            database_url,
            *ADD_LIEN,
            "--function",
            "maatschappelijk werker",
            "--password-stdin",
            stdin="een-lang-wachtwoord\n",
        )
        == 0
    )
    assert "added lien (social_worker): Lien Peeters" in capsys.readouterr().out
    assert cli(monkeypatch, database_url, "users", "list") == 0
    listed = capsys.readouterr().out
    assert "lien" in listed and "maatschappelijk werker" in listed and "active" in listed
    assert "argon2" not in listed and "system" not in listed
    db = Database.open(database_url)
    try:
        assert authenticate(db, "lien", "een-lang-wachtwoord").username == "lien"
        args = ("users", "reset-password", "lien", "--password-stdin")
        assert cli(monkeypatch, database_url, *args, stdin="een-ander-wachtwoord\n") == 0
        with pytest.raises(LoginRefused):
            authenticate(db, "lien", "een-lang-wachtwoord")
        assert authenticate(db, "lien", "een-ander-wachtwoord").username == "lien"
        assert cli(monkeypatch, database_url, "users", "deactivate", "lien") == 0
        assert "deactivated lien" in capsys.readouterr().out
        with pytest.raises(LoginRefused) as caught:
            authenticate(db, "lien", "een-ander-wachtwoord")
        assert caught.value.reason == "inactive"
    finally:
        db.close()
    assert cli(monkeypatch, database_url, "users", "list") == 0
    assert "deactivated" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "stdin", "field"),
    [
        ([*ADD_LIEN, "--function", "MW", "--password-stdin"], "kort\n", "password"),
        (
            [*ADD_LIEN[:-1], "boss", "--function", "MW", "--password-stdin"],
            "lang-genoeg!\n",
            "role",
        ),
        ([*ADD_LIEN, "--function", " ", "--password-stdin"], "lang-genoeg!\n", "function_title"),
        (
            ["users", "add", "l n", "--name", "L", "--role", "intake", "--function", "x"],
            "",
            "username",
        ),
        (["users", "deactivate", "nobody"], "", "user nobody"),
        (
            ["users", "reset-password", "nobody", "--password-stdin"],
            "lang-genoeg!\n",
            "user nobody",
        ),
    ],
)
def test_bad_input_names_the_field_changes_nothing_and_exits_1(
    database_url, capsys, monkeypatch, args, stdin, field
):
    assert cli(monkeypatch, database_url, "init") == 0
    assert cli(monkeypatch, database_url, *args, stdin=stdin) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: {field}")
    assert "Traceback" not in captured.err
    assert usernames(capsys, monkeypatch, database_url) == []


def test_a_second_account_with_the_same_name_is_refused(database_url, capsys, monkeypatch):
    assert cli(monkeypatch, database_url, "init") == 0
    add = [*ADD_LIEN, "--function", "MW", "--password-stdin"]
    assert cli(monkeypatch, database_url, *add, stdin="een-lang-wachtwoord\n") == 0
    assert cli(monkeypatch, database_url, *add, stdin="een-lang-wachtwoord\n") == 1
    assert "error: username: 'lien' is already taken" in capsys.readouterr().err
    assert usernames(capsys, monkeypatch, database_url) == ["lien"]


def test_typed_passwords_must_match(database_url, capsys, monkeypatch):
    assert cli(monkeypatch, database_url, "init") == 0
    typed = iter(["een-lang-wachtwoord", "een-ander-wachtwoord"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert cli(monkeypatch, database_url, *ADD_LIEN, "--function", "MW") == 1
    assert "error: password: the two passwords differ" in capsys.readouterr().err
    assert usernames(capsys, monkeypatch, database_url) == []


def test_a_script_adds_an_account_in_a_real_process(tmp_path):
    database = f"sqlite:///{(tmp_path / 'u.db').as_posix()}"
    command = [sys.executable, "-m", "sociaalhuis", "--database", database]
    env = os.environ.copy()
    assert subprocess.run([*command, "init"], capture_output=True, env=env).returncode == 0
    added = subprocess.run(
        [*command, *ADD_LIEN, "--function", "MW", "--password-stdin"],
        input="een-lang-wachtwoord\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [*command, "users", "list"], capture_output=True, text=True, env=env, timeout=120
    )
    assert listed.stdout.splitlines()[1].split()[:2] == ["lien", "social_worker"]
