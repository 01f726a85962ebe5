"""Concurrent edits lose nothing: two writers start from the same version, exactly one wins and
the other gets ConflictError, for a person shared by two households, an address, a membership
role and a fact (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from builders import household, person, single
from sqlalchemy import select

from sociaalhuis.cases.households import HouseholdService, household_view, load_household
from sociaalhuis.cases.records import (
    FactInput,
    HouseholdInput,
    HouseholdView,
    MemberInput,
    PersonInput,
)
from sociaalhuis.errors import ConflictError
from sociaalhuis.storage.models import Person

ROUNDS = 250  # per kind: 4 kinds make 1,000 attempts, each with two writers
ROLES = ("partner", "other")


def as_input(view: HouseholdView, **changes: object) -> HouseholdInput:
    """What a screen showing `view` sends back, with the versions it was loaded at;
    `changes` go to the member with the given `person_id`, or to the address."""
    target = changes.pop("person_id", None)
    role = changes.pop("role", None)
    members = []
    for member in view.members:
        p = member.person
        data = PersonInput(
            p.given_name,
            p.family_name,
            p.birth_date,
            p.national_number,  # masked: keeps the stored number
            p.language,
            p.phone,
            p.email,
            p.id,
            version=p.version,
        )
        if p.id == target:
            data = replace(data, **changes)
        new_role = role if role is not None and member.role != "applicant" else member.role
        members.append(MemberInput(data, new_role, member.version))
    base = household(
        *members,
        street=view.street,
        number=view.house_number,
        deelgemeente=view.deelgemeente,
    )
    if target is None and changes:
        base = replace(base, address=replace(base.address, **changes))
    return base


def race(writers: list[Callable[[], object]], pool: ThreadPoolExecutor) -> list[object]:
    """Run the writers at the same moment; each outcome is the result or the ConflictError."""
    barrier = threading.Barrier(len(writers))

    def run(write: Callable[[], object]) -> object:
        barrier.wait(timeout=30)
        try:
            return write()
        except ConflictError as exc:
            return exc

    return [f.result(timeout=60) for f in [pool.submit(run, w) for w in writers]]


@pytest.fixture
def tally() -> Counter[str]:
    return Counter()


def settle(tally: Counter[str], values: list[object], outcomes: list[object], final: object):
    """Count one round: a winner whose value is not what is stored is a lost update."""
    tally["attempts"] += 1
    for value, outcome in zip(values, outcomes, strict=True):
        if isinstance(outcome, ConflictError):
            tally["conflicts"] += 1
            # No version known: refused by the UPDATE itself, the other unit having committed
            # after this one loaded (the race the version check alone would miss).
            tally["refused_at_update"] += outcome.actual_version is None
        else:
            tally["saved"] += 1
            tally["lost"] += value != final


def fresh(db, household_id) -> HouseholdView:
    """The household as stored, read without the audited open (faster, and writes nothing)."""
    with db.read() as session:
        return household_view(load_household(session, household_id))


def stored_phone(db, person_id) -> str | None:
    with db.read() as session:
        return session.scalar(select(Person.phone).where(Person.id == person_id))


def two_households_sharing_a_person(service, actor) -> tuple[HouseholdView, HouseholdView]:
    """Jozef, applicant in his own household and a member of Mira's."""
    first = service.create(actor, single())
    jozef = first.applicant
    second = service.create(
        actor,
        household(
            MemberInput(person("Mira", "Claes", date(1990, 2, 3), 41), "applicant"),
            MemberInput(
                PersonInput(
                    jozef.given_name,
                    jozef.family_name,
                    jozef.birth_date,
                    jozef.national_number,
                    person_id=jozef.id,
                    version=jozef.version,
                ),
                "other",
            ),
            number="3",
        ),
    )
    return first, second


