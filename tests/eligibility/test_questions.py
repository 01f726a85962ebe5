"""Only the questions that matter: age and role, earlier answers, and the biggest decider first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import POSSIBLY, Evaluator
from sociaalhuis.eligibility.questions import open_questions, typical_answers
from sociaalhuis.eligibility.situation import Situation
from tests.catalog_files import FACTS

ON = date(2026, 12, 3)
PENSION_AND_ADULT_STATUSES = ("igo", "zorgbudget_ouderen", "leefloon", "war_invalid", "ivt", "it")
DISABILITY_DETAILS = (
    "disability_percent",
    "lower_limbs_percent",
    "upper_limbs_paralysed",
    "self_reliance_points",
    "mobility_points",
    "reduced_earning_capacity",
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load()


def family(**extra: dict[str, object]) -> Situation:
    """Mother (38), two children (7 and 10), grandmother (72); nothing else asked yet."""
    members = {
        "m1": {"role": "applicant", "birth_date": date(1988, 3, 1)},
        "m2": {"role": "child", "birth_date": date(2019, 5, 1), "dependant": True},
        "m3": {"role": "child", "birth_date": date(2016, 5, 1), "dependant": True},
        "m4": {"role": "other", "birth_date": date(1954, 5, 1)},
    }
    for member, facts in extra.items():
        members[member] = {**members[member], **facts}
    return Situation({}, tuple(members.items()))


def asked(catalog: Catalog, situation: Situation) -> list[str]:
    evaluator = Evaluator(catalog)
    verdicts = evaluator.evaluate(situation, ON)
    return [q.name for q in open_questions(evaluator, situation, ON, verdicts)]


def test_a_child_is_not_asked_about_pensions_or_adult_statuses(catalog: Catalog) -> None:
    names = asked(catalog, family())
    for child in ("m2", "m3"):
        for key in PENSION_AND_ADULT_STATUSES:
            assert f"{child}.{key}" not in names
    # The grandmother is, and so is the mother about what adults can have.
    assert "m4.igo" in names and "m4.zorgbudget_ouderen" in names
    assert "m1.leefloon" in names and "m1.igo" not in names


def test_no_handicap_removes_the_disability_detail_questions(catalog: Catalog) -> None:
    before = asked(catalog, family())
    assert any(name.startswith("m1.") and name[3:] in DISABILITY_DETAILS for name in before)
    after = asked(catalog, family(m1={"disability_recognised": False}))
    assert not [n for n in after if n.startswith("m1.") and n[3:] in DISABILITY_DETAILS]
    assert "m1.disability_recognised" not in after


def test_an_address_in_herent_answers_lives_in_herent(catalog: Catalog) -> None:
    draft = IntakeDraft.new()
    draft.street, draft.house_number, draft.postcode = "Kerkstraat", "4", "3020"
    situation = draft.situation(catalog)
    assert situation.household["lives_in_herent"] is True
    assert "lives_in_herent" not in asked(catalog, situation)
    draft.postcode = "3000"
    assert draft.situation(catalog).household["lives_in_herent"] is False
    draft.set_fact(None, "lives_in_herent", True, "document")  # recorded: the worker knows
    assert draft.situation(catalog).household["lives_in_herent"] is True


def test_questions_come_biggest_decider_first(catalog: Catalog) -> None:
    evaluator = Evaluator(catalog)
    situation = family()
    verdicts = evaluator.evaluate(situation, ON)
    questions = open_questions(evaluator, situation, ON, verdicts)
    ready = [q for q in questions if not q.waits]
    assert questions[: len(ready)] == ready  # a question waits for the one that decides it
    scores = [q.score for q in ready]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]
    names = [q.name for q in questions]
    # "Is a handicap recognised?" comes before the handicap's details.
    assert names.index("m1.disability_recognised") < names.index("m1.self_reliance_points")


def test_each_scored_question_settles_a_right_when_answered(catalog: Catalog) -> None:
    """Checked with the full evaluation, independently of the scoring shortcut."""
    evaluator = Evaluator(catalog)
    situation = family(m1={"disability_recognised": False})
    verdicts = evaluator.evaluate(situation, ON)
    undecided = {v.right.id for v in verdicts if v.verdict == POSSIBLY}
    for question in open_questions(evaluator, situation, ON, verdicts):
        if question.settles == 0:
            continue
        fact = catalog.facts[question.key]
        settled = set()
        for answer in typical_answers(fact, ON):
            after = evaluator.evaluate(situation.with_fact(question.name, answer), ON)
            settled |= {v.right.id for v in after if v.verdict != POSSIBLY} & undecided
        assert settled, question.name


def test_every_undecided_right_keeps_a_question(catalog: Catalog) -> None:
    """Pruning never leaves a right undecided with nothing to ask."""
    evaluator = Evaluator(catalog)
    situation = family(m1={"disability_recognised": False})
    verdicts = evaluator.evaluate(situation, ON)
    questions = open_questions(evaluator, situation, ON, verdicts)
    named = {right for q in questions for right in q.rights}
    assert {v.right.id for v in verdicts if v.verdict == POSSIBLY} <= named


def test_already_receiving_is_a_route_of_its_own(catalog: Catalog) -> None:
    evaluator = Evaluator(catalog)
    situation = family(m1={"leefloon": True, "leefloon_since": date(2025, 1, 1)})
    verdicts = {v.right.id: v for v in evaluator.evaluate(situation, ON)}
    assert verdicts["leefloon"].receives
    assert not verdicts["inkomensgarantie_ouderen"].receives


def make_facts(extra: str) -> str:
    return FACTS + extra


def test_otherwise_needs_asked_when_and_the_facts_type(
    make_catalog: Callable[..., Path],
) -> None:
    extra = """
