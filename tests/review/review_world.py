"""A small screened caseload for the review tests, and the lists as Python computes them
straight from the tables (the yardstick the services are held to)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.records import DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.demo.loader import load
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.review import lists
from sociaalhuis.review.lists import ReviewFilters, ReviewRow
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    CaseAssignment,
    Decision,
    Household,
    HouseholdMember,
    Person,
    StoredFinding,
)

ON = date(2026, 12, 3)
CATALOG = loader.load(today=ON)
RIGHTS = {right.id: right for right in CATALOG.rights}
VERDICT = {"eligible": "eligible", "possible": "possibly_eligible"}


@dataclass
class World:
    db: Database
    system: Actor
    lead: Actor
    workers: list[Actor]
    households: list[uuid.UUID]


def build(db: Database, households: int = 30, seed: int = 5) -> World:
    """Demo households, screened; cases spread over two workers (some reassigned, some
    unassigned); decisions, overdue applications and an overdue referral."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        lead = ensure_user(session, "leen", "Leen Leider", "team_lead")
        workers = [
            ensure_user(session, "lien", "Lien Peeters", "social_worker"),
            ensure_user(session, "tom", "Tom Claes", "social_worker"),
        ]
    load(db, system, households, seed, today=ON)
    run_screen(db, CATALOG, ON)
    with db.read() as session:
        ids = sorted(session.scalars(select(Household.id)))
    rng = random.Random(seed)
    for index, household_id in enumerate(ids):
        if index % 3 != 2:
            need_to_know.assign(db, system, household_id, workers[index % 3].user_id)
        if index % 5 == 0:  # a reassignment: the newest assignment counts
            need_to_know.assign(db, system, household_id, workers[(index + 1) % 2].user_id)
    decisions = DecisionService(db, CATALOG)
    for household_id, right_id in _some(rng, open_pairs(db, "eligible"), 12):
        action = rng.choice(["applied", "referred", "declined", "already_receives"])
        follow = ON - timedelta(days=rng.choice([3, 40])) if action == "applied" else None
        decisions.record(
            system,
            household_id,
            DecisionInput(right_id, action, ON - timedelta(days=60), "", follow),
            "",
        )
    for household_id, right_id in _some(rng, open_pairs(db, "possible"), 6):
        decisions.record(
            system,
            household_id,
            DecisionInput(right_id, "applied", ON - timedelta(days=50), "", ON - timedelta(days=9)),
            "",
        )
    caw = DirectoryService(db).create_organisation(
        system, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
    )
    referrals = ReferralService(db, CATALOG)
    for household_id in ids[:3]:
        referrals.create(
            system,
            household_id,
            ReferralInput(
                caw.id,
                "Budgethulp",
                None,
                right_id="budgetbegeleiding",
                follow_up_on=ON - timedelta(days=2),
            ),
            ON - timedelta(days=20),
        )
    return World(db, system, lead, workers, ids)


def _some(rng: random.Random, pairs: list[Any], count: int) -> list[Any]:
    return rng.sample(pairs, min(count, len(pairs)))


def open_pairs(db: Database, which: str) -> list[tuple[uuid.UUID, str]]:
    return [(row[0], row[1]) for row in expected(db, which)]


def expected(db: Database, which: str) -> list[tuple[uuid.UUID, str, Decimal | None]]:
    """Findings of the list's verdict with no decision nothing supersedes, in list order."""
    f = StoredFinding
    with db.read() as session:
        findings = session.execute(
            select(f.household_id, f.right_id, f.yearly_value).where(f.verdict == VERDICT[which])
        ).all()
        decisions = session.execute(
            select(Decision.id, Decision.household_id, Decision.right_id, Decision.supersedes_id)
        ).all()
    superseded = {row[3] for row in decisions if row[3] is not None}
    decided = {(row[1], row[2]) for row in decisions if row[0] not in superseded}
    rows = [tuple(row) for row in findings if (row[0], row[1]) not in decided]
    return sorted(rows, key=lambda r: (r[2] is None, -(r[2] or 0), r[0], r[1]))  # type: ignore[return-value]


def everything(
    world: World, which: str, filters: ReviewFilters = lists.NO_FILTERS, limit: int = 500
) -> list[ReviewRow]:
    """Every row of a list, page by page."""
    rows: list[ReviewRow] = []
    while True:
        part = lists.review(
            world.db, world.lead, CATALOG, which, filters, limit=limit, offset=len(rows), today=ON
        )
        rows += part
        if len(part) < limit:
            return rows


@dataclass(frozen=True)
class Facts:
    deelgemeente: str
    worker: uuid.UUID | None
    birth_date: date | None
    roles: tuple[str, ...]


def household_facts(db: Database) -> dict[uuid.UUID, Facts]:
    """What the household filters look at, read plainly."""
    with db.read() as session:
        places = dict(session.execute(select(Household.id, Household.deelgemeente)).all())
        assignments = session.execute(
            select(
                CaseAssignment.household_id,
                CaseAssignment.assigned_at,
                CaseAssignment.created_at,
                CaseAssignment.user_id,
            )
        ).all()
        members = session.execute(
            select(HouseholdMember.household_id, HouseholdMember.role, Person.birth_date).join(
                Person, Person.id == HouseholdMember.person_id
            )
        ).all()
    newest: dict[uuid.UUID, Any] = {}
    for household_id, at, created, user_id in assignments:
        if household_id not in newest or (at, created) > newest[household_id][:2]:
            newest[household_id] = (at, created, user_id)
    roles: dict[uuid.UUID, list[str]] = {}
    born: dict[uuid.UUID, date | None] = {}
    for household_id, role, birth_date in members:
        roles.setdefault(household_id, []).append(role)
        if role == "applicant":
            born[household_id] = birth_date
    return {
        household_id: Facts(
            place,
            newest[household_id][2] if household_id in newest else None,
            born.get(household_id),
            tuple(roles.get(household_id, ())),
        )
        for household_id, place in places.items()
    }


def passes(filters: ReviewFilters, row: ReviewRow, facts: dict[uuid.UUID, Facts]) -> bool:
    """The filters as plain Python over one row of the unfiltered list."""
    right = RIGHTS.get(row.right_id)
    about = facts[row.household_id]
    checks = [
        filters.right_id is None or row.right_id == filters.right_id,
        filters.level is None or (right is not None and lists.level_of(right) == filters.level),
        filters.provider is None or (right is not None and right.provider == filters.provider),
        filters.worker_id is None or about.worker == filters.worker_id,
        filters.deelgemeente is None or about.deelgemeente == filters.deelgemeente,
        filters.age_band is None or lists.age_band(about.birth_date, ON) == filters.age_band,
        filters.household_type is None
        or lists.household_type(about.roles) == filters.household_type,
    ]
    return all(checks)
