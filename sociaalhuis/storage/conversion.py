"""Turning a plain SQLite database into an encrypted one, creating one encrypted from the
start, and changing its passphrase.

The conversion writes an encrypted copy first (`sqlcipher_export`) while it holds the plain
file exclusively, checks the copy (integrity and the same row count in every table), writes
the key file, and only then puts the copy in the plain file's place and removes the plain
file's WAL and its plain `.bak` copies. Any refusal before that leaves every file as it was.
A new encrypted database is made and migrated under a temporary name through SQLCipher, so
no page of it is ever plain, and appears under its own name only once complete, key file and
all.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from sociaalhuis.errors import StorageError
from sociaalhuis.storage import encryption, schema
from sociaalhuis.storage.database import (
    HEADER_BYTES,
    SQLITE_HEADER,
    check_sqlite_file,
    cipher_engine,
    key_pragma,
)

LOCK_TIMEOUT_S = 2.0
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Conversion:
    """What `encrypt` did: the files, the recovery key to hand over, and what was checked."""

    database: Path
    keys: Path
    recovery_key: str
    row_counts: dict[str, int]
    removed: tuple[Path, ...]
    seconds: float


def is_encrypted(path: Path) -> bool:
    """Whether `path` has a key file beside it (how the application tells)."""
    return encryption.keys_file(path).exists()


def encrypt(path: Path, passphrase: str) -> Conversion:
    """Convert the plain database at `path`; StorageError, with nothing changed, when it is
    encrypted already, damaged, in use or the passphrase is too short."""
    started = time.perf_counter()
    encryption.check_passphrase(passphrase)
    keys = encryption.keys_file(path)
    _refuse_encrypted(path, keys)
    check_sqlite_file(path, create=False)
    fresh = encryption.new_keys(passphrase)
    copy = path.with_name(path.name + ".encrypting")
    copy.unlink(missing_ok=True)  # our own leftover of an interrupted run, never the data
    source = _lock(path)
    try:
        try:
            counts = _export(source, path, copy, fresh.data_key)
            _verify(copy, fresh.data_key, counts)
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
        encryption.write(keys, fresh.document)
        # Still holding the plain file: nobody can write to it between copy and swap.
        copy.replace(path)
        encryption.sync_folder(path.parent)
    finally:
        source.close()
    removed = _remove_plain_leftovers(path)
    seconds = time.perf_counter() - started
    return Conversion(path, keys, fresh.recovery_key, counts, removed, seconds)


@dataclass(frozen=True)
class Creation:
    """What `init --encrypted` made: the files and the recovery key to hand over."""

    database: Path
    keys: Path
    recovery_key: str
    seconds: float


def create_encrypted(path: Path, passphrase: str) -> Creation:
    """A new database at `path`, encrypted from its first byte and migrated to the newest
    schema, with its key file; StorageError, with nothing changed, when the database, its key
    file or a WAL of it is there already, or the passphrase is too short."""
    started = time.perf_counter()
    encryption.check_passphrase(passphrase)
    keys = encryption.keys_file(path)
    for existing in (path, keys, *_side_files(path)):
        if existing.exists() or existing.is_symlink():
            raise StorageError(
                str(path),
                f"{existing.name} is already there; `init --encrypted` only makes a new "
                "database (`encrypt` converts a plain one); nothing was changed",
            )
    fresh = encryption.new_keys(passphrase)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".creating")
    _remove_with_side_files(building)  # our own leftover of an interrupted run, never data
    try:
        _build(building, fresh.data_key)
        encryption.write(keys, fresh.document)
        try:
            _place(building, path)
        except BaseException:
            keys.unlink()  # ours: written just above, and a key file alone opens nothing
            raise
    finally:
        _remove_with_side_files(building)
    encryption.sync_folder(path.parent)
    return Creation(path, keys, fresh.recovery_key, time.perf_counter() - started)


def _build(path: Path, key: bytes) -> None:
    engine = cipher_engine(path, key)
    try:
        schema.prepare(engine, str(path), create=True, migrate=True)
    finally:
        engine.dispose()  # the last connection closed: SQLite folds the WAL in and removes it
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header == SQLITE_HEADER or any(side.exists() for side in _side_files(path)):
        raise StorageError(str(path), "the new database was not written as expected; removed")


def _place(building: Path, path: Path) -> None:
    """Give the complete file its name without ever replacing a file that appeared there."""
    try:
        os.link(building, path)
    except FileExistsError:
        raise StorageError(
            str(path), "appeared while the new database was made; it was left untouched"
        ) from None
    except OSError:
        # A file system without hard links (a FAT stick): a rename, checked just before.
        if path.exists():
            raise StorageError(str(path), "appeared meanwhile; it was left untouched") from None
        os.rename(building, path)


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *_side_files(path)):
        leftover.unlink(missing_ok=True)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Rewrap the data key under `new`; the database file itself is not touched."""
    keys = _existing_keys(path)
    encryption.check_passphrase(new)
    encryption.change_passphrase(keys, encryption.unlock(keys, old), new)


