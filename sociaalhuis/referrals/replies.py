"""Partner replies on referrals: what the partner answered (accepted, declined with a reason,
the client never came, helped), typed by a worker or taken from a file (`reply_file`).

Replies are append-only; a correction supersedes the reply it corrects. Each reply moves the
referral to the status it implies and writes an audit event. A declined or no-show referral
goes back to the worker's list until the worker acts on it: a new referral, a decision, or
marking it handled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit, need_to_know
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import FOLLOW_UP_REFERRAL, READ_REFERRALS
from sociaalhuis.cases import validation
from sociaalhuis.errors import ConflictError, NotFoundError, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    REPLY_OUTCOMES,
    Decision,
    Organisation,
    Referral,
    ReferralReply,
    ReplyHandled,
    utcnow,
)

# The referral status each outcome leads to.
STATUS_OF = {
    "accepted": "accepted",
    "declined": "declined",
    "no_show": "no_show",
    "helped": "completed",
}
# Outcomes that send the referral back to the worker.
RETURNED = ("declined", "no_show")
# A referral the partner can answer: it went out and is not closed.
ANSWERABLE = ("sent", "received", "accepted")
MAX_REASON_CHARS = 2_000
MAX_NOTE_CHARS = 1_000


@dataclass(frozen=True)
class ReplyInput:
    """What the partner answered; `supersedes_id` when it corrects an earlier reply."""

    outcome: str
    replied_on: date
    reason: str = ""
    supersedes_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ReplyView:
    id: uuid.UUID
    referral_id: uuid.UUID
    household_id: uuid.UUID
    outcome: str
    reason: str
    replied_on: date
    received_via: str
    import_id: uuid.UUID | None
    recorded_by: uuid.UUID
    supersedes_id: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True)
class ReturnedReferral:
    """A declined or no-show referral back on the worker's list."""

    reply_id: uuid.UUID
    referral_id: uuid.UUID
    household_id: uuid.UUID
    reference: str
    organisation_name: str
    right_id: str | None
    outcome: str
    reason: str
    replied_on: date

    def describe(self) -> str:
        """The line on the worker's list, in Dutch as the desk shows it."""
        if self.outcome == "declined":
            return f"Terug bij jou: geweigerd door {self.organisation_name} — {self.reason}"
        return f"Terug bij jou: cliënt niet gekomen bij {self.organisation_name}"


class AlreadyRecorded(ValidationError):
    """The referral already has this answer, or a final one: a correction is needed."""


def check_outcome(outcome: str) -> str:
    if outcome not in REPLY_OUTCOMES:
        raise ValidationError("outcome", f"{outcome!r} is not one of {', '.join(REPLY_OUTCOMES)}")
    return outcome


def check_reason(outcome: str, reason: str | None) -> str:
    """The reason trimmed; required when the partner declined."""
    return validation.text(
        "reason", reason, MAX_REASON_CHARS, required=outcome == "declined", multiline=True
    )


def check_date(referral: Referral, replied_on: date, today: date) -> None:
    if not isinstance(replied_on, date):
        raise ValidationError("replied_on", "must be a date")
    if replied_on > today:
        raise ValidationError("replied_on", f"{replied_on.isoformat()} lies in the future")
    if referral.sent_on is not None and replied_on < referral.sent_on:
        raise ValidationError(
            "replied_on",
            f"{replied_on.isoformat()} lies before the referral was sent "
            f"({referral.sent_on.isoformat()})",
        )


def current_reply(session: Session, referral_id: uuid.UUID) -> ReferralReply | None:
    """The newest reply of a referral that no other reply supersedes."""
    rows = list(
        session.scalars(
            select(ReferralReply)
            .where(ReferralReply.referral_id == referral_id)
            .order_by(ReferralReply.created_at, ReferralReply.id)
        )
    )
    superseded = {row.supersedes_id for row in rows if row.supersedes_id is not None}
    current = [row for row in rows if row.id not in superseded]
    return current[-1] if current else None


