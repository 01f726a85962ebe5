"""A file that is not a usable Sociaal Huis database is refused with the reason, byte-for-byte
untouched, on the command line without a traceback (issue 14, point 7)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sociaalhuis.cli import COUNTED, main
from sociaalhuis.errors import StorageError
from sociaalhuis.storage.database import Database

PROJECT = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real database with 200 demo households, made once for the module."""
    path = tmp_path_factory.mktemp("filled") / "filled.db"
    assert main(["--database", url(path), "init"]) == 0
    assert main(["--database", url(path), "demo", "--households", "200", "--seed", "7"]) == 0
    return path


def empty_file(folder: Path, _filled: Path) -> Path:
    path = folder / "leeg.db"
    path.write_bytes(b"")
    return path


def foreign_database(folder: Path, _filled: Path) -> Path:
    path = folder / "boekhouding.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table invoices (id integer primary key, total real)")
        connection.execute("insert into invoices values (1, 12.5)")
    connection.close()
    return path


def read_only_copy(folder: Path, filled: Path) -> Path:
    path = folder / "alleen-lezen.db"
    shutil.copyfile(filled, path)
    path.chmod(0o444)
    return path


def broken_header(folder: Path, filled: Path) -> Path:
    path = folder / "kapotte-kop.db"
    data = bytearray(filled.read_bytes())
    data[16:18] = b"\x00\x07"  # a page size SQLite never writes
    path.write_bytes(bytes(data))
    return path


def damaged_pages(folder: Path, filled: Path) -> Path:
    """The middle third of a real database overwritten, as a failing disk would leave it."""
    path = folder / "beschadigd.db"
    data = bytearray(filled.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    pages = len(data) // page
    for number in range(pages // 3, 2 * pages // 3):
        data[number * page : (number + 1) * page] = b"\xff" * page
    path.write_bytes(bytes(data))
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
