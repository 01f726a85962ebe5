"""Screen a batch of households column-wise: every right over every household at once.

The steps are those of `Evaluator.evaluate` for one household — implied facts first, then
each right in catalog order (its condition, its routes, `eligible()` of earlier rights) —
but each step runs once over the whole batch. Households where floats could not stand in
for exact decimals (see `values.Doubt`) are evaluated again with the `Evaluator`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from sociaalhuis.catalog.model import FactDef, RightDef
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.vector import values as v
from sociaalhuis.screening.vector.caseload import Caseload, Layout, fill, scalar
from sociaalhuis.screening.vector.interpreter import Run
from sociaalhuis.screening.vector.values import EXACT_LIMIT, Col

NOT, POSSIBLY, ELIGIBLE, RECEIVES = 0, 1, 2, 3  # the order of screening.engine.VERDICTS
MIX = np.uint64(0x9E3779B97F4A7C15)  # mixes the words of a bit set into one number
SHIFT = np.uint64(31)


def safe(col: Col) -> Col:
    """Where evaluating raised, an unknown that waits for nothing (as `engine._safe`)."""
    if col.err is None or not col.err.any():
        col.err = None
        return col
    known = col.known & ~col.err
    deps = v.keep(col.deps, ~known & ~col.err)
    return Col(col.kind, known, col.val, col.lo, col.hi, col.exact, deps)


def screen_columns(
    evaluator: Evaluator, situations: Sequence[Situation], on: date, table: MissingTable
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`screen_caseload` of situations held in memory."""
    caseload = Caseload.from_situations(evaluator.catalog, situations)
    return screen_caseload(evaluator, caseload, on, table)


