"""The team lead's three non-take-up lists across all cases, their filters and counts.

*eligible*: eligible findings without a current decision (the store's indexed list);
*possible*: possibly eligible findings without a current decision, with the open questions;
*overdue*: open referrals and applications whose follow-up date has passed. Rows come in
pages by estimated yearly value (unknown values last); ties keep the store's order (household,
then right), which the indexes serve, so a page never costs a sort of the whole list.
"""

from __future__ import annotations

import heapq
import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, Table, and_, bindparam, exists, func, literal_column, select
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.need_to_know import case_workers
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.explain import day
from sociaalhuis.errors import ValidationError
from sociaalhuis.review.filters import (
    AGE_BANDS,
    DEELGEMEENTEN,
    HOUSEHOLD_TYPES,
    LEVELS,
    NO_FILTERS,
    ReviewFilters,
    age_band,
    check,
    current_decision,
    decided,
    household_conditions,
    household_type,
    level_of,
    providers,
    right_ids,
)
from sociaalhuis.review.followups import planned
from sociaalhuis.review.takeup import TakeUp, take_up, take_up_trend
from sociaalhuis.screening import store
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Decision,
    Household,
    HouseholdMember,
    Organisation,
    Person,
    Referral,
    StoredFinding,
    User,
)

__all__ = [
    "AGE_BANDS",
    "DEELGEMEENTEN",
    "HOUSEHOLD_TYPES",
    "LEVELS",
    "LISTS",
    "NO_FILTERS",
    "ReviewFilters",
    "ReviewRow",
    "TakeUp",
    "age_band",
    "count",
    "counts",
    "household_type",
    "level_of",
    "page",
    "providers",
    "review",
    "right_ids",
    "take_up",
    "take_up_trend",
]


LISTS = ("eligible", "possible", "overdue")
OPEN_REFERRALS = ("draft", "sent", "received", "accepted")
APPLIED = "applied"

FINDINGS: Table = StoredFinding.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
# Rows a stream of `_merged` fetches at a time.
STREAM_ROWS = 64
VERDICT = {"eligible": "eligible", "possible": "possibly_eligible"}

# household id, right id, yearly value, missing facts ("m2.age,tenure")
Found = tuple[uuid.UUID, str, Decimal | None, str]


@dataclass(frozen=True)
class ReviewRow:
    """One row of a list, as shown and exported."""

    list: str
    household_id: uuid.UUID
    applicant: str  # "Given Family"
    deelgemeente: str
    worker: str  # the case worker's display name, "" when unassigned
    right_id: str
    right_name: str
    level: str  # one of LEVELS, "" when the row names no right
    provider: str
    yearly_value: Decimal | None
    questions: tuple[str, ...]  # "possible": the open questions (Dutch)
    follow_up_on: date | None  # "overdue": the date passed; else an assigned follow-up's
    detail: str  # "overdue": what is waiting (Dutch)


def review(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    which: str,
    filters: ReviewFilters = NO_FILTERS,
    *,
    limit: int = 200,
    offset: int = 0,
    today: date | None = None,
) -> list[ReviewRow]:
    """A page of one list, by yearly value descending (unknown values last); team leads and
    administrators only."""
    check_list(catalog, which, filters)
    authorize(db, actor, VIEW_NON_TAKE_UP)
    on = today or date.today()
    with db.read() as session:
        return page(session, catalog, which, filters, limit, offset, on)


def counts(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    filters: ReviewFilters = NO_FILTERS,
    today: date | None = None,
) -> dict[str, int]:
    """How many rows each list has with these filters."""
    check_list(catalog, LISTS[0], filters)
    authorize(db, actor, VIEW_NON_TAKE_UP)
    on = today or date.today()
    with db.read() as session:
        return {which: count(session, catalog, which, filters, on) for which in LISTS}


