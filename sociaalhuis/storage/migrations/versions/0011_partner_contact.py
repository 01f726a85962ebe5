"""How a client reaches a partner on the sociale kaart.

- `organisations.opening_hours`: when the partner can be visited or called (free text).
- `organisations.no_walk_in`: set for a partner without a desk to walk into, saying how to
  reach it instead.
- `organisations.contact_sources`: the public sources of the contact fields, one a line.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("opening_hours", "no_walk_in", "contact_sources")


def upgrade() -> None:
    # batch mode: SQLite cannot drop columns in place on downgrade; on PostgreSQL it is a
    # plain ALTER TABLE.
    with op.batch_alter_table("organisations") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
