"""Follow-ups assigned from the team lead's non-take-up review.

- `follow_ups`: a worker asked to follow up a household (about one right, or the household as
  a whole) by a date, with a note; append-only, a newer row for the same household and right
  replaces the older one in the review.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "follow_ups",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("right_id", sa.String(length=100), nullable=True),
        sa.Column("worker_id", sa.Uuid(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_follow_ups_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_follow_ups_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["users.id"], name=op.f("fk_follow_ups_worker_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index(op.f("ix_follow_ups_household_id"), "follow_ups", ["household_id"])
    op.create_index(op.f("ix_follow_ups_worker_id"), "follow_ups", ["worker_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_follow_ups_worker_id"), table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_household_id"), table_name="follow_ups")
    op.drop_table("follow_ups")
