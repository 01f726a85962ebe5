"""Checks on household, person and fact input; each failure names its field."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sociaalhuis.cases import national_number
from sociaalhuis.cases.records import (
    ConsentInput,
    ContactInput,
    DecisionInput,
    FactInput,
    HouseholdInput,
    PersonInput,
)
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.models import (
    DEELGEMEENTEN,
    EVIDENCE_KINDS,
    FACT_KINDS,
    LANGUAGES,
    MEMBER_ROLES,
)
from sociaalhuis.typed_text import as_typed

# The longest text each field takes, in characters. Short fields are as long as their column
# (PostgreSQL refuses more, SQLite would store it); free texts are as long as the intake
# windows let a worker type (NOTE as ui.intake.dialogs.NOTE_LENGTH), so a pasted file is
# refused here instead of ending up in a letter.
LIMITS: dict[str, int] = {
    "given_name": 200,
    "family_name": 200,
    "phone": 50,
    "email": 254,
    # With a space and the longest house number it fills households.search_street (200).
    "street": 150,
    "house_number": 20,
    "box": 20,
    "deelgemeente": 50,
    "fact_text": 1_000,
    "question": 1_000,
    "note": 4_000,
    "site": 50,
    "partner": 300,
    "purpose": 1_000,
    "explanation": 50_000,
    "reason": 4_000,
}
# NUL: PostgreSQL cannot store it in text and SQLite would, so it is refused on both alike;
# the other control characters (tab, line breaks aside) print as nothing or as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\t\n\r\x85\u2028\u2029]")
# Half of a UTF-16 pair on its own: no database driver can encode it.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# The lower-cased search columns beside the names (persons.search_name, households.
# search_street); lower case can be longer than the text (`ß` → `ss`).
SEARCH_NAME = 420
SEARCH_STREET = 200
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


def text(
    field: str,
    value: str | None,
    limit: int,
    *,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """`value` trimmed and `as_typed` ("" for None); ValidationError naming `field` when it is
    required and empty, longer than `limit` characters, or holds a character a database cannot
    keep."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"must be text, not {type(value).__name__}")
    # Stored as typed: logical letters, composed (NFC), never the shapes a PDF drew.
    cleaned = as_typed(value.strip())
    if required and not cleaned:
        raise ValidationError(field, "is required")
    if len(cleaned) > limit:
        raise ValidationError(field, f"is longer than {limit} characters ({len(cleaned)})")
    if "\x00" in cleaned:
        raise ValidationError(field, "contains a NUL character")
    if _CONTROL.search(cleaned):
        raise ValidationError(field, "contains a control character")
    if not multiline and _LINE_BREAK.search(cleaned):
        raise ValidationError(field, "must be one line (no tabs or line breaks)")
    if _SURROGATE.search(cleaned):
        raise ValidationError(field, "contains a broken character (an unpaired surrogate)")
    return cleaned


def optional_text(field: str, value: str | None, limit: int) -> str | None:
    """As `text` for a one-line field that may stay empty: None when blank."""
    return text(field, value, limit) or None


def _required(field: str, value: str | None) -> str:
    return text(field, value, LIMITS[field.rsplit(".", 1)[-1]], required=True)


def person(field: str, data: PersonInput) -> PersonInput:
    """The person with names trimmed and the national number normalised; raises on bad input."""
    given = _required(f"{field}.given_name", data.given_name)
    family = _required(f"{field}.family_name", data.family_name)
    if len(f"{family} {given}".casefold()) > SEARCH_NAME:
        raise ValidationError(
            f"{field}.given_name", f"with the family name longer than {SEARCH_NAME} characters"
        )
    if data.language not in LANGUAGES:
        raise ValidationError(f"{field}.language", f"unknown language {data.language!r}")
    if data.birth_date is not None and data.birth_date > date.today():
        raise ValidationError(f"{field}.birth_date", "lies in the future")
    number, birth = None, data.birth_date
    raw_number = text(f"{field}.national_number", data.national_number, 20)
    if raw_number:
        number, encoded = national_number.normalise(
            f"{field}.national_number", raw_number, data.birth_date
        )
        birth = birth or encoded
    return replace(
        data,
        given_name=given,
        family_name=family,
        national_number=number,
        birth_date=birth,
        phone=optional_text(f"{field}.phone", data.phone, LIMITS["phone"]),
        email=optional_text(f"{field}.email", data.email, LIMITS["email"]),
    )


def household(data: HouseholdInput) -> HouseholdInput:
    """The household with every member checked; exactly one applicant, no person twice."""
    address = data.address
    street = _required("address.street", address.street)
    number = _required("address.house_number", address.house_number)
    if len(f"{street} {number}".casefold()) > SEARCH_STREET:
        raise ValidationError(
            "address.street", f"with the house number longer than {SEARCH_STREET} characters"
        )
    postcode = text("address.postcode", address.postcode, 10)
    if not POSTCODE.fullmatch(postcode):
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
        box=optional_text("address.box", address.box, LIMITS["box"]),
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
    if not isinstance(data.key, str) or not FACT_KEY.fullmatch(data.key):
        raise ValidationError(
            f"{field}.key", "lower-case letters, digits and _ only, at most 100 characters"
        )
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
    if isinstance(value, str):
        # Stored as given (a choice is compared as it is); only what no database keeps alike
        # and what no worker types is refused.
        text(f"{field}.value", value, LIMITS["fact_text"], multiline=data.kind == "text")
    return replace(data, value=value)


def contact(data: ContactInput) -> ContactInput:
    """The contact's question, site and first note checked and trimmed (the consents are
    checked by the contact service with the contact's day)."""
    return replace(
        data,
        question=text("question", data.question, LIMITS["question"], multiline=True),
        site=text("site", data.site, LIMITS["site"]),
        note=note("note", data.note),
    )


def note(field: str, value: str) -> str:
    """A case note trimmed; line breaks are kept, it may be empty (the caller decides)."""
    return text(field, value, LIMITS["note"], multiline=True)


def consent(field: str, data: ConsentInput) -> ConsentInput:
    """The consent's partner (one line) and purpose trimmed and checked."""
    return replace(
        data,
        partner=text(f"{field}.partner", data.partner, LIMITS["partner"]),
        purpose=text(f"{field}.purpose", data.purpose, LIMITS["purpose"], multiline=True),
    )


def decision(data: DecisionInput, explanation: str) -> tuple[DecisionInput, str]:
    """The decision's note and the explanation it rests on, trimmed and checked."""
    checked = replace(data, note=note("note", data.note))
    return checked, text("explanation", explanation, LIMITS["explanation"], multiline=True)


def reason(value: str) -> str:
    """Why a client is referred (printed on the letter), trimmed and checked."""
    return text("reason", value, LIMITS["reason"], required=True, multiline=True)
