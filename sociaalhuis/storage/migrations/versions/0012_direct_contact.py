"""Direct contact on letters: a worker's own phone and e-mail under the signature, and the
Sociaal Huis's website and opening hours in the letterhead.

- `users.phone`, `users.email`: the worker's direct line; empty (the default) means letters
  give the Sociaal Huis's phone and e-mail instead.
- `letterhead.website`, `letterhead.opening_hours`: printed under the sender when set.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 18:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "users": (("phone", 40), ("email", 120)),
    "letterhead": (("website", 200), ("opening_hours", 400)),
}


def upgrade() -> None:
    # batch mode: SQLite cannot drop columns in place on downgrade; on PostgreSQL it is a
    # plain ALTER TABLE. Existing rows get "" (no direct contact, no website).
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.add_column(
                    sa.Column(name, sa.String(length=length), nullable=False, server_default="")
                )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later, PostgreSQL): batch mode would copy and drop
    # the users table, which the foreign keys of every other table refuse.
    for table, columns in COLUMNS.items():
        for name, _length in reversed(columns):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
