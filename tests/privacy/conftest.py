"""Fixtures for the privacy tests: a team lead and an administrator, and two households with
a similar name, the first with a contact, note, consent, decision, referral letter and
follow-up."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from builders import family, household, person

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.national_number import make
from sociaalhuis.cases.records import ConsentInput, ContactInput, DecisionInput, MemberInput
from sociaalhuis.catalog import loader
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.referrals.replies import ReplyInput, ReplyService
from sociaalhuis.review.followups import assign_follow_up

CATALOG = loader.load()
TODAY = date(2026, 11, 22)


@pytest.fixture
def admin(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


@pytest.fixture
def lead(db) -> Actor:
    with db.write() as session:
        return ensure_user(session, "els", "Els Teamleider", "team_lead")


@dataclass(frozen=True)
class World:
    first: uuid.UUID
    second: uuid.UUID
    caw: uuid.UUID
    consent: uuid.UUID
    number: str


@pytest.fixture
def world(db, actor, admin, lead) -> World:
    first = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [
            IntakeFact("household_income", "money", Decimal("21400.00")),
            IntakeFact("leefloon", "bool", False, member=0),
        ],
    )
    # The same family name, one letter apart, and the same street: must not leak in.
    second = IntakeService(db).save(
        actor,
        None,
        None,
        household(
            MemberInput(person("Sara", "Janssen", date(1986, 4, 3), 8), "applicant"),
            street="Veltemdorp",
            number="9",
            deelgemeente="Veltem-Beisem",
        ),
        [IntakeFact("household_income", "money", Decimal("18000.00"))],
    )
    caw = DirectoryService(db).create_organisation(
        admin, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
    )
    contacts = ContactService(db)
    contact = contacts.record(
        actor,
        first.id,
        ContactInput(
            question="Hulp bij energie",
            note="Sarah vertelt over schulden bij de energieleverancier.",
            consents=(ConsentInput("CAW Oost-Brabant", "budgethulp"),),
        ),
    )
    contacts.record(actor, second.id, ContactInput(question="Vraag van Sara Janssen"))
    DecisionService(db, CATALOG).record(
        actor,
        first.id,
        DecisionInput("verhoogde_tegemoetkoming", "applied", TODAY, note="Sarah brengt papieren"),
        "Sarah Janssens heeft een laag inkomen",
    )
    referral, _ = ReferralService(db, CATALOG).refer(
        actor,
        first.id,
        ReferralInput(caw.id, "Budgethulp", contact.consents[0].id, ("household_income",)),
        "Lien Peeters",
        TODAY,
    )
    # The partner declines, naming the client; the worker notes what was done about it.
    replies = ReplyService(db)
    reply = replies.record(
        actor,
        referral.id,
        referral.version,
        ReplyInput("declined", TODAY, "Sarah woont buiten regio"),
        TODAY,
    )
    replies.mark_handled(actor, reply.id, "Sarah doorverwezen naar OCMW Leuven")
    assign_follow_up(
        db, lead, [(first.id, None)], actor.user_id, TODAY, "Bel Sarah terug", today=TODAY
    )
    number = make(date(1986, 4, 2), 2)  # Sarah's, as `builders.family` makes it
    return World(first.id, second.id, caw.id, contact.consents[0].id, number)
