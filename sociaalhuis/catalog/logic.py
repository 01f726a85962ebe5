"""Three-valued values: a known value is a plain Python value, an unknown one an `Unknown`.

An `Unknown` names the base facts it depends on (`m2.birth_date`, `household_income`) and,
for numbers, the range the value may still take. Every operation here is monotone: knowing
more never turns a known result unknown, and never adds facts to an unknown one.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

INF = Decimal("Infinity")
NINF = Decimal("-Infinity")
ZERO = Decimal(0)
ONE = Decimal(1)
NO_DEPS: frozenset[str] = frozenset()


class Unknown:
    """A value not known yet: the facts that would settle it, and its possible range."""

    __slots__ = ("deps", "hi", "lo")

    def __init__(self, deps: frozenset[str], lo: Decimal = NINF, hi: Decimal = INF) -> None:
        self.deps = deps
        self.lo = lo
        self.hi = hi

    def __repr__(self) -> str:
        bounds = "" if self.lo == NINF and self.hi == INF else f" [{self.lo}, {self.hi}]"
        return f"Unknown({sorted(self.deps)}{bounds})"


Value = bool | Decimal | date | str | Unknown


def deps_of(value: Any) -> frozenset[str]:
    return value.deps if type(value) is Unknown else NO_DEPS


def bounds(value: Any) -> tuple[Any, Any]:
    if type(value) is Unknown:
        return value.lo, value.hi
    return value, value


def and3(a: Any, b: Any) -> Any:
    """Kleene conjunction."""
    if a is False or b is False:
        return False
    if a is True:
        return b
    if b is True:
        return a
    return Unknown(a.deps | b.deps)


def or3(a: Any, b: Any) -> Any:
    """Kleene disjunction."""
    if a is True or b is True:
        return True
    if a is False:
        return b
    if b is False:
        return a
    return Unknown(a.deps | b.deps)


def not3(a: Any) -> Any:
    if a is True:
        return False
    if a is False:
        return True
    return a


def ranged(lo: Decimal, hi: Decimal, deps: frozenset[str]) -> Any:
    """The value in [lo, hi]: the number itself when the range is one finite point."""
    if lo == hi and lo.is_finite():
        return lo
    return Unknown(deps, lo, hi)


def _mul(a: Decimal, b: Decimal) -> Decimal:
    # In interval bounds 0 × ∞ is 0: the unbounded side only says "no limit known".
    if not a or not b:
        return ZERO
    return a * b


def arith(op: str, a: Any, b: Any) -> Any:
    """Interval arithmetic; a division by a range that holds zero has no known bounds."""
    a_lo, a_hi = bounds(a)
    b_lo, b_hi = bounds(b)
    deps = deps_of(a) | deps_of(b)
    if op == "+":
        return ranged(a_lo + b_lo, a_hi + b_hi, deps)
    if op == "-":
        return ranged(a_lo - b_hi, a_hi - b_lo, deps)
    if op == "*":
        products = (_mul(a_lo, b_lo), _mul(a_lo, b_hi), _mul(a_hi, b_lo), _mul(a_hi, b_hi))
        return ranged(min(products), max(products), deps)
    # division
    if b_lo <= 0 <= b_hi:
        if b_lo == b_hi == 0:
            raise ZeroDivisionError("division by zero")
        return Unknown(deps)
    quotients = []
    for x in (a_lo, a_hi):
        for y in (b_lo, b_hi):
            quotients.append(ZERO if x.is_finite() and y.is_infinite() else x / y)
    return ranged(min(quotients), max(quotients), deps)


def compare(op: str, a: Any, b: Any) -> Any:
    """`a op b` when both are known; on ranges true or false only when every value agrees."""
    if type(a) is not Unknown and type(b) is not Unknown:
        if op == "=":
            return a == b
        if op == "!=":
            return a != b
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b
    deps = deps_of(a) | deps_of(b)
    if not isinstance(a, Decimal | Unknown) or not isinstance(b, Decimal | Unknown):
        return Unknown(deps)  # dates, text: an unknown side settles nothing
    a_lo, a_hi = bounds(a)
    b_lo, b_hi = bounds(b)
    if op in ("<", "<="):
        op, a_lo, a_hi, b_lo, b_hi = (">" if op == "<" else ">="), b_lo, b_hi, a_lo, a_hi
    if op == ">":
        if a_lo > b_hi:
            return True
        if a_hi <= b_lo:
            return False
    elif op == ">=":
        if a_lo >= b_hi:
            return True
        if a_hi < b_lo:
            return False
    elif op in ("=", "!=") and (a_hi < b_lo or b_hi < a_lo):
        return op == "!="
    return Unknown(deps)


def clamp(value: Any, lo: Decimal | None, hi: Decimal | None) -> Any:
    """An unknown number narrowed to the range its definition allows."""
    if type(value) is not Unknown or (lo is None and hi is None):
        return value
    new_lo = value.lo if lo is None else max(value.lo, lo)
    new_hi = value.hi if hi is None else min(value.hi, hi)
    if new_lo == value.lo and new_hi == value.hi:
        return value
    return ranged(new_lo, new_hi, value.deps)


def hull(condition: Unknown, a: Any, b: Any) -> Any:
    """`if(condition, a, b)` when the condition is unknown: what both branches allow."""
    if type(a) is not Unknown and type(b) is not Unknown and a == b:
        return a
    deps = condition.deps | deps_of(a) | deps_of(b)
    if isinstance(a, Decimal | Unknown) and isinstance(b, Decimal | Unknown):
        a_lo, a_hi = bounds(a)
        b_lo, b_hi = bounds(b)
        if isinstance(a_lo, Decimal) and isinstance(b_lo, Decimal):
            return Unknown(deps, min(a_lo, b_lo), max(a_hi, b_hi))
    return Unknown(deps)


def full_months(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (negative when `end` comes first)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months