def recover(path: Path, recovery_key: str, new: str) -> None:
    """Set a new passphrase with the recovery key, when the old one is forgotten."""
    keys = _existing_keys(path)
    encryption.check_passphrase(new)
    encryption.change_passphrase(keys, encryption.unlock_with_recovery(keys, recovery_key), new)


def _existing_keys(path: Path) -> Path:
    keys = encryption.keys_file(path)
    if not keys.exists():
        raise StorageError(str(path), "is not encrypted (no key file beside it)", "not_encrypted")
    return keys


def _refuse_encrypted(path: Path, keys: Path) -> None:
    if not keys.exists():
        return
    header = path.read_bytes()[:HEADER_BYTES] if path.is_file() else b""
    if header.startswith(SQLITE_HEADER):
        raise StorageError(
            str(path),
            f"is plain but a key file is already beside it ({keys.name}), perhaps from an "
            "interrupted conversion; the plain file is complete: move the key file away and "
            "run encrypt again; nothing was changed",
            "not_encrypted",
        )
    raise StorageError(str(path), "is encrypted already; nothing was changed", "already_encrypted")


def _lock(path: Path) -> sqlcipher.Connection:
    """A plain connection holding the file exclusively: no other program has it open."""
    source = sqlcipher.connect(
        f"file:{path.as_posix()}?mode=rw", uri=True, isolation_level=None, timeout=LOCK_TIMEOUT_S
    )
    try:
        # Exclusive locking also refuses an idle reader (a running application), which
        # might write to the plain file after the copy was made.
        source.execute("PRAGMA locking_mode = EXCLUSIVE")
        source.execute("BEGIN EXCLUSIVE")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.OperationalError as exc:
        source.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError(
                str(path),
                "is in use by another program (is Sociaal Huis still open?); close it and try "
                "again; nothing was changed",
                "in_use",
            ) from None
        raise StorageError(str(path), f"cannot be read ({exc}); nothing was changed") from None
    except sqlcipher.DatabaseError as exc:
        source.close()
        raise _damaged(path, str(exc)) from None
    return source


def _export(source: sqlcipher.Connection, path: Path, copy: Path, key: bytes) -> dict[str, int]:
    try:
        found = [row[0] for row in source.execute("PRAGMA integrity_check(3)")]
        if found != ["ok"]:
            raise _damaged(path, found[0] if found else "unknown damage")
        counts = _row_counts(source)
        source.execute("COMMIT")  # ATTACH is refused inside a transaction; the lock stays
        source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(copy),))
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute("DETACH DATABASE encrypted")
    except sqlcipher.DatabaseError as exc:
        raise _damaged(path, str(exc)) from None
    return counts


def _verify(copy: Path, key: bytes, expected: dict[str, int]) -> None:
    check = sqlcipher.connect(str(copy), isolation_level=None)
    try:
        check.execute(key_pragma(key))
        check.execute("PRAGMA cipher_log_level = NONE")
        found = [row[0] for row in check.execute("PRAGMA integrity_check(3)")]
        counts = _row_counts(check)
        check.execute("PRAGMA journal_mode = WAL")  # as the application runs it
    finally:
        check.close()
    if copy.read_bytes()[: len(SQLITE_HEADER)] == SQLITE_HEADER:
        raise StorageError(str(copy), "the copy was written in clear; nothing was changed")
    if found != ["ok"] or counts != expected:
        tables = expected.keys() | counts.keys()
        differing = sorted(t for t in tables if expected.get(t) != counts.get(t))
        raise StorageError(
            str(copy),
            f"the encrypted copy does not match (check: {found[:1]}, tables differing: "
            f"{differing}); the plain database was left as it was",
        )


def _row_counts(connection: sqlcipher.Connection) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _remove_plain_leftovers(path: Path) -> tuple[Path, ...]:
    """The plain WAL and journal (now stale: the file they belonged to is gone) and the plain
    `.bak` copies made before migrations."""
    removed = []
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.unlink()
            removed.append(side)
    for backup in sorted(path.parent.glob(f"{path.name}.*.bak")):
        with backup.open("rb") as handle:
            plain = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
        if plain:
            backup.unlink()
            removed.append(backup)
    return tuple(removed)


def _damaged(path: Path, detail: str) -> StorageError:
    reason = f"is damaged ({detail}); it was not converted; nothing was changed"
    return StorageError(str(path), reason, "damaged")
