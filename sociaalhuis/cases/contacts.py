"""Contacts (onthaalgesprekken): record a conversation and add append-only notes to it."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import CASE_ROLES, Actor, require
from sociaalhuis.cases.records import ContactInput, ContactView, NoteView
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Contact, ContactNote, Household, HouseholdMember, utcnow

CHANNELS = ("desk", "phone", "home_visit", "email", "video")


class ContactService:
    """Record intake conversations and their notes for a household."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def record(self, actor: Actor, household_id: uuid.UUID, data: ContactInput) -> ContactView:
        """A new contact with its first note, in one transaction with its audit event."""
        require(actor, CASE_ROLES, "record a contact")
        if data.channel not in CHANNELS:
            raise ValidationError("channel", f"unknown channel {data.channel!r}")
        if data.occurred_at is not None and data.occurred_at.tzinfo is None:
            raise ValidationError("occurred_at", "needs a time zone")
        if not data.question.strip() and not data.note.strip():
            raise ValidationError("question", "say what the client asked, or add a note")
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            if data.person_id is not None and not _is_member(session, household_id, data.person_id):
                raise ValidationError("person_id", "is not a member of this household")
            contact = Contact(
                household_id=household_id,
                person_id=data.person_id,
                worker_id=actor.user_id,
                occurred_at=data.occurred_at or utcnow(),
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
            audit.record(
                session, actor, "contact.recorded", "household", household_id, contact=contact.id
            )
            session.flush()
            return _view(session, contact)

    def add_note(
        self,
        actor: Actor,
        contact_id: uuid.UUID,
        text: str,
        supersedes: uuid.UUID | None = None,
    ) -> ContactView:
        """Append a note; a correction names the note it `supersedes`, which stays on record."""
        require(actor, CASE_ROLES, "add a note")
        if not text.strip():
            raise ValidationError("note", "is empty")
        with self.db.write() as session:
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise NotFoundError("contact", contact_id)
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
        require(actor, CASE_ROLES, "read contacts")
        with self.db.write() as session:
            query = select(Contact).where(Contact.household_id == household_id)
            contacts = session.scalars(query.order_by(Contact.occurred_at.desc())).all()
            audit.record(session, actor, "contact.listed", "household", household_id)
            return [_view(session, c) for c in contacts]


def _is_member(session: Session, household_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    query = select(HouseholdMember.id).where(
        HouseholdMember.household_id == household_id, HouseholdMember.person_id == person_id
    )
    return session.scalars(query).first() is not None


def _view(session: Session, contact: Contact) -> ContactView:
    query = select(ContactNote).where(ContactNote.contact_id == contact.id)
    notes = session.scalars(query.order_by(ContactNote.created_at)).all()
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
    )
