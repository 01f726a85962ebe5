"""Benchmark: evaluate the whole rights catalog for demo households held in memory.

Run `.venv/bin/python tests/benchmarks/eligibility.py --households 100000`. Prints the catalog
load (parse + compile) time, the median and p95 time to evaluate every right for one
household, the same with Dutch explanations, and the throughput over all households.
pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sociaalhuis.cases.households import VALUE_COLUMNS
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.generator import DemoRows, generate
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.explain import explain
from sociaalhuis.eligibility.situation import Situation, parse

TARGET_MS = 1.0


def situations(catalog: Catalog, rows: DemoRows) -> list[Situation]:
    """The demo households as situations: birth dates, roles and the recorded facts."""
    birth = {person["id"]: person["birth_date"] for person in rows.persons}
    person_facts: dict[Any, dict[str, Any]] = defaultdict(dict)
    household_facts: dict[Any, dict[str, Any]] = defaultdict(dict)
    for fact in rows.facts:
        value = fact[VALUE_COLUMNS[fact["kind"]]]
        if fact["person_id"] is None:
            household_facts[fact["household_id"]][fact["key"]] = value
        else:
            person_facts[fact["person_id"]][fact["key"]] = value
    members: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for member in rows.members:
        person = member["person_id"]
        members[member["household_id"]].append(
            {"role": member["role"], "birth_date": birth[person], **person_facts[person]}
        )
    return [
        parse(catalog, {"household": household_facts[h["id"]], "members": members[h["id"]]})
        for h in rows.households
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument(
        "--sample",
        type=int,
        default=2_000,
        help="households timed one by one for the median and p95",
    )
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    on = date(2026, 11, 22)

    started = time.perf_counter()
    catalog = loader.load(today=on)
    load_ms = (time.perf_counter() - started) * 1000
    print(
        f"catalog: {len(catalog.rights)} rights, {len(catalog.facts)} facts, "
        f"{len(catalog.parameters)} parameters; load and compile {load_ms:.0f} ms"
    )

    started = time.perf_counter()
    households = situations(catalog, generate(args.households, args.seed, today=on))
    print(f"demo: {len(households):,} households prepared in {time.perf_counter() - started:.1f} s")

    evaluator = Evaluator(catalog)
    evaluator.evaluate(households[0], on)  # parameter values for the date, cached from here on

    sample = households[: args.sample]
    timings = []
    for situation in sample:
        begin = time.perf_counter()
        evaluator.evaluate(situation, on)
        timings.append((time.perf_counter() - begin) * 1000)
    explained = []
    for situation in sample[:500]:
        begin = time.perf_counter()
        verdicts = evaluator.evaluate(situation, on)
        explain(evaluator, situation, on, verdicts)
        explained.append((time.perf_counter() - begin) * 1000)

    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for situation in households:
        for verdict in evaluator.evaluate(situation, on):
            counts[verdict.verdict] += 1
    seconds = time.perf_counter() - started

    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(
        f"one household, all rights:   median {median:.3f} ms, p95 {p95:.3f} ms "
        f"(sample of {len(sample):,})"
    )
    print(
        f"with explanations:           median {statistics.median(explained):.2f} ms "
        f"(sample of {len(explained):,})"
    )
    print(
        f"{len(households):,} households:  {seconds:.1f} s, "
        f"{len(households) / seconds:,.0f} households/s, "
        f"{len(households) * len(catalog.rights) / seconds:,.0f} verdicts/s"
    )
    total = sum(counts.values())
    print("verdicts: " + ", ".join(f"{kind} {n / total:.1%}" for kind, n in sorted(counts.items())))
    verdict = "ok" if median < TARGET_MS else "NOT MET"
    print(f"target: median < {TARGET_MS} ms per household: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
