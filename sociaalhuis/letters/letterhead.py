"""The Sociaal Huis letterhead: who sends every letter, kept in the database, set by admins.

Every printed letter takes its sender from here (`sender(session)`); until an administrator
sets it, letters carry the built-in `Sender()` defaults.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import MANAGE_LETTERHEAD
from sociaalhuis.errors import ConflictError, ValidationError
from sociaalhuis.letters.documents import Sender
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Letterhead

MAX_ORGANISATION = 120
MAX_LINE = 80
MAX_LINES = 4
MAX_PHONE = 40
MAX_EMAIL = 120
MAX_WEBSITE = 200
MAX_HOURS = 400
# Enough to catch a typo in the e-mail address partners answer to; not a full RFC 5322 parser.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()./ -]+$")


@dataclass(frozen=True)
class LetterheadView:
    """The letterhead in force and the version to hand back when changing it (0: never set)."""

    sender: Sender
    version: int


def sender(session: Session) -> Sender:
    """The sender printed on letters: the stored letterhead, or the defaults."""
    row = _row(session)
    return _to_sender(row) if row is not None else Sender()


def clean(data: Sender) -> Sender:
    """The letterhead with surrounding blanks trimmed; raises ValidationError naming the field."""
    organisation = _line("organisation", data.organisation, MAX_ORGANISATION)
    if not organisation:
        raise ValidationError("organisation", "is required: the name partners see as sender")
    lines = tuple(line.strip() for line in data.address_lines if line.strip())
    if len(lines) > MAX_LINES:
        raise ValidationError("address_lines", f"at most {MAX_LINES} lines, got {len(lines)}")
    for index, line in enumerate(lines):
        _line(f"address_lines[{index}]", line, MAX_LINE)
    phone = _line("phone", data.phone, MAX_PHONE)
    if phone and not PHONE.match(phone):
        raise ValidationError("phone", "only digits, spaces and + ( ) . / - are allowed")
    email = _line("email", data.email, MAX_EMAIL)
    if email and not EMAIL.match(email):
        raise ValidationError("email", f"{email!r} is not an e-mail address")
    website = _line("website", data.website, MAX_WEBSITE)
    if website and (" " in website or "." not in website):
        raise ValidationError("website", f"{website!r} is not a web address")
    hours = _line("opening_hours", data.opening_hours, MAX_HOURS)
    return Sender(organisation, lines, phone, email, website, hours)


class LetterheadService:
    """Read the letterhead (everyone who prints letters) and change it (administrators only)."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def get(self) -> LetterheadView:
        with self.db.read() as session:
            row = _row(session)
            if row is None:
                return LetterheadView(Sender(), 0)
            return LetterheadView(_to_sender(row), row.version)

    def update(self, actor: Actor, data: Sender, expected_version: int) -> LetterheadView:
        """Replace the letterhead; `expected_version` is the one the caller saw (0 when never
        set), so two administrators cannot overwrite each other unknowingly."""
        authorize(self.db, actor, MANAGE_LETTERHEAD)
        new = clean(data)
        with self.db.write() as session:
            row = _row(session, lock=True)
            actual = row.version if row is not None else 0
            if actual != expected_version:
                raise ConflictError("letterhead", "", expected_version, actual)
            before = _to_sender(row) if row is not None else Sender()
            if row is None:
                row = Letterhead()
                session.add(row)
            row.organisation = new.organisation
            row.address = "\n".join(new.address_lines)
            row.phone = new.phone
            row.email = new.email
            row.website = new.website
            row.opening_hours = new.opening_hours
            try:
                session.flush()
            except IntegrityError as exc:
                # Another administrator set the first letterhead a moment earlier (`slot`).
                raise ConflictError("letterhead", "", expected_version, None) from exc
            changed = sorted(
                name
                for name in (
                    "organisation",
                    "address_lines",
                    "phone",
                    "email",
                    "website",
                    "opening_hours",
                )
                if getattr(before, name) != getattr(new, name)
            )
            audit.record(session, actor, "letterhead.updated", "letterhead", row.id, fields=changed)
            return LetterheadView(new, row.version)


def _row(session: Session, lock: bool = False) -> Letterhead | None:
    query = select(Letterhead).order_by(Letterhead.created_at).limit(1)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def _to_sender(row: Letterhead) -> Sender:
    lines = tuple(line for line in row.address.split("\n") if line)
    return Sender(row.organisation, lines, row.phone, row.email, row.website, row.opening_hours)


def _line(field: str, value: str, limit: int) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ValidationError(field, f"at most {limit} characters, got {len(text)}")
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise ValidationError(field, "contains a control character (a line break or tab?)")
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        # Half of a UTF-16 pair on its own: no database driver can encode it.
        raise ValidationError(field, "contains a broken character (an unpaired surrogate)")
    return text
