"""Receiving another site's changes into this database, in one transaction.

A delivery (a bundle read whole, or a batch over a direct connection) is applied by the model
of `sync.apply` on the records it touches, loaded from and saved to the database
(`sync.store`); what the records then show is written to their tables directly, so a received
change never goes to this site's outbox as if it were made here. Changes are remembered in
`sync_received`: the same change twice is ignored, one whose predecessor has not arrived waits
there as `pending`. Audit events of another site go to that site's own hash chain.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from sociaalhuis.access.received_chain import accept_events
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage import search
from sociaalhuis.storage.audit_chain import lock_head
from sociaalhuis.storage.models import (
    Base,
    HouseholdMember,
    SyncPeer,
    SyncReceived,
    SyncRecord,
    SyncSite,
    utcnow,
)
from sociaalhuis.sync import site
from sociaalhuis.sync.apply import ApplyError, Key, SiteState, apply
from sociaalhuis.sync.change import Change
from sociaalhuis.sync.merge import APPEND_ONLY_TABLES, MergeError, Record
from sociaalhuis.sync.store import Loaded, load, save, stripped
from sociaalhuis.sync.values import row_values, table_of

_ORDER = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
HouseholdsRefresh = Callable[[Session, list[uuid.UUID]], None]


class ReceiveError(SociaalHuisError):
    """A delivery that cannot be applied at all (a broken or foreign sender); nothing of it
    was kept. `change_id` names the change."""

    def __init__(self, change_id: str, reason: str) -> None:
        super().__init__(f"change {change_id}: {reason}")
        self.change_id = change_id
        self.reason = reason


@dataclass(frozen=True)
class ReceiveReport:
    """What one delivery did: counted per change, and the records left in conflict."""

    received: int
    duplicates: int
    applied: int
    pending: int
    new_conflicts: tuple[Key, ...]
    open_conflicts: int
    per_table: dict[str, int] = field(default_factory=dict)


def receive(
    session: Session,
    changes: Sequence[Change],
    *,
    sender: str | None = None,
    sender_epoch: str | None = None,
    refresh: HouseholdsRefresh | None = None,
) -> ReceiveReport:
    """Apply a delivery of other sites' changes in the session's transaction (the caller
    commits). `refresh` is called with the households whose rows changed, for their findings."""
    lock_like_a_save(session)
    here = site.current(session)
    incoming = list({c.change_id: c for c in changes if c.site_id != here.site_id}.values())
    known = _known(session, [c.change_id for c in incoming])
    fresh = [c for c in incoming if c.change_id not in known]
    waiting = {str(row.id): row for row in session.scalars(select(SyncReceived).where(_pending()))}
    peers = {str(row.id): row for row in session.scalars(select(SyncPeer))}
    state = SiteState(here.site_id, epoch=here.epoch)
    state.seqs = {site_id: row.received_seq for site_id, row in peers.items()}
    state.pending = {
        cid: stripped(Change.from_json(json.loads(r.change))) for cid, r in waiting.items()
    }
    for change_id, status in known.items():
        if status == "applied":
            state.placed[change_id] = ("", "")
    keys = {(c.table, c.record_id) for c in [*fresh, *state.pending.values()]}
    seen: dict[Key, int] = {}
    for change in [*fresh, *state.pending.values()]:
        key = (change.table, change.record_id)
        if change.base_version is not None:
            seen[key] = min(seen.get(key, change.base_version), change.base_version)
    loaded = load(session, state, keys, seen)
    before = {key: bool(state.conflicts.get(key)) for key in loaded.keys}
    try:
        state = apply(state, [stripped(c) for c in fresh])
    except (ApplyError, MergeError) as exc:
        raise ReceiveError(_culprit(str(exc), fresh), str(exc)) from None
    originals = {c.change_id: c for c in fresh}
    originals.update({cid: Change.from_json(json.loads(r.change)) for cid, r in waiting.items()})
    applied_now = [originals[cid] for cid in originals if cid not in state.pending]
    households = _write_records(session, state, loaded)
    households |= _write_append_only(session, applied_now)
    save(session, state, loaded)
    _remember(session, fresh, waiting, state)
    _update_peers(session, peers, state, sender, sender_epoch)
    if households:
        search.refresh(session.connection(), sorted(households))
        if refresh is not None:
            refresh(session, sorted(households))
    new_conflicts = tuple(
        sorted(key for key in loaded.keys if state.conflicts.get(key) and not before[key])
    )
    return ReceiveReport(
        received=len(changes),
        duplicates=len(changes) - len(fresh),
        applied=len(applied_now),
        pending=len(state.pending),
        new_conflicts=new_conflicts,
        open_conflicts=open_conflict_count(session),
        per_table=dict(Counter(c.table for c in applied_now)),
    )


def open_conflict_count(session: Session) -> int:
    """How many records wait for a worker to settle a conflict."""
    return session.scalar(select(func.count()).where(SyncRecord.in_conflict)) or 0


def lock_like_a_save(session: Session) -> None:
    """Take the locks a local save takes, in the same order, so a save made while a delivery
    is applied waits for it (and its own changes are folded in a consistent state)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        lock_head(connection)
    site_table = SyncSite.__table__
    connection.execute(
        update(site_table).where(site_table.c.slot == 1).values(last_seq=site_table.c.last_seq)
    )


