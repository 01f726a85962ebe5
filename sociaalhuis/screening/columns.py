"""Read a batch of stored households straight into fact columns, and screen them.

The rows go into the column-wise engine without building a `Situation` per household: three
queries of plain columns (households, members, facts valid on the date), one pass over the
fact rows. The rules are those of `eligibility.households.situation_of`; a household with a
fact stored in a form only that function's conversions understand (a number kept as text)
is screened from its `Situation` by the exact engine instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from itertools import repeat
from operator import getitem, is_not, itemgetter
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
# Stored kinds, numbered.
KINDS = ("bool", "number", "money", "date", "text", "choice")
KIND = {kind: number for number, kind in enumerate(KINDS)}
# Where a fact row (household, person, key, kind, bool, number, date, text) holds the value
# of each stored kind.
VALUE_AT = {"bool": 4, "number": 5, "money": 5, "date": 6, "text": 7, "choice": 7}


def screen_stored(
    session: Session,
    evaluator: Evaluator,
    household_ids: Sequence[uuid.UUID],
    on: date,
    parts: Sequence[Part] | None = None,
) -> tuple[list[tuple[uuid.UUID, int]], Screened]:
    """Screen the stored households `household_ids` on `on`: (id, version) of each household
    that exists, in the order given, and their findings row by row. `parts` are the ids as
    `split` cut them, when the caller has them already."""
    batch = gather(session, evaluator.catalog, household_ids, on, parts)
    codes = evaluate(evaluator, batch.shape(), on)
    return batch.rows, settle(session, evaluator, batch.rows, on, *codes)


def gather(
    session: Session,
    catalog: Catalog,
    household_ids: Sequence[uuid.UUID],
    on: date,
    parts: Sequence[Part] | None = None,
) -> _Batch:
    """Read the stored households into the values the column engine takes."""
    connection = session.connection()
    batch = _Batch()
    for part in split(connection, household_ids) if parts is None else parts:
        _read(connection, catalog, part, on, batch)
    return batch


# What `evaluate` takes: members per household, household values, member values, exact rows.
Shape = tuple[list[int], Values, Values, list[int]]


def evaluate(
    evaluator: Evaluator, shape: Shape, on: date, table: MissingTable | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, MissingTable]:
    """The column engine over a gathered batch: verdict and missing-fact codes, the households
    the floats could not settle, and the table the codes point into (`table`, when given).
    No database."""
    catalog = evaluator.catalog
    counts, household, members, exact = shape
    names = [f"m{number}" for number in range(1, max(counts, default=0) + 1)]
    member_ids = [names[:count] for count in counts]
    household, members = fitting(catalog, household), fitting(catalog, members)
    caseload = Caseload(catalog, member_ids, household, members, exact, standard=True)
    table = MissingTable() if table is None else table
    verdicts, missing, doubtful = screen_caseload(evaluator, caseload, on, table)
    return verdicts, missing, doubtful, table


def settle(
    session: Session,
    evaluator: Evaluator,
    rows: list[tuple[uuid.UUID, int]],
    on: date,
    verdicts: np.ndarray,
    missing: np.ndarray,
    doubtful: np.ndarray,
    table: MissingTable,
    digests: list[bytes] | None = None,
) -> Screened:
    """The findings, with the households the floats could not settle screened again by the
    exact engine from their stored facts (read through `session`). `digests`: those of the
    column engine's rows, when computed already; the rows screened again get new ones."""
    redo = np.flatnonzero(doubtful).tolist()
    if redo:
        situations = load_situations(session, evaluator.catalog, [rows[i][0] for i in redo], on)
        by_id = {household_id: situation for household_id, _, situation in situations}
        for index in redo:
            situation = by_id[rows[index][0]]
            exactly(evaluator, situation, on, index, verdicts, missing, table)
    screened = Screened(evaluator.catalog.rights, verdicts, missing, table, digests)
    screened.redone(redo)
    return screened


class _Batch:
    """What the parts of a batch read, gathered: households, member counts, fact values."""

    def __init__(self) -> None:
        self.rows: list[tuple[uuid.UUID, int]] = []
        self.texts: list[str] = []
        self.counts: list[int] = []  # members per household row
        self.member_count = 0
        self.household: Values = {}
        self.members: Values = {}
        self.exact: list[int] = []

    def shape(self) -> Shape:
        return self.counts, self.household, self.members, self.exact


