"""A household with a record in conflict after a sync gets no referral and no decision (also
not through a granting round) until a worker settles it; on SQLite and PostgreSQL, and on a
laptop that took the central's conflicts."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.review import rounds
from sociaalhuis.screening.review import screen_caseload
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Decision, Letter, Referral
from sociaalhuis.sync import conflicts
from sociaalhuis.sync.conflicts import InConflictError
from tests.builders import family, single
from tests.sync.pair import LAPTOP_STREET, foreign_conflict, make_pair, send_down, street_conflict

CATALOG = loader.load()
TODAY = date(2026, 11, 22)
RIGHT = "budgetbegeleiding"


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _settle(db: Database, actor: Actor, household_id: uuid.UUID) -> None:
    with db.write() as session:
        conflicts.settle(session, actor, "households", str(household_id), {"street": LAPTOP_STREET})


def test_a_decision_waits_until_the_conflict_is_settled(db: Database, actor: Actor) -> None:
    households = HouseholdService(db)
    disputed = households.create(actor, family()).id
    other = households.create(actor, single()).id
    foreign_conflict(db, disputed)
    service = DecisionService(db, CATALOG)
    data = DecisionInput(RIGHT, "declined", TODAY)
    with pytest.raises(InConflictError) as caught:
        service.record(actor, disputed, data, "")
    assert caught.value.household_id == disputed
    assert caught.value.records == [("households", str(disputed))]
    assert _count(db, Decision) == 0
    service.record(actor, other, data, "")  # the guard is per household
    _settle(db, actor, disputed)
    assert service.record(actor, disputed, data, "").household_id == disputed
    assert _count(db, Decision) == 2


def test_a_referral_waits_until_the_conflict_is_settled(db: Database, actor: Actor) -> None:
    disputed = HouseholdService(db).create(actor, family()).id
    partner = DirectoryService(db).create_organisation(actor, OrganisationInput("OCMW-partner"))
    foreign_conflict(db, disputed)
    service = ReferralService(db, CATALOG)
    data = ReferralInput(partner.id, "Hulp bij energie", None)
    with pytest.raises(InConflictError):
        service.create(actor, disputed, data, TODAY)
    with pytest.raises(InConflictError):  # with a letter: refused before anything is printed
        service.refer(actor, disputed, data, "Lien", TODAY)
    assert _count(db, Referral) == 0
    assert _count(db, Letter) == 0
    _settle(db, actor, disputed)
    assert service.create(actor, disputed, data, TODAY).status == "draft"


def test_a_granting_round_grants_nobody_while_one_household_is_in_conflict(db: Database) -> None:
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        preparer = ensure_user(session, "an", "An Claes", "team_lead")
        approver = ensure_user(session, "bart", "Bart Maes", "team_lead")
    trouble = [IntakeFact("payment_difficulties", "bool", True)]
    intake = IntakeService(db)
    disputed = intake.save(system, None, None, family(), trouble).id
    other = intake.save(system, None, None, single(), trouble).id
    screen_caseload(db, system, CATALOG, TODAY, everything=True)
    prepared = rounds.prepare_round(db, preparer, CATALOG, RIGHT, TODAY)
    assert {item.household_id for item in prepared.items} == {disputed, other}
    foreign_conflict(db, disputed)
    with pytest.raises(InConflictError):
        rounds.approve_round(db, approver, CATALOG, prepared.id, today=TODAY)
    assert _count(db, Decision) == 0
    assert _count(db, Letter) == 0
    # Leaving the household in conflict out, the others are granted.
    rounds.approve_round(db, approver, CATALOG, prepared.id, {other}, today=TODAY)
    with db.read() as session:
        granted = set(session.scalars(select(Decision.household_id)))
    assert granted == {other}


def test_on_the_laptop_too_a_case_in_conflict_gets_no_decision(tmp_path: Path) -> None:
    pair = make_pair(tmp_path)
    try:
        street_conflict(pair)
        send_down(pair)  # the central's conflict marked on the laptop
        data = DecisionInput(RIGHT, "declined", TODAY)
        with pytest.raises(InConflictError):
            DecisionService(pair.laptop, CATALOG).record(pair.actor, pair.household_id, data, "")
        assert _count(pair.laptop, Decision) == 0
    finally:
        pair.close()
