"""`load_situations` gives, for many households at once, exactly the situation `situation_for`
gives for each: on a demo caseload and on stored data the desk would not write."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from builders import family, single
from sqlalchemy import insert, update

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService, household_view, load_household
from sociaalhuis.cases.records import FactInput
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.screening import situations, store
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Household, Person

ON = date(2026, 12, 3)
LATER = date(2027, 1, 1)
EARLIER = date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=ON)


def expected(db: Database, catalog: Catalog, ids: list[uuid.UUID]) -> list[Any]:
    with db.read() as session:
        return [
            (h, loaded.version, situation_for(catalog, household_view(loaded), ON).situation)
            for h in ids
            for loaded in [load_household(session, h)]
        ]


def loaded(db: Database, catalog: Catalog, ids: list[uuid.UUID]) -> list[Any]:
    with db.read() as session:
        return store.load_situations(session, catalog, ids, ON)


def test_a_demo_caseload_loads_as_situation_for_sees_it(db, catalog, monkeypatch):
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=300, seed=5, today=ON)
    with db.read() as session:
        ids = store.stale_households(session, catalog.version, ON, True)
    assert len(ids) == 300
    monkeypatch.setattr(situations, "PART", 70)  # several parts, the last one short
    found = loaded(db, catalog, ids)
    assert found == expected(db, catalog, ids)
    assert sum(len(s.members) for _, _, s in found) > 300  # members and facts were there
    assert sum(len(s.household) for _, _, s in found) > 600


def odd_households(db: Database, actor: Actor) -> list[uuid.UUID]:
    """Households with stored data the desk would not write; the last id does not exist."""
    service = HouseholdService(db)
    odd = service.create(actor, family())
    applicant, partner, child = (m.person.id for m in odd.members)
    facts = [
        FactInput("household_income", "money", Decimal("21400.50")),
        FactInput("monthly_rent", "money", Decimal("-5")),  # below the dictionary's minimum
        FactInput("tenure", "choice", "caravan"),  # not one of its choices
        FactInput("leefloon", "bool", True),  # a person's fact stored on the household
        FactInput("acute_need", "bool", True, person_id=partner),  # and the other way round
        FactInput("old_key_gone", "bool", True),  # not in the catalog (any more)
        FactInput("age", "number", Decimal(40), person_id=child),  # derived, never stored
        FactInput("birth_date", "date", date(1999, 1, 1), person_id=child),  # built in
        FactInput("years_in_flanders", "number", Decimal("12.500"), person_id=applicant),
        FactInput("leefloon_since", "date", date(2025, 3, 1), person_id=applicant),
        FactInput("igo", "bool", True, person_id=partner, valid_from=LATER),  # not yet
        FactInput("ivt", "bool", True, person_id=partner, valid_until=EARLIER),  # no more
        FactInput("it", "bool", False, person_id=partner, valid_from=ON, valid_until=ON),
        FactInput("widowed", "bool", True, person_id=partner, valid_until=LATER),
    ]
    odd = service.record_facts(actor, odd.id, odd.version, facts)
    bare = service.create(actor, single())
    elsewhere = service.create(actor, single("Anna", "Maes", 44))
    with db.write() as session:
        # What the desk does not write but a database may hold: no address, a fact of
        # someone who is no member, a household without members.
        session.execute(update(Household).where(Household.id == bare.id).values(street=" "))
        session.execute(
            update(Household).where(Household.id == elsewhere.id).values(postcode="3000")
        )
        stranger = uuid.uuid4()
        session.execute(
            insert(Person),
            [
                {
                    "id": stranger,
                    "given_name": "X",
                    "family_name": "Y",
                    "search_name": "y x",
                    "version": 1,
                }
            ],
        )
        session.execute(insert(Fact), [_fact(odd.id, stranger, "leefloon", actor.user_id)])
        empty = _empty_household(session)
    return [odd.id, bare.id, elsewhere.id, empty, uuid.uuid4()]


def test_edge_cases_load_as_situation_for_sees_them(db, actor: Actor, catalog):
    ids = odd_households(db, actor)
    odd, bare, elsewhere, empty, _ = ids
    found = loaded(db, catalog, ids)
    assert [row[0] for row in found] == ids[:4]
    assert found == expected(db, catalog, ids[:4])
    by_id = {household_id: situation for household_id, _, situation in found}
    assert "lives_in_herent" not in by_id[bare].household
    assert by_id[elsewhere].household["lives_in_herent"] is False
    assert by_id[empty] == Situation({"lives_in_herent": True}, ())
    members = dict(by_id[odd].members)
    assert members["m1"]["years_in_flanders"] == Decimal("12.5")
    assert "igo" not in members["m2"] and "ivt" not in members["m2"]
    assert members["m2"]["it"] is False and members["m2"]["widowed"] is True
    assert members["m3"]["birth_date"] == date(2015, 6, 9)
    assert "monthly_rent" not in by_id[odd].household
    assert by_id[odd].household["household_income"] == Decimal("21400.50")


def test_duplicate_ids_are_loaded_once(db, actor, catalog):
    saved = HouseholdService(db).create(actor, single())
    assert [row[0] for row in loaded(db, catalog, [saved.id, saved.id])] == [saved.id]
    assert loaded(db, catalog, []) == []


def _fact(household_id: uuid.UUID, person_id: uuid.UUID, key: str, user: uuid.UUID) -> Any:
    return {
        "id": uuid.uuid4(),
        "household_id": household_id,
        "person_id": person_id,
        "key": key,
        "kind": "bool",
        "value_bool": True,
        "evidence": "statement",
        "recorded_by_id": user,
        "recorded_at": datetime(2026, 12, 1, tzinfo=UTC),
        "version": 1,
    }


def _empty_household(session) -> uuid.UUID:
    household_id = uuid.uuid4()
    session.execute(
        insert(Household),
        [
            {
                "id": household_id,
                "street": "Leeg",
                "house_number": "1",
                "postcode": "3020",
                "deelgemeente": "Herent",
                "search_street": "leeg 1",
                "version": 1,
            }
        ],
    )
    return household_id
