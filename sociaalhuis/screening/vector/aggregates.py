"""The functions a condition may call, over columns: any/all/count/sum over member rows,
membership in a list, years/months between dates, min/max, round and if.

Each follows its counterpart in `sociaalhuis.catalog.functions` / `compiler` row by row,
including where that one stops early (`any` stops at the first member that holds, so an
error in a later member never surfaces).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np

from sociaalhuis.screening.vector import values as v
from sociaalhuis.screening.vector.caseload import Caseload
from sociaalhuis.screening.vector.values import Col, Doubt

NONE = np.iinfo(np.int64).max


def first_slot(mask: np.ndarray, owner: np.ndarray, slot: np.ndarray, size: int) -> np.ndarray:
    """Per household, the member position of its first row in `mask` (NONE if none)."""
    first = np.full(size, NONE, dtype=np.int64)
    rows = np.flatnonzero(mask)[::-1]
    # Repeated indices: the last assignment wins, so going backwards the first row wins.
    first[owner[rows]] = slot[rows]
    return first


def per_household(mask: np.ndarray, owner: np.ndarray, size: int) -> np.ndarray:
    return np.bincount(owner[mask], minlength=size)


def gather_deps(
    deps: np.ndarray | None, mask: np.ndarray, caseload: Caseload, clean: np.ndarray | None = None
) -> np.ndarray | None:
    """Per household, the union of the bit sets of its member rows in `mask` (`clean`: rows
    whose bit sets are zero already, as `values.keep`)."""
    chosen = v.keep(deps, mask, clean)
    if chosen is None:
        return None
    filled = caseload.counts > 0
    if filled.all():
        return np.bitwise_or.reduceat(chosen, caseload.starts, axis=0)
    result = np.zeros((caseload.size, chosen.shape[1]), dtype=np.uint64)
    if filled.any():
        result[filled] = np.bitwise_or.reduceat(chosen, caseload.starts[filled], axis=0)
    return result


def aggregate(name: str, group: Col | None, body: Col | None, caseload: Caseload) -> Col:
    rows = len(caseload.owner)
    inside = group if group is not None else v.constant_bool(True, rows)
    if name == "all":
        return v.not3(_any(inside, v.not3(body), caseload))  # type: ignore[arg-type]
    if name == "any":
        return _any(inside, body, caseload)  # type: ignore[arg-type]
    if name == "count":
        return _count(inside, body, caseload)
    return _sum(inside, body, caseload)  # type: ignore[arg-type]


def _any(inside: Col, body: Col, caseload: Caseload) -> Col:
    size, owner, slot = caseload.size, caseload.owner, caseload.slot
    value = v.and3(inside, body)
    err = value.err if value.err is not None else np.zeros(len(owner), dtype=bool)
    holds = value.true & ~err
    unknown = ~value.known & ~err
    any_true = per_household(holds, owner, size) > 0
    any_unknown = per_household(unknown, owner, size) > 0
    known = any_true | ~any_unknown
    gathered = gather_deps(value.deps, unknown, caseload, value.known)
    deps = v.keep(gathered, ~known, ~any_unknown)
    failed = None
    if err.any():
        failed = first_slot(err, owner, slot, size) < first_slot(holds, owner, slot, size)
    return v.boolean(any_true, known, deps, failed)


def _count(inside: Col, body: Col | None, caseload: Caseload) -> Col:
    size, owner = caseload.size, caseload.owner
    value = inside if body is None else v.and3(inside, body)
    sure = per_household(value.true, owner, size).astype(np.float64)
    unknown = ~value.known
    maybe = per_household(unknown, owner, size).astype(np.float64)
    known = maybe == 0
    deps = v.keep(gather_deps(value.deps, unknown, caseload, value.known), ~known, known)
    failed = None if value.err is None else per_household(value.err, owner, size) > 0
    return v.number(sure, sure + maybe, known, np.ones(size, dtype=bool), deps, failed)


def _sum(inside: Col, body: Col, caseload: Caseload) -> Col:
    size, owner, slot = caseload.size, caseload.owner, caseload.slot
    counts = ~inside.false
    sure = inside.true
    # A member who may or may not belong adds between 0 and its value.
    lo = np.where(sure, body.lo, np.minimum(body.lo, 0.0))  # type: ignore[call-overload]
    hi = np.where(sure, body.hi, np.maximum(body.hi, 0.0))  # type: ignore[call-overload]
    point = sure & body.known
    deps = v.union(v.keep(inside.deps, ~sure), v.keep(body.deps, ~body.known))
    # While every addend so far is one point the total stays a known number and the facts
    # behind those addends are dropped (logic.ranged); from the first range on they count.
    addend_point = point | (~sure & counts & (lo == hi) & np.isfinite(lo))
    first_range = first_slot(counts & ~addend_point, owner, slot, size)
    later = counts & (slot >= first_range[owner])
    total_lo = np.bincount(owner, weights=np.where(counts, lo, 0.0), minlength=size)
    total_hi = np.bincount(owner, weights=np.where(counts, hi, 0.0), minlength=size)
    known = first_range == NONE
    total_deps = v.keep(gather_deps(deps, later, caseload), ~known)
    exact_rows = np.where(counts, body.exact, True)  # type: ignore[call-overload]
    exact = per_household(~exact_rows, owner, size) == 0
    exact &= v.whole_or_infinite(total_lo) & v.whole_or_infinite(total_hi)
    err = v.either(inside.err, v.only(body.err, counts))
    failed = None if err is None else per_household(err, owner, size) > 0
    return v.number(total_lo, total_hi, known, exact, total_deps, failed)


def membership(
    subject: Col, items: list[Any], negate: bool, doubt: Doubt, owner: np.ndarray | None
) -> Col:
    """`subject in [items]` as the compiler's membership, ranges included."""
    rows = len(subject)
    found = np.zeros(rows, dtype=bool)
    if subject.kind == "num":
        numbers = [float(item) for item in items if isinstance(item, Decimal)]
        near = np.zeros(rows, dtype=bool)
        within = np.zeros(rows, dtype=bool)
        for item in numbers:
            found |= subject.lo == item  # type: ignore[operator]
            near |= _close(subject.lo, item) | _close(subject.hi, item)  # type: ignore[arg-type]
            within |= (subject.lo <= item) & (subject.hi >= item)  # type: ignore[operator]
        exact = subject.exact & np.array([item == int(item) for item in numbers] or [True]).all()  # type: ignore[operator]
        doubt.mark(near & ~(subject.known & exact), owner)
        ranged = ~subject.known & np.isfinite(subject.lo)  # type: ignore[arg-type]
        settled = ranged & ~within
        known = subject.known | settled
        val = np.where(subject.known, found != negate, negate)
        return v.boolean(val, known, v.keep(subject.deps, ~known, subject.known), subject.err)
    for item in items:
        element = item.toordinal() if subject.kind == "date" else item
        found |= np.asarray(subject.val == element, dtype=bool)
    deps = v.keep(subject.deps, ~subject.known, subject.known)
    return v.boolean(found != negate, subject.known, deps, subject.err)


