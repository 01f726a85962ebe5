"""ORM tables of the privacy duties (re-exported by `storage.models`; written by
`sociaalhuis.privacy`).

- `case_closures`: a worker closed a household's file ("dossier afgesloten") on a day; the
  retention period runs from that day. A newer contact, decision, referral, letter or
  follow-up reopens the file (see `privacy.retention`).
- `anonymisations`: a household whose file was anonymised, when, and how many values were
  replaced; what it was about is gone, that it happened stays.
- `anonymisation_permits`: the narrow door through the append-only triggers. The anonymiser
  inserts the household's row, rewrites that household's notes and letters, and deletes the
  row again in the same transaction, so no other transaction ever sees it. The triggers of
  migration 0018 let an UPDATE (never a DELETE) of an append-only row through only while a
  permit for its household exists.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from sociaalhuis.storage.base import Base, Editable


class CaseClosure(Editable, Base):
    """A household's file closed on `closed_on`, by whom and why (a newer row counts)."""

    __tablename__ = "case_closures"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    closed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    closed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class Anonymisation(Editable, Base):
    """A household anonymised after its retention period: the day its file was closed, the
    day it was anonymised and the number of values replaced (no names)."""

    __tablename__ = "anonymisations"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), unique=True)
    closed_on: Mapped[date] = mapped_column(Date)
    anonymised_on: Mapped[date] = mapped_column(Date)
    values_replaced: Mapped[int] = mapped_column(Integer)


class AnonymisationPermit(Editable, Base):
    """Exists only inside the anonymiser's own transaction (see the module docstring)."""

    __tablename__ = "anonymisation_permits"
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
