"""The review's third list: open referrals and current applications past their follow-up
date, read a page at a time in the order the team lead sees them."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    Numeric,
    Table,
    and_,
    case,
    func,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.explain import day
from sociaalhuis.review.filters import (
    ReviewFilters,
    current_decision,
    household_conditions,
    right_ids,
)
from sociaalhuis.storage.models import Decision, Organisation, Referral, StoredFinding

OPEN_REFERRALS = ("draft", "sent", "received", "accepted")
APPLIED = "applied"
FINDINGS: Table = StoredFinding.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]

# household id, right id, yearly value, "", follow-up date, detail
Waiting = tuple[uuid.UUID, str, Decimal | None, str, date, str]


def overdue(
    session: Session,
    catalog: Catalog,
    filters: ReviewFilters,
    on: date,
    limit: int | None = None,
    offset: int = 0,
) -> list[Waiting]:
    """Open referrals and current applications past their follow-up date, by yearly value
    (unknown last), then the oldest date: sorted and cut to the page by the database, so only
    the page's rows are read. The value is the stored finding's, else the catalog's."""
    waiting = _waiting(catalog, filters, on)
    if waiting is None:
        return []
    c = waiting.c
    query = select(waiting).order_by(
        c.value.is_(None),
        c.value.desc(),
        c.due,
        c.household_id,
        c.right_id,
        c.kind,
        c.organisation,
        c.reference,
    )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    by_id = {right.id: right for right in catalog.rights}
    found: list[Waiting] = []
    for (
        household_id,
        right_id,
        value,
        due,
        kind,
        organisation,
        reference,
        applied_on,
    ) in session.execute(query):
        if kind == 1:
            what = f"Doorverwijzing {organisation}" + (f" ({reference})" if reference else "")
        else:
            right = by_id.get(right_id)
            where = f" bij {right.provider}" if right is not None and right.provider else ""
            what = f"Aanvraag{where} van {day(applied_on)}"
        found.append((household_id, right_id, value, "", due, what))
    return found


def overdue_count(session: Session, catalog: Catalog, filters: ReviewFilters, on: date) -> int:
    waiting = _waiting(catalog, filters, on)
    if waiting is None:
        return 0
    return int(session.scalar(select(func.count()).select_from(waiting)) or 0)


def _waiting(catalog: Catalog, filters: ReviewFilters, on: date) -> Any:
    """The overdue referrals and applications as one subquery (None: the right filters leave
    no right): household, right, value, due date, kind (0 application, 1 referral) and what
    the detail text needs."""
    rights = right_ids(catalog, filters)
    if rights is not None and not rights:
        return None
    values = {right.id: right.yearly_value for right in catalog.rights if right.yearly_value}
    f = FINDINGS
    r = Referral.__table__
    o = Organisation.__table__
    d = DECISIONS.alias("application")

    def value_of(right_id: Any) -> Any:
        if not values:
            return f.c.yearly_value
        by_catalog = case(
            {key: literal(value, Numeric(18, 4)) for key, value in values.items()},
            value=right_id,
        )
        return func.coalesce(f.c.yearly_value, by_catalog)

    referrals = (
        select(
            r.c.household_id,
            func.coalesce(r.c.right_id, "").label("right_id"),
            value_of(r.c.right_id).label("value"),
            r.c.follow_up_on.label("due"),
            literal(1).label("kind"),
            o.c.name.label("organisation"),
            r.c.reference.label("reference"),
            # The union takes its column types from this first select.
            type_coerce(null(), Date).label("applied_on"),
        )
        .join(o, o.c.id == r.c.organisation_id)
        .outerjoin(f, and_(f.c.household_id == r.c.household_id, f.c.right_id == r.c.right_id))
        .where(r.c.status.in_(OPEN_REFERRALS), r.c.follow_up_on < on)
        .where(*household_conditions(filters, r.c.household_id, on))
    )
    applications = (
        select(
            d.c.household_id,
            d.c.right_id,
            value_of(d.c.right_id).label("value"),
            d.c.follow_up_on,
            literal(0),
            null(),
            null(),
            d.c.decided_on,
        )
        .outerjoin(f, and_(f.c.household_id == d.c.household_id, f.c.right_id == d.c.right_id))
        .where(
            d.c.action == APPLIED,
            d.c.follow_up_on < on,
            current_decision(d),
            *household_conditions(filters, d.c.household_id, on),
        )
    )
    if rights is not None:
        referrals = referrals.where(r.c.right_id.in_(sorted(rights)))
        applications = applications.where(d.c.right_id.in_(sorted(rights)))
    return union_all(referrals, applications).subquery("waiting")
