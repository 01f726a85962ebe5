"""Proactive granting rounds with four eyes.

- `granting_rounds`: a round for one right the Sociaal Huis grants itself, prepared by one
  user and approved (wholly or partly) or rejected by another; the batch of award letters
  printed on approval, with its SHA-256.
- `granting_round_items`: each proposed household with the Dutch explanation of its
  eligibility, and whether it was approved (None until the round is decided).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "granting_rounds",
        sa.Column("right_id", sa.String(length=100), nullable=False),
        sa.Column("catalog_version", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("prepared_by_id", sa.Uuid(), nullable=False),
        sa.Column("prepared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("batch_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("batch_sha256", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('prepared', 'approved', 'partly_approved', 'rejected')",
            name=op.f("ck_granting_rounds_status"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_granting_rounds_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["prepared_by_id"], ["users.id"], name=op.f("fk_granting_rounds_prepared_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_granting_rounds")),
    )
    op.create_index(op.f("ix_granting_rounds_right_id"), "granting_rounds", ["right_id"])
    op.create_table(
        "granting_round_items",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("approved", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_granting_round_items_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["granting_rounds.id"],
            name=op.f("fk_granting_round_items_round_id_granting_rounds"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_granting_round_items")),
        sa.UniqueConstraint("round_id", "household_id", name="uq_granting_round_items_household"),
    )
    op.create_index(
        op.f("ix_granting_round_items_household_id"), "granting_round_items", ["household_id"]
    )
    op.create_index(op.f("ix_granting_round_items_round_id"), "granting_round_items", ["round_id"])


def downgrade() -> None:
    op.drop_table("granting_round_items")
    op.drop_table("granting_rounds")
