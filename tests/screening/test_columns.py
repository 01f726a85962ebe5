"""`screen_stored` reads stored households straight into columns: its findings equal those of
the single-household engine on `situation_for`, on a demo caseload and on odd stored data."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import household_view, load_household
from sociaalhuis.catalog import loader
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.screening import columns
from sociaalhuis.screening.engine import screen_one
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Household
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
