"""Need to know: a social worker opens the cases assigned to them and unassigned ones; a case
assigned to a colleague opens only through break-glass, with a reason the team lead sees.

Assignments and grants are append-only rows (`CaseAssignment`, `BreakGlassGrant`): the
newest assignment of a household names its case worker, a grant opens one household for one
user until it expires. Team leads open every case (supervision), the intake desk opens the
registration data of every household; the matrix in `permissions` keeps case notes from
the desk and client files from administrators.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import (
    ASSIGN_CASE,
    BREAK_GLASS,
    OPEN_CLIENT_FILE,
    TAKE_CASE,
    VIEW_BREAK_GLASS,
    allowed,
)
from sociaalhuis.cases import validation
from sociaalhuis.errors import BreakGlassRequired, NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    BreakGlassGrant,
    CaseAssignment,
    Household,
    HouseholdMember,
    Person,
    User,
    utcnow,
)

# Roles a case can be assigned to: the people who do casework.
CASE_WORKER_ROLES = frozenset({"social_worker", "team_lead"})
# Only social workers are held to their own caseload; see the module docstring.
BOUND_ROLES = frozenset({"social_worker"})
MIN_REASON_CHARS = 10
MAX_REASON_CHARS = 1_000
MAX_BREAK_GLASS_MINUTES = 8 * 60

# How a user may open a household, as written in the audit event of the read.
ASSIGNED = "assigned"
UNASSIGNED = "unassigned"
BY_ROLE = "role"
BY_BREAK_GLASS = "break_glass"


@dataclass(frozen=True)
class BreakGlassEntry:
    """One break-glass access as the team lead's log shows it."""

    id: uuid.UUID
    granted_at: datetime
    expires_at: datetime
    user_id: uuid.UUID
    user_name: str
    household_id: uuid.UUID
    household_label: str
    reason: str


# -- assignments ----------------------------------------------------------------------------


