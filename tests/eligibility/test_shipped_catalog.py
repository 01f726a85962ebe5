"""The shipped catalog: its own test cases pass, every right is covered, and answering an
open question never widens the set of questions (checked on generated households)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog, FactDef
from sociaalhuis.demo.population import FACT_KEYS
from sociaalhuis.eligibility import testing
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.situation import Situation, parse

CATALOG: Catalog = loader.load()
EVALUATOR = Evaluator(CATALOG)


@pytest.mark.parametrize("case", CATALOG.cases, ids=lambda case: f"{case.place}")
def test_catalog_case(case: Any) -> None:
    result = testing.run_case(EVALUATOR, case)
    assert result.passed, "\n".join(result.failures)


def test_every_right_has_all_three_kinds_of_case() -> None:
    assert [str(p) for p in testing.coverage_problems(CATALOG)] == []


def test_at_least_forty_rights_with_real_sources() -> None:
    assert len(CATALOG.rights) >= 40
    levels = {right.level for right in CATALOG.rights}
    assert {"federaal", "Vlaams", "lokaal"} <= levels
    for right in CATALOG.rights:
        assert right.sources, right.id
        if right.yearly_value is None:
            continue
        assert right.yearly_value > 0, right.id


def test_herent_rights_need_a_herent_address() -> None:
    for right in CATALOG.rights:
        if right.level == "lokaal" and "Herent" in right.provider:
            assert "lives_in_herent" in right.when, right.id


def test_vt_alone_no_longer_opens_the_social_energy_tariff() -> None:
    vt_only = {
        "household": {"lives_in_herent": True},
        "members": [
            {
                "role": "applicant",
                "verhoogde_tegemoetkoming": True,
                "leefloon": False,
                "igo": False,
                "ivt": False,
                "it": False,
                "zorgbudget_ouderen": False,
                "zorgtoeslag": False,
            }
        ],
    }
    situation = parse(CATALOG, vt_only)
    before = {v.right.id: v for v in EVALUATOR.evaluate(situation, date(2023, 3, 1))}
    after = {v.right.id: v for v in EVALUATOR.evaluate(situation, date(2023, 7, 1))}
    assert before["sociaal_tarief_energie"].verdict == "eligible"
    assert after["sociaal_tarief_energie"].verdict != "eligible"


def test_three_months_of_leefloon_give_vt() -> None:
    data = {"members": [{"role": "applicant", "leefloon": True, "leefloon_since": "2026-08-01"}]}
    situation = parse(CATALOG, data)
    on_time = {v.right.id: v for v in EVALUATOR.evaluate(situation, date(2026, 11, 1))}
    assert on_time["verhoogde_tegemoetkoming"].verdict == "eligible"


def test_demo_facts_are_in_the_dictionary() -> None:
    for key, (about, kind, choices) in FACT_KEYS.items():
        fact = CATALOG.facts[key]
        assert (fact.about, fact.type) == (about, kind), key
        assert set(choices) <= set(fact.choices), key


# --- properties on generated households ---------------------------------------------------

BASE_FACTS = {k: f for k, f in CATALOG.facts.items() if not f.derived and k != "role"}
PERSON_FACTS = sorted(k for k, f in BASE_FACTS.items() if f.about == "person")
HOUSEHOLD_FACTS = sorted(k for k, f in BASE_FACTS.items() if f.about == "household")


def value_for(fact: FactDef) -> st.SearchStrategy[Any]:
    if fact.type == "bool":
        return st.booleans()
    if fact.type == "date":
        return st.dates(date(1920, 1, 1), date(2026, 11, 1))
    if fact.type == "choice":
        return st.sampled_from(sorted(fact.choices))
    low = int(fact.min) if fact.min is not None else 0
    high = int(fact.max) if fact.max is not None else 80_000
    return st.integers(low, high).map(Decimal)


@st.composite
def households(draw: st.DrawFn) -> Situation:
    household = {
        key: draw(value_for(BASE_FACTS[key]))
        for key in draw(st.lists(st.sampled_from(HOUSEHOLD_FACTS), unique=True, max_size=12))
    }
    members = []
    for index in range(draw(st.integers(1, 4))):
        role = "applicant" if index == 0 else draw(st.sampled_from(["partner", "child", "other"]))
        keys = draw(st.lists(st.sampled_from(PERSON_FACTS), unique=True, max_size=15))
        members.append({"role": role, **{k: draw(value_for(BASE_FACTS[k])) for k in keys}})
    return parse(CATALOG, {"household": household, "members": members})


def answer(situation: Situation, name: str, data: st.DataObject) -> Situation:
    fact = BASE_FACTS[name.rpartition(".")[2]]
    return situation.with_fact(name, data.draw(value_for(fact)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(households(), st.dates(date(2021, 1, 1), date(2027, 12, 31)), st.data())
def test_answering_a_question_never_adds_questions(
    situation: Situation, on: date, data: st.DataObject
) -> None:
    before = {v.right.id: v for v in EVALUATOR.evaluate(situation, on)}
    asked = sorted({name for v in before.values() for name in v.missing_facts})
    if not asked:
        return
    name = data.draw(st.sampled_from(asked))
    after = {v.right.id: v for v in EVALUATOR.evaluate(answer(situation, name, data), on)}
    for right_id, old in before.items():
        new = after[right_id]
        if old.error:
            # A figure missing on that date: the verdict could not be assessed, so it has no
            # questions to compare with (the answer may route around the missing figure).
            continue
        assert set(new.missing_facts) <= set(old.missing_facts) - {name}, right_id
        if old.verdict != "possibly_eligible":
            assert new.verdict == old.verdict, right_id  # a settled verdict stays settled