def page(
    session: Session,
    catalog: Catalog,
    which: str,
    filters: ReviewFilters,
    limit: int,
    offset: int,
    on: date,
) -> list[ReviewRow]:
    """`review` inside the caller's session, unchecked (for services that authorized)."""
    if limit <= 0:
        return []
    offset = max(offset, 0)
    if which == "overdue":
        waiting = _overdue(session, catalog, filters, on)[offset : offset + limit]
        return _rows(session, catalog, which, [w[:4] for w in waiting], on, waiting)
    rights = right_ids(catalog, filters)
    if rights is not None and not rights:
        return []
    if (
        which == "eligible"
        and not filters.narrows_households
        and (rights is None or len(rights) == 1)
    ):
        # The store's own query walks the partial index of eligible findings.
        right = next(iter(rights)) if rights else None
        found: list[Found] = [
            (r.household_id, r.right_id, r.yearly_value, "")
            for r in store.non_take_up(session, right_id=right, limit=limit, offset=offset)
        ]
    elif which == "eligible":
        found = _paged(session, _finding_query(which, filters, rights, on), limit, offset)
    else:
        every = sorted(rights) if rights is not None else [r.id for r in catalog.rights]
        found = _merged(session, which, filters, every, on, limit, offset)
    return _rows(session, catalog, which, found, on)


def count(session: Session, catalog: Catalog, which: str, filters: ReviewFilters, on: date) -> int:
    """How many rows `page` has in all."""
    if which == "overdue":
        return len(_overdue(session, catalog, filters, on))
    rights = right_ids(catalog, filters)
    if rights is not None and not rights:
        return 0
    if not filters.narrows_households:
        if rights is None:
            # Per right along the index by right and verdict (a findings row of a right the
            # catalog no longer has is gone after the next screen).
            rights = {right.id for right in catalog.rights}
        return _open_count(session, which, rights)
    return _count(session, _finding_query(which, filters, rights, on)(None))


def _open_count(session: Session, which: str, rights: set[str] | None) -> int:
    """The findings of the list's verdict less those decided on: both counted along an index
    (the decided ones from the decisions' side), where asking "decided?" of each of millions
    of findings took seconds."""
    f = FINDINGS
    where = [f.c.verdict == literal_column(f"'{VERDICT[which]}'")]
    if rights is not None:
        where.append(f.c.right_id.in_(sorted(rights)))
    total = session.scalar(select(func.count()).select_from(f).where(*where)) or 0
    d = DECISIONS.alias("decision")
    newer = DECISIONS.alias("newer")
    current = (
        select(d.c.household_id, d.c.right_id)
        .where(~exists().where(newer.c.supersedes_id == d.c.id))
        .distinct()
        .subquery()
    )
    joined = current.join(
        f, and_(f.c.household_id == current.c.household_id, f.c.right_id == current.c.right_id)
    )
    decided = session.scalar(select(func.count()).select_from(joined).where(*where)) or 0
    return int(total) - int(decided)


def check_list(catalog: Catalog, which: str, filters: ReviewFilters) -> None:
    """Refuse an unknown list or filter value, naming it."""
    if which not in LISTS:
        raise ValidationError("which", f"unknown list {which!r}; one of {', '.join(LISTS)}")
    check(catalog, filters)


# -- queries --------------------------------------------------------------------------------


def _finding_query(
    which: str, filters: ReviewFilters, rights: set[str] | None, on: date, by_right: bool = False
) -> Callable[[bool | None], Select[Any]]:
    """The open findings of a list: a query for the valued rows (True), the others (False),
    or all (None), in the order the indexes give; `by_right` for one right given as the
    parameter `right`."""
    f = FINDINGS
    # A literal, not a bound parameter: only then may SQLite use a partial index.
    base = [f.c.verdict == literal_column(f"'{VERDICT[which]}'"), ~decided(f)]
    if rights is not None:
        base.append(f.c.right_id.in_(sorted(rights)))
    if by_right:
        base.append(f.c.right_id == bindparam("right"))
    base += household_conditions(filters, f.c.household_id, on)

    def query(valued: bool | None) -> Select[Any]:
        value = f.c.yearly_value
        where = list(base)
        if valued is not None:
            where.append(value.is_not(None) if valued else value.is_(None))
        return (
            select(f.c.household_id, f.c.right_id, value, f.c.missing)
            .where(*where)
            .order_by(value.desc(), f.c.household_id, f.c.right_id)
        )

    return query


