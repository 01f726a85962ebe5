"""The apply model's state kept in the database, record by record (`sync_records`,
`sync_received`, `sync_peers`): loaded for the records a delivery touches, saved after it.

A site's own changes are in its tables already; before another site's change is merged, this
site's own changes of the same record since the last delivery are folded into its lineage
(`apply.place_own`), so the merge knows what each side did. A record without a lineage yet is
taken as agreed in the form it had before this site's own changes (their base values undone).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from sociaalhuis.storage.models import SyncOutbox, SyncRecord
from sociaalhuis.sync import outbox
from sociaalhuis.sync.apply import Key, Lineage, SiteState, place_own
from sociaalhuis.sync.change import Change
from sociaalhuis.sync.merge import APPEND_ONLY_TABLES, Conflict, Record
from sociaalhuis.sync.values import merged_fields, read_rows, table_of


def stripped(change: Change) -> Change:
    """The change as the merge sees it: without the database's own bookkeeping fields."""
    return Change(
        **{
            **vars(change),
            "fields": merged_fields(change.fields),
            "base_fields": merged_fields(change.base_fields),
        }
    )


def record_json(record: Record | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {"version": record.version, "fields": dict(record.fields), "deleted": record.deleted}


def record_from(data: dict[str, Any] | None) -> Record | None:
    if data is None:
        return None
    return Record(data["version"], data["fields"], data["deleted"])


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "base": record_json(conflict.base),
        "mine": record_json(conflict.mine),
        "theirs": record_json(conflict.theirs),
        "reason": conflict.reason,
        "fields": list(conflict.fields),
        "change_id": conflict.change_id,
    }


def conflict_from(data: dict[str, Any]) -> Conflict:
    mine, theirs = record_from(data["mine"]), record_from(data["theirs"])
    assert mine is not None and theirs is not None
    return Conflict(
        record_from(data["base"]),
        mine,
        theirs,
        data["reason"],
        tuple(data["fields"]),
        data["change_id"],
    )


