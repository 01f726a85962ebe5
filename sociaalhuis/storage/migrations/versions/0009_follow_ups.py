"""Follow-ups assigned from the team lead's non-take-up review.

- `follow_ups`: a worker asked to follow up a household (about one right, or the household as
  a whole) by a date, with a note; append-only, a newer row for the same household and right
  replaces the older one in the review. It gets the append-only guards of 0001, 0005 and
  0007 (UPDATE and DELETE refused by triggers; TRUNCATE too on PostgreSQL), which
  `audit verify` checks.

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

TABLES = ("follow_ups",)


def _is_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _guards(create: bool) -> None:
    """The append-only triggers, named as `access.chain.missing_guards` expects them."""
    for table in TABLES:
        if _is_postgres():
            if create:
                op.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()"
                )
                op.execute(
                    f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()"
                )
            else:
                op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
                op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
            continue
        for event in ("update", "delete"):
            if create:
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only; record a correction "
                    "instead'); END"
                )
            else:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


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
    _guards(create=True)


def downgrade() -> None:
    _guards(create=False)
    op.drop_index(op.f("ix_follow_ups_worker_id"), table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_household_id"), table_name="follow_ups")
    op.drop_table("follow_ups")
