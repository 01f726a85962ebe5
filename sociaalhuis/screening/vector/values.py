"""Three-valued columns: one value per household (or per member row) with a "known" mask.

The column form of `sociaalhuis.catalog.logic`, with the same results row by row:
- yes/no, dates and texts: `val` where `known`;
- numbers: `lo` and `hi` per row (equal where known; the possible range where unknown);
- `deps`: a bit set per row (uint64 words) of the base facts an unknown row waits for,
  zero on known rows, or None when no row has any;
- `err`: rows where the single-household engine would raise (division by zero, a parameter
  without a value), or None.

Numbers are float64 where the engine uses Decimal. Wherever a float could decide otherwise
than exact decimals (two values too close to tell, a half to round), the row is marked in
`Doubt`, and the screen evaluates those households again with the exact engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Mask = np.ndarray
# Relative distance below which two floats may stand for decimals in the other order.
CLOSE = 1e-6
# Integers up to here are exact in float64, and so are their sums and products below 2**53.
EXACT_LIMIT = 2.0**40


@dataclass
class Col:
    """One value per row; see the module docstring for the fields."""

    kind: str  # bool, num, date, text
    known: Mask
    val: np.ndarray | None = None  # bool, date (int64 ordinals), text (object)
    lo: np.ndarray | None = None  # num
    hi: np.ndarray | None = None  # num
    # num: the floats are the exact decimals (integers, no division): the value where known,
    # the finite bounds where not
    exact: Mask | None = None
    deps: np.ndarray | None = None
    err: Mask | None = None

    def __len__(self) -> int:
        return len(self.known)

    @property
    def true(self) -> Mask:
        return self.known & self.val  # type: ignore[operator]

    @property
    def false(self) -> Mask:
        return self.known & ~self.val  # type: ignore[operator]

    def take(self, index: np.ndarray) -> Col:
        """The rows at `index` (a household column spread over its member rows)."""

        def pick(a: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a[index]

        return Col(
            self.kind,
            self.known[index],
            pick(self.val),
            pick(self.lo),
            pick(self.hi),
            pick(self.exact),
            pick(self.deps),
            pick(self.err),
        )


class Doubt:
    """Rows where floats cannot stand in for exact decimals; they go to the exact engine."""

    def __init__(self, rows: int) -> None:
        self.rows = np.zeros(rows, dtype=bool)

    def mark(self, mask: Mask, owner: np.ndarray | None) -> None:
        if not mask.any():
            return
        if owner is None:
            self.rows |= mask
        else:
            self.rows[owner[mask]] = True


# --- building columns ---------------------------------------------------------------


def boolean(val: Mask, known: Mask, deps: np.ndarray | None = None, err: Mask | None = None) -> Col:
    return Col("bool", known, val & known, deps=deps, err=err)


def constant_bool(value: bool, rows: int) -> Col:
    return Col("bool", np.ones(rows, dtype=bool), np.full(rows, value, dtype=bool))


def number(
    lo: np.ndarray,
    hi: np.ndarray,
    known: Mask,
    exact: Mask,
    deps: np.ndarray | None = None,
    err: Mask | None = None,
) -> Col:
    return Col("num", known, lo=lo, hi=hi, exact=exact, deps=deps, err=err)


def constant_number(value: float, rows: int) -> Col:
    column = np.full(rows, value, dtype=np.float64)
    exact = value == int(value) and abs(value) < EXACT_LIMIT if np.isfinite(value) else False
    return number(column, column.copy(), np.ones(rows, dtype=bool), np.full(rows, exact))


# --- masks and bit sets ------------------------------------------------------------


def either(a: Mask | None, b: Mask | None) -> Mask | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def only(a: Mask | None, where: Mask) -> Mask | None:
    return None if a is None else a & where


def union(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def keep(deps: np.ndarray | None, where: Mask, clean: Mask | None = None) -> np.ndarray | None:
    """`deps` on the rows of `where`, zero elsewhere (known rows wait for nothing). `clean`:
    rows where `deps` is zero already (its inputs were known there), which need no clearing;
    most of the time that leaves none or a few, and the bit sets are not copied or ANDed."""
    if deps is None or not where.any():
        return None
    if clean is not None:
        rows = np.flatnonzero(~(where | clean))
        if not len(rows):
            return deps  # never written to in place, so shared safely
        if len(rows) * 8 <= len(where):
            kept = deps.copy()
            kept[rows] = 0
            return kept
    # All ones where kept, zeros elsewhere: one AND instead of a select.
    ones = np.negative(where.astype(np.uint64))
    return deps & ones[:, None]


# --- logic ---------------------------------------------------------------------------


def and3(a: Col, b: Col) -> Col:
    """Kleene conjunction; `b`'s errors count only where `a` is not false (short circuit)."""
    false = a.false | b.false
    true = a.true & b.true
    known = false | true
    err = either(a.err, only(b.err, ~a.false))
    deps = keep(union(a.deps, b.deps), ~known, a.known & b.known)
    return boolean(true, known, deps, err)


