"""The column-wise engine and the single-household engine give the same findings.

Hypothesis generates batches of households — for the shipped catalog, and for a small catalog
that uses every function of the condition language — and each batch is screened both ways.
The column-wise result is compared twice: as `screen` returns it (households the floats could
not settle go to the exact engine), and on its own for every household it did settle itself,
so the fallback cannot hide a wrong column operation.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility import situation as situations
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.screening.engine import VERDICTS, digest_of, screen, screen_each
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.vector.screen import screen_columns

SHIPPED = loader.load()
SHIPPED_EVALUATOR = Evaluator(SHIPPED)
DAYS = sorted({case.on for case in SHIPPED.cases} | {date(2026, 12, 3), date(2025, 1, 1)})

WORKOUT_FACTS = """
[fact.member_income]
about = "person"
type = "money"
label = "inkomen"
question = "Inkomen?"
theme = "income"
min = 0

[fact.points]
about = "person"
type = "number"
label = "punten"
question = "Punten?"
theme = "handicap_care"
min = 0
max = 18

[fact.pension]
about = "person"
type = "bool"
label = "pensioen"
question = "Pensioen?"
theme = "income"
asked_when = "age >= 60"
otherwise = false

[fact.rooms]
about = "household"
type = "number"
label = "kamers"
question = "Kamers?"
theme = "housing"
"""

WORKOUT_RIGHTS = "".join(
    f"""
[[right]]
id = "{right_id}"
name = "{right_id}"
level = "lokaal"
provider = "Sociaal Huis Herent"
obtained = "grant"
sources = ["test"]
verified_on = 2022-03-08
when = "{when}"
"""
    for right_id, when in [
        ("w_sum", "sum(gezin, member_income) <= vt_limit"),
        (
            "w_if",
            "if(tenure = 'owner', household_income * 2, household_income / rooms) < base * 10",
        ),
        ("w_round", "round(household_income / 12, 2) >= 1000.5"),
        ("w_in", "rooms in [1, 2, 3] or tenure in ['owner', 'social_rent']"),
        ("w_notin", "not (count(members) in [4, 6]) or any(members, points not in [0, 18])"),
        ("w_all", "all(members, age >= 18 or dependant)"),
        ("w_minmax", "min(household_income, 30000) - max(sum(members, member_income), 0) > 0"),
        (
            "w_months",
            "any(members, months_between(birth_date, evaluation_date) < 6 and not leefloon)",
        ),
        ("w_count", "count(gezin, points >= 4) >= 1 and not eligible(vt)"),
        ("w_negative", "-household_income < -100 or rooms != 0"),
        ("w_pension", "any(members, pension) or count(members, age >= 60) = 0"),
        ("w_divide", "sum(members, points) / count(gezin) > 2"),
        ("w_any_error", "any(members, leefloon or member_income / points > base)"),
        ("w_count_error", "count(members, member_income / points > 1) >= 1"),
        ("w_sum_error", "sum(gezin, member_income / points) > 10"),
        ("w_sum_small", "sum(gezin, member_income) > 100"),
    ]
)
WORKOUT_RIGHTS += """
[[right]]
id = "w_receives"
name = "w_receives"
level = "lokaal"
provider = "Sociaal Huis Herent"
obtained = "grant"
sources = ["test"]
verified_on = 2022-03-08
when = "lives_in_herent or household_income < 500"

[[right.route]]
label = "ontvangt al"
when = "any(members, leefloon)"
receives = true