def _close(column: np.ndarray, item: float) -> np.ndarray:
    finite = np.isfinite(column)
    safe = np.where(finite, column, 0.0)
    return finite & (np.abs(safe - item) <= v.CLOSE * np.maximum(1.0, np.abs(safe)))


def between(name: str, start: Col, end: Col) -> Col:
    """Whole years or months from `start` to `end` (logic.full_months), as exact integers."""
    known = start.known & end.known
    days = np.where(known, start.val, 1), np.where(known, end.val, 1)  # type: ignore[call-overload]
    parts = [_ymd(d) for d in days]
    (sy, sm, sd), (ey, em, ed) = parts
    months = (ey - sy) * 12 + em - sm
    months = np.where((months > 0) & (ed < sd), months - 1, months)
    months = np.where((months < 0) & (ed > sd), months + 1, months)
    if name == "years_between":
        months = np.floor_divide(months, 12)
    value = months.astype(np.float64)
    lo = np.where(known, value, -np.inf)
    hi = np.where(known, value, np.inf)
    deps = v.keep(v.union(start.deps, end.deps), ~known, known)
    return v.number(lo, hi, known, np.ones(len(lo), dtype=bool), deps, v.either(start.err, end.err))


def _ymd(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # datetime64 counts days from 1970-01-01, which is ordinal 719163.
    days = (ordinals - 719163).astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def extreme(name: str, a: Col, b: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    pick = np.minimum if name == "min" else np.maximum
    lo = pick(a.lo, b.lo)  # type: ignore[call-overload]
    hi = pick(a.hi, b.hi)  # type: ignore[call-overload]
    deps = v.union(a.deps, b.deps)
    exact = a.exact & b.exact  # type: ignore[operator]
    return v.ranged(lo, hi, deps, exact, v.either(a.err, b.err), doubt, owner)


def rounded(a: Col, digits: int, doubt: Doubt, owner: np.ndarray | None) -> Col:
    """round(x, d) half away from zero, as Decimal's ROUND_HALF_UP; unknowns pass through."""
    scale = 10.0**digits
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = np.abs(a.lo) * scale  # type: ignore[operator]
        fraction = scaled - np.floor(scaled)
        half = np.abs(fraction - 0.5) <= v.CLOSE * np.maximum(1.0, scaled)
        value = np.sign(a.lo) * np.floor(scaled + 0.5) / scale  # type: ignore[arg-type]
    exact_in = a.exact if digits >= 0 else np.zeros(len(a), dtype=bool)
    doubt.mark(a.known & half & ~exact_in, owner)  # type: ignore[operator]
    value = np.where(exact_in, a.lo, value)  # type: ignore[call-overload]
    lo = np.where(a.known, value, a.lo)  # type: ignore[call-overload]
    hi = np.where(a.known, value, a.hi)  # type: ignore[call-overload]
    integral = (value == np.floor(value)) & (np.abs(value) < v.EXACT_LIMIT)
    exact = np.where(a.known, exact_in | ((digits <= 0) & integral), a.exact)  # type: ignore[call-overload]
    return v.number(lo, hi, a.known, exact, a.deps, a.err)


def choose(test: Col, then: Col, otherwise: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    """if(test, then, otherwise): the branch the test picks, or what both allow (logic.hull)."""
    unknown = ~test.known
    err = v.either(
        test.err,
        v.either(
            v.only(then.err, test.true | unknown), v.only(otherwise.err, test.false | unknown)
        ),
    )
    picked = v.pick(test.true, then, otherwise)
    hull = _hull(test, then, otherwise, doubt, owner)
    result = v.pick(unknown, hull, picked)
    result.err = err
    return result


def _hull(test: Col, a: Col, b: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    both = a.known & b.known
    deps = v.union(test.deps, v.union(a.deps, b.deps))
    if a.kind == "num":
        same = both & (a.lo == b.lo)  # type: ignore[operator]
        exact = a.exact & b.exact  # type: ignore[operator]
        doubt.mark(~test.known & both & ~exact & _close_pair(a.lo, b.lo), owner)  # type: ignore[arg-type]
        lo = np.where(same, a.lo, np.minimum(a.lo, b.lo))  # type: ignore[call-overload]
        hi = np.where(same, a.hi, np.maximum(a.hi, b.hi))  # type: ignore[call-overload]
        return v.number(lo, hi, same, exact & same, v.keep(deps, ~same))
    same = both & np.asarray(a.val == b.val, dtype=bool)
    return Col(a.kind, same, np.where(same, a.val, b.val), deps=v.keep(deps, ~same))  # type: ignore[call-overload]


def _close_pair(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    finite = np.isfinite(a) & np.isfinite(b)
    x, y = np.where(finite, a, 0.0), np.where(finite, b, 0.0)
    return finite & (np.abs(x - y) <= v.CLOSE * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y))))