def apply_reply(
    session: Session,
    actor: Actor,
    referral: Referral,
    data: ReplyInput,
    today: date,
    *,
    via: str = "worker",
    import_id: uuid.UUID | None = None,
) -> ReferralReply:
    """Store a reply and move the referral on, in the caller's unit of work; raises
    ValidationError (AlreadyRecorded when nothing new is said) and writes nothing otherwise."""
    outcome = check_outcome(data.outcome)
    reason = check_reason(outcome, data.reason)
    check_date(referral, data.replied_on, today)
    current = current_reply(session, referral.id)
    if data.supersedes_id is not None:
        if current is None or current.id != data.supersedes_id:
            raise ValidationError(
                "supersedes_id", "only the referral's current reply can be corrected"
            )
    elif current is not None:
        if current.outcome == outcome:
            raise AlreadyRecorded("outcome", f"{referral.reference}: already recorded as {outcome}")
        if current.outcome != "accepted" or outcome == "accepted":
            raise AlreadyRecorded(
                "outcome",
                f"{referral.reference}: already answered ({current.outcome}); correct that "
                "reply instead",
            )
    elif referral.sent_on is None:
        raise ValidationError("referral", f"{referral.reference} was never sent")
    elif referral.status not in ANSWERABLE:
        # Closed by hand (Next status) before any reply: the answer is known already.
        raise AlreadyRecorded("outcome", f"{referral.reference}: already {referral.status}")
    reply = ReferralReply(
        referral_id=referral.id,
        household_id=referral.household_id,
        outcome=outcome,
        reason=reason,
        replied_on=data.replied_on,
        received_via=via,
        import_id=import_id,
        recorded_by_id=actor.user_id,
        supersedes_id=data.supersedes_id,
    )
    session.add(reply)
    status = STATUS_OF[outcome]
    if referral.status != status:
        referral.status = status
        referral.closed_on = data.replied_on if status != "accepted" else None
        referral.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "referral.reply",
        "household",
        referral.household_id,
        referral=str(referral.id),
        reply=str(reply.id),
        outcome=outcome,
        status=status,
        via=via,
        import_id=str(import_id) if import_id else None,
        corrects=str(data.supersedes_id) if data.supersedes_id else None,
        # The reason stays on the reply: it may say more about the client.
        reason_given=bool(reason),
    )
    return reply