def _paged(
    session: Session, query: Callable[[bool | None], Select[Any]], limit: int, offset: int
) -> list[Found]:
    """A page: the valued rows first, then those without a value (the backends disagree on
    where NULL sorts), as `store.non_take_up` reads them."""
    valued = session.execute(query(True).offset(offset).limit(limit)).all()
    found: list[Found] = [tuple(row) for row in valued]  # type: ignore[misc]
    if len(found) < limit:
        skip = 0 if valued or offset == 0 else offset - _count(session, query(True))
        rest = query(False).offset(max(skip, 0)).limit(limit - len(found))
        found += [tuple(row) for row in session.execute(rest).all()]  # type: ignore[misc]
    return found


def _merged(
    session: Session,
    which: str,
    filters: ReviewFilters,
    rights: list[str],
    on: date,
    limit: int,
    offset: int,
) -> list[Found]:
    """A page merged from one stream per right, each read lazily in the order of the index
    by right, verdict and value: about `offset + limit` rows are read in all, where one query
    over every right would sort all possibly eligible findings (half of them) first."""

    # One statement for every right (the right a parameter): built and compiled once.
    query = _finding_query(which, filters, None, on, by_right=True)
    statements = {valued: query(valued) for valued in (True, False)}

    def stream(right_id: str) -> Iterator[Found]:
        for valued in (True, False):
            result = session.execute(
                statements[valued],
                {"right": right_id},
                execution_options={"yield_per": STREAM_ROWS},
            )
            try:
                yield from (tuple(row) for row in result)  # type: ignore[misc]
            finally:
                result.close()

    streams = [stream(right_id) for right_id in rights]
    try:
        merged = heapq.merge(*streams, key=_order)
        return list(itertools.islice(merged, offset, offset + limit))
    finally:
        for opened in streams:
            opened.close()


def _order(row: Found) -> tuple[bool, Decimal, uuid.UUID, str]:
    """The lists' order as Python sees it: value descending, unknown last, then household
    (UUIDs compare as both backends order them) and right."""
    value = row[2]
    return (value is None, -value if value is not None else Decimal(0), row[0], row[1])


def _count(session: Session, query: Select[Any]) -> int:
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(session.scalar(counted) or 0)


# household id, right id, yearly value, "", follow-up date, detail
Waiting = tuple[uuid.UUID, str, Decimal | None, str, date, str]


def _overdue(session: Session, catalog: Catalog, filters: ReviewFilters, on: date) -> list[Waiting]:
    """Open referrals and current applications past their follow-up date, by yearly value
    (unknown last), then the oldest date. Few enough to gather whole; the value is the stored
    finding's (read by its key in the same query), else the catalog's."""
    rights = right_ids(catalog, filters)
    if rights is not None and not rights:
        return []
    by_id = {right.id: right for right in catalog.rights}
    f = FINDINGS
    r = Referral.__table__
    o = Organisation.__table__
    referrals = (
        select(
            r.c.household_id,
            r.c.right_id,
            r.c.follow_up_on,
            o.c.name,
            r.c.reference,
            f.c.yearly_value,
        )
        .join(o, o.c.id == r.c.organisation_id)
        .outerjoin(f, and_(f.c.household_id == r.c.household_id, f.c.right_id == r.c.right_id))
        .where(r.c.status.in_(OPEN_REFERRALS), r.c.follow_up_on < on)
        .where(*household_conditions(filters, r.c.household_id, on))
    )
    if rights is not None:
        referrals = referrals.where(r.c.right_id.in_(sorted(rights)))
    found: list[tuple[uuid.UUID, str, date, str, Decimal | None]] = []
    for household_id, right_id, due, organisation, reference, value in session.execute(referrals):
        what = f"Doorverwijzing {organisation}" + (f" ({reference})" if reference else "")
        found.append((household_id, right_id or "", due, what, value))
    d = DECISIONS.alias("application")
    applications = (
        select(d.c.household_id, d.c.right_id, d.c.follow_up_on, d.c.decided_on, f.c.yearly_value)
        .outerjoin(f, and_(f.c.household_id == d.c.household_id, f.c.right_id == d.c.right_id))
        .where(
            d.c.action == APPLIED,
            d.c.follow_up_on < on,
            current_decision(d),
            *household_conditions(filters, d.c.household_id, on),
        )
    )
    if rights is not None:
        applications = applications.where(d.c.right_id.in_(sorted(rights)))
    for household_id, right_id, due, applied_on, value in session.execute(applications):
        right = by_id.get(right_id)
        where = f" bij {right.provider}" if right is not None and right.provider else ""
        what = f"Aanvraag{where} van {day(applied_on)}"
        found.append((household_id, right_id, due, what, value))
    waiting: list[Waiting] = []
    for household_id, right_id, due, what, value in found:
        if value is None and right_id in by_id:
            value = by_id[right_id].yearly_value
        waiting.append((household_id, right_id, value, "", due, what))
    waiting.sort(key=lambda w: (w[2] is None, -(w[2] or 0), w[4], str(w[0]), w[1], w[5]))
    return waiting


