"""Need to know: case assignments and break-glass grants, both append-only.

- `case_assignments`: one row per (re)assignment of a household's case; the newest row names
  the current case worker, a household without rows is unassigned.
- `break_glass_grants`: a user's time-limited access to a household assigned to a colleague,
  with the reason given.
- Both get the append-only guards of 0001 and 0005: UPDATE and DELETE refused (triggers on
  both backends), TRUNCATE refused on PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("case_assignments", "break_glass_grants")


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
        "case_assignments",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assigned_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["users.id"],
            name=op.f("fk_case_assignments_assigned_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_case_assignments_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_case_assignments_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_assignments")),
    )
    op.create_index(op.f("ix_case_assignments_household_id"), "case_assignments", ["household_id"])
    op.create_index(op.f("ix_case_assignments_user_id"), "case_assignments", ["user_id"])
    op.create_table(
        "break_glass_grants",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_break_glass_grants_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_break_glass_grants_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_break_glass_grants")),
    )
    op.create_index(
        op.f("ix_break_glass_grants_household_id"), "break_glass_grants", ["household_id"]
    )
    op.create_index(op.f("ix_break_glass_grants_user_id"), "break_glass_grants", ["user_id"])
    _guards(create=True)


def downgrade() -> None:
    _guards(create=False)
    op.drop_index(op.f("ix_break_glass_grants_user_id"), table_name="break_glass_grants")
    op.drop_index(op.f("ix_break_glass_grants_household_id"), table_name="break_glass_grants")
    op.drop_table("break_glass_grants")
    op.drop_index(op.f("ix_case_assignments_user_id"), table_name="case_assignments")
    op.drop_index(op.f("ix_case_assignments_household_id"), table_name="case_assignments")
    op.drop_table("case_assignments")
