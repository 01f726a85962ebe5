"""ORM tables of official status lists: each import of a list file, and which facts each
import wrote or confirmed (re-exported by `storage.models`; written by `official.importer`).

Both stay on the site that imported the list: the facts themselves are synchronised like any
other, these provenance rows are not. `official_status_facts.fact_id` carries no foreign key:
a worker may later clear or correct the fact, and the record of what a file said stays.
Nothing updates these rows; they carry a version like every record that is not append-only.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sociaalhuis.storage.base import Base, Editable, UtcDateTime, utcnow


class StatusImport(Editable, Base):
    """One status list file read in: its name, digest and date, who read it in, the counts."""

    __tablename__ = "status_imports"
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # The date the source made the list (from the file name or given), not the import's.
    file_date: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    imported_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    lines: Mapped[int] = mapped_column(Integer)
    created: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    unmatched: Mapped[int] = mapped_column(Integer)
    ambiguous: Mapped[int] = mapped_column(Integer)


class OfficialStatusFact(Editable, Base):
    """A fact an import wrote or confirmed, with the file line that said so."""

    __tablename__ = "official_status_facts"
    import_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("status_imports.id"), index=True)
    fact_id: Mapped[uuid.UUID] = mapped_column(index=True)
    line: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[str] = mapped_column(String(20))
    # created, updated or unchanged
    outcome: Mapped[str] = mapped_column(String(10))
