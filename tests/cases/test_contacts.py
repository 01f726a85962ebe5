"""Contacts: recorded with their first note, corrected by superseding, audited."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from builders import family, single
from sqlalchemy import select

from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ContactInput
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.models import AuditEvent, Contact


def test_record_a_contact_and_correct_its_note(db, actor):
    household = HouseholdService(db).create(actor, family())
    service = ContactService(db)
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    contact = service.record(
        actor,
        household.id,
        ContactInput(
            question="Vraagt naar sociaal tarief energie",
            channel="phone",
            site="Veltem",
            person_id=household.applicant.id,
            occurred_at=when,
            note="Factuur Luminus meegebracht.",
        ),
    )
    assert (contact.channel, contact.site, contact.occurred_at) == ("phone", "Veltem", when)
    first = contact.notes[0]
    corrected = service.add_note(
        actor, contact.id, "Factuur Engie meegebracht.", supersedes=first.id
    )
    assert [n.text for n in corrected.notes] == [
        "Factuur Luminus meegebracht.",
        "Factuur Engie meegebracht.",
    ]
    assert corrected.notes[1].supersedes_id == first.id
    assert service.list_for(actor, household.id) == [corrected]
    with db.read() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == household.id)
        ).all()
    assert actions.count("contact.recorded") == 1
    assert actions.count("contact.note_added") == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ContactInput(question="", note=" "), "question"),
        (ContactInput(question="?", channel="pigeon"), "channel"),
        (ContactInput(question="?", occurred_at=datetime(2026, 1, 1, 9)), "occurred_at"),
        (ContactInput(question="?", person_id=uuid.uuid4()), "person_id"),
    ],
)
def test_bad_contacts_are_refused_and_nothing_is_written(db, actor, data, field):
    household = HouseholdService(db).create(actor, single())
    with pytest.raises(ValidationError) as caught:
        ContactService(db).record(actor, household.id, data)
    assert caught.value.field == field
    with db.read() as session:
        assert session.scalars(select(Contact)).all() == []


def test_notes_only_supersede_notes_of_the_same_contact(db, actor):
    household = HouseholdService(db).create(actor, single())
    service = ContactService(db)
    one = service.record(actor, household.id, ContactInput(question="a", note="een"))
    two = service.record(actor, household.id, ContactInput(question="b", note="twee"))
    with pytest.raises(ValidationError):
        service.add_note(actor, two.id, "fout", supersedes=one.notes[0].id)
    with pytest.raises(ValidationError):
        service.add_note(actor, two.id, "   ")
    with pytest.raises(NotFoundError):
        service.add_note(actor, uuid.uuid4(), "x")
    with pytest.raises(NotFoundError):
        service.record(actor, uuid.uuid4(), ContactInput(question="?"))
