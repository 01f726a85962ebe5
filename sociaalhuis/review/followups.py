"""Follow-ups a team lead assigns from the review: a worker, a date and a note per row.

Follow-ups are append-only: assigning again adds a newer row, and the review shows the
newest follow-up of a household and right, or of the household as a whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.need_to_know import CASE_WORKER_ROLES
from sociaalhuis.access.permissions import ASSIGN_FOLLOW_UP
from sociaalhuis.cases import validation
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import FollowUp, Household, User

MAX_NOTE_CHARS = 1_000
MAX_ITEMS = 10_000  # rows selected at once; more is a mistake of the caller


def assign_follow_up(
    db: Database,
    actor: Actor,
    items: Sequence[tuple[uuid.UUID, str | None]],
    worker_id: uuid.UUID,
    due_on: date,
    note: str,
    *,
    today: date | None = None,
) -> int:
    """Ask `worker_id` to follow up each (household, right or None) by `due_on`, in one unit
    of work, one audit event per row; returns the number of follow-ups stored."""
    authorize(db, actor, ASSIGN_FOLLOW_UP)
    note = validation.text("note", note, MAX_NOTE_CHARS, multiline=True)
    wanted = list(dict.fromkeys(items))  # a row selected twice is one follow-up
    if not wanted:
        raise ValidationError("items", "select at least one row")
    if len(wanted) > MAX_ITEMS:
        raise ValidationError("items", f"at most {MAX_ITEMS:,} rows at once ({len(wanted):,})")
    if not isinstance(due_on, date):
        raise ValidationError("due_on", "must be a date")
    if due_on < (today or date.today()):
        raise ValidationError("due_on", "lies in the past")
    for _, right_id in wanted:
        if right_id is not None:
            validation.text("right_id", right_id, 100, required=True)
    with db.write() as session:
        worker = session.get(User, worker_id)
        if worker is None or not worker.active or worker.role not in CASE_WORKER_ROLES:
            raise ValidationError(
                "worker_id", "a follow-up is assigned to an active social worker or team lead"
            )
        known = _existing(session, sorted({household_id for household_id, _ in wanted}))
        for household_id, right_id in wanted:
            if household_id not in known:
                raise NotFoundError("household", household_id)
            session.add(
                FollowUp(
                    household_id=household_id,
                    right_id=right_id,
                    worker_id=worker_id,
                    due_on=due_on,
                    note=note,
                    created_by_id=actor.user_id,
                )
            )
            audit.record(
                session,
                actor,
                "follow_up.assigned",
                "household",
                household_id,
                right=right_id,
                worker_id=str(worker_id),
                due_on=due_on.isoformat(),
                note_chars=len(note),
            )
        return len(wanted)


def planned(
    session: Session, pairs: Sequence[tuple[uuid.UUID, str]]
) -> dict[tuple[uuid.UUID, str], date]:
    """The due date of the newest follow-up of each (household, right) pair: one about that
    right or about the household as a whole, where there is one."""
    households = sorted({household_id for household_id, _ in pairs})
    if not households:
        return {}
    f = FollowUp.__table__
    query = (
        select(f.c.household_id, f.c.right_id, f.c.due_on)
        .where(f.c.household_id.in_(households))
        .order_by(f.c.created_at, f.c.id)
    )
    newest: dict[tuple[uuid.UUID, str | None], tuple[int, date]] = {}
    for index, (household_id, right_id, due_on) in enumerate(session.execute(query)):
        newest[(household_id, right_id)] = (index, due_on)
    found: dict[tuple[uuid.UUID, str], date] = {}
    for household_id, right_id in pairs:
        candidates = [
            newest[key] for key in ((household_id, right_id), (household_id, None)) if key in newest
        ]
        if candidates:
            found[(household_id, right_id)] = max(candidates)[1]
    return found


def _existing(session: Session, household_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for start in range(0, len(household_ids), 5000):
        part = household_ids[start : start + 5000]
        found.update(session.scalars(select(Household.id).where(Household.id.in_(part))))
    return found
