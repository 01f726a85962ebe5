"""`screen_stored` reads stored households straight into columns: its findings equal those of
the single-household engine on `situation_for`, on a demo caseload and on odd stored data."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from builders import family, single
from sqlalchemy import insert, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService, household_view, load_household
from sociaalhuis.catalog import loader
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.screening import columns
from sociaalhuis.screening.engine import screen_one
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Household, HouseholdMember
from tests.screening.test_situations import odd_households

ON = date(2026, 12, 3)


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator(loader.load(today=ON))


def assert_as_one_by_one(db: Database, evaluator: Evaluator, ids: list[uuid.UUID]) -> int:
    """Screen `ids` from the columns and one by one; returns how many were found."""
    with db.read() as session:
        rows, screened = columns.screen_stored(session, evaluator, ids, ON)
        expected = [
            (
                h.id,
                h.version,
                screen_one(evaluator, situation_for(evaluator.catalog, view, ON).situation, ON),
            )
            for household_id in ids
            if session.get(Household, household_id) is not None
            for h in [load_household(session, household_id)]
            for view in [household_view(h)]
        ]
    assert rows == [(household_id, version) for household_id, version, _ in expected]
    for index, (_, _, findings) in enumerate(expected):
        assert screened.findings(index) == findings
    return len(rows)


def test_a_demo_caseload_screens_as_one_by_one(db, evaluator, monkeypatch):
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=300, seed=11, today=ON)
    with db.read() as session:
        ids = list(session.scalars(select(Household.id)))
    monkeypatch.setattr(columns, "PART", 70)  # several parts, the last one short
    assert assert_as_one_by_one(db, evaluator, ids) == 300
    # Every other household in id order: each part fills half its id range, so it is read as
    # a range and the households in between, not asked for, are left out.
    monkeypatch.setattr(columns, "PART", 1000)
    ranged = sorted(ids)[::2]
    with db.read() as session:
        assert columns.Part(session.connection(), ranged).dense
    assert assert_as_one_by_one(db, evaluator, ranged) == 150


def test_odd_stored_data_screens_as_one_by_one(db, actor: Actor, evaluator):
    ids = odd_households(db, actor)
    assert assert_as_one_by_one(db, evaluator, ids) == 4


def test_a_number_kept_as_text_goes_to_the_exact_engine(db, actor: Actor, evaluator):
    """Only situation_of's conversions read "21400" stored as text; the household is screened
    from its situation and still agrees."""
    ids = odd_households(db, actor)
    with db.write() as session:
        session.execute(
            insert(Fact),
            [
                {
                    "id": uuid.uuid4(),
                    "household_id": ids[1],
                    "key": "household_income",
                    "kind": "text",
                    "value_text": "9000",
                    "evidence": "statement",
                    "recorded_by_id": actor.user_id,
                    "recorded_at": datetime(2026, 12, 1, tzinfo=UTC),
                    "version": 1,
                }
            ],
        )
    assert assert_as_one_by_one(db, evaluator, ids) == 4
    with db.read() as session:
        view = household_view(load_household(session, ids[1]))
    assert (
        situation_for(evaluator.catalog, view, ON).situation.household["household_income"] == 9000
    )


def test_a_member_of_two_households_and_a_fact_filed_elsewhere_screen_as_one_by_one(
    db, actor: Actor, evaluator
):
    """A person's facts go to the member row of the household they are filed on: one person
    in two households of a part, and a fact about a member filed on a household they are not
    in (dropped, as `situation_for` drops it)."""
    service = HouseholdService(db)
    first = service.create(actor, family())
    partner = first.members[1].person.id
    second = service.create(actor, single())
    third = service.create(actor, single("Anna", "Maes", 44))
    with db.write() as session:
        session.add(
            HouseholdMember(household_id=second.id, person_id=partner, role="partner", position=9)
        )
        session.execute(
            insert(Fact),
            [
                {
                    "id": uuid.uuid4(),
                    "household_id": household_id,
                    "person_id": partner,
                    "key": key,
                    "kind": "bool",
                    "value_bool": value,
                    "evidence": "statement",
                    "recorded_by_id": actor.user_id,
                    "recorded_at": datetime(2026, 12, 1, tzinfo=UTC),
                    "version": 1,
                }
                for household_id, key, value in (
                    (first.id, "leefloon", True),
                    (second.id, "leefloon", True),
                    *((third.id, key, True) for key in ("acute_need", "igo", "ivt", "widowed")),
                )
            ],
        )
    ids = [first.id, second.id, third.id]
    assert assert_as_one_by_one(db, evaluator, ids) == 3  # the partner in two of them
    assert assert_as_one_by_one(db, evaluator, [first.id, third.id]) == 2
    assert assert_as_one_by_one(db, evaluator, [second.id, third.id]) == 2
