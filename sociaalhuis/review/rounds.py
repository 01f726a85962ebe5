"""Proactive granting rounds: the Sociaal Huis grants its own rights to eligible households
without waiting for them to ask, with four eyes.

One user prepares a round for a right (the eligible households without a current decision,
each with the Dutch explanation of why); a second user approves all of it, part of it, or
rejects it. Only an approval writes decisions: one "granted" decision per approved household
in a single unit of work, with the explanation, the catalog version and the round, and the
award letters, archived per household and returned as one PDF batch. The preparer can never
approve their own round; this is enforced here, not only in the window.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.exc import StaleDataError

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import APPROVE_ROUND, PREPARE_ROUND
from sociaalhuis.cases import validation
from sociaalhuis.cases.decisions import GRANTABLE
from sociaalhuis.cases.households import household_view, load_household
from sociaalhuis.cases.records import DecisionInput, HouseholdView
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.explain import Explainer
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.letters import letterhead, sha256
from sociaalhuis.letters.award import AwardLetter, render_award_letters
from sociaalhuis.locale_format import format_day
from sociaalhuis.referrals.referrals import LetterView
from sociaalhuis.screening import store
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Decision,
    GrantingRound,
    GrantingRoundItem,
    Household,
    HouseholdMember,
    Letter,
    Person,
    User,
    utcnow,
)
from sociaalhuis.sync.conflicts import check_usable

STATUSES = ("prepared", "approved", "partly_approved", "rejected")
# A round is a proposal list for one meeting of the bijzonder comité: more households than
# this are prepared in a next round (those not in an open round are proposed again).
ROUND_LIMIT = 500
# Providers that name the Sociaal Huis (or its OCMW) as the one who decides.
OWN_PROVIDERS = ("sociaal huis", "ocmw")
# Bidi isolates the explainer puts around member names (for the screen), not for paper.
ISOLATES = str.maketrans("", "", "\u2068\u2069")


class FourEyesRequired(PermissionDenied):
    """The user who prepared a granting round tried to approve it; a second user must."""

    def __init__(self, round_id: uuid.UUID) -> None:
        super().__init__(
            f"four eyes: the user who prepared granting round {round_id} may not approve it; "
            "a second user must"
        )
        self.round_id = round_id


@dataclass(frozen=True)
class RoundItem:
    household_id: uuid.UUID
    applicant: str
    address: tuple[str, ...]
    explanation: str
    approved: bool | None


@dataclass(frozen=True)
class RoundView:
    id: uuid.UUID
    right_id: str
    right_name: str
    status: str  # one of STATUSES
    prepared_by: str
    approved_by: str | None  # who decided: approved, partly approved or rejected
    created_at: datetime
    items: tuple[RoundItem, ...]
    reference: str = ""
    prepared_by_id: uuid.UUID | None = None
    reason: str = ""


def grantable_rights(catalog: Catalog) -> list[RightDef]:
    """The rights the Sociaal Huis grants itself, in catalog order.

    The rule: `obtained = "grant"` (the catalog's word for "the Sociaal Huis grants it", the
    only rights `cases.decisions` lets anyone record as granted) and a provider naming the
    Sociaal Huis or its OCMW (UiTPAS met kansentarief: the Sociaal Huis grants the
    kansenstatuut, the UiTPAS-balie hands out the pass).
    """
    return [
        right
        for right in catalog.rights
        if right.obtained == GRANTABLE
        and any(name in right.provider.casefold() for name in OWN_PROVIDERS)
    ]


def reference_of(round_id: uuid.UUID, on: date) -> str:
    """The round's number on letters and decisions: TR-2026-1A2B3C4D."""
    return f"TR-{on.year}-{round_id.hex[:8].upper()}"


