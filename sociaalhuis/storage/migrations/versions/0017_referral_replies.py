"""Partner replies on referrals.

- `reply_imports`: files of partner replies taken in.
- `referral_replies`: the partner's answer on a referral (append-only, corrections supersede).
- `reply_handled`: a declined or no-show reply the worker dealt with.
- `referrals.status` may also be `no_show` (the client never came): the CHECK constraint is
  replaced, on SQLite by recreating the table (batch mode).

Revision ID: 0017_referral_replies
Revises: 0016_official_statuses
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.base import UtcDateTime

revision: str = "0017_referral_replies"
down_revision: str | None = "0016_official_statuses"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Append-only like decisions and letters: a correction supersedes, nothing is edited or deleted.
GUARDED = ("reply_imports", "referral_replies", "reply_handled")
OLD_STATUSES = ("draft", "sent", "received", "accepted", "declined", "completed")
NEW_STATUSES = (*OLD_STATUSES, "no_show")


def _in(statuses: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{status}'" for status in statuses) + ")"


def _statuses(statuses: tuple[str, ...]) -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_referrals_status"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_referrals_status"), _in(statuses))


def _guard(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()"
        )
        return
    for event in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only; record a correction "
            "instead'); END"
        )


def upgrade() -> None:
    _statuses(NEW_STATUSES)
    op.create_table(
        "reply_imports",
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("imported_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["users.id"], name=op.f("fk_reply_imports_imported_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_imports")),
    )
    op.create_table(
        "referral_replies",
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("replied_on", sa.Date(), nullable=False),
        sa.Column("received_via", sa.String(length=10), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('accepted', 'declined', 'no_show', 'helped')",
            name=op.f("ck_referral_replies_outcome"),
        ),
        sa.CheckConstraint(
            "received_via IN ('worker', 'import')", name=op.f("ck_referral_replies_received_via")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_referral_replies_household_id_households"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["reply_imports.id"],
            name=op.f("fk_referral_replies_import_id_reply_imports"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_referral_replies_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_referral_replies_referral_id_referrals"),
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["referral_replies.id"],
            name=op.f("fk_referral_replies_supersedes_id_referral_replies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral_replies")),
    )
    op.create_index(op.f("ix_referral_replies_household_id"), "referral_replies", ["household_id"])
    op.create_index(op.f("ix_referral_replies_referral_id"), "referral_replies", ["referral_id"])
    op.create_table(
        "reply_handled",
        sa.Column("reply_id", sa.Uuid(), nullable=False),
        sa.Column("handled_by_id", sa.Uuid(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["handled_by_id"], ["users.id"], name=op.f("fk_reply_handled_handled_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["referral_replies.id"],
            name=op.f("fk_reply_handled_reply_id_referral_replies"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reply_handled")),
    )
    op.create_index(op.f("ix_reply_handled_reply_id"), "reply_handled", ["reply_id"], unique=True)
    for table in GUARDED:
        _guard(table)


def downgrade() -> None:
    # Dropping the tables drops their triggers on both databases.
    op.drop_index(op.f("ix_reply_handled_reply_id"), table_name="reply_handled")
    op.drop_table("reply_handled")
    op.drop_index(op.f("ix_referral_replies_referral_id"), table_name="referral_replies")
    op.drop_index(op.f("ix_referral_replies_household_id"), table_name="referral_replies")
    op.drop_table("referral_replies")
    op.drop_table("reply_imports")
    # A no-show referral has no place in the old statuses: it goes back to declined.
    op.execute("UPDATE referrals SET status = 'declined' WHERE status = 'no_show'")
    _statuses(OLD_STATUSES)
