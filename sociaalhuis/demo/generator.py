"""Synthetic Herent households: the same rows for the same seed, as dicts for Core bulk inserts.

Every name, address and number here is invented. National numbers are valid (checksum,
birth date, odd serial for men and even for women) but made up; `loader.load` writes them.
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Table

from sociaalhuis.cases import national_number
from sociaalhuis.cases.households import VALUE_COLUMNS, search_name
from sociaalhuis.collector import gc_paused
from sociaalhuis.demo.population import (
    CHILD_COUNTS,
    DEELGEMEENTE_SHARES,
    EVIDENCE,
    FACT_KEYS,
    FLEMISH,
    FUEL_OWNER,
    FUEL_TENANT,
    LEEFLOON_CHANCE,
    LEEFLOON_OTHERS_MAX,
    ORIGINS,
    POSTCODE,
    SHAPES,
    STATUS_ADULT,
    STATUS_ADULT_CHILD,
    STATUS_ELDERLY,
    STATUS_NEAR_PENSION,
    STATUS_YOUNG,
    STREETS,
    TENURE_ELDERLY,
    TENURE_LEEFLOON,
    TENURE_LOW_INCOME,
    TENURE_OTHER,
    Origin,
    choice,
)
from sociaalhuis.storage.models import Fact, Household, HouseholdMember, Person

CHUNK_HOUSEHOLDS = 2_000
HISTORY_DAYS = 4 * 365

T = TypeVar("T")


@dataclass(frozen=True)
class DemoSummary:
    """How many rows a demo load wrote, by table."""

    households: int
    persons: int
    members: int
    facts: int


@dataclass(frozen=True)
class DemoRows:
    """Rows ready for Core bulk inserts, by table; within a list every dict has the same keys."""

    seed: int
    households: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> DemoSummary:
        return DemoSummary(
            len(self.households), len(self.persons), len(self.members), len(self.facts)
        )

    def tables(self) -> tuple[tuple[Table, list[dict[str, Any]]], ...]:
        """Each table with its rows, in an order the foreign keys accept."""
        return (
            (_table(Household), self.households),
            (_table(Person), self.persons),
            (_table(HouseholdMember), self.members),
            (_table(Fact), self.facts),
        )


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def generate(
    households: int,
    seed: int,
    *,
    recorded_by: uuid.UUID | None = None,
    today: date | None = None,
) -> DemoRows:
    """`households` synthetic households and everything in them; the same seed (and day) gives
    the same rows. Facts carry `recorded_by` as their author (`load` passes the acting user)."""
    if households < 0:
        raise ValueError("households must not be negative")
    generator = Generator(seed, recorded_by, today or date.today(), taken=())
    rows = DemoRows(seed)
    with gc_paused():
        for chunk in generator.chunks(households, CHUNK_HOUSEHOLDS):
            rows.households.extend(chunk.households)
            rows.persons.extend(chunk.persons)
            rows.members.extend(chunk.members)
            rows.facts.extend(chunk.facts)
    return rows


class _Member:
    """A household member while the household is being made up."""

    __slots__ = ("age", "disabled", "family", "leefloon", "male", "origin", "role", "status")

    def __init__(
        self,
        role: str,
        male: bool,
        age: int,
        origin: Origin,
        family: tuple[str, str] | None = None,
    ) -> None:
        self.role = role
        self.male = male
        self.age = age
        self.origin = origin
        self.family = family
        self.status = ""
        self.leefloon = False
        self.disabled = False


class Generator:
    """One pass of demo data; its random streams make the rows a function of the seed."""

    def __init__(
        self, seed: int, recorded_by: uuid.UUID | None, today: date, taken: Collection[str]
    ) -> None:
        self.rng = random.Random(seed)
        # A separate stream for serials, so skipping a number already in the database
        # changes that number only and not the rest of the data.
        self.serials = random.Random(f"sociaalhuis-demo-serials-{seed}")
        self.used: set[str] = set(taken)
        self.recorded_by = recorded_by
        self.today = today

    def chunks(self, households: int, size: int) -> Iterator[DemoRows]:
        done = 0
        while done < households:
            rows = DemoRows(0)
            for _ in range(min(size, households - done)):
                self._household(rows)
            done += len(rows.households)
            yield rows

    # -- one household ----------------------------------------------------------------------

    def _household(self, rows: DemoRows) -> None:
        rng = self.rng
        household_id = self._uuid()
        created = self._office_time(_int(rng, 1, HISTORY_DAYS))
        deelgemeente = DEELGEMEENTE_SHARES.pick(rng)
        street = choice(rng, STREETS[deelgemeente])
        house_number = self._house_number()
        household = {
            "id": household_id,
            "street": street,
            "house_number": house_number,
            "box": self._box(),
            "postcode": POSTCODE,
            "deelgemeente": deelgemeente,
            "search_street": f"{street} {house_number}".casefold(),
            "created_at": created,
            "updated_at": created,
            "version": 1,
        }
        rows.households.append(household)
        members = self._members(SHAPES.pick(rng), ORIGINS.pick(rng))
        person_ids = self._persons(rows, household_id, members, created)
        household["updated_at"] = self._facts(rows, household_id, members, person_ids, created)

    def _members(self, shape: str, origin: Origin) -> list[_Member]:
        rng = self.rng
        if shape == "single":
            members = [_Member("applicant", rng.random() < 0.55, _int(rng, 18, 64), origin)]
        elif shape == "elderly_single":
            # Women outlive men: most elderly people living alone are women.
            members = [_Member("applicant", rng.random() < 0.3, self._elderly_age(), origin)]
        elif shape == "single_parent":
            parent = _Member("applicant", rng.random() < 0.18, _int(rng, 20, 56), origin)
            family = None if rng.random() < 0.45 else self._family(origin)
            members = [parent, *self._children(parent.age, origin, family)]
        elif shape == "other":
            members = self._other_shape(origin)
        else:
            members = self._couple(shape, origin)
        if shape != "other" and rng.random() < 0.04:
            # A grandparent or an adult relative who moved in.
            age = self._elderly_age() if rng.random() < 0.6 else _int(rng, 18, 45)
            members.append(_Member("other", rng.random() < 0.4, age, origin))
        return members

    def _couple(self, shape: str, origin: Origin) -> list[_Member]:
        rng = self.rng
        if shape == "elderly_couple":
            age = self._elderly_age()
        elif shape == "couple":
            age = _int(rng, 20, 64)
        else:
            age = _int(rng, 24, 54)
        male = rng.random() < 0.5
        partner_male = male if rng.random() < 0.04 else not male
        low = 60 if shape == "elderly_couple" else 18
        partner_age = min(102, max(low, age + round(rng.gauss(0, 4))))
        partner_origin = origin if rng.random() < 0.85 else ORIGINS.pick(rng)
        applicant = _Member("applicant", male, age, origin)
        partner = _Member("partner", partner_male, partner_age, partner_origin)
        members = [applicant, partner]
        if shape == "couple_children":
            # Children mostly carry the father's name (Belgian rule before 2014, still common).
            father = partner if partner.male and not applicant.male else applicant
            father.family = self._family(father.origin)
            youngest = min(age, partner_age)
            members.extend(self._children(youngest, father.origin, father.family))
        return members

    def _other_shape(self, origin: Origin) -> list[_Member]:
        rng = self.rng
        family = self._family(origin)
        variant = rng.random()
        if variant < 0.4:
            # An adult child living with (and caring for) an elderly parent.
            age = _int(rng, 40, 64)
            applicant = _Member("applicant", rng.random() < 0.5, age, origin, family)
            father = rng.random() < 0.3
            parent_age = min(102, age + _int(rng, 20, 38))
            # A mother keeps her own family name, as married women do in Belgium.
            parent = _Member("other", father, parent_age, origin, family if father else None)
            return [applicant, parent]
        if variant < 0.7:
            # An elderly applicant with an adult child or grandchild moving back in.
            applicant = _Member(
                "applicant", rng.random() < 0.4, self._elderly_age(), origin, family
            )
            return [applicant, _Member("other", rng.random() < 0.5, _int(rng, 18, 45), origin)]
        # Siblings or friends sharing a house.
        members = [_Member("applicant", rng.random() < 0.5, _int(rng, 18, 60), origin, family)]
        for _ in range(choice(rng, (1, 1, 1, 2))):
            members.append(_Member("other", rng.random() < 0.5, _int(rng, 18, 60), origin))
        return members

    def _children(
        self, parent_age: int, origin: Origin, family: tuple[str, str] | None
    ) -> list[_Member]:
        rng = self.rng
        oldest = max(0, min(24, parent_age - 18))
        ages = sorted((_int(rng, 0, oldest) for _ in range(CHILD_COUNTS.pick(rng))), reverse=True)
        return [_Member("child", rng.random() < 0.51, age, origin, family) for age in ages]

    def _persons(
        self,
        rows: DemoRows,
        household_id: uuid.UUID,
        members: list[_Member],
        created: datetime,
    ) -> list[uuid.UUID]:
        rng = self.rng
        language = members[0].origin.languages.pick(rng)
        ids = []
        for position, member in enumerate(members):
            person_id = self._uuid()
            ids.append(person_id)
            birth = self._birth_date(member.age)
            family_pair = member.family or self._family(member.origin)
            family = family_pair[0] if member.male else family_pair[1]
            given = member.origin.given(rng, member.male, birth.year)
            number = None
            if rng.random() >= member.origin.without_number:
                number = self._national_number(birth, member.male)
            rows.persons.append(
                {
                    "id": person_id,
                    "given_name": given,
                    "family_name": family,
                    "birth_date": birth,
                    "national_number": number,
                    "language": self._language(member, language),
                    "email": self._email(given, family, member),
                    "search_name": search_name(given, family),
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
            rows.members.append(
                {
                    "id": self._uuid(),
                    "household_id": household_id,
                    "person_id": person_id,
                    "role": member.role,
                    "position": position,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
        return ids

    def _language(self, member: _Member, household: str) -> str:
        if member.role in ("applicant", "partner"):
            return household if member.origin is FLEMISH or self.rng.random() < 0.8 else "nl"
        if member.role == "child":
            # Children who went to school here mostly speak Dutch at the desk.
            return "nl" if household in ("en", "other") and self.rng.random() < 0.5 else household
        return member.origin.languages.pick(self.rng)

    def _email(self, given: str, family: str, member: _Member) -> str | None:
        if member.role not in ("applicant", "partner") or member.age > 80:
            return None
        if self.rng.random() >= 0.3:
            return None
        local = f"{_ascii(given)}.{_ascii(family)}"
        if local.startswith(".") or local.endswith("."):
            return None  # a name in another script: no made-up address
        # example.org is reserved (RFC 2606), so a demo letter never reaches a real person.
        return f"{local}{_int(self.rng, 1, 99)}@example.org"

    # -- facts ------------------------------------------------------------------------------

    def _facts(
        self,
        rows: DemoRows,
        household_id: uuid.UUID,
        members: list[_Member],
        person_ids: list[uuid.UUID],
        created: datetime,
    ) -> datetime:
        """Add the household's facts, leaving some unknown; returns when the last was recorded."""
        rng = self.rng
        # A fresh intake knows little; a followed-up household most things.
        known = 0.3 if rng.random() < 0.1 else 0.8
        adults = [m for m in members if m.age >= 18]
        for member in adults:
            member.status = self._status(member)
        earned = [self._income(member.status) for member in adults]
        household_earned = sum(earned)
        income = 0
        for member, own in zip(adults, earned, strict=True):
            # Leefloon is means-tested on the household: only when the others earn little.
            if (
                member.age < 65
                and household_earned - own < LEEFLOON_OTHERS_MAX
                and rng.random() < LEEFLOON_CHANCE[member.status]
            ):
                member.leefloon = True
                # Leefloon itself is not taxable; what remains is a small side income.
                own = 0 if rng.random() < 0.6 else _int(rng, 0, 250_000)
            income += own
        for member in members:
            member.disabled = rng.random() < self._disability_chance(member.age, member.status)
        on_leefloon = any(m.leefloon for m in adults)
        elderly = any(m.age >= 65 for m in adults)
        # The increased-allowance income ceiling (in cents) grows with every extra member.
        ceiling = (26_000 + 4_800 * (len(members) - 1)) * 100
        low_income = income < ceiling
        if on_leefloon:
            allowance = rng.random() < 0.9
        elif low_income:
            disabled = any(m.disabled for m in members)
            allowance = rng.random() < (0.7 if elderly or disabled else 0.55)
        else:
            allowance = rng.random() < (0.08 if income < ceiling * 1.3 else 0.02)

        if on_leefloon:
            tenure = TENURE_LEEFLOON.pick(rng)
        elif elderly:
            tenure = TENURE_ELDERLY.pick(rng)
        elif low_income:
            tenure = TENURE_LOW_INCOME.pick(rng)
        else:
            tenure = TENURE_OTHER.pick(rng)
        if on_leefloon:
            difficulties = rng.random() < 0.5
        else:
            difficulties = rng.random() < (0.3 if low_income else 0.07)

        add = self._fact
        # Every demo household lives at a Herent address, so its domicile is known.
        last = add(rows, household_id, None, "lives_in_herent", True, created)
        if rng.random() < known:
            income_value = _money(income)
            last = add(rows, household_id, None, "household_income", income_value, created)
        if rng.random() < known:
            last = max(last, add(rows, household_id, None, "tenure", tenure, created))
        if tenure in ("private_rent", "social_rent") and rng.random() < known:
            rent = self._rent(tenure, income, len(members))
            last = max(last, add(rows, household_id, None, "monthly_rent", rent, created))
        if rng.random() < known:
            fuel = (FUEL_OWNER if tenure == "owner" else FUEL_TENANT).pick(rng)
            last = max(last, add(rows, household_id, None, "heating_fuel", fuel, created))
        if rng.random() < known:
            last = max(
                last,
                add(rows, household_id, None, "payment_difficulties", difficulties, created),
            )
        for member, person_id in zip(members, person_ids, strict=True):
            if member.role in ("applicant", "partner") or (
                member.role == "other" and member.age >= 18 and rng.random() < 0.4
            ):
                values: tuple[tuple[str, object], ...] = (
                    ("leefloon", member.leefloon),
                    ("verhoogde_tegemoetkoming", allowance),
                    ("disability_recognised", member.disabled),
                    ("employment_status", member.status),
                )
            elif member.role == "child" and member.disabled:
                values = (("disability_recognised", True),)
            else:
                continue
            for key, value in values:
                if rng.random() < known:
                    last = max(last, add(rows, household_id, person_id, key, value, created))
        return last

    def _fact(
        self,
        rows: DemoRows,
        household_id: uuid.UUID,
        person_id: uuid.UUID | None,
        key: str,
        value: object,
        created: datetime,
    ) -> datetime:
        rng = self.rng
        # Most facts are noted during the intake itself; some after a later document.
        when = created + timedelta(seconds=_int(rng, 60, 3600))
        if rng.random() < 0.25:
            days_ago = max(1, (self.today - created.date()).days - _int(rng, 1, 60))
            when = max(when, self._office_time(days_ago))
        kind = FACT_KEYS[key][1]
        row = {
            "id": self._uuid(),
            "household_id": household_id,
            "person_id": person_id,
            "key": key,
            "kind": kind,
            "value_bool": None,
            "value_number": None,
            "value_date": None,
            "value_text": None,
            "evidence": EVIDENCE[key].pick(rng),
            "recorded_by_id": self.recorded_by,
            "recorded_at": when,
            "created_at": when,
            "updated_at": when,
            "version": 1,
        }
        row[VALUE_COLUMNS[kind]] = value
        rows.facts.append(row)
        return when

    def _status(self, member: _Member) -> str:
        rng = self.rng
        if member.age >= 65:
            return STATUS_ELDERLY.pick(rng)
        if member.role == "child":
            return STATUS_ADULT_CHILD.pick(rng)
        if member.age >= 60:
            return STATUS_NEAR_PENSION.pick(rng)
        if member.age < 25:
            return STATUS_YOUNG.pick(rng)
        return STATUS_ADULT.pick(rng)

    def _income(self, status: str) -> int:
        """A person's yearly taxable income in euro cents, by employment status."""
        rng = self.rng
        if status == "employed":
            euros = min(120_000, max(12_000, rng.lognormvariate(10.37, 0.35)))
            if rng.random() < 0.25:
                euros *= 0.6  # part-time
        elif status == "unemployed":
            euros = rng.uniform(12_000, 21_000)
        elif status == "sick_or_invalid":
            euros = rng.uniform(13_000, 24_000)
        elif status == "retired":
            euros = min(60_000, max(11_000, rng.lognormvariate(9.95, 0.3)))
        elif status == "student":
            euros = 0.0 if rng.random() < 0.5 else rng.uniform(0, 4_000)
        else:
            euros = rng.uniform(0, 15_000)
        return round(euros * 100)

    def _rent(self, tenure: str, income_cents: int, size: int) -> Decimal:
        rng = self.rng
        if tenure == "social_rent":
            # Social rent follows income: roughly a fifth, within the usual bounds.
            euros = min(650, max(180, round(income_cents / 100 / 12 * rng.uniform(0.15, 0.22))))
        else:
            euros = round(rng.uniform(600, 1_100) + 50 * (size - 1), -1)
        return Decimal(int(euros) * 100).scaleb(-2)

    @staticmethod
    def _disability_chance(age: int, status: str) -> float:
        if status == "sick_or_invalid":
            return 0.55
        if age >= 80:
            return 0.25
        if age >= 65:
            return 0.10
        return 0.03 if age < 18 else 0.04

    # -- small pieces -----------------------------------------------------------------------

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _family(self, origin: Origin) -> tuple[str, str]:
        return choice(self.rng, origin.families)

    def _elderly_age(self) -> int:
        # About one in five of the elderly is 80 or older.
        return 65 + min(37, int(self.rng.expovariate(1 / 9)))

    def _birth_date(self, age: int) -> date:
        days = int(age * 365.2425) + int(self.rng.random() * 365)
        return self.today - timedelta(days=days)

    def _office_time(self, days_ago: int) -> datetime:
        """A weekday moment during office hours (08:00–16:30 Belgian time), `days_ago` back."""
        day = self.today - timedelta(days=days_ago)
        if day.weekday() >= 5:
            day -= timedelta(days=day.weekday() - 4)
        seconds = int(self.rng.random() * (8 * 3600 + 1800))
        return datetime.combine(day, time(7), tzinfo=UTC) + timedelta(seconds=seconds)

    def _house_number(self) -> str:
        rng = self.rng
        number = 1 + min(299, int(rng.expovariate(1 / 40)))
        return f"{number}{choice(rng, 'ABC')}" if rng.random() < 0.05 else str(number)

    def _box(self) -> str | None:
        rng = self.rng
        if rng.random() >= 0.2:
            return None
        floor, unit = _int(rng, 0, 4), _int(rng, 1, 6)
        return choice(rng, (str(floor * 10 + unit), f"{floor}.{unit}", f"{floor}0{unit}"))

    def _national_number(self, birth: date, male: bool) -> str | None:
        """A number unique in the data set and the database: odd serials for men, even for women.

        One draw per person, then the next free serial of the same parity: a number already
        taken moves only that person's number, never anyone else's.
        """
        prefix = f"{birth:%y%m%d}"
        first = 1 if male else 2
        serial = first + 2 * int(self.serials.random() * 499)
        for _ in range(499):
            key = f"{prefix}{serial:03d}"
            if key not in self.used:
                self.used.add(key)
                return national_number.make(birth, serial)
            serial = serial + 2 if serial + 2 < 999 else first
        return None  # all 499 serials of that day and sex are taken: the person goes without


def _int(rng: random.Random, low: int, high: int) -> int:
    """Like `rng.randint` (both ends included) with one `random()` call, several times faster."""
    return low + int(rng.random() * (high - low + 1))


def _money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _ascii(name: str) -> str:
    """The name as lower-case ASCII letters for a made-up e-mail address."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())