def _pending() -> Any:
    return SyncReceived.status == "pending"


def _known(session: Session, change_ids: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ids = [uuid.UUID(cid) for cid in change_ids]
    for start in range(0, len(ids), 500):
        query = select(SyncReceived.id, SyncReceived.status).where(
            SyncReceived.id.in_(ids[start : start + 500])
        )
        found.update({str(cid): status for cid, status in session.execute(query)})
    return found


def _culprit(message: str, changes: Sequence[Change]) -> str:
    for change in changes:
        if change.record_id in message or f"seq {change.seq} " in message:
            return change.change_id
    return changes[0].change_id if changes else ""


def _write_records(session: Session, state: SiteState, loaded: Loaded) -> set[uuid.UUID]:
    """Write what each loaded record shows now to its table; returns the households touched."""
    connection = session.connection()
    writes: list[Key] = []
    deletes: list[Key] = []
    for key in loaded.keys:
        record = state.records.get(key)
        if record is None:
            continue
        current = loaded.current.get(key)
        if record.deleted:
            if current is not None:
                deletes.append(key)
        elif current != (record.version, dict(record.fields)):
            writes.append(key)
    households: set[uuid.UUID] = set()
    now = utcnow()
    for key in sorted(writes, key=lambda k: (_ORDER[k[0]], k[1])):
        table, record = table_of(key[0]), state.records[key]
        values = row_values(table, dict(record.fields))
        values.pop("id", None)
        if "version" in table.c:
            values["version"] = record.version
        if "updated_at" in table.c:
            values["updated_at"] = now
        record_id = uuid.UUID(key[1])
        if key in loaded.current:
            connection.execute(update(table).where(table.c.id == record_id).values(values))
        else:
            values.setdefault("created_at", now)
            connection.execute(insert(table).values(id=record_id, **values))
        households |= _households_of(session, key, record)
    for key in sorted(deletes, key=lambda k: (-_ORDER[k[0]], k[1])):
        table = table_of(key[0])
        households |= _households_of(session, key, state.records[key])
        connection.execute(delete(table).where(table.c.id == uuid.UUID(key[1])))
    return households


def _households_of(session: Session, key: Key, record: Record) -> set[uuid.UUID]:
    """The households whose search terms and findings a written record may change."""
    table, record_id = key
    if table == "households":
        return {uuid.UUID(record_id)}
    value = record.fields.get("household_id")
    if value:
        return {uuid.UUID(value)}
    if table == "persons":
        query = select(HouseholdMember.household_id).where(
            HouseholdMember.person_id == uuid.UUID(record_id)
        )
        return set(session.scalars(query))
    return set()


def _write_append_only(session: Session, applied: list[Change]) -> set[uuid.UUID]:
    """Insert the append-only rows applied now; another site's audit events join its chain."""
    connection = session.connection()
    rows = sorted(
        (c for c in applied if c.table in APPEND_ONLY_TABLES),
        key=lambda c: (_ORDER[c.table], c.site_id, c.seq),
    )
    chains: dict[str, list[dict[str, Any]]] = defaultdict(list)
    households: set[uuid.UUID] = set()
    for change in rows:
        if change.table == "audit_events":
            chains[change.site_id].append(change.fields)
            continue
        table = table_of(change.table)
        record_id = uuid.UUID(change.record_id)
        if connection.scalar(select(exists().where(table.c.id == record_id))):
            continue
        values = row_values(table, change.fields)
        values["id"] = record_id
        connection.execute(insert(table).values(values))
        if change.fields.get("household_id"):
            households.add(uuid.UUID(change.fields["household_id"]))
    for site_id, events in chains.items():
        accept_events(connection, uuid.UUID(site_id), events)
    return households


def _remember(
    session: Session, fresh: list[Change], waiting: dict[str, SyncReceived], state: SiteState
) -> None:
    for change in fresh:
        session.add(
            SyncReceived(
                id=uuid.UUID(change.change_id),
                site_id=uuid.UUID(change.site_id),
                seq=change.seq,
                table_name=change.table,
                record_id=uuid.UUID(change.record_id),
                status="pending" if change.change_id in state.pending else "applied",
                change=change.dumps(),
            )
        )
    for change_id, row in waiting.items():
        if change_id not in state.pending:
            row.status = "applied"
    session.flush()


def _update_peers(
    session: Session,
    peers: dict[str, SyncPeer],
    state: SiteState,
    sender: str | None,
    sender_epoch: str | None,
) -> None:
    for site_id, seq in state.seqs.items():
        row = peers.get(site_id)
        if row is None:
            row = SyncPeer(id=uuid.UUID(site_id), received_seq=0, acked_seq=0, users="[]")
            session.add(row)
            peers[site_id] = row
        row.received_seq = seq
    if sender is not None and sender_epoch is not None and sender in peers:
        peers[sender].epoch = uuid.UUID(sender_epoch)
    session.flush()