def or3(a: Col, b: Col) -> Col:
    """Kleene disjunction; `b`'s errors count only where `a` is not true."""
    true = a.true | b.true
    false = a.false & b.false
    known = false | true
    err = either(a.err, only(b.err, ~a.true))
    deps = keep(union(a.deps, b.deps), ~known, a.known & b.known)
    return boolean(true, known, deps, err)


def not3(a: Col) -> Col:
    return Col("bool", a.known, ~a.val & a.known, deps=a.deps, err=a.err)  # type: ignore[operator]


# --- numbers -------------------------------------------------------------------------


def _mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    # As in logic._mul: in interval bounds 0 × ∞ is 0.
    with np.errstate(invalid="ignore"):
        return np.where((a == 0) | (b == 0), 0.0, a * b)


def ranged(
    lo: np.ndarray,
    hi: np.ndarray,
    deps: np.ndarray | None,
    exact: Mask,
    err: Mask | None,
    doubt: Doubt,
    owner: np.ndarray | None,
) -> Col:
    """As logic.ranged: a range of one finite point is that number, known."""
    finite = np.isfinite(lo)
    point = (lo == hi) & finite
    # A range that is a point in decimals may be a sliver in floats, or the reverse.
    sliver = ~point & finite & np.isfinite(hi) & _close(lo, hi) & ~exact
    doubt.mark(sliver, owner)
    return number(lo, hi, point, exact & point, keep(deps, ~point), err)


def _close(a: np.ndarray, b: np.ndarray) -> Mask:
    with np.errstate(invalid="ignore"):
        scale = np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
        return np.abs(a - b) <= CLOSE * scale


