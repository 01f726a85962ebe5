"""Benchmark: the findings store on a demo caseload — bulk situations, batches, non-take-up.

Run `.venv/bin/python tests/benchmarks/findings_store.py --households 100000` (a temporary
SQLite database, removed afterwards) or add `--database URL` for an existing database (its
findings and screenings are deleted first; demo households are loaded when it has none).
Per 10,000 households it prints `load_situations` and `apply_batch` (with its commit) for a
first screen, the next day, and a new catalog version; then the first non-take-up page.
pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func, insert, select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening import store
from sociaalhuis.screening.engine import screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Decision, Household, Screening, StoredFinding

ON = date(2026, 12, 3)
BATCH = 10_000
FIRST_PAGE_TARGET_MS = 100.0


def run(db: Database, catalog: Catalog, version: str, on: date, label: str) -> None:
    """Screen what is stale for `version` on `on` in batches; print the figures."""
    evaluator = Evaluator(catalog)
    with db.read() as session:
        ids = store.stale_households(session, version, on, False)
    wall: Counter[str] = Counter()
    cpu: Counter[str] = Counter()
    changed: Counter[str] = Counter()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        began, began_cpu = time.perf_counter(), time.process_time()
        with db.read() as session:
            rows = store.load_situations(session, catalog, chunk, on)
        wall["load_situations"] += time.perf_counter() - began
        cpu["load_situations"] += time.process_time() - began_cpu
        result = screen(evaluator, [situation for _, _, situation in rows], on)
        began, began_cpu = time.perf_counter(), time.process_time()
        with db.write() as session:
            versions = [(household_id, number) for household_id, number, _ in rows]
            changed.update(store.apply_batch(session, version, on, versions, result))
        wall["apply_batch"] += time.perf_counter() - began
        cpu["apply_batch"] += time.process_time() - began_cpu
    tens = max(len(ids), 1) / 10_000
    figures = ", ".join(
        f"{name} {wall[name] / tens:.2f} s (this process {cpu[name] / tens:.2f} s)" for name in wall
    )
    print(f"{label}: {len(ids):,} households, {sum(changed.values()):,} findings rows written")
    print(f"  per 10,000 households: {figures}")


def decide_some(db: Database, share: float) -> int:
    """Record a `referred` decision for a random `share` of the eligible findings."""
    rng = random.Random(3)
    with db.write() as session:
        user = ensure_user(session, "system", "Systeem", "system").user_id
        pairs = session.execute(
            select(StoredFinding.household_id, StoredFinding.right_id).where(
                StoredFinding.verdict == "eligible"
            )
        ).all()
        chosen = rng.sample(pairs, int(len(pairs) * share))
        now = datetime.now(UTC)
        rows = [
            {
                "id": uuid.uuid4(),
                "household_id": household_id,
                "right_id": right_id,
                "action": "referred",
                "decided_on": ON,
                "note": "",
                "catalog_version": "bench",
                "explanation": "",
                "decided_by_id": user,
                "created_at": now,
            }
            for household_id, right_id in chosen
        ]
        for start in range(0, len(rows), 5000):
            session.execute(insert(Decision), rows[start : start + 5000])
    return len(rows)


def first_pages(db: Database, rights: list[str | None]) -> None:
    with db.read() as session:
        for right in rights:
            times = []
            for _ in range(5):
                began = time.perf_counter()
                page = store.non_take_up(session, right_id=right, limit=50)
                times.append((time.perf_counter() - began) * 1000)
            name = right or "all rights"
            verdict = "ok" if max(times) < FIRST_PAGE_TARGET_MS else "OVER TARGET"
            print(
                f"  non_take_up first page, {name}: {len(page)} rows, first call "
                f"{times[0]:.1f} ms, best {min(times):.1f} ms ({verdict}: "
                f"{FIRST_PAGE_TARGET_MS:.0f} ms)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000, metavar="N")
    parser.add_argument("--database", metavar="URL", help="an existing database instead")
    args = parser.parse_args(argv)
    folder = None
    url = args.database
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="sociaalhuis-bench-"))
        url = f"sqlite:///{(folder / 'findings.db').as_posix()}"
    db = Database.open(url, create=True, migrate=True)
    try:
        with db.write() as session:
            session.execute(delete(StoredFinding))
            session.execute(delete(Screening))
            households = session.scalar(select(func.count()).select_from(Household)) or 0
            actor = ensure_user(session, "system", "Systeem", "system")
        if not households:
            print(f"loading {args.households:,} demo households …")
            load(db, actor, args.households, 2026, today=ON)
        catalog = loader.load(today=ON)
        print(f"{db.engine.dialect.name}, catalog {catalog.version}, {len(catalog.rights)} rights")
        run(db, catalog, catalog.version, ON, "first screen (every row new)")
        run(db, catalog, catalog.version, ON + timedelta(days=1), "next day")
        run(db, catalog, f"{catalog.version}-b", ON + timedelta(days=1), "new catalog version")
        print(f"decisions recorded for a fifth of the eligible findings: {decide_some(db, 0.2):,}")
        with db.read() as session:
            counts = session.execute(
                select(StoredFinding.right_id, func.count())
                .where(StoredFinding.verdict == "eligible")
                .group_by(StoredFinding.right_id)
                .order_by(func.count().desc())
            ).all()
        busiest = [right for right, _ in counts[:2]] + [counts[-1][0]] if counts else []
        first_pages(db, [None, *busiest])
    finally:
        db.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
