"""Reply rates per partner for the team lead: of the referrals sent, how many the partner
answered (by outcome), how many wait longer than N days without an answer, the reply rate and
the median number of days to the first answer."""

from __future__ import annotations

import csv
import io
import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import REPLY_OUTCOMES, Organisation, Referral, ReferralReply

DEFAULT_DAYS = 14
CSV_COLUMNS = (
    "partner",
    "sent",
    "replied",
    *REPLY_OUTCOMES,
    "no_reply_after_days",
    "waiting",
    "reply_rate",
    "median_days_to_reply",
)


@dataclass(frozen=True)
class PartnerRate:
    """One partner's figures; `reply_rate` None when nothing was sent."""

    organisation_id: uuid.UUID
    partner: str
    sent: int
    replied: int
    outcomes: dict[str, int] = field(default_factory=dict)
    no_reply: int = 0  # sent more than `days` ago and still unanswered
    waiting: int = 0  # unanswered, sent `days` ago or less
    median_days: float | None = None

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.sent if self.sent else None


def reply_rates(
    db: Database,
    actor: Actor,
    on: date | None = None,
    days: int = DEFAULT_DAYS,
    since: date | None = None,
) -> list[PartnerRate]:
    """Per partner that was sent a referral (sent on or after `since`, up to `on`), by name;
    no client data, only counts."""
    authorize(db, actor, VIEW_NON_TAKE_UP)
    if days < 0:
        raise ValidationError("days", "must be 0 or more")
    today = on or date.today()
    with db.read() as session:
        query = select(Referral.id, Referral.organisation_id, Referral.sent_on).where(
            Referral.sent_on.is_not(None), Referral.sent_on <= today
        )
        if since is not None:
            query = query.where(Referral.sent_on >= since)
        referrals = session.execute(query).all()
        replies = session.execute(
            select(
                ReferralReply.id,
                ReferralReply.referral_id,
                ReferralReply.outcome,
                ReferralReply.replied_on,
                ReferralReply.supersedes_id,
            ).order_by(ReferralReply.created_at, ReferralReply.id)
        ).all()
        names = dict(session.execute(select(Organisation.id, Organisation.name)).all())
    superseded = {row.supersedes_id for row in replies if row.supersedes_id is not None}
    outcome_of: dict[uuid.UUID, str] = {}
    first_on: dict[uuid.UUID, date] = {}
    for row in replies:
        if row.id in superseded:
            continue
        outcome_of[row.referral_id] = row.outcome  # the newest one stays
        seen = first_on.get(row.referral_id)
        if seen is None or row.replied_on < seen:
            first_on[row.referral_id] = row.replied_on
    grouped: dict[uuid.UUID, list[tuple[uuid.UUID, date]]] = defaultdict(list)
    for referral_id, organisation_id, sent_on in referrals:
        grouped[organisation_id].append((referral_id, sent_on))
    rates: list[PartnerRate] = []
    for organisation_id, sent in grouped.items():
        outcomes = dict.fromkeys(REPLY_OUTCOMES, 0)
        delays: list[int] = []
        no_reply = waiting = 0
        for referral_id, sent_on in sent:
            if referral_id in outcome_of:
                outcomes[outcome_of[referral_id]] += 1
                delays.append((first_on[referral_id] - sent_on).days)
            elif (today - sent_on).days > days:
                no_reply += 1
            else:
                waiting += 1
        rates.append(
            PartnerRate(
                organisation_id=organisation_id,
                partner=names.get(organisation_id, ""),
                sent=len(sent),
                replied=len(delays),
                outcomes=outcomes,
                no_reply=no_reply,
                waiting=waiting,
                median_days=statistics.median(delays) if delays else None,
            )
        )
    rates.sort(key=lambda rate: (rate.partner.casefold(), str(rate.organisation_id)))
    return rates


def as_csv(rates: list[PartnerRate]) -> str:
    """The figures as CSV (comma separated, rate as a fraction with 3 decimals)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rate in rates:
        writer.writerow(
            [
                rate.partner,
                rate.sent,
                rate.replied,
                *(rate.outcomes.get(outcome, 0) for outcome in REPLY_OUTCOMES),
                rate.no_reply,
                rate.waiting,
                "" if rate.reply_rate is None else f"{rate.reply_rate:.3f}",
                "" if rate.median_days is None else f"{rate.median_days:g}",
            ]
        )
    return out.getvalue()


def as_table(rates: list[PartnerRate], days: int) -> str:
    """The figures as aligned text for a terminal."""
    head = (
        f"{'partner':<32} {'sent':>5} {'replied':>7} {'acc':>4} {'decl':>4} {'no-sh':>5} "
        f"{'help':>4} {f'>{days}d':>6} {'wait':>4} {'rate':>6} {'median':>6}"
    )
    lines = [head]
    for rate in rates:
        o = rate.outcomes
        share = "" if rate.reply_rate is None else f"{rate.reply_rate:.0%}"
        median = "" if rate.median_days is None else f"{rate.median_days:g}"
        lines.append(
            f"{rate.partner[:32]:<32} {rate.sent:>5} {rate.replied:>7} {o['accepted']:>4} "
            f"{o['declined']:>4} {o['no_show']:>5} {o['helped']:>4} {rate.no_reply:>6} "
            f"{rate.waiting:>4} {share:>6} {median:>6}"
        )
    if not rates:
        lines.append("no referral was sent")
    return "\n".join(lines)