def screen_caseload(
    evaluator: Evaluator, caseload: Caseload, on: date, table: MissingTable
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Verdict codes and missing-fact codes (into `table`) [households, rights], and which
    households the floats could not settle (a mask; their rows are to be done exactly)."""
    rights = evaluator.catalog.rights
    verdicts = np.zeros((caseload.size, len(rights)), dtype=np.uint8)
    missing = np.zeros((caseload.size, len(rights)), dtype=np.int32)
    doubtful = np.zeros(caseload.size, dtype=bool)
    for rows, part in caseload.bands():
        codes, lists, doubt = _screen_part(evaluator, part, on, table)
        verdicts[rows] = codes
        missing[rows] = lists
        doubtful[rows] = doubt
        del part  # before the next part is made
    return verdicts, missing, doubtful


def _screen_part(
    evaluator: Evaluator, caseload: Caseload, on: date, table: MissingTable
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    catalog = evaluator.catalog
    run = Run(catalog, caseload, on, evaluator.params(on))
    _imply(run, evaluator.implied)
    rights = catalog.rights
    verdicts = np.zeros((caseload.size, len(rights)), dtype=np.uint8)
    missing = np.zeros((caseload.size, len(rights)), dtype=np.int32)
    waiting: list[tuple[int, np.ndarray, np.ndarray]] = []  # right, rows, their bit sets
    for r, right in enumerate(rights):
        result, receives = _right(run, right)
        verdicts[:, r] = np.where(
            result.true,
            np.where(receives, RECEIVES, ELIGIBLE),
            np.where(result.known, NOT, POSSIBLY),
        )
        rows = np.flatnonzero(~result.known)
        if len(rows) and result.deps is not None:
            waiting.append((r, rows, result.deps[rows]))
    _decode(caseload, waiting, missing, table)
    return verdicts, missing, caseload.doubt.rows


def _imply(run: Run, implied: list[FactDef]) -> None:
    """Give each implied fact its `otherwise` value wherever it is unknown and not asked."""
    for fact in implied:
        member = fact.about == "person"
        base = run.members if member else run.household
        col = base[fact.key]
        test = safe(run.eval(fact.asked_when_node, member))  # type: ignore[arg-type]
        given = ~col.known & test.false
        if given.any():
            base[fact.key] = _with_value(col, given, fact.otherwise)
            run.forget(fact.key)


def _with_value(col: Col, where: np.ndarray, value: Any) -> Col:
    known = col.known | where
    deps = v.keep(col.deps, ~known)
    kind, element = scalar(value)
    if col.kind == "num":
        lo = np.where(where, element, col.lo)  # type: ignore[call-overload]
        hi = np.where(where, element, col.hi)  # type: ignore[call-overload]
        whole = element == int(element) and abs(element) < EXACT_LIMIT
        exact = np.where(where, whole, col.exact)  # type: ignore[call-overload]
        return v.number(lo, hi, known, exact, deps)
    index = np.flatnonzero(where)
    column = col.val.copy()  # type: ignore[union-attr]
    column[index] = fill(kind, len(column), index, [value] * len(index))[index]
    return Col(col.kind, known, column, deps=deps)


def _right(run: Run, right: RightDef) -> tuple[Col, np.ndarray]:
    size = run.caseload.size
    if right.when_node is None:
        condition = v.constant_bool(True, size)
    else:
        condition = safe(run.eval(right.when_node, False))
    receives = np.zeros(size, dtype=bool)
    if right.routes:
        any_route = v.constant_bool(False, size)
        for route in right.routes:
            value = safe(run.eval(route.node, False))  # type: ignore[arg-type]
            any_route = v.or3(any_route, value)
            if route.receives:
                receives |= value.true
        result = v.and3(condition, any_route)
        receives &= ~condition.false
    else:
        result = condition
    run.rights[right.id] = result
    return result, receives


def _decode(
    caseload: Caseload,
    waiting: list[tuple[int, np.ndarray, np.ndarray]],
    missing: np.ndarray,
    table: MissingTable,
) -> None:
    """Write the code of the facts each possibly-eligible household waits for, for every
    right at once: (right, rows, bit sets of those rows) in `waiting`."""
    if not waiting:
        return
    if not caseload.standard_ids:
        for right, rows, bits in waiting:
            for k, row in enumerate(rows.tolist()):
                missing[row, right] = table.code(caseload.missing(row, bits[k]))
        return
    # Member ids are m1, m2, … everywhere: decode each distinct bit set once, over all rights
    # (they share many), and look the rest up among those of earlier batches.
    bits = np.concatenate([bits for _, _, bits in waiting])
    first, inverse = distinct(bits)
    unique = bits[first]
    keys = [row.tobytes() for row in unique]
    seen = _seen_names(caseload.layout)
    unseen = [k for k, key in enumerate(keys) if key not in seen]
    if unseen:
        decoded = caseload.layout.standard_names(unique[unseen])
        seen.update(zip([keys[k] for k in unseen], decoded, strict=True))
    codes = np.fromiter((table.code(seen[key]) for key in keys), np.int32, len(keys))
    rows = np.concatenate([rows for _, rows, _ in waiting])
    rights = np.repeat([right for right, _, _ in waiting], [len(rows) for _, rows, _ in waiting])
    missing[rows, rights] = codes[inverse]


# The fact names of bit sets decoded in earlier batches, per layout of facts: most recur.
_SEEN: dict[tuple[tuple[str, ...], tuple[str, ...]], dict[bytes, tuple[str, ...]]] = {}
SEEN_KEPT = 50_000  # bit sets remembered at most (a few MB)


def _seen_names(layout: Layout) -> dict[bytes, tuple[str, ...]]:
    key = (tuple(layout.household), tuple(layout.person))
    seen = _SEEN.get(key)
    if seen is None or len(seen) > SEEN_KEPT:
        _SEEN.clear()
        seen = _SEEN[key] = {}
    return seen


def distinct(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct bit set, and for every row which one it is."""
    mixed = bits[:, 0].copy()
    for word in range(1, bits.shape[1]):
        # Fold the high bits down before multiplying: sparse sets collided without it.
        mixed = (mixed ^ (mixed >> SHIFT)) * MIX ^ bits[:, word]
    _, first, inverse = np.unique(mixed, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    if (bits == bits[first][inverse]).all():
        return first, inverse
    # Two bit sets mixed to one number: sort the rows themselves.
    keys = bits.view(np.dtype((np.void, bits.shape[1] * 8))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return first, inverse.ravel()
