"""Official status lists: the imports and where each imported status came from.

Revision ID: 0016_official_statuses
Revises: 0015_sync_received
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0016_official_statuses"
down_revision: str | None = "0015_sync_received"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
