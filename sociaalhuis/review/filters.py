"""The filters of the team lead's review: which rights and which households a list keeps.

The conditions about a household are correlated EXISTS clauses on a household id column, so
that a list read in index order probes only the rows it meets; `household_type` and
`age_band` say the same in Python, for rows already read and for tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, exists, func, or_, select

from sociaalhuis.catalog import model as catalog_model
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage import models
from sociaalhuis.storage.models import CaseAssignment, Decision, Household, HouseholdMember, Person

DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
LEVELS = ("federal", "flemish", "provincial", "local")
# The catalog writes the levels in Dutch, in the same order.
CATALOG_LEVELS = dict(zip(LEVELS, catalog_model.LEVELS, strict=True))
DEELGEMEENTEN = models.DEELGEMEENTEN
AGE_BANDS = ("0-17", "18-24", "25-44", "45-64", "65+")
AGE_LIMITS: dict[str, tuple[int, int | None]] = {
    "0-17": (0, 17),
    "18-24": (18, 24),
    "25-44": (25, 44),
    "45-64": (45, 64),
    "65+": (65, None),
}
HOUSEHOLD_TYPES = ("single", "couple", "single_parent", "couple_with_children", "other")


@dataclass(frozen=True)
class ReviewFilters:
    """What the lists are narrowed to; None is no filter."""

    right_id: str | None = None
    level: str | None = None
    provider: str | None = None
    worker_id: uuid.UUID | None = None  # the current case worker
    deelgemeente: str | None = None
    age_band: str | None = None  # the applicant's age on the review date
    household_type: str | None = None

    @property
    def narrows_households(self) -> bool:
        """Whether a filter about the household (not the right) is set."""
        return any(
            getattr(self, name) is not None
            for name in ("worker_id", "deelgemeente", "age_band", "household_type")
        )

    def as_dict(self) -> dict[str, str]:
        """The filters set, as text (for an export's header or an audit event's detail)."""
        return {
            f.name: str(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) is not None
        }


def right_ids(catalog: Catalog, filters: ReviewFilters) -> set[str] | None:
    """The rights the filters leave (None: every right, no filter on the right)."""
    if filters.right_id is None and filters.level is None and filters.provider is None:
        return None
    return {right.id for right in catalog.rights if _right_passes(right, filters)}


def providers(catalog: Catalog) -> list[str]:
    """The providers the catalog names, sorted (for a filter's choices)."""
    return sorted({right.provider for right in catalog.rights if right.provider})


def level_of(right: RightDef) -> str:
    """The right's level as one of LEVELS."""
    for level, dutch in CATALOG_LEVELS.items():
        if right.level == dutch:
            return level
    return right.level


def household_type(roles: Iterable[str]) -> str:
    """The household type (one of HOUSEHOLD_TYPES) of members with these roles."""
    roles = list(roles)
    if "other" in roles:
        return "other"
    partner, children = "partner" in roles, "child" in roles
    if partner:
        return "couple_with_children" if children else "couple"
    return "single_parent" if children else "single"


def age_band(birth_date: date | None, on: date) -> str | None:
    """The age band of someone born on `birth_date`, on `on`; None when unknown."""
    if birth_date is None:
        return None
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for band, (low, high) in AGE_LIMITS.items():
        if age >= low and (high is None or age <= high):
            return band
    return None


def _right_passes(right: RightDef, filters: ReviewFilters) -> bool:
    return (
        (filters.right_id is None or right.id == filters.right_id)
        and (filters.level is None or level_of(right) == filters.level)
        and (filters.provider is None or right.provider == filters.provider)
    )


def check(catalog: Catalog, filters: ReviewFilters) -> None:
    """Refuse a filter value the lists do not know, naming the filter."""
    if filters.right_id is not None and all(r.id != filters.right_id for r in catalog.rights):
        raise ValidationError(
            "right_id", f"{filters.right_id!r} is not a right in catalog {catalog.version}"
        )
    choices = {
        "level": LEVELS,
        "deelgemeente": DEELGEMEENTEN,
        "age_band": AGE_BANDS,
        "household_type": HOUSEHOLD_TYPES,
    }
    for name, allowed in choices.items():
        value = getattr(filters, name)
        if value is not None and value not in allowed:
            raise ValidationError(name, f"unknown {name} {value!r}; one of {', '.join(allowed)}")


def household_conditions(
    filters: ReviewFilters, household_id: Any, on: date
) -> list[ColumnElement[bool]]:
    """Conditions on `household_id` (a column) for the filters about the household; each a
    correlated EXISTS, so a page read in index order probes only the rows it meets."""
    found: list[ColumnElement[bool]] = []
    # An alias: `household_id` may itself be a column of the households table.
    h = Household.__table__.alias("place")
    if filters.deelgemeente is not None:
        found.append(
            exists().where(h.c.id == household_id, h.c.deelgemeente == filters.deelgemeente)
        )
    if filters.worker_id is not None:
        found.append(_assigned_to(household_id, filters.worker_id))
    if filters.age_band is not None:
        found.append(_applicant_aged(household_id, filters.age_band, on))
    if filters.household_type is not None:
        found.append(_of_type(household_id, filters.household_type))
    return found


def _assigned_to(household_id: Any, worker_id: uuid.UUID) -> ColumnElement[bool]:
    """The household's newest case assignment names `worker_id`. Asked as "who is the case
    worker" (a lookup by household), not "is one of the worker's assignments the newest": with
    the worker in the subquery, SQLite read all of the worker's assignments for every row."""
    a = CaseAssignment.__table__.alias("assignment")
    newest = (
        select(a.c.user_id)
        .where(a.c.household_id == household_id)
        .order_by(a.c.assigned_at.desc(), a.c.created_at.desc())
        .limit(1)
        .scalar_subquery()
    )
    return newest == worker_id


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year without one
        return on.replace(year=on.year - years, day=28)


def _applicant_aged(household_id: Any, band: str, on: date) -> ColumnElement[bool]:
    low, high = AGE_LIMITS[band]
    m = HouseholdMember.__table__
    p = Person.__table__
    born = [p.c.birth_date <= _years_before(on, low)]
    if high is not None:
        born.append(p.c.birth_date > _years_before(on, high + 1))
    return exists().where(
        m.c.household_id == household_id,
        m.c.role == "applicant",
        p.c.id == m.c.person_id,
        *born,
    )


def _of_type(household_id: Any, kind: str) -> ColumnElement[bool]:
    m = HouseholdMember.__table__

    def having(role: str) -> Any:
        return func.sum(case((m.c.role == role, 1), else_=0))

    partners, children, others = having("partner"), having("child"), having("other")
    condition = {
        "single": and_(partners == 0, children == 0, others == 0),
        "couple": and_(partners > 0, children == 0, others == 0),
        "single_parent": and_(partners == 0, children > 0, others == 0),
        "couple_with_children": and_(partners > 0, children > 0, others == 0),
        "other": others > 0,
    }[kind]
    grouped = (
        select(m.c.household_id)
        .where(m.c.household_id == household_id)
        .group_by(m.c.household_id)
        .having(condition)
    )
    return exists(grouped)


def decided(finding: Table) -> ColumnElement[bool]:
    """A current decision (one nothing supersedes) exists for the finding's household and
    right, as `screening.store` asks it."""
    decision = DECISIONS.alias("decision")
    newer = DECISIONS.alias("newer")
    return exists().where(
        decision.c.household_id == finding.c.household_id,
        decision.c.right_id == finding.c.right_id,
        ~exists().where(newer.c.supersedes_id == decision.c.id),
    )


NO_FILTERS = ReviewFilters()


def current_decision(decision: Table) -> ColumnElement[bool]:
    """`decision` (an alias of the decisions table) is its household's current one about its
    right: nothing supersedes it and no decision about the right is newer."""
    newer = DECISIONS.alias("newer_decision")
    return ~exists().where(
        newer.c.household_id == decision.c.household_id,
        newer.c.right_id == decision.c.right_id,
        or_(
            newer.c.supersedes_id == decision.c.id,
            newer.c.decided_on > decision.c.decided_on,
            and_(
                newer.c.decided_on == decision.c.decided_on,
                newer.c.created_at > decision.c.created_at,
            ),
        ),
    )