def test_no_update_is_lost_when_two_workers_save_the_same_version(db, actor, tally):
    service = HouseholdService(db)
    first, second = two_households_sharing_a_person(service, actor)
    shared = first.applicant.id
    pair = service.create(
        actor,
        household(
            MemberInput(person("Ann", "Wouters", date(1970, 5, 6), 51), "applicant"),
            MemberInput(person("Tom", "Wouters", date(1971, 7, 8), 53), "partner"),
            number="9",
        ),
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        for round_ in range(ROUNDS):
            # A person in two households, each writer in its own household.
            one, two = fresh(db, first.id), fresh(db, second.id)
            values = [f"016 {round_:04d} 01", f"016 {round_:04d} 02"]
            outcomes = race(
                [
                    lambda h=one, v=values[0]: service.update(
                        actor, h.id, h.version, as_input(h, person_id=shared, phone=v)
                    ),
                    lambda h=two, v=values[1]: service.update(
                        actor, h.id, h.version, as_input(h, person_id=shared, phone=v)
                    ),
                ],
                pool,
            )
            settle(tally, values, outcomes, stored_phone(db, shared))

            # The address of one household.
            home = fresh(db, pair.id)
            values = [f"{round_ + 1}a", f"{round_ + 1}b"]
            outcomes = race(
                [
                    lambda v=v, h=home: service.update(
                        actor, h.id, h.version, as_input(h, house_number=v)
                    )
                    for v in values
                ],
                pool,
            )
            home = fresh(db, pair.id)
            settle(tally, values, outcomes, home.house_number)

            # A membership's role.
            values = [ROLES[round_ % 2], ROLES[(round_ + 1) % 2]]
            outcomes = race(
                [
                    lambda v=v, h=home: service.update(actor, h.id, h.version, as_input(h, role=v))
                    for v in values
                ],
                pool,
            )
            home = fresh(db, pair.id)
            settle(tally, values, outcomes, home.members[1].role)

            # A fact of the household.
            values = [Decimal(2 * round_), Decimal(2 * round_ + 1)]
            outcomes = race(
                [
                    lambda v=v, h=home: service.record_facts(
                        actor, h.id, h.version, [FactInput("rent", "money", v)]
                    )
                    for v in values
                ],
                pool,
            )
            home = fresh(db, pair.id)
            settle(tally, values, outcomes, next(f.value for f in home.facts if f.key == "rent"))

    print(f"\n{db.engine.dialect.name}: {dict(tally)}")
    assert tally["attempts"] == 4 * ROUNDS
    assert tally["lost"] == 0
    # Every round: exactly one writer won, the other was told.
    assert (tally["saved"], tally["conflicts"]) == (4 * ROUNDS, 4 * ROUNDS)


def test_a_stale_person_version_from_another_household_is_a_conflict(db, actor):
    service = HouseholdService(db)
    first, second = two_households_sharing_a_person(service, actor)
    shared = first.applicant
    first = fresh(db, first.id)
    service.update(
        actor, first.id, first.version, as_input(first, person_id=shared.id, phone="016 11")
    )
    with pytest.raises(ConflictError) as caught:
        service.update(
            actor, second.id, second.version, as_input(second, person_id=shared.id, phone="016 22")
        )
    assert (caught.value.entity, caught.value.entity_id) == ("person", shared.id)
    assert stored_phone(db, shared.id) == "016 11"
    # Reloaded, the same change goes through.
    second = fresh(db, second.id)
    service.update(
        actor, second.id, second.version, as_input(second, person_id=shared.id, phone="016 22")
    )
    assert stored_phone(db, shared.id) == "016 22"


def test_a_stale_membership_version_is_a_conflict(db, actor):
    service = HouseholdService(db)
    pair = service.create(
        actor,
        household(
            MemberInput(person("Ann", "Wouters", date(1970, 5, 6), 51), "applicant"),
            MemberInput(person("Tom", "Wouters", date(1971, 7, 8), 53), "partner"),
        ),
    )
    moved = service.update(actor, pair.id, pair.version, as_input(pair, role="other"))
    stale = replace(
        as_input(moved, role="child"),
        members=tuple(
            replace(m, version=old.version)
            for m, old in zip(as_input(moved, role="child").members, pair.members, strict=True)
        ),
    )
    with pytest.raises(ConflictError) as caught:
        service.update(actor, pair.id, moved.version, stale)
    assert caught.value.entity == "membership"
    assert fresh(db, pair.id).members[1].role == "other"
