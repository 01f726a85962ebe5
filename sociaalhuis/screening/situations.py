"""The situations of many stored households at once, for screening them in batches.

Three queries of plain columns per part of the batch (households, members with their
persons, facts valid on the date) instead of loading each household as ORM objects; the rows
go through `eligibility.households.situation_of`, the same rules `situation_for` applies.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, cast, or_, select
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.households import situation_of
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.storage.models import Fact, Household, HouseholdMember, Person

# Ids per IN list: far below every backend's limit on bound parameters.
PART = 5000


def load_situations(
    session: Session, catalog: Catalog, household_ids: Sequence[uuid.UUID], on: date
) -> list[tuple[uuid.UUID, int, Situation]]:
    """(id, version, situation on `on`) of each household in `household_ids` that exists, in
    that order; each situation equals `situation_for(catalog, household_view(h), on)`'s."""
    wanted = list(dict.fromkeys(household_ids))
    connection = session.connection()
    found: list[tuple[uuid.UUID, int, Situation]] = []
    for start in range(0, len(wanted), PART):
        found += _part(connection, catalog, wanted[start : start + PART], on)
    return found


def _text(column: Any) -> ColumnElement[str]:
    """An id as text: hashing text is many times faster than hashing `uuid.UUID`, and
    turning every id of every row into one took most of the time of loading a batch."""
    return cast(column, String)


def _part(
    connection: Connection, catalog: Catalog, part: list[uuid.UUID], on: date
) -> list[tuple[uuid.UUID, int, Situation]]:
    query = select(
        Household.id, _text(Household.id), Household.version, Household.street, Household.postcode
    ).where(Household.id.in_(part))
    households = {row[0]: row[1:] for row in connection.execute(query).all()}
    members = _members(connection, part)
    facts = _facts(connection, part, on)
    situations = []
    for household_id in part:
        known = households.get(household_id)
        if known is None:
            continue  # gone since the ids were listed
        key, version, street, postcode = known
        # Person ids stay text: the situation names members m1, m2, … and holds no ids.
        situation = situation_of(
            catalog, on, street, postcode, members.get(key, ()), facts.get(key, ())
        ).situation
        situations.append((household_id, version, situation))
    return situations


def _members(connection: Connection, part: list[uuid.UUID]) -> dict[str, list[Any]]:
    """Each household's members in member order (`Household.members` orders by position)."""
    query = (
        select(
            _text(HouseholdMember.household_id),
            _text(HouseholdMember.person_id),
            HouseholdMember.role,
            Person.birth_date,
        )
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(HouseholdMember.household_id.in_(part))
        .order_by(HouseholdMember.household_id, HouseholdMember.position)
    )
    members: dict[str, list[Any]] = {}
    for household, person, role, birth_date in connection.execute(query).all():
        members.setdefault(household, []).append((person, role, birth_date))
    return members


def _facts(connection: Connection, part: list[uuid.UUID], on: date) -> dict[str, list[Any]]:
    """Each household's facts valid on `on`, with the value in the form `FactView.value` has.

    The validity test is `situation_of`'s, done here already so fewer rows travel. The order
    within a household is left as it comes: it matters only for a fact stored twice for the
    same person and key, and which of those wins is arbitrary in `situation_for` as well.
    """
    query = select(
        _text(Fact.household_id),
        Fact.key,
        _text(Fact.person_id),
        Fact.kind,
        Fact.value_bool,
        Fact.value_number,
        Fact.value_date,
        Fact.value_text,
        Fact.valid_from,
        Fact.valid_until,
    ).where(
        Fact.household_id.in_(part),
        or_(Fact.valid_from.is_(None), Fact.valid_from <= on),
        or_(Fact.valid_until.is_(None), Fact.valid_until >= on),
    )
    facts: dict[str, list[Any]] = {}
    for row in connection.execute(query).all():
        household, key, person, kind, flag, number, day, text, valid_from, valid_until = row
        if kind == "bool":
            value = flag
        elif kind == "text" or kind == "choice":
            value = text
        else:
            value = _value(kind, number, day)
        facts.setdefault(household, []).append((key, person, value, valid_from, valid_until))
    return facts


def _value(kind: str, number: Any, day: date | None) -> Any:
    """The value `cases.households.fact_value` gives for a number, money or date fact."""
    if kind == "date":
        return day
    if number is None:
        return None
    return Decimal(number).normalize() if kind == "number" else Decimal(number)
