"""Privacy duties: consent per purpose and partner, retention and anonymisation.

Revision ID: 0018_privacy
Revises: 0017_referral_replies
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

revision: str = "0018_privacy"
down_revision: str | None = "0017_referral_replies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
