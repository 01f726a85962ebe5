"""Contacts (onthaalgesprekken): record a conversation with the consents given in it, and add
append-only notes to it.

Consents are append-only too: withdrawing one adds a row that supersedes it, repeats its
terms and sets `withdrawn_on`, so what the client agreed to, and when, stays on record.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session, aliased

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import (
    READ_CASE_NOTES,
    READ_CONSENTS,
    RECORD_CONTACT,
    WITHDRAW_CONSENT,
    WRITE_CASE_NOTE,
)
from sociaalhuis.cases import validation
from sociaalhuis.cases.households import is_member
from sociaalhuis.cases.records import ConsentInput, ConsentView, ContactInput, ContactView, NoteView
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    CONSENT_HOW,
    Consent,
    Contact,
    ContactNote,
    Household,
    utcnow,
)

CHANNELS = ("desk", "phone", "home_visit", "email", "video")


class ContactService:
    """Record intake conversations and their notes for a household."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def record(self, actor: Actor, household_id: uuid.UUID, data: ContactInput) -> ContactView:
        """A new contact with its first note and its consents, in one transaction with its
        audit event. A consent without `given_on` was given on the day of the contact."""
        authorize(self.db, actor, RECORD_CONTACT)
        data = validation.contact(data)
        if data.channel not in CHANNELS:
            raise ValidationError("channel", f"unknown channel {data.channel!r}")
        if data.occurred_at is not None and data.occurred_at.tzinfo is None:
            raise ValidationError("occurred_at", "needs a time zone")
        if not data.question.strip() and not data.note.strip():
            raise ValidationError("question", "say what the client asked, or add a note")
        occurred_at = data.occurred_at or utcnow()
        day = occurred_at.astimezone().date()  # the desk's own calendar day
        consents = [_consent(f"consents[{i}]", c, day) for i, c in enumerate(data.consents)]
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            if data.person_id is not None and not is_member(session, household_id, data.person_id):
                raise ValidationError("person_id", "is not a member of this household")
            for index, consent in enumerate(consents):
                if consent.person_id is not None and not is_member(
                    session, household_id, consent.person_id
                ):
                    raise ValidationError(
                        f"consents[{index}].person_id", "is not a member of this household"
                    )
            contact = Contact(
                household_id=household_id,
                person_id=data.person_id,
                worker_id=actor.user_id,
                occurred_at=occurred_at,
                channel=data.channel,
                question=data.question.strip(),
                site=data.site,
            )
            session.add(contact)
            session.flush()
            if data.note.strip():
                session.add(
                    ContactNote(
                        contact_id=contact.id, author_id=actor.user_id, text=data.note.strip()
                    )
                )
            for consent in consents:
                session.add(_consent_row(household_id, contact.id, consent, actor))
            audit.record(
                session,
                actor,
                "contact.recorded",
                "household",
                household_id,
                contact=contact.id,
                consents=len(consents),
            )
            session.flush()
            return _view(session, contact)

    def consents_for(self, actor: Actor, household_id: uuid.UUID) -> list[ConsentView]:
        """The household's current consents (not withdrawn), the most recently given first."""
        authorize(self.db, actor, READ_CONSENTS)
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            query = select(Consent).where(
                Consent.household_id == household_id,
                _not_superseded(),
                Consent.withdrawn_on.is_(None),
            )
            rows = session.scalars(
                query.order_by(Consent.given_on.desc(), Consent.created_at.desc())
            ).all()
            audit.record(session, actor, "consent.listed", "household", household_id)
            return [consent_view(row) for row in rows]

    def withdraw_consent(
        self, actor: Actor, consent_id: uuid.UUID, withdrawn_on: date | None = None
    ) -> ConsentView:
        """Record that the client withdrew a consent (from `withdrawn_on`, default today):
        a new row supersedes the consent; the consent itself stays on record."""
        authorize(self.db, actor, WITHDRAW_CONSENT)
        day = withdrawn_on or date.today()
        if day > date.today():
            raise ValidationError("withdrawn_on", "lies in the future")
        with self.db.write() as session:
            old = session.get(Consent, consent_id)
            if old is None:
                raise NotFoundError("consent", consent_id)
            need_to_know.check_open(session, actor, old.household_id)
            newer = select(Consent.id).where(Consent.supersedes_id == consent_id)
            if old.withdrawn_on is not None or session.scalars(newer).first() is not None:
                raise ValidationError("consent_id", "was already withdrawn")
            if day < old.given_on:
                raise ValidationError("withdrawn_on", "lies before the consent was given")
            row = Consent(
                household_id=old.household_id,
                contact_id=old.contact_id,
                person_id=old.person_id,
                partner=old.partner,
                purpose=old.purpose,
                how=old.how,
                given_on=old.given_on,
                recorded_by_id=actor.user_id,
                withdrawn_on=day,
                supersedes_id=old.id,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                "consent.withdrawn",
                "household",
                old.household_id,
                consent=old.id,
            )
            return consent_view(row)

    def add_note(
        self,
        actor: Actor,
        contact_id: uuid.UUID,
        text: str,
        supersedes: uuid.UUID | None = None,
    ) -> ContactView:
        """Append a note; a correction names the note it `supersedes`, which stays on record."""
        authorize(self.db, actor, WRITE_CASE_NOTE)
        text = validation.note("note", text)
        if not text.strip():
            raise ValidationError("note", "is empty")
        with self.db.write() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError("contact", contact_id)
            need_to_know.check_open(session, actor, contact.household_id)
            if supersedes is not None:
                old = session.get(ContactNote, supersedes)
                if old is None or old.contact_id != contact_id:
                    raise ValidationError("supersedes", "not a note of this contact")
            session.add(
                ContactNote(
                    contact_id=contact_id,
                    author_id=actor.user_id,
                    text=text.strip(),
                    supersedes_id=supersedes,
                )
            )
            audit.record(
                session,
                actor,
                "contact.note_added",
                "household",
                contact.household_id,
                contact=contact_id,
            )
            session.flush()
            return _view(session, contact)

    def list_for(self, actor: Actor, household_id: uuid.UUID) -> list[ContactView]:
        """The household's contacts, newest first, each with all its notes."""
        authorize(self.db, actor, READ_CASE_NOTES)
        with self.db.write() as session:
            need_to_know.check_open(session, actor, household_id)
            query = select(Contact).where(Contact.household_id == household_id)
            contacts = session.scalars(query.order_by(Contact.occurred_at.desc())).all()
            audit.record(session, actor, "contact.listed", "household", household_id)
            return [_view(session, c) for c in contacts]


