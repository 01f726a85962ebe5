"""The text fields of the services, each with how a value is written into it and read back
from the database, for tests/access/test_hostile_input.py."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import inspect, select, text

from sociaalhuis.access import accounts, need_to_know
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import (
    AddressInput,
    ConsentInput,
    ContactInput,
    DecisionInput,
    FactInput,
    HouseholdInput,
    MemberInput,
    PersonInput,
)
from sociaalhuis.catalog import loader
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import LocationInput, OrganisationInput, ServiceInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    BreakGlassGrant,
    Consent,
    Contact,
    ContactNote,
    Decision,
    Fact,
    Household,
    Location,
    Organisation,
    Person,
    Referral,
    Service,
    User,
)

CATALOG = loader.load()
TODAY = date(2026, 11, 22)
RIGHT = "verhoogde_tegemoetkoming"
PARTNER = "CAW Oost-Brabant"


# Stored and read back exactly wherever free text is allowed.
@dataclass
class World:
    """One database with a case, a neighbouring case, a partner and its consent."""

    db: Database
    backend: str
    lead: Actor
    admin: Actor
    worker: Actor  # a social worker; the case is assigned to a colleague of theirs
    case: uuid.UUID
    neighbour: uuid.UUID
    partner: uuid.UUID
    consent: uuid.UUID
    referral: uuid.UUID
    tables: tuple[str, ...]
    serial: Iterator[int]
    before: dict[str, int] | None = None
    # Counting every table costs more than most writes: skipped where a refusal would fail
    # the test anyway.
    counting: bool = True

    def mark(self) -> None:
        """Note the row counts: a write that is refused from here on must leave them so."""
        self.before = self.counts() if self.counting else None

    def counts(self) -> dict[str, int]:
        """Rows per table, in one statement."""
        parts = ", ".join(f'(SELECT count(*) FROM "{name}") AS "{name}"' for name in self.tables)
        with self.db.read() as session:
            return dict(session.execute(text(f"SELECT {parts}")).mappings().one())

    def neighbour_rows(self) -> list[tuple[Any, ...]]:
        """Everything stored about the neighbouring case and the partner."""
        with self.db.read() as session:
            rows = list(
                session.execute(
                    select(
                        Household.street,
                        Household.house_number,
                        Household.version,
                        Person.given_name,
                        Person.family_name,
                        Person.national_number,
                        Person.version,
                    )
                    .join(Household.members)
                    .join(Person)
                    .where(Household.id == self.neighbour)
                    .order_by(Person.family_name, Person.given_name)
                )
            )
            partner = select(
                Organisation.name, Organisation.description, Organisation.version
            ).where(Organisation.id == self.partner)
            rows += session.execute(partner)
            return [tuple(row) for row in rows]

    def name(self) -> str:
        return f"n{next(self.serial)}"


def build(db: Database, backend: str) -> World:
    with db.write() as session:
        # The system user signs failed logins under unknown names; made here, not by them.
        ensure_user(session, "system", "Systeem", "system")
        lead = ensure_user(session, "lead", "Team Lead", "team_lead")
        admin = ensure_user(session, "beheer", "Beheerder", "admin")
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        colleague = ensure_user(session, "jan", "Jan Claes", "social_worker")
    households = HouseholdService(db)
    case = households.create(lead, household("Sarah", "Janssens", "Veltemdorp", "7"))
    neighbour = households.create(lead, household("Jozef", "Vermeulen", "Kerkstraat", "12"))
    directory = DirectoryService(db)
    partner = directory.create_organisation(
        admin, OrganisationInput(PARTNER, "Budgethulp", bound_by_professional_secrecy=True)
    )
    contact = ContactService(db).record(
        lead,
        case.id,
        ContactInput(question="Energie", consents=(ConsentInput(PARTNER, "budgethulp"),)),
    )
    referral = ReferralService(db, CATALOG).create(
        lead, case.id, ReferralInput(partner.id, "Budgethulp", None), TODAY
    )
    need_to_know.assign(db, lead, case.id, colleague.user_id)
    tables = tuple(sorted(inspect(db.engine).get_table_names()))
    return World(
        db,
        backend,
        lead,
        admin,
        worker,
        case.id,
        neighbour.id,
        partner.id,
        contact.consents[0].id,
        referral.id,
        tables,
        itertools.count(1),
    )


def household(
    given: str = "Ann",
    family: str = "Claes",
    street: str = "Dorpstraat",
    number: str = "5",
    *,
    deelgemeente: str = "Herent",
    postcode: str = "3020",
    box: str | None = None,
    language: str = "nl",
    phone: str | None = None,
    email: str | None = None,
    national_number: str | None = None,
    role: str = "applicant",
) -> HouseholdInput:
    person = PersonInput(
        given,
        family,
        birth_date=date(1980, 1, 1),
        national_number=national_number,
        language=language,
        phone=phone,
        email=email,
    )
    address = AddressInput(street, number, deelgemeente, postcode, box)
    return HouseholdInput(address, (MemberInput(person, role),))


def _read(w: World, column: Any, row_id: uuid.UUID) -> Any:
    entity = column.class_
    with w.db.read() as session:
        return session.scalars(select(column).where(entity.id == row_id)).one()


# -- how each field is written and read back -----------------------------------------------

Write = Callable[[World, str], Any]


def hh(column: Any, key: str) -> Write:
    """Create a household with the value as `household(key=...)`; read the column back."""

    def write(w: World, value: str) -> Any:
        view = HouseholdService(w.db).create(w.lead, household(**{key: value}))
        row_id = view.applicant.id if column.class_ is Person else view.id
        return _read(w, column, row_id)

    return write


def household_with_postcode(postcode: str) -> Write:
    def write(w: World, value: str) -> Any:
        data = household(deelgemeente=value, postcode=postcode)
        view = HouseholdService(w.db).create(w.lead, data)
        return _read(w, Household.deelgemeente, view.id)

    return write


def updated_family_name(w: World, value: str) -> Any:
    service = HouseholdService(w.db)
    view = service.create(w.lead, household())
    w.mark()
    person = PersonInput("Ann", value, birth_date=date(1980, 1, 1), person_id=view.applicant.id)
    address = AddressInput("Dorpstraat", "5", "Herent")
    data = HouseholdInput(address, (MemberInput(person, "applicant"),))
    service.update(w.lead, view.id, view.version, data)
    return _read(w, Person.family_name, view.applicant.id)


def intake_street(w: World, value: str) -> Any:
    view = IntakeService(w.db).save(w.lead, None, None, household(street=value))
    return _read(w, Household.street, view.id)


def fact(kind: str = "text", key: str = "hostile_note", part: str = "value") -> Write:
    def write(w: World, value: str) -> Any:
        service = HouseholdService(w.db)
        version = service.get(w.lead, w.case).version
        w.mark()
        entry = {"key": key, "kind": kind, "value": "ja", "evidence": "statement"}
        entry[part] = value
        view = service.record_facts(w.lead, w.case, version, [FactInput(**entry)])
        stored = next(f for f in view.facts if f.key == entry["key"] and f.person_id is None)
        column = {"value": Fact.value_text, "key": Fact.key, "evidence": Fact.evidence}[part]
        return _read(w, column, stored.id)

    return write


def intake_fact(w: World, value: str) -> Any:
    facts = [IntakeFact("hostile_choice", "choice", value, member=0)]
    view = IntakeService(w.db).save(w.lead, None, None, household(), facts)
    return _read(w, Fact.value_text, view.facts[0].id)


def contact(part: str) -> Write:
    columns = {"question": Contact.question, "site": Contact.site, "channel": Contact.channel}

    def write(w: World, value: str) -> Any:
        fields = {"question": "Vraag", "note": "Nota", **{part: value}}
        view = ContactService(w.db).record(w.lead, w.case, ContactInput(**fields))
        if part == "note":
            return _read(w, ContactNote.text, view.notes[0].id)
        return _read(w, columns[part], view.id)

    return write


def consent(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        given = {"partner": PARTNER, "purpose": "budgethulp", "how": "verbal", part: value}
        data = ContactInput(question="Toestemming", consents=(ConsentInput(**given),))
        view = ContactService(w.db).record(w.lead, w.case, data)
        return _read(w, getattr(Consent, part), view.consents[0].id)

    return write


def added_note(w: World, value: str) -> Any:
    service = ContactService(w.db)
    contact_id = service.record(w.lead, w.case, ContactInput(question="Nota volgt")).id
    w.mark()
    view = service.add_note(w.lead, contact_id, value)
    return _read(w, ContactNote.text, view.notes[-1].id)


def decision(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields = {"right_id": RIGHT, "action": "applied", "note": "", part: value}
        explanation = value if part == "explanation" else "Uitleg"
        if part == "explanation":
            fields.pop("explanation")
        data = DecisionInput(decided_on=TODAY, **fields)
        view = DecisionService(w.db, CATALOG).record(w.lead, w.case, data, explanation)
        return _read(w, getattr(Decision, part), view.id)

    return write


def referral(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields: dict[str, Any] = {"reason": "Budgethulp", "right_id": None, "shared_facts": ()}
        fields[part] = (value,) if part == "shared_facts" else value
        data = ReferralInput(w.partner, consent_id=None, **fields)
        view = ReferralService(w.db, CATALOG).create(w.lead, w.case, data, TODAY)
        return _read(
            w, Referral.reason if part == "shared_facts" else getattr(Referral, part), view.id
        )

    return write


def referral_letter(w: World, value: str) -> Any:
    """The reason printed on a letter to the partner, archived with the referral."""
    data = ReferralInput(w.partner, value, w.consent)
    view, letter = ReferralService(w.db, CATALOG).refer(w.lead, w.case, data, "Lien", TODAY)
    assert letter.pdf.startswith(b"%PDF")
    return _read(w, Referral.reason, view.id)


def referral_status(w: World, value: str) -> Any:
    service = ReferralService(w.db, CATALOG)
    current = next(r for r in service.for_household(w.lead, w.case) if r.id == w.referral)
    w.mark()
    service.set_status(w.lead, w.referral, current.version, value, TODAY)
    return _read(w, Referral.status, w.referral)


def organisation(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields = {"name": f"Partner {w.name()}", part: value}
        service = DirectoryService(w.db)
        view = service.create_organisation(w.lead, OrganisationInput(**fields))
        stored = _read(w, getattr(Organisation, part), view.id)
        # Free the name again: the renaming case types the same values.
        service.update_organisation(
            w.lead, view.id, view.version, OrganisationInput(f"Partner {w.name()}")
        )
        return stored

    return write


def renamed_organisation(w: World, value: str) -> Any:
    service = DirectoryService(w.db)
    view = service.create_organisation(w.lead, OrganisationInput(f"Partner {w.name()}"))
    w.mark()
    service.update_organisation(w.lead, view.id, view.version, OrganisationInput(value))
    return _read(w, Organisation.name, view.id)


def service_field(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields = {"name": "Dienst", part: value}
        view = DirectoryService(w.db).save_service(w.lead, w.partner, ServiceInput(**fields))
        return _read(w, getattr(Service, part), view.id)

    return write


def location(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields = {"name": "Plaats", part: value}
        view = DirectoryService(w.db).save_location(w.lead, w.partner, LocationInput(**fields))
        return _read(w, getattr(Location, part), view.id)

    return write


def account(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        fields = {
            "username": w.name(),
            "display_name": "Nieuwe Collega",
            "role": "social_worker",
            "function_title": "maatschappelijk werker",
            "password": "een goed wachtwoord",
            part: value,
        }
        with w.db.write() as session:
            made = accounts.add_user(session, w.admin, **fields)
        if part == "password":
            return value if accounts.authenticate(w.db, made.username, value) else None
        return _read(w, getattr(User, part), made.user_id)

    return write


def break_glass_reason(w: World, value: str) -> Any:
    need_to_know.break_glass(w.db, w.worker, w.case, value, minutes=1)
    newest = (
        select(BreakGlassGrant.reason)
        .where(BreakGlassGrant.user_id == w.worker.user_id)
        .order_by(BreakGlassGrant.granted_at.desc())
        .limit(1)
    )
    with w.db.read() as session:
        return session.scalars(newest).one()


def letterhead(part: str) -> Write:
    def write(w: World, value: str) -> Any:
        service = LetterheadService(w.db)
        fields: dict[str, Any] = {"organisation": "Sociaal Huis Herent", part: value}
        if part == "address_lines":
            fields[part] = (value,)
        service.update(w.admin, Sender(**fields), service.get().version)
        stored = getattr(service.get().sender, part)
        return stored[0] if part == "address_lines" else stored

    return write


@dataclass(frozen=True)
class Field:
    """A text field: where it goes, the name its ValidationError gives, its limit.

    `free`: any one-line printable text fits (else it must match a pattern or a choice, and
    a value that does not is refused).
    """

    id: str
    field: str
    write: Write
    limit: int | None = None
    free: bool = True
    multiline: bool = False
    at_limit: Callable[[int], str] = lambda n: "w" * n


def _email(n: int) -> str:
    return "a" * (n - 5) + "@x.be"


def _digits(n: int) -> str:
    return "0" * n


def _web(n: int) -> str:
    return "https://x.be/" + "a" * (n - 13)


def plain(id: str, field: str, write: Write, limit: int | None = None, **more: Any) -> Field:
    """A field any one-line text fits (up to its limit)."""
    return Field(id, field, write, limit, **more)


def lines(id: str, field: str, write: Write, limit: int, **more: Any) -> Field:
    """A field for free text with line breaks."""
    return Field(id, field, write, limit, multiline=True, **more)


def strict(id: str, field: str, write: Write, limit: int | None = None, **more: Any) -> Field:
    """A field that takes a pattern or a choice, so most hostile text is refused."""
    return Field(id, field, write, limit, free=False, **more)


M = "members[0]"
FIELDS = (
    plain("person.given_name", f"{M}.given_name", hh(Person.given_name, "given"), 200),
    plain(
        "person.family_name",
        f"{M}.family_name",
        hh(Person.family_name, "family"),
        200,
    ),
    plain("person.phone", f"{M}.phone", hh(Person.phone, "phone"), 50),
    plain("person.email", f"{M}.email", hh(Person.email, "email"), 254),
    strict(
        "person.national_number",
        f"{M}.national_number",
        hh(Person.national_number, "national_number"),
    ),
    strict("person.language", f"{M}.language", hh(Person.language, "language")),
    strict("member.role", f"{M}.role", hh(Household.street, "role")),
    plain("address.street", "address.street", hh(Household.street, "street"), 150),
    plain(
        "address.house_number",
        "address.house_number",
        hh(Household.house_number, "number"),
        20,
    ),
    plain("address.box", "address.box", hh(Household.box, "box"), 20),
    strict(
        "address.postcode",
        "address.postcode",
        hh(Household.postcode, "postcode"),
        10,
        at_limit=lambda n: "3020",
    ),
    strict("address.deelgemeente in 3020", "address.deelgemeente", household_with_postcode("3020")),
    plain(
        "address.deelgemeente elsewhere",
        "address.deelgemeente",
        household_with_postcode("3000"),
        50,
    ),
    plain("update: family_name", f"{M}.family_name", updated_family_name, 200),
    plain("intake: street", "address.street", intake_street, 150),
    lines("fact text value", "facts[0].value", fact("text"), 1_000),
    plain("fact choice value", "facts[0].value", fact("choice"), 1_000),
    strict("fact key", "facts[0].key", fact(part="key"), 100, at_limit=lambda n: "k" * n),
    strict("fact evidence", "facts[0].evidence", fact(part="evidence")),
    plain("intake fact value", "facts[0].value", intake_fact, 1_000),
    lines("contact question", "question", contact("question"), 1_000),
    lines("contact note", "note", contact("note"), 4_000),
    plain("contact site", "site", contact("site"), 50),
    strict("contact channel", "channel", contact("channel")),
    plain("consent partner", "consents[0].partner", consent("partner"), 300),
    lines("consent purpose", "consents[0].purpose", consent("purpose"), 1_000),
    strict("consent how", "consents[0].how", consent("how")),
    lines("added note", "note", added_note, 4_000),
    lines("decision note", "note", decision("note"), 4_000),
    lines("decision explanation", "explanation", decision("explanation"), 50_000),
    strict("decision right", "right_id", decision("right_id")),
    strict("decision action", "action", decision("action")),
    lines("referral reason", "reason", referral("reason"), 4_000),
    lines("referral letter reason", "reason", referral_letter, 4_000),
    strict("referral right", "right_id", referral("right_id")),
    strict("referral shared fact", "shared_facts[0]", referral("shared_facts")),
    strict("referral status", "status", referral_status),
    plain("organisation name", "name", organisation("name"), 300),
    plain("organisation renamed", "name", renamed_organisation, 300),
    plain("organisation alternate_name", "alternate_name", organisation("alternate_name"), 300),
    lines("organisation description", "description", organisation("description"), 4_000),
    strict("organisation email", "email", organisation("email"), 254, at_limit=_email),
    strict("organisation phone", "phone", organisation("phone"), 50, at_limit=_digits),
    strict("organisation website", "website", organisation("website"), 500, at_limit=_web),
    lines("organisation address", "address", organisation("address"), 500),
    plain("service name", "name", service_field("name"), 300),
    lines("service description", "description", service_field("description"), 4_000),
    strict("service email", "email", service_field("email"), 254, at_limit=_email),
    strict("service url", "url", service_field("url"), 500, at_limit=_web),
    strict("service status", "status", service_field("status")),
    plain("location name", "name", location("name"), 300),
    plain("location address_1", "address_1", location("address_1"), 300),
    plain("location postal_code", "postal_code", location("postal_code"), 20),
    plain("location city", "city", location("city"), 100),
    strict("user username", "username", account("username"), 80, at_limit=lambda n: "u" * n),
    plain("user display_name", "display_name", account("display_name"), 200),
    plain("user function_title", "function_title", account("function_title"), 200),
    strict("user role", "role", account("role")),
    strict("user password", "password", account("password"), 1024),
    # At least 10 characters, so not free.
    strict("break-glass reason", "reason", break_glass_reason, 1_000, multiline=True),
    plain("letterhead organisation", "organisation", letterhead("organisation"), 120),
    plain("letterhead address line", "address_lines[0]", letterhead("address_lines"), 80),
    strict("letterhead phone", "phone", letterhead("phone"), 40, at_limit=_digits),
    strict("letterhead email", "email", letterhead("email"), 120, at_limit=_email),
)
