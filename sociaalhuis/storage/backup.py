"""Backups of a running database and their restore into a new location.

SQLite is copied through the online backup API (one step, so a single read transaction:
writers in WAL mode go on, the copy is the state of one moment); an encrypted file with
`VACUUM INTO` on its own keyed connection, which writes the copy with the same data key
(the backup API would need a second keyed connection, and the key is not kept in the open
database). PostgreSQL goes through `pg_dump` in custom format, one snapshot. Every backup has
a sidecar `<file>.meta.json` (source kind, schema revision, time, size, SHA-256) and, when
encrypted, the key file `<file>.keys` that opens it. Restoring checks all of that and writes
into a new location only, unless `replace` is asked (the old file is then kept aside).
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from sociaalhuis.errors import StorageError
from sociaalhuis.settings import Settings
from sociaalhuis.storage import encryption, schema
from sociaalhuis.storage.database import Database, describe, key_pragma

FORMAT = "sociaalhuis-backup"
VERSION = 1
META_SUFFIX = ".meta.json"
PARTIAL_SUFFIX = ".partial"
SCHEDULED_PREFIX = "sociaalhuis-"
STAMP = "%Y%m%dT%H%M%SZ"
STALE_PARTIAL_S = 24 * 3600
KINDS = ("sqlite", "sqlite-encrypted", "postgresql")
# Where PostgreSQL's client programs live when they are not on PATH (Debian/Ubuntu, Windows).
PG_BIN_GLOBS = ["/usr/lib/postgresql/*/bin", "C:/Program Files/PostgreSQL/*/bin"]
PG_BIN_ENV = "SOCIAALHUIS_PG_BIN"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    """A backup file and what its metadata says about it."""

    path: Path
    kind: str
    schema_revision: str
    created: datetime
    sha256: str
    size: int
    source: str
    seconds: float = 0.0

    @property
    def keys(self) -> Path | None:
        return encryption.keys_file(self.path) if self.kind == "sqlite-encrypted" else None


@dataclass(frozen=True)
class Restored:
    """Where a backup was restored, and from which schema revision it was migrated."""

    location: str
    schema_revision: str
    migrated_from: str | None
    kept_aside: tuple[Path, ...]
    seconds: float


@dataclass(frozen=True)
class Scheduled:
    """What `backup --scheduled` did: the backup made (None when not due) and the old ones
    removed by rotation."""

    made: BackupInfo | None
    removed: tuple[Path, ...]
    next_due: datetime


def meta_file(backup: Path) -> Path:
    return backup.with_name(backup.name + META_SUFFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- making a backup -------------------------------------------------------------------------


def create(db: Database, target: Path, *, now: datetime | None = None) -> BackupInfo:
    """Back up the open database `db` into the new file `target` (and its metadata beside
    it); refuses an existing target. Raises StorageError and leaves no file behind."""
    started = time.perf_counter()
    target = target.expanduser().absolute()
    for existing in (target, meta_file(target), encryption.keys_file(target)):
        if existing.exists():
            raise StorageError(
                str(existing),
                "is already there; a backup never overwrites a file: choose a new name",
                "backup_exists",
            )
    if not target.parent.is_dir():
        raise StorageError(str(target.parent), "the folder for the backup does not exist")
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)
    try:
        if db.is_sqlite:
            kind, revision, keys = _sqlite_copy(db, partial)
        else:
            kind, revision, keys = _pg_dump(db, partial)
        _fsync(partial)
        info = BackupInfo(
            path=target,
            kind=kind,
            schema_revision=revision,
            created=(now or datetime.now(UTC)).replace(microsecond=0),
            sha256=sha256_of(partial),
            size=partial.stat().st_size,
            source=db.location,
            seconds=time.perf_counter() - started,
        )
        if keys is not None:
            shutil.copyfile(keys, encryption.keys_file(target))
        os.replace(partial, target)
        _write_meta(info)
        encryption.sync_folder(target.parent)
    except BaseException:
        for leftover in (partial, target, meta_file(target), encryption.keys_file(target)):
            leftover.unlink(missing_ok=True)
        raise
    return info


def _sqlite_copy(db: Database, partial: Path) -> tuple[str, str, Path | None]:
    raw = db.engine.raw_connection()
    try:
        source: Any = raw.driver_connection
        database = Path(source.execute("PRAGMA database_list").fetchone()[2])
        if isinstance(source, sqlite3.Connection):
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # all pages in one step: one read transaction
            finally:
                copy.close()
            kind, keys = "sqlite", None
        else:
            source.execute("VACUUM INTO ?", (str(partial),))
            kind, keys = "sqlite-encrypted", encryption.keys_file(database)
        # The copy is checked through the source's connection: attached without a KEY, an
        # encrypted copy is read with the main database's key.
        source.execute("ATTACH DATABASE ? AS sh_backup", (str(partial),))
        try:
            found = [row[0] for row in source.execute("PRAGMA sh_backup.integrity_check(3)")]
            revision = source.execute("SELECT version_num FROM sh_backup.alembic_version")
            revision = revision.fetchone()[0]
        finally:
            source.execute("DETACH DATABASE sh_backup")
    except (sqlite3.DatabaseError, sqlcipher.DatabaseError) as exc:
        raise StorageError(db.location, f"the backup could not be made ({exc})") from None
    finally:
        raw.close()
    if found != ["ok"]:
        raise StorageError(db.location, schema.damaged(found[0] if found else "?"), "damaged")
    return kind, revision, keys


def _pg_dump(db: Database, partial: Path) -> tuple[str, str, None]:
    url = db.engine.url
    before = _pg_revision(db)
    _run_pg("pg_dump", ["--format=custom", "--file", str(partial)], url, db.location)
    if _pg_revision(db) != before:
        raise StorageError(db.location, "the schema was migrated during the backup; run it again")
    return "postgresql", before, None


def _pg_revision(db: Database) -> str:
    with db.read() as session:
        revision = schema.current_revision(session.connection())
    assert revision is not None  # Database.open refuses a database without one
    return revision


def pg_tool(name: str) -> Path:
    """The PostgreSQL client program `name` (pg_dump, pg_restore): in SOCIAALHUIS_PG_BIN, on
    PATH, or the newest installed version's folder; StorageError naming where it looked."""
    folder = os.environ.get(PG_BIN_ENV)
    if folder and (Path(folder) / name).exists():
        return Path(folder) / name
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = [Path(f) / name for pattern in PG_BIN_GLOBS for f in glob.glob(pattern)]
    candidates = [c for c in candidates if c.exists() or c.with_suffix(".exe").exists()]
    if candidates:
        return max(candidates, key=lambda c: _version_key(c.parent.parent.name))
    raise StorageError(
        name,
        f"the PostgreSQL program {name} was not found (not on PATH, not in "
        f"{', '.join(PG_BIN_GLOBS)}); install the PostgreSQL client (Debian: apt install "
        f"postgresql-client) or set {PG_BIN_ENV} to its folder",
        "no_pg_tool",
    )


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def _run_pg(tool: str, arguments: list[str], url: URL | None, location: str) -> str:
    """Run a PostgreSQL client program; the password goes through the environment of the
    child only (never on its command line, which other users can read)."""
    environment = dict(os.environ)
    command = [str(pg_tool(tool)), *arguments]
    if url is not None:
        if url.password is not None:
            environment["PGPASSWORD"] = str(url.password)
        libpq = url.set(drivername="postgresql", password=None, query={})
        command += ["--dbname", libpq.render_as_string(hide_password=False)]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        detail = lines[0] if lines else f"exit code {done.returncode}"
        raise StorageError(location, f"{tool} failed: {detail}")
    return done.stdout


