"""A small caseload to read status lists into: who is matched, who is not, who is ambiguous."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builders import family, single
from status_world import CATALOG, HOMELESS, ON, TWICE, World

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import FactInput
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    HouseholdMember,
    Person,
)


@pytest.fixture
def world(db: Database, tmp_path: Path) -> World:
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        lead = ensure_user(session, "an", "An Claes", "team_lead")
    refresher = FindingsRefresher(Evaluator(CATALOG), lambda: ON)
    desk = HouseholdService(db, refresher)
    jozef = desk.create(system, single())
    jozef = desk.record_facts(
        system, jozef.id, jozef.version, [FactInput("lives_in_herent", "bool", True)]
    )
    home = desk.create(system, family())
    other = desk.create(system, single("Karel", "Peeters", 40))
    second = desk.create(system, single("Mia", "Wouters", 41))
    with db.write() as session:
        twice = Person(
            given_name="Tom",
            family_name="Dubois",
            birth_date=date(1970, 2, 3),
            national_number=TWICE,
            search_name="dubois tom",
        )
        alone = Person(
            given_name="Eva",
            family_name="Smet",
            birth_date=date(1999, 8, 8),
            national_number=HOMELESS,
            search_name="smet eva",
        )
        session.add_all([twice, alone])
        session.flush()
        for household_id in (other.id, second.id):
            session.add(
                HouseholdMember(
                    household_id=household_id, person_id=twice.id, role="other", position=1
                )
            )
    return World(db, system, lead, refresher, jozef.id, home.id, tmp_path)
