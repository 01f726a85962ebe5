"""Opening the database (fail closed) and handing out read and write sessions.

SQLite runs with WAL, `synchronous=FULL`, foreign keys and a busy timeout, and a
write session starts with `BEGIN IMMEDIATE` so it holds the write lock from its
first statement instead of failing halfway. PostgreSQL gets the same code. Every write
session keeps the search index in step with what it flushes (`storage.search`), and every
session links the audit events it flushes into the hash chain (`storage.audit_chain`) and
writes the changes it flushes to the synchronisation outbox (`sync.outbox`).
An SQLite file with a key file beside it (`storage.encryption`) is encrypted: it is opened
through SQLCipher with the data key the passphrase unlocks, and refused unchanged otherwise.
Nothing here runs at import time; callers create a `Database` and pass it down.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from sociaalhuis.errors import StorageError
from sociaalhuis.storage import encryption, schema, search
from sociaalhuis.storage.audit_chain import chain_new_events
from sociaalhuis.storage.models import APPEND_ONLY
from sociaalhuis.sync import outbox

SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_BYTES = 100
CACHE_KIB = 8 * 1024  # per connection
BUSY_TIMEOUT_MS = 10_000
# SQLCipher writes whole pages (4096 bytes by default) and no readable header.
CIPHER_PAGE = 4096
DRIVER_ERRORS = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
INTEGRITY_ERRORS = (sqlite3.IntegrityError, sqlcipher.IntegrityError)


def describe(url: str | URL) -> str:
    """The database location as shown to people: the file path, or the URL without password."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database or ":memory:")
    return parsed.render_as_string(hide_password=True)


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        # Even an unparseable URL may hold a password; never echo it.
        shown = re.sub(r"(//[^/@]*?:)[^/@]*@", r"\1***@", url)
        raise StorageError(shown, "not a valid database URL") from None


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database).expanduser()


def check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse anything but an existing SQLite file, unless asked to create a missing one."""
    if path.is_dir():
        raise StorageError(str(path), "is a folder, not a database file")
    if not path.exists():
        if not create:
            raise StorageError(
                str(path), "no database here; create it with `python -m sociaalhuis init`"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
    except OSError as exc:
        raise StorageError(str(path), f"cannot be read ({exc.strerror})") from None
    if not header:
        # Taking over an empty file would hide a copy or download that went wrong.
        raise StorageError(
            str(path), "is an empty file (0 bytes), not a database; it was left untouched", "empty"
        )
    if not header.startswith(SQLITE_HEADER):
        if path.stat().st_size % CIPHER_PAGE == 0:
            raise StorageError(
                str(path),
                "is not a plain SQLite database file and has no key file beside it "
                f"({encryption.keys_file(path).name}): if it is an encrypted database, put its "
                "key file back; it was left untouched",
                "missing_keys",
            )
        raise StorageError(
            str(path), "is not a SQLite database file; it was left untouched", "not_sqlite"
        )
    if len(header) < HEADER_BYTES or _page_size(header) is None:
        raise StorageError(str(path), schema.damaged("its header is broken"), "damaged")
    if _read_only(path):
        raise StorageError(
            str(path),
            "is read-only (no permission to write); make it writable or open a copy; "
            "it was left untouched",
            "read_only",
        )


def _check_encrypted_file(path: Path, keys: Path, passphrase: str | None) -> bytes:
    """The data key for the encrypted file `path`, after refusing anything that is not one."""
    if not keys.exists():
        raise StorageError(
            str(path), "a passphrase was given, but this database is not encrypted (no key file)"
        )
    if path.is_dir() or not path.exists():
        raise StorageError(
            str(path),
            f"the database file is missing beside its key file {keys.name}; nothing was created",
        )
    with path.open("rb") as handle:
        header = handle.read(HEADER_BYTES)
    if not header:
        raise StorageError(
            str(path), "is an empty file (0 bytes), not a database; it was left untouched", "empty"
        )
    if header.startswith(SQLITE_HEADER):
        # Never write into a plain file that claims to be encrypted: it may be a swapped file.
        raise StorageError(
            str(path),
            f"has a key file beside it ({keys.name}) but is not encrypted (an interrupted "
            "`encrypt`?); nothing was changed",
            "not_encrypted",
        )
    if _read_only(path):
        raise StorageError(
            str(path), "is read-only (no permission to write); it was left untouched", "read_only"
        )
    if passphrase is None:
        raise StorageError(str(path), "is encrypted; its passphrase is needed", "needs_passphrase")
    return encryption.unlock(keys, passphrase)


def _page_size(header: bytes) -> int | None:
    """The page size the header states, None when SQLite could never have written it."""
    size = int.from_bytes(header[16:18], "big")
    size = 65536 if size == 1 else size
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


def _read_only(path: Path) -> bool:
    # Checked on the mode bits too: an administrator's account may write anyway, but a file
    # someone marked read-only is not ours to change.
    mode = path.stat().st_mode
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _sqlite_problem(location: str, message: str) -> StorageError | None:
    """The error for an SQLite error that means the file itself cannot be used."""
    lowered = message.lower()
    if "malformed" in lowered or "not a database" in lowered:
        return StorageError(location, schema.damaged(message), "damaged")
    if "readonly database" in lowered or "read-only" in lowered:
        reason = f"is read-only ({message}); make it writable or open a copy"
        return StorageError(location, reason, "read_only")
    return None


def _sqlite_engine(path: Path, create: bool, key: bytes | None = None) -> Engine:
    mode = "rwc" if create else "rw"
    uri = f"file:{path.as_posix()}?mode={mode}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

    def connect_encrypted() -> Any:
        connection = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        # The key must be the first statement; a raw key skips SQLCipher's own slow KDF.
        connection.execute(key_pragma(key or b""))
        # SQLCipher prints every page that fails its check on stderr; we report it ourselves.
        connection.execute("PRAGMA cipher_log_level = NONE")
        return connection

    # An explicit pool: with a bare URL SQLAlchemy would assume :memory: and share one
    # connection per thread, which would merge two units of work into one transaction.
    # `module` makes SQLAlchemy wrap SQLCipher's own exception classes.
    extra: dict[str, Any] = {"module": sqlcipher} if key is not None else {}
    creator = connect if key is None else connect_encrypted
    engine = create_engine("sqlite+pysqlite://", creator=creator, poolclass=QueuePool, **extra)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # SQLite's default 2 MiB page cache read the same index pages through system calls
        # again on every review page at 100,000 households; 8 MiB a connection keeps them
        # (32 MiB measured no faster and raised the screen's peak memory by 130 MB).
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        # Without it `REPLACE INTO` deletes the old row without firing the append-only
        # DELETE triggers (SQLite's documented behaviour).
        cursor.execute("PRAGMA recursive_triggers = ON")
        cursor.close()

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> BaseException | None:
        # A damaged page may be met by any query, long after opening (a full check at
        # opening reads the whole file: 7 s at 2 GB); this turns it into a domain error.
        original = context.original_exception
        if not isinstance(original, DRIVER_ERRORS) or isinstance(original, INTEGRITY_ERRORS):
            return None
        if key is not None and "not a database" in str(original).lower():
            reason = schema.damaged(
                "it cannot be read with the key its key file holds: a damaged first page, "
                "or a key file of another database"
            )
            return StorageError(str(path), reason, "damaged")
        return _sqlite_problem(str(path), str(original))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # The driver's own transaction handling is off (isolation_level=None), so we
        # say BEGIN ourselves: IMMEDIATE for writers takes the lock up front.
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def cipher_engine(path: Path, key: bytes) -> Engine:
    """An engine that makes (or opens) `path` through SQLCipher with the raw data `key`, for
    creating a database encrypted from its first byte; `Database.open` opens existing ones."""
    return _sqlite_engine(path, True, key)


def key_pragma(key: bytes) -> str:
    """The statement that gives SQLCipher a raw 32-byte key."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _make_engine(url: URL, create: bool, passphrase: str | None = None) -> Engine:
    path = _sqlite_file(url)
    if path is not None:
        keys = encryption.keys_file(path)
        if passphrase is not None or keys.exists():
            return _sqlite_engine(path, False, _check_encrypted_file(path, keys, passphrase))
        check_sqlite_file(path, create)
        return _sqlite_engine(path, create)
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StorageError(describe(url), f"unsupported database URL ({exc})") from None