def _write_meta(info: BackupInfo) -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "kind": info.kind,
        "schema_revision": info.schema_revision,
        "created": info.created.isoformat(),
        "sha256": info.sha256,
        "size": info.size,
        "source": info.source,
    }
    if info.keys is not None:
        document["keys_sha256"] = sha256_of(info.keys)
    meta = meta_file(info.path)
    meta.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    _fsync(meta)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


# --- reading and checking a backup -----------------------------------------------------------


def read_meta(backup: Path) -> BackupInfo:
    """The backup's metadata, checked against the file (size, SHA-256, key file); a backup
    that fails is refused as damaged."""
    if not backup.is_file():
        raise StorageError(str(backup), "no backup file here", "backup_missing")
    meta = meta_file(backup)
    try:
        document = json.loads(meta.read_text(encoding="utf-8"))
        info = BackupInfo(
            path=backup,
            kind=document["kind"],
            schema_revision=document["schema_revision"],
            created=datetime.fromisoformat(document["created"]),
            sha256=document["sha256"],
            size=int(document["size"]),
            source=str(document.get("source", "")),
        )
        ok = document.get("format") == FORMAT and document.get("version") == VERSION
    except FileNotFoundError:
        raise _damaged(backup, f"its metadata file {meta.name} is missing") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _damaged(backup, f"its metadata file {meta.name} cannot be read ({exc})") from None
    if not ok or info.kind not in KINDS:
        raise _damaged(backup, f"{meta.name} is not the metadata of a Sociaal Huis backup")
    if backup.stat().st_size != info.size or sha256_of(backup) != info.sha256:
        raise _damaged(backup, "its contents differ from the SHA-256 recorded when it was made")
    if info.keys is not None:
        if not info.keys.is_file():
            raise _damaged(backup, f"it is encrypted and its key file {info.keys.name} is missing")
        if sha256_of(info.keys) != document.get("keys_sha256"):
            raise _damaged(backup, f"its key file {info.keys.name} differs from the recorded one")
    return info


