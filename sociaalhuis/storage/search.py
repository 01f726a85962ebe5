"""The household search index: words of names, streets and house numbers, and national numbers.

`search_terms` holds one row per (term, kind, household). A query word matches a term it is a
prefix of, so each word is one range scan on the table's key, and a household is found when
every word matches one of its terms. Text is folded the same way on both sides: lower case,
accents dropped (`Öztürk` is found as `ozturk`), split into letters-and-digits words, and a
number written with dots, dashes or slashes (`86.04.02-002.05`) kept as one run of digits.

The index is derived data: `keep_in_step` (an `after_flush` hook on every write session)
rewrites the terms of each household whose address, members or members' names and numbers
changed in the flush, so every service, and anything else writing through the ORM, keeps it
current. Bulk loaders that bypass the ORM call `rows_for` themselves.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, delete, exists, func, insert, select
from sqlalchemy import inspect as inspect_object
from sqlalchemy.orm import Session, aliased

from sociaalhuis.storage.models import Household, HouseholdMember, Person, SearchTerm

WORD = "word"
NATIONAL_NUMBER = "national_number"
MIN_NUMBER_DIGITS = 4  # a shorter run of digits is a house number, not part of a national number
MAX_TERM = 100
_NUMBER = re.compile(r"[\d./-]*\d[\d./-]*")
_PARTS = re.compile(r"[^\W_]+")
_BATCH = 500


def fold(text: str) -> str:
    """Lower case without accents: `Öztürk` → `ozturk`, `Straße` → `strasse`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a search text: the letters-and-digits parts of each space-separated chunk,
    or the digits of a chunk that is a number written with dots, dashes or slashes."""
    found: list[str] = []
    for chunk in fold(text).split():
        if _NUMBER.fullmatch(chunk):
            found.append(re.sub(r"\D", "", chunk))
        else:
            found.extend(_PARTS.findall(chunk))
    return [word[:MAX_TERM] for word in found]


def _indexed_words(text: str) -> set[str]:
    """Like `words`, plus each punctuated chunk joined up (`D'Hondt` → d, hondt, dhondt)."""
    terms = set(words(text))
    for chunk in fold(text).split():
        joined = "".join(_PARTS.findall(chunk))
        if joined:
            terms.add(joined[:MAX_TERM])
    return terms


def terms_for(
    street: str, house_number: str, people: Iterable[tuple[str, str, str | None]]
) -> set[tuple[str, str]]:
    """(kind, term) pairs of one household; `people` as (given name, family name, number)."""
    terms = {(WORD, term) for term in _indexed_words(f"{street} {house_number}")}
    for given, family, number in people:
        terms |= {(WORD, term) for term in _indexed_words(f"{given} {family}")}
        if number:
            terms.add((NATIONAL_NUMBER, number))
    return terms


def rows_for(
    household_id: uuid.UUID,
    street: str,
    house_number: str,
    people: Iterable[tuple[str, str, str | None]],
) -> list[dict[str, Any]]:
    """Rows of `search_terms` for one household, ready for a Core insert."""
    return [
        {"term": term, "kind": kind, "household_id": household_id}
        for kind, term in sorted(terms_for(street, house_number, people))
    ]


def matching(text: str, limit: int) -> Select[tuple[uuid.UUID]] | None:
    """Ids of households with a term for every word of `text`; None when it has no words.

    The longest word drives the scan (usually the most selective); each other word is an
    EXISTS on the household's own terms. At most `limit` ids, in the order of the first
    word's matching terms.
    """
    wanted = sorted(set(words(text)), key=len, reverse=True)
    if not wanted:
        return None
    first = aliased(SearchTerm)
    query = select(first.household_id).where(_prefix(first, wanted[0]))
    for word in wanted[1:]:
        other = aliased(SearchTerm)
        query = query.where(
            exists().where(other.household_id == first.household_id, _prefix(other, word))
        )
    return query.distinct().limit(limit)


def _prefix(terms: Any, word: str) -> ColumnElement[bool]:
    kinds = (
        (WORD, NATIONAL_NUMBER) if word.isdigit() and len(word) >= MIN_NUMBER_DIGITS else (WORD,)
    )
    condition = terms.term >= word
    after = _after(word)
    if after is not None:
        condition = condition & (terms.term < after)
    # The range is exact in code-point order (SQLite, PostgreSQL with the C collation); the
    # prefix test keeps the answer exact under a linguistic collation too.
    return condition & (func.substr(terms.term, 1, len(word)) == word) & terms.kind.in_(kinds)


def _after(prefix: str) -> str | None:
    """The smallest text above every text starting with `prefix` (None: there is none).

    Stays within letters and digits, which sort alike in every common collation, where
    punctuation such as `{` or `:` may be ignored.
    """
    for index in range(len(prefix) - 1, -1, -1):
        char = prefix[index]
        if char == "9":
            return prefix[:index] + "a"
        if char != "z":
            return prefix[:index] + chr(ord(char) + 1)
    return None


def refresh(connection: Connection, household_ids: Iterable[uuid.UUID]) -> None:
    """Rewrite the terms of these households from their current rows."""
    ids = list(dict.fromkeys(household_ids))
    table = SearchTerm.__table__
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        connection.execute(delete(table).where(table.c.household_id.in_(batch)))
        addresses = connection.execute(
            select(Household.id, Household.street, Household.house_number).where(
                Household.id.in_(batch)
            )
        ).all()
        people: dict[uuid.UUID, list[tuple[str, str, str | None]]] = {}
        query = (
            select(
                HouseholdMember.household_id,
                Person.given_name,
                Person.family_name,
                Person.national_number,
            )
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id.in_(batch))
        )
        for household_id, given, family, number in connection.execute(query):
            people.setdefault(household_id, []).append((given, family, number))
        rows = list(
            chain.from_iterable(
                rows_for(hid, street, number, people.get(hid, ()))
                for hid, street, number in addresses
            )
        )
        if rows:
            connection.execute(insert(table), rows)


def keep_in_step(session: Session, _flush_context: object) -> None:
    """`after_flush` hook: refresh the terms of every household this flush touched."""
    touched: set[uuid.UUID] = set()
    renamed: set[uuid.UUID] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Household):
            if obj in session.new or _changed(obj, ("street", "house_number")):
                touched.add(obj.id)
        elif isinstance(obj, HouseholdMember) and obj.household_id is not None:
            touched.add(obj.household_id)
        elif (
            isinstance(obj, Person)
            and obj not in session.new
            and _changed(obj, ("given_name", "family_name", "national_number"))
        ):
            renamed.add(obj.id)
    connection = session.connection()
    if renamed:
        query = select(HouseholdMember.household_id).where(HouseholdMember.person_id.in_(renamed))
        touched.update(connection.scalars(query))
    if touched:
        refresh(connection, sorted(touched))


def _changed(obj: object, names: Sequence[str]) -> bool:
    state = inspect_object(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def rebuild(connection: Connection) -> int:
    """Rebuild the whole index (after a change to how terms are made); returns households."""
    ids = list(connection.scalars(select(Household.id)))
    connection.execute(delete(SearchTerm.__table__))
    refresh(connection, ids)
    return len(ids)