def _refuse_append_only_changes(session: Session, _context: object, _instances: object) -> None:
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY):
            raise StorageError(type(obj).__name__, "is append-only and cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, APPEND_ONLY) and session.is_modified(obj):
            raise StorageError(
                type(obj).__name__, "is append-only; record a correction that supersedes it"
            )


class Database:
    """An open, schema-checked database and its session factories."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self._reader = sessionmaker(bind=engine, expire_on_commit=False)
        writer_bind = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._writer = sessionmaker(bind=writer_bind, expire_on_commit=False)
        for factory in (self._writer, self._reader):
            event.listen(factory, "before_flush", _refuse_append_only_changes)
            event.listen(factory, "before_flush", chain_new_events)
        event.listen(self._writer, "after_flush", search.keep_in_step)
        outbox.install((self._writer, self._reader))

    @classmethod
    def open(
        cls,
        url: str,
        *,
        create: bool = False,
        migrate: bool = False,
        passphrase: str | None = None,
    ) -> Database:
        """Open `url`; with `create`, make a missing SQLite file; with `migrate`, bring the
        schema to the newest version; `passphrase` unlocks an encrypted SQLite file (never
        created here: `init --encrypted` or `encrypt`). Raises StorageError and changes
        nothing otherwise."""
        parsed = _parse(url)
        engine = _make_engine(parsed, create, passphrase)
        location = describe(parsed)
        try:
            schema.prepare(engine, location, create=create, migrate=migrate)
        except DBAPIError as exc:
            engine.dispose()
            raise StorageError(location, _driver_message(exc)) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, location)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise.

        The connection is taken at once, so on SQLite the write lock is held from the start.
        """
        with self._writer() as session, session.begin():
            session.connection()
            yield session

    def check(self) -> None:
        """Read every page of an SQLite database; StorageError when one is damaged."""
        schema.check_integrity(self.engine, self.location)

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def close(self) -> None:
        self.engine.dispose()


def _driver_message(exc: DBAPIError) -> str:
    text = str(exc.orig).strip().splitlines()
    return text[0] if text else type(exc.orig).__name__