def check_revision(info: BackupInfo) -> str | None:
    """None when the backup has the newest schema, its revision when it is older (it will be
    migrated); refuses a revision this program does not know (a newer program's backup)."""
    if info.schema_revision not in schema.known_revisions():
        raise StorageError(
            str(info.path),
            f"has schema version {info.schema_revision}, unknown to this version of the "
            f"application (newest known: {schema.head_revision()}); restore it with the "
            "version that made it, or update the application first",
            "backup_newer",
        )
    return None if info.schema_revision == schema.head_revision() else info.schema_revision


def _damaged(backup: Path, detail: str) -> StorageError:
    return StorageError(str(backup), f"the backup cannot be used: {detail}", "backup_damaged")


# --- restoring -------------------------------------------------------------------------------


def restore(
    backup: Path, to: str, *, replace: bool = False, passphrase: str | None = None
) -> Restored:
    """Restore `backup` into `to` (an SQLite file or URL, a PostgreSQL URL), check it and
    migrate it when its schema is older. Refuses, with nothing changed, a damaged or newer
    backup, an existing target (SQLite: unless `replace` and nobody has it open; the old
    file is then kept aside) and a PostgreSQL database that is not empty."""
    started, started_at = time.perf_counter(), time.time()
    info = read_meta(backup.expanduser().absolute())
    older = check_revision(info)
    url = _target_url(to)
    target: Path | None = None
    if info.kind == "postgresql":
        if url.get_backend_name() != "postgresql":
            raise StorageError(to, "a PostgreSQL backup is restored into a PostgreSQL database")
        _pg_restore(info, url)
        kept: tuple[Path, ...] = ()
        passphrase = None
    else:
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            raise StorageError(to, "an SQLite backup is restored into an SQLite file")
        target = Path(url.database).expanduser().absolute()
        kept = _sqlite_restore(info, target, replace, passphrase)
        url = url.set(database=target.as_posix())
    rendered = url.render_as_string(hide_password=False)
    if older is not None:
        try:
            Database.open(rendered, migrate=True, passphrase=passphrase).close()
        except StorageError as exc:
            if info.kind == "postgresql":
                raise StorageError(
                    describe(url),
                    f"the backup was restored, but migrating it failed ({exc.reason}); the "
                    "database holds the backup at its old schema: drop it, or migrate it with "
                    "`python -m sociaalhuis init` after mending the cause",
                ) from None
            if target is not None:
                _undo(target, kept, started_at)
            raise
    return Restored(
        describe(url), schema.head_revision(), older, kept, time.perf_counter() - started
    )


