"""Take-up at a glance: per right, the households eligible by their stored findings against
those acted on, and the trend by month; both follow the review's filters."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.review.filters import (
    NO_FILTERS,
    ReviewFilters,
    check,
    current_decision,
    household_conditions,
    right_ids,
)
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Decision, Referral, StoredFinding

FINDINGS: Table = StoredFinding.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
HELD = ("eligible", "receives")  # verdicts that count as eligible for take-up
# Decision actions that count as acted on, and the TakeUp field each is counted in.
ACTED = {"granted": "granted", "applied": "applied", "referred": "referred"}
ACTED["already_receives"] = "receives"


@dataclass(frozen=True)
class TakeUp:
    """One right's take-up: eligible by the stored findings, and the current decisions."""

    right_id: str
    right_name: str
    eligible: int  # eligible or already receiving, by stored findings
    granted: int
    applied: int
    referred: int
    receives: int

    @property
    def acted_on(self) -> int:
        return self.granted + self.applied + self.referred + self.receives


def take_up(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    filters: ReviewFilters = NO_FILTERS,
    today: date | None = None,
) -> list[TakeUp]:
    """Per right of the catalog (those the filters leave), in catalog order."""
    check(catalog, filters)
    authorize(db, actor, VIEW_NON_TAKE_UP)
    on = today or date.today()
    rights = right_ids(catalog, filters)
    with db.read() as session:
        f = FINDINGS
        held = (
            select(f.c.right_id, func.count())
            .where(f.c.verdict.in_(HELD), *household_conditions(filters, f.c.household_id, on))
            .group_by(f.c.right_id)
        )
        eligible = {right_id: number for right_id, number in session.execute(held)}
        d = DECISIONS.alias("decision")
        acted = (
            select(d.c.right_id, d.c.action, func.count())
            .where(
                d.c.action.in_(list(ACTED)),
                current_decision(d),
                *household_conditions(filters, d.c.household_id, on),
            )
            .group_by(d.c.right_id, d.c.action)
        )
        counted: Counter[tuple[str, str]] = Counter()
        for right_id, action, number in session.execute(acted):
            counted[(right_id, ACTED[action])] += number
    return [
        TakeUp(
            right.id,
            right.name,
            eligible.get(right.id, 0),
            *(
                counted[(right.id, field)]
                for field in ("granted", "applied", "referred", "receives")
            ),
        )
        for right in catalog.rights
        if rights is None or right.id in rights
    ]


def take_up_trend(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    filters: ReviewFilters = NO_FILTERS,
    months: int = 12,
    today: date | None = None,
) -> list[tuple[date, int, int]]:
    """Per month, oldest first: (its first day, eligible findings still without a decision at
    its end, decisions and referrals acted on in it). Findings keep no history: a month's
    open findings are today's eligible findings less those decided on by that month's end."""
    check(catalog, filters)
    authorize(db, actor, VIEW_NON_TAKE_UP)
    on = today or date.today()
    firsts = _month_starts(on, max(1, min(months, 120)))
    rights = right_ids(catalog, filters)
    with db.read() as session:
        return _trend(session, filters, rights, firsts, on)


def _trend(
    session: Session,
    filters: ReviewFilters,
    rights: set[str] | None,
    firsts: list[date],
    on: date,
) -> list[tuple[date, int, int]]:
    f = FINDINGS
    d = DECISIONS
    where = [f.c.verdict.in_(HELD), *household_conditions(filters, f.c.household_id, on)]
    if rights is not None:
        where.append(f.c.right_id.in_(sorted(rights)))
    total = int(session.scalar(select(func.count()).select_from(f).where(*where)) or 0)
    first_decided = (
        select(func.min(d.c.decided_on))
        .join(f, (f.c.household_id == d.c.household_id) & (f.c.right_id == d.c.right_id))
        .where(*where)
        .group_by(d.c.household_id, d.c.right_id)
    )
    decided_on = sorted(session.scalars(first_decided))
    start, end = firsts[0], _month_end(firsts[-1])
    acted = select(d.c.household_id, d.c.right_id, d.c.decided_on).where(
        d.c.action.in_(list(ACTED)),
        d.c.decided_on >= start,
        d.c.decided_on <= end,
        *household_conditions(filters, d.c.household_id, on),
    )
    r = Referral.__table__
    sent = select(r.c.household_id, r.c.right_id, r.c.sent_on).where(
        r.c.sent_on.is_not(None),
        r.c.sent_on >= start,
        r.c.sent_on <= end,
        *household_conditions(filters, r.c.household_id, on),
    )
    if rights is not None:
        acted = acted.where(d.c.right_id.in_(sorted(rights)))
        sent = sent.where(r.c.right_id.in_(sorted(rights)))
    per_month: dict[date, set[tuple[uuid.UUID, str | None]]] = {first: set() for first in firsts}
    # A referral recorded with a `referred` decision in the same month is one act, not two.
    for household_id, right_id, day in [*session.execute(acted), *session.execute(sent)]:
        per_month[day.replace(day=1)].add((household_id, right_id))
    found = []
    for first in firsts:
        closed = sum(1 for day in decided_on if day <= _month_end(first))
        found.append((first, total - closed, len(per_month[first])))
    return found


def _month_starts(on: date, months: int) -> list[date]:
    firsts = [on.replace(day=1)]
    while len(firsts) < months:
        firsts.append((firsts[-1] - timedelta(days=1)).replace(day=1))
    return firsts[::-1]


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
