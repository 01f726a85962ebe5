"""Loading demo households into a database: one write transaction, one audit event."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, require
from sociaalhuis.collector import gc_paused
from sociaalhuis.demo.generator import (
    CHUNK_HOUSEHOLDS,
    DemoRows,
    DemoSummary,
    Generator,
)
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage import search
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, Person, SearchTerm

DEMO_ACTION = "demo.loaded"
LOADER_ROLES = frozenset({"admin", "system"})
BATCH_ROWS = 5_000
# The page cache is most of a large load's peak memory: it fills up to this size once the
# random-keyed indexes outgrow it (about 40,000 households). Loading 100,000 households with
# a 256 MiB cache peaked at 472 MB; with 64 MiB at 238 MB, about 5 % slower (more pages are
# read back from the WAL). SQLite's default 2 MiB makes the load about a third slower.
BULK_CACHE_KIB = 64 * 1024


def load(
    db: Database,
    actor: Actor,
    households: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    *,
    today: date | None = None,
) -> DemoSummary:
    """Generate and insert demo households in one write transaction with one audit event.

    The rows are those of `generate(households, seed, recorded_by=actor.user_id)`, except that
    national numbers already in the database are skipped, so demos with different seeds can be
    loaded side by side. A seed loaded before raises ValidationError and nothing is written.
    `progress(done, total)` is called with household counts.
    """
    require(actor, LOADER_ROLES, "load demo data")
    if households < 1:
        raise ValidationError("households", "must be at least 1")
    try:
        with db.write() as session, _bulk_cache(session, db.is_sqlite), gc_paused():
            if seed in _loaded_seeds(session):
                raise ValidationError(
                    "seed", f"demo data with seed {seed} is already loaded; choose another seed"
                )
            taken = _taken_numbers(session)
            generator = Generator(seed, actor.user_id, today or date.today(), taken)
            totals = _insert(
                session, generator.chunks(households, CHUNK_HOUSEHOLDS), households, progress
            )
            audit.record(
                session,
                actor,
                DEMO_ACTION,
                "database",
                None,
                households=totals.households,
                persons=totals.persons,
                members=totals.members,
                facts=totals.facts,
                seed=seed,
            )
    except IntegrityError as exc:
        message = str(exc.orig).casefold()
        if not any(word in message for word in ("unique", "duplicate")):
            raise
        # Not reachable through `load` alone (seeds are checked, numbers skipped), but rows
        # copied in from another demo database could still collide.
        raise ValidationError(
            "seed",
            "a demo with overlapping ids or national numbers is already loaded; "
            "nothing was written",
        ) from None
    return totals


def _insert(
    session: Session,
    chunks: Iterator[DemoRows],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> DemoSummary:
    """Insert chunk after chunk with Core executemany; reports households done after each."""
    households = persons = members = facts = 0
    if progress is not None:
        progress(0, total)
    for chunk in chunks:
        for table, rows in (*chunk.tables(), (_SEARCH_TERMS, _search_rows(chunk))):
            for start in range(0, len(rows), BATCH_ROWS):
                session.execute(insert(table), rows[start : start + BATCH_ROWS])
        households += len(chunk.households)
        persons += len(chunk.persons)
        members += len(chunk.members)
        facts += len(chunk.facts)
        if progress is not None:
            progress(households, total)
    return DemoSummary(households, persons, members, facts)


_SEARCH_TERMS: Table = SearchTerm.__table__  # type: ignore[assignment]


def _search_rows(chunk: DemoRows) -> list[dict[str, Any]]:
    """The search index rows of a chunk (Core inserts bypass the ORM hook that keeps it)."""
    persons = {
        p["id"]: (p["given_name"], p["family_name"], p["national_number"]) for p in chunk.persons
    }
    people: dict[Any, list[tuple[str, str, str | None]]] = {}
    for member in chunk.members:
        people.setdefault(member["household_id"], []).append(persons[member["person_id"]])
    rows: list[dict[str, Any]] = []
    for household in chunk.households:
        rows += search.rows_for(
            household["id"], household["street"], household["house_number"], people[household["id"]]
        )
    return rows


@contextmanager
def _bulk_cache(session: Session, sqlite: bool) -> Iterator[None]:
    """A larger SQLite page cache for the load (`BULK_CACHE_KIB`): random UUID keys touch
    pages all over every index, and re-reading them from the WAL costs time."""
    if not sqlite:
        yield
        return
    connection = session.connection()
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        # Dirty pages stay until the commit writes them; only clean ones are given back.
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def is_demo(db: Database) -> bool:
    """Whether demo data was ever loaded into this database (shown in the window title)."""
    with db.read() as session:
        query = select(AuditEvent.id).where(AuditEvent.action == DEMO_ACTION).limit(1)
        return session.scalar(query) is not None


def _loaded_seeds(session: Session) -> set[object]:
    seeds: set[object] = set()
    for detail in session.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == DEMO_ACTION)
    ):
        try:
            seeds.add(json.loads(detail).get("seed"))
        except (ValueError, AttributeError):
            continue  # an unreadable detail cannot name a seed
    return seeds


def _taken_numbers(session: Session) -> set[str]:
    """Birth date and serial (first nine digits) of every national number already stored."""
    query = select(Person.national_number).where(Person.national_number.is_not(None))
    return {number[:9] for number in session.scalars(query) if number}