def _consent(field: str, data: ConsentInput, day: date) -> ConsentInput:
    """The consent with its texts trimmed and its date filled in; raises on bad input."""
    data = validation.consent(field, data)
    partner, purpose = data.partner, data.purpose
    if not partner:
        raise ValidationError(f"{field}.partner", "name the partner the data may go to")
    if len(partner) > 300:
        raise ValidationError(f"{field}.partner", "is longer than 300 characters")
    if not purpose:
        raise ValidationError(f"{field}.purpose", "say what the data may be used for")
    if data.how not in CONSENT_HOW:
        raise ValidationError(f"{field}.how", f"unknown way {data.how!r} (verbal or written)")
    given_on = data.given_on or day
    if given_on > max(day, date.today()):
        raise ValidationError(f"{field}.given_on", "lies in the future")
    return replace(data, partner=partner, purpose=purpose, given_on=given_on)


def _consent_row(
    household_id: uuid.UUID, contact_id: uuid.UUID | None, data: ConsentInput, actor: Actor
) -> Consent:
    assert data.given_on is not None  # filled in by _consent
    return Consent(
        household_id=household_id,
        contact_id=contact_id,
        person_id=data.person_id,
        partner=data.partner,
        purpose=data.purpose,
        how=data.how,
        given_on=data.given_on,
        recorded_by_id=actor.user_id,
    )


def _not_superseded() -> ColumnElement[bool]:
    newer = aliased(Consent)
    return ~exists().where(newer.supersedes_id == Consent.id)


def consent_view(row: Consent) -> ConsentView:
    """The consent row as the desk shows it."""
    return ConsentView(
        id=row.id,
        household_id=row.household_id,
        contact_id=row.contact_id,
        person_id=row.person_id,
        partner=row.partner,
        purpose=row.purpose,
        how=row.how,
        given_on=row.given_on,
        recorded_by=row.recorded_by_id,
        created_at=row.created_at,
        withdrawn_on=row.withdrawn_on,
        supersedes_id=row.supersedes_id,
    )


def _view(session: Session, contact: Contact) -> ContactView:
    query = select(ContactNote).where(ContactNote.contact_id == contact.id)
    notes = session.scalars(query.order_by(ContactNote.created_at)).all()
    consents = session.scalars(
        select(Consent)
        .where(Consent.contact_id == contact.id, _not_superseded())
        .order_by(Consent.created_at)
    ).all()
    return ContactView(
        id=contact.id,
        version=contact.version,
        household_id=contact.household_id,
        person_id=contact.person_id,
        occurred_at=contact.occurred_at,
        channel=contact.channel,
        question=contact.question,
        site=contact.site,
        notes=tuple(
            NoteView(n.id, n.text, n.author_id, n.created_at, n.supersedes_id) for n in notes
        ),
        consents=tuple(consent_view(c) for c in consents),
    )
