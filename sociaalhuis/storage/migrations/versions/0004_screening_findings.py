"""Stored screening findings: what the catalog says about every right for every household.

- `screenings`: one row per screened household: the catalog version and evaluation date of
  its findings, the household `version` they were computed from, a 16-byte digest of the
  findings (`screening.engine.digest_of`) and when they were written.
- `findings`: one row per household and right: the verdict (`not_eligible`,
  `possibly_eligible`, `eligible`, `receives`), the missing facts comma-joined ("" when
  none) and the right's yearly value. A finding's catalog version and evaluation date are
  those of its household's `screenings` row, which it points at.
- Indexes for the non-take-up list: findings by right, verdict and value; the eligible
  findings of all rights by value (partial); `decisions.supersedes_id`, to tell a current
  decision from a superseded one.

Both tables are derived, like `search_terms`: no id or version, rows go with their household,
and `screening.store` rebuilds them. They start empty: every household counts as not screened
until the next screening run (or its next save) fills them. Adding tables and indexes copies
no table, so the append-only triggers on `decisions` stay as they are.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 08:19:50.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERDICTS = ("not_eligible", "possibly_eligible", "eligible", "receives")
ELIGIBLE_ONLY = sa.text("verdict = 'eligible'")


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("catalog_version", sa.String(length=100), nullable=False),
        sa.Column("evaluated_on", sa.Date(), nullable=False),
        sa.Column("household_version", sa.Integer(), nullable=False),
        sa.Column("digest", sa.LargeBinary(length=16), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_screenings_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", name=op.f("pk_screenings")),
    )
    op.create_table(
        "findings",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("right_id", sa.String(length=100), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("missing", sa.Text(), nullable=False),
        sa.Column("yearly_value", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.CheckConstraint(
            f"verdict IN ({', '.join(repr(v) for v in VERDICTS)})",
            name=op.f("ck_findings_verdict"),
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["screenings.household_id"],
            name=op.f("fk_findings_household_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", "right_id", name=op.f("pk_findings")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_findings_right_verdict",
        "findings",
        ["right_id", "verdict", sa.text("yearly_value DESC"), "household_id"],
        unique=False,
    )
    op.create_index(
        "ix_findings_eligible",
        "findings",
        [sa.text("yearly_value DESC"), "household_id", "right_id"],
        unique=False,
        sqlite_where=ELIGIBLE_ONLY,
        postgresql_where=ELIGIBLE_ONLY,
    )
    # Plain CREATE INDEX on both backends: no row of the append-only table is rewritten.
    op.create_index(
        op.f("ix_decisions_supersedes_id"), "decisions", ["supersedes_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_decisions_supersedes_id"), table_name="decisions")
    op.drop_index("ix_findings_eligible", table_name="findings")
    op.drop_index("ix_findings_right_verdict", table_name="findings")
    op.drop_table("findings")
    op.drop_table("screenings")
