"""Benchmark: the intake desk's three waits on a database of demo households.

Run `.venv/bin/python tests/benchmarks/intake.py --households 100000`. Loads the demo into a
temporary SQLite database (removed afterwards), then prints the median and p95 of:

- search as you type: `HouseholdService.find` for every successive prefix of real names,
  streets with house numbers and national numbers (target p95 < 50 ms);
- opening a household: `HouseholdService.get`, `situation_for` and evaluating the whole
  catalog (target p95 < 150 ms);
- the rights refresh after one answer: `Situation.with_fact` and `Evaluator.evaluate`
  (target p95 < 16 ms, one frame).

pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.bench import (
    all_household_ids,
    open_household,
    p95,
    search_timings,
    timed_ms,
    typed_queries,
)
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.catalog import loader as catalog_loader
from sociaalhuis.catalog.model import Catalog, FactDef
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import POSSIBLY, Evaluator
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.storage.database import Database

TARGETS_MS = {"search": 50.0, "open": 150.0, "refresh": 16.0}


def _report(name: str, what: str, timings: list[float]) -> bool:
    p50 = statistics.median(timings)
    high = p95(timings)
    target = TARGETS_MS[name]
    met = high < target
    print(
        f"  {what:<34} p50 {p50:7.2f} ms  p95 {high:7.2f} ms  max {max(timings):7.2f} ms  "
        f"(n={len(timings):,}; target p95 < {target:.0f} ms: {'ok' if met else 'NOT MET'})"
    )
    return met


def _answer(fact: FactDef) -> Any:
    """A plausible answer of the fact's type."""
    if fact.type == "bool":
        return True
    if fact.type in ("number", "money"):
        return Decimal(fact.min if fact.min is not None else 1)
    if fact.type == "date":
        return date(1960, 1, 1)
    return next(iter(fact.choices))


def _open(
    service: HouseholdService,
    actor: Actor,
    catalog: Catalog,
    evaluator: Evaluator,
    ids: list[Any],
    on: date,
) -> tuple[list[float], list[tuple[Situation, str, Any]]]:
    """Time opening each household; keep, per household, one open question to answer."""
    timings: list[float] = []
    questions: list[tuple[Situation, str, Any]] = []
    for household_id in ids:
        elapsed, found, verdicts = open_household(
            service, actor, catalog, evaluator, household_id, on
        )
        timings.append(elapsed)
        missing = [m for v in verdicts if v.verdict == POSSIBLY for m in v.missing_facts]
        name = missing[0] if missing else "household_income"
        key = name.split(".", 1)[-1]
        questions.append((found.situation, name, _answer(catalog.facts[key])))
    return timings, questions


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000, metavar="N")
    parser.add_argument("--seed", type=int, default=2026, metavar="S")
    parser.add_argument("--queries", type=int, default=200, help="search-as-you-type queries")
    parser.add_argument("--opens", type=int, default=200, help="households opened")
    parser.add_argument("--refreshes", type=int, default=1_000, help="rights refreshes")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    on = date.today()

    folder = Path(tempfile.mkdtemp(prefix="sociaalhuis-bench-"))
    try:
        db = Database.open(f"sqlite:///{(folder / 'demo.db').as_posix()}", create=True)
        try:
            with db.write() as session:
                actor = ensure_user(session, "system", "Systeem", "system")

            def progress(done: int, total: int) -> None:
                print(f"\r  loading {done:,}/{total:,} households", end="", file=sys.stderr)

            started = time.perf_counter()
            load(db, actor, args.households, args.seed, progress, today=on)
            print(file=sys.stderr)
            load_seconds = time.perf_counter() - started
            catalog = catalog_loader.load(today=on)
            evaluator = Evaluator(catalog)
            service = HouseholdService(db)
            print(
                f"intake benchmark: {args.households:,} demo households (loaded in "
                f"{load_seconds:.1f} s), catalog {catalog.version} with {len(catalog.rights)} "
                "rights"
            )

            searched = search_timings(service, actor, typed_queries(db, rng, args.queries))
            every = all_household_ids(db)
            opened, questions = _open(
                service, actor, catalog, evaluator, rng.sample(every, args.opens), on
            )

            refreshed = []
            for index in range(args.refreshes):
                situation, name, value = questions[index % len(questions)]
                refreshed.append(
                    timed_ms(
                        lambda s=situation, n=name, v=value: evaluator.evaluate(
                            s.with_fact(n, v), on
                        )
                    )
                )
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    results = [
        _report("search", "search as you type (find)", searched),
        _report("open", "open a household (get+evaluate)", opened),
        _report("refresh", "rights refresh after one answer", refreshed),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
