"""`python -m sociaalhuis bench`: whole-caseload screening, search and opening a household, timed
on a seeded synthetic database of N demo households.

The database is built once by `python -m sociaalhuis demo` in a child process (so the peak
memory reported is the measurements' own) and reused by later runs with the same N and seed.
Every figure is measured in the same run; `--json` prints them as one object. The search and
open-household timings are those of tests/benchmarks/intake.py, which calls this module.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import delete, func, select

from sociaalhuis import settings
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.catalog import loader as catalog_loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator, Verdict
from sociaalhuis.eligibility.households import HouseholdSituation, situation_for
from sociaalhuis.errors import SociaalHuisError, StorageError, ValidationError
from sociaalhuis.screening import columns, store
from sociaalhuis.screening.runner import DEFAULT_BATCH, run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Fact,
    Household,
    HouseholdMember,
    Person,
    Screening,
    StoredFinding,
)

# The keys of `--json`, in the order the text report lists them.
KEYS = (
    "households",
    "backend",
    "raw_fetch_s",
    "plain_fetch_s",
    "first_screen_s",
    "rescreen_all_s",
    "rescreen_ratio",
    "households_per_s",
    "non_take_up_first_page_ms",
    "search_p95_ms",
    "open_household_ms",
    "peak_rss_mb",
    "rescreen_mode",
    "raw_fetch_cpu_s",
    "rescreen_cpu_s",
    "rescreen_worker_cpu_s",
    "peak_rss_parent_mb",
    "peak_rss_worker_mb",
)
DEFAULT_HOUSEHOLDS = 100_000
DEFAULT_SEED = 2026
SEARCHES = 200  # search-as-you-type queries, as tests/benchmarks/intake.py types them
OPENS = 200  # households opened
PAGE = 50  # rows of the non-take-up list's first page
PAGE_RUNS = 5  # the page is read this many times; the median is reported
FETCH_ROWS = 10_000  # rows per fetch of the raw read, so it never holds the whole caseload
CACHE_FOLDER = "bench"


def add_parser(commands: Any) -> None:
    """Register `bench` on the main parser's sub-commands."""
    parser = commands.add_parser(
        "bench",
        help="time whole-caseload screening, search and opening a household on N demo households",
        description="Build (or reuse) a database of N demo households and time, in one run: "
        "the raw fetch of every fact screening needs, the first screen, a full re-screen, the "
        "non-take-up list's first page, search as you type, opening a household and peak memory.",
    )
    parser.add_argument(
        "--households",
        type=_positive,
        default=DEFAULT_HOUSEHOLDS,
        metavar="N",
        help=f"demo households in the bench database (default {DEFAULT_HOUSEHOLDS:,})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="S", help="demo seed (default 2026)"
    )
    # SUPPRESS keeps a `--database` given before the command when none is given after it.
    parser.add_argument(
        "--database",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="an empty database, or one an earlier bench filled (default: an SQLite file in "
        "the data folder's bench cache; never the database in the settings)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument(
        "--sequential",
        action="store_true",
        help="screen one batch at a time, without the worker process (for comparison)",
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def run(args: argparse.Namespace) -> int:
    """The `bench` command: figures on stdout, progress and errors on stderr."""
    try:
        figures = bench(
            args.database, args.households, args.seed, log=sys.stderr, sequential=args.sequential
        )
    except SociaalHuisError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    print(json.dumps(figures) if args.json else as_text(figures))
    return 0


def bench(
    url: str | None, households: int, seed: int, log: TextIO, *, sequential: bool = False
) -> dict[str, Any]:
    """Every figure of KEYS, measured on the bench database of `households` demo households of
    `seed` (at `url`, or in the bench cache when None); stages are logged to `log`. The screens
    choose their own way (`run_screen`'s default) unless `sequential`."""
    parallel = False if sequential else None
    on = date.today()
    db = open_bench_database(url, households, seed, log)
    try:
        rng = random.Random(seed)
        catalog = catalog_loader.load(today=on)
        with db.write() as session:
            actor = ensure_user(session, "system", "Systeem", "system")
        gc.freeze()  # as `screen` does; the raw fetch gains from it as much
        _clear_findings(db)
        _stage(log, "first screen (no findings stored)")
        first_s, first = _timed_s(lambda: run_screen(db, catalog, on, parallel=parallel))
        if first.screened != households:
            raise StorageError(
                db.location, f"the first screen screened {first.screened:,} of {households:,}"
            )
        _analyze(db)
        _stage(log, "raw fetch of the facts screening needs")
        fetch_cpu = time.process_time()
        fetch_s, _rows = raw_fetch(db, on)
        fetch_cpu = time.process_time() - fetch_cpu
        plain_s, _rows = plain_fetch(db)
        _stage(log, "re-screen of every household (--all)")
        again_cpu = time.process_time()
        again_s, again = _timed_s(
            lambda: run_screen(db, catalog, on, everything=True, parallel=parallel)
        )
        again_cpu = time.process_time() - again_cpu
        _stage(log, "non-take-up list, first page")
        page_ms = statistics.median(first_page_ms(db) for _ in range(PAGE_RUNS))
        service = HouseholdService(db)
        _stage(log, f"{SEARCHES} searches as you type")
        searched = search_timings(service, actor, typed_queries(db, rng, SEARCHES))
        _stage(log, f"opening {OPENS} households")
        ids = rng.sample(all_household_ids(db), min(OPENS, households))
        evaluator = Evaluator(catalog)
        opens = [open_household(service, actor, catalog, evaluator, i, on)[0] for i in ids]
        backend = db.engine.dialect.name
    finally:
        db.close()
    figures: dict[str, Any] = {
        "households": households,
        "backend": backend,
        "raw_fetch_s": round(fetch_s, 4),
        "plain_fetch_s": round(plain_s, 4),
        "first_screen_s": round(first_s, 4),
        "rescreen_all_s": round(again_s, 4),
        "rescreen_ratio": round(again_s / fetch_s, 2),
        "households_per_s": round(again.screened / again_s),
        "non_take_up_first_page_ms": round(page_ms, 2),
        "search_p95_ms": round(p95(searched), 2),
        "open_household_ms": round(p95(opens), 2),
        "peak_rss_mb": None,
        "rescreen_mode": again.mode,
        "raw_fetch_cpu_s": round(fetch_cpu, 3),
        "rescreen_cpu_s": round(again_cpu, 3),
        "rescreen_worker_cpu_s": again.worker_cpu_s,
        "peak_rss_parent_mb": peak_rss_mb(),
        "peak_rss_worker_mb": _largest(first.worker_peak_mb, again.worker_peak_mb),
    }
    # Parent and worker together: the sum of their peaks, which never is below the peak of
    # the two at once (each peak is read by the process itself: getrusage's ru_maxrss).
    parent, worker = figures["peak_rss_parent_mb"], figures["peak_rss_worker_mb"]
    figures["peak_rss_mb"] = None if parent is None else round(parent + (worker or 0.0), 1)
    return figures


def _largest(*values: float | None) -> float | None:
    known = [value for value in values if value is not None]
    return max(known) if known else None


def as_text(figures: dict[str, Any]) -> str:
    """The figures as the text report."""
    f = figures
    return "\n".join(
        [
            f"bench: {f['households']:,} demo households on {f['backend']}",
            f"  raw fetch (the screen's reads){f['raw_fetch_s']:9.2f} s",
            f"  plain fetch (ORM-typed)       {f['plain_fetch_s']:9.2f} s",
            f"  first screen                  {f['first_screen_s']:9.2f} s",
            f"  re-screen --all               {f['rescreen_all_s']:9.2f} s"
            f"  ({f['rescreen_ratio']:.2f} × raw fetch, {f['households_per_s']:,} households/s)",
            f"  non-take-up first page        {f['non_take_up_first_page_ms']:9.2f} ms",
            f"  search as you type, p95       {f['search_p95_ms']:9.2f} ms",
            f"  open a household, p95         {f['open_household_ms']:9.2f} ms",
            f"  peak RSS                      {_megabytes(f['peak_rss_mb'])}"
            f"  (this process {_megabytes(f['peak_rss_parent_mb']).strip()}, worker "
            f"{_megabytes(f['peak_rss_worker_mb']).strip()})",
            f"  re-screen: {f['rescreen_mode']}; processor time: this process "
            f"{f['rescreen_cpu_s']:.2f} s, worker {_seconds(f['rescreen_worker_cpu_s'])}, "
            f"raw fetch {f['raw_fetch_cpu_s']:.2f} s",
        ]
    )


def _megabytes(value: float | None) -> str:
    return "unknown on this system" if value is None else f"{value:9.1f} MB"


def _seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f} s"


