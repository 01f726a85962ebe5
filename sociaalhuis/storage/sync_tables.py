"""ORM tables of synchronisation: the site this database is, and its outbox of changes
(re-exported by `storage.models`; written by `sync.site` and `sync.outbox`)."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from sociaalhuis.storage.base import Base, Editable, Keyed
from sociaalhuis.storage.base import in_list as _in

SITE_ROLES = ("central", "laptop")
CHANGE_OPS = ("insert", "update", "delete")


class SyncSite(Editable, Base):
    """This database as a site (one row, made by migration 0014): `id` is the site id.

    `epoch` changes when the database is restored from a backup, so the other sites can tell
    it lost changes; `last_seq` is the number of the newest change in the outbox, raised in
    the same transaction as the change, so the numbers have no gaps.
    """

    __tablename__ = "sync_site"
    # Always 1 and unique: the database is exactly one site.
    slot: Mapped[int] = mapped_column(Integer, default=1, unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20), default="central")
    epoch: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        CheckConstraint("slot = 1", name="slot"),
        CheckConstraint(_in("role", SITE_ROLES), name="role"),
    )


class SyncOutbox(Keyed, Base):
    """One change made here, as `sync.change.Change` carries it: `id` is the change id and
    `created_at` the time it was made; `fields` and `base_fields` are JSON objects."""

    __tablename__ = "sync_outbox"
    site_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    op: Mapped[str] = mapped_column(String(10))
    base_version: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[str] = mapped_column(Text, default="{}")
    base_fields: Mapped[str] = mapped_column(Text, default="{}")
    __table_args__ = (
        UniqueConstraint("site_id", "seq", name="uq_sync_outbox_site_seq"),
        CheckConstraint(_in("op", CHANGE_OPS), name="op"),
    )
