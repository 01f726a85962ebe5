"""Consent per purpose and partner: give, list the current ones, withdraw.

A consent is an append-only `Consent` row; a withdrawal is a newer row that supersedes it and
sets `withdrawn_on` (`cases.contacts.ContactService.withdraw_consent`). A referral resting on
a withdrawn consent is refused by the referral service's own guard.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import RECORD_CONTACT
from sociaalhuis.cases import validation
from sociaalhuis.cases.contacts import ContactService, consent_view
from sociaalhuis.cases.households import is_member
from sociaalhuis.cases.records import ConsentInput, ConsentView
from sociaalhuis.errors import NotFoundError, ValidationError
from sociaalhuis.privacy import purposes
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import CONSENT_HOW, Consent, Household


@dataclass(frozen=True)
class CurrentConsent:
    """A consent in force, with the code of its purpose (`other` for free text)."""

    consent: ConsentView
    purpose_code: str


class ConsentService:
    """Consents of one household for the purposes of `privacy.purposes`."""

    def __init__(self, database: Database) -> None:
        self.db = database
        self.contacts = ContactService(database)

    def give(
        self,
        actor: Actor,
        household_id: uuid.UUID,
        purpose_code: str,
        partner: str = "",
        *,
        how: str = "verbal",
        given_on: date | None = None,
        person_id: uuid.UUID | None = None,
    ) -> ConsentView:
        """Record that the client consented to `purpose_code` (with `partner` when the
        purpose names one), in one transaction with its audit event."""
        authorize(self.db, actor, RECORD_CONTACT)
        purpose = purposes.by_code(purpose_code)
        if purpose is None:
            raise ValidationError("purpose", f"unknown purpose {purpose_code!r}")
        partner = partner.strip() or ("" if purpose.needs_partner else purposes.OWN_ORGANISATION)
        if not partner:
            raise ValidationError("partner", "name the partner the data may go to")
        if how not in CONSENT_HOW:
            raise ValidationError("how", f"unknown way {how!r} (verbal or written)")
        day = given_on or date.today()
        if day > date.today():
            raise ValidationError("given_on", "lies in the future")
        data = validation.consent(
            "consent", ConsentInput(partner, purpose.wording, how, day, person_id)
        )
        with self.db.write() as session:
            if session.get(Household, household_id) is None:
                raise NotFoundError("household", household_id)
            need_to_know.check_open(session, actor, household_id)
            if person_id is not None and not is_member(session, household_id, person_id):
                raise ValidationError("person_id", "is not a member of this household")
            row = Consent(
                household_id=household_id,
                person_id=person_id,
                partner=data.partner,
                purpose=data.purpose,
                how=how,
                given_on=day,
                recorded_by_id=actor.user_id,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                "consent.given",
                "household",
                household_id,
                consent=row.id,
                purpose=purpose.code,
            )
            return consent_view(row)

    def current(self, actor: Actor, household_id: uuid.UUID) -> list[CurrentConsent]:
        """The consents in force, sorted by purpose (in the order of the list), then partner."""
        order = {p.code: i for i, p in enumerate(purposes.PURPOSES)}
        rows = [
            CurrentConsent(view, purposes.code_of(view.purpose))
            for view in self.contacts.consents_for(actor, household_id)
        ]
        return sorted(
            rows,
            key=lambda c: (order.get(c.purpose_code, len(order)), c.consent.partner.casefold()),
        )

    def withdraw(
        self, actor: Actor, consent_id: uuid.UUID, withdrawn_on: date | None = None
    ) -> ConsentView:
        """Record the withdrawal (a row superseding the consent; the consent stays on record)."""
        return self.contacts.withdraw_consent(actor, consent_id, withdrawn_on)
