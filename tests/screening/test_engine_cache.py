"""The column engine keeps a computed part of a condition only when the catalog reads that
part more than once; what it no longer keeps it computes again, with the same findings."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from sociaalhuis.catalog import loader
from sociaalhuis.eligibility import situation as situations
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.vector import interpreter, screen
from sociaalhuis.screening.vector.caseload import Caseload
from sociaalhuis.screening.vector.screen import screen_columns

SHIPPED = loader.load()
EVALUATOR = Evaluator(SHIPPED)
BATCH = [situations.parse(SHIPPED, case.situation) for case in SHIPPED.cases]


def screened_with_runs(monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[interpreter.Run]]:
    runs: list[interpreter.Run] = []

    class Noted(interpreter.Run):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            runs.append(self)

    monkeypatch.setattr(screen, "Run", Noted)
    table = MissingTable()
    verdicts, missing, doubtful = screen_columns(EVALUATOR, BATCH, SHIPPED.cases[0].on, table)
    names = [[table.lists[code] for code in row] for row in missing.tolist()]
    return (verdicts.tolist(), names, doubtful.tolist()), runs


def test_only_parts_read_more_than_once_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    found, runs = screened_with_runs(monkeypatch)
    assert runs
    recurring = interpreter.recurring(SHIPPED, runs[0].key)
    # count(gezin) and the like recur across rights; most parts are read once.
    assert recurring
    for run in runs:
        assert run.cache
        assert {key for key, _ in run.cache} <= recurring | {f"group {g}" for g in recurring}

    monkeypatch.setattr(interpreter, "recurring", lambda catalog, key_of: _Everything())
    kept_all, every_runs = screened_with_runs(monkeypatch)
    assert kept_all == found
    assert sum(len(r.cache) for r in every_runs) > 2 * sum(len(r.cache) for r in runs)


def test_the_recurring_parts_are_read_more_than_once() -> None:
    run = interpreter.Run(SHIPPED, _one_household(), SHIPPED.cases[0].on, {})
    recurring = interpreter.recurring(SHIPPED, run.key)
    assert recurring == run.recurring
    used = [n for right in SHIPPED.rights for n in _parts(right.when_node, run.key)]
    once = {key for key in used if used.count(key) == 1}
    twice = {key for key in used if used.count(key) > 1}
    assert twice <= recurring
    assert once - recurring, "a part written once in a right should not be kept"


class _Everything(frozenset[str]):
    def __contains__(self, item: object) -> bool:
        return True


def _one_household() -> Caseload:
    return Caseload(SHIPPED, [["m1"]], {}, {})


def _parts(node: Any, key_of: Any) -> list[str]:
    if node is None:
        return []
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, interpreter.Unary):
            found.append(key_of(current))
            stack.append(current.operand)
        elif isinstance(current, interpreter.Binary):
            found.append(key_of(current))
            stack.append(current.left)
            if current.op not in ("in", "notin"):
                stack.append(current.right)
        elif isinstance(current, interpreter.Call):
            found.append(key_of(current))
            stack.extend(current.args)
    return found


def test_kept_columns_are_those_of_the_whole_batch() -> None:
    """Screening the batch whole or household by household gives the same verdicts, so a part
    kept for one right is never a stale one from another band."""
    on = SHIPPED.cases[0].on
    table = MissingTable()
    whole = screen_columns(EVALUATOR, BATCH, on, table)[0]
    each = np.vstack([screen_columns(EVALUATOR, [s], on, MissingTable())[0] for s in BATCH])
    assert whole.tolist() == each.tolist()
