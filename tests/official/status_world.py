"""The caseload the status-list tests read into: the people by national number, and World."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.national_number import make
from sociaalhuis.catalog import loader
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Fact,
    Household,
    OfficialStatusFact,
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
