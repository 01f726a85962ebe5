"""The audit trail as a hash chain: every new event is linked to the one before it at flush.

Each event gets the next `seq` (1, 2, 3… without gaps), the `hash` of event `seq - 1` as its
`prev_hash`, and its own `hash`: SHA-256 over a canonical encoding of its fields and
`prev_hash`. The one row of `audit_chain_head` holds the newest `seq` and `hash`; appenders
lock it (PostgreSQL `SELECT … FOR UPDATE`; a SQLite write transaction already holds the
database lock), so concurrent writers queue up and never fork the chain. Changing the encoding
would break every stored hash: add a new format tag instead.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from sociaalhuis.errors import StorageError
from sociaalhuis.storage.models import AuditChainHead, AuditEvent, utcnow

FORMAT = "audit-v1"
GENESIS = "0" * 64
# The key of the single `audit_chain_head` row (written by migration 0005).
HEAD_ID = uuid.UUID("00000000-0000-0000-0000-00000000a0d1")
HASHED_FIELDS = ("id", "created_at", "user_id", "action", "entity_type", "entity_id", "detail")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value)


def event_hash(seq: int, prev_hash: str, fields: dict[str, Any]) -> str:
    """The hash of one event: `fields` holds `HASHED_FIELDS` as read from or written to the row."""
    values = [FORMAT, seq, prev_hash, *(_text(fields[name]) for name in HASHED_FIELDS)]
    encoded = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def lock_head(connection: Connection) -> tuple[int, str]:
    """The newest (seq, hash), with the head row locked until the transaction ends."""
    query = (
        select(AuditChainHead.seq, AuditChainHead.hash)
        .where(AuditChainHead.id == HEAD_ID)
        .with_for_update()
    )
    row = connection.execute(query).one_or_none()
    if row is None:
        # Fail closed: without its head the chain cannot be extended verifiably.
        raise StorageError("audit trail", "the audit chain head is missing; run `audit verify`")
    return row.seq, row.hash


def move_head(connection: Connection, seq: int, hash_: str) -> None:
    """Record the new newest link (the head row must be locked by `lock_head`)."""
    connection.execute(
        update(AuditChainHead)
        .where(AuditChainHead.id == HEAD_ID)
        .values(seq=seq, hash=hash_, version=AuditChainHead.version + 1, updated_at=utcnow())
    )


def link(events: Iterable[AuditEvent], seq: int, prev_hash: str) -> tuple[int, str]:
    """Give `events`, in order, their place after (seq, prev_hash); returns the new head."""
    for event in events:
        if event.id is None:
            event.id = uuid.uuid4()
        if event.created_at is None:
            event.created_at = utcnow()
        if event.detail is None:
            event.detail = "{}"
        seq += 1
        fields = {name: getattr(event, name) for name in HASHED_FIELDS}
        event.seq, event.prev_hash = seq, prev_hash
        event.hash = prev_hash = event_hash(seq, prev_hash, fields)
    return seq, prev_hash


def chain_new_events(session: Session, _context: object, _instances: object) -> None:
    """`before_flush` hook: link the audit events about to be inserted, in the order added."""
    # The session's set of new objects keeps the order they were added in.
    events = [obj for obj in session.new if isinstance(obj, AuditEvent) and obj.seq is None]
    if not events:
        return
    connection = session.connection()
    seq, head = link(events, *lock_head(connection))
    move_head(connection, seq, head)
