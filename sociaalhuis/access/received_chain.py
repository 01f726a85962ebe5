"""Audit events made at other sites, kept here in each site's own hash chain.

The sync importer hands `accept_events` the fields of one site's audit events, inside the
importer's transaction; they are taken in the order of their `seq` in that site's chain. Each
must be the next link of that chain as stored here (`received_audit_events`), with a hash that
still matches its fields; an event already stored is skipped, so the same bundle twice changes
nothing. Anything else refuses the whole batch before a row is written. Two importers racing
for the same site cannot fork its chain: the unique (site_id, seq) lets only one commit.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from sociaalhuis.errors import StorageError
from sociaalhuis.storage.audit_chain import GENESIS, event_hash
from sociaalhuis.storage.models import AuditEvent, ReceivedAuditEvent, SyncSite

RECEIVED = ReceivedAuditEvent.__table__
OWN = AuditEvent.__table__
HASH = re.compile(r"[0-9a-f]{64}")
# Ids per IN list: well under the bound-parameter limits of SQLite and PostgreSQL.
CHUNK = 500
KINDS = (
    "malformed",
    "changed",
    "missing",
    "relinked",
    "diverged",
    "foreign",
    "own_site",
)


class ReceivedChainError(StorageError):
    """An event that is not the next link of `site_id`'s chain here; nothing of its batch was
    written. `kind` is one of `KINDS`, `seq` the event's number in that chain (0 if unknown)."""

    def __init__(self, site_id: uuid.UUID, seq: int, reason: str, kind: str) -> None:
        super().__init__(f"audit chain of site {site_id}", f"event {seq}: {reason}", kind)
        self.site_id = site_id
        self.seq = seq
        self.reason = reason


def accept_events(connection: Connection, site_id: uuid.UUID, fields_list: list[dict]) -> int:
    """Append one site's audit events (outbox `fields`, in that site's order) to its chain here.

    Returns how many were inserted; raises `ReceivedChainError` and inserts nothing when an
    event does not link on, was changed, or belongs to another chain.
    """
    first = fields_list[0].get("seq", 0) if fields_list else 0
    if site_id == connection.scalar(select(SyncSite.id)):
        # This site's own events live in `audit_events`; a second copy would fork them.
        raise ReceivedChainError(site_id, _number(first), "is this site's own event", "own_site")
    # In chain order: the outbox numbers the events of one flush in another order. Each hash
    # covers its seq and its predecessor's hash, so sorting cannot hide a reordering.
    events = sorted((_parsed(site_id, fields) for fields in fields_list), key=lambda e: e["seq"])
    seq, last = _head(connection, site_id)
    known = _stored(connection, site_id, [e["seq"] for e in events if e["seq"] <= seq])
    new: list[dict[str, Any]] = []
    for event in events:
        if event["seq"] <= seq:
            if known.get(event["seq"]) != (event["id"], event["hash"]):
                raise ReceivedChainError(
                    site_id,
                    event["seq"],
                    f"another event {event['seq']} is already in this site's chain",
                    "diverged",
                )
            continue
        _check_link(site_id, event, seq, last)
        new.append(event)
        seq, last = event["seq"], event["hash"]
        known[seq] = (event["id"], event["hash"])
    _refuse_foreign(connection, site_id, new)
    if new:
        connection.execute(insert(RECEIVED), [{**event, "site_id": site_id} for event in new])
    return len(new)


def _check_link(site_id: uuid.UUID, event: dict[str, Any], seq: int, last: str) -> None:
    """Refuse `event` unless it follows link (seq, last) of the chain."""
    if event["seq"] > seq + 1:
        gap = f"event {seq + 1}"
        if event["seq"] > seq + 2:
            gap = f"events {seq + 1}–{event['seq'] - 1}"
        raise ReceivedChainError(site_id, event["seq"], f"{gap} missing before it", "missing")
    if event["prev_hash"] != last:
        reason = f"does not follow event {seq} (its prev_hash is another event's hash)"
        raise ReceivedChainError(site_id, event["seq"], reason, "relinked")


def _parsed(site_id: uuid.UUID, fields: dict[str, Any]) -> dict[str, Any]:
    """The row of one event from its JSON form, its hash checked against its fields."""
    seq = _number(fields.get("seq") if isinstance(fields, dict) else None)
    try:
        if seq < 1:
            raise ValueError("seq must be a whole number from 1")
        created_at = datetime.fromisoformat(fields["created_at"])
        if created_at.tzinfo is None:
            raise ValueError("created_at has no time zone")
        event = {
            "id": uuid.UUID(fields["id"]),
            "created_at": created_at,
            "seq": seq,
            "user_id": _uuid_or_none(fields["user_id"]),
            "action": _text(fields["action"]),
            "entity_type": _text(fields["entity_type"]),
            "entity_id": _uuid_or_none(fields["entity_id"]),
            "detail": _text(fields["detail"]),
            "prev_hash": _digest(fields["prev_hash"]),
            "hash": _digest(fields["hash"]),
        }
    except KeyError as exc:
        reason = f"field {exc.args[0]} is missing"
        raise ReceivedChainError(site_id, seq, reason, "malformed") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise ReceivedChainError(site_id, seq, f"cannot be read: {exc}", "malformed") from None
    if event_hash(seq, event["prev_hash"], event) != event["hash"]:
        reason = "does not match its hash: it was changed on the way"
        raise ReceivedChainError(site_id, seq, reason, "changed")
    return event


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{value!r} is not text")
    return value


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(value)


def _digest(value: Any) -> str:
    if not isinstance(value, str) or HASH.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a SHA-256 hash in hex")
    return value


def _head(connection: Connection, site_id: uuid.UUID) -> tuple[int, str]:
    """The newest stored link of the site's chain: (0, GENESIS) when none."""
    newest = select(func.max(RECEIVED.c.seq)).where(RECEIVED.c.site_id == site_id)
    row = connection.execute(
        select(RECEIVED.c.seq, RECEIVED.c.hash).where(
            RECEIVED.c.site_id == site_id, RECEIVED.c.seq == newest.scalar_subquery()
        )
    ).one_or_none()
    return (0, GENESIS) if row is None else (row.seq, row.hash)


def _stored(
    connection: Connection, site_id: uuid.UUID, seqs: list[int]
) -> dict[int, tuple[uuid.UUID, str]]:
    """(id, hash) of the site's stored events with these numbers."""
    known: dict[int, tuple[uuid.UUID, str]] = {}
    for part in _chunks(sorted(set(seqs))):
        query = select(RECEIVED.c.seq, RECEIVED.c.id, RECEIVED.c.hash).where(
            RECEIVED.c.site_id == site_id, RECEIVED.c.seq.in_(part)
        )
        known.update((row.seq, (row.id, row.hash)) for row in connection.execute(query))
    return known


def _refuse_foreign(connection: Connection, site_id: uuid.UUID, events: list[dict]) -> None:
    """An event stored already, in another site's chain or this site's own: copied, not made
    at `site_id`."""
    by_id = {event["id"]: event["seq"] for event in events}
    for part in _chunks(list(by_id)):
        for table, where in ((RECEIVED, "another site's chain"), (OWN, "this site's own chain")):
            found = connection.scalars(select(table.c.id).where(table.c.id.in_(part))).all()
            if found:
                first = min(found, key=by_id.__getitem__)
                reason = f"is event {first} of {where}"
                raise ReceivedChainError(site_id, by_id[first], reason, "foreign")


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
