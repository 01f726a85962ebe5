"""The way down: the central sends a laptop the current state of the laptop's caseload.

Changes go up from a laptop and are merged at the central (`sync.receive`); what comes back is
the records as the central now shows them, for the households assigned to the laptop's
accounts, the sociale kaart and the accounts themselves, with the records in conflict marked.
The laptop takes every record it has no unsent edit of; records it holds that the central no
longer sends (a case reassigned elsewhere, a deleted record) leave it, again unless an edit of
them is still unsent, so nothing is dropped before the central has it.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from sociaalhuis.access.need_to_know import case_workers
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage import search
from sociaalhuis.storage.models import (
    Base,
    Household,
    SyncOutbox,
    SyncPeer,
    SyncRecord,
    utcnow,
)
from sociaalhuis.sync import site
from sociaalhuis.sync.apply import Key
from sociaalhuis.sync.change import Change
from sociaalhuis.sync.merge import APPEND_ONLY_TABLES
from sociaalhuis.sync.outbox import to_json
from sociaalhuis.sync.receive import lock_like_a_save
from sociaalhuis.sync.values import row_values, table_of

# The first line of a snapshot bundle: its manifest, never a table.
MANIFEST = "sync_snapshot"
KAART = ("organisations", "services", "locations", "service_locations")
# Tables whose rows belong to a household, by the column that says which.
BY_HOUSEHOLD = (
    "households",
    "household_members",
    "contacts",
    "consents",
    "decisions",
    "referrals",
    "letters",
    "follow_ups",
    "case_assignments",
)
CASE_TABLES = (*BY_HOUSEHOLD, "persons", "facts", "contact_notes")
# Login bookkeeping stays with the database the login happened on.
LOCAL_USER_FIELDS = ("failed_attempts", "locked_until", "last_login_at")
_ORDER = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
Row = tuple[int, dict[str, Any]]


class SnapshotError(SociaalHuisError):
    """A snapshot that cannot be built or taken; `kind` names the problem for the UI."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Snapshot:
    """A laptop's share of the central: rows by (table, id) as (version, fields in JSON form)."""

    central_site: str
    central_epoch: str
    laptop_site: str
    acked_seq: int
    households: tuple[str, ...]
    rows: dict[Key, Row]
    conflicts: dict[Key, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class SnapshotReport:
    """What taking a snapshot changed on the laptop."""

    written: int
    removed: int
    kept_unsent: int
    households_removed: int
    users_skipped: tuple[str, ...]
    in_conflict: int


def laptop_users(session: Session, laptop_site: str) -> list[uuid.UUID]:
    """The accounts the central has set for a laptop (`sync laptop`); [] when none."""
    row = session.get(SyncPeer, uuid.UUID(laptop_site))
    return [uuid.UUID(user) for user in json.loads(row.users)] if row is not None else []


def build(session: Session, laptop_site: str) -> Snapshot:
    """The laptop's share as the central holds it now, in one read."""
    here = site.current(session)
    users = laptop_users(session, laptop_site)
    if not users:
        raise SnapshotError(f"no accounts are set for laptop {laptop_site}", "no_users")
    connection = session.connection()
    all_households = list(session.scalars(select(Household.id)))
    workers = case_workers(session, all_households)
    households = sorted(hid for hid, user in workers.items() if user in set(users))
    rows: dict[Key, Row] = {}
    for name in KAART:
        rows.update(_rows(connection, table_of(name)))
    rows.update(_rows(connection, table_of("users")))
    for start in range(0, len(households), 500):
        rows.update(_case_rows(connection, households[start : start + 500]))
    peer = session.get(SyncPeer, uuid.UUID(laptop_site))
    held = set(map(str, households))
    conflicts = {
        (row.table_name, str(row.record_id)): json.loads(row.conflicts)
        for row in session.scalars(select(SyncRecord).where(SyncRecord.in_conflict))
        if (row.table_name, str(row.record_id)) in rows
        or json.loads(row.fields).get("household_id") in held
    }
    return Snapshot(
        central_site=here.site_id,
        central_epoch=here.epoch,
        laptop_site=laptop_site,
        acked_seq=peer.received_seq if peer is not None else 0,
        households=tuple(map(str, households)),
        rows=rows,
        conflicts=conflicts,
    )


def _rows(connection: Connection, table: Table, where: Any = None) -> dict[Key, Row]:
    query = select(table) if where is None else select(table).where(where)
    found: dict[Key, Row] = {}
    has_version = "version" in table.c
    for row in connection.execute(query).mappings():
        fields = {name: to_json(value) for name, value in row.items()}
        found[(table.name, str(row["id"]))] = (int(row["version"]) if has_version else 1, fields)
    return found


def _case_rows(connection: Connection, households: list[uuid.UUID]) -> dict[Key, Row]:
    rows: dict[Key, Row] = {}
    for name in BY_HOUSEHOLD:
        table = table_of(name)
        column = table.c.id if name == "households" else table.c.household_id
        rows.update(_rows(connection, table, column.in_(households)))
    persons = [
        uuid.UUID(fields["person_id"])
        for (name, _), (_, fields) in rows.items()
        if name == "household_members"
    ]
    contacts = [uuid.UUID(rid) for (name, rid) in rows if name == "contacts"]
    rows.update(_rows(connection, table_of("persons"), table_of("persons").c.id.in_(persons)))
    facts = table_of("facts")
    # A member's own facts come along; facts of another household (not held here) do not.
    own = or_(
        facts.c.household_id.in_(households),
        facts.c.household_id.is_(None) & facts.c.person_id.in_(persons),
    )
    rows.update(_rows(connection, facts, own))
    notes = table_of("contact_notes")
    rows.update(_rows(connection, notes, notes.c.contact_id.in_(contacts)))
    return rows


def to_changes(snapshot: Snapshot) -> list[Change]:
    """The snapshot as bundle lines: a manifest, then one insert per row, numbered from 1."""
    manifest = {
        "central_epoch": snapshot.central_epoch,
        "laptop_site": snapshot.laptop_site,
        "acked_seq": snapshot.acked_seq,
        "households": list(snapshot.households),
        "conflicts": [
            {"table": table, "record_id": rid, "conflicts": items}
            for (table, rid), items in sorted(snapshot.conflicts.items())
        ],
    }
    lines = [_line(snapshot.central_site, 1, MANIFEST, snapshot.central_site, 1, manifest)]
    for seq, ((table, rid), (version, fields)) in enumerate(sorted(snapshot.rows.items()), 2):
        lines.append(_line(snapshot.central_site, seq, table, rid, version, fields))
    return lines


def _line(site_id: str, seq: int, table: str, rid: str, version: int, fields: dict) -> Change:
    return Change(str(uuid.uuid4()), site_id, seq, table, rid, "insert", None, version, fields)


def is_snapshot(changes: list[Change]) -> bool:
    return bool(changes) and changes[0].table == MANIFEST


def from_changes(changes: list[Change]) -> Snapshot:
    """A snapshot read back from bundle lines (`to_changes`)."""
    manifest = changes[0].fields
    return Snapshot(
        central_site=changes[0].site_id,
        central_epoch=manifest["central_epoch"],
        laptop_site=manifest["laptop_site"],
        acked_seq=int(manifest["acked_seq"]),
        households=tuple(manifest["households"]),
        rows={(c.table, c.record_id): (c.version, c.fields) for c in changes[1:]},
        conflicts={(i["table"], i["record_id"]): i["conflicts"] for i in manifest["conflicts"]},
    )


def take(session: Session, snapshot: Snapshot, *, refresh: Any = None) -> SnapshotReport:
    """Make the laptop hold `snapshot`, keeping every record with an unsent edit (in the
    session's transaction; the caller commits). `refresh(session, household_ids)` as for
    `receive`."""
    here = site.current(session)
    if snapshot.laptop_site != here.site_id:
        raise SnapshotError(f"this snapshot is for laptop {snapshot.laptop_site}", "other_laptop")
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        raise SnapshotError("only a laptop's own SQLite database takes a snapshot", "not_laptop")
    lock_like_a_save(session)
    unsent = _unsent(session, here.site_id, snapshot.acked_seq)
    local: dict[Key, Row] = {}
    for name in (*KAART, *CASE_TABLES, "users"):
        local.update(_rows(connection, table_of(name)))
    usernames = {
        fields["username"]: rid for (table, rid), (_, fields) in local.items() if table == "users"
    }
    writes: list[Key] = []
    skipped: list[str] = []
    kept = 0
    for key, row in snapshot.rows.items():
        if key in unsent:
            kept += 1
            continue
        mine = local.get(key)
        if key[0] == "users":
            other = usernames.get(row[1]["username"])
            if other is not None and other != key[1]:
                skipped.append(row[1]["username"])
                continue
            if mine is not None and _same_user(mine, row):
                continue
        elif mine == row or (mine is not None and key[0] in APPEND_ONLY_TABLES):
            continue
        writes.append(key)
    # A record deleted at the central but in conflict stays until a worker settles it.
    removals = [
        key
        for key in local
        if key not in snapshot.rows
        and key[0] != "users"
        and key not in unsent
        and key not in snapshot.conflicts
    ]
    kept += sum(1 for key in local if key not in snapshot.rows and key in unsent)
    households = _write(connection, snapshot, local, writes)
    removed_households = {rid for table, rid in removals if table == "households"}
    _remove(connection, removals)
    _mark_conflicts(session, snapshot)
    _remember_central(session, snapshot)
    kept_households = sorted(uuid.UUID(h) for h in households - removed_households)
    if kept_households:
        search.refresh(connection, kept_households)
        if refresh is not None:
            refresh(session, kept_households)
    return SnapshotReport(
        written=len(writes),
        removed=len(removals),
        kept_unsent=kept,
        households_removed=len(removed_households),
        users_skipped=tuple(sorted(skipped)),
        in_conflict=len(snapshot.conflicts),
    )


def _unsent(session: Session, site_id: str, acked: int) -> set[Key]:
    query = select(SyncOutbox.table_name, SyncOutbox.record_id).where(
        SyncOutbox.site_id == uuid.UUID(site_id), SyncOutbox.seq > acked
    )
    return {(table, str(rid)) for table, rid in session.execute(query)}


def _same_user(mine: Row, theirs: Row) -> bool:
    def identity(row: Row) -> dict[str, Any]:
        return {k: v for k, v in row[1].items() if k not in LOCAL_USER_FIELDS}

    return mine[0] == theirs[0] and identity(mine) == identity(theirs)


def _write(
    connection: Connection, snapshot: Snapshot, local: dict[Key, Row], writes: list[Key]
) -> set[str]:
    households: set[str] = set()
    for key in sorted(writes, key=lambda k: (_ORDER[k[0]], k[1])):
        table = table_of(key[0])
        fields = dict(snapshot.rows[key][1])
        if key[0] == "users":
            for name in LOCAL_USER_FIELDS:
                fields.pop(name, None)
        values = row_values(table, fields)
        record_id = values.pop("id")
        if key in local:
            connection.execute(update(table).where(table.c.id == record_id).values(values))
        else:
            connection.execute(insert(table).values(id=record_id, **values))
        if key[0] == "households":
            households.add(key[1])
        elif fields.get("household_id"):
            households.add(fields["household_id"])
    return households


def _remove(connection: Connection, removals: Iterable[Key]) -> None:
    """Delete rows the laptop no longer holds, children first; append-only rows included (they
    are at the central), so their guard is lifted for this transaction only."""
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for table, rid in removals:
        by_table[table].append(uuid.UUID(rid))
    for name in sorted(by_table, key=lambda n: -_ORDER[n]):
        table = table_of(name)
        guards = _delete_guards(connection, name)
        for trigger, _ in guards:
            connection.exec_driver_sql(f'DROP TRIGGER "{trigger}"')
        ids = by_table[name]
        for start in range(0, len(ids), 500):
            connection.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
        for _, sql in guards:
            connection.exec_driver_sql(sql)


def _delete_guards(connection: Connection, table: str) -> list[tuple[str, str]]:
    rows = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).all()
    return [(name, sql) for name, sql in rows if "BEFORE DELETE" in sql.upper()]


