"""A file that is not a usable Sociaal Huis database is refused with the reason, byte-for-byte
untouched, on the command line without a traceback (issue 14, point 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sociaalhuis.cli import COUNTED, main
from sociaalhuis.errors import StorageError
from sociaalhuis.storage.database import Database
from tests.broken_databases import (
    broken_header,
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
    """A real database with 200 demo households, made once for the module."""
    path = tmp_path_factory.mktemp("filled") / "filled.db"
    assert main(["--database", url(path), "init"]) == 0
    assert main(["--database", url(path), "demo", "--households", "200", "--seed", "7"]) == 0
    return path


CASES = [
    (empty_file, "is an empty file (0 bytes)"),
    (foreign_database, "is not a Sociaal Huis database"),
    (read_only_copy, "is read-only"),
    (broken_header, "is damaged"),
    (damaged_pages, "is damaged"),
]
IDS = ["empty", "foreign", "read-only", "header", "pages"]


def use(path: Path, *, create: bool) -> None:
    """Open `path` and read every counted table, as `info` and the first window do."""
    db = Database.open(url(path), create=create, migrate=create)
    try:
        with db.read() as session:
            for cls in COUNTED:
                session.scalar(select(func.count()).select_from(cls))
    finally:
        db.close()


@pytest.mark.parametrize(("make", "reason"), CASES, ids=IDS)
@pytest.mark.parametrize("create", [False, True], ids=["open", "init"])
def test_a_file_that_cannot_be_used_is_refused_unchanged(tmp_path, filled, make, reason, create):
    path = make(tmp_path, filled)
    before = digest(path)
    with pytest.raises(StorageError) as caught:
        use(path, create=create)
    assert caught.value.location == str(path)
    assert reason in caught.value.reason
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no backup, no journal


def test_a_writable_copy_of_the_same_database_opens(tmp_path, filled):
    """The refusals above come from the files, not from the way they are used."""
    path = tmp_path / "kopie.db"
    shutil.copyfile(filled, path)
    use(path, create=False)


@pytest.mark.parametrize(("make", "reason"), CASES, ids=IDS)
@pytest.mark.parametrize("command", ["info", "init"])
def test_the_command_line_says_why_without_a_traceback(tmp_path, filled, make, reason, command):
    path = make(tmp_path, filled)
    before = digest(path)
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-m", "sociaalhuis", "--database", url(path), command],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr
    assert reason in done.stderr
    assert digest(path) == before
