"""Referrals to partners: the minimum facts to share, the client's consent, professional
secrecy, the letter and its archive, and the follow-up of each referral's status.

A letter with client data goes only to a recipient bound by professional secrecy, with a
purpose, a recorded consent for that partner and an explicit selection of facts; every
printed letter is archived with its SHA-256 and recorded as a disclosure.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import (
    FOLLOW_UP_REFERRAL,
    PRINT_OVERVIEW,
    READ_LETTERS,
    READ_REFERRALS,
    REFER,
)
from sociaalhuis.cases import validation
from sociaalhuis.cases.records import HouseholdView
from sociaalhuis.catalog.language import names_in
from sociaalhuis.catalog.model import BUILT_IN_GROUP, Catalog
from sociaalhuis.errors import ConflictError, NotFoundError, ValidationError
from sociaalhuis.letters import (
    ConsentStatement,
    Recipient,
    ReferralLetter,
    letterhead,
    render_client_overview,
    render_referral_letter,
    sha256,
)
from sociaalhuis.letters.documents import LANGUAGES
from sociaalhuis.letters.texts import load as load_texts
from sociaalhuis.referrals import client_overview
from sociaalhuis.referrals.sharing import shared_lines
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Consent,
    Household,
    Letter,
    Organisation,
    Referral,
    Service,
    User,
    utcnow,
)
from sociaalhuis.sync.conflicts import check_usable

# no_show: the partner answered that the client never came (`referrals.replies`).
STATUSES = ("draft", "sent", "received", "accepted", "declined", "completed", "no_show")
OPEN_STATUSES = ("draft", "sent", "received", "accepted")
NEXT = {
    "draft": ("sent",),
    "sent": ("received", "declined"),
    "received": ("accepted", "declined"),
    "accepted": ("completed",),
    "declined": (),
    "completed": (),
    "no_show": (),
}


def minimum_facts(catalog: Catalog, right_id: str) -> list[str]:
    """The dictionary keys a right's conditions read, derived facts resolved to what they
    are made of: the least a partner needs to judge the right."""
    right = catalog.right(right_id)
    nodes = [right.when_node, *(route.node for route in right.routes)]
    found: list[str] = []
    seen: set[str] = set()
    stack = [node for node in nodes if node is not None]
    while stack:
        for name in names_in(stack.pop()):
            key = name.name
            if key in seen:
                continue
            seen.add(key)
            fact = catalog.facts.get(key)
            group = catalog.groups.get(key)
            if fact is not None and fact.derived and fact.node is not None:
                stack.append(fact.node)
            elif group is not None and group.node is not None:
                stack.append(group.node)
            elif fact is not None and key != "role" and key != BUILT_IN_GROUP:
                found.append(key)
    return sorted(found)


@dataclass(frozen=True)
class ReferralInput:
    """What the worker chose: the partner, why, which facts (`m2.leefloon`, `tenure`), with
    which consent."""

    organisation_id: uuid.UUID
    reason: str
    consent_id: uuid.UUID | None
    shared_facts: tuple[str, ...] = ()
    right_id: str | None = None
    service_id: uuid.UUID | None = None
    follow_up_on: date | None = None
    # Why facts beyond the right's `partner_needs` are shared; kept with the disclosure.
    extra_reason: str = ""


def beyond_needs(catalog: Catalog, right_id: str | None, names: tuple[str, ...]) -> list[str]:
    """The chosen facts (`m2.leefloon`) the right's partner does not need: each such
    disclosure must be explained."""
    right = next((r for r in catalog.rights if r.id == right_id), None)
    if right is None:
        return []
    needs = set(right.partner_needs)
    return [name for name in names if name.rpartition(".")[2] not in needs]


@dataclass(frozen=True)
class ReferralView:
    id: uuid.UUID
    version: int
    household_id: uuid.UUID
    organisation_id: uuid.UUID
    organisation_name: str
    right_id: str | None
    reason: str
    status: str
    reference: str
    shared_facts: tuple[str, ...]
    consent_id: uuid.UUID | None
    follow_up_on: date | None
    sent_on: date | None
    created_at: Any = field(default=None, compare=False)
    # Why facts beyond the partner's needs are shared ("" when none are).
    extra_facts_reason: str = ""


@dataclass(frozen=True)
class LetterView:
    id: uuid.UUID
    referral_id: uuid.UUID | None
    kind: str
    language: str
    sha256: str
    reference: str
    recipient: str
    printed_by: uuid.UUID
    created_at: Any
    pdf: bytes = field(repr=False, default=b"")


class ReferralService:
    """Create referrals, follow their status, print and archive their letters."""

    def __init__(self, database: Database, catalog: Catalog) -> None:
        self.db = database
        self.catalog = catalog

    def create(
        self, actor: Actor, household_id: uuid.UUID, data: ReferralInput, today: date | None = None
    ) -> ReferralView:
        """A referral without a letter, in status draft; raises ValidationError (field
        named) and writes nothing when the partner, consent or selection do not allow it."""
        authorize(self.db, actor, REFER)
        with self.db.write() as session:
            need_to_know.check_open(session, actor, household_id)
            check_usable(session, household_id)
            referral, organisation = self._insert(
                session, actor, household_id, data, today or date.today()
            )
            return _view(referral, organisation)

    def refer(
        self,
        actor: Actor,
        household_id: uuid.UUID,
        data: ReferralInput,
        worker_name: str,
        today: date | None = None,
    ) -> tuple[ReferralView, LetterView]:
        """Refer with a letter, in one unit of work: the referral (status sent), the letter
        archived with its SHA-256, and the disclosure in the audit trail. The recipient must
        be bound by professional secrecy and the client's consent recorded."""
        authorize(self.db, actor, REFER)
        when = today or date.today()
        with self.db.write() as session:
            need_to_know.check_open(session, actor, household_id)
            check_usable(session, household_id)
            organisation = session.get(Organisation, data.organisation_id)
            if organisation is None:
                raise ValidationError("organisation_id", "no such organisation")
            if not organisation.bound_by_professional_secrecy:
                raise ValidationError(
                    "organisation_id",
                    "a letter with client data goes only to a partner bound by professional "
                    f"secrecy; {organisation.name} is not",
                )
            _check_consent(session, household_id, organisation, data.consent_id)
            row, organisation = self._insert(session, actor, household_id, data, when)
            consent = session.get(Consent, row.consent_id)
            assert consent is not None
            household = _load(session, household_id)
            signer = session.get(User, actor.user_id)
            letter_data = _letter(
                self.catalog, household, row, organisation, consent, session, worker_name, when
            )
            if signer is not None and signer.display_name.strip():
                # Signed by the account acting, never by the operating-system user name.
                letter_data = replace(
                    letter_data,
                    worker_name=signer.display_name,
                    worker_title=signer.function_title or "",
                    worker_phone=signer.phone or "",
                    worker_email=signer.email or "",
                )
            pdf = render_referral_letter(letter_data)
            digest = sha256(pdf)
            row.status = "sent"
            row.sent_on = when
            letter = Letter(
                household_id=household_id,
                referral_id=row.id,
                kind="referral",
                language=letter_data.language,
                pdf=pdf,
                sha256=digest,
                printed_by_id=actor.user_id,
                reference=row.reference,
                recipient=organisation.name,
            )
            session.add(letter)
            session.flush()
            audit.record(
                session,
                actor,
                "letter.printed",
                "household",
                household_id,
                letter=str(letter.id),
                referral=str(row.id),
                kind="referral",
                sha256=digest,
                recipient=organisation.name,
                disclosed=list(data.shared_facts),
                beyond_needs=beyond_needs(self.catalog, data.right_id, data.shared_facts),
                extra_reason_given=bool(row.extra_facts_reason),
            )
            return _view(row, organisation), _letter_view(letter)

    def _insert(
        self,
        session: Session,
        actor: Actor,
        household_id: uuid.UUID,
        data: ReferralInput,
        when: date,
    ) -> tuple[Referral, Organisation]:
        if not (data.reason or "").strip():
            raise ValidationError("reason", "say why the client is referred")
        reason = validation.reason(data.reason)
        if data.right_id is not None and data.right_id not in {r.id for r in self.catalog.rights}:
            raise ValidationError("right_id", f"no right {data.right_id!r} in the catalog")
        for index, name in enumerate(data.shared_facts):
            key = name.rpartition(".")[2]
            if key not in self.catalog.facts:
                raise ValidationError(f"shared_facts[{index}]", f"{key!r} is not a known fact")
        extra = beyond_needs(self.catalog, data.right_id, data.shared_facts)
        extra_reason = data.extra_reason.strip()
        if extra and not extra_reason:
            raise ValidationError(
                "extra_reason",
                f"say why more is shared than the partner needs ({', '.join(extra)})",
            )
        if extra_reason:
            extra_reason = validation.reason(extra_reason)
        if session.get(Household, household_id) is None:
            raise NotFoundError("household", household_id)
        organisation = session.get(Organisation, data.organisation_id)
        if organisation is None:
            raise ValidationError("organisation_id", "no such organisation")
        if data.shared_facts and not organisation.bound_by_professional_secrecy:
            raise ValidationError(
                "organisation_id",
                f"{organisation.name} is not bound by professional secrecy: refer without "
                "sharing client facts",
            )
        if data.shared_facts or data.consent_id is not None:
            _check_consent(session, household_id, organisation, data.consent_id)
        referral = Referral(
            household_id=household_id,
            organisation_id=organisation.id,
            service_id=data.service_id,
            right_id=data.right_id,
            reason=reason,
            status="draft",
            follow_up_on=data.follow_up_on,
            consent_id=data.consent_id,
            shared_facts=json.dumps(list(data.shared_facts)),
            extra_facts_reason=extra_reason,
            reference=_next_reference(session, when),
            created_by_id=actor.user_id,
        )
        session.add(referral)
        session.flush()
        audit.record(
            session,
            actor,
            "referral.created",
            "household",
            household_id,
            referral=str(referral.id),
            organisation=str(organisation.id),
            facts=list(data.shared_facts),
            beyond_needs=extra,
            # The reason itself stays on the referral: it may say more about the client.
            extra_reason_given=bool(extra_reason),
        )
        return referral, organisation

    def print_overview(
        self,
        actor: Actor,
        household_id: uuid.UUID,
        right_ids: tuple[str, ...],
        worker_name: str,
        today: date | None = None,
        language: str | None = None,
    ) -> LetterView:
        """The client's own "your rights" overview, in the client's language, archived like
        every printed letter."""
        authorize(self.db, actor, PRINT_OVERVIEW)
        when = today or date.today()
        with self.db.write() as session:
            need_to_know.check_open(session, actor, household_id)
            household = _load(session, household_id)
            applicant = household.applicant
            chosen = language or applicant.language
            chosen = chosen if chosen in LANGUAGES else "nl"
            overview, printed = client_overview.build(
                session,
                self.catalog,
                household_id,
                applicant.full_name,
                right_ids,
                load_texts(chosen),
                worker_name,
                when,
            )
            pdf = render_client_overview(overview)
            digest = sha256(pdf)
            letter = Letter(
                household_id=household_id,
                referral_id=None,
                kind="overview",
                language=chosen,
                pdf=pdf,
                sha256=digest,
                printed_by_id=actor.user_id,
                reference=overview.reference,
                recipient=applicant.full_name,
            )
            session.add(letter)
            session.flush()
            audit.record(
                session,
                actor,
                "letter.printed",
                "household",
                household_id,
                letter=str(letter.id),
                kind="overview",
                sha256=digest,
                # What was printed: the rights still to claim, not every id passed.
                rights=list(printed),
            )
            return _letter_view(letter)

    def set_status(
        self,
        actor: Actor,
        referral_id: uuid.UUID,
        expected_version: int,
        status: str,
        on: date | None = None,
        follow_up_on: date | None = None,
    ) -> ReferralView:
        """Move a referral on (sent → received → accepted → completed, or declined)."""
        authorize(self.db, actor, FOLLOW_UP_REFERRAL)
        with self.db.write() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            need_to_know.check_open(session, actor, referral.household_id)
            if referral.version != expected_version:
                raise ConflictError("referral", referral_id, expected_version, referral.version)
            if status not in NEXT.get(referral.status, ()):
                allowed = ", ".join(NEXT.get(referral.status, ())) or "nothing"
                raise ValidationError(
                    "status", f"a {referral.status} referral can become {allowed}, not {status}"
                )
            referral.status = status
            when = on or date.today()
            if status == "sent":
                referral.sent_on = when
            if status in ("declined", "completed"):
                referral.closed_on = when
            if follow_up_on is not None:
                referral.follow_up_on = follow_up_on
            referral.updated_at = utcnow()
            session.flush()
            audit.record(
                session,
                actor,
                "referral.status",
                "household",
                referral.household_id,
                referral=str(referral_id),
                status=status,
            )
            return _view(referral, session.get(Organisation, referral.organisation_id))

    def for_household(self, actor: Actor, household_id: uuid.UUID) -> list[ReferralView]:
        authorize(self.db, actor, READ_REFERRALS)
        with self.db.read() as session:
            need_to_know.check_open(session, actor, household_id)
            rows = session.scalars(
                select(Referral)
                .where(Referral.household_id == household_id)
                .order_by(Referral.created_at.desc())
            )
            return [_view(r, session.get(Organisation, r.organisation_id)) for r in rows]

    def overdue(self, actor: Actor, today: date) -> list[ReferralView]:
        """Open referrals whose follow-up date has passed, oldest first; only of the cases
        the actor may open without break-glass."""
        authorize(self.db, actor, READ_REFERRALS)
        with self.db.read() as session:
            rows = list(
                session.scalars(
                    select(Referral)
                    .where(Referral.status.in_(OPEN_STATUSES), Referral.follow_up_on < today)
                    .order_by(Referral.follow_up_on)
                )
            )
            hidden = need_to_know.restricted(session, actor, sorted({r.household_id for r in rows}))
            return [
                _view(r, session.get(Organisation, r.organisation_id))
                for r in rows
                if r.household_id not in hidden
            ]

    def letters_for(self, actor: Actor, household_id: uuid.UUID) -> list[LetterView]:
        authorize(self.db, actor, READ_LETTERS)
        with self.db.write() as session:
            need_to_know.check_open(session, actor, household_id)
            rows = list(
                session.scalars(
                    select(Letter)
                    .where(Letter.household_id == household_id)
                    .order_by(Letter.created_at.desc())
                )
            )
            audit.record(session, actor, "letter.listed", "household", household_id)
            return [_letter_view(letter) for letter in rows]


