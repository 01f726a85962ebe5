"""Benchmark: generate demo households, then load them into a temporary SQLite database.

Run `.venv/bin/python tests/benchmarks/demo_load.py --households 100000`. The database is
made in a temporary folder and removed afterwards. pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.bench import peak_rss_mb
from sociaalhuis.demo.generator import generate
from sociaalhuis.demo.loader import load
from sociaalhuis.storage.database import Database

TARGET_SECONDS = 60.0


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>12,.0f} rows/s" if seconds > 0 else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000, metavar="N")
    parser.add_argument("--seed", type=int, default=2026, metavar="S")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="sociaalhuis-bench-"))
    path = folder / "demo.db"
    try:
        db = Database.open(f"sqlite:///{path.as_posix()}", create=True)
        try:
            with db.write() as session:
                actor = ensure_user(session, "system", "Systeem", "system")

            def progress(done: int, total: int) -> None:
                print(f"\r  loading {done:,}/{total:,} households", end="", file=sys.stderr)

            # Load first: its peak memory is then not hidden by generate's, which keeps
            # every row at once while load streams them chunk by chunk.
            started = time.perf_counter()
            summary = load(db, actor, args.households, args.seed, progress)
            load_seconds = time.perf_counter() - started
            load_peak = peak_rss_mb()
            print(file=sys.stderr)

            started = time.perf_counter()
            rows = generate(args.households, args.seed, recorded_by=actor.user_id)
            generate_seconds = time.perf_counter() - started
            generated = rows.summary()
            del rows
            generate_peak = peak_rss_mb()
        finally:
            db.close()  # the last connection checkpoints the WAL into the file
        size = sum(p.stat().st_size for p in folder.iterdir())
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    rows_total = summary.households + summary.persons + summary.members + summary.facts
    insert_seconds = load_seconds - generate_seconds
    print(f"demo benchmark: {args.households:,} households, seed {args.seed}")
    print(
        f"  rows:      {summary.households:,} households, {summary.persons:,} persons, "
        f"{summary.members:,} members, {summary.facts:,} facts = {rows_total:,}"
    )
    print(f"  generate:  {generate_seconds:8.1f} s {_rate(rows_total, generate_seconds)}")
    print(
        f"  load:      {load_seconds:8.1f} s {_rate(rows_total, load_seconds)}"
        "  (generates and inserts, one transaction)"
    )
    print(
        f"  insert:    {insert_seconds:8.1f} s"
        f" {_rate(rows_total, insert_seconds)}  (load - generate)"
    )
    print(f"  database:  {size / 1024 / 1024:8.1f} MiB ({size / max(rows_total, 1):.0f} bytes/row)")
    if load_peak is not None and generate_peak is not None:
        print(
            f"  peak RSS:  {load_peak:8.1f} MiB after load, {generate_peak:.1f} MiB after generate"
        )
    verdict = "ok" if load_seconds < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"  target:    load < {TARGET_SECONDS:.0f} s: {verdict}")
    if generated != summary:
        print("  note: generate and load made different counts", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