# -- rows -----------------------------------------------------------------------------------


def _rows(
    session: Session,
    catalog: Catalog,
    which: str,
    found: list[Found],
    on: date,
    waiting: list[Waiting] | None = None,
) -> list[ReviewRow]:
    """The page's rows with names, places, workers and questions, read for its households
    only."""
    households = sorted({row[0] for row in found})
    members = _members(session, households)
    places = _places(session, households)
    workers = _worker_names(session, households)
    follow_ups = planned(session, [(row[0], row[1]) for row in found])
    by_id = {right.id: right for right in catalog.rights}
    rows = []
    for index, (household_id, right_id, value, missing) in enumerate(found):
        right = by_id.get(right_id)
        names = members.get(household_id, [])
        if waiting is not None:
            follow_up: date | None = waiting[index][4]
            detail = waiting[index][5]
        else:
            follow_up, detail = follow_ups.get((household_id, right_id)), ""
        rows.append(
            ReviewRow(
                list=which,
                household_id=household_id,
                applicant=_applicant(names),
                deelgemeente=places.get(household_id, ""),
                worker=workers.get(household_id, ""),
                right_id=right_id,
                right_name=right.name if right else right_id,
                level=level_of(right) if right else "",
                provider=right.provider if right else "",
                yearly_value=value,
                questions=_questions(catalog, missing, names) if which == "possible" else (),
                follow_up_on=follow_up,
                detail=detail,
            )
        )
    return rows


Member = tuple[str, str, str]  # role, given name, family name; in household order


def _members(session: Session, households: list[uuid.UUID]) -> dict[uuid.UUID, list[Member]]:
    if not households:
        return {}
    m = HouseholdMember.__table__
    p = Person.__table__
    query = (
        select(m.c.household_id, m.c.role, p.c.given_name, p.c.family_name)
        .join(p, p.c.id == m.c.person_id)
        .where(m.c.household_id.in_(households))
        .order_by(m.c.household_id, m.c.position, m.c.created_at)
    )
    found: dict[uuid.UUID, list[Member]] = {}
    for household_id, role, given, family in session.execute(query):
        found.setdefault(household_id, []).append((role, given, family))
    return found


def _applicant(members: list[Member]) -> str:
    chosen = next((m for m in members if m[0] == "applicant"), members[0] if members else None)
    return f"{chosen[1]} {chosen[2]}" if chosen else ""


def _places(session: Session, households: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not households:
        return {}
    h = Household.__table__
    query = select(h.c.id, h.c.deelgemeente).where(h.c.id.in_(households))
    return {key: value for key, value in session.execute(query)}


def _worker_names(session: Session, households: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    workers = case_workers(session, households)
    if not workers:
        return {}
    u = User.__table__
    query = select(u.c.id, u.c.display_name).where(u.c.id.in_(set(workers.values())))
    names = {user_id: name for user_id, name in session.execute(query)}
    return {household_id: names.get(user_id, "") for household_id, user_id in workers.items()}


def _questions(catalog: Catalog, missing: str, members: list[Member]) -> tuple[str, ...]:
    """The stored missing facts as the Dutch questions the intake desk asks, a member's with
    their given name before it."""
    texts: list[str] = []
    for name in missing.split(",") if missing else []:
        owner, _, key = name.rpartition(".")
        fact = catalog.facts.get(key)
        text = fact.questions.get("nl", fact.label) if fact else key
        if owner:
            index = int(owner[1:]) - 1 if owner[1:].isdigit() else -1
            who = members[index][1] if 0 <= index < len(members) else owner
            text = f"{who}: {text}"
        if text not in texts:
            texts.append(text)
    return tuple(texts)
