"""Synchronisation: the database knows its site, and every change goes to an outbox.

- `sync_site`: one row (`slot` 1): the site id (`id`, made here, so an existing database gets
  one too), its name, its role (`central` until set otherwise with `site set`), its epoch and
  the sequence number of its newest change.
- `sync_outbox`: one row per change made here (`sync.outbox` writes it in the transaction of
  the change), numbered per site without gaps.

Revision ID: 0014_sync_outbox
Revises: 0013_logo_reason_nfc
Create Date: 2026-12-03 21:40:00.000000
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0014_sync_outbox"
down_revision: str | None = "0013_logo_reason_nfc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    site = op.create_table(
        "sync_site",
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("epoch", sa.Uuid(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("slot = 1", name=op.f("ck_sync_site_slot")),
        sa.CheckConstraint("role IN ('central', 'laptop')", name=op.f("ck_sync_site_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_site")),
        sa.UniqueConstraint("slot", name=op.f("uq_sync_site_slot")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("base_fields", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("op IN ('insert', 'update', 'delete')", name=op.f("ck_sync_outbox_op")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_outbox")),
        sa.UniqueConstraint("site_id", "seq", name="uq_sync_outbox_site_seq"),
    )
    op.create_index(op.f("ix_sync_outbox_record_id"), "sync_outbox", ["record_id"], unique=False)
    now = datetime.now(UTC)
    op.bulk_insert(
        site,
        [
            {
                "slot": 1,
                "name": "",
                "role": "central",
                "epoch": uuid.uuid4(),
                "last_seq": 0,
                "updated_at": now,
                "version": 1,
                "id": uuid.uuid4(),
                "created_at": now,
            }
        ],
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_outbox_record_id"), table_name="sync_outbox")
    op.drop_table("sync_outbox")
    op.drop_table("sync_site")