[[right.route]]
label = "inkomen"
when = "household_income < vt_limit / 2"
"""

MONEY = [
    Decimal(x) for x in ("0", "0", "0", "100", "499.99", "500", "12006", "12006.01", "12077.58")
]
MONEY += [Decimal(x) for x in ("24155.16", "24155.17", "28626.94", "30000", "1000.5")]


def assert_same(evaluator: Evaluator, batch: list[Situation], on: date) -> None:
    exact = screen_each(evaluator, batch, on)
    columns = screen(evaluator, batch, on)
    for index in range(len(batch)):
        assert columns.findings(index) == exact.findings(index), (on, batch[index])
    verdicts, codes, doubtful = screen_columns(evaluator, batch, on, table := MissingTable())
    for index in np.flatnonzero(~doubtful).tolist():
        for r, right in enumerate(evaluator.catalog.rights):
            found = (VERDICTS[verdicts[index, r]], table.lists[codes[index, r]])
            expected = exact.findings(index)[r]
            assert found == (expected.verdict, expected.missing), (right.id, on, batch[index])


def fact_value(catalog: Catalog, key: str, on: date) -> st.SearchStrategy[Any]:
    fact = catalog.facts[key]
    if fact.type == "bool":
        return st.booleans()
    if fact.type == "choice":
        return st.sampled_from(sorted(fact.choices))
    if fact.type == "date":
        return st.dates(on - timedelta(days=36500), on + timedelta(days=400))
    low = fact.min if fact.min is not None else Decimal(-1000)
    high = fact.max if fact.max is not None else Decimal(40000)
    boundary = [m for m in MONEY if low <= m <= high] + [low, high]
    return st.one_of(
        st.sampled_from(boundary),
        st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False),
        st.integers(int(low), int(min(high, 40))).map(Decimal),
    )


@st.composite
def household(draw: st.DrawFn, catalog: Catalog, on: date) -> Situation:
    base = [f for f in catalog.facts.values() if not f.derived]
    household_keys = [f.key for f in base if f.about == "household"]
    person_keys = [f.key for f in base if f.about == "person" and f.key not in ("role",)]
    facts = {}
    for key in draw(st.lists(st.sampled_from(household_keys), unique=True)):
        facts[key] = draw(fact_value(catalog, key, on))
    members = []
    for index in range(draw(st.integers(0, 5))):
        member: dict[str, Any] = {
            "role": "applicant"
            if index == 0
            else draw(st.sampled_from(["partner", "child", "other"]))
        }
        for key in draw(st.lists(st.sampled_from(person_keys), unique=True, max_size=12)):
            if key == "birth_date":
                years = draw(st.sampled_from([0, 1, 17, 18, 25, 59, 60, 65, 66, 80]))
                shift = draw(st.integers(-2, 2))
                member[key] = on.replace(year=on.year - years, day=1) + timedelta(days=shift)
            else:
                member[key] = draw(fact_value(catalog, key, on))
        members.append(member)
    return situations.parse(catalog, {"household": facts, "members": members})


@st.composite
def shipped_batch(draw: st.DrawFn) -> tuple[date, list[Situation]]:
    on = draw(st.sampled_from(DAYS))
    cases = draw(st.lists(st.sampled_from(SHIPPED.cases), max_size=4))
    batch = [_thinned(draw, situations.parse(SHIPPED, case.situation)) for case in cases]
    batch += draw(st.lists(household(SHIPPED, on), min_size=1, max_size=8))
    return on, draw(st.permutations(batch))


def _thinned(draw: st.DrawFn, situation: Situation) -> Situation:
    """A catalog test situation with some of its facts forgotten."""
    keep = draw(st.sets(st.sampled_from(sorted(situation.household) or ["-"])))
    members = tuple(
        (member_id, {k: v for k, v in facts.items() if k == "role" or draw(st.booleans())})
        for member_id, facts in situation.members
    )
    return Situation({k: v for k, v in situation.household.items() if k in keep}, members)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shipped_batch())
def test_shipped_catalog_both_engines_agree(batch: tuple[date, list[Situation]]) -> None:
    on, households = batch
    assert_same(SHIPPED_EVALUATOR, households, on)


def test_every_catalog_test_situation_on_every_date() -> None:
    batch = [situations.parse(SHIPPED, case.situation) for case in SHIPPED.cases]
    for on in DAYS:
        assert_same(SHIPPED_EVALUATOR, batch, on)


def test_the_batch_digests_are_those_of_each_household() -> None:
    batch = [situations.parse(SHIPPED, case.situation) for case in SHIPPED.cases]
    screened = screen(SHIPPED_EVALUATOR, batch, DAYS[0])
    digests = screened.digests()
    assert len(set(digests)) > 1
    assert digests == [digest_of(screened.findings(i)) for i in range(len(batch))]
    assert digests == [screened.digest(i) for i in range(len(batch))]


@pytest.fixture(scope="module")
def workout(tmp_path_factory: pytest.TempPathFactory) -> Evaluator:
    from tests.catalog_files import CASES, FACTS, PARAMETERS, RIGHTS

    root: Path = tmp_path_factory.mktemp("workout")
    files = {
        "catalog.toml": 'name = "Oefencatalogus"\nversion = "w1"\n',
        "facts/core.toml": FACTS + WORKOUT_FACTS,
        "parameters/core.toml": PARAMETERS,
        "rights/core.toml": RIGHTS + WORKOUT_RIGHTS,
        "tests/core.toml": CASES,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return Evaluator(loader.load(root))


WORKOUT_DAYS = [date(2023, 6, 1), date(2024, 6, 1), date(2026, 12, 3)]


def test_workout_catalog_uses_every_function(workout: Evaluator) -> None:
    text = " ".join(right.when for right in workout.catalog.rights)
    for function in ("any(", "all(", "count(", "sum(", "if(", "round(", "min(", "max(", " in ["):
        assert function in text
    assert "months_between" in text and "eligible(" in text and " not in " in text


def test_workout_catalog_agrees(workout: Evaluator) -> None:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.sampled_from(WORKOUT_DAYS).flatmap(
            lambda on: st.tuples(
                st.just(on), st.lists(household(workout.catalog, on), min_size=1, max_size=10)
            )
        )
    )
    def run(batch: tuple[date, list[Situation]]) -> None:
        assert_same(workout, batch[1], batch[0])

    run()


def test_a_division_by_zero_and_a_missing_figure_wait_for_nothing(workout: Evaluator) -> None:
    """Where the exact engine meets an error, the verdict is 'possibly' with no facts."""
    no_rooms = situations.parse(
        workout.catalog,
        {"household": {"tenure": "private_rent", "household_income": "100", "rooms": 0}},
    )
    before_base = date(2023, 6, 1)  # `base` has no value before 2024
    for on in (before_base, date(2026, 12, 3)):
        found = {f.right_id: f for f in screen(workout, [no_rooms], on).findings(0)}
        assert found["w_if"].verdict == "possibly_eligible"
        assert found["w_if"].missing == ()
        assert_same(workout, [no_rooms], on)


def test_an_income_at_the_limit_is_settled_exactly(workout: Evaluator) -> None:
    """Decimals the floats cannot order are left to the exact engine: the limit holds."""
    at_limit = situations.parse(
        workout.catalog,
        {
            "members": [
                {"role": "applicant", "member_income": "12077.58"},
                {"role": "partner", "member_income": "12077.58"},
            ]
        },
    )
    on = date(2026, 12, 3)
    found = {f.right_id: f.verdict for f in screen(workout, [at_limit], on).findings(0)}
    assert found["w_sum"] == "eligible"  # 24155.16 <= vt_limit 24155.16
    assert_same(workout, [at_limit], on)


def verdicts(evaluator: Evaluator, data: dict[str, Any], on: date) -> dict[str, Any]:
    situation = situations.parse(evaluator.catalog, data)
    assert_same(evaluator, [situation], on)
    return {
        f.right_id: (f.verdict, f.missing) for f in screen(evaluator, [situation], on).findings(0)
    }


def test_a_sum_forgets_what_its_known_start_rested_on(workout: Evaluator) -> None:
    """A child who may belong and earns 0 adds exactly 0: the sum stays known, and the
    question whether the child belongs is dropped (as `logic.ranged` drops it)."""
    on = date(2026, 12, 3)
    child_first = {
        "members": [
            {"role": "child", "member_income": "0"},
            {"role": "applicant"},
        ]
    }
    found = verdicts(workout, child_first, on)
    assert found["w_sum"] == ("possibly_eligible", ("m2.member_income",))
    applicant_first = {"members": [{"role": "applicant"}, {"role": "child", "member_income": "0"}]}
    found = verdicts(workout, applicant_first, on)
    assert found["w_sum"] == ("possibly_eligible", ("m1.member_income", "m2.dependant"))


def test_any_stops_at_the_first_member_that_holds(workout: Evaluator) -> None:
    """A division by zero after a member who holds never happens; before one, it does."""
    on = date(2026, 12, 3)
    holds, fails = (
        {"role": "applicant", "leefloon": True},
        {
            "role": "partner",
            "leefloon": False,
            "member_income": "5",
            "points": 0,
        },
    )
    assert verdicts(workout, {"members": [holds, fails]}, on)["w_any_error"][0] == "eligible"
    fails["role"] = "applicant"
    holds["role"] = "partner"
    assert verdicts(workout, {"members": [fails, holds]}, on)["w_any_error"] == (
        "possibly_eligible",
        (),
    )
    # count() and sum() look at every member: the error always surfaces.
    assert verdicts(workout, {"members": [holds, fails]}, on)["w_count_error"] == (
        "possibly_eligible",
        (),
    )


@pytest.mark.parametrize("mix", [None, 0])
def test_distinct_bit_sets_are_found_even_when_their_mixes_collide(monkeypatch, mix) -> None:
    """Rows of missing-fact bits are grouped by a mixed number first; where two different
    rows mix to the same number (forced here: a zero multiplier), the rows themselves decide."""
    from sociaalhuis.screening.vector import screen as vector_screen

    if mix is not None:
        monkeypatch.setattr(vector_screen, "MIX", np.uint64(mix))
    rng = np.random.default_rng(7)
    bits = rng.integers(0, 4, size=(500, 3)).astype(np.uint64)
    first, inverse = vector_screen.distinct(bits)
    assert len(first) == len({tuple(row) for row in bits.tolist()})
    assert (bits[first][inverse] == bits).all()
