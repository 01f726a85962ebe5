"""From stored households to situations: member ids, roles, birth dates, facts, validity."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from builders import family

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import (
    FactInput,
    FactView,
    HouseholdView,
    MemberView,
    PersonView,
)
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import situation_for

ON = date(2026, 11, 22)
ANNA, BERT, CAS = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


@pytest.fixture
def catalog(make_catalog: Callable[..., Path]) -> Catalog:
    return loader.load(make_catalog(), today=ON)


def person(person_id: uuid.UUID, born: date | None) -> PersonView:
    return PersonView(person_id, 1, "X", "Y", born, None, "nl", None, None)


def fact(key: str, kind: str, value: Any, person_id: uuid.UUID | None = None, **dates) -> FactView:
    return FactView(
        uuid.uuid4(),
        key,
        kind,
        value,
        person_id,
        "statement",
        uuid.uuid4(),
        datetime(2026, 1, 1, tzinfo=UTC),
        dates.get("valid_from"),
        dates.get("valid_until"),
    )


def household(*facts: FactView) -> HouseholdView:
    return HouseholdView(
        uuid.uuid4(),
        1,
        "Kerkstraat",
        "1",
        None,
        "3020",
        "Herent",
        (
            MemberView(person(BERT, date(1950, 5, 1)), "partner"),
            MemberView(person(ANNA, date(1952, 2, 3)), "applicant"),
            MemberView(person(CAS, None), "child"),
        ),
        facts,
    )


def test_members_keep_their_order_roles_and_birth_dates(catalog):
    found = situation_for(catalog, household(), ON)
    assert found.member_ids == {"m1": BERT, "m2": ANNA, "m3": CAS}
    assert found.situation.members == (
        ("m1", {"role": "partner", "birth_date": date(1950, 5, 1)}),
        ("m2", {"role": "applicant", "birth_date": date(1952, 2, 3)}),
        ("m3", {"role": "child"}),
    )
    # An address in Herent (postcode 3020) answers "woont in Herent".
    assert found.situation.household == {"lives_in_herent": True}
    assert found.skipped == ()


def test_facts_go_to_their_member_or_the_household(catalog):
    found = situation_for(
        catalog,
        household(
            fact("leefloon", "bool", True, ANNA),
            fact("dependant", "bool", True, CAS),
            fact("household_income", "money", Decimal("18000.0000")),
            fact("tenure", "choice", "private_rent"),
        ),
        ON,
    )
    members = dict(found.situation.members)
    assert members["m2"]["leefloon"] is True and "leefloon" not in members["m1"]
    assert members["m3"]["dependant"] is True
    assert found.situation.household == {
        "household_income": Decimal("18000"),
        "tenure": "private_rent",
        "lives_in_herent": True,
    }


def test_facts_the_catalog_does_not_take_are_skipped_and_named(catalog):
    found = situation_for(
        catalog,
        household(
            fact("shoe_size", "number", Decimal(42), ANNA),  # not in the dictionary
            fact("tenure", "choice", "private_rent", ANNA),  # a household fact on a person
            fact("leefloon", "bool", True),  # a person fact on the household
            fact("tenure", "choice", "castle"),  # not one of the choices
            fact("age", "number", Decimal(70), BERT),  # derived, never stored input
            fact("role", "choice", "child", BERT),  # built in: the membership says
        ),
        ON,
    )
    assert found.situation.household == {"lives_in_herent": True}  # from the address
    assert dict(found.situation.members)["m1"] == {
        "role": "partner",
        "birth_date": date(1950, 5, 1),
    }
    assert dict(found.situation.members)["m2"] == {
        "role": "applicant",
        "birth_date": date(1952, 2, 3),
    }
    assert sorted(found.skipped) == sorted(
        ["m2.shoe_size", "m2.tenure", "leefloon", "tenure", "m1.age", "m1.role"]
    )


@pytest.mark.parametrize(
    ("dates", "known"),
    [
        ({}, True),
        ({"valid_from": ON, "valid_until": ON}, True),
        ({"valid_from": date(2026, 11, 23)}, False),
        ({"valid_until": date(2026, 11, 21)}, False),
        ({"valid_from": date(2025, 1, 1), "valid_until": date(2027, 1, 1)}, True),
    ],
)
def test_only_facts_valid_on_the_day_count(catalog, dates, known):
    found = situation_for(catalog, household(fact("leefloon", "bool", True, ANNA, **dates)), ON)
    assert ("leefloon" in dict(found.situation.members)["m2"]) is known


def test_open_questions_lead_back_to_the_person(catalog):
    found = situation_for(catalog, household(), ON)
    assert found.person_for("m2.leefloon") == (ANNA, "leefloon")
    assert found.person_for("tenure") == (None, "tenure")
    assert found.name_for(CAS, "dependant") == "m3.dependant"
    assert found.name_for(None, "tenure") == "tenure"
    with pytest.raises(KeyError):
        found.person_for("m9.leefloon")


def test_a_stored_household_is_evaluated_and_an_answer_settles_a_right(db, actor, catalog):
    service = HouseholdService(db)
    created = service.create(actor, family())
    applicant = created.applicant.id
    stored = service.record_facts(
        actor,
        created.id,
        created.version,
        [
            FactInput("lives_in_herent", "bool", True),
            FactInput("leefloon", "bool", False, person_id=created.members[1].person.id),
        ],
    )
    found = situation_for(catalog, service.get(actor, stored.id), ON)
    evaluator = Evaluator(catalog)
    verdicts = {v.right.id: v for v in evaluator.evaluate(found.situation, ON)}
    assert verdicts["vt"].verdict == "possibly_eligible"
    asked = [found.person_for(name) for name in verdicts["vt"].missing_facts]
    assert (applicant, "leefloon") in asked
    answered = found.situation.with_fact(found.name_for(applicant, "leefloon"), True)
    verdicts = {v.right.id: v for v in evaluator.evaluate(answered, ON)}
    assert verdicts["vt"].verdict == "eligible"
    assert verdicts["local"].verdict == "eligible"
