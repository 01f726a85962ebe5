"""Checking the audit trail: walk the hash chain, find the first broken link, check the guards.
The chains of other sites' events received here (`received_audit_events`) are walked too.

The walk streams the events in `seq` order in one read transaction (a snapshot on both
backends), so events appended meanwhile neither break nor lengthen it. What a chain can and
cannot prove is written down in docs/ACCESS.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from sociaalhuis.storage.audit_chain import GENESIS, HASHED_FIELDS, HEAD_ID, event_hash
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    APPEND_ONLY,
    AuditChainHead,
    AuditEvent,
    ReceivedAuditEvent,
)

CHUNK = 10_000
# How far from its place a moved event is looked for when telling "reordered" from "changed".
REORDER_WINDOW = 1_000
COLUMNS = ("seq", "prev_hash", "hash", *HASHED_FIELDS)
APPEND_ONLY_TABLES = tuple(cls.__tablename__ for cls in APPEND_ONLY)
HEAD_TABLE = AuditChainHead.__tablename__


@dataclass(frozen=True)
class Break:
    """The first broken link: where (`seq`, the event's id when there is one) and what kind.

    `kind` is one of `changed`, `missing`, `inserted`, `reordered`, `relinked` (a valid event
    after a foreign one: replaced and re-hashed, or inserted), `truncated`, `head`.
    """

    seq: int
    event_id: uuid.UUID | None
    kind: str
    message: str


@dataclass(frozen=True)
class SiteChainReport:
    """Another site's chain as received here: events intact, its newest link, the first break.

    Received chains have no head row: events cut off the end show at the next sync, when the
    site's next event no longer links on (`received_chain.accept_events`).
    """

    site_id: uuid.UUID
    verified: int
    head_seq: int
    head_hash: str
    broken: Break | None


@dataclass(frozen=True)
class ChainReport:
    """The outcome of `verify`: events checked, the chain's newest link, what is wrong, and
    the same for every other site's chain received here (`sites`, by site id)."""

    verified: int
    head_seq: int
    head_hash: str
    broken: Break | None
    missing_guards: tuple[str, ...]
    sites: tuple[SiteChainReport, ...] = ()

    @property
    def own_sound(self) -> bool:
        """This site's own chain and every append-only guard are in order."""
        return self.broken is None and not self.missing_guards

    @property
    def sound(self) -> bool:
        return self.own_sound and all(site.broken is None for site in self.sites)


Progress = Callable[[int, int], None]


def verify(
    db: Database, *, expect: tuple[int, str] | None = None, progress: Progress | None = None
) -> ChainReport:
    """Verify the whole chain and the append-only guards of `db` in one snapshot.

    `expect` is a (seq, hash) noted earlier (from a previous report); the chain must still
    hold exactly that link. `progress(done, total)` is called after every chunk.
    """
    with db.engine.connect() as connection:
        if not db.is_sqlite:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            return verify_connection(connection, expect=expect, progress=progress)


def verify_connection(
    connection: Connection,
    *,
    expect: tuple[int, str] | None = None,
    progress: Progress | None = None,
) -> ChainReport:
    """As `verify`, inside the caller's transaction on `connection`."""
    head = connection.execute(
        select(AuditChainHead.seq, AuditChainHead.hash).where(AuditChainHead.id == HEAD_ID)
    ).one_or_none()
    walk = _Walk(expect)
    broken = walk.run(_events(connection), head.seq if head else 0, progress)
    if broken is None:
        broken = walk.compare_head(head)
    return ChainReport(
        verified=walk.count,
        head_seq=walk.count,
        head_hash=walk.last,
        broken=broken,
        missing_guards=tuple(missing_guards(connection)),
        sites=tuple(_site_reports(connection)),
    )


def _site_reports(connection: Connection) -> Iterator[SiteChainReport]:
    """Walk each other site's chain in `received_audit_events`, seq 1..n per site."""
    table = ReceivedAuditEvent.__table__
    sites = connection.scalars(select(table.c.site_id).distinct().order_by(table.c.site_id))
    for site_id in sites.all():
        walk = _Walk(None)
        broken = walk.run(_events(connection, table, site_id), 0, None)
        yield SiteChainReport(site_id, walk.count, walk.count, walk.last, broken)


def _events(
    connection: Connection, table: Any = AuditEvent.__table__, site_id: uuid.UUID | None = None
) -> Iterator[dict[str, Any]]:
    query = select(*(table.c[name] for name in COLUMNS)).order_by(table.c.seq)
    if site_id is not None:
        query = query.where(table.c.site_id == site_id)
    # On the statement: `Connection.execution_options` would change the caller's connection.
    streaming = query.execution_options(stream_results=True, yield_per=CHUNK)
    for row in connection.execute(streaming):
        yield dict(zip(COLUMNS, row, strict=True))


class _Walk:
    """The state of one walk along the chain: the last two links seen and the count."""

    def __init__(self, expect: tuple[int, str] | None) -> None:
        self.expect = expect
        self.count = 0
        self.last = GENESIS
        self.last_id: uuid.UUID | None = None
        self.before_last = GENESIS

    def run(
        self, events: Iterator[dict[str, Any]], total: int, progress: Progress | None
    ) -> Break | None:
        for event in events:
            broken = self.check(event)
            if broken is not None:
                return _swapped(broken, event, next(events, None))
            self.before_last, self.last = self.last, event["hash"]
            self.last_id = event["id"]
            self.count += 1
            if progress is not None and self.count % CHUNK == 0:
                progress(self.count, max(total, self.count))
        return None

    def check(self, event: dict[str, Any]) -> Break | None:
        seq, expected, event_id = event["seq"], self.count + 1, event["id"]
        if seq > expected:
            gap = f"event {expected}" if seq == expected + 1 else f"events {expected}–{seq - 1}"
            return Break(expected, event_id, "missing", f"{gap} missing before event {seq}")
        if seq < expected:
            message = f"event numbered {seq} where {expected} was due"
            return Break(seq, event_id, "inserted", message)
        if event_hash(seq, event["prev_hash"], event) != event["hash"]:
            return self._misplaced_or_changed(event)
        if event["prev_hash"] != self.last:
            return Break(
                seq,
                event_id,
                "relinked",
                f"event {seq} does not follow event {seq - 1} (its prev_hash is another "
                f"event's hash): event {seq - 1} was replaced, or event {seq} inserted",
            )
        if self.expect is not None and seq == self.expect[0] and event["hash"] != self.expect[1]:
            return Break(
                seq,
                event_id,
                "changed",
                f"event {seq} no longer has the hash noted for it: the chain was rewritten",
            )
        return None

    def _misplaced_or_changed(self, event: dict[str, Any]) -> Break:
        seq, event_id = event["seq"], event["id"]
        recorded = _recorded_seq(event)
        if recorded is None:
            return Break(
                seq, event_id, "changed", f"event {seq} was changed: it no longer matches its hash"
            )
        if recorded == seq + 1 and event["prev_hash"] != self.last:
            return Break(
                seq,
                event_id,
                "missing",
                f"an event before event {seq} was deleted and the later ones renumbered",
            )
        if recorded == seq - 1 and event["prev_hash"] == self.before_last:
            return Break(
                seq - 1,
                self.last_id,
                "inserted",
                f"event {seq - 1} was inserted and the later ones renumbered",
            )
        return Break(
            seq,
            event_id,
            "reordered",
            f"the event at {seq} was recorded as event {recorded}: events were reordered",
        )

    def compare_head(self, head: Any) -> Break | None:
        """The end of the walk against the chain head and the link noted by the caller."""
        if head is None:
            return Break(self.count, None, "head", "the audit chain head row is missing")
        if head.seq > self.count:
            return Break(
                self.count + 1,
                None,
                "truncated",
                f"the chain ends at event {self.count} but its head says {head.seq}: "
                "events at the end were deleted",
            )
        if head.seq < self.count:
            return Break(
                head.seq + 1,
                None,
                "inserted",
                f"events after {head.seq} were added outside the application "
                f"(the chain head says {head.seq}, the table holds {self.count})",
            )
        if head.hash != self.last:
            return Break(
                self.count,
                self.last_id,
                "changed",
                f"event {self.count}, the newest, does not match the chain head",
            )
        if self.expect is not None and self.expect[0] > self.count:
            return Break(
                self.count + 1,
                None,
                "truncated",
                f"event {self.expect[0]} was noted earlier but the chain ends at {self.count}",
            )
        return None


def _swapped(broken: Break, event: dict[str, Any], following: dict[str, Any] | None) -> Break:
    """Two neighbours swapped look like a deletion at the first: the next event tells."""
    if broken.kind != "missing" or following is None or following["seq"] != event["seq"] + 1:
        return broken
    if event_hash(event["seq"], following["prev_hash"], following) != following["hash"]:
        return broken
    message = f"events {event['seq']} and {following['seq']} swapped places: events were reordered"
    return Break(broken.seq, broken.event_id, "reordered", message)


def _recorded_seq(event: dict[str, Any]) -> int | None:
    """The seq near the event's place under which its hash was computed, if any."""
    seq = event["seq"]
    for other in range(max(1, seq - REORDER_WINDOW), seq + REORDER_WINDOW + 1):
        if other != seq and event_hash(other, event["prev_hash"], event) == event["hash"]:
            return other
    return None


def missing_guards(connection: Connection) -> list[str]:
    """The database triggers that keep append-only tables append-only and are not in place."""
    if connection.dialect.name == "sqlite":
        return _missing_sqlite_triggers(connection)
    return _missing_postgres_triggers(connection)


def _missing_sqlite_triggers(connection: Connection) -> list[str]:
    wanted = {f"{t}_no_{e}": t for t in APPEND_ONLY_TABLES for e in ("update", "delete")}
    wanted[f"{HEAD_TABLE}_no_delete"] = HEAD_TABLE
    found = dict(
        connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
    )
    missing = []
    for name, table in wanted.items():
        sql = " ".join((found.get(name) or "").split())
        # A trigger emptied of its RAISE, or moved to another table, guards nothing.
        if f" ON {table} " not in sql or "RAISE(ABORT" not in sql:
            missing.append(f"trigger {name} on {table}")
    return missing


def _missing_postgres_triggers(connection: Connection) -> list[str]:
    wanted = [(f"{t}_append_only", t) for t in APPEND_ONLY_TABLES]
    wanted += [(f"{t}_no_truncate", t) for t in (*APPEND_ONLY_TABLES, HEAD_TABLE)]
    wanted.append((f"{HEAD_TABLE}_no_delete", HEAD_TABLE))
    enabled = set(
        connection.execute(
            text(
                "SELECT t.tgname, c.relname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' "
                "AND p.proname = 'refuse_append_only_change' "
                "AND p.prosrc LIKE '%RAISE EXCEPTION%' "
                "AND c.relnamespace = to_regnamespace(current_schema())"
            )
        ).all()
    )
    return [f"trigger {name} on {table}" for name, table in wanted if (name, table) not in enabled]
