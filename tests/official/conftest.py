"""A small caseload to read status lists into: who is matched, who is not, who is ambiguous."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from builders import family, single
from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.national_number import make
from sociaalhuis.cases.records import FactInput
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Fact,
    Household,
    HouseholdMember,
    OfficialStatusFact,
    Person,
    StatusImport,
)

CATALOG = loader.load()
ON = date(2026, 12, 2)
JOZEF = make(date(1948, 1, 30), 33)  # alone in Herent (builders.single)
MEHMET = make(date(1984, 11, 23), 17)  # the partner in builders.family
SARAH = make(date(1986, 4, 2), 2)  # the applicant in builders.family
TWICE = make(date(1970, 2, 3), 51)  # a member of two households
HOMELESS = make(date(1999, 8, 8), 72)  # registered, in no household
UNKNOWN = make(date(1961, 4, 5), 99)  # nobody here
HEADER = "INSZ;statuscode;begindatum;einddatum"


@dataclass
class World:
    db: Database
    system: Actor
    lead: Actor
    refresher: FindingsRefresher
    jozef_home: uuid.UUID
    family_home: uuid.UUID
    folder: Path

    def write(self, *lines: str, name: str = "statussen_20261201.csv") -> Path:
        path = self.folder / name
        path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
        return path

    def counts(self) -> dict[str, int]:
        with self.db.read() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Fact, StatusImport, OfficialStatusFact, AuditEvent)
            }

    def version(self, household_id: uuid.UUID) -> int:
        with self.db.read() as session:
            return session.get(Household, household_id).version


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
