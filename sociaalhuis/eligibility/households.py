"""From a stored household to the engine's situation: members as m1, m2, … and their facts.

The engine names a member's fact `m2.leefloon`; `HouseholdSituation` keeps which person each
of those ids stands for, so an answer to an open question can be stored on the right person.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sociaalhuis.cases.records import FactView, HouseholdView
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.situation import Situation, address_facts, convert
from sociaalhuis.errors import ValidationError

BUILT_IN = ("role", "birth_date")  # taken from the membership and the person, never from facts


@dataclass(frozen=True)
class HouseholdSituation:
    """The engine's situation for a household, with the person behind every member id.

    `skipped` names stored facts left out because the catalog does not know them (any more),
    they are about the wrong subject, or their value does not fit the dictionary.
    """

    situation: Situation
    member_ids: dict[str, uuid.UUID]  # "m1" → person id, in member order
    skipped: tuple[str, ...] = field(default=())

    def person_for(self, missing: str) -> tuple[uuid.UUID | None, str]:
        """`m2.leefloon` → (that member's person id, "leefloon"); `tenure` → (None, "tenure").
        Raises KeyError for a member id this household does not have."""
        if "." not in missing:
            return None, missing
        member, key = missing.split(".", 1)
        return self.member_ids[member], key

    def name_for(self, person_id: uuid.UUID | None, key: str) -> str:
        """The engine's name for a fact: `tenure` for the household, `m2.leefloon` for a person.
        Raises KeyError for a person who is not a member."""
        if person_id is None:
            return key
        for member, person in self.member_ids.items():
            if person == person_id:
                return f"{member}.{key}"
        raise KeyError(person_id)


def situation_for(
    catalog: Catalog, household: HouseholdView, today: date | None = None
) -> HouseholdSituation:
    """The situation of `household` as known on `today` (default: today).

    Members in household order become m1, m2, …, each with its `role` and the person's birth
    date. Facts valid on `today` (no `valid_from` after it, no `valid_until` before it) are
    added by their dictionary key: a fact with a person to that member, one without to the
    household; facts the catalog does not have, or has about the other subject, are skipped.
    """
    day = today or date.today()
    member_ids: dict[str, uuid.UUID] = {}
    by_person: dict[uuid.UUID, dict[str, Any]] = {}
    for index, member in enumerate(household.members, start=1):
        facts: dict[str, Any] = {"role": member.role}
        if member.person.birth_date is not None and "birth_date" in catalog.facts:
            facts["birth_date"] = member.person.birth_date
        member_ids[f"m{index}"] = member.person.id
        by_person[member.person.id] = facts
    household_facts: dict[str, Any] = {}
    skipped: list[str] = []
    names = {person: member for member, person in member_ids.items()}
    for fact in household.facts:
        if fact.value is None or not _valid_on(fact, day):
            continue
        target = household_facts if fact.person_id is None else by_person.get(fact.person_id)
        name = (
            fact.key
            if fact.person_id is None
            else f"{names.get(fact.person_id, fact.person_id)}.{fact.key}"
        )
        value = _value(catalog, fact, name)
        if target is None or value is None or fact.key in BUILT_IN:
            skipped.append(name)
            continue
        target[fact.key] = value
    for key, value in address_facts(household.street, household.postcode).items():
        household_facts.setdefault(key, value)
    members = tuple((member, by_person[person]) for member, person in member_ids.items())
    return HouseholdSituation(Situation(household_facts, members), member_ids, tuple(skipped))


def _valid_on(fact: FactView, day: date) -> bool:
    if fact.valid_from is not None and fact.valid_from > day:
        return False
    return fact.valid_until is None or fact.valid_until >= day


def _value(catalog: Catalog, fact: FactView, name: str) -> Any:
    """The value in the engine's form, or None when the dictionary does not take it here."""
    definition = catalog.facts.get(fact.key)
    about = "household" if fact.person_id is None else "person"
    if definition is None or definition.derived or definition.about != about:
        return None
    try:
        return convert(definition, fact.value, name)
    except ValidationError:
        return None
