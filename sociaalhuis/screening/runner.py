"""Screen the stale part of the caseload in batches, each batch committed on its own.

A batch is read in one read transaction, screened outside any transaction, and written in one
write transaction of its own, so an interruption keeps every finished batch whole and the next
run carries on with what is still stale.
"""

from __future__ import annotations

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
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import ValidationError
from sociaalhuis.screening import store
from sociaalhuis.screening.columns import Part, among, screen_stored, split
from sociaalhuis.screening.engine import Screened
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household

# Households per batch: each a read, a column-wise screen and a write transaction of its own.
# Larger batches spread the engine's per-condition cost; 10,000 keep the first screen's
# writes (490,000 new findings rows a batch) well under 500 MB.
DEFAULT_BATCH = 10_000


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
) -> ScreenSummary:
    """Screen the households whose findings are stale for `catalog` on `on` (all with
    `everything`); `progress(done, total)` follows the count and each batch, `cancelled()` is
    asked before each batch."""
    if batch < 1:
        raise ValidationError("batch", "must be at least 1")
    started = time.perf_counter()
    evaluator = Evaluator(catalog)
    with db.read() as session:
        ids = store.stale_households(session, catalog.version, on, everything)
    total = len(ids)
    done = screened = skipped = 0
    changed: Counter[str] = Counter()

    def summary(stopped: bool) -> ScreenSummary:
        counts = {right: n for right, n in sorted(changed.items()) if n}
        seconds = time.perf_counter() - started
        return ScreenSummary(screened, total, counts, seconds, stopped, skipped)

    if progress is not None:
        progress(0, total)
    for start in range(0, total, batch):
        if cancelled is not None and cancelled():
            return summary(True)
        chunk = ids[start : start + batch]
        with db.read() as session:
            parts = split(session.connection(), chunk)
            read_at = commit_stamp(session)
            # Marks first: a save committed between the two reads then shows as a changed mark.
            if read_at is None:
                before, marks = {}, store.screening_marks(session, parts)
            else:
                before = store.screening_rows(session, parts)  # whole: they may stand as read
                marks = _marks(before)
            rows, result = screen_stored(session, evaluator, chunk, on, parts)
        with db.write() as session:
            if read_at is not None and commit_stamp(session) == read_at:
                # Nothing was committed since our read: every row stands as read.
                kept, now = rows, _as_read(parts, before)
            else:
                kept, now = _unchanged(session, parts, rows, marks)
            if len(kept) < len(rows):
                # Rare: screen again only what still stands, so no stale finding is written.
                _, result = screen_stored(session, evaluator, [h for h, _ in kept], on)
            counts = _apply(session, catalog.version, on, kept, result, now)
        changed.update(counts)
        screened += len(kept)
        skipped += len(rows) - len(kept)
        done += len(chunk)
        if progress is not None:
            progress(done, total)
    return summary(False)


Stored = dict[uuid.UUID, store.ScreeningRow]


def commit_stamp(session: Session) -> tuple[Any, int, int] | None:
    """On SQLite: the connection, its count of commits by other connections as its snapshot
    sees them (`PRAGMA data_version`) and its own count of changed rows. Two equal stamps, the
    second taken under the write lock, prove that nobody committed anything in between; on
    other databases None (no such proof: the rows are checked one by one)."""
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
