"""The facts a referral shares, in words a partner reads: `leefloon: ja`, `gezinsinkomen:
€ 21.400,00`. Only the facts named in the referral are ever turned into text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sociaalhuis.cases.records import HouseholdView
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.explain import day, money, number


def value_text(catalog: Catalog, key: str, value: Any) -> str:
    fact = catalog.facts.get(key)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return money(value) if fact is not None and fact.type == "money" else number(value)
    if isinstance(value, date):
        return day(value)
    if fact is not None and fact.choices and value in fact.choices:
        return fact.choices[value]
    return str(value)


def fact_text(catalog: Catalog, key: str, value: Any) -> str:
    """`gezinsinkomen: € 21.400,00`."""
    fact = catalog.facts.get(key)
    label = fact.label if fact is not None else key
    return f"{label}: {value_text(catalog, key, value)}"


def shared_lines(
    catalog: Catalog, household: HouseholdView, names: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(label, value) for each named fact (`m2.leefloon`, `tenure`) that is recorded;
    member facts are labelled with the member's given name."""
    members = {f"m{index}": member for index, member in enumerate(household.members, start=1)}
    by_key = {(f.person_id, f.key): f.value for f in household.facts}
    lines: list[tuple[str, str]] = []
    for name in names:
        owner, _, key = name.rpartition(".")
        person = members.get(owner).person if owner and owner in members else None
        if owner and person is None:
            continue
        value = by_key.get((person.id if person else None, key))
        if value is None:
            continue
        fact = catalog.facts.get(key)
        label = fact.label if fact is not None else key
        if person is not None:
            label = f"{label} ({person.given_name})"
        lines.append((label[:1].upper() + label[1:], value_text(catalog, key, value)))
    return lines
