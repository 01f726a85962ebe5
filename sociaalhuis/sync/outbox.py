"""The outbox: every insert, update and delete of a synchronised table becomes a `Change`
row in `sync_outbox`, written by the flush that makes the change, on the same connection and
so in the same transaction (a rollback takes both away).

Each flush takes its sequence numbers from the one `sync_site` row with a single UPDATE,
which locks that row until the transaction ends: concurrent writers queue up and the numbers
of committed changes follow each other without gaps. Values are stored as JSON: dates and
times ISO text, decimals and ids text, bytes base64.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, insert, select, update
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.state import InstanceState

from sociaalhuis.errors import StorageError
from sociaalhuis.storage.audit_chain import lock_head
from sociaalhuis.storage.models import (
    AuditEvent,
    CaseAssignment,
    Consent,
    Contact,
    ContactNote,
    Decision,
    Fact,
    FollowUp,
    Household,
    HouseholdMember,
    Letter,
    Location,
    Organisation,
    Person,
    Referral,
    Service,
    ServiceLocation,
    SyncOutbox,
    SyncSite,
    utcnow,
)
from sociaalhuis.sync.change import Change

# Derived tables (search terms, screenings, findings), accounts, login throttles and the
# chain head are local to each database and never leave it.
SYNCED = (
    Person,
    Household,
    HouseholdMember,
    Fact,
    Contact,
    Referral,
    Organisation,
    Service,
    Location,
    ServiceLocation,
    ContactNote,
    Consent,
    Decision,
    Letter,
    FollowUp,
    CaseAssignment,
    AuditEvent,
)
SYNCED_TABLES = frozenset(cls.__tablename__ for cls in SYNCED)
OUTBOX = SyncOutbox.__table__
SITE = SyncSite.__table__
# Marks a session whose transaction already holds the chain head and site locks.
_LOCKED = "sync_outbox_locked"


def to_json(value: Any) -> Any:
    """A column value as JSON: ISO text for dates, text for decimals and ids, base64 bytes."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"no JSON form for a {type(value).__name__}")


def _record(state: InstanceState[Any], op: str, made_at: datetime) -> dict[str, Any] | None:
    """The outbox row (without site and seq) for one flushed object; None when unchanged."""
    mapper = state.mapper
    obj = state.obj()
    version_col = mapper.version_id_col
    fields: dict[str, Any] = {}
    base: dict[str, Any] = {}
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if op == "delete":
            break
        if op == "insert":
            if prop.key in state.dict:
                value = state.dict[prop.key]
            else:
                # Not given and no default: NULL, unless the server filled it in.
                value = getattr(obj, prop.key) if column.server_default is not None else None
            fields[column.name] = to_json(value)
            continue
        if version_col is not None and column is version_col:
            continue
        history = state.attrs[prop.key].history
        if not history.added:
            continue
        fields[column.name] = to_json(history.added[0])
        base[column.name] = to_json(history.deleted[0] if history.deleted else None)
    if op == "update" and not fields:
        return None
    if version_col is None:
        version = 1
    else:
        version = state.dict.get(mapper.get_property_by_column(version_col).key) or 1
    if op == "insert":
        base_version: int | None = None
    elif op == "update":
        # The mapper raised the version by one in this flush.
        base_version, version = version - 1, version
    else:
        base_version, version = version, version + 1
    return {
        "id": uuid.uuid4(),
        "created_at": made_at,
        "table_name": mapper.local_table.name,
        "record_id": obj.id,
        "op": op,
        "base_version": base_version,
        "version": version,
        "fields": json.dumps(fields, ensure_ascii=False, sort_keys=True),
        "base_fields": json.dumps(base, ensure_ascii=False, sort_keys=True),
    }


def _changes(session: Session, flush_context: UOWTransaction) -> list[dict[str, Any]]:
    new = {id(obj) for obj in session.new}
    made_at = utcnow()
    rows: list[dict[str, Any]] = []
    for state, (is_delete, list_only) in flush_context.states.items():
        if list_only or state.mapper.local_table.name not in SYNCED_TABLES:
            continue
        obj = state.obj()
        if obj is None:
            continue
        op = "delete" if is_delete else "insert" if id(obj) in new else "update"
        row = _record(state, op, made_at)
        if row is not None:
            rows.append(row)
    # A flush's audit events take their outbox numbers in chain order, so a delivery cut
    # between two of them still hands the receiver a chain without a hole.
    rows.sort(key=_audit_order)
    return rows


def _audit_order(row: dict[str, Any]) -> tuple[int, int]:
    if row["table_name"] != "audit_events":
        return (0, 0)
    return (1, json.loads(row["fields"]).get("seq") or 0)


def record_changes(session: Session, flush_context: UOWTransaction) -> None:
    """`after_flush` hook: write the outbox rows of what this flush changed."""
    rows = _changes(session, flush_context)
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql" and not session.info.get(_LOCKED):
        # Every writer takes the chain head before the site row (appending audit events takes
        # the head in `before_flush`); the other order could deadlock two writers.
        lock_head(connection)
        session.info[_LOCKED] = True
    site_id, last = _take_seqs(connection, len(rows))
    for seq, row in enumerate(rows, start=last - len(rows) + 1):
        row["site_id"], row["seq"] = site_id, seq
    connection.execute(insert(OUTBOX), rows)


def clear_lock_mark(session: Session, *_args: object) -> None:
    """`after_transaction_end` hook: the locks went with the transaction."""
    session.info.pop(_LOCKED, None)


def _take_seqs(connection: Connection, count: int) -> tuple[uuid.UUID, int]:
    statement = (
        update(SITE)
        .where(SITE.c.slot == 1)
        .values(last_seq=SITE.c.last_seq + count)
        .returning(SITE.c.id, SITE.c.last_seq)
    )
    row = connection.execute(statement).one_or_none()
    if row is None:
        # Fail closed: a change without its outbox row could never reach the other sites.
        raise StorageError("sync_site", "this database has no site row; run `init` to migrate")
    return row[0], row[1]


def changes(session: Session, after_seq: int = 0, limit: int | None = None) -> list[Change]:
    """This site's outbox from sequence number `after_seq + 1` on, in order."""
    here = session.scalars(select(SyncSite.id).where(SyncSite.slot == 1)).one()
    query = (
        select(SyncOutbox)
        .where(SyncOutbox.site_id == here, SyncOutbox.seq > after_seq)
        .order_by(SyncOutbox.seq)
    )
    if limit is not None:
        query = query.limit(limit)
    return [as_change(row) for row in session.scalars(query)]


def as_change(row: SyncOutbox) -> Change:
    return Change(
        change_id=str(row.id),
        site_id=str(row.site_id),
        seq=row.seq,
        table=row.table_name,
        record_id=str(row.record_id),
        op=row.op,
        base_version=row.base_version,
        version=row.version,
        fields=json.loads(row.fields),
        base_fields=json.loads(row.base_fields),
        made_at=row.created_at.isoformat(),
    )


def install(factories: Iterable[Any]) -> None:
    """Record the changes of every session the factories make."""
    for factory in factories:
        event.listen(factory, "after_flush", record_changes)
        event.listen(factory, "after_transaction_end", clear_lock_mark)
