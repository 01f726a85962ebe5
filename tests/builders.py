"""Small builders for service input used across the tests."""

from __future__ import annotations

from datetime import date

from sociaalhuis.cases.national_number import make
from sociaalhuis.cases.records import AddressInput, HouseholdInput, MemberInput, PersonInput


def person(given: str, family: str, born: date, serial: int | None = 1, **extra) -> PersonInput:
    number = make(born, serial) if serial is not None else None
    return PersonInput(given, family, birth_date=born, national_number=number, **extra)


def household(
    *members: MemberInput,
    street: str = "Kerkstraat",
    number: str = "12",
    deelgemeente: str = "Herent",
) -> HouseholdInput:
    return HouseholdInput(AddressInput(street, number, deelgemeente), tuple(members))


def family() -> HouseholdInput:
    """An applicant, her partner and a child in Veltem-Beisem."""
    return household(
        MemberInput(person("Sarah", "Janssens", date(1986, 4, 2), 2), "applicant"),
        MemberInput(person("Mehmet", "Öztürk", date(1984, 11, 23), 17), "partner"),
        MemberInput(person("Lina", "Öztürk", date(2015, 6, 9), 4), "child"),
        street="Veltemdorp",
        number="7",
        deelgemeente="Veltem-Beisem",
    )


def single(
    given: str = "Jozef", family_name: str = "Vermeulen", serial: int = 33
) -> HouseholdInput:
    return household(
        MemberInput(person(given, family_name, date(1948, 1, 30), serial), "applicant")
    )
