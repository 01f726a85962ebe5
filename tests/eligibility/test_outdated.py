"""A verdict is marked outdated only when it read a lapsed figure, not because a route has one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import Situation
from tests.catalog_files import RIGHTS

ON = date(2026, 12, 3)  # vt_limit and vt_step (from 2022) have lapsed by then
SHORT_CIRCUIT = RIGHTS.replace(
    'when = "household_income <= vt_limit + vt_step * (count(gezin) - 1)"',
    'when = "lives_in_herent and household_income <= vt_limit + vt_step * (count(gezin) - 1)"',
)


def verdict(root: Path, household: dict[str, object], members: dict[str, object]) -> object:
    catalog = loader.load(root, today=ON)
    situation = Situation(household, (("m1", {"role": "applicant", **members}),))
    return next(v for v in Evaluator(catalog).evaluate(situation, ON) if v.right.id == "vt")


def test_a_verdict_settled_without_the_lapsed_figure_is_not_marked(
    make_catalog: Callable[..., Path],
) -> None:
    root = make_catalog(rights__core_toml=SHORT_CIRCUIT)
    # Not in Herent: the income route fails before it reads the income limit.
    elsewhere = verdict(root, {"lives_in_herent": False}, {"leefloon": False})
    assert elsewhere.verdict == "not_eligible" and elsewhere.outdated == ()
    # Through leefloon: eligible without the income limit.
    leefloon = verdict(root, {"lives_in_herent": True}, {"leefloon": True})
    assert leefloon.verdict == "eligible" and leefloon.outdated == ()


def test_a_verdict_that_used_the_lapsed_figure_is_marked(
    make_catalog: Callable[..., Path],
) -> None:
    root = make_catalog(rights__core_toml=SHORT_CIRCUIT)
    income = verdict(
        root, {"lives_in_herent": True, "household_income": Decimal("12000")}, {"leefloon": False}
    )
    assert income.verdict == "eligible"
    assert set(income.outdated) == {"vt_limit", "vt_step"}