def _load(session: Session, household_id: uuid.UUID) -> HouseholdView:
    from sociaalhuis.cases.households import household_view, load_household

    return household_view(load_household(session, household_id))


def _letter(
    catalog: Catalog,
    household: HouseholdView,
    referral: Referral,
    organisation: Organisation,
    consent: Consent,
    session: Session,
    worker: str,
    when: date,
) -> ReferralLetter:
    """What the letter says: only the client's name and birth date, and the chosen facts."""
    applicant = household.applicant
    recorder = session.get(User, consent.recorded_by_id)
    service = session.get(Service, referral.service_id) if referral.service_id else None
    facts = tuple(json.loads(referral.shared_facts or "[]"))
    return ReferralLetter(
        reference=referral.reference or "",
        date=when,
        sender=letterhead.sender(session),
        worker_name=worker,
        recipient=recipient(organisation, service),
        client_name=applicant.full_name,
        client_birth_date=applicant.birth_date,
        reason=referral.reason,
        consent=ConsentStatement(
            consent.given_on,
            consent.how,
            recorder.display_name if recorder else worker,
            consent.partner,
            consent.purpose,
        ),
        shared_facts=tuple(shared_lines(catalog, household, facts)),
    )


def recipient(organisation: Organisation, service: Service | None = None) -> Recipient:
    """The partner block of a letter: what the sociale kaart records, nothing invented."""

    def text(name: str) -> str:
        # getattr: the opening hours and no-walk-in text arrive with the partner-contact
        # columns; a letter prints whatever the organisation has.
        return (getattr(organisation, name, None) or "").strip()

    address = tuple(line.strip() for line in text("address").split(",") if line.strip())
    return Recipient(
        organisation.name,
        service.name if service else "",
        address,
        phone=text("phone"),
        email=text("email"),
        website=text("website"),
        opening_hours=text("opening_hours"),
        no_walk_in=text("no_walk_in"),
    )


