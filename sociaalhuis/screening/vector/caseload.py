"""A batch of households as columns: each base fact a column with a "known" mask.

Household facts are columns over households; member facts are columns over member rows
(all members of all households, in household order, then member order), with `owner` the
household row of each member row. Each base fact of each member slot has a bit in the
missing-fact bit sets (`Layout`), so "waiting for m2.birth_date" is one bit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from sociaalhuis.catalog.model import Catalog, FactDef
from sociaalhuis.eligibility.situation import Situation
from sociaalhuis.screening.vector.values import Col, Doubt, whole_or_infinite

# Known numbers beyond this go to the exact engine: floats would drift in their sums.
LARGEST = 1e8


class Layout:
    """Which bit of a missing-fact bit set stands for which base fact of which member slot."""

    def __init__(self, catalog: Catalog, slots: int) -> None:
        base = [f for f in catalog.facts.values() if not f.derived]
        self.household = [f.key for f in base if f.about == "household"]
        self.person = [f.key for f in base if f.about == "person"]
        self.household_bit = {key: i for i, key in enumerate(self.household)}
        self.person_bit = {key: i for i, key in enumerate(self.person)}
        self.slots = slots
        self.bits = len(self.household) + slots * len(self.person)
        self.words = max(1, (self.bits + 63) // 64)
        self._ranked: tuple[np.ndarray, np.ndarray] | None = None

    def bit(self, key: str, slot: int | None) -> int:
        if slot is None:
            return self.household_bit[key]
        return len(self.household) + slot * len(self.person) + self.person_bit[key]

    def names(self, row: np.ndarray, member_ids: Sequence[str]) -> tuple[str, ...]:
        """The fact names of one bit set, ordered as the engine orders missing facts."""
        household: list[str] = []
        members: list[str] = []
        for bit in np.flatnonzero(unpack(row[None, :])[0]).tolist():
            if bit < len(self.household):
                household.append(self.household[bit])
            else:
                slot, key = divmod(bit - len(self.household), len(self.person))
                members.append(f"{member_ids[slot]}.{self.person[key]}")
        return (*sorted(household), *sorted(members))

    def standard_names(self, rows: np.ndarray) -> list[tuple[str, ...]]:
        """`names` of many bit sets at once, for members named m1, m2, … in order."""
        if self._ranked is None:
            every = [
                *self.household,
                *(f"m{slot + 1}.{key}" for slot in range(self.slots) for key in self.person),
            ]
            # Sorting the columns once sorts every row: household facts first, then members.
            order = sorted(range(len(every)), key=lambda b: ("." in every[b], every[b]))
            ranked = np.array([every[b] for b in order], dtype=object)
            self._ranked = (ranked, np.array(order, dtype=np.int64))
        ranked, order = self._ranked
        lines, columns = np.nonzero(unpack(rows)[:, order])
        ends = np.cumsum(np.bincount(lines, minlength=len(rows))).tolist()
        names = ranked[columns].tolist()
        # Slices of one list: an array per line (np.split) cost more than the decoding.
        return [tuple(names[start:end]) for start, end in zip([0, *ends], ends, strict=False)]


def unpack(rows: np.ndarray) -> np.ndarray:
    """Bit sets [n, words] as booleans [n, bits], bit i of word w at column 64 w + i."""
    as_bytes = np.ascontiguousarray(rows).view(np.uint8).reshape(len(rows), -1)
    return np.unpackbits(as_bytes, axis=1, bitorder="little").astype(bool)


# fact key → (rows, values in engine form), as lists or arrays
Values = dict[str, tuple[list[int], list[Any]]]


class Caseload:
    """Base fact columns of a batch of households, and where each member row belongs.

    `member_ids` lists each household's member ids in order; `household` and `members` give
    each base fact's known values by household row and by member row (members numbered through
    all households in order). `exact` marks households to be evaluated by the exact engine.
    """

    def __init__(
        self,
        catalog: Catalog,
        member_ids: list[list[str]],
        household: Values,
        members: Values,
        exact: Sequence[int] = (),
        *,
        standard: bool = False,
    ) -> None:
        """`standard`: the caller vouches that every household's members are m1, m2, … ."""
        self.catalog = catalog
        self._shape(member_ids, standard)
        self.doubt = Doubt(self.size)
        self.doubt.rows[np.asarray(exact, dtype=np.int64)] = True
        self.household = {
            key: self.column(catalog.facts[key], *household.get(key, ([], [])), None)
            for key in self.layout.household
        }
        self.members = {
            key: self.column(catalog.facts[key], *members.get(key, ([], [])), self.slot)
            for key in self.layout.person
        }

    def _shape(self, member_ids: list[list[str]], standard: bool = False) -> None:
        self.size = len(member_ids)
        self.member_ids = member_ids
        counts = np.fromiter(map(len, member_ids), np.int64, self.size)
        self.owner = np.repeat(np.arange(self.size, dtype=np.int64), counts)
        self.starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
        self.counts = counts
        self.slot = np.arange(len(self.owner), dtype=np.int64) - np.repeat(self.starts, counts)
        self.layout = Layout(self.catalog, int(counts.max()) if self.size else 0)
        self.standard_ids = standard or all(
            ids == [f"m{i}" for i in range(1, len(ids) + 1)] for ids in member_ids
        )

    def bands(self) -> Iterator[tuple[np.ndarray, Caseload]]:
        """The batch split by household size, each part with the bit sets it needs, made
        only when asked for: a part's bit sets are most of its memory.

        A bit set is as wide as the largest household of the batch needs; most households
        are small, so their part works on a quarter of the words.
        """
        for low, high in BANDS:
            rows = np.flatnonzero((self.counts >= low) & (self.counts <= high))
            if len(rows):
                yield rows, self.subset(rows)

    def subset(self, rows: np.ndarray) -> Caseload:
        """The households at `rows` (in that order) as a caseload of their own."""
        part = Caseload.__new__(Caseload)
        part.catalog = self.catalog
        part._shape([self.member_ids[i] for i in rows.tolist()], self.standard_ids)
        # The member rows of each household at `rows`, in that order.
        counts = self.counts[rows]
        ends = np.cumsum(counts)
        members = np.repeat(self.starts[rows] - (ends - counts), counts) + np.arange(
            int(ends[-1]) if len(ends) else 0, dtype=np.int64
        )
        part.doubt = Doubt(part.size)
        part.doubt.rows[:] = self.doubt.rows[rows]
        part.household = {
            key: part.with_bits(key, col.take(rows), None) for key, col in self.household.items()
        }
        part.members = {
            key: part.with_bits(key, col.take(members), part.slot)
            for key, col in self.members.items()
        }
        return part

    @classmethod
    def from_situations(cls, catalog: Catalog, situations: Sequence[Situation]) -> Caseload:
        household: Values = {}
        members: Values = {}
        row = 0
        for index, situation in enumerate(situations):
            for key, value in situation.household.items():
                rows, values = household.setdefault(key, ([], []))
                rows.append(index)
                values.append(value)
            for _, facts in situation.members:
                for key, value in facts.items():
                    rows, values = members.setdefault(key, ([], []))
                    rows.append(row)
                    values.append(value)
                row += 1
        member_ids = [[member_id for member_id, _ in s.members] for s in situations]
        return cls(catalog, member_ids, household, members)

    def column(
        self,
        fact: FactDef,
        rows: list[int],
        values: list[Any],
        slots: np.ndarray | None,
    ) -> Col:
        """One base fact as a column: the given values known, every other row unknown."""
        size = self.size if slots is None else len(slots)
        owner = None if slots is None else self.owner
        known = np.zeros(size, dtype=bool)
        index = np.asarray(rows, dtype=np.int64)
        known[index] = True
        if np.count_nonzero(known) < len(index):
            # A fact stored twice (or an address fact and a stored one): the last one holds.
            last = np.sort(len(index) - 1 - np.unique(index[::-1], return_index=True)[1])
            index = index[last]
            values = [values[i] for i in last.tolist()]
        if fact.type in ("number", "money"):
            given = np.asarray(values, dtype=np.float64)
            lo = np.full(size, -np.inf if fact.min is None else float(fact.min))
            hi = np.full(size, np.inf if fact.max is None else float(fact.max))
            lo[index] = given
            hi[index] = given
            exact = whole_or_infinite(lo) & whole_or_infinite(hi)
            too_large = np.zeros(size, dtype=bool)
            too_large[index] = ~(np.abs(given) <= LARGEST)
            self.doubt.mark(too_large, owner)
            return Col("num", known, lo=lo, hi=hi, exact=exact)
        return Col(_kind(fact), known, val=fill(_kind(fact), size, index, values))

    def with_bits(self, key: str, col: Col, slots: np.ndarray | None) -> Col:
        """`col` waiting for its own fact wherever it is unknown (bits of this part's layout)."""
        unknown = ~col.known
        col.deps = self.unknown_bits(key, unknown, slots) if unknown.any() else None
        return col

    def unknown_bits(self, key: str, unknown: np.ndarray, slots: np.ndarray | None) -> np.ndarray:
        deps = np.zeros((len(unknown), self.layout.words), dtype=np.uint64)
        if slots is None:
            bit = self.layout.bit(key, None)
            deps[unknown, bit // 64] = np.uint64(1 << (bit % 64))
            return deps
        rows = np.flatnonzero(unknown)
        bits = np.array(
            [self.layout.bit(key, s) for s in range(self.layout.slots)], dtype=np.int64
        )[slots[rows]]
        deps[rows, bits // 64] = np.left_shift(np.uint64(1), (bits % 64).astype(np.uint64))
        return deps

    def missing(self, household: int, bits: np.ndarray) -> tuple[str, ...]:
        return self.layout.names(bits, self.member_ids[household])


# Household sizes screened together: the bit sets of a band are as wide as its largest size.
# Fewer bands mean fewer operations, larger ones more memory: every part of a condition is
# kept until the band is done, and (0, 3) took the bench's peak to 496 MB.
BANDS = ((0, 2), (3, 3), (4, 1 << 30))


def _kind(fact: FactDef) -> str:
    if fact.type == "bool":
        return "bool"
    if fact.type == "date":
        return "date"
    return "text"


def fill(kind: str, size: int, index: np.ndarray, values: Sequence[Any]) -> np.ndarray:
    """A value column of `kind` with `values` at `index` (dates as day ordinals)."""
    if kind == "bool":
        column = np.zeros(size, dtype=bool)
        column[index] = np.asarray(values, dtype=bool)
    elif kind == "date":
        column = np.zeros(size, dtype=np.int64)
        column[index] = np.fromiter((d.toordinal() for d in values), np.int64, len(values))
    else:
        column = np.empty(size, dtype=object)
        column[index] = list(values) if values else []
    return column


def scalar(value: Any) -> tuple[str, Any]:
    """A fixed value as (kind, column element): a date as its ordinal, a number as a float."""
    if isinstance(value, bool):
        return "bool", value
    if isinstance(value, Decimal | int | float):
        return "num", float(value)
    if isinstance(value, date):
        return "date", value.toordinal()
    return "text", value