def arith(op: str, a: Col, b: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    """Interval arithmetic as logic.arith, with the same division-by-zero rule."""
    deps = union(a.deps, b.deps)
    err = either(a.err, b.err)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        if op == "+":
            lo, hi = a.lo + b.lo, a.hi + b.hi  # type: ignore[operator]
        elif op == "-":
            lo, hi = a.lo - b.hi, a.hi - b.lo  # type: ignore[operator]
        elif op == "*":
            products = (
                _mul(a.lo, b.lo),  # type: ignore[arg-type]
                _mul(a.lo, b.hi),  # type: ignore[arg-type]
                _mul(a.hi, b.lo),  # type: ignore[arg-type]
                _mul(a.hi, b.hi),  # type: ignore[arg-type]
            )
            lo = np.minimum.reduce(products)
            hi = np.maximum.reduce(products)
        else:
            return _divide(a, b, deps, err, doubt, owner)
    exact = a.exact & b.exact & whole_or_infinite(lo) & whole_or_infinite(hi)  # type: ignore[operator]
    if op == "*":
        # Times an exact zero is an exact zero, whatever the other factor (a count of none).
        exact |= _exact_zero(a) | _exact_zero(b)
    doubt.mark(np.isnan(lo) | np.isnan(hi), owner)
    return ranged(lo, hi, deps, exact, err, doubt, owner)


def _exact_zero(a: Col) -> Mask:
    return a.known & a.exact & (a.lo == 0)  # type: ignore[operator]


def whole_or_infinite(x: np.ndarray) -> Mask:
    """Floats that are exact decimals as far as this engine can tell: integers or ±∞."""
    with np.errstate(invalid="ignore"):
        return np.isinf(x) | ((x == np.floor(x)) & (np.abs(x) < EXACT_LIMIT))


def _divide(
    a: Col,
    b: Col,
    deps: np.ndarray | None,
    err: Mask | None,
    doubt: Doubt,
    owner: np.ndarray | None,
) -> Col:
    holds_zero = (b.lo <= 0) & (b.hi >= 0)  # type: ignore[operator]
    zero = holds_zero & (b.lo == 0) & (b.hi == 0)  # type: ignore[operator]
    quotients = []
    for x in (a.lo, a.hi):
        for y in (b.lo, b.hi):
            q = np.where(np.isfinite(x) & np.isinf(y), 0.0, x / np.where(y == 0, 1.0, y))  # type: ignore[operator]
            quotients.append(q)
    lo = np.minimum.reduce(quotients)
    hi = np.maximum.reduce(quotients)
    lo = np.where(holds_zero, -np.inf, lo)
    hi = np.where(holds_zero, np.inf, hi)
    doubt.mark(np.isnan(lo) | np.isnan(hi), owner)
    result = ranged(lo, hi, deps, np.zeros(len(lo), dtype=bool), either(err, zero), doubt, owner)
    return result


def negate(a: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    return arith("*", a, constant_number(-1.0, len(a)), doubt, owner)


def compare(op: str, a: Col, b: Col, doubt: Doubt, owner: np.ndarray | None) -> Col:
    """As logic.compare, for every kind of value."""
    both = a.known & b.known
    deps = keep(union(a.deps, b.deps), ~both, both)
    err = either(a.err, b.err)
    if a.kind != "num":
        # Dates, texts and yes/no: only two known values settle anything.
        val = _direct(op, a.val, b.val)  # type: ignore[arg-type]
        return boolean(val & both, both, deps, err)
    exact = a.exact & b.exact  # type: ignore[operator]
    direct = _direct(op, a.lo, b.lo)  # type: ignore[arg-type]
    doubt.mark(both & ~exact & _close(a.lo, b.lo), owner)  # type: ignore[arg-type]
    a_lo, a_hi, b_lo, b_hi = a.lo, a.hi, b.lo, b.hi
    if op in ("<", "<="):
        op, a_lo, a_hi, b_lo, b_hi = (">" if op == "<" else ">="), b_lo, b_hi, a_lo, a_hi
    with np.errstate(invalid="ignore"):
        if op == ">":
            true, false = a_lo > b_hi, a_hi <= b_lo  # type: ignore[operator]
            edges = [(a_lo, b_hi), (a_hi, b_lo)]
        elif op == ">=":
            true, false = a_lo >= b_hi, a_hi < b_lo  # type: ignore[operator]
            edges = [(a_lo, b_hi), (a_hi, b_lo)]
        else:
            apart = (a_hi < b_lo) | (b_hi < a_lo)  # type: ignore[operator]
            true, false = (
                (apart, np.zeros_like(apart))
                if op == "!="
                else (
                    np.zeros_like(apart),
                    apart,
                )
            )
            edges = [(a_hi, b_lo), (b_hi, a_lo)]
    ranges = ~both
    for x, y in edges:
        fin = np.isfinite(x) & np.isfinite(y)  # type: ignore[arg-type]
        doubt.mark(ranges & ~exact & fin & _close(np.where(fin, x, 0), np.where(fin, y, 0)), owner)  # type: ignore[arg-type]
    settled = ranges & (true | false)
    known = both | settled
    val = np.where(both, direct, true)
    return boolean(val, known, keep(deps, ~known, both), err)


def _direct(op: str, a: np.ndarray, b: np.ndarray) -> Mask:
    with np.errstate(invalid="ignore"):
        if op == "=":
            result = a == b
        elif op == "!=":
            result = a != b
        elif op == "<":
            result = a < b
        elif op == "<=":
            result = a <= b
        elif op == ">":
            result = a > b
        else:
            result = a >= b
    return np.asarray(result, dtype=bool)


def clamp(
    a: Col, lo: float | None, hi: float | None, doubt: Doubt, owner: np.ndarray | None
) -> Col:
    """As logic.clamp: an unknown number narrowed to the range its definition allows."""
    if (lo is None and hi is None) or a.known.all():
        return a
    new_lo = a.lo if lo is None else np.maximum(a.lo, lo)  # type: ignore[arg-type]
    new_hi = a.hi if hi is None else np.minimum(a.hi, hi)  # type: ignore[arg-type]
    changed = ~a.known & ((new_lo != a.lo) | (new_hi != a.hi))  # type: ignore[operator]
    if not changed.any():
        return a
    exact = a.exact & whole_or_infinite(new_lo) & whole_or_infinite(new_hi)  # type: ignore[operator, arg-type]
    narrowed = ranged(new_lo, new_hi, a.deps, exact, a.err, doubt, owner)  # type: ignore[arg-type]
    return pick(changed, narrowed, a)


def pick(where: Mask, a: Col, b: Col) -> Col:
    """Row by row: `a` where `where`, else `b` (both of one kind)."""

    def choose(x: np.ndarray | None, y: np.ndarray | None) -> np.ndarray | None:
        if x is None and y is None:
            return None
        if x is None or y is None:
            rows = len(where)
            if x is None:
                x = _blank(y, rows)  # type: ignore[arg-type]
            else:
                y = _blank(x, rows)
        mask = where if x.ndim == 1 else where[:, None]
        return np.where(mask, x, y)

    return Col(
        a.kind,
        np.where(where, a.known, b.known),
        choose(a.val, b.val),
        choose(a.lo, b.lo),
        choose(a.hi, b.hi),
        choose(a.exact, b.exact),
        choose(a.deps, b.deps),
        choose(a.err, b.err),
    )


def _blank(like: np.ndarray, rows: int) -> np.ndarray:
    return np.zeros(like.shape, dtype=like.dtype) if len(like) == rows else like