def prepare_round(
    db: Database, actor: Actor, catalog: Catalog, right_id: str, today: date | None = None
) -> RoundView:
    """Store a proposal: every household eligible for `right_id` by its stored findings, with
    no current decision about it and not in another open round, each with its explanation.
    Raises ValidationError (nothing written) for a right not granted here or no household."""
    authorize(db, actor, PREPARE_ROUND)
    right = _grantable(catalog, right_id)
    on = today or date.today()
    with db.write() as session:
        open_ids = _in_open_rounds(session, right_id)
        rows = store.non_take_up(session, right_id=right_id, limit=ROUND_LIMIT + len(open_ids))
        household_ids = [r.household_id for r in rows if r.household_id not in open_ids]
        household_ids = household_ids[:ROUND_LIMIT]
        if not household_ids:
            raise ValidationError(
                "right_id",
                f"no household is eligible for {right.name!r} without a decision "
                "(by the stored findings; screen the caseload first?)",
            )
        evaluator = Evaluator(catalog)
        row = GrantingRound(
            right_id=right_id,
            catalog_version=catalog.version,
            status="prepared",
            prepared_by_id=actor.user_id,
            prepared_at=utcnow(),
            reason="",
        )
        for position, household_id in enumerate(household_ids):
            view = household_view(load_household(session, household_id))
            explanation = _explanation(evaluator, view, right, on)
            row.items.append(
                GrantingRoundItem(
                    household_id=household_id, position=position, explanation=explanation
                )
            )
        session.add(row)
        session.flush()
        for household_id in household_ids:
            audit.record(
                session,
                actor,
                "granting_round.proposed",
                "household",
                household_id,
                round=str(row.id),
                right=right_id,
            )
        audit.record(
            session,
            actor,
            "granting_round.prepared",
            "granting_round",
            row.id,
            right=right_id,
            households=len(household_ids),
            catalog=catalog.version,
        )
        return _view(session, catalog, row)


def approve_round(
    db: Database,
    actor: Actor,
    catalog: Catalog,
    round_id: uuid.UUID,
    approved: set[uuid.UUID] | None = None,
    today: date | None = None,
) -> tuple[RoundView, LetterView | None]:
    """Approve the round (all households, or only those in `approved`) as a second user, and
    in one unit of work record a "granted" decision per approved household and archive its
    award letter; returns the round and the batch of letters as one PDF.

    Raises PermissionDenied for the preparer (four eyes) and ValidationError for a decided
    round, a household not in it, or a catalog other than the one it was prepared on;
    either way nothing is written."""
    authorize(db, actor, APPROVE_ROUND)
    on = today or date.today()
    with _deciding(db, round_id) as session:
        row = _load(session, round_id)
        _check_decidable(row, actor)
        if row.catalog_version != catalog.version:
            raise ValidationError(
                "catalog_version",
                f"the round was prepared on catalog {row.catalog_version}, this is "
                f"{catalog.version}: reject it and prepare a new round",
            )
        right = _grantable(catalog, row.right_id)
        proposed = {item.household_id for item in row.items}
        chosen = set(proposed) if approved is None else set(approved)
        if chosen - proposed:
            raise ValidationError("approved", "names a household that is not in this round")
        if not chosen:
            raise ValidationError("approved", "approve at least one household, or reject")
        _check_still_open(session, row.right_id, chosen)
        for household_id in sorted(chosen):
            # A granted decision must not rest on a record two sites disagree about.
            check_usable(session, household_id)
        reference = reference_of(row.id, row.prepared_at.date())
        preparer = _name(session, row.prepared_by_id)
        approver = _name(session, actor.user_id)
        note = (
            f"Proactieve toekenningsronde {reference}: voorbereid door {preparer}, "
            f"goedgekeurd door {approver} op {format_day(on)}."
        )
        row.status = "approved" if chosen == proposed else "partly_approved"
        row.decided_by_id = actor.user_id
        row.decided_at = utcnow()
        sender = letterhead.sender(session)
        letters: list[AwardLetter] = []
        for item in row.items:
            item.approved = item.household_id in chosen
            if not item.approved:
                continue
            view = household_view(load_household(session, item.household_id))
            _grant(session, actor, row, item, note, on)
            letter = _award(session, view, right, item, reference, on, sender, approver)
            _archive(session, actor, row, item.household_id, letter, reference)
            letters.append(letter)
        batch = render_award_letters(letters)
        row.batch_pdf = batch
        row.batch_sha256 = sha256(batch)
        session.flush()
        audit.record(
            session,
            actor,
            "granting_round.approved",
            "granting_round",
            row.id,
            right=row.right_id,
            granted=len(chosen),
            proposed=len(proposed),
            status=row.status,
            sha256=row.batch_sha256,
        )
        batch_view = LetterView(
            id=row.id,
            referral_id=None,
            kind="award",
            language="nl",
            sha256=row.batch_sha256,
            reference=reference,
            recipient=f"{len(letters)} gezin" if len(letters) == 1 else f"{len(letters)} gezinnen",
            printed_by=actor.user_id,
            created_at=row.decided_at,
            pdf=batch,
        )
        return _view(session, catalog, row), batch_view


