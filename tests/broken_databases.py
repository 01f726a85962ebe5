"""Database files a Sociaal Huis cannot use, made from a real one: empty, another program's,
read-only, a broken header, damaged pages; and the checks the refusal tests share."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


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