def _mark_conflicts(session: Session, snapshot: Snapshot) -> None:
    marked = {(r.table_name, str(r.record_id)): r for r in session.scalars(select(SyncRecord))}
    for key, row in marked.items():
        if key not in snapshot.conflicts and row.in_conflict:
            row.in_conflict, row.conflicts = False, "[]"
    for key, items in snapshot.conflicts.items():
        row = marked.get(key)
        if row is None:
            version, fields = snapshot.rows.get(key, (0, {}))
            row = SyncRecord(
                table_name=key[0],
                record_id=uuid.UUID(key[1]),
                shown_version=version,
                deleted=False,
                fields=json.dumps(fields, ensure_ascii=False, sort_keys=True),
                lineage="{}",
                stale="[]",
            )
            session.add(row)
        row.in_conflict = True
        row.conflicts = json.dumps(items, ensure_ascii=False)
    session.flush()


def _remember_central(session: Session, snapshot: Snapshot) -> None:
    row = session.get(SyncPeer, uuid.UUID(snapshot.central_site))
    if row is None:
        row = SyncPeer(id=uuid.UUID(snapshot.central_site), received_seq=0, users="[]")
        session.add(row)
    row.acked_seq = snapshot.acked_seq
    row.epoch = uuid.UUID(snapshot.central_epoch)
    row.updated_at = utcnow()
    session.flush()
