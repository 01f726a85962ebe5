"""The command line refuses an unusable database in Dutch: the file, what is wrong, that
nothing changed; no traceback, exit code 1, the file byte-for-byte untouched (issue 14, 7)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sociaalhuis.cli import main
from sociaalhuis.errors import StorageError
from sociaalhuis.storage import refusals
from tests.broken_databases import (
    damaged_pages,
    digest,
    empty_file,
    foreign_database,
    read_only_copy,
    url,
)

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real database with a few demo households, made once for the module."""
    path = tmp_path_factory.mktemp("filled") / "filled.db"
    assert main(["--database", url(path), "init"]) == 0
    assert main(["--database", url(path), "demo", "--households", "60", "--seed", "3"]) == 0
    return path


CASES = [
    (empty_file, "Het bestand is leeg (0 bytes); het is geen database."),
    (foreign_database, "Het bestand is een database van een ander programma"),
    (read_only_copy, "Het bestand is alleen-lezen; Sociaal Huis moet erin kunnen schrijven."),
    (damaged_pages, "Het bestand is beschadigd: sommige pagina's zijn onleesbaar."),
]
IDS = ["empty", "foreign", "read-only", "damaged"]


def run_cli(path: Path, command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    return subprocess.run(
        [sys.executable, "-m", "sociaalhuis", "--database", url(path), command],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize(("make", "dutch"), CASES, ids=IDS)
@pytest.mark.parametrize("command", ["info", "init"])
def test_the_command_line_refuses_in_dutch(tmp_path, filled, make, dutch, command):
    path = make(tmp_path, filled)
    before = digest(path)
    done = run_cli(path, command)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"fout: {refusals.HEADLINE}"
    assert f"Locatie: {path}" in lines
    assert dutch in done.stderr
    assert any(line.startswith("Reden: ") for line in lines)
    assert lines[-1] == "Er is niets gewijzigd."
    assert done.stdout == ""
    assert digest(path) == before


@pytest.mark.parametrize(("make", "dutch"), CASES, ids=IDS)
def test_main_in_process_says_the_same(tmp_path, filled, make, dutch, capsys):
    path = make(tmp_path, filled)
    before = digest(path)
    assert main(["--database", url(path), "info"]) == 1
    err = capsys.readouterr().err
    assert dutch in err
    assert str(path) in err
    assert digest(path) == before


def test_every_kind_the_core_names_has_a_dutch_sentence():
    for kind in ("empty", "not_sqlite", "foreign", "read_only", "damaged"):
        lines = refusals.refusal_lines(StorageError("/x.db", "reason", kind))
        assert lines[2] in refusals.WHAT_IS_WRONG.values()
        assert lines[2].startswith("Het bestand is")
    encrypted = ("needs_passphrase", "wrong_passphrase", "damaged_keys", "missing_keys")
    for kind in (*encrypted, "not_encrypted"):
        lines = refusals.refusal_lines(StorageError("/x.db", "reason", kind))
        assert lines[2] == refusals.WHAT_IS_WRONG[kind]
        assert "wachtzin" in lines[2] or "sleutelbestand" in lines[2]


def test_an_error_without_a_kind_keeps_the_core_reason():
    lines = refusals.refusal_lines(StorageError("/x.db", "no database here"))
    assert lines == [
        refusals.HEADLINE,
        "Locatie: /x.db",
        "Reden: no database here",
        "Er is niets gewijzigd.",
    ]


def test_a_missing_database_stays_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "nergens.db"
    assert main(["--database", url(path), "info"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "init" in err
    assert len(err.splitlines()) == 1
    assert not path.exists()
