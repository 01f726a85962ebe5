"""Read a batch of stored households straight into fact columns, and screen them.

The rows go into the column-wise engine without building a `Situation` per household: three
queries of plain columns (households, members, facts valid on the date), one pass over the
fact rows. The rules are those of `eligibility.households.situation_of`; a household with a
fact stored in a form only that function's conversions understand (a number kept as text)
is screened from its `Situation` by the exact engine instead.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Connection, Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import BUILT_IN
from sociaalhuis.eligibility.situation import address_facts
from sociaalhuis.screening.engine import Screened, exactly
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.situations import load_situations
from sociaalhuis.screening.vector.caseload import Caseload, Values
from sociaalhuis.screening.vector.screen import screen_caseload
from sociaalhuis.storage.models import Fact, Household, HouseholdMember, Person

# The stored kinds each dictionary type is read from without conversion.
NATURAL = {
    "bool": ("bool",),
    "number": ("number", "money"),
    "money": ("number", "money"),
    "date": ("date",),
    "choice": ("text", "choice"),
}
PART = 5000  # ids per IN list


def screen_stored(
    session: Session, evaluator: Evaluator, household_ids: Sequence[uuid.UUID], on: date
) -> tuple[list[tuple[uuid.UUID, int]], Screened]:
    """Screen the stored households `household_ids` on `on`: (id, version) of each household
    that exists, in the order given, and their findings row by row."""
    catalog = evaluator.catalog
    wanted = list(dict.fromkeys(household_ids))
    connection = session.connection()
    rows: list[tuple[uuid.UUID, int]] = []
    member_ids: list[list[str]] = []
    household: Values = {}
    members: Values = {}
    exact: list[int] = []
    for start in range(0, len(wanted), PART):
        part = Part(connection, wanted[start : start + PART])
        _read(connection, catalog, part, on, rows, member_ids, household, members, exact)
    caseload = Caseload(
        catalog, member_ids, fitting(catalog, household), fitting(catalog, members), exact
    )
    table = MissingTable()
    verdicts, missing, doubtful = screen_caseload(evaluator, caseload, on, table)
    redo = np.flatnonzero(doubtful).tolist()
    if redo:
        situations = load_situations(session, catalog, [rows[i][0] for i in redo], on)
        by_id = {household_id: situation for household_id, _, situation in situations}
        for index in redo:
            situation = by_id[rows[index][0]]
            exactly(evaluator, situation, on, index, verdicts, missing, table)
    return rows, Screened(catalog.rights, verdicts, missing, table)


def among(column: Any, part: Part) -> ColumnElement[bool]:
    """`column` is one of the part's households: an id range when the part fills most of its
    range (a whole re-screen), else the ids themselves."""
    if part.dense:
        return column.between(part.ids[0], part.ids[-1])
    return column.in_(part.ids)


class Part:
    """Up to PART household ids in id order, and whether they fill their id range."""

    def __init__(self, connection: Connection, ids: list[uuid.UUID]) -> None:
        self.given = ids
        self.ids = sorted(ids)
        # An id as the database casts it to text: 32 hex digits (SQLite) or with dashes.
        text = (lambda i: i.hex) if connection.dialect.name == "sqlite" else str
        self.by_text = {text(i): i for i in ids}
        in_range = connection.execute(
            select(func.count())
            .select_from(Household)
            .where(Household.id.between(self.ids[0], self.ids[-1]))
        ).scalar_one()
        # A range read costs no bound parameter per id; worth it unless it reads many others.
        self.dense = in_range <= 2 * len(self.ids)


def household_query(part: Part) -> Select[Any]:
    return select(
        cast(Household.id, String),
        Household.version,
        Household.street,
        Household.postcode,
    ).where(among(Household.id, part))


def member_query(part: Part) -> Select[Any]:
    """Members with role and birth date, in member order (as `Household.members`)."""
    return (
        select(
            cast(HouseholdMember.household_id, String),
            cast(HouseholdMember.person_id, String),
            HouseholdMember.role,
            Person.birth_date,
        )
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(among(HouseholdMember.household_id, part))
        .order_by(HouseholdMember.household_id, HouseholdMember.position)
    )


def fact_query(part: Part, on: date) -> Select[Any]:
    """The facts valid on `on`, with every value column."""
    return select(
        cast(Fact.household_id, String),
        cast(Fact.person_id, String),
        Fact.key,
        Fact.kind,
        Fact.value_bool,
        Fact.value_number,
        Fact.value_date,
        Fact.value_text,
    ).where(
        among(Fact.household_id, part),
        or_(Fact.valid_from.is_(None), Fact.valid_from <= on),
        or_(Fact.valid_until.is_(None), Fact.valid_until >= on),
    )


def raw_fetch(session: Session, household_ids: Sequence[uuid.UUID], on: date) -> int:
    """Only read what `screen_stored` reads — the same queries, every row into Python — and
    nothing else; the yardstick the screen's own time is measured against. Returns rows read."""
    connection = session.connection()
    wanted = list(dict.fromkeys(household_ids))
    count = 0
    for start in range(0, len(wanted), PART):
        part = Part(connection, wanted[start : start + PART])
        for query in (household_query(part), member_query(part), fact_query(part, on)):
            count += len(connection.execute(query).all())
    return count