def _check_consent(
    session: Session,
    household_id: uuid.UUID,
    organisation: Organisation,
    consent_id: uuid.UUID | None,
) -> None:
    if consent_id is None:
        raise ValidationError("consent_id", "the client's consent is required to share facts")
    consent = session.get(Consent, consent_id)
    if consent is None or consent.household_id != household_id:
        raise ValidationError("consent_id", "no such consent for this household")
    withdrawn = session.scalar(
        select(func.count()).select_from(Consent).where(Consent.supersedes_id == consent.id)
    )
    if consent.withdrawn_on is not None or withdrawn:
        raise ValidationError("consent_id", "this consent was withdrawn")
    if consent.partner.casefold().strip() != organisation.name.casefold().strip():
        raise ValidationError(
            "consent_id",
            f"the consent was given for {consent.partner}, not for {organisation.name}",
        )


def _next_reference(session: Session, today: date) -> str:
    prefix = f"SH-{today.year}-"
    count = session.scalar(
        select(func.count()).select_from(Referral).where(Referral.reference.like(f"{prefix}%"))
    )
    return f"{prefix}{(count or 0) + 1:05d}"


def _view(referral: Referral, organisation: Organisation | None) -> ReferralView:
    return ReferralView(
        id=referral.id,
        version=referral.version,
        household_id=referral.household_id,
        organisation_id=referral.organisation_id,
        organisation_name=organisation.name if organisation else "",
        right_id=referral.right_id,
        reason=referral.reason,
        status=referral.status,
        reference=referral.reference or "",
        shared_facts=tuple(json.loads(referral.shared_facts or "[]")),
        consent_id=referral.consent_id,
        follow_up_on=referral.follow_up_on,
        sent_on=referral.sent_on,
        created_at=referral.created_at,
        extra_facts_reason=referral.extra_facts_reason,
    )


def _letter_view(letter: Letter) -> LetterView:
    return LetterView(
        id=letter.id,
        referral_id=letter.referral_id,
        kind=letter.kind,
        language=letter.language,
        sha256=letter.sha256,
        reference=letter.reference or "",
        recipient=letter.recipient or "",
        printed_by=letter.printed_by_id,
        created_at=letter.created_at,
        pdf=letter.pdf or b"",
    )
