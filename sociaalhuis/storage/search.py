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

`ranked` finds households best first: a member's national number typed in full, then a
member's name holding every word whole, then words that start terms, then, only when those
leave room, words within a typo or two of a term. A search text is cut to `MAX_SEARCH_CHARS`
characters and `MAX_SEARCH_WORDS` words first, so no input runs a query larger than that.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import chain
from typing import Any

from rapidfuzz.distance import OSA
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    true,
)
from sqlalchemy import inspect as inspect_object
from sqlalchemy.orm import Session

from sociaalhuis.storage.models import Household, HouseholdMember, Person, SearchTerm
from sociaalhuis.typed_text import as_typed

WORD = "word"
NATIONAL_NUMBER = "national_number"
MIN_NUMBER_DIGITS = 4  # a shorter run of digits is a house number, not part of a national number
MAX_TERM = 100
# A search box needs a name and an address at most; anything longer is cut, never run, so a
# pasted page cannot make a query with hundreds of joins.
MAX_SEARCH_CHARS = 100
MAX_SEARCH_WORDS = 8
NATIONAL_NUMBER_DIGITS = 11
# Ranks of a household in a search result, best first.
RANK_NATIONAL_NUMBER = 0
RANK_NAME = 1
RANK_PREFIX = 2
RANK_ONE_TYPO = 3  # one word a typo away, the others as typed
RANK_TYPOS = 4  # several words a typo away each
RANK_TWO_TYPOS = 5  # a long word two typos away
MIN_TYPO_LETTERS = 4  # shorter words have too many neighbours one typo away
TWO_TYPOS_LETTERS = 8  # words this long may have two typos, shorter ones one
MAX_NEAR_TERMS = 100  # nearest terms per misspelt word, to keep the IN list small
MAX_CANDIDATE_TERMS = 5_000  # distinct terms read per two-letter start, a bound on the walk
# Search queries are built on the Core table and on aliases made once: building an ORM alias,
# or any alias, per query cost more than running the query.
_TERMS = SearchTerm.__table__
_TERM_ALIASES = tuple(_TERMS.alias(f"t{index}") for index in range(MAX_SEARCH_WORDS))
Match = Callable[[Any], ColumnElement[bool]]
_NUMBER = re.compile(r"[\d./-]*\d[\d./-]*")
_PARTS = re.compile(r"[^\W_]+")
_BATCH = 500


def fold(text: str) -> str:
    """Lower case without accents: `Öztürk` → `ozturk`, `Straße` → `strasse`; Arabic as typed
    (`as_typed`), so a name pasted from a PDF finds the name stored."""
    decomposed = unicodedata.normalize("NFKD", as_typed(text).casefold())
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


def query_words(text: str) -> list[str]:
    """The distinct words of a search text cut to `MAX_SEARCH_CHARS` characters, then to
    `MAX_SEARCH_WORDS` words: whatever is pasted, a search is a handful of index scans."""
    return list(dict.fromkeys(words(text[:MAX_SEARCH_CHARS])))[:MAX_SEARCH_WORDS]


def ranked(session: Session, wanted: Sequence[str], limit: int) -> dict[uuid.UUID, int]:
    """At most `limit` ids of households matching the words `wanted` (from `query_words`),
    best rank first, each with its rank as far as the index tells it.

    RANK_NAME means every word equals one of the household's terms; `member_rank` says whether
    one member's name holds them all. When a rank has more households than fit, those first in
    the index are taken. Typos are looked for only when better matches leave room.
    """
    found: dict[uuid.UUID, int] = {}
    longest = sorted(wanted, key=len, reverse=True)
    for number in (w for w in longest if _is_national_number(w)):
        others = [_prefix_of(word) for word in longest if word != number]
        query = _all(_national_number_of(number), others)
        _take(session, found, query, RANK_NATIONAL_NUMBER, limit)
    exact = _all(_equal_to(longest[0]), [_equal_to(word) for word in longest[1:]])
    _take(session, found, exact, RANK_NAME, limit)
    prefix = _all(_prefix_of(longest[0]), [_prefix_of(word) for word in longest[1:]])
    _take(session, found, prefix.distinct(), RANK_PREFIX, limit)
    if len(found) < limit:
        _take_approximate(session, found, longest, limit)
    return found


