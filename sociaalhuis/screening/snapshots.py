"""On PostgreSQL: proof that nobody else committed anything between a batch's read and its write.

The read takes `pg_current_snapshot()` before its first query; the write locks `screenings`
against every other writer (a save refreshes its findings there before it commits, and so does
another runner), then takes a second snapshot. Every transaction that became visible between
the two must be one of this run's own writes, of other households; then every row stands as
read and the row-by-row check under lock is not needed. Anything else (a save, another runner,
a transaction in another database of the cluster, one rolled back) leaves the batch to that
check. SQLite has its own proof (`runner.commit_stamp`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

# (xmin, xmax, transactions in progress) as `pg_current_snapshot()` gives them.
Snapshot = tuple[int, int, frozenset[int]]
# Transaction ids between two snapshots looked at, at most; more means a busy server, where
# the row-by-row check is the cheaper way anyway.
SPAN = 10_000


def taken(session: Session) -> Snapshot | None:
    """The snapshot the session's next statement would see; None where there is no such proof
    (not PostgreSQL, or a server older than 13)."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return None
    version = connection.dialect.server_version_info or (0,)
    if version < (13,):
        return None
    return parse(connection.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar_one())


def parse(text: str) -> Snapshot:
    """`xmin:xmax:xip,…` as PostgreSQL writes a snapshot."""
    low, high, running = text.split(":")
    return int(low), int(high), frozenset(int(xid) for xid in running.split(",") if xid)


def visible(xid: int, snapshot: Snapshot) -> bool:
    """Whether the transaction had ended (committed or rolled back) for the snapshot."""
    low, high, running = snapshot
    return xid < low or (xid < high and xid not in running)


def ended_between(before: Snapshot, after: Snapshot) -> set[int] | None:
    """The transactions that ended after `before` was taken and before `after` was; None when
    too many ids lie between the two to look at."""
    if after[1] - before[0] > SPAN:
        return None
    return {
        xid
        for xid in range(before[0], after[1])
        if visible(xid, after) and not visible(xid, before)
    }


def nobody_else_since(session: Session, before: Snapshot, own: set[int]) -> bool:
    """In a write transaction: lock out every other writer of findings until it commits, and
    whether only `own` transactions ended since `before`."""
    session.connection().exec_driver_sql("LOCK TABLE screenings IN SHARE ROW EXCLUSIVE MODE")
    after = taken(session)
    if after is None:
        return False
    ended = ended_between(before, after)
    return ended is not None and ended <= own


def own_write(session: Session) -> int | None:
    """The id of this write transaction, once it has written anything (None before)."""
    text = (
        session.connection()
        .exec_driver_sql("SELECT pg_current_xact_id_if_assigned()::text")
        .scalar_one()
    )
    return None if text is None else int(text)
