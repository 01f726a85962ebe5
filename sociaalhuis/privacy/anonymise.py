"""Anonymise the files whose retention period has passed (`privacy.retention`).

What identifies a person is replaced; what statistics need is kept coarse:
- persons: names become "Anoniem" and a short code, the national number, phone and e-mail
  are removed, the birth date becomes 1 January of its five-year band (an age band);
  a person who is also a member of a household that is not expired is left as is;
- the household keeps its postcode and deelgemeente, loses street, number and box;
- facts keep numbers, yes/no and choices; free text is removed, dates become 1 January;
- free text of contacts, notes, decisions, referrals, partner replies, follow-ups and
  break-glass reasons is replaced, archived letters lose their PDF and addressee (their
  SHA-256 stays);
- consents, decisions, referrals and the audit trail keep their rows: the audit events name
  no client values (`access.audit.record`), so the hash chain is untouched and still verifies.

Notes, decisions, letters, follow-ups, break-glass grants and partner replies are
append-only; they are rewritten through `anonymisation_permits` (see
`storage.privacy_tables`). All expired files go in one transaction, each with a
`privacy.anonymised` audit event holding only counts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, require
from sociaalhuis.privacy.retention import ClosedFile, expired_files
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Anonymisation,
    AnonymisationPermit,
    BreakGlassGrant,
    Contact,
    ContactNote,
    Decision,
    Fact,
    FollowUp,
    Household,
    HouseholdMember,
    Letter,
    Person,
    Referral,
    ReferralReply,
    ReplyHandled,
)

REPLACED = "(geanonimiseerd)"
ANONYMISING_ROLES = frozenset({"admin", "system"})
BAND_YEARS = 5


@dataclass(frozen=True)
class AnonymisedFile:
    """One file: when it was closed, when its period ended, and how many values went."""

    file: ClosedFile
    values_replaced: int


class _DryRun(Exception):
    """Raised inside the transaction so a dry run rolls everything back."""


def anonymise(
    db: Database, actor: Actor, *, years: int, today: date | None = None, dry_run: bool = True
) -> list[AnonymisedFile]:
    """Anonymise every expired file (or, with `dry_run`, do exactly the same and roll it
    back, so the counts are the real ones and nothing changes)."""
    require(actor, ANONYMISING_ROLES, "anonymise files")
    today = today or date.today()
    done: list[AnonymisedFile] = []
    try:
        with db.write() as session:
            files = expired_files(session, years, today)
            expired = {f.household_id for f in files}
            for file in files:
                count = _anonymise_household(session, file.household_id, expired)
                session.add(
                    Anonymisation(
                        household_id=file.household_id,
                        closed_on=file.closed_on,
                        anonymised_on=today,
                        values_replaced=count,
                    )
                )
                audit.record(
                    session,
                    actor,
                    "privacy.anonymised",
                    "household",
                    file.household_id,
                    closed_on=file.closed_on,
                    retention_years=years,
                    values_replaced=count,
                )
                done.append(AnonymisedFile(file, count))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return done


def _anonymise_household(session: Session, household_id: uuid.UUID, expired: set[uuid.UUID]) -> int:
    household = session.get(Household, household_id)
    assert household is not None
    count = _set(household, street=REPLACED, house_number="-", box=None)
    for member in household.members:
        others = select(HouseholdMember.household_id).where(
            HouseholdMember.person_id == member.person_id
        )
        if set(session.scalars(others)) <= expired:
            count += _anonymise_person(member.person)
    for fact in session.scalars(select(Fact).where(Fact.household_id == household_id)):
        if fact.kind == "text":
            count += _set(fact, value_text=None)
        if fact.value_date is not None:
            count += _set(fact, value_date=date(fact.value_date.year, 1, 1))
    for contact in session.scalars(select(Contact).where(Contact.household_id == household_id)):
        count += _set(contact, question="")
    for referral in session.scalars(select(Referral).where(Referral.household_id == household_id)):
        count += _set(referral, reason=REPLACED, extra_facts_reason="")
    session.flush()
    permit = AnonymisationPermit(household_id=household_id)
    session.add(permit)
    session.flush()
    contacts = select(Contact.id).where(Contact.household_id == household_id)
    count += _rewrite(session, ContactNote, ContactNote.contact_id.in_(contacts), text=REPLACED)
    mine = Decision.household_id == household_id
    count += _rewrite(session, Decision, mine, note="", explanation="")
    count += _rewrite(session, Letter, Letter.household_id == household_id, pdf=None, recipient="")
    count += _rewrite(session, FollowUp, FollowUp.household_id == household_id, note="")
    grants = BreakGlassGrant.household_id == household_id
    count += _rewrite(session, BreakGlassGrant, grants, reason=REPLACED)
    replies = ReferralReply.household_id == household_id
    count += _rewrite(
        session, ReferralReply, replies & (ReferralReply.reason != ""), reason=REPLACED
    )
    handled = ReplyHandled.reply_id.in_(select(ReferralReply.id).where(replies))
    count += _rewrite(session, ReplyHandled, handled & (ReplyHandled.note != ""), note="")
    session.delete(permit)
    session.flush()
    return count


def _anonymise_person(person: Person) -> int:
    code = person.id.hex[:8]
    birth = person.birth_date
    band = date(birth.year - birth.year % BAND_YEARS, 1, 1) if birth else None
    return _set(
        person,
        given_name="Anoniem",
        family_name=code,
        national_number=None,
        phone=None,
        email=None,
        birth_date=band,
        search_name=f"{code} anoniem",
    )


def _set(row: Any, **values: Any) -> int:
    """Set the values that differ; the number set."""
    changed = 0
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed += 1
    return changed


def _rewrite(session: Session, table: Any, where: Any, **values: Any) -> int:
    """An UPDATE of append-only rows, through the permit; the number of rows changed times
    the columns set."""
    result = session.execute(
        update(table).where(where).values(**values).execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0) * len(values)
