"""Referrals: minimum facts, consent and professional secrecy, the archived letter as a
disclosure, status follow-up and overdue referrals."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from builders import family
from pypdf import PdfReader
from sqlalchemy import func, select

from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import ConsentInput, ContactInput
from sociaalhuis.catalog import loader
from sociaalhuis.errors import ConflictError, ValidationError
from sociaalhuis.letters import sha256
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService, minimum_facts
from sociaalhuis.storage.models import AuditEvent, Letter, Referral

CATALOG = loader.load()
TODAY = date(2026, 11, 22)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def setting(db, actor, admin):
    household = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [
            IntakeFact("household_income", "money", Decimal("21400.00")),
            IntakeFact("tenure", "choice", "private_rent"),
            IntakeFact("leefloon", "bool", False, member=0),
            IntakeFact("payment_difficulties", "bool", True),
        ],
    )
    directory = DirectoryService(db)
    caw = directory.create_organisation(
        admin,  # only an administrator marks a partner as bound by professional secrecy
        OrganisationInput(
            "CAW Oost-Brabant",
            address="Diestsesteenweg 1, 3010 Leuven",
            bound_by_professional_secrecy=True,
        ),
    )
    shop = directory.create_organisation(actor, OrganisationInput("Energieleverancier NV"))
    contact = ContactService(db).record(
        actor,
        household.id,
        ContactInput(
            question="Hulp bij energie", consents=(ConsentInput("CAW Oost-Brabant", "budgethulp"),)
        ),
    )
    return household, caw, shop, contact.consents[0]


def test_the_minimum_facts_of_a_right_are_what_its_conditions_read():
    needed = minimum_facts(CATALOG, "verhoogde_tegemoetkoming")
    assert "household_income" in needed and "leefloon" in needed
    assert "birth_date" in needed or "dependant" in needed  # through age and the gezin
    assert "role" not in needed and "vt_income_limit" not in needed


def test_a_referral_letter_carries_only_the_chosen_facts(db, actor, setting):
    household, caw, _shop, consent = setting
    service = ReferralService(db, CATALOG)
    data = ReferralInput(
        caw.id,
        "Budgethulp en energie",
        consent.id,
        shared_facts=("household_income", "m1.leefloon"),
        right_id="verhoogde_tegemoetkoming",
        follow_up_on=date(2026, 12, 6),
    )
    referral, letter = service.refer(actor, household.id, data, "Lien Peeters", TODAY)
    assert referral.status == "sent" and referral.reference == "SH-2026-00001"
    text = text_of(letter.pdf)
    assert "CAW Oost-Brabant" in text and "SH-2026-00001" in text and "22/11/2026" in text
    assert "Sarah Janssens" in text and "€ 21.400,00" in text and "Budgethulp" in text
    assert "private" not in text.casefold()  # tenure was not selected
    assert "betalingsmoeilijkheden" not in text.casefold()
    assert "Mehmet" not in text  # other members are not named
    assert letter.sha256 == sha256(letter.pdf)
    with db.read() as session:
        stored = session.scalars(select(Letter)).one()
        assert stored.pdf == letter.pdf and stored.sha256 == letter.sha256
        printed = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "letter.printed")
        ).one()
        assert json.loads(printed.detail)["disclosed"] == ["household_income", "m1.leefloon"]
    archive = service.letters_for(actor, household.id)
    assert [a.sha256 for a in archive] == [letter.sha256]


def test_without_consent_or_secrecy_nothing_is_shared_or_written(db, actor, admin, setting):
    household, caw, shop, consent = setting
    service = ReferralService(db, CATALOG)
    cases = [
        (ReferralInput(caw.id, "x", None, ("household_income",)), "consent_id"),
        (ReferralInput(shop.id, "x", consent.id, ("household_income",)), "organisation_id"),
        (ReferralInput(caw.id, " ", consent.id, ("household_income",)), "reason"),
        (ReferralInput(caw.id, "x", consent.id, ("shoe_size",)), "shared_facts[0]"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as caught:
            service.refer(actor, household.id, data, "Lien", TODAY)
        assert caught.value.field == field
    with pytest.raises(ValidationError) as caught:  # consent given for another partner
        other = DirectoryService(db).create_organisation(
            admin, OrganisationInput("Welzijnshuis Kortenberg", bound_by_professional_secrecy=True)
        )
        service.refer(actor, household.id, ReferralInput(other.id, "x", consent.id), "L", TODAY)
    assert "CAW Oost-Brabant" in caught.value.reason
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Referral)) == 0
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
    # A partner without professional secrecy can still be referred to, without a letter.
    plain = service.create(
        actor, household.id, ReferralInput(shop.id, "Sociaal tarief", None), TODAY
    )
    assert plain.status == "draft" and plain.shared_facts == ()


def test_reprinting_the_same_letter_gives_the_same_document(db, actor, setting):
    household, caw, _shop, consent = setting
    service = ReferralService(db, CATALOG)
    data = ReferralInput(caw.id, "Budgethulp", consent.id, ("household_income",))
    _first, letter = service.refer(actor, household.id, data, "Lien Peeters", TODAY)
    from sociaalhuis.letters import render_referral_letter
    from sociaalhuis.referrals import referrals as module

    with db.read() as session:
        row = session.scalars(select(Referral)).one()
        again = render_referral_letter(
            module._letter(
                CATALOG,
                module._load(session, household.id),
                row,
                session.get(module.Organisation, row.organisation_id),
                session.get(module.Consent, row.consent_id),
                session,
                "Lien Peeters",
                TODAY,
            )
        )
    assert sha256(again) == letter.sha256


def test_status_follow_up_and_overdue(db, actor, setting):
    household, caw, _shop, consent = setting
    service = ReferralService(db, CATALOG)
    referral, _letter = service.refer(
        actor,
        household.id,
        ReferralInput(caw.id, "Budgethulp", consent.id, follow_up_on=date(2026, 12, 1)),
        "Lien",
        TODAY,
    )
    assert service.overdue(actor, date(2026, 11, 30)) == []
    assert [r.id for r in service.overdue(actor, date(2026, 12, 2))] == [referral.id]
    with pytest.raises(ValidationError):
        service.set_status(actor, referral.id, referral.version, "completed")
    received = service.set_status(actor, referral.id, referral.version, "received")
    with pytest.raises(ConflictError):
        service.set_status(actor, referral.id, referral.version, "accepted")
    accepted = service.set_status(actor, referral.id, received.version, "accepted")
    done = service.set_status(actor, referral.id, accepted.version, "completed", TODAY)
    assert done.status == "completed"
    assert service.overdue(actor, date(2026, 12, 2)) == []
