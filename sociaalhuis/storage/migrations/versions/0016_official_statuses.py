"""Official status lists: the imports and where each imported status came from.

- `status_imports`: one row per list file read in (name, sha256, the file's date, who and
  when, the counts of the report).
- `official_status_facts`: per import, the facts it wrote or confirmed, with the file line.

Revision ID: 0016_official_statuses
Revises: 0015_sync_received
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.base import UtcDateTime

revision: str = "0016_official_statuses"
down_revision: str | None = "0015_sync_received"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "status_imports",
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_date", sa.Date(), nullable=False),
        sa.Column("imported_at", UtcDateTime(), nullable=False),
        sa.Column("imported_by_id", sa.Uuid(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("unmatched", sa.Integer(), nullable=False),
        sa.Column("ambiguous", sa.Integer(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"],
            ["users.id"],
            name=op.f("fk_status_imports_imported_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_imports")),
    )
    op.create_index(op.f("ix_status_imports_sha256"), "status_imports", ["sha256"])
    op.create_table(
        "official_status_facts",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("fact_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["status_imports.id"],
            name=op.f("fk_official_status_facts_import_id_status_imports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_official_status_facts")),
    )
    op.create_index(
        op.f("ix_official_status_facts_import_id"), "official_status_facts", ["import_id"]
    )
    op.create_index(op.f("ix_official_status_facts_fact_id"), "official_status_facts", ["fact_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_official_status_facts_fact_id"), table_name="official_status_facts")
    op.drop_index(op.f("ix_official_status_facts_import_id"), table_name="official_status_facts")
    op.drop_table("official_status_facts")
    op.drop_index(op.f("ix_status_imports_sha256"), table_name="status_imports")
    op.drop_table("status_imports")
