"""Benchmark: the first page of each review list at 100,000 households, with and without a
filter, and the counts.

Run `.venv/bin/python tests/benchmarks/review_lists.py`. It copies the cached bench database
(`~/.local/share/sociaalhuis/bench/households-100000-seed-2026.db`, made by
`python -m sociaalhuis bench`) to a temporary folder, brings the copy to the newest schema,
assigns the cases round-robin to three workers (a fifth unassigned) and records an overdue
application for 1 % of the eligible findings; without the cache it builds `--households`
demo households (default 5,000) and screens them. `--database URL` uses a prepared database
as it is. Prints milliseconds per call (the first call of each kind, then the median of
three). pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.demo.loader import load
from sociaalhuis.review import lists
from sociaalhuis.review.lists import ReviewFilters
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import CaseAssignment, Decision, Household, StoredFinding

ON = date(2026, 12, 3)
CACHE = Path.home() / ".local/share/sociaalhuis/bench/households-100000-seed-2026.db"
PAGE = 200


def prepare(db: Database, catalog_version: str) -> tuple[Actor, Actor]:
    """Workers, assignments and overdue applications, written in bulk (no audit: bench data)."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        lead = ensure_user(session, "bench-lead", "Bench Teamleider", "team_lead")
        workers = [
            ensure_user(session, f"bench-{n}", f"Bench Werker {n}", "social_worker")
            for n in range(3)
        ]
        if session.scalar(select(CaseAssignment.id).limit(1)) is None:
            ids = list(session.scalars(select(Household.id).order_by(Household.id)))
            now = datetime.now(UTC)
            session.execute(
                insert(CaseAssignment),
                [
                    {
                        "household_id": household_id,
                        "user_id": workers[index % 3].user_id,
                        "assigned_at": now,
                        "assigned_by_id": system.user_id,
                    }
                    for index, household_id in enumerate(ids)
                    if index % 5
                ],
            )
            rng = random.Random(13)
            pairs = session.execute(
                select(StoredFinding.household_id, StoredFinding.right_id).where(
                    StoredFinding.verdict == "eligible"
                )
            ).all()
            session.execute(
                insert(Decision),
                [
                    {
                        "household_id": household_id,
                        "right_id": right_id,
                        "action": "applied",
                        "decided_on": ON - timedelta(days=60),
                        "follow_up_on": ON - timedelta(days=rng.randint(1, 30)),
                        "catalog_version": catalog_version,
                        "decided_by_id": system.user_id,
                    }
                    for household_id, right_id in rng.sample(pairs, len(pairs) // 100)
                ],
            )
    return lead, workers[0]


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(first call, median of the next three) in milliseconds."""
    runs = []
    for _ in range(4):
        started = time.perf_counter()
        work()
        runs.append((time.perf_counter() - started) * 1000)
    return runs[0], statistics.median(runs[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a prepared database URL, used as it is")
    parser.add_argument("--households", type=int, default=5000, help="without the cache")
    args = parser.parse_args()
    catalog = loader.load(today=ON)
    folder = Path(tempfile.mkdtemp(prefix="review-bench-"))
    try:
        if args.database:
            db = Database.open(args.database)
        elif CACHE.is_file():
            print(f"copying {CACHE} …", flush=True)
            shutil.copy(CACHE, folder / "bench.db")
            db = Database.open(f"sqlite:///{(folder / 'bench.db').as_posix()}", migrate=True)
        else:
            db = Database.open(f"sqlite:///{(folder / 'bench.db').as_posix()}", create=True)
            with db.write() as session:
                system = ensure_user(session, "system", "Systeem", "system")
            load(db, system, args.households, 2026, today=ON)
            run_screen(db, catalog, ON)
        lead, worker = prepare(db, catalog.version)
        filters = {
            "no filter": ReviewFilters(),
            "deelgemeente": ReviewFilters(deelgemeente="Winksele"),
            "worker": ReviewFilters(worker_id=worker.user_id),
            "level": ReviewFilters(level="local"),
            "right": ReviewFilters(right_id="sociaal_tarief_energie"),
            "age band + type": ReviewFilters(age_band="65+", household_type="single"),
        }
        print(f"{'list':<9} {'filter':<16} {'first ms':>9} {'median ms':>10}")
        for which in lists.LISTS:
            for name, chosen in filters.items():
                first, median = timed(
                    lambda w=which, f=chosen: lists.review(
                        db, lead, catalog, w, f, limit=PAGE, today=ON
                    )
                )
                print(f"{which:<9} {name:<16} {first:9.1f} {median:10.1f}", flush=True)
        for name in ("no filter", "deelgemeente"):
            first, median = timed(
                lambda f=filters[name]: lists.counts(db, lead, catalog, f, today=ON)
            )
            print(f"{'counts':<9} {name:<16} {first:9.1f} {median:10.1f}", flush=True)
        db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
