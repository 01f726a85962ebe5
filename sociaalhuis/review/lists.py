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

from sqlalchemy import (
    Select,
    Table,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.need_to_know import case_workers
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.catalog.model import Catalog
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
    decided,
    household_conditions,
    household_type,
    level_of,
    providers,
    right_ids,
)
from sociaalhuis.review.followups import planned
from sociaalhuis.review.overdue import Waiting, overdue, overdue_count
from sociaalhuis.review.takeup import TakeUp, take_up, take_up_trend
from sociaalhuis.screening import store
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Decision,
    Household,
    HouseholdMember,
    Person,
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

FINDINGS: Table = StoredFinding.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
# Rows a stream of `_merged` fetches at a time.
STREAM_ROWS = 64
# Households `_by_household` reads first; each next batch is twice as many, up to the last.
HOUSEHOLD_BATCH = (32, 4096)
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
        waiting = overdue(session, catalog, filters, on, limit, offset)
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
        return overdue_count(session, catalog, filters, on)
    rights = right_ids(catalog, filters)
    if rights is not None and not rights:
        return 0
    if not filters.narrows_households:
        if rights is None:
            # Per right along the index by right and verdict (a findings row of a right the
            # catalog no longer has is gone after the next screen).
            rights = {right.id for right in catalog.rights}
        return _open_count(session, which, rights)
    return _count_by_household(session, catalog, which, filters, rights, on)


def _count_by_household(
    session: Session,
    catalog: Catalog,
    which: str,
    filters: ReviewFilters,
    rights: set[str] | None,
    on: date,
) -> int:
    """The open findings counted household by household over the households that pass the
    filters (a scalar subquery per household, so no planner can start from the findings and
    probe the household of each of millions: 2 s where that took 7–32 s at 100,000)."""
    f = FINDINGS
    h = Household.__table__
    chosen = sorted(rights) if rights is not None else sorted(r.id for r in catalog.rights)
    per_household = (
        select(func.count())
        .select_from(f)
        .where(
            f.c.household_id == h.c.id,
            f.c.verdict == literal_column(f"'{VERDICT[which]}'"),
            f.c.right_id.in_(chosen),
            ~decided(f),
        )
        .scalar_subquery()
    )
    query = (
        select(func.sum(per_household))
        .select_from(h)
        .where(*household_conditions(filters, h.c.id, on))
    )
    return int(session.scalar(query) or 0)


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
    """A page of a list over many rights without sorting the whole list (half of all findings
    for *possible*): the rows with a value merged from one stream per right that has such
    rows, each read lazily along the index by right, verdict and value; then the rows without
    a value, which sort by household and right, household by household. About
    `offset + limit` rows are read in all."""
    first = offset + limit
    if filters.narrows_households and not _households(session, filters, on, None, 1):
        return []
    # One statement for every right (the right a parameter): built and compiled once.
    statement = _finding_query(which, filters, None, on, by_right=True)(True)

    def stream(right_id: str) -> Iterator[Found]:
        # A cursor read in parts: PostgreSQL plans it to give its first rows fast (along
        # the index), where a plain query with a household filter sorted all of the right.
        result = session.execute(
            statement, {"right": right_id}, execution_options={"yield_per": STREAM_ROWS}
        )
        try:
            yield from (tuple(row) for row in result)  # type: ignore[misc]
        finally:
            result.close()

    streams = [stream(right_id) for right_id in _valued_rights(session, which, rights)]
    rows = itertools.chain(
        heapq.merge(*streams, key=_order),
        _by_household(session, which, filters, rights, on, first),
    )
    try:
        return list(itertools.islice(rows, offset, first))
    finally:
        for opened in streams:
            opened.close()


def _valued_rights(session: Session, which: str, rights: list[str]) -> list[str]:
    """The rights with at least one finding of the list's verdict that has a value: one index
    probe each, in one statement (most rights give no value; a stream each cost PostgreSQL a
    plan and a cursor, 0.7 s for 49 rights)."""
    f = FINDINGS
    probes = [
        select(f.c.right_id)
        .where(
            f.c.right_id == right_id,
            f.c.verdict == literal_column(f"'{VERDICT[which]}'"),
            f.c.yearly_value.is_not(None),
        )
        .limit(1)
        .subquery()
        for right_id in rights
    ]
    if not probes:
        return []
    return sorted(session.scalars(union_all(*(select(probe) for probe in probes))))


def _households(
    session: Session, filters: ReviewFilters, on: date, after: uuid.UUID | None, limit: int
) -> list[uuid.UUID]:
    """The next `limit` households after `after` (by id) that pass the household filters."""
    h = Household.__table__
    query = select(h.c.id).where(*household_conditions(filters, h.c.id, on))
    if after is not None:
        query = query.where(h.c.id > after)
    return list(session.scalars(query.order_by(h.c.id).limit(limit)))


def _by_household(
    session: Session, which: str, filters: ReviewFilters, rights: list[str], on: date, most: int
) -> Iterator[Found]:
    """The open findings without a value of the households that pass the filters, by
    household and right: households read in growing batches, their findings by key."""
    f = FINDINGS
    statement = (
        select(f.c.household_id, f.c.right_id, f.c.yearly_value, f.c.missing)
        .where(
            f.c.household_id.in_(bindparam("households", expanding=True)),
            f.c.verdict == literal_column(f"'{VERDICT[which]}'"),
            f.c.yearly_value.is_(None),
            f.c.right_id.in_(rights),
            ~decided(f),
        )
        .order_by(f.c.household_id, f.c.right_id)
    )
    after: uuid.UUID | None = None
    (batch, largest), given = HOUSEHOLD_BATCH, 0
    while given < most:
        households = _households(session, filters, on, after, batch)
        if not households:
            return
        after = households[-1]
        for row in session.execute(statement, {"households": households}):
            given += 1
            yield tuple(row)  # type: ignore[misc]
        if len(households) < batch:
            return
        batch = min(batch * 2, largest)


def _order(row: Found) -> tuple[bool, Decimal, uuid.UUID, str]:
    """The lists' order as Python sees it: value descending, unknown last, then household
    (UUIDs compare as both backends order them) and right."""
    value = row[2]
    return (value is None, -value if value is not None else Decimal(0), row[0], row[1])


def _count(session: Session, query: Select[Any]) -> int:
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    return int(session.scalar(counted) or 0)


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
