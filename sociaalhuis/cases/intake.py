"""Saving an intake as the desk does: address, members and facts together, in one unit of work.

A new household has no person ids yet, so facts name their member by position in the
member list; the household, its people, its facts, the audit event and (given a refresher)
its stored findings commit together.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import EDIT_HOUSEHOLD, REGISTER_CLIENT
from sociaalhuis.cases import validation
from sociaalhuis.cases.households import (
    HouseholdService,
    RefreshesFindings,
    assign_to_creator,
    household_view,
    load_for_change,
    set_fact,
    unmasked,
)
from sociaalhuis.cases.records import FactInput, FactValue, HouseholdInput, HouseholdView
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, utcnow


@dataclass(frozen=True)
class IntakeFact:
    """A fact to set (or clear, with `value=None`) for the member at `member` (None: household)."""

    key: str
    kind: str
    value: FactValue | None
    member: int | None = None
    evidence: str = "statement"


class IntakeService:
    """The desk's save: one call, one transaction, one audit event."""

    def __init__(self, database: Database, findings: RefreshesFindings | None = None) -> None:
        self.households = HouseholdService(database, findings)

    def save(
        self,
        actor: Actor,
        household_id: uuid.UUID | None,
        expected_version: int | None,
        data: HouseholdInput,
        facts: Sequence[IntakeFact] = (),
    ) -> HouseholdView:
        """Create (no id) or change a household with its members and facts; raises
        ValidationError naming the field, or ConflictError when someone saved first."""
        action = REGISTER_CLIENT if household_id is None else EDIT_HOUSEHOLD
        authorize(self.households.db, actor, action)
        clean = validation.household(unmasked(data))
        for index, fact in enumerate(facts):
            if fact.member is not None and not 0 <= fact.member < len(clean.members):
                raise ValidationError(f"facts[{index}].member", "no such member")
            validation.fact(f"facts[{index}]", _as_input(fact, None))
        service = self.households
        with service._unit(household_id, expected_version) as session:
            if household_id is None:
                household = Household()
                session.add(household)
            else:
                household = load_for_change(session, household_id, expected_version or 0)
                need_to_know.check_open(session, actor, household_id)
            service._apply_address(household, clean)
            removed = service._apply_members(session, household, clean)
            session.flush()  # new people get their ids
            people = [membership.person_id for membership in household.members]
            for index, fact in enumerate(facts):
                person = None if fact.member is None else people[fact.member]
                set_fact(
                    household, validation.fact(f"facts[{index}]", _as_input(fact, person)), actor
                )
            household.updated_at = utcnow()
            session.flush()
            audit.record(
                session,
                actor,
                "household.created" if household_id is None else "household.updated",
                "household",
                household.id,
                members=len(clean.members),
                removed_members=len(removed),
                facts=sorted({f.key for f in facts}),
            )
            if household_id is None:
                assign_to_creator(session, actor, household.id)
            service.refresh_findings(session, household)
            return household_view(household)


def _as_input(fact: IntakeFact, person: uuid.UUID | None) -> FactInput:
    return replace(
        FactInput(key=fact.key, kind=fact.kind, value=fact.value, evidence=fact.evidence),
        person_id=person,
    )
