"""Screen the stale part of the caseload in batches, each batch committed on its own.

A batch is read in one read transaction, screened outside any transaction, and written in one
write transaction of its own, so an interruption keeps every finished batch whole and the next
run carries on with what is still stale. A large run overlaps the two halves on two processors:
a worker process (`screening.worker`) evaluates batch N while this one reads batch N+1 and
then writes batch N; small runs, and any run the worker cannot serve, go one batch at a time.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.collector import gc_paused
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import ValidationError
from sociaalhuis.screening import snapshots, store
from sociaalhuis.screening.columns import (
    Part,
    among,
    evaluate,
    gather,
    screen_stored,
    settle,
    split,
)
from sociaalhuis.screening.engine import Screened
from sociaalhuis.screening.worker import Codes, Worker, WorkerFailed
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household

Stored = dict[uuid.UUID, store.ScreeningRow]

# Households per batch: each a read, a column-wise screen and a write transaction of its own.
# Larger batches spread the engine's per-condition cost; 10,000 keep the first screen's
# writes (490,000 new findings rows a batch) well under 500 MB.
DEFAULT_BATCH = 10_000
# Fewer stale households than this are screened one batch at a time: starting the worker
# (a Python interpreter, numpy, the catalog) costs about a second.
PARALLEL_FROM = 20_000


@dataclass(frozen=True)
class ScreenSummary:
    """What one run did: households screened of those found stale, findings changed per right."""

    screened: int
    total: int
    changed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cancelled: bool = False
    # Changed by someone else between our read and our write: left stale for the next run.
    skipped: int = 0
    # "parallel", or "sequential" with the reason (a small run, no second processor, …).
    mode: str = "sequential"
    worker_peak_mb: float | None = None  # the worker process's peak resident memory
    worker_cpu_s: float | None = None  # and the processor time it used

    @property
    def findings_changed(self) -> int:
        return sum(self.changed.values())


def run_screen(
    db: Database,
    catalog: Catalog,
    on: date,
    *,
    everything: bool = False,
    batch: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    parallel: bool | None = None,
) -> ScreenSummary:
    """Screen the households whose findings are stale for `catalog` on `on` (all with
    `everything`); `progress(done, total)` follows the count and each batch, `cancelled()` is
    asked before each batch. `parallel`: True overlaps reading and evaluating on two processes
    whenever the worker can serve, False never, None from PARALLEL_FROM stale households on."""
    if batch < 1:
        raise ValidationError("batch", "must be at least 1")
    started = time.perf_counter()
    evaluator = Evaluator(catalog)
    with db.read() as session:
        ids = store.stale_households(session, catalog.version, on, everything)
    run = _Run(db, evaluator, on, ids, batch, progress, cancelled)
    if progress is not None:
        progress(0, len(ids))
    mode = sequential_reason(catalog, len(ids), batch, parallel)
    start = 0
    if mode is None:
        mode = "parallel"
        try:
            start, stopped = run.overlapped()
        except WorkerFailed as exc:
            # The batches written stand; the rest goes one batch at a time.
            mode, start, stopped = f"sequential: {exc}", run.done, False
        if stopped:
            return run.summary(started, True, mode)
    stopped = run.sequential(start)
    return run.summary(started, stopped, mode)


def sequential_reason(
    catalog: Catalog, total: int, batch: int, parallel: bool | None
) -> str | None:
    """Why this run goes one batch at a time, or None when the worker can take the evaluation."""
    if parallel is False:
        return "sequential: asked for"
    if total <= batch:
        return "sequential: one batch"
    if parallel is None and total < PARALLEL_FROM:
        return f"sequential: fewer than {PARALLEL_FROM:,} households"
    if (os.cpu_count() or 1) < 2:
        return "sequential: one processor"
    if os.name != "posix":
        return "sequential: the worker's pipes need a POSIX system"
    if getattr(sys, "frozen", False):
        return "sequential: a packaged app has no Python to start the worker with"
    if not os.path.isdir(catalog.folder):
        return f"sequential: the worker cannot load the catalog ({catalog.folder} is no folder)"
    return None


class _Read:
    """One batch as read: its ids, the stamp of its read and the screenings rows it saw."""

    def __init__(self, db: Database, evaluator: Evaluator, chunk: list[uuid.UUID], on: date):
        self.chunk = chunk
        with gc_paused(), db.read() as session:
            self.snapshot = snapshots.taken(session)  # before anything is read
            self.parts = split(session.connection(), chunk)
            self.read_at = commit_stamp(session)
            # Marks first: a save committed between the two reads then shows as a changed mark.
            if self.read_at is None and self.snapshot is None:
                self.before, self.marks = {}, store.screening_marks(session, self.parts)
            else:
                self.before = store.screening_rows(session, self.parts)  # may stand as read
                self.marks = _marks(self.before)
            gathered = gather(session, evaluator.catalog, chunk, on, self.parts)
        self.rows = gathered.rows
        self.shape = gathered.shape()
        # The stamp a write must find for this batch to stand as read: its read's, and after
        # each of our own writes in between (other households), the stamp that write left.
        self.expected = self.read_at


class _Run:
    """The batches of one run and what they did."""

    def __init__(
        self,
        db: Database,
        evaluator: Evaluator,
        on: date,
        ids: list[uuid.UUID],
        batch: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.db, self.evaluator, self.on, self.ids, self.batch = db, evaluator, on, ids, batch
        self.progress, self.cancelled = progress, cancelled
        self.done = self.screened = self.skipped = 0
        self.changed: Counter[str] = Counter()
        self.worker_peak_mb: float | None = None
        self.worker_cpu_s: float | None = None
        self.own: set[int] = set()  # PostgreSQL: this run's write transactions

    def summary(self, started: float, stopped: bool, mode: str) -> ScreenSummary:
        counts = {right: n for right, n in sorted(self.changed.items()) if n}
        seconds = time.perf_counter() - started
        total = len(self.ids)
        return ScreenSummary(
            self.screened,
            total,
            counts,
            seconds,
            stopped,
            self.skipped,
            mode,
            self.worker_peak_mb,
            self.worker_cpu_s,
        )

    def sequential(self, start: int) -> bool:
        """Screen the batches from `start` on, one at a time; True when cancelled."""
        for first in range(start, len(self.ids), self.batch):
            if self.cancelled is not None and self.cancelled():
                return True
            read = _Read(self.db, self.evaluator, self.ids[first : first + self.batch], self.on)
            codes = evaluate(self.evaluator, read.shape, self.on)
            self._finish(read, (*codes, None), None)
        return False

    def overlapped(self) -> tuple[int, bool]:
        """Screen every batch with the worker evaluating one batch while this process reads
        the next and writes the one before. Returns where the batches not yet written start
        and whether the run was cancelled. WorkerFailed when the
        worker cannot go on; the batches written by then stand."""
        worker = Worker(self.evaluator.catalog, self.on)
        try:
            pending: _Read | None = None
            stopped = False
            for first in range(0, len(self.ids), self.batch):
                if self.cancelled is not None and self.cancelled():
                    stopped = True
                    break
                read = _Read(self.db, self.evaluator, self.ids[first : first + self.batch], self.on)
                # The result before the next batch: a pipe holds far less than either, and both
                # sides writing at once would wait on each other for ever.
                codes = None if pending is None else worker.receive()
                worker.send(read.shape)
                read.shape = ([], {}, {}, [])  # the worker has it now
                if pending is not None and codes is not None:
                    self._finish(pending, codes, read)
                pending = read
            if pending is not None:
                self._finish(pending, worker.receive(), None)
        except BaseException:
            worker.stop()
            raise
        worker.close()
        self.worker_peak_mb, self.worker_cpu_s = worker.peak_mb, worker.cpu_s
        return self.done, stopped

    def _finish(self, read: _Read, codes: Codes, after: _Read | None) -> None:
        """Write the batch `read` with its `codes` (the worker's, or evaluated here); `after` is
        the batch read since, if any."""
        with self.db.write() as session:
            stamp = commit_stamp(session)
            if (read.read_at is not None and stamp == read.expected) or (
                read.snapshot is not None
                and snapshots.nobody_else_since(session, read.snapshot, self.own)
            ):
                kept, now = read.rows, _as_read(read.parts, read.before)
            else:
                kept, now = _unchanged(session, read.parts, read.rows, read.marks)
            if after is not None and stamp != after.expected:
                after.expected = None  # someone committed since its read: check it row by row
            if len(kept) == len(read.rows):
                # The households the floats could not settle, from the facts as they stand
                # under our lock (the same as read: the batch stands as read).
                result = settle(session, self.evaluator, read.rows, self.on, *codes)
            else:
                result = None  # screened again from what still stands
            self._write(session, read.rows, kept, now, result)
            self._note_own(session, read.snapshot)
            if after is not None and after.expected is not None:
                # Only our own write, of other households, came after its read.
                after.expected = commit_stamp(session)
        self._count(read.rows, kept, len(read.chunk))

    def _write(
        self,
        session: Session,
        rows: list[tuple[uuid.UUID, int]],
        kept: list[tuple[uuid.UUID, int]],
        now: Stored,
        result: Screened | None,
    ) -> None:
        if len(kept) < len(rows) or result is None:
            # Rare: screen again only what still stands, so no stale finding is written.
            _, result = screen_stored(session, self.evaluator, [h for h, _ in kept], self.on)
        counts = _apply(session, self.evaluator.catalog.version, self.on, kept, result, now)
        self.changed.update(counts)

    def _note_own(self, session: Session, snapshot: snapshots.Snapshot | None) -> None:
        """On PostgreSQL: remember this write, so a later batch's proof counts it as ours."""
        if snapshot is not None:
            xid = snapshots.own_write(session)
            if xid is not None:
                self.own.add(xid)

    def _count(self, rows: list[tuple[uuid.UUID, int]], kept: list[Any], chunk: int) -> None:
        self.screened += len(kept)
        self.skipped += len(rows) - len(kept)
        self.done += chunk
        if self.progress is not None:
            self.progress(self.done, len(self.ids))


def commit_stamp(session: Session) -> tuple[Any, int, int] | None:
    """On SQLite: the connection, its count of commits by other connections as its snapshot
    sees them (`PRAGMA data_version`) and its own count of changed rows. Two equal stamps, the
    second taken under the write lock, prove that nobody committed anything in between; on
    other databases None (PostgreSQL has a proof of its own, `snapshots`)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return None
    driver = connection.connection.driver_connection
    changes = getattr(driver, "total_changes", None)
    if changes is None:
        return None
    version = connection.exec_driver_sql("PRAGMA data_version").scalar_one()
    # The driver's count read after the pragma: a change of ours between the two shows.
    return driver, int(version), int(driver.total_changes)


def _as_read(parts: list[Part], rows: dict[str, store.ScreeningRow]) -> Stored:
    return {
        household_id: rows[text]
        for part in parts
        for household_id, text in zip(part.given, part.texts, strict=True)
        if text in rows
    }


def _marks(rows: dict[str, store.ScreeningRow]) -> dict[str, tuple[bytes, str]]:
    return {text: (row[3], row[4]) for text, row in rows.items()}


def _unchanged(
    session: Session,
    parts: list[Part],
    rows: list[tuple[uuid.UUID, int]],
    marks: dict[str, tuple[bytes, str]],
) -> tuple[list[tuple[uuid.UUID, int]], Stored]:
    """The rows nobody changed since they were read: same household version, and findings not
    stored anew meanwhile (a save refreshes the other households of its members too, without
    moving their version); and the screenings rows of those as they now stand.

    The households and their screenings stay locked until this write commits (on SQLite the
    write transaction holds the database lock already), so a save waits and its findings land
    after ours. NO KEY UPDATE, in id order: a save's foreign-key checks and another runner
    then cannot deadlock with us. Ids are compared as the database writes them as text.
    """
    if not rows:
        return [], {}
    versions: dict[str, int] = {}
    for part in parts:
        query = (
            select(cast(Household.id, String), Household.version)
            .where(among(Household.id, part))
            .order_by(Household.id)
            .with_for_update(key_share=True)
        )
        versions.update(session.execute(query).all())
    stored = store.screening_rows(session, parts, lock=True)
    text_of = {i: text for part in parts for i, text in zip(part.given, part.texts, strict=True)}
    kept: list[tuple[uuid.UUID, int]] = []
    now: Stored = {}
    for row in rows:
        text = text_of[row[0]]
        screening = stored.get(text)
        mark = None if screening is None else (screening[3], screening[4])
        if versions.get(text) == row[1] and mark == marks.get(text):
            kept.append(row)
            if screening is not None:
                now[row[0]] = screening
    return kept, now


def _apply(
    session: Session,
    catalog_version: str,
    on: date,
    rows: list[tuple[uuid.UUID, int]],
    result: Screened,
    stored: Stored,
) -> dict[str, int]:
    if not rows:
        return {}
    return store.apply_batch(session, catalog_version, on, rows, result, stored)