def case_worker(session: Session, household_id: uuid.UUID) -> uuid.UUID | None:
    """The user the household's case is assigned to now, or None when it is unassigned."""
    query = (
        select(CaseAssignment.user_id)
        .where(CaseAssignment.household_id == household_id)
        .order_by(CaseAssignment.assigned_at.desc(), CaseAssignment.created_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def case_workers(session: Session, household_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """The current case worker of each assigned household among `household_ids`."""
    if not household_ids:
        return {}
    rows = session.execute(
        select(
            CaseAssignment.household_id,
            CaseAssignment.user_id,
            CaseAssignment.assigned_at,
            CaseAssignment.created_at,
        ).where(CaseAssignment.household_id.in_(household_ids))
    ).all()
    newest: dict[uuid.UUID, tuple[datetime, datetime, uuid.UUID]] = {}
    for household_id, user_id, assigned_at, created_at in rows:
        seen = newest.get(household_id)
        if seen is None or (assigned_at, created_at) > seen[:2]:
            newest[household_id] = (assigned_at, created_at, user_id)
    return {household_id: entry[2] for household_id, entry in newest.items()}


def assign_in(
    session: Session,
    actor: Actor,
    household_id: uuid.UUID,
    user_id: uuid.UUID,
    now: datetime | None = None,
) -> bool:
    """Assign the case inside the caller's unit of work, audited; False when it already was.

    The caller has checked the actor's right to do so.
    """
    _check_worker(session, user_id)
    previous = case_worker(session, household_id)
    if previous == user_id:
        return False
    session.add(
        CaseAssignment(
            household_id=household_id,
            user_id=user_id,
            assigned_at=now or utcnow(),
            assigned_by_id=actor.user_id,
        )
    )
    audit.record(
        session,
        actor,
        "case.assigned",
        "household",
        household_id,
        user_id=str(user_id),
        previous_user_id=str(previous) if previous else None,
    )
    return True


def _check_worker(session: Session, user_id: uuid.UUID) -> None:
    worker = session.get(User, user_id)
    if worker is None or not worker.active or worker.role not in CASE_WORKER_ROLES:
        raise ValidationError(
            "user_id", "a case is assigned to an active social worker or team lead"
        )


def _lock_household(session: Session, household_id: uuid.UUID) -> None:
    """Lock the household row so two assignments of one case cannot interleave (PostgreSQL;
    SQLite writers hold the database lock from their first statement)."""
    found = session.scalars(
        select(Household.id).where(Household.id == household_id).with_for_update()
    ).first()
    if found is None:
        raise NotFoundError("household", household_id)


def assign(
    db: Database,
    actor: Actor,
    household_id: uuid.UUID,
    user_id: uuid.UUID,
    now: datetime | None = None,
) -> None:
    """Make `user_id` the case worker of the household (team leads and administrators)."""
    authorize(db, actor, ASSIGN_CASE)
    with db.write() as session:
        _lock_household(session, household_id)
        assign_in(session, actor, household_id, user_id, now)


def take(db: Database, actor: Actor, household_id: uuid.UUID, now: datetime | None = None) -> None:
    """The acting social worker takes an unassigned case as their own; a case assigned to
    someone else is refused (the team lead reassigns it)."""
    authorize(db, actor, TAKE_CASE)
    with db.write() as session:
        _lock_household(session, household_id)
        current = case_worker(session, household_id)
        if current == actor.user_id:
            return
        if current is not None:
            raise ValidationError("household_id", "this case is already assigned to a colleague")
        assign_in(session, actor, household_id, actor.user_id, now)


def assign_all_unassigned(
    db: Database, actor: Actor, user_id: uuid.UUID, now: datetime | None = None
) -> int:
    """Assign every household without a case worker to `user_id` (e.g. the demo caseload to
    the demo social worker); returns how many were assigned."""
    authorize(db, actor, ASSIGN_CASE)
    with db.write() as session:
        _check_worker(session, user_id)
        assigned = select(CaseAssignment.household_id)
        query = select(Household.id).where(Household.id.not_in(assigned)).order_by(Household.id)
        households = list(session.scalars(query))
        for household_id in households:
            assign_in(session, actor, household_id, user_id, now)
        return len(households)


# -- who may open what ------------------------------------------------------------------------


def _active_grant(
    session: Session, actor: Actor, household_id: uuid.UUID, now: datetime
) -> BreakGlassGrant | None:
    query = (
        select(BreakGlassGrant)
        .where(
            BreakGlassGrant.user_id == actor.user_id,
            BreakGlassGrant.household_id == household_id,
            BreakGlassGrant.granted_at <= now,
            BreakGlassGrant.expires_at > now,
        )
        .order_by(BreakGlassGrant.expires_at.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def access_basis(
    session: Session, actor: Actor, household_id: uuid.UUID, now: datetime | None = None
) -> str | None:
    """Why the actor may open the household (`ASSIGNED`, `UNASSIGNED`, `BY_ROLE`,
    `BY_BREAK_GLASS`), or None when it is a colleague's case and no grant is active.

    Only need to know is decided here; the role's right to the action is `authorize`'s.
    """
    if actor.role not in BOUND_ROLES:
        return BY_ROLE
    worker = case_worker(session, household_id)
    if worker is None:
        return UNASSIGNED
    if worker == actor.user_id:
        return ASSIGNED
    if _active_grant(session, actor, household_id, now or utcnow()) is not None:
        return BY_BREAK_GLASS
    return None


def check_open(
    session: Session, actor: Actor, household_id: uuid.UUID, now: datetime | None = None
) -> str:
    """`access_basis`, raising BreakGlassRequired instead of returning None. Call it before
    anything is written, so that a refused open writes nothing."""
    basis = access_basis(session, actor, household_id, now)
    if basis is None:
        raise BreakGlassRequired(household_id)
    return basis


def restricted(
    session: Session, actor: Actor, household_ids: list[uuid.UUID], now: datetime | None = None
) -> set[uuid.UUID]:
    """The households among `household_ids` the actor may not open without break-glass."""
    if actor.role not in BOUND_ROLES or not household_ids:
        return set()
    others = {
        household_id
        for household_id, worker in case_workers(session, household_ids).items()
        if worker != actor.user_id
    }
    if not others:
        return set()
    moment = now or utcnow()
    granted = session.scalars(
        select(BreakGlassGrant.household_id).where(
            BreakGlassGrant.user_id == actor.user_id,
            BreakGlassGrant.household_id.in_(others),
            BreakGlassGrant.granted_at <= moment,
            BreakGlassGrant.expires_at > moment,
        )
    )
    return others - set(granted)


# -- break-glass ------------------------------------------------------------------------------


def break_glass(
    db: Database,
    actor: Actor,
    household_id: uuid.UUID,
    reason: str,
    minutes: int = 60,
    now: datetime | None = None,
) -> datetime:
    """Grant the acting social worker access to a colleague's case for `minutes`, with a
    reason of 10 to 1,000 characters (lines allowed, control characters not); audited.
    Returns when the access ends."""
    authorize(db, actor, BREAK_GLASS)
    text = validation.text("reason", reason, MAX_REASON_CHARS, multiline=True)
    if len(text) < MIN_REASON_CHARS:
        raise ValidationError("reason", f"give a reason of at least {MIN_REASON_CHARS} characters")
    if not 0 < minutes <= MAX_BREAK_GLASS_MINUTES:
        raise ValidationError(
            "minutes", f"break-glass lasts 1 to {MAX_BREAK_GLASS_MINUTES} minutes"
        )
    moment = now or utcnow()
    with db.write() as session:
        if session.get(Household, household_id) is None:
            raise NotFoundError("household", household_id)
        worker = case_worker(session, household_id)
        if worker is None or worker == actor.user_id:
            raise ValidationError(
                "household_id", "this case is not assigned to a colleague; no break-glass needed"
            )
        grant = BreakGlassGrant(
            user_id=actor.user_id,
            household_id=household_id,
            reason=text,
            granted_at=moment,
            expires_at=moment + timedelta(minutes=minutes),
        )
        session.add(grant)
        session.flush()
        # The reason stays in the grant table: the audit detail holds no free text.
        audit.record(
            session,
            actor,
            "break_glass",
            "household",
            household_id,
            grant_id=str(grant.id),
            minutes=minutes,
            reason_length=len(text),
            case_worker_id=str(worker),
        )
        return grant.expires_at


def break_glass_log(db: Database, actor: Actor, since: datetime) -> list[BreakGlassEntry]:
    """Every break-glass access granted since `since`, newest first (team leads and
    administrators); reading the log is audited. Administrators, who open no client files,
    see a household reference instead of the applicant's name."""
    authorize(db, actor, VIEW_BREAK_GLASS)
    names = allowed(actor.role, OPEN_CLIENT_FILE)
    with db.write() as session:
        rows = session.execute(
            select(BreakGlassGrant, User.display_name)
            .join(User, User.id == BreakGlassGrant.user_id)
            .where(BreakGlassGrant.granted_at >= since)
            .order_by(BreakGlassGrant.granted_at.desc(), BreakGlassGrant.id)
        ).all()
        households = sorted({grant.household_id for grant, _name in rows})
        applicants = _applicant_names(session, households) if names else {}
        entries = [
            BreakGlassEntry(
                id=grant.id,
                granted_at=grant.granted_at,
                expires_at=grant.expires_at,
                user_id=grant.user_id,
                user_name=user_name,
                household_id=grant.household_id,
                household_label=applicants.get(grant.household_id)
                or _reference(grant.household_id),
                reason=grant.reason,
            )
            for grant, user_name in rows
        ]
        audit.record(
            session,
            actor,
            "break_glass.log_viewed",
            "break_glass_grant",
            None,
            since=since.isoformat(),
            entries=len(entries),
        )
        return entries


def _reference(household_id: uuid.UUID) -> str:
    return f"dossier {str(household_id)[:8]}"


def _applicant_names(session: Session, households: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not households:
        return {}
    rows = session.execute(
        select(HouseholdMember.household_id, Person.family_name, Person.given_name)
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(HouseholdMember.household_id.in_(households), HouseholdMember.role == "applicant")
    )
    return {household_id: f"{family}, {given}" for household_id, family, given in rows}


def count_assigned(session: Session, user_id: uuid.UUID) -> int:
    """How many households have `user_id` as their current case worker."""
    households = session.scalars(
        select(CaseAssignment.household_id).where(CaseAssignment.user_id == user_id).distinct()
    )
    ids = list(households)
    current = case_workers(session, ids)
    return sum(1 for worker in current.values() if worker == user_id)
