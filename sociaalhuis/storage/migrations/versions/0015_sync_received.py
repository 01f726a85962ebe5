"""Synchronisation, receiving side: what other sites sent, record lineages and conflicts.

- `sync_peers`: per other site (and this one) the seqs received and acknowledged, its epoch
  and, for a laptop, the accounts it serves.
- `sync_received`: every change received from another site, applied or waiting.
- `sync_records`: per record touched by another site's change, what it shows, its lineage and
  its open conflicts.
- `received_audit_events`: audit events made at other sites, in their own hash chains;
  append-only like `audit_events`.

Revision ID: 0015_sync_received
Revises: 0014_sync_outbox
Create Date: 2026-12-04 02:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.base import UtcDateTime

revision: str = "0015_sync_received"
down_revision: str | None = "0014_sync_outbox"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GUARDED = "received_audit_events"


def upgrade() -> None:
    op.create_table(
        "sync_peers",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("epoch", sa.Uuid(), nullable=True),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("users", sa.Text(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_received",
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('applied', 'pending')", name=op.f("ck_sync_received_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_received")),
        sa.UniqueConstraint("site_id", "seq", name="uq_sync_received_site_seq"),
    )
    op.create_index(op.f("ix_sync_received_status"), "sync_received", ["status"])
    op.create_table(
        "sync_records",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("shown_version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("lineage", sa.Text(), nullable=False),
        sa.Column("conflicts", sa.Text(), nullable=False),
        sa.Column("stale", sa.Text(), nullable=False),
        sa.Column("in_conflict", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_records")),
        sa.UniqueConstraint("table_name", "record_id", name="uq_sync_records_record"),
    )
    op.create_index(op.f("ix_sync_records_in_conflict"), "sync_records", ["in_conflict"])
    op.create_table(
        GUARDED,
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("site_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_audit_events")),
        sa.UniqueConstraint("site_id", "seq", name="uq_received_audit_site_seq"),
    )
    op.create_index(op.f("ix_received_audit_events_entity_id"), GUARDED, ["entity_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {GUARDED}_append_only BEFORE UPDATE OR DELETE ON {GUARDED} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()"
        )
        op.execute(
            f"CREATE TRIGGER {GUARDED}_no_truncate BEFORE TRUNCATE ON {GUARDED} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()"
        )
    else:
        for event in ("update", "delete"):
            op.execute(
                f"CREATE TRIGGER {GUARDED}_no_{event} BEFORE {event.upper()} ON {GUARDED} "
                f"BEGIN SELECT RAISE(ABORT, '{GUARDED} is append-only; record a correction "
                "instead'); END"
            )


def downgrade() -> None:
    # Dropping the table drops its triggers on both databases.
    op.drop_index(op.f("ix_received_audit_events_entity_id"), table_name=GUARDED)
    op.drop_table(GUARDED)
    op.drop_index(op.f("ix_sync_records_in_conflict"), table_name="sync_records")
    op.drop_table("sync_records")
    op.drop_index(op.f("ix_sync_received_status"), table_name="sync_received")
    op.drop_table("sync_received")
    op.drop_table("sync_peers")