class ReplyService:
    """Record partner replies, list them, and keep the worker's list of referrals returned."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def record(
        self,
        actor: Actor,
        referral_id: uuid.UUID,
        expected_version: int,
        data: ReplyInput,
        today: date | None = None,
    ) -> ReplyView:
        """The partner's answer as the worker typed it; ConflictError when the referral
        changed since it was read."""
        authorize(self.db, actor, FOLLOW_UP_REFERRAL)
        with self.db.write() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            need_to_know.check_open(session, actor, referral.household_id)
            if referral.version != expected_version:
                raise ConflictError("referral", referral_id, expected_version, referral.version)
            reply = apply_reply(session, actor, referral, data, today or date.today())
            return view(reply)

    def for_referral(self, actor: Actor, referral_id: uuid.UUID) -> list[ReplyView]:
        """Every reply of a referral, oldest first (corrections included)."""
        authorize(self.db, actor, READ_REFERRALS)
        with self.db.read() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            need_to_know.check_open(session, actor, referral.household_id)
            rows = session.scalars(
                select(ReferralReply)
                .where(ReferralReply.referral_id == referral_id)
                .order_by(ReferralReply.created_at, ReferralReply.id)
            )
            return [view(row) for row in rows]

    def current(self, actor: Actor, referral_id: uuid.UUID) -> ReplyView | None:
        """The reply that counts now (None: the partner has not answered)."""
        authorize(self.db, actor, READ_REFERRALS)
        with self.db.read() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            need_to_know.check_open(session, actor, referral.household_id)
            reply = current_reply(session, referral_id)
            return view(reply) if reply is not None else None

    def returned(self, actor: Actor) -> list[ReturnedReferral]:
        """Declined and no-show referrals of the actor's cases (or, for an unassigned case,
        the referrals the actor made) that the actor has not acted on yet, oldest first."""
        authorize(self.db, actor, READ_REFERRALS)
        with self.db.read() as session:
            return returned_in(session, actor)

    def mark_handled(self, actor: Actor, reply_id: uuid.UUID, note: str = "") -> None:
        """The worker dealt with a declined or no-show reply: it leaves the list."""
        authorize(self.db, actor, FOLLOW_UP_REFERRAL)
        note = validation.text("note", note, MAX_NOTE_CHARS, multiline=True)
        with self.db.write() as session:
            reply = session.get(ReferralReply, reply_id)
            if reply is None:
                raise NotFoundError("reply", reply_id)
            need_to_know.check_open(session, actor, reply.household_id)
            if reply.outcome not in RETURNED:
                raise ValidationError("reply_id", "only a declined or no-show reply is handled")
            done = session.scalar(select(ReplyHandled.id).where(ReplyHandled.reply_id == reply_id))
            if done is not None:
                raise ValidationError("reply_id", "this reply was already marked handled")
            session.add(ReplyHandled(reply_id=reply_id, handled_by_id=actor.user_id, note=note))
            session.flush()
            audit.record(
                session,
                actor,
                "referral.reply_handled",
                "household",
                reply.household_id,
                referral=str(reply.referral_id),
                reply=str(reply_id),
                note_chars=len(note),
            )


def returned_in(session: Session, actor: Actor) -> list[ReturnedReferral]:
    replies = list(
        session.scalars(select(ReferralReply).order_by(ReferralReply.created_at, ReferralReply.id))
    )
    superseded = {row.supersedes_id for row in replies if row.supersedes_id is not None}
    newest: dict[uuid.UUID, ReferralReply] = {}
    for row in replies:
        if row.id not in superseded:
            newest[row.referral_id] = row
    candidates = [row for row in newest.values() if row.outcome in RETURNED]
    if not candidates:
        return []
    handled = set(
        session.scalars(
            select(ReplyHandled.reply_id).where(
                ReplyHandled.reply_id.in_([row.id for row in candidates])
            )
        )
    )
    candidates = [row for row in candidates if row.id not in handled]
    households = sorted({row.household_id for row in candidates})
    workers = need_to_know.case_workers(session, households)
    hidden = need_to_know.restricted(session, actor, households)
    found: list[ReturnedReferral] = []
    for reply in candidates:
        referral = session.get(Referral, reply.referral_id)
        assert referral is not None
        owner = workers.get(reply.household_id, referral.created_by_id)
        if owner != actor.user_id or reply.household_id in hidden:
            continue
        if _acted_on(session, referral, reply):
            continue
        organisation = session.get(Organisation, referral.organisation_id)
        found.append(
            ReturnedReferral(
                reply_id=reply.id,
                referral_id=referral.id,
                household_id=referral.household_id,
                reference=referral.reference or "",
                organisation_name=organisation.name if organisation else "",
                right_id=referral.right_id,
                outcome=reply.outcome,
                reason=reply.reason,
                replied_on=reply.replied_on,
            )
        )
    found.sort(key=lambda item: (item.replied_on, item.reference))
    return found


def _acted_on(session: Session, referral: Referral, reply: ReferralReply) -> bool:
    """A newer referral or decision of the household (about the same right, when the
    referral was about one) since the reply was recorded."""
    later_referral = select(Referral.id).where(
        Referral.household_id == referral.household_id,
        Referral.id != referral.id,
        Referral.created_at > reply.created_at,
    )
    later_decision = select(Decision.id).where(
        Decision.household_id == referral.household_id,
        Decision.created_at > reply.created_at,
    )
    if referral.right_id is not None:
        later_referral = later_referral.where(Referral.right_id == referral.right_id)
        later_decision = later_decision.where(Decision.right_id == referral.right_id)
    return (
        session.scalar(later_referral.limit(1)) is not None
        or session.scalar(later_decision.limit(1)) is not None
    )


def view(reply: ReferralReply) -> ReplyView:
    return ReplyView(
        id=reply.id,
        referral_id=reply.referral_id,
        household_id=reply.household_id,
        outcome=reply.outcome,
        reason=reply.reason,
        replied_on=reply.replied_on,
        received_via=reply.received_via,
        import_id=reply.import_id,
        recorded_by=reply.recorded_by_id,
        supersedes_id=reply.supersedes_id,
        created_at=reply.created_at,
    )