def _undo(target: Path, kept: tuple[Path, ...], since: float) -> None:
    """Take a restored SQLite file (its key file, the copy the migration made) away again
    and put back what it replaced: a failed migration leaves the location as it was."""
    for path in (target, *side_files(target)):
        path.unlink(missing_ok=True)
    for made in target.parent.glob(f"{target.name}.before-*.bak"):
        if made.stat().st_mtime >= since:
            made.unlink()
    for aside in kept:
        os.replace(aside, aside.with_name(aside.name.rsplit(".replaced-", 1)[0]))


def _target_url(to: str) -> URL:
    if "://" not in to:
        return make_url("sqlite://").set(database=Path(to).expanduser().absolute().as_posix())
    try:
        return make_url(to)
    except (ArgumentError, ValueError):
        raise StorageError("--to", "not a file name or a valid database URL") from None


def side_files(path: Path) -> list[Path]:
    """The files that belong to an SQLite database besides itself."""
    names = ("-wal", "-shm", "-journal", encryption.KEYS_SUFFIX)
    return [path.with_name(path.name + suffix) for suffix in names]


def _sqlite_restore(
    info: BackupInfo, target: Path, replace: bool, passphrase: str | None
) -> tuple[Path, ...]:
    present = [p for p in (target, *side_files(target)) if p.exists()]
    if present and not replace:
        raise StorageError(
            str(target),
            f"{present[0].name} is already there; restore into a new file name, or, to put "
            "the backup in its place, close Sociaal Huis everywhere and add --replace (the "
            "old file is kept aside)",
            "target_exists",
        )
    if present:
        _refuse_in_use(target)
    if not target.parent.is_dir():
        raise StorageError(str(target.parent), "the folder to restore into does not exist")
    key = _backup_key(info, passphrase)
    building = target.with_name(target.name + ".restoring")
    building.unlink(missing_ok=True)
    try:
        shutil.copyfile(info.path, building)
        if sha256_of(building) != info.sha256:
            raise _damaged(info.path, "the copy differs from the backup (a disk or copy error)")
        _check_copy(building, key, info)
        _fsync(building)
        stamp = datetime.now(UTC).strftime(STAMP)
        kept = tuple(_keep_aside(p, stamp) for p in present)
        if info.keys is not None:
            shutil.copyfile(info.keys, encryption.keys_file(target))
        os.replace(building, target)
        encryption.sync_folder(target.parent)
    finally:
        building.unlink(missing_ok=True)
    return kept