def _take_approximate(
    session: Session, found: dict[uuid.UUID, int], longest: Sequence[str], limit: int
) -> None:
    """Add households where each word starts a term or is a typo away from one: a typo in one
    word first, then one in each of several words, then two in a long word."""
    starts = {word[:2] for word in longest if _may_be_misspelt(word)}
    candidates = {start: _terms_starting(session, start) for start in sorted(starts)}
    near = {
        word: _near_terms(word, candidates[word[:2]]) for word in longest if _may_be_misspelt(word)
    }
    one_typo = {word: [t for t, d in terms.items() if d == 1] for word, terms in near.items()}
    for word, terms in one_typo.items():
        if terms:  # that word drives the scan: few households have its near terms
            others = [_prefix_of(other) for other in longest if other != word]
            query = _all(_one_of(terms), others).distinct()
            _take(session, found, query, RANK_ONE_TYPO, limit)
    if sum(1 for terms in one_typo.values() if terms) > 1:
        _take_near(session, found, longest, near, 1, RANK_TYPOS, limit)
    if any(distance == 2 for terms in near.values() for distance in terms.values()):
        _take_near(session, found, longest, near, 2, RANK_TWO_TYPOS, limit)


def _take_near(
    session: Session,
    found: dict[uuid.UUID, int],
    longest: Sequence[str],
    near: dict[str, dict[str, int]],
    edits: int,
    rank: int,
    limit: int,
) -> None:
    """Add households where each word starts a term or is at most `edits` typos from one."""
    matches = [_prefix_or_near(word, near.get(word, {}), edits) for word in longest]
    _take(session, found, _all(matches[0], matches[1:]).distinct(), rank, limit)


def member_rank(wanted: Sequence[str], people: Iterable[tuple[str, str, str | None]]) -> int:
    """RANK_NATIONAL_NUMBER when a word is a member's national number, RANK_NAME when one
    member's name holds every word whole, else RANK_PREFIX; `people` as in `terms_for`."""
    members = list(people)
    if any(number in wanted for _given, _family, number in members if number):
        return RANK_NATIONAL_NUMBER
    if any(set(wanted) <= _indexed_words(f"{given} {family}") for given, family, _ in members):
        return RANK_NAME
    return RANK_PREFIX


def typo_distance(word: str, term: str) -> int | None:
    """The typo distance between a query word and a term, or None when they are too far apart.

    Optimal string alignment (a swap of two letters is one edit) against the whole term and
    against its start as long as the word, so a misspelt word is found while still typing.
    """
    allowed = _allowed_edits(word)
    whole = OSA.distance(word, term, score_cutoff=allowed)
    start = OSA.distance(word, term[: len(word)], score_cutoff=allowed)
    distance = min(whole, start)
    return distance if distance <= allowed else None


def _all(first_match: Match, other_matches: Sequence[Match]) -> Select[tuple[uuid.UUID]]:
    """Households with a term for `first_match` (the scan) and one for each other match."""
    first = _TERM_ALIASES[0]
    query = select(first.c.household_id).where(first_match(first))
    for other, match in zip(_TERM_ALIASES[1:], other_matches, strict=False):
        own = exists().where(other.c.household_id == first.c.household_id, match(other))
        # `IS TRUE` keeps each EXISTS a lookup per scanned household, as on SQLite: PostgreSQL
        # would make a bare EXISTS a join, and spend longer ordering eight joins than on
        # running them.
        query = query.where(own.is_(true()))
    return query


def _take(
    session: Session,
    found: dict[uuid.UUID, int],
    query: Select[tuple[uuid.UUID]],
    rank: int,
    limit: int,
) -> None:
    """Add the ids `query` finds that are not found yet, up to `limit` in all."""
    room = limit - len(found)
    if room <= 0:
        return
    household_id = query.selected_columns[0]
    if found:
        query = query.where(household_id.not_in(list(found)))
    # A household can come back twice from a query without DISTINCT (a word and a national
    # number alike); asking for one row more per such pair is not worth it.
    for hid in session.scalars(query.limit(room)):
        found.setdefault(hid, rank)


