"""Demo data: deterministic for a seed, valid and realistic, loaded in one audited transaction."""

from __future__ import annotations

import json
import statistics
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from stdnum.be import nn

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases import national_number
from sociaalhuis.cases.households import VALUE_COLUMNS, HouseholdService, search_name
from sociaalhuis.demo.generator import DemoRows, generate
from sociaalhuis.demo.loader import is_demo, load
from sociaalhuis.demo.population import FACT_KEYS
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    DEELGEMEENTEN,
    LANGUAGES,
    MEMBER_ROLES,
    AuditEvent,
    Fact,
    Household,
    HouseholdMember,
    Person,
)

TODAY = date(2026, 11, 22)
VALUE_NAMES = ("value_bool", "value_number", "value_date", "value_text")


@pytest.fixture
def sqlite_db(tmp_path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{(tmp_path / 't.db').as_posix()}", create=True)
    yield database
    database.close()


@pytest.fixture
def system(sqlite_db: Database) -> Actor:
    with sqlite_db.write() as session:
        return ensure_user(session, "system", "Systeem", "system")


@pytest.fixture(scope="module")
def rows() -> DemoRows:
    """One larger data set for the distribution checks, generated once (about 0.2 s)."""
    return generate(2_000, 2026, today=TODAY)


def _age(birth: date) -> int:
    return TODAY.year - birth.year - ((TODAY.month, TODAY.day) < (birth.month, birth.day))


def _counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Household, Person, HouseholdMember, Fact)
        }


def _demo_events(db: Database) -> list[dict[str, Any]]:
    """The "demo.loaded" audit events as plain values (a read session expires its objects)."""
    with db.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == "demo.loaded")
        return [
            {
                "user_id": event.user_id,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "detail": json.loads(event.detail),
            }
            for event in session.scalars(query)
        ]


