"""Partner replies on referrals.

Revision ID: 0017_referral_replies
Revises: 0016_official_statuses
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0017_referral_replies"
down_revision: str | None = "0016_official_statuses"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