def _prefix_of(word: str) -> Match:
    return lambda terms: _prefix(terms, word)


def _equal_to(word: str) -> Match:
    return lambda terms: (terms.c.term == word) & terms.c.kind.in_(_kinds(word))


def _national_number_of(number: str) -> Match:
    return lambda terms: (terms.c.term == number) & (terms.c.kind == NATIONAL_NUMBER)


def _one_of(terms: Sequence[str]) -> Match:
    return lambda t: t.c.term.in_(terms) & (t.c.kind == WORD)


def _prefix_or_near(word: str, near: dict[str, int], edits: int) -> Match:
    terms = [term for term, distance in near.items() if distance <= edits]
    if not terms:
        return _prefix_of(word)
    return lambda t: _prefix(t, word) | (t.c.term.in_(terms) & (t.c.kind == WORD))


def _is_national_number(word: str) -> bool:
    return len(word) == NATIONAL_NUMBER_DIGITS and word.isdigit()


def _may_be_misspelt(word: str) -> bool:
    return len(word) >= MIN_TYPO_LETTERS and word.isalpha()


def _allowed_edits(word: str) -> int:
    return 1 if len(word) < TWO_TYPOS_LETTERS else 2


def _terms_starting(session: Session, start: str) -> list[str]:
    """The distinct terms starting with `start` (two letters), at most `MAX_CANDIDATE_TERMS`.

    A loose index scan (`_walk`): each step seeks the next term above the last one, so the
    cost follows the number of distinct terms, not the (hundred times larger) number of rows
    that share the start, and no pass is made over the whole index.
    """
    after = _after(start)
    # Past the last letter there is no next start; "\uffff" sorts above any folded name.
    found = session.scalars(_walk(), {"start": start, "end": after or f"{start}\uffff"})
    # Under a linguistic collation the range may hold other texts; keep what truly starts so.
    return [term for term in found if term.startswith(start)]


@cache
def _walk() -> Select[tuple[str]]:
    """The distinct terms from `:start` up to `:end`, made once: building it per keystroke took
    ten times as long as running it."""
    term = _TERMS.c.term
    end = bindparam("end")
    first = select(func.min(term)).where(term >= bindparam("start"), term < end)
    walk = select(first.scalar_subquery().label("term")).cte("walk", recursive=True)
    following = select(func.min(term)).where(term > walk.c.term, term < end)
    walk = walk.union_all(
        select(following.scalar_subquery().label("term")).where(walk.c.term.is_not(None))
    )
    return select(walk.c.term).where(walk.c.term.is_not(None)).limit(MAX_CANDIDATE_TERMS)


def _near_terms(word: str, candidates: Iterable[str]) -> dict[str, int]:
    """The candidates a typo or two away from `word` (not starting with it) and their
    distance, nearest first, at most `MAX_NEAR_TERMS`."""
    scored = []
    for term in candidates:
        if term.startswith(word):
            continue  # a prefix match, found already
        distance = typo_distance(word, term)
        if distance is not None:
            scored.append((distance, abs(len(term) - len(word)), term))
    return {term: distance for distance, _, term in sorted(scored)[:MAX_NEAR_TERMS]}


def _prefix(terms: Any, word: str) -> ColumnElement[bool]:
    condition = terms.c.term >= word
    after = _after(word)
    if after is not None:
        condition = condition & (terms.c.term < after)
    # The range is exact in code-point order (SQLite, PostgreSQL with the C collation); the
    # prefix test keeps the answer exact under a linguistic collation too.
    return (
        condition
        & (func.substr(terms.c.term, 1, len(word)) == word)
        & terms.c.kind.in_(_kinds(word))
    )


def _kinds(word: str) -> tuple[str, ...]:
    if word.isdigit() and len(word) >= MIN_NUMBER_DIGITS:
        return (WORD, NATIONAL_NUMBER)
    return (WORD,)


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