def split(connection: Connection, household_ids: Sequence[uuid.UUID]) -> list[Part]:
    """The ids, each once, cut into parts of at most PART."""
    wanted = list(dict.fromkeys(household_ids))
    return [Part(connection, wanted[start : start + PART]) for start in range(0, len(wanted), PART)]


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
        self.texts = [text(i) for i in ids]  # in the order given
        self.by_text = dict(zip(self.texts, ids, strict=True))
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
    count = 0
    for part in split(connection, household_ids):
        for query in (household_query(part), member_query(part), fact_query(part, on)):
            count += len(connection.execute(query).all())
    return count


def _read(connection: Connection, catalog: Catalog, part: Part, on: date, batch: _Batch) -> None:
    """Append one part of the batch to the columns being gathered."""
    found = {
        text: (version, street, postcode)
        for text, version, street, postcode in connection.execute(household_query(part)).all()
    }
    index: dict[str, int] = {}
    rows, texts, household = batch.rows, batch.texts, batch.household
    for household_id, text in zip(part.given, part.texts, strict=True):
        row = found.get(text)  # None: gone since the ids were listed
        if row is not None:
            index[text] = position = len(rows)
            rows.append((household_id, row[0]))
            texts.append(text)
            for key, value in address_facts(row[1], row[2]).items():
                into = household.get(key)
                if into is None:
                    into = household[key] = ([], [])
                into[0].append(position)
                into[1].append(value)
    member_rows = _members(connection, catalog, part, index, batch)
    _facts(connection, catalog, part, on, index, member_rows, batch)


class _MemberRows:
    """The member row of each fact about a person: by person, and where one person is a member
    of two households of the part, by (household, person)."""

    def __init__(
        self,
        households: Sequence[str],
        persons: Sequence[str],
        picked: list[int],
        base: int,
        owners: np.ndarray,
    ) -> None:
        self.base = base
        self.owners = owners  # the household row of each member row from `base` on
        rows = range(base, base + len(picked))
        chosen = [persons[i] for i in picked]
        self.by_person: dict[str, int] | None = dict(zip(chosen, rows, strict=True))
        self.by_pair: dict[tuple[str, str], int] | None = None
        if len(self.by_person) < len(picked):
            self.by_person = None
            pairs = zip(picked, rows, strict=True)
            self.by_pair = {(households[i], persons[i]): row for i, row in pairs}

    def of(self, ids: list[str], persons: list[str], positions: np.ndarray) -> np.ndarray:
        """Member rows of facts (household id, person id, household row), -1 where none."""
        size = len(ids)
        if self.by_pair is not None:
            pairs = zip(ids, persons, strict=True)
            return np.fromiter(map(self.by_pair.get, pairs, repeat(-1)), np.int64, size)
        assert self.by_person is not None
        rows = np.fromiter(map(self.by_person.get, persons, repeat(-1)), np.int64, size)
        found = np.flatnonzero(rows >= 0)
        # A tuple key per fact cost more than this check that the person is of its household.
        other = found[self.owners[rows[found] - self.base] != positions[found]]
        rows[other] = -1
        return rows


def _members(
    connection: Connection, catalog: Catalog, part: Part, index: dict[str, int], batch: _Batch
) -> _MemberRows:
    """Members in member order, numbered m1, m2, …; returns where facts about them go."""
    found = connection.execute(member_query(part)).all()
    first = len(batch.counts)
    batch.counts.extend([0] * len(index))
    if not found:
        return _MemberRows([], [], [], batch.member_count, np.zeros(0, dtype=np.int64))
    households, persons, roles, births = zip(*found, strict=True)
    positions = np.fromiter(map(index.get, households, repeat(-1)), np.int64, len(found))
    # Stable: members keep their order within a household (the query orders them).
    order = np.argsort(positions, kind="stable")
    order = order[positions[order] >= 0]  # households of a range read that were not asked for
    positions = positions[order]
    counts = np.bincount(positions - first, minlength=len(index))
    batch.counts[first:] = counts.tolist()
    base = batch.member_count
    batch.member_count += len(order)
    picked = order.tolist()
    member_rows = _MemberRows(households, persons, picked, base, positions)
    role_rows, role_values = batch.members.setdefault("role", ([], []))
    role_rows.extend(range(base, base + len(picked)))
    role_values.extend(np.array(roles, dtype=object)[order].tolist())
    if "birth_date" in catalog.facts:
        days = np.array(births, dtype=object)[order]
        dated = np.flatnonzero(np.not_equal(days, None))
        if len(dated):
            birth_rows, birth_values = batch.members.setdefault("birth_date", ([], []))
            birth_rows.extend((dated + base).tolist())
            birth_values.extend(days[dated].tolist())
    return member_rows