def _refuse_in_use(target: Path) -> None:
    """Refuse a database some program has open: WAL mode keeps `-wal`/`-shm` files beside it
    for as long as a connection is open; for a plain file, an exclusive lock must be free."""
    for side in side_files(target)[:2]:
        if side.exists():
            raise StorageError(
                str(target),
                f"is in use ({side.name} is beside it): close Sociaal Huis on every computer "
                "and try again; if it is closed everywhere, move the damaged database and its "
                "-wal and -shm files to another folder and restore into the freed name",
                "in_use",
            )
    if not target.exists():
        return
    probe = sqlite3.connect(target, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageError(
                str(target), "is in use by another program: close Sociaal Huis first", "in_use"
            ) from None
    except sqlite3.DatabaseError:
        pass  # not readable as plain SQLite (encrypted or damaged): the WAL files said enough
    finally:
        probe.close()


def _keep_aside(path: Path, stamp: str) -> Path:
    aside = path.with_name(f"{path.name}.replaced-{stamp}")
    os.replace(path, aside)
    return aside


def _backup_key(info: BackupInfo, passphrase: str | None) -> bytes | None:
    if info.keys is None:
        return None
    if passphrase is None:
        raise StorageError(
            str(info.path), "is encrypted; its passphrase is needed", "needs_passphrase"
        )
    return encryption.unlock(info.keys, passphrase)


def _check_copy(copy: Path, key: bytes | None, info: BackupInfo) -> None:
    """Every page readable (`PRAGMA integrity_check`), the recorded schema revision, WAL on."""
    module: Any = sqlite3 if key is None else sqlcipher
    connection = module.connect(str(copy), isolation_level=None)
    try:
        if key is not None:
            connection.execute(key_pragma(key))
            connection.execute("PRAGMA cipher_log_level = NONE")
        found = [row[0] for row in connection.execute("PRAGMA integrity_check(3)")]
        if found != ["ok"]:
            raise _damaged(info.path, f"some pages cannot be read ({found[0]})")
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != info.schema_revision:
            raise _damaged(info.path, "its schema version differs from its metadata")
        connection.execute("PRAGMA journal_mode = WAL")
    except module.DatabaseError as exc:
        raise _damaged(info.path, f"it cannot be read ({exc})") from None
    finally:
        connection.close()


def _pg_restore(info: BackupInfo, url: URL) -> None:
    location = describe(url)
    _run_pg("pg_restore", ["--list", str(info.path)], None, str(info.path))
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
    except DBAPIError as exc:
        raise StorageError(location, f"cannot be reached ({exc.orig})".splitlines()[0]) from None
    finally:
        engine.dispose()
    if tables:
        raise StorageError(
            location,
            f"is not empty ({len(tables)} tables); restore into a new, empty database "
            "(createdb NAME) and point the settings at it",
            "target_not_empty",
        )
    # One transaction: a failure leaves the database as empty as it was.
    arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run_pg("pg_restore", [*arguments, str(info.path)], url, location)


# --- scheduled backups with rotation ---------------------------------------------------------


def scheduled_backups(folder: Path) -> list[BackupInfo]:
    """The complete scheduled backups in `folder`, oldest first (by their metadata's time)."""
    found = []
    for meta in folder.glob(f"{SCHEDULED_PREFIX}*{META_SUFFIX}"):
        backup = meta.with_name(meta.name[: -len(META_SUFFIX)])
        try:
            document = json.loads(meta.read_text(encoding="utf-8"))
            created = datetime.fromisoformat(document["created"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not ours to judge here; `restore` says what is wrong with it
        if backup.is_file():
            found.append(BackupInfo(backup, document.get("kind", ""), "", created, "", 0, "", 0.0))
    return sorted(found, key=lambda info: info.created)


def run_scheduled(db: Database, config: Settings, now: datetime | None = None) -> Scheduled:
    """Make a backup in the configured folder when the newest is `backup_every_hours` old,
    then keep only the newest `backup_keep`."""
    folder = config.backup_dir
    if folder is None:
        raise StorageError(
            "settings.toml",
            'no backup folder is set: add backup_dir = "/path/to/folder" to the settings',
            "no_backup_dir",
        )
    folder = folder.expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    every = timedelta(hours=config.backup_every_hours)
    existing = scheduled_backups(folder)
    for partial in folder.glob(f"{SCHEDULED_PREFIX}*{PARTIAL_SUFFIX}"):
        # Left by a backup that was killed (the application closed mid-backup); one still
        # being written by another process is younger than a day.
        if time.time() - partial.stat().st_mtime > STALE_PARTIAL_S:
            partial.unlink(missing_ok=True)
    made = None
    if not existing or now - existing[-1].created >= every:
        extension = "db" if db.is_sqlite else "dump"
        made = create(db, folder / f"{SCHEDULED_PREFIX}{now.strftime(STAMP)}.{extension}", now=now)
        existing = scheduled_backups(folder)
    removed = []
    for old in existing[: max(0, len(existing) - config.backup_keep)]:
        for path in (old.path, meta_file(old.path), encryption.keys_file(old.path)):
            if path.exists():
                path.unlink()
                removed.append(path)
    newest = existing[-1].created if existing else now
    return Scheduled(made, tuple(removed), newest + every)


def start_due_backup(db: Database, config: Settings) -> threading.Thread | None:
    """Run a due scheduled backup in a background thread (the application at start); None
    when no backup folder is set. A failure is logged, never raised into the window."""
    if config.backup_dir is None:
        return None

    def work() -> None:
        try:
            done = run_scheduled(db, config)
        except Exception:  # a failed backup must not stop the desk
            log.exception("the scheduled backup failed")
            return
        if done.made is not None:
            log.info("scheduled backup made: %s", done.made.path)

    thread = threading.Thread(target=work, name="scheduled-backup", daemon=True)
    thread.start()
    return thread
