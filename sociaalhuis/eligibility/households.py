"""From a stored household to the engine's situation: members as m1, m2, … and their facts.

The engine names a member's fact `m2.leefloon`; `HouseholdSituation` keeps which person each
of those ids stands for, so an answer to an open question can be stored on the right person.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sociaalhuis.cases.records import HouseholdView
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


MemberRow = tuple[uuid.UUID, str, date | None]  # person id, role, birth date
# key, person id (None: the household), value, valid from, valid until
FactRow = tuple[str, uuid.UUID | None, Any, date | None, date | None]


def situation_for(
    catalog: Catalog, household: HouseholdView, today: date | None = None
) -> HouseholdSituation:
    """The situation of `household` as known on `today` (default: today).

    Members in household order become m1, m2, …, each with its `role` and the person's birth
    date. Facts valid on `today` (no `valid_from` after it, no `valid_until` before it) are
    added by their dictionary key: a fact with a person to that member, one without to the
    household; facts the catalog does not have, or has about the other subject, are skipped.
    """
    members = [(m.person.id, m.role, m.person.birth_date) for m in household.members]
    facts = [(f.key, f.person_id, f.value, f.valid_from, f.valid_until) for f in household.facts]
    return situation_of(
        catalog, today or date.today(), household.street, household.postcode, members, facts
    )


def situation_of(
    catalog: Catalog,
    day: date,
    street: str,
    postcode: str,
    members: Iterable[MemberRow],
    facts: Iterable[FactRow],
) -> HouseholdSituation:
    """`situation_for` from plain rows: members in household order, facts in the order of
    `HouseholdView.facts`; shared with the bulk loader of `screening.store`."""
    member_ids: dict[str, uuid.UUID] = {}
    by_person: dict[uuid.UUID, dict[str, Any]] = {}
    with_birth_date = "birth_date" in catalog.facts
    for index, (person_id, role, birth_date) in enumerate(members, start=1):
        known: dict[str, Any] = {"role": role}
        if birth_date is not None and with_birth_date:
            known["birth_date"] = birth_date
        member_ids[f"m{index}"] = person_id
        by_person[person_id] = known
    household_facts: dict[str, Any] = {}
    skipped: list[str] = []
    names = {person: member for member, person in member_ids.items()}
    for key, person_id, value, valid_from, valid_until in facts:
        if value is None or not valid_on(valid_from, valid_until, day):
            continue
        target = household_facts if person_id is None else by_person.get(person_id)
        name = key if person_id is None else f"{names.get(person_id, person_id)}.{key}"
        converted = engine_value(catalog, key, person_id is None, value, name)
        if target is None or converted is None or key in BUILT_IN:
            skipped.append(name)
            continue
        target[key] = converted
    for key, value in address_facts(street, postcode).items():
        household_facts.setdefault(key, value)
    situation = Situation(household_facts, tuple((m, by_person[p]) for m, p in member_ids.items()))
    return HouseholdSituation(situation, member_ids, tuple(skipped))


def valid_on(valid_from: date | None, valid_until: date | None, day: date) -> bool:
    """Whether a fact with these validity dates holds on `day` (both ends included)."""
    if valid_from is not None and valid_from > day:
        return False
    return valid_until is None or valid_until >= day


def engine_value(catalog: Catalog, key: str, of_household: bool, value: Any, name: str) -> Any:
    """A stored value in the engine's form, or None when the dictionary does not take it here
    (unknown or derived key, the other subject, a value out of bounds or not a choice)."""
    definition = catalog.facts.get(key)
    about = "household" if of_household else "person"
    if definition is None or definition.derived or definition.about != about:
        return None
    try:
        return convert(definition, value, name)
    except ValidationError:
        return None
