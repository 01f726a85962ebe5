"""Consents to share data with partners: given in a contact, withdrawn by a superseding row."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from builders import family, single
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ConsentInput, ContactInput
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.models import AuditEvent, Consent, Contact


def rows(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_consents_are_recorded_with_the_contact(db, actor):
    household = HouseholdService(db).create(actor, family())
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    contact = ContactService(db).record(
        actor,
        household.id,
        ContactInput(
            question="Schulden",
            occurred_at=when,
            consents=(
                ConsentInput(" CAW Oost-Brabant ", " budgetbegeleiding "),
                ConsentInput(
                    "Fluvius",
                    "sociaal tarief",
                    how="written",
                    given_on=date(2026, 11, 18),
                    person_id=household.members[1].person.id,
                ),
            ),
        ),
    )
    first, second = contact.consents
    assert (first.partner, first.purpose, first.how) == (
        "CAW Oost-Brabant",
        "budgetbegeleiding",
        "verbal",
    )
    assert first.given_on == date(2026, 11, 20)  # the day of the contact
    assert (first.contact_id, first.household_id, first.person_id) == (
        contact.id,
        household.id,
        None,
    )
    assert first.recorded_by == actor.user_id and first.current
    assert (second.how, second.given_on) == ("written", date(2026, 11, 18))
    assert second.person_id == household.members[1].person.id
    service = ContactService(db)
    assert {c.id for c in service.consents_for(actor, household.id)} == {first.id, second.id}
    assert service.list_for(actor, household.id) == [contact]


def test_a_withdrawal_supersedes_the_consent_which_stays_on_record(db, actor):
    household = HouseholdService(db).create(actor, single())
    service = ContactService(db)
    contact = service.record(
        actor,
        household.id,
        ContactInput(
            question="?",
            consents=(ConsentInput("CAW", "budget"), ConsentInput("OCMW Leuven", "huisvesting")),
        ),
    )
    caw, ocmw = contact.consents
    withdrawal = service.withdraw_consent(actor, caw.id, date.today())
    assert withdrawal.supersedes_id == caw.id and withdrawal.withdrawn_on == date.today()
    assert (withdrawal.partner, withdrawal.purpose, withdrawal.given_on) == (
        "CAW",
        "budget",
        caw.given_on,
    )
    assert [c.id for c in service.consents_for(actor, household.id)] == [ocmw.id]
    shown = service.list_for(actor, household.id)[0].consents
    assert {(c.partner, c.withdrawn_on) for c in shown} == {
        ("CAW", date.today()),
        ("OCMW Leuven", None),
    }
    with db.read() as session:
        assert session.get(Consent, caw.id).withdrawn_on is None  # the original is untouched
    for consent_id in (caw.id, withdrawal.id):
        with pytest.raises(ValidationError, match="already withdrawn"):
            service.withdraw_consent(actor, consent_id)
    with pytest.raises(ValidationError) as caught:
        service.withdraw_consent(actor, ocmw.id, ocmw.given_on - timedelta(days=1))
    assert caught.value.field == "withdrawn_on"
    with pytest.raises(NotFoundError):
        service.withdraw_consent(actor, uuid.uuid4())
    with db.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == household.id)
        ).all()
    assert actions.count("consent.withdrawn") == 1
    assert actions.count("consent.listed") == 1


@pytest.mark.parametrize(
    ("consent", "field"),
    [
        (ConsentInput("  ", "budget"), "consents[1].partner"),
        (ConsentInput("CAW", ""), "consents[1].purpose"),
        (ConsentInput("CAW", "budget", how="telepathy"), "consents[1].how"),
        (ConsentInput("CAW", "budget", given_on=date(2999, 1, 1)), "consents[1].given_on"),
        (ConsentInput("CAW", "budget", person_id=uuid.uuid4()), "consents[1].person_id"),
    ],
)
def test_a_bad_consent_refuses_the_whole_contact(db, actor, consent, field):
    household = HouseholdService(db).create(actor, single())
    before = rows(db, AuditEvent)
    data = ContactInput(
        question="?", note="nota", consents=(ConsentInput("Fluvius", "energie"), consent)
    )
    with pytest.raises(ValidationError) as caught:
        ContactService(db).record(actor, household.id, data)
    assert caught.value.field == field
    assert (rows(db, Contact), rows(db, Consent), rows(db, AuditEvent)) == (0, 0, before)


def test_the_database_refuses_to_rewrite_consents(db, actor):
    household = HouseholdService(db).create(actor, single())
    ContactService(db).record(
        actor, household.id, ContactInput(question="?", consents=(ConsentInput("CAW", "x"),))
    )
    for statement in ("UPDATE consents SET partner = 'X'", "DELETE FROM consents"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
            session.connection().exec_driver_sql(statement)
    assert rows(db, Consent) == 1


def test_consents_of_an_unknown_household(db, actor):
    with pytest.raises(NotFoundError):
        ContactService(db).consents_for(actor, uuid.uuid4())