[fact.pension]
about = "person"
type = "bool"
label = "pensioen"
question = "Pensioen?"
theme = "statuses"
otherwise = 3
"""
    _, problems = loader.check(make_catalog(facts__core_toml=make_facts(extra)), today=ON)
    messages = [str(p) for p in problems if p.severity == "error"]
    assert any("'otherwise' needs 'asked_when'" in m and "facts/core.toml" in m for m in messages)
    typed = extra.replace("otherwise = 3", 'asked_when = "age >= 65"\notherwise = 3')
    _, problems = loader.check(make_catalog(facts__core_toml=make_facts(typed)), today=ON)
    messages = [str(p) for p in problems if p.severity == "error"]
    assert any("'otherwise' must be a value of type bool" in m for m in messages)


def test_asked_when_false_implies_the_otherwise_value(make_catalog: Callable[..., Path]) -> None:
    extra = """
[fact.pension]
about = "person"
type = "bool"
label = "pensioen"
question = "Pensioen?"
theme = "statuses"
asked_when = "age >= 65"
otherwise = false
"""
    catalog = loader.load(make_catalog(facts__core_toml=make_facts(extra)), today=ON)
    evaluator = Evaluator(catalog)
    members = (
        ("m1", {"role": "applicant", "birth_date": date(1950, 1, 1)}),
        ("m2", {"role": "child", "birth_date": date(2015, 1, 1)}),
    )
    situation = Situation({}, members)
    ctx = evaluator.context(situation, ON)
    assert "pension" not in ctx.members[0].facts
    assert ctx.members[1].facts["pension"] is False
    assert "pension" not in situation.members[1][1]  # the caller's facts are left alone


def test_a_simulated_intake_asks_until_nothing_useful_is_left(catalog: Catalog) -> None:
    from sociaalhuis.eligibility.interview import simulate

    evaluator = Evaluator(catalog)
    start = family()
    truth = {"lives_in_herent": True, "household_income": Decimal("21000"), "tenure": "social_rent"}
    interview = simulate(evaluator, start, truth, ON)
    assert len(interview.asked) == len(set(interview.asked))  # never the same question twice
    assert "m2.igo" not in interview.asked
    # Ask the first question of a fresh family again: it is the first one asked.
    verdicts = evaluator.evaluate(start, ON)
    assert interview.asked[0] == open_questions(evaluator, start, ON, verdicts)[0].name