def _members_by_household(data: DemoRows) -> dict[Any, list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for member in data.members:
        grouped[member["household_id"]].append(member)
    return grouped


# -- generate -----------------------------------------------------------------------------


def test_same_seed_gives_the_same_rows() -> None:
    assert generate(200, 5, today=TODAY) == generate(200, 5, today=TODAY)


def test_another_seed_gives_other_rows() -> None:
    first, second = generate(200, 5, today=TODAY), generate(200, 6, today=TODAY)
    assert {h["id"] for h in first.households}.isdisjoint(h["id"] for h in second.households)
    assert [p["search_name"] for p in first.persons] != [p["search_name"] for p in second.persons]


def test_a_larger_set_starts_with_the_smaller_one() -> None:
    small, large = generate(50, 5, today=TODAY), generate(120, 5, today=TODAY)
    assert large.households[:50] == small.households
    assert large.persons[: len(small.persons)] == small.persons


def test_national_numbers_are_valid_unique_and_match_the_birth_date(rows: DemoRows) -> None:
    numbers = [p["national_number"] for p in rows.persons if p["national_number"]]
    assert len(numbers) == len(set(numbers))
    # A few people are not (yet) in the national register.
    assert 0 < len(rows.persons) - len(numbers) < 0.05 * len(rows.persons)
    for person in rows.persons:
        number = person["national_number"]
        if number:
            assert nn.is_valid(number), number
            assert nn.get_birth_date(number) == person["birth_date"], number
    serials = Counter(int(number[6:9]) % 2 for number in numbers)
    assert serials[0] > 0.4 * len(numbers) and serials[1] > 0.4 * len(numbers)


def test_serials_follow_the_sex_of_family_names_with_two_forms(rows: DemoRows) -> None:
    """Polish and Bulgarian family names have a female form: it goes with an even serial."""
    female_forms = ("ska", "ova")
    checked = 0
    for person in rows.persons:
        number, family = person["national_number"], person["family_name"]
        if number and family.endswith((*female_forms, "ski", "ov")):
            assert (int(number[6:9]) % 2 == 0) == family.endswith(female_forms), family
            checked += 1
    assert checked > 0


def test_addresses_are_in_the_three_deelgemeenten_of_herent(rows: DemoRows) -> None:
    assert {h["deelgemeente"] for h in rows.households} == set(DEELGEMEENTEN)
    for household in rows.households:
        assert household["postcode"] == "3020"
        assert household["street"] and household["house_number"]
        expected = f"{household['street']} {household['house_number']}".casefold()
        assert household["search_street"] == expected
    boxes = sum(h["box"] is not None for h in rows.households)
    assert 0.05 * len(rows.households) < boxes < 0.4 * len(rows.households)


def test_every_household_has_exactly_one_applicant_listed_first(rows: DemoRows) -> None:
    by_household = _members_by_household(rows)
    assert set(by_household) == {h["id"] for h in rows.households}
    for members in by_household.values():
        roles = [m["role"] for m in sorted(members, key=lambda m: m["position"])]
        assert roles[0] == "applicant" and roles.count("applicant") == 1
        assert set(roles) <= set(MEMBER_ROLES)
        assert roles.count("partner") <= 1
    persons = [m["person_id"] for m in rows.members]
    assert sorted(persons) == sorted(p["id"] for p in rows.persons)


def test_persons_carry_search_names_and_known_languages(rows: DemoRows) -> None:
    for person in rows.persons:
        assert person["search_name"] == search_name(person["given_name"], person["family_name"])
        assert person["language"] in LANGUAGES
        assert person["birth_date"] <= TODAY
        assert person["version"] == 1 and person["created_at"] == person["updated_at"]
    languages = Counter(p["language"] for p in rows.persons)
    assert languages["nl"] > 0.7 * len(rows.persons)
    assert languages["fr"] > 0 and languages["en"] > 0 and languages["other"] > 0


def test_the_mix_of_households_and_ages_is_realistic(rows: DemoRows) -> None:
    total = len(rows.households)
    shapes: Counter[str] = Counter()
    applicants = {m["person_id"] for m in rows.members if m["role"] == "applicant"}
    ages = {p["id"]: _age(p["birth_date"]) for p in rows.persons}
    for members in _members_by_household(rows).values():
        roles = Counter(m["role"] for m in members)
        applicant_age = next(ages[m["person_id"]] for m in members if m["role"] == "applicant")
        if len(members) == 1:
            shapes["elderly single" if applicant_age >= 65 else "single"] += 1
        elif roles["child"] and roles["partner"]:
            shapes["couple with children"] += 1
        elif roles["child"]:
            shapes["single parent"] += 1
        elif roles["partner"] and not roles["other"]:
            shapes["couple"] += 1
        if roles["other"]:
            shapes["with other"] += 1
    for shape, low, high in (
        ("single", 0.12, 0.35),
        ("elderly single", 0.08, 0.25),
        ("couple", 0.1, 0.3),
        ("couple with children", 0.12, 0.32),
        ("single parent", 0.06, 0.2),
        ("with other", 0.04, 0.2),
    ):
        assert low * total < shapes[shape] < high * total, (shape, shapes[shape])
    everyone = list(ages.values())
    assert 0.15 < sum(a < 18 for a in everyone) / len(everyone) < 0.35
    assert 0.1 < sum(a >= 65 for a in everyone) / len(everyone) < 0.3
    assert 0.02 < sum(a >= 80 for a in everyone) / len(everyone) < 0.1
    assert min(ages[p] for p in applicants) >= 18
    assert max(everyone) <= 103


def test_names_include_other_origins_and_scripts(rows: DemoRows) -> None:
    names = [f"{p['given_name']} {p['family_name']}" for p in rows.persons]
    non_ascii = [n for n in names if not n.isascii()]
    assert 0.02 * len(names) < len(non_ascii) < 0.3 * len(names)
    other_scripts = [n for n in names if any(ord(ch) >= 0x400 for ch in n)]
    assert 0 < len(other_scripts) < 0.02 * len(names)


def test_facts_are_typed_with_exactly_one_value_column(rows: DemoRows) -> None:
    member_roles = {m["person_id"]: m["role"] for m in rows.members}
    created = {h["id"]: h["created_at"] for h in rows.households}
    for fact in rows.facts:
        about, kind, choices = FACT_KEYS[fact["key"]]
        assert fact["kind"] == kind
        assert [name for name in VALUE_NAMES if fact[name] is not None] == [VALUE_COLUMNS[kind]]
        value = fact[VALUE_COLUMNS[kind]]
        if kind == "bool":
            assert isinstance(value, bool)
        elif kind == "money":
            assert isinstance(value, Decimal) and value >= 0 and value == round(value, 2)
        else:
            assert value in choices
        assert fact["evidence"] in ("statement", "document", "official")
        assert fact["recorded_at"] == fact["created_at"] == fact["updated_at"]
        assert created[fact["household_id"]] < fact["recorded_at"] < datetime.now(UTC)
        if about == "household":
            assert fact["person_id"] is None
        else:
            role = member_roles[fact["person_id"]]
            assert role != "child" or fact["key"] == "disability_recognised"
    evidence = Counter(f["evidence"] for f in rows.facts)
    assert min(evidence.values()) > 0.05 * len(rows.facts)


def test_some_facts_are_unknown(rows: DemoRows) -> None:
    per_household = Counter(f["key"] for f in rows.facts if f["person_id"] is None)
    for key in ("household_income", "tenure", "heating_fuel", "payment_difficulties"):
        known = per_household[key] / len(rows.households)
        assert 0.6 < known < 0.8, (key, known)


def test_rent_only_for_tenants(rows: DemoRows) -> None:
    facts = defaultdict(dict)
    for fact in rows.facts:
        if fact["person_id"] is None:
            facts[fact["household_id"]][fact["key"]] = fact
    with_rent = [f for f in facts.values() if "monthly_rent" in f]
    assert with_rent
    for household in with_rent:
        if "tenure" in household:
            assert household["tenure"]["value_text"] in ("private_rent", "social_rent")
        assert Decimal(150) <= household["monthly_rent"]["value_number"] <= Decimal(2_000)


def test_incomes_and_allowances_follow_the_situation(rows: DemoRows) -> None:
    income = {
        f["household_id"]: f["value_number"] for f in rows.facts if f["key"] == "household_income"
    }
    on_leefloon = {
        f["household_id"] for f in rows.facts if f["key"] == "leefloon" and f["value_bool"]
    }
    leefloon_incomes = [v for h, v in income.items() if h in on_leefloon]
    other_incomes = [v for h, v in income.items() if h not in on_leefloon]
    assert leefloon_incomes and statistics.median(leefloon_incomes) < Decimal(5_000)
    assert Decimal(20_000) < statistics.median(other_incomes) < Decimal(60_000)
    allowance = {
        (f["household_id"], f["person_id"]): f["value_bool"]
        for f in rows.facts
        if f["key"] == "verhoogde_tegemoetkoming"
    }
    leefloon_people = [
        (f["household_id"], f["person_id"])
        for f in rows.facts
        if f["key"] == "leefloon" and f["value_bool"]
    ]
    with_allowance = [allowance[p] for p in leefloon_people if p in allowance]
    assert sum(with_allowance) > 0.75 * len(with_allowance)
    overall = sum(allowance.values()) / len(allowance)
    assert 0.15 < overall < 0.6
    statuses = Counter(f["value_text"] for f in rows.facts if f["key"] == "employment_status")
    assert set(statuses) == set(FACT_KEYS["employment_status"][2])


def test_facts_carry_the_given_author() -> None:
    author = uuid.uuid4()
    data = generate(10, 1, recorded_by=author, today=TODAY)
    assert data.facts and {f["recorded_by_id"] for f in data.facts} == {author}


# -- load ---------------------------------------------------------------------------------


def test_load_writes_everything_with_one_audit_event(sqlite_db: Database, system: Actor) -> None:
    seen: list[tuple[int, int]] = []
    summary = load(
        sqlite_db, system, 200, 7, progress=lambda done, total: seen.append((done, total))
    )
    expected = generate(200, 7, recorded_by=system.user_id)
    assert summary == expected.summary()
    assert _counts(sqlite_db) == {
        "households": 200,
        "persons": summary.persons,
        "household_members": summary.members,
        "facts": summary.facts,
    }
    with sqlite_db.read() as session:
        ids = set(session.scalars(select(Household.id)))
        numbers = set(session.scalars(select(Person.national_number)))
    assert ids == {h["id"] for h in expected.households}
    assert numbers - {None} == {p["national_number"] for p in expected.persons} - {None}
    events = _demo_events(sqlite_db)
    assert len(events) == 1 and events[0]["user_id"] == system.user_id
    assert events[0]["entity_type"] == "database" and events[0]["entity_id"] is None
    assert events[0]["detail"]["households"] == 200 and events[0]["detail"]["seed"] == 7
    assert seen[0] == (0, 200) and seen[-1] == (200, 200)


def test_is_demo_after_a_load(sqlite_db: Database, system: Actor) -> None:
    assert not is_demo(sqlite_db)
    load(sqlite_db, system, 20, 1)
    assert is_demo(sqlite_db)


def test_loading_the_same_seed_again_is_refused(sqlite_db: Database, system: Actor) -> None:
    load(sqlite_db, system, 50, 3)
    before = _counts(sqlite_db)
    with pytest.raises(ValidationError) as caught:
        load(sqlite_db, system, 80, 3)
    assert caught.value.field == "seed"
    assert "already loaded" in caught.value.message
    assert _counts(sqlite_db) == before
    assert len(_demo_events(sqlite_db)) == 1


def test_another_seed_skips_national_numbers_already_taken(
    sqlite_db: Database, system: Actor
) -> None:
    load(sqlite_db, system, 100, 1)
    planned = generate(100, 2, recorded_by=system.user_id)
    # Someone registered by hand holds the number the second demo would give.
    victim = next(p for p in planned.persons if p["national_number"])
    taken = victim["national_number"]
    with sqlite_db.write() as session:
        session.execute(
            insert(Person.__table__),
            [{**victim, "id": uuid.uuid4(), "given_name": "Echte"}],
        )
    summary = load(sqlite_db, system, 100, 2)
    assert summary.households == 100
    with sqlite_db.read() as session:
        stored = dict(session.execute(select(Person.id, Person.national_number)).all())
    numbers = [n for n in stored.values() if n]
    assert len(numbers) == len(set(numbers)) and taken in numbers
    # Only the person whose number was taken got another one, same birth date and sex.
    changed = {p["id"] for p in planned.persons if stored[p["id"]] != p["national_number"]}
    assert changed == {victim["id"]}
    given = stored[victim["id"]]
    assert given is not None and nn.is_valid(given)
    assert nn.get_birth_date(given) == victim["birth_date"]
    assert int(given[6:9]) % 2 == int(taken[6:9]) % 2
    assert len(_demo_events(sqlite_db)) == 2


def test_a_failed_load_writes_nothing(sqlite_db: Database, system: Actor) -> None:
    def interrupt(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load(sqlite_db, system, 30, 9, progress=interrupt)
    assert set(_counts(sqlite_db).values()) == {0}
    assert not is_demo(sqlite_db)


def test_only_admins_and_the_system_load_demo_data(sqlite_db: Database) -> None:
    with sqlite_db.write() as session:
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    with pytest.raises(PermissionDenied):
        load(sqlite_db, worker, 10, 1)
    with pytest.raises(ValidationError):
        load(sqlite_db, Actor(worker.user_id, "x", "admin"), 0, 1)


def test_loaded_households_open_and_are_found(sqlite_db: Database, system: Actor) -> None:
    load(sqlite_db, system, 200, 11)
    expected = generate(200, 11, recorded_by=system.user_id)
    service = HouseholdService(sqlite_db)
    persons = {p["id"]: p for p in expected.persons}
    members = _members_by_household(expected)
    facts = Counter(f["household_id"] for f in expected.facts)
    for household in expected.households[:25]:
        view = service.get(system, household["id"])
        assert view.version == 1 and view.deelgemeente == household["deelgemeente"]
        assert len(view.members) == len(members[household["id"]])
        assert len(view.facts) == facts[household["id"]]
        applicant = persons[view.applicant.id]
        number = applicant["national_number"]
        assert view.applicant.national_number == (national_number.mask(number) if number else None)
        if number:
            revealed = service.reveal_national_number(system, household["id"], view.applicant.id)
            assert revealed == number
        for fact in view.facts:
            kind = FACT_KEYS[fact.key][1]
            assert isinstance(fact.value, {"bool": bool, "money": Decimal, "choice": str}[kind])
        found = service.find(system, f"{applicant['family_name']} {applicant['given_name']}")
        assert household["id"] in {summary.id for summary in found}
        by_street = service.find(system, f"{household['street']} {household['house_number']}")
        assert household["id"] in {summary.id for summary in by_street}
