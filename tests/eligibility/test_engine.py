"""Verdicts, open questions, outdated figures and explanations on a small exact catalog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sociaalhuis.catalog import loader
from sociaalhuis.eligibility import situation as situations
from sociaalhuis.eligibility.engine import Evaluator, Verdict
from sociaalhuis.eligibility.explain import explain, money
from sociaalhuis.errors import ValidationError

ON = date(2026, 11, 22)


@pytest.fixture
def evaluator(make_catalog: Callable[..., Path]) -> Evaluator:
    return Evaluator(loader.load(make_catalog(), today=ON))


def verdicts(evaluator: Evaluator, data: dict[str, Any], on: date = ON) -> dict[str, Verdict]:
    situation = situations.parse(evaluator.catalog, data)
    return {v.right.id: v for v in evaluator.evaluate(situation, on)}


def reasons(evaluator: Evaluator, data: dict[str, Any], right: str) -> str:
    situation = situations.parse(evaluator.catalog, data)
    found = evaluator.evaluate(situation, ON)
    return "\n".join(explain(evaluator, situation, ON, found)[right])


COUPLE = [{"role": "applicant"}, {"role": "partner"}]


def test_unknown_is_not_false(evaluator: Evaluator) -> None:
    result = verdicts(evaluator, {"members": [{"role": "applicant"}]})
    assert result["vt"].verdict == "possibly_eligible"
    assert result["vt"].missing_facts == ("household_income", "m1.leefloon")


def test_a_known_route_settles_it_and_asks_nothing(evaluator: Evaluator) -> None:
    result = verdicts(evaluator, {"members": [{"role": "applicant", "leefloon": True}]})
    assert result["vt"].verdict == "eligible" and result["vt"].missing_facts == ()
    # local depends on vt, which is settled; only the address is still open
    assert result["local"].verdict == "possibly_eligible"
    assert result["local"].missing_facts == ("lives_in_herent",)


def test_only_facts_that_can_change_the_verdict_are_asked(evaluator: Evaluator) -> None:
    data = {"household": {"lives_in_herent": False}, "members": COUPLE}
    result = verdicts(evaluator, data)
    assert result["local"].verdict == "not_eligible" and result["local"].missing_facts == ()
    # the child's dependant status is open, but the income is far above any count's limit
    data = {"household": {"household_income": 90000}, "members": [*COUPLE, {"role": "child"}]}
    result = verdicts(evaluator, data)
    assert result["vt"].missing_facts == (
        "m1.leefloon",
        "m2.leefloon",
        "m3.dependant",
        "m3.leefloon",
    )


def test_ranges_of_unknown_counts_decide_when_they_can(evaluator: Evaluator) -> None:
    # Limit for 2 is 28.626,94 and for 3 is 33.098,72: 30.000 depends on the child.
    data = {
        "household": {"household_income": 30000},
        "members": [
            {"role": "applicant", "leefloon": False},
            {"role": "partner", "leefloon": False},
            {"role": "child"},
        ],
    }
    open_case = verdicts(evaluator, data)["vt"]
    assert open_case.verdict == "possibly_eligible"
    assert "m3.dependant" in open_case.missing_facts
    data["members"][2].update({"dependant": True, "leefloon": False})
    assert verdicts(evaluator, data)["vt"].verdict == "eligible"
    data["household"]["household_income"] = 20000
    data["members"][2]["dependant"] = None  # unknown again, yet even 2 persons qualify
    assert verdicts(evaluator, data)["vt"].verdict == "eligible"


def test_ages_come_from_birth_dates_on_the_evaluation_date(evaluator: Evaluator) -> None:
    data = {
        "household": {"tenure": "private_rent"},
        "members": [{"role": "applicant", "birth_date": "1961-11-23"}],
    }
    assert verdicts(evaluator, data, date(2026, 11, 22))["senior"].verdict == "not_eligible"
    assert verdicts(evaluator, data, date(2026, 11, 23))["senior"].verdict == "eligible"
    data["members"].append({"role": "other"})  # age unknown: could be 65+
    data["members"][0]["birth_date"] = "1990-01-01"
    result = verdicts(evaluator, data)["senior"]
    assert result.verdict == "possibly_eligible" and result.missing_facts == ("m2.birth_date",)


def test_outdated_figures_are_named_on_the_verdicts_resting_on_them(
    evaluator: Evaluator,
) -> None:
    by_income = verdicts(
        evaluator,
        {
            "household": {"household_income": 10000},
            "members": [{"role": "applicant", "leefloon": False}],
        },
    )
    assert by_income["vt"].verdict == "eligible"
    assert by_income["vt"].outdated == ("vt_limit", "vt_step")
    by_leefloon = verdicts(evaluator, {"members": [{"role": "applicant", "leefloon": True}]})
    assert by_leefloon["vt"].outdated == ()  # the leefloon route uses no figure
    early = verdicts(
        evaluator,
        {"household": {"household_income": 10000}, "members": [{"role": "applicant"}]},
        date(2023, 1, 1),
    )
    assert early["vt"].outdated == ()


def test_explanation_names_values_parameters_and_what_would_change(
    evaluator: Evaluator,
) -> None:
    data = {
        "household": {"household_income": 30000},
        "members": [
            {"role": "applicant", "leefloon": False},
            {"role": "partner", "leefloon": False},
        ],
    }
    text = reasons(evaluator, data, "vt")
    assert "gezinsinkomen € 30.000,00 ≤ grens € 24.155,16 (sinds 1/8/2022 — verouderd)" in text
    assert "per bijkomend gezinslid € 4.471,78 (sinds 1/8/2022 — verouderd)" in text
    assert "= € 28.626,94" in text
    assert "Zou recht hebben bij een gezinsinkomen tot € 28.626,94." in text
    assert "Let op: gebaseerd op een verouderd cijfer: grens € 24.155,16 sinds 1/8/2022." in text
    assert "Bron: https://www.fsmb.be/nl/inkomensonderzoek" in text
    assert "niet voldaan" in text and "(m1: nee, m2: nee)" in text


def test_explanation_lists_the_questions_in_words(evaluator: Evaluator) -> None:
    text = reasons(evaluator, {"members": [{"role": "applicant"}]}, "vt")
    assert "Nog te vragen: gezinsinkomen, leefloon (m1)." in text
    assert "nog onbekend" in text


def test_choice_values_are_explained_with_their_dutch_labels(evaluator: Evaluator) -> None:
    data = {
        "household": {"tenure": "owner"},
        "members": [{"role": "applicant", "birth_date": "1950-01-01"}],
    }
    text = reasons(evaluator, data, "senior")
    assert "woonsituatie 'eigenaar' ≠ 'eigenaar'" in text


def test_a_parameter_without_value_leaves_other_routes_free(evaluator: Evaluator) -> None:
    before = date(2020, 1, 1)  # no VT limit known yet
    result = verdicts(
        evaluator,
        {
            "household": {"household_income": 1},
            "members": [{"role": "applicant", "leefloon": True}],
        },
        before,
    )
    assert result["vt"].verdict == "eligible"
    result = verdicts(
        evaluator,
        {
            "household": {"household_income": 1},
            "members": [{"role": "applicant", "leefloon": False}],
        },
        before,
    )
    assert result["vt"].verdict == "possibly_eligible"
    assert "parameter vt_limit has no value on 2020-01-01" in result["vt"].error


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"household": {"household_income": "veel"}},
            "household.household_income",
            "must be a number",
        ),
        ({"household": {"household_income": -5}}, "household.household_income", "at least 0"),
        ({"household": {"leefloon": True}}, "household.leefloon", "fact about a member"),
        ({"household": {"age": 4}}, "household.age", "derived"),
        ({"household": {"tenure": "castle"}}, "household.tenure", "must be one of"),
        ({"members": [{"leefloon": True}]}, "members[0].role", "required"),
        ({"members": [{"role": "boss"}]}, "members[0].role", "must be one of"),
        (
            {"members": [{"role": "child", "birth_date": "22/11/2020"}]},
            "members[0].birth_date",
            "YYYY-MM-DD",
        ),
        (
            {"members": [{"role": "child", "id": "a"}, {"role": "child", "id": "a"}]},
            "members[1].id",
            "used twice",
        ),
        ({"household": {"shoe_size": 44}}, "household.shoe_size", "not a fact"),
        ({"people": []}, "people", "unknown field"),
    ],
)
def test_bad_situations_name_the_field(
    evaluator: Evaluator, data: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        situations.parse(evaluator.catalog, data)
    assert caught.value.field == field and words in caught.value.reason


def test_money_is_formatted_the_belgian_way() -> None:
    from decimal import Decimal

    assert money(Decimal("1288.46")) == "€ 1.288,46"
    assert money(Decimal("24155.16")) == "€ 24.155,16"
    assert money(Decimal("5")) == "€ 5,00"
