"""Household service: create, open, change, find; validation; audit; optimistic locking."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from builders import family, household, person, single
from sqlalchemy import func, select

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import FactInput, MemberInput
from sociaalhuis.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.storage.models import AuditEvent, Household, Person


def counts(db) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(cls)) or 0
            for cls in (Household, Person, AuditEvent)
        )


def test_create_and_open_a_household(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, family())
    opened = service.get(actor, created.id)
    assert opened == created
    assert opened.version == 1
    assert opened.applicant.full_name == "Sarah Janssens"
    assert [m.role for m in opened.members] == ["applicant", "partner", "child"]
    assert opened.members[1].person.family_name == "Öztürk"
    assert opened.deelgemeente == "Veltem-Beisem"


def test_every_call_leaves_an_audit_event_about_the_household(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, single())
    service.get(actor, created.id)
    with db.read() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.entity_id == created.id)).all()
        assert [(e.action, e.user_id) for e in rows] == [
            ("household.created", actor.user_id),
            ("case.assigned", actor.user_id),
            ("household.viewed", actor.user_id),
        ]
        assert "Vermeulen" not in "".join(e.detail for e in rows)


def test_birth_date_is_taken_from_the_national_number_when_not_given(db, actor):
    data = single()
    bare = replace(data.members[0].person, birth_date=None)
    created = HouseholdService(db).create(
        actor, replace(data, members=(MemberInput(bare, "applicant"),))
    )
    assert created.applicant.birth_date == date(1948, 1, 30)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda p: replace(p, national_number="86040200205"), "members[0].national_number"),
        (lambda p: replace(p, national_number="8604020020"), "members[0].national_number"),
        (lambda p: replace(p, birth_date=date(1986, 4, 3)), "members[0].national_number"),
        (lambda p: replace(p, given_name="  "), "members[0].given_name"),
        (lambda p: replace(p, language="xx"), "members[0].language"),
        (
            lambda p: replace(p, birth_date=date(2999, 1, 1), national_number=None),
            "members[0].birth_date",
        ),
    ],
)
def test_bad_person_input_names_the_field_and_writes_nothing(db, actor, change, field):
    data = family()
    bad = replace(data.members[0], person=change(data.members[0].person))
    before = counts(db)
    with pytest.raises(ValidationError) as caught:
        HouseholdService(db).create(actor, replace(data, members=(bad, *data.members[1:])))
    assert caught.value.field == field
    assert counts(db) == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (household(), "members"),
        (household(MemberInput(person("A", "B", date(1990, 1, 1)), "partner")), "members"),
        (
            household(
                MemberInput(person("A", "B", date(1990, 1, 1)), "applicant"),
                MemberInput(person("C", "B", date(1990, 1, 1), 3), "applicant"),
            ),
            "members",
        ),
        (
            household(
                MemberInput(person("A", "B", date(1990, 1, 1)), "applicant"),
                MemberInput(person("C", "B", date(1990, 1, 1)), "child"),
            ),
            "members[1].national_number",
        ),
        (household(MemberInput(person("A", "B", date(1990, 1, 1)), "boss")), "members[0].role"),
        (
            household(
                MemberInput(person("A", "B", date(1990, 1, 1)), "applicant"), deelgemeente="Leuven"
            ),
            "address.deelgemeente",
        ),
        (
            household(MemberInput(person("A", "B", date(1990, 1, 1)), "applicant"), street=""),
            "address.street",
        ),
    ],
)
def test_bad_household_input_names_the_field(db, actor, data, field):
    before = counts(db)
    with pytest.raises(ValidationError) as caught:
        HouseholdService(db).create(actor, data)
    assert caught.value.field == field
    assert counts(db) == before


def test_a_national_number_belongs_to_one_person_only(db, actor):
    service = HouseholdService(db)
    service.create(actor, single())
    before = counts(db)
    with pytest.raises(ValidationError, match="already registered"):
        service.create(actor, single(given="Other", family_name="Person"))
    assert counts(db) == before


def test_update_replaces_members_and_moves_the_version(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, family())
    child = created.members[2].person
    new = household(
        MemberInput(
            replace(
                family().members[0].person, person_id=created.applicant.id, phone="016 12 34 56"
            ),
            "applicant",
        ),
        MemberInput(replace(family().members[2].person, person_id=child.id), "child"),
        street="Veltemdorp",
        number="9",
        deelgemeente="Veltem-Beisem",
    )
    updated = service.update(actor, created.id, created.version, new)
    assert updated.version == created.version + 1
    assert [m.person.given_name for m in updated.members] == ["Sarah", "Lina"]
    assert updated.applicant.id == created.applicant.id
    assert updated.applicant.phone == "016 12 34 56"
    assert updated.house_number == "9"
    assert service.get(actor, created.id) == updated


def test_facts_are_typed_and_can_be_cleared(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, family())
    partner = created.members[1].person.id
    facts = [
        FactInput("household_income", "money", Decimal("21400.50"), evidence="document"),
        FactInput("leefloon", "bool", True, person_id=partner, valid_from=date(2026, 1, 1)),
        FactInput("tenure", "choice", "private_rent"),
        FactInput("children_count", "number", 1),
    ]
    after = service.record_facts(actor, created.id, created.version, facts)
    assert after.version == created.version + 1
    values = {(f.key, f.person_id): f.value for f in after.facts}
    assert values == {
        ("children_count", None): Decimal(1),
        ("leefloon", partner): True,
        ("household_income", None): Decimal("21400.50"),
        ("tenure", None): "private_rent",
    }
    income = next(f for f in after.facts if f.key == "household_income")
    assert (income.evidence, income.recorded_by) == ("document", actor.user_id)
    cleared = service.record_facts(
        actor, created.id, after.version, [FactInput("tenure", "choice", None)]
    )
    assert "tenure" not in {f.key for f in cleared.facts}
    assert service.get(actor, created.id).facts == cleared.facts


@pytest.mark.parametrize(
    ("fact", "field"),
    [
        (FactInput("Bad Key", "bool", True), "facts[0].key"),
        (FactInput("income", "money", "much"), "facts[0].value"),
        (FactInput("leefloon", "bool", 1), "facts[0].value"),
        (FactInput("x", "number", True), "facts[0].value"),
        (FactInput("x", "colour", "red"), "facts[0].kind"),
        (FactInput("x", "bool", True, evidence="rumour"), "facts[0].evidence"),
        (
            FactInput("x", "bool", True, valid_from=date(2026, 2, 1), valid_until=date(2026, 1, 1)),
            "facts[0].valid_until",
        ),
    ],
)
def test_bad_facts_name_the_field_and_change_nothing(db, actor, fact, field):
    service = HouseholdService(db)
    created = service.create(actor, single())
    with pytest.raises(ValidationError) as caught:
        service.record_facts(actor, created.id, created.version, [fact])
    assert caught.value.field == field
    assert service.get(actor, created.id).version == created.version


def test_a_fact_about_a_stranger_is_refused(db, actor):
    service = HouseholdService(db)
    first = service.create(actor, single())
    other = service.create(actor, family())
    with pytest.raises(ValidationError) as caught:
        service.record_facts(
            actor,
            first.id,
            first.version,
            [FactInput("leefloon", "bool", True, person_id=other.applicant.id)],
        )
    assert caught.value.field == "facts[0].person_id"


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, single())
    mine = service.record_facts(
        actor, created.id, created.version, [FactInput("leefloon", "bool", True)]
    )
    with pytest.raises(ConflictError) as caught:
        service.record_facts(
            actor, created.id, created.version, [FactInput("leefloon", "bool", False)]
        )
    assert (caught.value.expected_version, caught.value.actual_version) == (1, 2)
    assert service.get(actor, created.id).facts == mine.facts


def test_two_workers_saving_at_once_one_wins_the_other_gets_a_conflict(db, actor):
    """Both load version 1 and save at the same moment, in two threads and two sessions."""
    service = HouseholdService(db)
    for round_ in range(5):
        created = service.create(actor, single(serial=101 + 2 * round_))
        barrier = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def save(value: bool, created=created, barrier=barrier, outcomes=outcomes) -> None:
            barrier.wait()
            try:
                outcomes[str(value)] = service.record_facts(
                    actor, created.id, created.version, [FactInput("leefloon", "bool", value)]
                )
            except ConflictError as exc:
                outcomes[str(value)] = exc

        threads = [threading.Thread(target=save, args=(v,)) for v in (True, False)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        winners = [v for v in outcomes.values() if not isinstance(v, ConflictError)]
        losers = [v for v in outcomes.values() if isinstance(v, ConflictError)]
        assert (len(winners), len(losers)) == (1, 1), outcomes
        assert service.get(actor, created.id).facts == winners[0].facts
        assert winners[0].version == 2


def test_find_by_name_number_and_street(db, actor):
    service = HouseholdService(db)
    fam = service.create(actor, family())
    old = service.create(actor, single())
    assert [r.id for r in service.find(actor, "öztürk")] == [fam.id]
    assert [r.id for r in service.find(actor, "vermeulen jozef")] == [old.id]
    assert [r.id for r in service.find(actor, old.applicant.national_number[:6])] == [old.id]
    assert [r.id for r in service.find(actor, "kerkstr")] == [old.id]
    assert service.find(actor, "   ") == []
    assert service.find(actor, "100%_") == []
    row = service.find(actor, "janssens")[0]
    assert (row.applicant_name, row.address, row.member_count) == (
        "Janssens, Sarah",
        "Veltemdorp 7",
        3,
    )


def test_unknown_household_and_wrong_role(db, actor):
    import uuid

    from sociaalhuis.access.actors import Actor

    service = HouseholdService(db)
    with pytest.raises(NotFoundError):
        service.get(actor, uuid.uuid4())
    outsider = Actor(actor.user_id, "guest", "guest")
    with pytest.raises(PermissionDenied):
        service.create(outsider, single())
