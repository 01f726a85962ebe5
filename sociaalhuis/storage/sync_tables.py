"""ORM tables of synchronisation: the site this database is, its outbox of changes, and what
it received from other sites (re-exported by `storage.models`; written by `sync.site`,
`sync.outbox` and `sync.store`)."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, CheckConstraint, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from sociaalhuis.storage.base import Base, Editable, Keyed
from sociaalhuis.storage.base import in_list as _in

SITE_ROLES = ("central", "laptop")
CHANGE_OPS = ("insert", "update", "delete")
RECEIVED_STATUSES = ("applied", "pending")


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


class SyncPeer(Editable, Base):
    """What this site knows of another site (`id` is that site's id; this site has a row too,
    for its own changes folded into record lineages).

    `received_seq`: the highest of that site's seqs applied here, every lower one too;
    `acked_seq`: the highest of this site's seqs that site said it applied (the laptop learns
    it from the central, so it knows where to start sending); `epoch` that site's epoch as
    last seen; `users` (JSON list of user ids) the accounts a laptop serves, its caseload.
    """

    __tablename__ = "sync_peers"
    name: Mapped[str] = mapped_column(String(120), default="")
    epoch: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    received_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    users: Mapped[str] = mapped_column(Text, default="[]")


class SyncReceived(Editable, Base):
    """A change received from another site (`id` is the change id, `created_at` when it came):
    `applied`, or `pending` until its predecessor or its record's base arrives. Kept so the
    same change twice is recognised, and so the central can pass it on."""

    __tablename__ = "sync_received"
    site_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(10), index=True)
    change: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        UniqueConstraint("site_id", "seq", name="uq_sync_received_site_seq"),
        CheckConstraint(_in("status", RECEIVED_STATUSES), name="status"),
    )


class SyncRecord(Editable, Base):
    """A record that changes of more than one site touched: what it shows (`shown_version`,
    `deleted`, `fields`), its lineage for later merges and its open conflicts (JSON written by
    `sync.store`)."""

    __tablename__ = "sync_records"
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    shown_version: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    fields: Mapped[str] = mapped_column(Text, default="{}")
    lineage: Mapped[str] = mapped_column(Text, default="{}")
    conflicts: Mapped[str] = mapped_column(Text, default="[]")
    stale: Mapped[str] = mapped_column(Text, default="[]")
    in_conflict: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    __table_args__ = (UniqueConstraint("table_name", "record_id", name="uq_sync_records_record"),)


class ReceivedAuditEvent(Keyed, Base):
    """An audit event made at another site (`id` and `created_at` as made there), kept in that
    site's own hash chain (`seq`, `prev_hash`, `hash`), so `audit verify` checks it here too."""

    __tablename__ = "received_audit_events"
    site_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    seq: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("site_id", "seq", name="uq_received_audit_site_seq"),)