def _stage(log: TextIO, what: str) -> None:
    print(f"bench: {what} …", file=log, flush=True)


# -- the bench database -------------------------------------------------------------------


def cache_path(households: int, seed: int) -> Path:
    """The default bench database: one SQLite file per N and seed in the data folder."""
    folder = settings.load().data_dir / CACHE_FOLDER
    return folder / f"households-{households}-seed-{seed}.db"


def open_bench_database(url: str | None, households: int, seed: int, log: TextIO) -> Database:
    """The bench database, built when it is empty. A cache file holding anything else is
    made anew; a database given by URL that holds anything else is refused."""
    cached = url is None
    if url is None:
        path = cache_path(households, seed)
        url = f"sqlite:///{path.as_posix()}"
    try:
        db = Database.open(url, create=True)
    except StorageError:
        if not cached:
            raise
        # An outdated schema or a broken file: the cache is ours to throw away.
        _remove_sqlite(path)
        db = Database.open(url, create=True)
    state = _state(db, households, seed)
    if state == "ready":
        print(f"bench: reusing {db.location}", file=log, flush=True)
        return db
    if state == "other":
        if not cached:
            db.close()
            raise ValidationError(
                "--database",
                f"{db.location} holds other data than {households:,} demo households of seed "
                f"{seed}; give an empty database",
            )
        db.close()
        _remove_sqlite(path)
        db = Database.open(url, create=True)
    db.close()
    print(f"bench: building {households:,} demo households in {db.location}", file=log)
    build(url, households, seed, log)
    db = Database.open(url)
    _analyze(db)
    return db


