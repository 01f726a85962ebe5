"""Benchmark: the client search (`HouseholdService.find`) on a database of demo households.

Run `.venv/bin/python tests/benchmarks/search.py --households 45000` (about 100,000 persons).
Loads the demo into a temporary SQLite database (removed afterwards), or, with `--postgres URL`
(a role that may create databases), into a temporary PostgreSQL database dropped afterwards.
Then times a mix of searches as a desk types them and prints p50, p95 and max per kind:
national numbers (half with dots and dashes), full names, name prefixes of 2–5 letters, family
names with one typo (alone, and with the given name), streets (half with a house number), and
1,000-word pasted texts. Target: p95 < 50 ms for every kind. Also prints how often the
household sought is among the results, where one is sought (a family name alone or a street
alone has more households than the 50 a search returns).

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
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.bench import p95, timed_ms
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.demo.loader import load
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, HouseholdMember, Person

TARGET_P95_MS = 50.0


@dataclass(frozen=True)
class Client:
    """One member as the desk knows them, with the household to find."""

    household_id: uuid.UUID
    given: str
    family: str
    number: str | None
    street: str
    house_number: str


def _clients(db: Database, rng: random.Random, count: int) -> list[Client]:
    with db.read() as session:
        rows = session.execute(
            select(
                HouseholdMember.household_id,
                Person.given_name,
                Person.family_name,
                Person.national_number,
                Household.street,
                Household.house_number,
            )
            .join(Person, Person.id == HouseholdMember.person_id)
            .join(Household, Household.id == HouseholdMember.household_id)
            .order_by(func.random())
            .limit(count)
        ).all()
    return [Client(*row) for row in rows]


def _typo(rng: random.Random, word: str) -> str:
    """One edit after the first two letters: a swap, a letter left out, doubled or wrong."""
    at = rng.randrange(2, len(word) - 1)
    edit = rng.choice(["swap", "drop", "double", "wrong"])
    if edit == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if edit == "drop":
        return word[:at] + word[at + 1 :]
    if edit == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + rng.choice([c for c in "aeioulnrst" if c != word[at]]) + word[at + 1 :]


def _dotted(number: str) -> str:
    return f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"


def _queries(
    clients: Sequence[Client], rng: random.Random, per_kind: int
) -> dict[str, list[tuple[str, uuid.UUID | None]]]:
    """(text, household sought or None) per kind of search."""
    numbered = [c for c in clients if c.number]
    long_names = [c for c in clients if len(c.family) >= 5 and c.family.isalpha()]
    kinds: dict[str, list[tuple[str, uuid.UUID | None]]] = {
        "national number": [],
        "full name": [],
        "prefix 2-5 letters": [],
        "typo'd family name": [],
        "typo'd full name": [],
        "street (+ number)": [],
        "1,000-word text": [],
    }
    vocabulary = [c.family for c in clients] + [c.given for c in clients]
    for _ in range(per_kind):
        c = rng.choice(numbered)
        number = c.number or ""
        kinds["national number"].append(
            (_dotted(number) if rng.random() < 0.5 else number, c.household_id)
        )
        c = rng.choice(clients)
        name = f"{c.family} {c.given}" if rng.random() < 0.5 else f"{c.given} {c.family}"
        kinds["full name"].append((name, c.household_id))
        c = rng.choice(clients)
        kinds["prefix 2-5 letters"].append(
            (rng.choice([c.family, c.given])[: rng.randint(2, 5)], None)
        )
        c = rng.choice(long_names)
        kinds["typo'd family name"].append((_typo(rng, c.family), None))
        c = rng.choice(long_names)
        kinds["typo'd full name"].append((f"{_typo(rng, c.family)} {c.given}", c.household_id))
        c = rng.choice(clients)
        if rng.random() < 0.5:
            kinds["street (+ number)"].append((f"{c.street} {c.house_number}", c.household_id))
        else:
            kinds["street (+ number)"].append((c.street, None))
    for _ in range(max(per_kind // 10, 5)):
        kinds["1,000-word text"].append((" ".join(rng.choices(vocabulary, k=1_000)), None))
    return kinds


def _report(kind: str, timings: list[float], found: int, sought: int) -> bool:
    p50 = statistics.median(timings)
    high = p95(timings)
    met = high < TARGET_P95_MS
    hits = f"{found / sought:6.1%} found" if sought else " " * 12
    print(
        f"  {kind:<20} p50 {p50:6.2f} ms  p95 {high:6.2f} ms  max {max(timings):7.2f} ms  "
        f"n={len(timings):<4} {hits}  {'ok' if met else 'NOT MET'}"
    )
    return met


@contextmanager
def _database(postgres: str | None) -> Iterator[Database]:
    """A fresh, empty database: an SQLite file in a temporary folder, or a PostgreSQL one."""
    if postgres is None:
        folder = Path(tempfile.mkdtemp(prefix="sociaalhuis-bench-"))
        try:
            db = Database.open(f"sqlite:///{(folder / 'demo.db').as_posix()}", create=True)
            try:
                yield db
            finally:
                db.close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    admin_url = make_url(postgres)
    name = f"sh_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        url = admin_url.set(database=name).render_as_string(hide_password=False)
        db = Database.open(url, create=True)
        try:
            yield db
        finally:
            db.close()
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=45_000, metavar="N")
    parser.add_argument("--seed", type=int, default=2026, metavar="S")
    parser.add_argument("--queries", type=int, default=300, help="searches per kind")
    parser.add_argument("--postgres", metavar="URL", help="benchmark PostgreSQL instead")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    with _database(args.postgres) as db:
        with db.write() as session:
            actor = ensure_user(session, "system", "Systeem", "system")

        def progress(done: int, total: int) -> None:
            print(f"\r  loading {done:,}/{total:,} households", end="", file=sys.stderr)

        started = time.perf_counter()
        summary = load(db, actor, args.households, args.seed, progress, today=date.today())
        print(file=sys.stderr)
        if args.postgres:
            # Fresh statistics, as autovacuum would soon have them; without, the planner takes
            # a household for hundreds of members.
            with db.engine.begin() as connection:
                connection.exec_driver_sql("ANALYZE")
        print(
            f"search benchmark on {db.engine.dialect.name}: {summary.households:,} households, "
            f"{summary.persons:,} persons (loaded in {time.perf_counter() - started:.1f} s)"
        )
        service = HouseholdService(db)
        queries = _queries(_clients(db, rng, 20_000), rng, args.queries)
        service.find(actor, "a")  # the pool's first connection, as the window has it
        results = []
        for kind, searches in queries.items():
            timings: list[float] = []
            found = sought = 0
            for text, household_id in searches:
                ids: list[uuid.UUID] = []
                timings.append(
                    timed_ms(
                        lambda t=text, ids=ids: ids.extend(r.id for r in service.find(actor, t))
                    )
                )
                if household_id is not None:
                    sought += 1
                    found += household_id in ids
            results.append(_report(kind, timings, found, sought))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
