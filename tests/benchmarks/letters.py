"""Benchmark: render referral letters and a batch of client overviews to PDF bytes.

Run `.venv/bin/python tests/benchmarks/letters.py`. Prints the first (cold) render, the
median and p95 of rendering one referral letter (target: median < 150 ms), and the time to
render 1,000 client overviews in nl, fr and en with 4 to 10 rights from the catalog each
(target: < 60 s). pytest does not collect this file.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Sequence

from sociaalhuis.catalog import loader
from sociaalhuis.letters import (
    ClientOverview,
    OverviewRight,
    demo,
    render_client_overview,
    render_referral_letter,
)
from sociaalhuis.letters.documents import LANGUAGES
from sociaalhuis.letters.texts import load

LETTER_TARGET_MS = 150.0
BATCH_TARGET_S = 60.0
NAMES = ("Aleksandra Wiśniewska", "Emre Öztürk", "Thi Lan Nguyễn", "Danica Ђорђевић", "محمد Ali")


def overviews(count: int) -> list[ClientOverview]:
    """`count` overviews, languages in turn, each with a different run of catalog rights."""
    rights = loader.load().rights
    made = []
    for n in range(count):
        language = LANGUAGES[n % len(LANGUAGES)]
        texts = load(language)
        size = 4 + n % 7
        chosen = [rights[(n * 3 + k) % len(rights)] for k in range(size)]
        made.append(
            ClientOverview(
                client_name=f"{NAMES[n % len(NAMES)]} {n}",
                date=demo.DAY,
                language=language,
                rights=tuple(
                    OverviewRight(
                        right.name,
                        texts[f"actions.{right.obtained}"],
                        right.provider,
                        tuple(right.documents),
                        right.summary if language == "nl" else "",
                    )
                    for right in chosen
                ),
                sender=demo.sender(),
                worker_name=demo.WORKER,
            )
        )
    return made


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=50, help="referral letters timed")
    parser.add_argument("--overviews", type=int, default=1_000, help="overviews in the batch")
    args = parser.parse_args(argv)

    letter = demo.referral_letter("nl")
    begin = time.perf_counter()
    pdf = render_referral_letter(letter)
    cold_ms = (time.perf_counter() - begin) * 1000
    print(f"first referral letter (registers the fonts): {cold_ms:.0f} ms, {len(pdf):,} bytes")

    timings = []
    for n in range(args.letters):
        one = dataclasses.replace(letter, reference=f"DV-2026-{n:04d}")
        begin = time.perf_counter()
        render_referral_letter(one)
        timings.append((time.perf_counter() - begin) * 1000)
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"one referral letter: median {median:.1f} ms, p95 {p95:.1f} ms (of {args.letters})")

    batch = overviews(args.overviews)
    begin = time.perf_counter()
    size = sum(len(render_client_overview(overview)) for overview in batch)
    seconds = time.perf_counter() - begin
    print(
        f"{len(batch):,} client overviews: {seconds:.1f} s "
        f"({seconds / len(batch) * 1000:.1f} ms each, {size / 1e6:.0f} MB of PDF)"
    )

    letter_ok = "ok" if median < LETTER_TARGET_MS else "NOT MET"
    per_thousand = seconds * 1000 / len(batch)
    batch_ok = "ok" if per_thousand < BATCH_TARGET_S else "NOT MET"
    print(f"target: referral letter median < {LETTER_TARGET_MS:.0f} ms: {letter_ok}")
    print(f"target: 1,000 overviews < {BATCH_TARGET_S:.0f} s ({per_thousand:.1f} s): {batch_ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
