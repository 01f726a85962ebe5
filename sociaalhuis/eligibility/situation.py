"""One household's known facts, checked against the catalog's fact dictionary.

The format is documented in docs/catalog.md: facts by their dictionary keys, per member and
per household; an absent key or `null` means unknown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sociaalhuis.cases.validation import HERENT_POSTCODE
from sociaalhuis.catalog.compiler import EvaluationContext, Member
from sociaalhuis.catalog.loader import to_date, to_decimal
from sociaalhuis.catalog.model import Catalog, FactDef
from sociaalhuis.catalog.reading import MAX_AMOUNT
from sociaalhuis.errors import ValidationError

SHOWN_CHARS = 40


def address_facts(street: str, postcode: str) -> dict[str, Any]:
    """Household facts that follow from the address: a street in postcode 3020 means the
    household lives in Herent; an address elsewhere means it does not."""
    if not street.strip() or not postcode.strip():
        return {}
    return {"lives_in_herent": postcode.strip() == HERENT_POSTCODE}


@dataclass(frozen=True)
class Situation:
    """Known facts of one household: household facts, and each member's id and facts."""

    household: dict[str, Any] = field(default_factory=dict)
    members: tuple[tuple[str, dict[str, Any]], ...] = ()

    def context(self, on: date, params: dict[str, Any]) -> EvaluationContext:
        members = [Member(member_id, facts) for member_id, facts in self.members]
        return EvaluationContext(on, self.household, members, params)

    def with_fact(self, name: str, value: Any) -> Situation:
        """A copy with one more fact known; `name` as in missing facts (`m2.age`, `tenure`)."""
        if "." in name:
            member_id, key = name.split(".", 1)
            members = tuple(
                (mid, {**facts, key: value} if mid == member_id else facts)
                for mid, facts in self.members
            )
            return Situation(self.household, members)
        return Situation({**self.household, name: value}, self.members)


def from_json_file(catalog: Catalog, path: Path) -> Situation:
    """Read a situation file; every problem names the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(str(path), f"cannot be read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{path}:{exc.lineno}:{exc.colno}", f"not valid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise ValidationError(str(path), f"not usable JSON: {exc}") from None
    except RecursionError:
        raise ValidationError(str(path), "not usable JSON: nested too deeply") from None
    try:
        return parse(catalog, data)
    except ValidationError as exc:
        raise ValidationError(f"{path}: {exc.field}", exc.reason) from None


def parse(catalog: Catalog, data: Any) -> Situation:
    """Check and convert a situation given as plain data (JSON or TOML shapes)."""
    if not isinstance(data, dict):
        raise ValidationError("situation", "must be an object with 'household' and 'members'")
    for key in data:
        if key not in ("household", "members"):
            name = key if isinstance(key, str) and key.strip() else f"situation[{key!r}]"
            raise ValidationError(name, "unknown field (expected 'household' and 'members')")
    household_data = data.get("household") or {}
    if not isinstance(household_data, dict):
        raise ValidationError("household", "must be an object of facts")
    household = _facts(catalog, household_data, "household", "household")
    members_data = data.get("members") or []
    if not isinstance(members_data, list):
        raise ValidationError("members", "must be a list of members")
    members: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    for index, member in enumerate(members_data):
        where = f"members[{index}]"
        if not isinstance(member, dict):
            raise ValidationError(where, "must be an object of facts")
        member_id = member.get("id", f"m{index + 1}")
        if not isinstance(member_id, str) or not member_id.strip() or "." in member_id:
            raise ValidationError(f"{where}.id", "must be a short text without a dot")
        if member_id in seen:
            raise ValidationError(f"{where}.id", f"'{member_id}' is used twice")
        seen.add(member_id)
        if member.get("role") is None:
            raise ValidationError(
                f"{where}.role", "is required (applicant, partner, child or other)"
            )
        facts = {k: v for k, v in member.items() if k != "id"}
        members.append((member_id, _facts(catalog, facts, "person", where)))
    return Situation(household, tuple(members))


def _facts(catalog: Catalog, data: dict[str, Any], about: str, where: str) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{where}.{key}"
        fact = catalog.facts.get(key)
        if fact is None:
            raise ValidationError(path, "not a fact in the catalog's dictionary")
        if fact.derived:
            raise ValidationError(path, "is derived from other facts; give those instead")
        if fact.about != about:
            other = "a member" if fact.about == "person" else "the household"
            raise ValidationError(
                path,
                f"is a fact about {other}, not about the {about}"
                if about == "household"
                else f"is a fact about {other}",
            )
        if value is None:
            continue
        facts[key] = convert(fact, value, path)
    return facts


def convert(fact: FactDef, value: Any, path: str) -> Any:
    """A fact value in the engine's form, or ValidationError naming `path`."""
    if fact.type == "bool":
        if isinstance(value, bool):
            return value
        raise ValidationError(path, f"must be true or false, not {_shown(value)}")
    if fact.type in ("number", "money"):
        number = _number(value, path)
        if fact.min is not None and number < fact.min:
            raise ValidationError(path, f"must be at least {fact.min}, not {number}")
        if fact.max is not None and number > fact.max:
            raise ValidationError(path, f"must be at most {fact.max}, not {number}")
        return number
    if fact.type == "date":
        day = to_date(value)
        if day is None:
            raise ValidationError(path, f"must be a date as YYYY-MM-DD, not {_shown(value)}")
        return day
    if isinstance(value, str) and value in fact.choices:
        return value
    raise ValidationError(path, f"must be one of {', '.join(fact.choices)}, not {_shown(value)}")


def _number(value: Any, path: str) -> Decimal:
    number = value if isinstance(value, Decimal) else to_decimal(value)
    if number is not None and number.is_finite() and abs(number) < MAX_AMOUNT:
        return number
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # NaN, infinities and figures no household has: refused, never compared.
        raise ValidationError(
            path, f"must be a finite number below {MAX_AMOUNT:,.0f}, not {_shown(value)}"
        )
    example = 'a number such as 21400 or "21400.50"'
    raise ValidationError(path, f"must be {example}, not {_shown(value)}")


def _shown(value: Any) -> str:
    """`value` for a message: short, and never failing on an integer of thousands of digits."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return "a number of more than 60 digits"
    try:
        text = repr(value)
    except ValueError:  # such an integer inside a list or an object
        return "a value holding a number of thousands of digits"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
