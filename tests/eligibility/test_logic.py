"""The laws of the three-valued logic and of unknown numbers, checked on generated values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sociaalhuis.catalog import logic
from sociaalhuis.catalog.logic import Unknown, and3, not3, or3

FACTS = st.frozensets(st.sampled_from(["a", "b", "c", "m1.x", "m2.y"]), min_size=1, max_size=3)
TRI = st.one_of(st.booleans(), FACTS.map(Unknown))
NUMBERS = st.decimals(min_value=-1000, max_value=1000, places=2)


def same(a: Any, b: Any) -> bool:
    if type(a) is Unknown and type(b) is Unknown:
        return a.deps == b.deps
    return a is b


@given(TRI, TRI)
def test_and_or_commute(a: Any, b: Any) -> None:
    assert same(and3(a, b), and3(b, a))
    assert same(or3(a, b), or3(b, a))


@given(TRI, TRI, TRI)
def test_and_or_associate(a: Any, b: Any, c: Any) -> None:
    assert same(and3(a, and3(b, c)), and3(and3(a, b), c))
    assert same(or3(a, or3(b, c)), or3(or3(a, b), c))


@given(TRI, TRI)
def test_de_morgan(a: Any, b: Any) -> None:
    assert same(not3(and3(a, b)), or3(not3(a), not3(b)))
    assert same(not3(or3(a, b)), and3(not3(a), not3(b)))


@given(TRI)
def test_identities_and_double_negation(a: Any) -> None:
    assert same(and3(a, True), a) and and3(a, False) is False
    assert same(or3(a, False), a) and or3(a, True) is True
    assert same(not3(not3(a)), a)


def test_unknown_is_not_false() -> None:
    unknown = Unknown(frozenset({"a"}))
    assert type(and3(unknown, True)) is Unknown
    assert type(not3(unknown)) is Unknown
    assert or3(unknown, True) is True and and3(unknown, False) is False


@st.composite
def refinement(draw: st.DrawFn) -> tuple[Any, Any]:
    """An unknown value and a value that knows more: a narrower range or a known number."""
    lo = draw(NUMBERS)
    hi = draw(NUMBERS.filter(lambda x: x >= lo))
    deps = draw(FACTS)
    coarse = Unknown(deps, lo, hi) if draw(st.booleans()) else Unknown(deps)
    c_lo, c_hi = logic.bounds(coarse)
    inner_lo = max(c_lo, lo)
    inner_hi = min(c_hi, hi)
    if draw(st.booleans()):
        span = inner_hi - inner_lo
        point = inner_lo + span * Decimal(draw(st.integers(0, 100))) / 100
        fine: Any = (
            point.quantize(Decimal("0.01"))
            if inner_lo <= point.quantize(Decimal("0.01")) <= inner_hi
            else inner_lo
        )
    else:
        fine = Unknown(deps - {sorted(deps)[0]} or deps, inner_lo, inner_hi)
    return coarse, fine


def knows_no_less(coarse: Any, fine: Any) -> bool:
    """`fine` is at least as informative as `coarse`: never less known, never more facts."""
    if type(coarse) is not Unknown:
        return type(fine) is not Unknown and fine == coarse
    if type(fine) is Unknown:
        return fine.deps <= coarse.deps and coarse.lo <= fine.lo and fine.hi <= coarse.hi
    lo, hi = logic.bounds(coarse)
    return lo <= fine <= hi


@given(refinement(), NUMBERS, st.sampled_from(["<", "<=", ">", ">=", "=", "!="]))
def test_comparisons_are_monotone(pair: tuple[Any, Any], other: Decimal, op: str) -> None:
    coarse, fine = pair
    before = logic.compare(op, coarse, other)
    after = logic.compare(op, fine, other)
    if type(before) is not Unknown:
        assert after is before
    elif type(after) is Unknown:
        assert after.deps <= before.deps


@given(refinement(), NUMBERS, st.sampled_from(["+", "-", "*"]))
def test_arithmetic_is_monotone(pair: tuple[Any, Any], other: Decimal, op: str) -> None:
    coarse, fine = pair
    assert knows_no_less(logic.arith(op, coarse, other), logic.arith(op, fine, other))


def test_ranges_settle_comparisons() -> None:
    count = Unknown(frozenset({"m2.dependant"}), Decimal(1), Decimal(2))
    assert logic.compare(">=", count, Decimal(1)) is True
    assert logic.compare(">", count, Decimal(2)) is False
    assert type(logic.compare(">=", count, Decimal(2))) is Unknown
    limit = logic.arith("*", count, Decimal("4471.78"))
    assert (limit.lo, limit.hi) == (Decimal("4471.78"), Decimal("8943.56"))


def test_full_months() -> None:
    from datetime import date

    assert logic.full_months(date(2026, 1, 31), date(2026, 4, 30)) == 2
    assert logic.full_months(date(2026, 1, 15), date(2026, 4, 15)) == 3
    assert logic.full_months(date(1980, 11, 23), date(2026, 11, 22)) // 12 == 45
