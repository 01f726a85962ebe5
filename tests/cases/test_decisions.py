"""Decisions: recorded with their catalog basis, granted only where the Sociaal Huis grants,
corrected by superseding, refused whole on bad input, audited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from builders import family, single
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from sociaalhuis.cases.decisions import ACTIONS, DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.storage.models import AuditEvent, Decision

ON = date(2026, 11, 22)


@pytest.fixture
def catalog(make_catalog: Callable[..., Path]) -> Catalog:
    return loader.load(make_catalog(), today=ON)


@pytest.fixture
def service(db, catalog) -> DecisionService:
    return DecisionService(db, catalog)


def decisions_in(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Decision)) or 0


def test_record_a_decision_with_its_catalog_version_and_explanation(db, actor, service):
    household = HouseholdService(db).create(actor, family())
    data = DecisionInput(
        "vt",
        "applied",
        ON,
        note="  aanvraag bij het ziekenfonds  ",
        follow_up_on=date(2026, 12, 22),
        person_id=household.applicant.id,
    )
    decision = service.record(actor, household.id, data, "eligible\nleefloon: ja\n")
    assert (decision.right_id, decision.action, decision.decided_on) == ("vt", "applied", ON)
    assert decision.note == "aanvraag bij het ziekenfonds"
    assert decision.follow_up_on == date(2026, 12, 22)
    assert decision.person_id == household.applicant.id
    assert decision.catalog_version == "t1"
    assert decision.explanation == "eligible\nleefloon: ja"
    assert decision.decided_by == actor.user_id
    assert decision.supersedes_id is None
    assert decision.created_at.tzinfo is not None
    assert service.current(actor, household.id) == [decision]


def test_every_action_is_accepted_by_the_database(db, actor, service):
    household = HouseholdService(db).create(actor, single())
    for action in ACTIONS:
        right = "local" if action == "granted" else "senior"
        service.record(actor, household.id, DecisionInput(right, action, ON), "")
    assert decisions_in(db) == len(ACTIONS)
    assert set(ACTIONS) == {
        "granted",
        "applied",
        "referred",
        "already_receives",
        "declined",
        "rejected",
    }


def test_the_database_refuses_an_unknown_action(db, actor):
    household = HouseholdService(db).create(actor, single())
    row = {
        "id": uuid.uuid4(),
        "household_id": household.id,
        "right_id": "vt",
        "action": "declined_by_client",
        "decided_on": ON,
        "note": "",
        "catalog_version": "t1",
        "explanation": "",
        "decided_by_id": actor.user_id,
    }
    with pytest.raises(IntegrityError), db.write() as session:
        session.execute(insert(Decision), [row])


def test_only_the_sociaal_huis_own_rights_are_granted(db, actor, service):
    household = HouseholdService(db).create(actor, single())
    granted = service.record(actor, household.id, DecisionInput("local", "granted", ON), "ok")
    assert granted.action == "granted"
    for right, name in (("vt", "Verhoogde tegemoetkoming"), ("senior", "Senior")):
        with pytest.raises(ValidationError) as caught:
            service.record(actor, household.id, DecisionInput(right, "granted", ON), "")
        assert caught.value.field == "action"
        assert name in caught.value.reason and "grants only its own rights" in caught.value.reason
    assert decisions_in(db) == 1


def test_a_correction_supersedes_and_the_newest_decision_per_right_is_current(db, actor, service):
    household = HouseholdService(db).create(actor, single())
    wrong = service.record(actor, household.id, DecisionInput("vt", "referred", ON), "")
    senior = service.record(
        actor, household.id, DecisionInput("senior", "declined", date(2026, 11, 1)), ""
    )
    right = service.record(
        actor, household.id, DecisionInput("vt", "applied", ON), "", supersedes=wrong.id
    )
    assert right.supersedes_id == wrong.id
    assert service.current(actor, household.id) == [right, senior]
    # a later step about the same right needs no correction; it is simply newer
    later = service.record(
        actor, household.id, DecisionInput("vt", "already_receives", date(2026, 12, 1)), ""
    )
    assert service.current(actor, household.id) == [later, senior]
    # a decision recorded late but dated earlier does not push the newer one aside
    service.record(actor, household.id, DecisionInput("senior", "applied", date(2026, 10, 1)), "")
    assert service.current(actor, household.id) == [later, senior]
    with db.read() as session:  # nothing was changed or removed
        assert session.get(Decision, wrong.id).action == "referred"
    assert decisions_in(db) == 5


def test_superseding_needs_the_same_household_and_right_and_the_newest_correction(
    db, actor, service
):
    one = HouseholdService(db).create(actor, single())
    other = HouseholdService(db).create(actor, family())
    first = service.record(actor, one.id, DecisionInput("vt", "referred", ON), "")
    elsewhere = service.record(actor, other.id, DecisionInput("vt", "referred", ON), "")
    service.record(actor, one.id, DecisionInput("vt", "applied", ON), "", supersedes=first.id)
    before = decisions_in(db)
    for supersedes, right in (
        (elsewhere.id, "vt"),
        (first.id, "senior"),
        (uuid.uuid4(), "vt"),
        (first.id, "vt"),  # already corrected once
    ):
        with pytest.raises(ValidationError) as caught:
            service.record(
                actor, one.id, DecisionInput(right, "applied", ON), "", supersedes=supersedes
            )
        assert caught.value.field == "supersedes"
    assert decisions_in(db) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (DecisionInput("no_such_right", "applied", ON), "right_id"),
        (DecisionInput("vt", "approved", ON), "action"),
        (DecisionInput("vt", "applied", ON, follow_up_on=date(2026, 11, 21)), "follow_up_on"),
        (DecisionInput("vt", "applied", ON, person_id=uuid.uuid4()), "person_id"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(db, actor, service, data, field):
    household = HouseholdService(db).create(actor, single())
    with db.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(ValidationError) as caught:
        service.record(actor, household.id, data, "uitleg")
    assert caught.value.field == field
    assert decisions_in(db) == 0
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_a_member_of_another_household_is_not_a_member_here(db, actor, service):
    one = HouseholdService(db).create(actor, single())
    other = HouseholdService(db).create(actor, family())
    with pytest.raises(ValidationError, match="not a member"):
        service.record(
            actor, one.id, DecisionInput("vt", "applied", ON, person_id=other.applicant.id), ""
        )


def test_recording_and_reading_are_audited_without_the_note(db, actor, service):
    household = HouseholdService(db).create(actor, single())
    decision = service.record(
        actor, household.id, DecisionInput("vt", "applied", ON, note="schulden bij X"), ""
    )
    service.current(actor, household.id)
    with db.read() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_id == household.id, AuditEvent.action.like("decision.%"))
            .order_by(AuditEvent.created_at)
        ).all()
        assert [(e.action, e.user_id) for e in events] == [
            ("decision.recorded", actor.user_id),
            ("decision.listed", actor.user_id),
        ]
        assert str(decision.id) in events[0].detail and "schulden" not in events[0].detail


def test_unknown_household_and_roles(db, actor, service):
    with pytest.raises(NotFoundError):
        service.record(actor, uuid.uuid4(), DecisionInput("vt", "applied", ON), "")
    with pytest.raises(NotFoundError):
        service.current(actor, uuid.uuid4())
    from sociaalhuis.access.actors import Actor

    household = HouseholdService(db).create(actor, single())
    with pytest.raises(PermissionDenied):
        service.record(
            Actor(actor.user_id, "guest", "guest"),
            household.id,
            DecisionInput("vt", "applied", ON),
            "",
        )
    assert decisions_in(db) == 0


def test_migrating_down_and_up_keeps_decisions_and_renames_their_actions(db, actor, service):
    from alembic import command

    from sociaalhuis.storage import schema

    household = HouseholdService(db).create(actor, single())
    declined = service.record(actor, household.id, DecisionInput("vt", "declined", ON), "")
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with db.read() as session:
        found = session.connection().exec_driver_sql("SELECT action FROM decisions").scalar()
        assert found == "declined_by_client"
    schema.upgrade(db.engine)
    assert service.current(actor, household.id) == [declined]
