"""Closed files and the retention period.

Households have no state of their own, so a file is *closed* by a `case_closures` row (the
worker's "dossier afgesloten", with the day it was closed) and stays closed while nothing
happens to the household afterwards: a contact, consent, decision, referral, letter or
follow-up created after the closure was recorded reopens it. The retention period
(`retention_years` in settings.toml, default 5) runs from the closing day; a closed file
whose period has passed is *expired* and is what `privacy anonymise` anonymises.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import EDIT_HOUSEHOLD
from sociaalhuis.cases import validation
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Anonymisation,
    CaseClosure,
    Consent,
    Contact,
    Decision,
    FollowUp,
    Household,
    Letter,
    Referral,
)

DEFAULT_RETENTION_YEARS = 5
# The rows whose creation (or, for referrals, change) means the file is in use again.
ACTIVITY = (
    (Contact, Contact.created_at),
    (Consent, Consent.created_at),
    (Decision, Decision.created_at),
    (Referral, Referral.updated_at),
    (Letter, Letter.created_at),
    (FollowUp, FollowUp.created_at),
)


@dataclass(frozen=True)
class ClosedFile:
    """A closed household file: when it was closed and when its retention period ends."""

    household_id: uuid.UUID
    closed_on: date
    expires_on: date


def expiry(closed_on: date, years: int) -> date:
    """`closed_on` plus whole years (29 February gives 28 February in a common year)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


def close_file(
    db: Database,
    actor: Actor,
    household_id: uuid.UUID,
    closed_on: date | None = None,
    reason: str = "",
) -> ClosedFile:
    """Record that the household's file is closed (from `closed_on`, default today)."""
    authorize(db, actor, EDIT_HOUSEHOLD)
    day = closed_on or date.today()
    if day > date.today():
        raise ValidationError("closed_on", "lies in the future")
    reason = validation.note("reason", reason).strip()
    with db.write() as session:
        if session.get(Household, household_id) is None:
            raise NotFoundError("household", household_id)
        need_to_know.check_open(session, actor, household_id)
        session.add(
            CaseClosure(
                household_id=household_id,
                closed_on=day,
                reason=reason,
                closed_by_id=actor.user_id,
            )
        )
        audit.record(session, actor, "case.closed", "household", household_id, closed_on=day)
    return ClosedFile(household_id, day, expiry(day, DEFAULT_RETENTION_YEARS))


def closed_files(session: Session, years: int) -> list[ClosedFile]:
    """Every closed, not yet anonymised file, the longest closed first."""
    newest = (
        select(CaseClosure.household_id, func.max(CaseClosure.created_at).label("at"))
        .group_by(CaseClosure.household_id)
        .subquery()
    )
    query = select(CaseClosure).join(
        newest,
        (newest.c.household_id == CaseClosure.household_id)
        & (newest.c.at == CaseClosure.created_at),
    )
    done = set(session.scalars(select(Anonymisation.household_id)))
    files = []
    for closure in session.scalars(query):
        if closure.household_id in done or _active_since(session, closure):
            continue
        files.append(
            ClosedFile(closure.household_id, closure.closed_on, expiry(closure.closed_on, years))
        )
    return sorted(files, key=lambda f: (f.closed_on, str(f.household_id)))


def expired_files(session: Session, years: int, today: date) -> list[ClosedFile]:
    """The closed files whose retention period ended on or before `today`."""
    return [f for f in closed_files(session, years) if f.expires_on <= today]


def _active_since(session: Session, closure: CaseClosure) -> bool:
    for table, stamp in ACTIVITY:
        query = select(table.id).where(
            table.household_id == closure.household_id, stamp > closure.created_at
        )
        if session.scalars(query.limit(1)).first() is not None:
            return True
    return False