def reject_round(
    db: Database,
    actor: Actor,
    round_id: uuid.UUID,
    reason: str,
    *,
    catalog: Catalog | None = None,
) -> RoundView:
    """Reject a prepared round with a reason; nothing is granted. The preparer may withdraw
    their own proposal this way (rejecting grants nothing, so it needs no second pair of eyes)."""
    authorize(db, actor, APPROVE_ROUND)
    text = validation.text(
        "reason", reason, validation.LIMITS["reason"], required=True, multiline=True
    )
    with _deciding(db, round_id) as session:
        row = _load(session, round_id)
        if row.status != "prepared":
            raise ValidationError("round", f"was already decided ({row.status})")
        row.status = "rejected"
        row.decided_by_id = actor.user_id
        row.decided_at = utcnow()
        row.reason = text
        for item in row.items:
            item.approved = False
        session.flush()
        audit.record(
            session,
            actor,
            "granting_round.rejected",
            "granting_round",
            row.id,
            right=row.right_id,
            households=len(row.items),
        )
        return _view(session, catalog, row)


def rounds(db: Database, actor: Actor, catalog: Catalog | None = None) -> list[RoundView]:
    """Every round, the newest first, with its households (names and addresses: audited)."""
    authorize(db, actor, PREPARE_ROUND)
    with db.write() as session:
        query = (
            select(GrantingRound)
            .options(selectinload(GrantingRound.items))
            .order_by(GrantingRound.prepared_at.desc())
        )
        found = [_view(session, catalog, row) for row in session.scalars(query)]
        audit.record(
            session, actor, "granting_round.listed", "granting_round", None, rounds=len(found)
        )
        return found


# -- helpers --------------------------------------------------------------------------------


def _grantable(catalog: Catalog, right_id: str) -> RightDef:
    for right in grantable_rights(catalog):
        if right.id == right_id:
            return right
    raise ValidationError("right_id", f"{right_id!r} is not a right the Sociaal Huis grants itself")


@contextmanager
def _deciding(db: Database, round_id: uuid.UUID) -> Iterator[Session]:
    """A write unit for deciding a round: when another user decided it meanwhile, the
    round's version no longer matches, everything is rolled back and ConflictError raised
    (two approvers at once grant once)."""
    try:
        with db.write() as session:
            yield session
    except StaleDataError:
        raise ConflictError("granting round", round_id, None, None) from None


def _load(session: Session, round_id: uuid.UUID) -> GrantingRound:
    row = session.get(GrantingRound, round_id)
    if row is None:
        raise NotFoundError("granting round", round_id)
    return row


def _check_decidable(row: GrantingRound, actor: Actor) -> None:
    if row.status != "prepared":
        raise ValidationError("round", f"was already decided ({row.status})")
    if row.prepared_by_id == actor.user_id:
        raise FourEyesRequired(row.id)


def _in_open_rounds(session: Session, right_id: str) -> set[uuid.UUID]:
    query = (
        select(GrantingRoundItem.household_id)
        .join(GrantingRound, GrantingRound.id == GrantingRoundItem.round_id)
        .where(GrantingRound.right_id == right_id, GrantingRound.status == "prepared")
    )
    return set(session.scalars(query))


def _check_still_open(session: Session, right_id: str, household_ids: set[uuid.UUID]) -> None:
    """Refuse when a household got a decision about the right since the round was prepared:
    granting on top of it would hide what the worker recorded."""
    newer = aliased(Decision)
    query = select(Decision.household_id).where(
        Decision.right_id == right_id,
        Decision.household_id.in_(household_ids),
        ~exists().where(newer.supersedes_id == Decision.id),
    )
    decided = set(session.scalars(query))
    if decided:
        raise ValidationError(
            "approved",
            f"{len(decided)} household(s) got a decision about this right since the round was "
            "prepared: leave them out",
        )


def _explanation(evaluator: Evaluator, view: HouseholdView, right: RightDef, on: date) -> str:
    """The Dutch sentences the intake's rights panel shows for this right and household."""
    situation = situation_for(evaluator.catalog, view, on).situation
    names = {f"m{i}": m.person.full_name for i, m in enumerate(view.members, start=1)}
    verdict = next(v for v in evaluator.evaluate(situation, on) if v.right.id == right.id)
    lines = Explainer(evaluator, situation, on, names).plain(verdict)
    return "\n".join(line.translate(ISOLATES) for line in lines)


def _grant(
    session: Session,
    actor: Actor,
    row: GrantingRound,
    item: GrantingRoundItem,
    note: str,
    on: date,
) -> None:
    data, explanation = validation.decision(
        DecisionInput(row.right_id, "granted", on, note),
        item.explanation,
    )
    decision = Decision(
        household_id=item.household_id,
        right_id=row.right_id,
        action="granted",
        decided_on=data.decided_on,
        note=data.note,
        catalog_version=row.catalog_version,
        explanation=explanation,
        decided_by_id=actor.user_id,
    )
    session.add(decision)
    session.flush()
    audit.record(
        session,
        actor,
        "decision.recorded",
        "household",
        item.household_id,
        decision=decision.id,
        right=row.right_id,
        round=str(row.id),
    )