def lineage_json(lineage: Lineage, own_seq: int) -> str:
    return json.dumps(
        {
            "origin": record_json(lineage.origin),
            "branches": {
                site: [change.to_json() for change in branch]
                for site, branch in lineage.branches.items()
            },
            "own_seq": own_seq,
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def lineage_from(text: str) -> tuple[Lineage, int]:
    data = json.loads(text)
    branches = {
        site: tuple(Change.from_json(item) for item in branch)
        for site, branch in data["branches"].items()
    }
    return Lineage(record_from(data["origin"]), branches), data["own_seq"]


class Loaded:
    """The records of one delivery as loaded: their `sync_records` rows, their rows in the
    tables (JSON form) and the newest own change folded into each lineage."""

    def __init__(self) -> None:
        self.rows: dict[Key, SyncRecord] = {}
        self.current: dict[Key, tuple[int, dict[str, Any]]] = {}
        self.own_seq: dict[Key, int] = {}
        self.keys: set[Key] = set()


def load(
    session: Session, state: SiteState, keys: Iterable[Key], seen: dict[Key, int] | None = None
) -> Loaded:
    """Put the records `keys` into `state` as the database holds them, own changes folded.

    `seen` gives, per record, the oldest version another site's incoming change was based on:
    a record no other site changed before has a straight history here, so that version is what
    the sites agreed on, and only this site's changes above it are its own branch.
    """
    seen = seen or {}
    loaded = Loaded()
    editable = sorted({key for key in keys if key[0] not in APPEND_ONLY_TABLES})
    loaded.keys = set(editable)
    if not editable:
        return loaded
    connection = session.connection()
    by_table: dict[str, list[uuid.UUID]] = defaultdict(list)
    for table, record_id in editable:
        by_table[table].append(uuid.UUID(record_id))
    for table, ids in by_table.items():
        for record_id, row in read_rows(connection, table_of(table), ids).items():
            loaded.current[(table, record_id)] = row
    for start in range(0, len(editable), 300):
        batch = [(table, uuid.UUID(rid)) for table, rid in editable[start : start + 300]]
        query = select(SyncRecord).where(
            tuple_(SyncRecord.table_name, SyncRecord.record_id).in_(batch)
        )
        for row in session.scalars(query):
            loaded.rows[(row.table_name, str(row.record_id))] = row
    mine = _own_changes(session, state.site_id, editable)
    for key in editable:
        row = loaded.rows.get(key)
        mark = 0
        if row is not None:
            lineage, mark = lineage_from(row.lineage)
            state.lineages[key] = lineage
            state.records[key] = Record(row.shown_version, json.loads(row.fields), row.deleted)
            state.conflicts[key] = tuple(map(conflict_from, json.loads(row.conflicts)))
            state.stale[key] = tuple(map(conflict_from, json.loads(row.stale)))
            if not state.conflicts[key]:
                del state.conflicts[key]
            if not state.stale[key]:
                del state.stale[key]
        own = [change for change in mine.get(key, ()) if change.seq > mark]
        newest = own[-1].seq if own else mark
        if row is None:
            agreed, own = _split(own, seen.get(key))
            origin = _before(loaded.current.get(key), own, agreed)
            if origin is not None:
                state.records[key] = origin
                state.lineages[key] = Lineage(origin)
        for change in own:
            place_own(state, change)
        loaded.own_seq[key] = newest
    return loaded


def save(session: Session, state: SiteState, loaded: Loaded) -> None:
    """Write the lineages and conflicts of the loaded records back to `sync_records`."""
    for key in sorted(loaded.keys):
        lineage = state.lineages.get(key)
        if lineage is None:
            continue  # nothing of it is here yet (a change waiting for its insert)
        record = state.records[key]
        conflicts = state.conflicts.get(key, ())
        row = loaded.rows.get(key)
        if row is None:
            row = SyncRecord(table_name=key[0], record_id=uuid.UUID(key[1]))
            session.add(row)
            loaded.rows[key] = row
        row.shown_version = record.version
        row.deleted = record.deleted
        row.fields = json.dumps(dict(record.fields), ensure_ascii=False, sort_keys=True)
        row.lineage = lineage_json(lineage, loaded.own_seq.get(key, 0))
        row.conflicts = json.dumps([conflict_json(c) for c in conflicts], ensure_ascii=False)
        row.stale = json.dumps(
            [conflict_json(c) for c in state.stale.get(key, ())], ensure_ascii=False
        )
        row.in_conflict = bool(conflicts)
    session.flush()


def _own_changes(session: Session, site_id: str, keys: list[Key]) -> dict[Key, list[Change]]:
    found: dict[Key, list[Change]] = defaultdict(list)
    wanted = set(keys)
    ids = sorted({uuid.UUID(record_id) for _, record_id in keys})
    for start in range(0, len(ids), 500):
        query = (
            select(SyncOutbox)
            .where(SyncOutbox.site_id == uuid.UUID(site_id))
            .where(SyncOutbox.record_id.in_(ids[start : start + 500]))
        )
        for row in session.scalars(query):
            change = stripped(outbox.as_change(row))
            key = (change.table, change.record_id)
            if key in wanted:
                found[key].append(change)
    for changes in found.values():
        changes.sort(key=lambda change: change.seq)
    return found


def _split(own: list[Change], base: int | None) -> tuple[list[Change], list[Change]]:
    """This site's changes up to the agreed version `base`, and those after it."""
    if base is None:
        return [], own
    return [c for c in own if c.version <= base], [c for c in own if c.version > base]


def _before(
    current: tuple[int, dict[str, Any]] | None, own: list[Change], agreed: list[Change]
) -> Record | None:
    """The record as it was before this site's changes `own`: None when this site inserted it
    and nothing of it was agreed yet.

    A record deleted here is rebuilt from the agreed changes (from its insert) when it can be;
    otherwise it keeps what its changes tell of it.
    """
    if own and own[0].op == "insert":
        return None
    if current is None or (own and own[-1].op == "delete"):
        if agreed and agreed[0].op == "insert":
            fields: dict[str, Any] = {}
            for change in agreed:
                fields.update(change.fields)
            return Record(agreed[-1].version, fields)
        if current is None and not own:
            return None
    version, fields = current if current is not None else (0, {})
    fields = dict(fields)
    for change in reversed(own):
        fields.update(change.base_fields)
        version = change.base_version or version
    return Record(version, fields)
