"""What a curious insider types: SQL-like, look-alike and over-long text in every text field
and every search box of the services, on SQLite and PostgreSQL (issue 12, point 6).

`FIELDS` (hostile_fields.py) lists each text field a service takes, by the name its
ValidationError gives. For each, every hostile value is either stored and read back exactly
(or composed to NFC), or refused with a ValidationError naming that field and nothing
written; text a database cannot keep alike (NUL, control characters, unpaired surrogates) is
refused on both backends; over-long text is refused with the limit named, text at the limit
kept. After each value every table holds as many rows as before a refusal; after each field
the rows of the case next door are unchanged and `audit verify` is green. The searches, the
login and the audit trail's filters return what the same words typed plainly return, `%` and
`_` match nobody, and a pasted megabyte is cut, not run. One database per backend serves
all.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from hostile_fields import FIELDS, PARTNER, Field, build, household
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access import accounts, trail
from sociaalhuis.access.chain import verify
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.errors import ValidationError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.storage import search
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, User
from sociaalhuis.typed_text import as_typed
from tests.conftest import BACKENDS, POSTGRES_URL

# Typed into every field: short enough for the short ones, so each is stored and read back
# exactly wherever free text is allowed.
SQL_LIKE = (
    "'; DROP TABLE x; --",
    '" OR 1=1 --',
    "%",
    "_\\",
    "%' OR '1'='1",
    "$$ /* */ $b$",
    "O'Brien \\x00 NULL",
    "ΡауРаl ａｄｍｉｎ",  # Greek and Cyrillic look-alikes, full-width letters
    "e\u0301\u200b \u202eedoc\u202c",  # combining accent, zero width, right-to-left override
    "👨‍👩‍👧 🏠",
    "Robert'); DELETE FROM persons; --",
    "Donaudampfschifffahrtsgesellschaftskapitänswitwe",
)
MULTILINE = ("twee\nregels\tmet tab",)
# Refused everywhere: PostgreSQL cannot store NUL, SQLite would; a lone surrogate cannot be
# encoded at all; the other control characters print as nothing.
BROKEN = (
    "\x00",
    "\ud800",
    "bel\x07",
    "een lange tekst met \x00 erin",
    "een lange tekst met \ud800 erin",
)
# Typed only into the search boxes and the login, which are cheap to call.
MORE_SEARCHES = (
    "'; DROP TABLE households; --",
    "_",
    "\\",
    "' OR ''='",
    "$body$ SELECT 1 $body$",
    "--",
    "a\x00b",
    "%%",
    "__",
    "%_%",
    "*",
    "?",
    "[a-z]%",
)
OVERLONG = (10_000, 1_000_000)


def _postgres() -> Iterator[str]:
    admin_url = make_url(POSTGRES_URL)
    name = f"sh_hostile_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        # Hundreds of small commits: not waiting for each to reach the disk halves the run;
        # what is tested is what the server accepts, not that it survives a power cut.
        connection.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        for attempt in range(10):
            try:
                with admin.connect() as connection:
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                break
            except DBAPIError:
                time.sleep(0.2 * (attempt + 1))
        admin.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if request.param == "sqlite":
        folder: Path = tmp_path_factory.mktemp("hostile")
        urls: Iterator[str] = iter([f"sqlite:///{(folder / 'hostile.db').as_posix()}"])
    else:
        urls = _postgres()
    url = next(urls)
    db = Database.open(url, create=True)
    try:
        yield build(db, request.param)
    finally:
        db.close()
        for _ in urls:  # drops the PostgreSQL database
            pass


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its cheapest: the accounts rows are under test here, not the hashing."""
    monkeypatch.setattr(
        accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


def _outcomes(field: Field) -> list[tuple[str, str]]:
    """(value, expected) pairs: `keep` (stored exactly), `refuse`, or `either` (refused, or
    stored exactly)."""
    cases = []
    for value in SQL_LIKE:
        too_long = field.limit is not None and len(value) > field.limit
        cases.append((value, "refuse" if too_long else "keep" if field.free else "either"))
    for value in MULTILINE:
        if field.multiline:
            cases.append((value, "keep"))
        else:
            cases.append((value, "refuse" if field.free else "either"))
    cases += [(value, "refuse") for value in BROKEN]
    lengths = [n for n in OVERLONG if field.limit is None or n > field.limit + 1]
    if field.limit is not None:
        cases.append((field.at_limit(field.limit), "keep"))
        lengths.insert(0, field.limit + 1)
    cases += [("w" * n, "refuse") for n in lengths]
    return cases


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
def test_hostile_text_is_kept_exactly_or_refused_by_name(world, field, request, cheap_hashes):
    neighbour = world.neighbour_rows()
    request.addfinalizer(lambda: setattr(world, "counting", True))
    for value, expected in _outcomes(field):
        shown = repr(value[:40]) + (f"... ({len(value)} characters)" if len(value) > 40 else "")
        world.counting = expected != "keep"
        world.mark()
        try:
            stored = field.write(world, value)
        except ValidationError as error:
            assert expected != "keep", f"{shown} refused: {error.message[:200]}"
            assert error.field == field.field, f"{shown}: {error.message[:200]}"
            if field.limit is not None and len(value) > field.limit:
                assert str(field.limit) in error.reason, error.message[:200]
            assert world.counts() == world.before, f"{shown} refused, yet rows were written"
            continue
        assert expected != "refuse", f"{shown} was accepted, stored as {stored!r:.60}"
        # Kept exactly, or as typed where the service composes text to NFC (`e` + accent is
        # `é`: names, addresses, notes); passwords, fact values and the like stay exactly.
        assert stored in (value, as_typed(value)), f"{shown} came back as {stored!r:.60}"
    assert world.neighbour_rows() == neighbour
    report = verify(world.db)
    assert report.sound, report


def test_text_that_grows_in_lower_case_is_refused_not_cut_by_the_database(world):
    """`ß` lower-cases to `ss`: the search columns beside the names would overflow."""
    service = HouseholdService(world.db)
    for data, field in (
        (household(street="ß" * 150), "address.street"),
        (household(given="ß" * 200, family="ß" * 200), "members[0].given_name"),
    ):
        world.mark()
        with pytest.raises(ValidationError) as refused:
            service.create(world.lead, data)
        assert refused.value.field == field
        assert world.counts() == world.before


# -- searches ------------------------------------------------------------------------------


def _plain(value: str) -> str:
    """The words of a search text with everything else made a space."""
    return "".join(c if c.isalnum() else " " for c in value)


SEARCHES = (*SQL_LIKE, *MULTILINE, *BROKEN, *MORE_SEARCHES)
QUICK = 3.0  # seconds; a cut search takes milliseconds, a megabyte scanned takes far longer


def _timed(call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = call()
    assert time.perf_counter() - started < QUICK
    return result


def test_household_search_treats_sql_and_wildcards_as_plain_text(world):
    service = HouseholdService(world.db)
    for value in SEARCHES:
        before = world.counts()
        found = service.find(world.lead, value)
        assert [h.id for h in found] == [h.id for h in service.find(world.lead, _plain(value))]
        if not _plain(value).split():
            assert found == [], f"{value!r} is no word, yet it matched"
        after = world.counts()
        # A search writes its own audit event (and its outbox row) and nothing else.
        trail = ("audit_events", "sync_outbox", "sync_site")
        assert {k: v for k, v in after.items() if k not in trail} == {
            k: v for k, v in before.items() if k not in trail
        }
        assert (
            after["sync_outbox"] - before["sync_outbox"]
            == after["audit_events"] - before["audit_events"]
        )
    for wildcard in ("%", "_", "%%", "\\", "%' OR '1'='1"):
        assert "Vermeulen, Jozef" not in {
            h.applicant_name for h in service.find(world.lead, wildcard)
        }
    assert verify(world.db).sound


def test_household_search_cuts_pasted_text(world):
    service = HouseholdService(world.db)
    sarah = {world.case}
    for size in (search.MAX_SEARCH_CHARS + 1, 10_000, 1_000_000):
        assert _timed(lambda n=size: service.find(world.lead, "x" * n)) == []
        assert _timed(lambda n=size: service.find(world.lead, "é" * n)) == []
    padded = "Janssens" + " " * search.MAX_SEARCH_CHARS + "Qqqqqq" * 100_000
    assert {h.id for h in _timed(lambda: service.find(world.lead, padded))} == sarah
    many = "Janssens Sarah Veltemdorp 7 S J V Veltem " + " ".join(f"qq{i}" for i in range(100_000))
    assert {h.id for h in _timed(lambda: service.find(world.lead, many))} == sarah
    repeated = "Janssens " * 200_000
    assert {h.id for h in _timed(lambda: service.find(world.lead, repeated))} == sarah
    assert verify(world.db).sound


def test_directory_search_treats_sql_and_wildcards_as_plain_text(world):
    service = DirectoryService(world.db)
    for value in SEARCHES:
        found = service.find(world.lead, value)
        assert found == service.find(world.lead, _plain(value)), value
    assert [hit.organisation_name for hit in service.find(world.lead, "CAW")][:1] == [PARTNER]
    dropped = service.find(world.lead, "'; DROP")
    assert dropped and PARTNER not in {hit.label for hit in dropped if hit.service_id is None}


def test_directory_search_cuts_pasted_text(world):
    service = DirectoryService(world.db)
    for size in (search.MAX_SEARCH_CHARS + 1, 10_000, 1_000_000):
        assert _timed(lambda n=size: service.find(world.lead, "x" * n)) == []
    padded = "CAW" + " " * search.MAX_SEARCH_CHARS + "qqqq " * 200_000
    assert PARTNER in {
        hit.organisation_name for hit in _timed(lambda: service.find(world.lead, padded))
    }
    words = "CAW " + " ".join(f"qq{i}" for i in range(200_000))
    assert _timed(lambda: service.find(world.lead, words)) == []  # the second word counts


@pytest.mark.parametrize("name", ["user name", "password"])
def test_a_hostile_login_is_refused_like_a_wrong_password(world, name, request, cheap_hashes):
    users = world.counts()["users"]
    for value in (*SEARCHES, "w" * 10_000, "w" * 1_000_000):
        username, password = (
            (value, "een goed wachtwoord") if name == "user name" else (world.name(), value)
        )  # a new name for every password: a locked name would not check it at all
        with pytest.raises(accounts.LoginRefused) as refused:
            _timed(lambda u=username, p=password: accounts.authenticate(world.db, u, p))
        assert refused.value.reason in ("credentials", "locked")
    assert world.counts()["users"] == users
    with world.db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == users
    assert verify(world.db).sound


def test_audit_trail_filters_take_hostile_text_as_a_name_nobody_has(world, request):
    """Found nothing, or refused naming the filter; never a database error."""
    for value in (*SEARCHES, "w" * 10_000, "w" * 1_000_000):
        for name in ("user", "action"):
            try:
                found = _timed(lambda n=name, v=value: trail.browse(world.db, world.lead, **{n: v}))
            except ValidationError as refused:
                assert refused.field == name
            else:
                assert found == []
    with world.db.read() as session:
        longest = session.scalar(select(func.max(func.length(AuditEvent.detail))))
    assert longest < 10_000, "a filter's text went into the audit trail whole"
    assert verify(world.db).sound
