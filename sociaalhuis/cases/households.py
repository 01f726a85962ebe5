"""Household service: create, find, open and change a household with its members and facts.

Every call is one unit of work on `Database.write()`: the change and its audit event
commit together or not at all. Changes take the household version the caller last
saw and raise ConflictError when someone else saved in between. Given a findings refresher,
every save also refreshes the stored findings of the household in the same unit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import Row, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, object_session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import (
    EDIT_HOUSEHOLD,
    OPEN_CLIENT_FILE,
    REGISTER_CLIENT,
    SEARCH_CLIENTS,
)
from sociaalhuis.cases import national_number, validation
from sociaalhuis.cases.records import (
    FactInput,
    FactValue,
    FactView,
    HouseholdInput,
    HouseholdSummary,
    HouseholdView,
    MemberView,
    PersonInput,
    PersonView,
)
from sociaalhuis.errors import ConflictError, NotFoundError, ValidationError
from sociaalhuis.storage import search
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Fact, Household, HouseholdMember, Person, utcnow

VALUE_COLUMNS = {
    "bool": "value_bool",
    "number": "value_number",
    "money": "value_number",
    "date": "value_date",
    "text": "value_text",
    "choice": "value_text",
}


def search_name(given: str, family: str) -> str:
    return f"{family} {given}".casefold()


class RefreshesFindings(Protocol):
    """Keeps a household's stored findings in step with a save, inside the save's unit of
    work (`screening.store.FindingsRefresher`; a protocol, so cases need not import it)."""

    def refresh(self, session: Session, household: Household) -> object: ...


class HouseholdService:
    """The operations the intake desk performs on households."""

    def __init__(self, database: Database, findings: RefreshesFindings | None = None) -> None:
        self.db = database
        self.findings = findings

    def create(self, actor: Actor, data: HouseholdInput) -> HouseholdView:
        authorize(self.db, actor, REGISTER_CLIENT)
        clean = validation.household(unmasked(data))
        with self._unit(None, None) as session:
            household = Household()
            self._apply_address(household, clean)
            session.add(household)
            self._apply_members(session, household, clean)
            session.flush()
            audit.record(
                session,
                actor,
                "household.created",
                "household",
                household.id,
                members=len(clean.members),
            )
            assign_to_creator(session, actor, household.id)
            self.refresh_findings(session, household)
            return household_view(household)

    def get(self, actor: Actor, household_id: uuid.UUID) -> HouseholdView:
        """Open a household; the read is audited like a change, with the ground it was
        opened on. A colleague's case raises BreakGlassRequired (nothing is written)."""
        authorize(self.db, actor, OPEN_CLIENT_FILE)
        with self.db.write() as session:
            household = load_household(session, household_id)
            basis = need_to_know.check_open(session, actor, household_id)
            audit.record(
                session, actor, "household.viewed", "household", household_id, access=basis
            )
            return household_view(household)

    def reveal_national_number(
        self, actor: Actor, household_id: uuid.UUID, person_id: uuid.UUID
    ) -> str:
        """A member's national number in full (11 digits), for whoever may open the household;
        audited as `national_number.revealed` (the event names the person, not the number)."""
        authorize(self.db, actor, OPEN_CLIENT_FILE)
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            if not is_member(session, household_id, person_id):
                raise ValidationError("person_id", "is not a member of this household")
            person = session.get(Person, person_id)
            if person is None or not person.national_number:
                raise ValidationError("person_id", "has no national register number")
            audit.record(
                session,
                actor,
                "national_number.revealed",
                "household",
                household_id,
                person=str(person_id),
            )
            return person.national_number

    def update(
        self, actor: Actor, household_id: uuid.UUID, expected_version: int, data: HouseholdInput
    ) -> HouseholdView:
        """Replace the address and the member list; members left out lose their facts here."""
        authorize(self.db, actor, EDIT_HOUSEHOLD)
        clean = validation.household(unmasked(data))
        with self._unit(household_id, expected_version) as session:
            household = load_for_change(session, household_id, expected_version)
            need_to_know.check_open(session, actor, household_id)
            self._apply_address(household, clean)
            removed = self._apply_members(session, household, clean)
            household.updated_at = utcnow()
            session.flush()
            audit.record(
                session,
                actor,
                "household.updated",
                "household",
                household_id,
                members=len(clean.members),
                removed_members=len(removed),
            )
            self.refresh_findings(session, household)
            return household_view(household)

    def record_facts(
        self,
        actor: Actor,
        household_id: uuid.UUID,
        expected_version: int,
        facts: Sequence[FactInput],
    ) -> HouseholdView:
        """Set or clear facts, one per (person, key); the household version moves on."""
        authorize(self.db, actor, EDIT_HOUSEHOLD)
        clean = [validation.fact(f"facts[{i}]", fact) for i, fact in enumerate(facts)]
        with self._unit(household_id, expected_version) as session:
            household = load_for_change(session, household_id, expected_version)
            need_to_know.check_open(session, actor, household_id)
            members = {m.person_id for m in household.members}
            for index, fact in enumerate(clean):
                if fact.person_id is not None and fact.person_id not in members:
                    raise ValidationError(
                        f"facts[{index}].person_id", "is not a member of this household"
                    )
                set_fact(household, fact, actor)
            household.updated_at = utcnow()
            session.flush()
            audit.record(
                session,
                actor,
                "household.facts_recorded",
                "household",
                household_id,
                keys=sorted({f.key for f in clean}),
            )
            self.refresh_findings(session, household)
            return household_view(household)

    def find(self, actor: Actor, text: str, limit: int = 50) -> list[HouseholdSummary]:
        """Households where every word of `text` starts a word of a member's name, of the
        street or house number, or starts a member's national number (4 digits or more,
        dots and dashes allowed), or, failing enough of those, is one or two typos off.

        Best match first: the national number in full, a member's whole name, the starts of
        words, typos; within each, by applicant name. Only the first `search.MAX_SEARCH_CHARS`
        characters and `search.MAX_SEARCH_WORDS` words count. Case and accents do not matter;
        see `storage.search`.
        """
        authorize(self.db, actor, SEARCH_CLIENTS)
        wanted = search.query_words(text)
        if not wanted:
            return []
        with self.db.write() as session:
            ranks = search.ranked(session, wanted, limit)
            found = _summaries(session, ranks, wanted, actor)
            # Counts only: the search text itself may be a national number or a name.
            audit.record(
                session,
                actor,
                "household.searched",
                "household",
                None,
                words=len(wanted),
                results=len(found),
            )
            return found

    def count(self) -> int:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(Household)) or 0

    def refresh_findings(self, session: Session, household: Household) -> None:
        """Refresh the stored findings of the household just saved, and of every other
        household one of its members belongs to (a birth date is theirs too); no-op without
        a refresher. Call it inside the save's unit, after the changes."""
        if self.findings is None:
            return
        self.findings.refresh(session, household)
        people = [member.person_id for member in household.members]
        if not people:
            return
        query = (
            select(HouseholdMember.household_id)
            .where(
                HouseholdMember.person_id.in_(people),
                HouseholdMember.household_id != household.id,
            )
            .distinct()
        )
        for other in sorted(session.scalars(query)):
            self.findings.refresh(session, load_household(session, other))

    # -- helpers -------------------------------------------------------------------------

    @contextmanager
    def _unit(self, household_id: uuid.UUID | None, expected: int | None) -> Iterator[Session]:
        """A write unit that turns a lost race into ConflictError and a duplicate into
        ValidationError."""
        try:
            with self.db.write() as session:
                yield session
        except StaleDataError as exc:
            # Another unit committed between our load and our UPDATE: the version counter
            # matched no row. The message names the table, and with it what changed.
            entity = stale_entity(str(exc))
            if entity == "household":
                raise ConflictError("household", household_id, expected, None) from None
            raise ConflictError(entity, None, None, None) from None
        except IntegrityError as exc:
            if "national_number" in str(exc.orig):
                raise ValidationError(
                    "members.national_number", "already registered for another person"
                ) from None
            raise

    @staticmethod
    def _apply_address(household: Household, data: HouseholdInput) -> None:
        address = data.address
        household.street = address.street
        household.house_number = address.house_number
        household.box = address.box
        household.postcode = address.postcode
        household.deelgemeente = address.deelgemeente
        household.search_street = f"{address.street} {address.house_number}".casefold()

    def _apply_members(
        self, session: Session, household: Household, data: HouseholdInput
    ) -> list[uuid.UUID]:
        current = {m.person_id: m for m in household.members}
        kept: list[HouseholdMember] = []
        for position, member in enumerate(data.members):
            person = _person(session, member.person, f"members[{position}]")
            membership = current.pop(person.id, None) if person.id else None
            if membership is None:
                membership = HouseholdMember(person=person)
            elif member.version is not None and member.version != membership.version:
                raise ConflictError("membership", membership.id, member.version, membership.version)
            membership.role = member.role
            membership.position = position
            kept.append(membership)
        removed = list(current)
        household.facts = [f for f in household.facts if f.person_id not in removed]
        household.members = kept
        return removed


