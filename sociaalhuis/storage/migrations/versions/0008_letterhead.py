"""The Sociaal Huis letterhead, set by an administrator instead of built into the program.

- `letterhead`: one row (`slot` = 1, unique) with the organisation, address lines (one per
  line), phone and e-mail printed as sender on every letter. Without a row, letters carry
  the built-in defaults, as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "letterhead",
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=120), nullable=False),
        sa.Column("address", sa.String(length=400), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("slot = 1", name=op.f("ck_letterhead_slot")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letterhead")),
        sa.UniqueConstraint("slot", name=op.f("uq_letterhead_slot")),
    )


def downgrade() -> None:
    op.drop_table("letterhead")