def build(url: str, households: int, seed: int, log: TextIO) -> None:
    """Load the demo with `python -m sociaalhuis demo` in a child process.

    The URL goes through the environment, not the command line, where other users of the
    machine could read a password.
    """
    command = [sys.executable, "-m", "sociaalhuis", "demo", "--households", str(households)]
    env = {**os.environ, "SOCIAALHUIS_DATABASE_URL": url}
    done = subprocess.run(
        [*command, "--seed", str(seed)], env=env, capture_output=True, text=True, check=False
    )
    log.write(done.stdout)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise StorageError(
            url if url.startswith("sqlite") else "the bench database",
            f"building the demo failed: {lines[-1] if lines else done.returncode}",
        )


def _state(db: Database, households: int, seed: int) -> str:
    """'ready' (exactly the wanted demo), 'empty' or 'other'."""
    # Imported here, as the CLI's demo commands do: the generator is not needed to start up.
    from sociaalhuis.demo.loader import DEMO_ACTION

    with db.read() as session:
        count = session.scalar(select(func.count()).select_from(Household)) or 0
        query = select(AuditEvent.detail).where(AuditEvent.action == DEMO_ACTION)
        loads = [json.loads(detail) for detail in session.scalars(query)]
    if count == 0 and not loads:
        return "empty"
    wanted = {"households": households, "seed": seed}
    if count == households and [{k: d.get(k) for k in wanted} for d in loads] == [wanted]:
        return "ready"
    return "other"


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _clear_findings(db: Database) -> None:
    """Forget stored findings, so the first screen starts as on a fresh database: they are
    derived data, and only an earlier bench run stored them here."""
    with db.write() as session:
        session.execute(delete(StoredFinding))
        session.execute(delete(Screening))
    if not db.is_sqlite:
        # Deleted rows stay in PostgreSQL's tables until a vacuum; a fresh database has none.
        with db.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            for table in (StoredFinding.__tablename__, Screening.__tablename__):
                connection.exec_driver_sql(f"VACUUM ANALYZE {table}")


def _analyze(db: Database) -> None:
    """PostgreSQL statistics after a bulk change, as autovacuum soon has them; without, the
    planner guesses from an empty table. SQLite plans without statistics in the application."""
    if db.is_sqlite:
        return
    with db.engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")


