"""Consent per purpose and partner: given, listed while current, withdrawn by a superseding
row; a referral resting on a withdrawn consent is refused and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from sociaalhuis.catalog import loader
from sociaalhuis.errors import ValidationError
from sociaalhuis.privacy import purposes
from sociaalhuis.privacy.consents import ConsentService
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.storage.models import AuditEvent, Consent, Referral

CATALOG = loader.load()
TODAY = date(2026, 11, 22)


def test_consent_is_given_listed_per_purpose_and_withdrawn(db, actor, world):
    service = ConsentService(db)
    given = service.give(actor, world.first, "follow_up", given_on=date(2026, 11, 20))
    gbo = service.give(actor, world.first, "gbo_consultation", "CAW Oost-Brabant", how="written")
    current = service.current(actor, world.first)
    assert [(c.purpose_code, c.consent.partner) for c in current] == [
        ("gbo_consultation", "CAW Oost-Brabant"),
        ("follow_up", purposes.OWN_ORGANISATION),
        ("other", "CAW Oost-Brabant"),  # given with the contact, in free text
    ]
    assert current[1].consent.given_on == date(2026, 11, 20)
    assert current[0].consent.how == "written"
    withdrawn = service.withdraw(actor, given.id, date(2026, 11, 21))
    assert withdrawn.withdrawn_on == date(2026, 11, 21) and withdrawn.supersedes_id == given.id
    assert {c.consent.id for c in service.current(actor, world.first)} == {gbo.id, world.consent}
    with db.read() as session:
        # The consent itself stays on record, unchanged; the withdrawal is a new row.
        assert session.get(Consent, given.id).withdrawn_on is None
        actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("consent.given") == 2 and "consent.withdrawn" in actions
    assert service.current(actor, world.second) == []


def test_bad_consent_input_is_refused_by_field(db, actor, world):
    service = ConsentService(db)
    cases = [
        (lambda: service.give(actor, world.first, "marketing"), "purpose"),
        (lambda: service.give(actor, world.first, "referral", " "), "partner"),
        (lambda: service.give(actor, world.first, "follow_up", how="sms"), "how"),
        (
            lambda: service.give(actor, world.first, "follow_up", given_on=date(2999, 1, 1)),
            "given_on",
        ),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.field == field


def test_a_withdrawn_consent_blocks_the_referral_resting_on_it(db, actor, world):
    ConsentService(db).withdraw(actor, world.consent)
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(Referral))
    data = ReferralInput(world.caw, "Budgethulp", world.consent, ("household_income",))
    with pytest.raises(ValidationError) as caught:
        ReferralService(db, CATALOG).refer(actor, world.first, data, "Lien", TODAY)
    assert caught.value.field == "consent_id" and "withdrawn" in caught.value.reason
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Referral)) == before
