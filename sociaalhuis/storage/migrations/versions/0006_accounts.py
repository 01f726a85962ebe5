"""Accounts: a function title for letters, lockout state and the last login on `users`, and
`login_throttles` for failed logins under user names that have no account.

- `users.function_title` (NOT NULL, '' for existing users), `failed_attempts` (NOT NULL, 0),
  `locked_until` and `last_login_at` (NULL). Adding columns copies no table.
- `login_throttles`: one row per unknown user name that failed to log in, keyed by the
  SHA-256 of the lower-cased name, so an unknown name locks like a real account.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, not batch mode: a batch would copy `users`, which every other table
    # refers to, and SQLite refuses to drop it while rows point at it.
    op.add_column(
        "users",
        sa.Column("function_title", sa.String(length=200), nullable=False, server_default=""),
    )
    op.add_column(
        "users", sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("users", sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("users", sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "login_throttles",
        sa.Column("name_key", sa.String(length=64), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_throttles")),
        sa.UniqueConstraint("name_key", name=op.f("uq_login_throttles_name_key")),
    )


def downgrade() -> None:
    op.drop_table("login_throttles")
    # SQLite 3.35 and later drop a column in place (none of these is indexed or constrained).
    for column in ("last_login_at", "locked_until", "failed_attempts", "function_title"):
        op.drop_column("users", column)
