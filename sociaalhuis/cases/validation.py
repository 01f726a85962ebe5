"""Checks on household, person and fact input; each failure names its field."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sociaalhuis.cases import national_number
from sociaalhuis.cases.records import FactInput, HouseholdInput, PersonInput
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.models import (
    DEELGEMEENTEN,
    EVIDENCE_KINDS,
    FACT_KINDS,
    LANGUAGES,
    MEMBER_ROLES,
)

FACT_KEY = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
POSTCODE = re.compile(r"^\d{4}$")
HERENT_POSTCODE = "3020"
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    "bool": bool,
    "number": Decimal,
    "money": Decimal,
    "date": date,
    "text": str,
    "choice": str,
}


def _required(field: str, value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, "is required")
    return text


def person(field: str, data: PersonInput) -> PersonInput:
    """The person with names trimmed and the national number normalised; raises on bad input."""
    given = _required(f"{field}.given_name", data.given_name)
    family = _required(f"{field}.family_name", data.family_name)
    if data.language not in LANGUAGES:
        raise ValidationError(f"{field}.language", f"unknown language {data.language!r}")
    if data.birth_date is not None and data.birth_date > date.today():
        raise ValidationError(f"{field}.birth_date", "lies in the future")
    number, birth = None, data.birth_date
    if data.national_number and data.national_number.strip():
        number, encoded = national_number.normalise(
            f"{field}.national_number", data.national_number, data.birth_date
        )
        birth = birth or encoded
    return replace(
        data, given_name=given, family_name=family, national_number=number, birth_date=birth
    )


def household(data: HouseholdInput) -> HouseholdInput:
    """The household with every member checked; exactly one applicant, no person twice."""
    address = data.address
    street = _required("address.street", address.street)
    number = _required("address.house_number", address.house_number)
    postcode = (address.postcode or "").strip()
    if not POSTCODE.match(postcode):
        raise ValidationError("address.postcode", "a Belgian postcode has four digits")
    deelgemeente = _required("address.deelgemeente", address.deelgemeente)
    if postcode == HERENT_POSTCODE and deelgemeente not in DEELGEMEENTEN:
        raise ValidationError(
            "address.deelgemeente", f"in {HERENT_POSTCODE} one of {', '.join(DEELGEMEENTEN)}"
        )
    if not data.members:
        raise ValidationError("members", "a household has at least one member")
    members = []
    for index, member in enumerate(data.members):
        if member.role not in MEMBER_ROLES:
            raise ValidationError(f"members[{index}].role", f"unknown role {member.role!r}")
        members.append(replace(member, person=person(f"members[{index}]", member.person)))
    if sum(m.role == "applicant" for m in members) != 1:
        raise ValidationError("members", "a household has exactly one applicant")
    _no_duplicates(members)
    clean_address = replace(
        address,
        street=street,
        house_number=number,
        postcode=postcode,
        deelgemeente=deelgemeente,
        box=(address.box or "").strip() or None,
    )
    return HouseholdInput(address=clean_address, members=tuple(members))


def _no_duplicates(members: list) -> None:
    seen_numbers: dict[str, int] = {}
    seen_ids: set = set()
    for index, member in enumerate(members):
        number = member.person.national_number
        if number and number in seen_numbers:
            raise ValidationError(
                f"members[{index}].national_number",
                f"already given for members[{seen_numbers[number]}]",
            )
        if number:
            seen_numbers[number] = index
        if member.person.person_id is not None:
            if member.person.person_id in seen_ids:
                raise ValidationError(f"members[{index}]", "this person is listed twice")
            seen_ids.add(member.person.person_id)


def fact(field: str, data: FactInput) -> FactInput:
    """The fact with its value checked against its kind; an int is taken as a number."""
    if not FACT_KEY.match(data.key):
        raise ValidationError(f"{field}.key", "lower-case letters, digits and _ only")
    if data.kind not in FACT_KINDS:
        raise ValidationError(f"{field}.kind", f"unknown kind {data.kind!r}")
    if data.evidence not in EVIDENCE_KINDS:
        raise ValidationError(f"{field}.evidence", f"unknown evidence {data.evidence!r}")
    if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
        raise ValidationError(f"{field}.valid_until", "lies before valid_from")
    value = data.value
    if isinstance(value, int) and not isinstance(value, bool) and data.kind in ("number", "money"):
        value = Decimal(value)
    if value is not None and (
        not isinstance(value, VALUE_TYPES[data.kind])
        or (data.kind != "bool" and isinstance(value, bool))
    ):
        raise ValidationError(
            f"{field}.value", f"a {data.kind} fact cannot hold {type(value).__name__}"
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValidationError(f"{field}.value", "must be a finite number")
    return replace(data, value=value)
