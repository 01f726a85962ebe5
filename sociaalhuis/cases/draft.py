"""The household being edited at the desk: what is on screen, not yet saved.

The draft knows what changed since it was loaded, turns itself into the inputs of
`IntakeService.save`, and into an eligibility `Situation` so the rights can be evaluated
on every keystroke. Members keep a short local id (`m1`, `m2`, …) that the engine's open
questions use (`m2.leefloon`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sociaalhuis.cases.intake import IntakeFact
from sociaalhuis.cases.records import AddressInput, HouseholdInput, HouseholdView, MemberInput
from sociaalhuis.cases.records import PersonInput as _PersonInput
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.situation import Situation, address_facts

Key = tuple[str | None, str]  # (member local id or None for the household, fact key)


@dataclass
class MemberDraft:
    local_id: str
    role: str = "applicant"
    given_name: str = ""
    family_name: str = ""
    birth_date: date | None = None
    national_number: str | None = None
    language: str = "nl"
    person_id: uuid.UUID | None = None
    phone: str | None = None
    email: str | None = None
    # The versions loaded (person, membership), handed back so a stale save is refused.
    person_version: int | None = None
    member_version: int | None = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass
class IntakeDraft:
    """Address, members and facts of one household, with what was last saved."""

    household_id: uuid.UUID | None = None
    version: int | None = None
    street: str = ""
    house_number: str = ""
    box: str | None = None
    deelgemeente: str = "Herent"
    postcode: str = "3020"
    members: list[MemberDraft] = field(default_factory=list)
    facts: dict[Key, tuple[Any, str]] = field(default_factory=dict)  # → (value, evidence)
    _saved: tuple[Any, ...] = field(default=(), repr=False)

    @classmethod
    def new(cls) -> IntakeDraft:
        draft = cls(members=[MemberDraft("m1")])
        draft.mark_saved()  # nothing typed yet: nothing to lose
        return draft

    @classmethod
    def from_view(cls, view: HouseholdView) -> IntakeDraft:
        members = []
        local: dict[uuid.UUID, str] = {}
        for index, member in enumerate(view.members, start=1):
            person = member.person
            local[person.id] = f"m{index}"
            members.append(
                MemberDraft(
                    f"m{index}",
                    member.role,
                    person.given_name,
                    person.family_name,
                    person.birth_date,
                    person.national_number,
                    person.language,
                    person.id,
                    person.phone,
                    person.email,
                    person.version,
                    member.version,
                )
            )
        facts: dict[Key, tuple[Any, str]] = {}
        for fact in view.facts:
            if fact.value is None:
                continue
            owner = None if fact.person_id is None else local.get(fact.person_id)
            if fact.person_id is not None and owner is None:
                continue
            facts[(owner, fact.key)] = (fact.value, fact.evidence)
        draft = cls(
            view.id,
            view.version,
            view.street,
            view.house_number,
            view.box,
            view.deelgemeente,
            view.postcode,
            members,
            facts,
        )
        draft.mark_saved()
        return draft

    # --- editing ------------------------------------------------------------------------

    def add_member(self, role: str = "child") -> MemberDraft:
        taken = {int(m.local_id[1:]) for m in self.members}
        member = MemberDraft(f"m{max(taken, default=0) + 1}", role)
        self.members.append(member)
        return member

    def remove_member(self, local_id: str) -> None:
        self.members = [m for m in self.members if m.local_id != local_id]
        self.facts = {k: v for k, v in self.facts.items() if k[0] != local_id}

    def member(self, local_id: str) -> MemberDraft:
        return next(m for m in self.members if m.local_id == local_id)

    def set_fact(
        self, owner: str | None, key: str, value: Any, evidence: str = "statement"
    ) -> None:
        """Set a fact (or forget it with `value=None`: it becomes unknown again)."""
        if value is None:
            self.facts.pop((owner, key), None)
        else:
            self.facts[(owner, key)] = (value, evidence)

    def fact(self, owner: str | None, key: str) -> tuple[Any, str] | None:
        return self.facts.get((owner, key))

    # --- saving -----------------------------------------------------------------------

    def _snapshot(self) -> tuple[Any, ...]:
        return (
            self.street,
            self.house_number,
            self.box,
            self.deelgemeente,
            self.postcode,
            tuple(replace(m) for m in self.members),
            dict(self.facts),
        )

    def mark_saved(self) -> None:
        self._saved = self._snapshot()

    def reveal(self, local_id: str, number: str) -> None:
        """Put a member's revealed national number in place of its mask; not a change."""
        self.member(local_id).national_number = number
        saved = self._saved[5] if self._saved else ()
        for member in saved:
            if member.local_id == local_id:
                member.national_number = number

    @property
    def dirty(self) -> bool:
        return self._snapshot() != self._saved

    def inputs(self, catalog: Catalog) -> tuple[HouseholdInput, list[IntakeFact]]:
        """What `IntakeService.save` needs: the whole household, and the facts that changed."""
        members = tuple(
            MemberInput(
                _PersonInput(
                    m.given_name.strip(),
                    m.family_name.strip(),
                    m.birth_date,
                    m.national_number or None,
                    m.language,
                    m.phone,
                    m.email,
                    m.person_id,
                    version=m.person_version,
                ),
                m.role,
                m.member_version,
            )
            for m in self.members
        )
        household = HouseholdInput(
            AddressInput(
                self.street.strip(),
                self.house_number.strip(),
                self.deelgemeente,
                self.postcode.strip() or "3020",
                (self.box or "").strip() or None,
            ),
            members,
        )
        position = {m.local_id: index for index, m in enumerate(self.members)}
        before: dict[Key, tuple[Any, str]] = self._saved[6] if self._saved else {}
        changes: list[IntakeFact] = []
        for key in sorted(set(before) | set(self.facts), key=lambda k: (k[0] or "", k[1])):
            owner, name = key
            if owner is not None and owner not in position:
                continue  # the member is gone, and with it its facts
            now = self.facts.get(key)
            if now == before.get(key):
                continue
            value, evidence = now if now is not None else (None, "statement")
            changes.append(
                IntakeFact(
                    name,
                    _kind(catalog, name, value, before.get(key)),
                    value,
                    None if owner is None else position[owner],
                    evidence,
                )
            )
        return household, changes

    # --- evaluating ---------------------------------------------------------------------

    def situation(self, catalog: Catalog) -> Situation:
        """The facts as the engine reads them; keys the catalog does not know are left out."""
        household: dict[str, Any] = {}
        people: dict[str, dict[str, Any]] = {m.local_id: {"role": m.role} for m in self.members}
        for member in self.members:
            if member.birth_date is not None:
                people[member.local_id]["birth_date"] = member.birth_date
        for (owner, key), (value, _evidence) in self.facts.items():
            fact = catalog.facts.get(key)
            if fact is None or fact.derived:
                continue
            if owner is None and fact.about == "household":
                household[key] = value
            elif owner in people and fact.about == "person":
                people[owner][key] = value
        for key, value in self.derived_facts().items():
            household.setdefault(key, value)
        return Situation(household, tuple(people.items()))

    def derived_facts(self) -> dict[str, Any]:
        """Facts the address settles, unless the worker recorded them otherwise."""
        return address_facts(self.street, self.postcode)


def _kind(catalog: Catalog, key: str, value: Any, previous: tuple[Any, str] | None) -> str:
    """The storage kind: the dictionary's type, else what the value is (facts from before)."""
    fact = catalog.facts.get(key)
    if fact is not None:
        return fact.type
    sample = value if value is not None else (previous[0] if previous else None)
    if isinstance(sample, bool):
        return "bool"
    if isinstance(sample, date):
        return "date"
    return "text" if isinstance(sample, str) else "number"
