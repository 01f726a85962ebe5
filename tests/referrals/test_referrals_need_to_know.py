"""Referrals and letters follow need to know: a colleague's case needs break-glass first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from builders import family
from sqlalchemy import func, select

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import ConsentInput, ContactInput
from sociaalhuis.catalog import loader
from sociaalhuis.errors import BreakGlassRequired
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.storage.models import Letter, Referral

CATALOG = loader.load()
TODAY = date(2026, 12, 3)


@pytest.fixture
def case(db, actor, admin):
    """Lien's case with a consent for the CAW, and a referral she sent that is now overdue."""
    household = IntakeService(db).save(
        actor,
        None,
        None,
        family(),
        [IntakeFact("household_income", "money", Decimal("21400.00"))],
    )
    caw = DirectoryService(db).create_organisation(
        admin, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
    )
    contact = ContactService(db).record(
        actor,
        household.id,
        ContactInput(question="Budget", consents=(ConsentInput("CAW Oost-Brabant", "budget"),)),
    )
    data = ReferralInput(
        caw.id,
        "Budgethulp",
        contact.consents[0].id,
        shared_facts=("household_income",),
        follow_up_on=date(2026, 11, 20),
    )
    referral, _letter = ReferralService(db, CATALOG).refer(
        actor, household.id, data, "Lien Peeters", date(2026, 11, 10)
    )
    return household, referral, data


@pytest.fixture
def colleague(db):
    with db.write() as session:
        return ensure_user(session, "jan", "Jan Claes", "social_worker")


def _rows(db) -> tuple[int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Referral)) or 0,
            session.scalar(select(func.count()).select_from(Letter)) or 0,
        )


def test_a_colleague_reads_or_writes_nothing_of_the_case_without_break_glass(
    db, actor, colleague, case
):
    household, referral, data = case
    service = ReferralService(db, CATALOG)
    before = _rows(db)
    calls = {
        "for_household": lambda: service.for_household(colleague, household.id),
        "letters_for": lambda: service.letters_for(colleague, household.id),
        "create": lambda: service.create(colleague, household.id, data, TODAY),
        "refer": lambda: service.refer(colleague, household.id, data, "Jan Claes", TODAY),
        "print_overview": lambda: service.print_overview(
            colleague, household.id, ("verhoogde_tegemoetkoming",), "Jan Claes", TODAY
        ),
        "set_status": lambda: service.set_status(
            colleague, referral.id, referral.version, "received", TODAY
        ),
    }
    for name, call in calls.items():
        with pytest.raises(BreakGlassRequired):
            call()
        assert _rows(db) == before, name
    assert service.overdue(colleague, TODAY) == []
    assert [r.id for r in service.overdue(actor, TODAY)] == [referral.id]

    need_to_know.break_glass(db, colleague, household.id, "Lien is ziek; cliënt aan de balie")
    assert [r.id for r in service.for_household(colleague, household.id)] == [referral.id]
    assert len(service.letters_for(colleague, household.id)) == 1
    moved = service.set_status(colleague, referral.id, referral.version, "received", TODAY)
    assert moved.status == "received"