STALE_TABLES = {"persons": "person", "household_members": "membership", "facts": "fact"}


def stale_entity(message: str) -> str:
    """Which record a StaleDataError is about, from the table its message names."""
    table = message.split("table '", 1)[-1].split("'", 1)[0]
    return STALE_TABLES.get(table, "household")


def is_member(session: Session, household_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """Whether the person belongs to the household (for input naming a member)."""
    query = select(HouseholdMember.id).where(
        HouseholdMember.household_id == household_id, HouseholdMember.person_id == person_id
    )
    return session.scalars(query).first() is not None


def _person(session: Session, data: PersonInput, field: str) -> Person:
    with session.no_autoflush:
        person = session.get(Person, data.person_id) if data.person_id else Person()
        if person is None:
            raise ValidationError(f"{field}.person_id", "no such person")
        if data.version is not None and person.id is not None and data.version != person.version:
            # Checked again by the UPDATE itself (version_id_col), should a unit commit between.
            raise ConflictError("person", person.id, data.version, person.version)
        if data.keep_national_number:
            _check_kept_number(person, data, field)
        elif data.national_number:
            clash = session.scalars(
                select(Person.id).where(Person.national_number == data.national_number)
            ).first()
            if clash is not None and clash != person.id:
                raise ValidationError(
                    f"{field}.national_number", "already registered for another person"
                )
    person.given_name = data.given_name
    person.family_name = data.family_name
    person.birth_date = data.birth_date
    if not data.keep_national_number:
        person.national_number = data.national_number
    person.language = data.language
    person.phone = data.phone
    person.email = data.email
    person.search_name = search_name(data.given_name, data.family_name)
    session.add(person)
    return person


def set_fact(household: Household, data: FactInput, actor: Actor) -> None:
    """Set, change or (with `value=None`) clear one fact of the loaded household."""
    existing = next(
        (f for f in household.facts if f.key == data.key and f.person_id == data.person_id), None
    )
    if data.value is None:
        if existing is not None:
            household.facts.remove(existing)
        return
    fact = existing or Fact(key=data.key, person_id=data.person_id)
    if existing is None:
        household.facts.append(fact)
    fact.kind = data.kind
    fact.value_bool = fact.value_number = fact.value_date = fact.value_text = None
    setattr(fact, VALUE_COLUMNS[data.kind], data.value)
    fact.evidence = data.evidence
    fact.valid_from = data.valid_from
    fact.valid_until = data.valid_until
    fact.recorded_by_id = actor.user_id
    fact.recorded_at = utcnow()


def load_household(session: Session, household_id: uuid.UUID) -> Household:
    """The household with its members and facts; NotFoundError when there is none."""
    query = (
        select(Household)
        .where(Household.id == household_id)
        .options(selectinload(Household.members), selectinload(Household.facts))
    )
    household = session.scalars(query).one_or_none()
    if household is None:
        raise NotFoundError("household", household_id)
    return household


def load_for_change(session: Session, household_id: uuid.UUID, expected: int) -> Household:
    """`load_household`, and ConflictError unless it is still at the `expected` version."""
    household = load_household(session, household_id)
    if household.version != expected:
        raise ConflictError("household", household_id, expected, household.version)
    return household


def fact_value(fact: Fact) -> FactValue | None:
    value = getattr(fact, VALUE_COLUMNS[fact.kind])
    if fact.kind in ("number", "money") and value is not None:
        return Decimal(value).normalize() if fact.kind == "number" else Decimal(value)
    return value  # type: ignore[no-any-return]


def _person_view(person: Person) -> PersonView:
    return PersonView(
        id=person.id,
        version=person.version,
        given_name=person.given_name,
        family_name=person.family_name,
        birth_date=person.birth_date,
        national_number=national_number.mask(person.national_number)
        if person.national_number
        else None,
        language=person.language,
        phone=person.phone,
        email=person.email,
        national_number_known=bool(person.national_number),
    )


def _fact_view(fact: Fact) -> FactView:
    return FactView(
        id=fact.id,
        key=fact.key,
        kind=fact.kind,
        value=fact_value(fact),
        person_id=fact.person_id,
        evidence=fact.evidence,
        recorded_by=fact.recorded_by_id,
        recorded_at=fact.recorded_at,
        valid_from=fact.valid_from,
        valid_until=fact.valid_until,
    )


def household_view(household: Household) -> HouseholdView:
    """The loaded household as the record the services hand out."""
    session = object_session(household)
    worker = need_to_know.case_worker(session, household.id) if session is not None else None
    return HouseholdView(
        id=household.id,
        version=household.version,
        street=household.street,
        house_number=household.house_number,
        box=household.box,
        postcode=household.postcode,
        deelgemeente=household.deelgemeente,
        members=tuple(
            MemberView(_person_view(m.person), m.role, m.version) for m in household.members
        ),
        facts=tuple(
            _fact_view(f)
            for f in sorted(household.facts, key=lambda f: (f.key, str(f.person_id or "")))
        ),
        case_worker=worker,
    )


def _summaries(
    session: Session, ranks: dict[uuid.UUID, int], wanted: list[str], actor: Actor
) -> list[HouseholdSummary]:
    """Result lines, best rank first, then by applicant name; a whole-word match stays a name
    match only when one member's own name holds every word. A colleague's case the actor may
    not open keeps only its name (`restricted`)."""
    if not ranks:
        return []
    hidden = need_to_know.restricted(session, actor, list(ranks))
    # Plain rows rather than ORM objects: loading 50 households with their members as objects
    # took longer than the search itself.
    query = (
        select(
            Household.id,
            Household.street,
            Household.house_number,
            Household.box,
            Household.deelgemeente,
            HouseholdMember.role,
            Person.given_name,
            Person.family_name,
            Person.national_number,
        )
        .join(HouseholdMember, HouseholdMember.household_id == Household.id)
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(Household.id.in_(ranks))
        .order_by(Household.id, HouseholdMember.position)
    )
    by_household: dict[uuid.UUID, list[Row[Any]]] = {}
    for row in session.execute(query):
        by_household.setdefault(row.id, []).append(row)
    lines = []
    for household_id, members in by_household.items():
        rank = ranks[household_id]
        if rank == search.RANK_NAME:
            people = [(m.given_name, m.family_name, m.national_number) for m in members]
            rank = search.member_rank(wanted, people)
        lines.append((rank, _summary(members, household_id in hidden)))
    lines.sort(key=lambda line: (line[0], line[1].applicant_name.casefold(), str(line[1].id)))
    return [summary for _rank, summary in lines]


def _summary(members: list[Row[Any]], restricted: bool) -> HouseholdSummary:
    """One result line from a household's rows, one per member (from `_summaries`)."""
    applicant = next(m for m in members if m.role == "applicant")
    name = f"{applicant.family_name}, {applicant.given_name}"
    if restricted:
        return HouseholdSummary(
            id=applicant.id,
            applicant_name=name,
            national_number=None,
            address=None,
            deelgemeente=None,
            member_count=len(members),
            restricted=True,
        )
    box = f" bus {applicant.box}" if applicant.box else ""
    number = applicant.national_number
    return HouseholdSummary(
        id=applicant.id,
        applicant_name=name,
        national_number=national_number.mask(number) if number else None,
        address=f"{applicant.street} {applicant.house_number}{box}",
        deelgemeente=applicant.deelgemeente,
        member_count=len(members),
    )


def unmasked(data: HouseholdInput) -> HouseholdInput:
    """The input with every masked national number turned into "keep the stored number", so
    that a mask shown on screen and saved back can never overwrite a number."""
    members = tuple(
        replace(
            member,
            person=replace(member.person, national_number=None, keep_national_number=True),
        )
        if national_number.is_masked(member.person.national_number)
        else member
        for member in data.members
    )
    return replace(data, members=members)


def _check_kept_number(person: Person, data: PersonInput, field: str) -> None:
    """A kept number needs a stored person, and must still match the birth date given."""
    if person.id is None or data.person_id is None:
        raise ValidationError(
            f"{field}.national_number", "a new person's national number must be typed in full"
        )
    if person.national_number and data.birth_date is not None:
        national_number.normalise(
            f"{field}.national_number", person.national_number, data.birth_date
        )


def assign_to_creator(session: Session, actor: Actor, household_id: uuid.UUID) -> None:
    """A social worker who registers a household becomes its case worker, in the same unit."""
    if actor.role == "social_worker":
        need_to_know.assign_in(session, actor, household_id, actor.user_id)