def _read(
    connection: Connection,
    catalog: Catalog,
    part: Part,
    on: date,
    rows: list[tuple[uuid.UUID, int]],
    member_ids: list[list[str]],
    household: Values,
    members: Values,
    exact: list[int],
) -> None:
    """Append one part of the batch to the columns being gathered."""
    found = {}
    for text, version, street, postcode in connection.execute(household_query(part)).all():
        household_id = part.by_text.get(text)
        if household_id is not None:  # a range read also meets households not asked for
            found[household_id] = (text, version, street, postcode)
    index: dict[str, int] = {}
    for household_id in part.given:
        row = found.get(household_id)
        if row is None:
            continue  # gone since the ids were listed
        index[row[0]] = len(rows)
        rows.append((household_id, row[1]))
        member_ids.append([])
        for key, value in address_facts(row[2], row[3]).items():
            _add(household, key, len(rows) - 1, value)
    first_member = sum(len(ids) for ids in member_ids[: len(rows) - len(index)])
    member_row = _members(connection, part, index, member_ids, members, first_member, catalog)
    _facts(connection, catalog, part, on, index, member_row, household, members, exact)


def _members(
    connection: Connection,
    part: Part,
    index: dict[str, int],
    member_ids: list[list[str]],
    members: Values,
    first: int,
    catalog: Catalog,
) -> dict[tuple[str, str], int]:
    """Members in member order, numbered m1, m2, …; returns (household, person) → member row."""
    rows = connection.execute(member_query(part)).all()
    positions = [index.get(household_id, -1) for household_id, _, _, _ in rows]
    if any(a > b for a, b in itertools.pairwise(positions)):
        # The batch is not in id order: put the members in the order of its households.
        order = sorted(range(len(rows)), key=positions.__getitem__)
        rows = [rows[i] for i in order]
        positions = [positions[i] for i in order]
    with_birth_date = "birth_date" in catalog.facts
    member_row: dict[tuple[str, str], int] = {}
    role_rows, roles = members.setdefault("role", ([], []))
    birth_rows, births = members.setdefault("birth_date", ([], []))
    row = first
    for position, (household_id, person_id, role, birth_date) in zip(positions, rows, strict=True):
        if position < 0:
            continue  # a household of the range read that was not asked for
        ids = member_ids[position]
        ids.append(f"m{len(ids) + 1}")
        member_row[(household_id, person_id)] = row
        role_rows.append(row)
        roles.append(role)
        if birth_date is not None and with_birth_date:
            birth_rows.append(row)
            births.append(birth_date)
        row += 1
    return member_row


def _facts(
    connection: Connection,
    catalog: Catalog,
    part: Part,
    on: date,
    index: dict[str, int],
    member_row: dict[tuple[str, str], int],
    household: Values,
    members: Values,
    exact: list[int],
) -> None:
    usable = {
        key: fact for key, fact in catalog.facts.items() if not fact.derived and key not in BUILT_IN
    }
    # fetchall: one call into the driver instead of one per row (a third of the read time).
    for household_id, person_id, key, kind, flag, number, day, text in connection.execute(
        fact_query(part, on)
    ).all():
        fact = usable.get(key)
        position = index.get(household_id)
        if fact is None or position is None:
            continue
        if kind == "bool":
            value = flag
        elif kind == "date":
            value = day
        elif kind == "text" or kind == "choice":
            value = text
        else:
            value = number
        if value is None:
            continue
        if kind not in NATURAL[fact.type]:
            exact.append(position)  # a conversion only situation_of knows
            continue
        if person_id is None:
            if fact.about != "household":
                continue
            row = position
            target = household
        else:
            if fact.about != "person":
                continue
            row = member_row.get((household_id, person_id), -1)
            if row < 0:
                continue  # not (or no longer) a member of this household
            target = members
        rows, values = target.get(key) or target.setdefault(key, ([], []))
        rows.append(row)
        values.append(value)


def fitting(catalog: Catalog, values: Values) -> Values:
    """Only the values the dictionary takes: numbers within bounds, known choices."""
    kept: Values = {}
    for key, (rows, given) in values.items():
        fact = catalog.facts[key]
        if fact.type in ("number", "money") and (fact.min is not None or fact.max is not None):
            # Decimals with a few places keep their order as floats, bounds included.
            numbers = np.array([float(v) for v in given], dtype=np.float64)
            fits = np.ones(len(numbers), dtype=bool)
            if fact.min is not None:
                fits &= numbers >= float(fact.min)
            if fact.max is not None:
                fits &= numbers <= float(fact.max)
        elif fact.type == "choice":
            fits = np.array([v in fact.choices for v in given], dtype=bool)
        else:
            kept[key] = (rows, given)
            continue
        kept[key] = (
            [r for r, f in zip(rows, fits.tolist(), strict=True) if f],
            [v for v, f in zip(given, fits.tolist(), strict=True) if f],
        )
    return kept


def _add(values: Values, key: str, row: int, value: Any) -> None:
    rows, column = values.setdefault(key, ([], []))
    rows.append(row)
    column.append(value)