def _facts(
    connection: Connection,
    catalog: Catalog,
    part: Part,
    on: date,
    index: dict[str, int],
    member_rows_of: _MemberRows,
    batch: _Batch,
) -> None:
    """Append the part's facts to the columns, key by key (whole columns, not row by row:
    a loop over a million fact rows cost more than reading them)."""
    # fetchall: one call into the driver instead of one per row (a third of the read time).
    found = connection.execute(fact_query(part, on)).all()
    if not found:
        return
    size = len(found)
    ids, persons, keys, kinds = (list(map(itemgetter(i), found)) for i in range(4))
    usable = [
        key for key, fact in catalog.facts.items() if not fact.derived and key not in BUILT_IN
    ]
    code = {key: number for number, key in enumerate(usable)}
    key_codes = np.fromiter(map(code.get, keys, repeat(-1)), np.int64, size)
    positions = np.fromiter(map(index.get, ids, repeat(-1)), np.int64, size)
    member_rows = member_rows_of.of(ids, persons, positions)
    about_person = np.fromiter(map(is_not, persons, repeat(None)), bool, size)
    kind_codes = np.fromiter(map(KIND.get, kinds, repeat(len(KINDS))), np.int64, size)
    # The value is in the column its stored kind names; an unknown kind reads as a number.
    # Picked row by row at C speed: four whole object columns cost twice as much.
    values = list(map(getitem, found, map(VALUE_AT.get, kinds, repeat(VALUE_AT["number"]))))
    value = np.fromiter(values, object, size)
    given = np.fromiter(map(is_not, values, repeat(None)), bool, size)
    wanted = (key_codes >= 0) & (positions >= 0) & given
    order = np.flatnonzero(wanted)
    order = order[np.argsort(key_codes[order], kind="stable")]
    starts = np.flatnonzero(np.diff(key_codes[order], prepend=-1))
    for group in np.split(order, starts[1:]):
        if not len(group):
            continue
        key = usable[int(key_codes[group[0]])]
        fact = catalog.facts[key]
        natural = np.isin(kind_codes[group], [KIND[kind] for kind in NATURAL[fact.type]])
        # A conversion only situation_of knows: that household goes to the exact engine.
        batch.exact.extend(positions[group[~natural]].tolist())
        group = group[natural]
        if fact.about == "household":
            group = group[~about_person[group]]
            rows, target = positions[group], batch.household
        elif fact.about == "person":
            group = group[about_person[group] & (member_rows[group] >= 0)]
            rows, target = member_rows[group], batch.members
        else:
            continue
        if len(group):
            into_rows, into_values = target.setdefault(key, ([], []))
            into_rows.extend(rows.tolist())
            into_values.extend(value[group].tolist())


def fitting(catalog: Catalog, values: Values) -> Values:
    """Only the values the dictionary takes: numbers within bounds, known choices (numbers
    come back as floats, which is all the columns keep of them)."""
    kept: Values = {}
    for key, (rows, given) in values.items():
        fact = catalog.facts[key]
        if fact.type in ("number", "money"):
            # Decimals with a few places keep their order as floats, bounds included.
            numbers = np.array([float(v) for v in given], dtype=np.float64)
            fits = np.ones(len(numbers), dtype=bool)
            if fact.min is not None:
                fits &= numbers >= float(fact.min)
            if fact.max is not None:
                fits &= numbers <= float(fact.max)
            kept[key] = (np.asarray(rows, dtype=np.int64)[fits], numbers[fits])
            continue
        if fact.type != "choice":
            kept[key] = (rows, given)
            continue
        choices = fact.choices
        fits_list = [v in choices for v in given]
        if all(fits_list):
            kept[key] = (rows, given)
            continue
        fits = np.array(fits_list, dtype=bool)
        kept[key] = (
            np.asarray(rows, dtype=np.int64)[fits],
            np.array(given, dtype=object)[fits].tolist(),
        )
    return kept