def _award(
    session: Session,
    view: HouseholdView,
    right: RightDef,
    item: GrantingRoundItem,
    reference: str,
    on: date,
    sender: object,
    approver: str,
) -> AwardLetter:
    worker = _name(session, view.case_worker) if view.case_worker else ""
    return AwardLetter(
        reference=reference,
        date=on,
        sender=sender,  # type: ignore[arg-type]
        client_name=view.applicant.full_name,
        address_lines=_address(view),
        right_name=right.name,
        summary=right.summary,
        value_note=right.value_note,
        after_grant=right.after_grant,
        validity=right.validity,
        reasons=_client_reasons(item.explanation),
        contact=worker,
        signed_by=approver,
    )


def _client_reasons(explanation: str) -> tuple[str, ...]:
    """The conditions the household meets, as a client reads them: the explanation's lines
    that hold ("…: ja."), without the verdict and without the catalog's notes for workers
    in a closing parenthesis ("(grens van Aalter, niet van Herent)")."""
    found = []
    for line in explanation.splitlines():
        line = line.strip()
        if not line.endswith(": ja."):
            continue
        line = line.removesuffix(": ja.").strip()
        basic = re.fullmatch(r"Basisvoorwaarde \((.*)\)", line)
        line = basic.group(1) if basic else re.sub(r"\s*\([^()]*\)$", "", line)
        if line:
            found.append(line[:1].lower() + line[1:] if line[1:2].islower() else line)
    return tuple(found)


def _archive(
    session: Session,
    actor: Actor,
    row: GrantingRound,
    household_id: uuid.UUID,
    letter: AwardLetter,
    reference: str,
) -> None:
    pdf = render_award_letters([letter])
    digest = sha256(pdf)
    archived = Letter(
        household_id=household_id,
        referral_id=None,
        kind="award",
        language="nl",
        pdf=pdf,
        sha256=digest,
        printed_by_id=actor.user_id,
        reference=reference,
        recipient=letter.client_name,
    )
    session.add(archived)
    session.flush()
    audit.record(
        session,
        actor,
        "letter.printed",
        "household",
        household_id,
        letter=str(archived.id),
        kind="award",
        sha256=digest,
        round=str(row.id),
        right=row.right_id,
    )


def _address(view: HouseholdView | Household) -> tuple[str, ...]:
    box = f" bus {view.box}" if view.box else ""
    return (f"{view.street} {view.house_number}{box}", f"{view.postcode} {view.deelgemeente}")


def _applicants(
    session: Session, household_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, tuple[str, ...]]]:
    """Each household's applicant name and address, in one query per part of the list."""
    found: dict[uuid.UUID, tuple[str, tuple[str, ...]]] = {}
    for start in range(0, len(household_ids), 1000):
        part = household_ids[start : start + 1000]
        query = (
            select(Household, Person.given_name, Person.family_name)
            .join(HouseholdMember, HouseholdMember.household_id == Household.id)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(Household.id.in_(part), HouseholdMember.role == "applicant")
        )
        for household, given, family in session.execute(query):
            found[household.id] = (f"{given} {family}", _address(household))
    return found


def _name(session: Session, user_id: uuid.UUID | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else ""


def _view(session: Session, catalog: Catalog | None, row: GrantingRound) -> RoundView:
    names = {right.id: right.name for right in catalog.rights} if catalog is not None else {}
    right_name = names.get(row.right_id, row.right_id)
    who = _applicants(session, [item.household_id for item in row.items])
    items = [
        RoundItem(
            household_id=item.household_id,
            applicant=who.get(item.household_id, ("", ()))[0],
            address=who.get(item.household_id, ("", ()))[1],
            explanation=item.explanation,
            approved=item.approved,
        )
        for item in row.items
    ]
    return RoundView(
        id=row.id,
        right_id=row.right_id,
        right_name=right_name,
        status=row.status,
        prepared_by=_name(session, row.prepared_by_id),
        approved_by=_name(session, row.decided_by_id) if row.decided_by_id else None,
        created_at=row.prepared_at,
        items=tuple(items),
        reference=reference_of(row.id, row.prepared_at.date()),
        prepared_by_id=row.prepared_by_id,
        reason=row.reason,
    )