# -- measurements ---------------------------------------------------------------------------


def raw_fetch(db: Database, on: date) -> tuple[float, int]:
    """Seconds to run the screen's own reads (households, members, facts valid on `on`) over
    every household, in the runner's batches, every row into Python and nothing else; the
    yardstick of `rescreen_ratio`. Also the rows read."""
    ids = all_household_ids(db)
    rows = 0
    started = time.perf_counter()
    with db.read() as session:
        for start in range(0, len(ids), DEFAULT_BATCH):
            rows += columns.raw_fetch(session, ids[start : start + DEFAULT_BATCH], on)
    return time.perf_counter() - started, rows


def plain_fetch(db: Database) -> tuple[float, int]:
    """Seconds to read every household's members (role, birth date) and every fact's
    household, person, key, kind, values and validity as the ORM types them, in one query
    each, and the rows read: the facts as a plain program would fetch them."""
    members = select(
        HouseholdMember.household_id,
        HouseholdMember.person_id,
        HouseholdMember.role,
        Person.birth_date,
    ).join(Person, Person.id == HouseholdMember.person_id)
    facts = select(
        Fact.household_id,
        Fact.person_id,
        Fact.key,
        Fact.kind,
        Fact.value_bool,
        Fact.value_number,
        Fact.value_date,
        Fact.value_text,
        Fact.valid_from,
        Fact.valid_until,
    )
    rows = 0
    started = time.perf_counter()
    with db.read() as session:
        connection = session.connection().execution_options(yield_per=FETCH_ROWS)
        for query in (members, facts):
            for part in connection.execute(query).partitions():
                rows += len(part)
    return time.perf_counter() - started, rows


def first_page_ms(db: Database) -> float:
    """Milliseconds to read the first page of the non-take-up list in a new session."""
    started = time.perf_counter()
    with db.read() as session:
        store.non_take_up(session, limit=PAGE)
    return (time.perf_counter() - started) * 1000


def typed_queries(db: Database, rng: random.Random, count: int) -> list[str]:
    """Every prefix of real names, addresses and national numbers, as a worker types them."""
    with db.read() as session:
        sample = session.execute(
            select(
                Person.family_name,
                Person.given_name,
                Person.national_number,
                Household.street,
                Household.house_number,
            )
            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
            .join(Household, Household.id == HouseholdMember.household_id)
            .where(HouseholdMember.role == "applicant")
            .limit(20_000)
        ).all()
    queries: list[str] = []
    while len(queries) < count:
        family, given, number, street, house_number = rng.choice(sample)
        typed = rng.choice(
            [f"{family} {given}", f"{street} {house_number}", number or f"{given} {family}"]
        )
        queries += [typed[:end] for end in range(1, len(typed) + 1) if typed[end - 1] != " "]
    return queries[:count]


def search_timings(service: HouseholdService, actor: Actor, queries: Sequence[str]) -> list[float]:
    """Milliseconds of `HouseholdService.find` per query, after one search that opens the
    pool's first connection, as the window has it."""
    service.find(actor, "a")
    return [timed_ms(lambda q=q: service.find(actor, q)) for q in queries]


def all_household_ids(db: Database) -> list[uuid.UUID]:
    with db.read() as session:
        return list(session.scalars(select(Household.id).order_by(Household.id)))


def open_household(
    service: HouseholdService,
    actor: Actor,
    catalog: Catalog,
    evaluator: Evaluator,
    household_id: uuid.UUID,
    on: date,
) -> tuple[float, HouseholdSituation, list[Verdict]]:
    """Milliseconds to open a household as the desk does (`get`, its situation and the whole
    catalog evaluated), with that situation and the verdicts."""
    started = time.perf_counter()
    found = situation_for(catalog, service.get(actor, household_id), on)
    verdicts = evaluator.evaluate(found.situation, on)
    return (time.perf_counter() - started) * 1000, found, verdicts


def timed_ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _timed_s(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def p95(timings: Sequence[float]) -> float:
    """The 95th percentile, interpolated between the measured values (never beyond the max)."""
    if len(timings) == 1:
        return timings[0]
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB (MiB), or None where it cannot be read."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Kilobytes on Linux, bytes on macOS.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
