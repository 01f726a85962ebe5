"""ORM tables of partner replies on referrals (re-exported by `storage.models`; written by
`referrals.replies`).

- `reply_imports`: a file of replies taken in, with its SHA-256 and counts.
- `referral_replies`: what the partner answered on one referral; append-only, a correction is
  a new row that supersedes the old one.
- `reply_handled`: a worker marking a declined or no-show reply as dealt with, so it leaves
  the worker's list.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sociaalhuis.storage.base import Base, Keyed
from sociaalhuis.storage.base import in_list as _in

REPLY_OUTCOMES = ("accepted", "declined", "no_show", "helped")
REPLY_CHANNELS = ("worker", "import")


class ReplyImport(Keyed, Base):
    """One file of partner replies taken in (append-only): its name, SHA-256 and number of
    lines; the replies it brought point to it."""

    __tablename__ = "reply_imports"
    file_name: Mapped[str] = mapped_column(String(260))
    sha256: Mapped[str] = mapped_column(String(64))
    lines: Mapped[int] = mapped_column(Integer)
    imported_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class ReferralReply(Keyed, Base):
    """A partner's answer on a referral (append-only).

    `replied_on` is the day the partner answered, `received_via` says whether a worker typed it
    or a file brought it (`import_id`); `reason` is required when the partner declined.
    """

    __tablename__ = "referral_replies"
    referral_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("referrals.id"), index=True)
    # Kept with the reply so the replies of a household are found without the referral.
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    replied_on: Mapped[date] = mapped_column(Date)
    received_via: Mapped[str] = mapped_column(String(10))
    import_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reply_imports.id"))
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("referral_replies.id"))
    __table_args__ = (
        CheckConstraint(_in("outcome", REPLY_OUTCOMES), name="outcome"),
        CheckConstraint(_in("received_via", REPLY_CHANNELS), name="received_via"),
    )


class ReplyHandled(Keyed, Base):
    """A worker took a declined or no-show reply up: it leaves the worker's list."""

    __tablename__ = "reply_handled"
    reply_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referral_replies.id"), index=True, unique=True
    )
    handled_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
