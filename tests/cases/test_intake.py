"""Saving a whole intake in one unit of work, and the draft the desk edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from builders import family
from sqlalchemy import func, select

from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import ConflictError, ValidationError
from sociaalhuis.storage.models import AuditEvent, Fact, Household

CATALOG = loader.load()


def test_a_new_household_is_saved_with_its_facts_in_one_go(db, actor):
    facts = [
        IntakeFact("household_income", "money", Decimal("21400.00")),
        IntakeFact("leefloon", "bool", True, member=2, evidence="document"),
    ]
    saved = IntakeService(db).save(actor, None, None, family(), facts)
    child = saved.members[2].person.id
    by_key = {(f.person_id, f.key): f for f in saved.facts}
    assert by_key[(None, "household_income")].value == Decimal("21400.00")
    assert by_key[(child, "leefloon")].evidence == "document"
    with db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("household.created") == 1


def test_a_bad_fact_writes_nothing(db, actor):
    facts = [IntakeFact("leefloon", "bool", "yes", member=0)]
    with pytest.raises(ValidationError) as caught:
        IntakeService(db).save(actor, None, None, family(), facts)
    assert caught.value.field == "facts[0].value"
    with pytest.raises(ValidationError):
        IntakeService(db).save(actor, None, None, family(), [IntakeFact("x", "bool", True, 7)])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == 0


def test_draft_round_trip_only_sends_changes_and_detects_conflicts(db, actor):
    service = IntakeService(db)
    saved = service.save(
        actor, None, None, family(), [IntakeFact("tenure", "choice", "private_rent")]
    )
    draft = IntakeDraft.from_view(HouseholdService(db).get(actor, saved.id))
    assert not draft.dirty
    assert draft.fact(None, "tenure") == ("private_rent", "statement")
    draft.set_fact("m2", "leefloon", False)
    draft.set_fact(None, "tenure", None)  # back to unknown
    assert draft.dirty
    data, changes = draft.inputs(CATALOG)
    assert [(c.key, c.member, c.value) for c in changes] == [
        ("tenure", None, None),
        ("leefloon", 1, False),
    ]
    again = service.save(actor, draft.household_id, draft.version, data, changes)
    assert again.version > saved.version
    with db.read() as session:
        keys = sorted(session.scalars(select(Fact.key)).all())
    assert keys == ["leefloon"]
    with pytest.raises(ConflictError):  # the draft still holds the old version
        service.save(actor, draft.household_id, draft.version, data, changes)


def test_draft_feeds_the_engine_with_local_member_ids():
    draft = IntakeDraft.new()
    draft.members[0].birth_date = date(1950, 5, 1)
    child = draft.add_member("child")
    draft.set_fact(child.local_id, "dependant", True)
    draft.set_fact(None, "household_income", Decimal("15000"))
    draft.set_fact(None, "unknown_key", True)  # not in the dictionary: ignored
    situation = draft.situation(CATALOG)
    assert situation.members[1][0] == "m2"
    verdicts = {v.right.id: v for v in Evaluator(CATALOG).evaluate(situation, date(2026, 11, 22))}
    assert verdicts["verhoogde_tegemoetkoming"].verdict == "eligible"
    draft.remove_member("m2")
    assert ("m2", "dependant") not in draft.facts
