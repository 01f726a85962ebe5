"""Privacy duties: closed files, anonymisations, and the anonymiser's door through the
append-only guards.

- `case_closures`: a household's file closed on a day (the retention period runs from it).
- `anonymisations`: which households were anonymised, when, with the number of values replaced.
- `anonymisation_permits`: a row that exists only inside the anonymiser's transaction.
- The UPDATE guards of the append-only tables whose rows can name a client (notes, decisions,
  letters, follow-ups, break-glass reasons,
  partner replies and their handling notes) let an UPDATE through while a permit for the row's
  household exists; DELETE and TRUNCATE stay refused, and every other table keeps its guard
  unchanged. The triggers keep the names and the RAISE that `audit verify` checks.

Revision ID: 0018_privacy
Revises: 0017_referral_replies
Create Date: 2026-12-04 05:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.base import UtcDateTime

revision: str = "0018_privacy"
down_revision: str | None = "0017_referral_replies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table: the SQL naming the household of the row being updated
ANONYMISABLE = {
    "contact_notes": "(SELECT household_id FROM contacts WHERE id = OLD.contact_id)",
    "decisions": "OLD.household_id",
    "letters": "OLD.household_id",
    "follow_ups": "OLD.household_id",
    "break_glass_grants": "OLD.household_id",
    "referral_replies": "OLD.household_id",
    "reply_handled": "(SELECT household_id FROM referral_replies WHERE id = OLD.reply_id)",
}

ORIGINAL_FUNCTION = (
    "CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RAISE EXCEPTION '% is append-only; record a correction instead', "
    "TG_TABLE_NAME; END $$"
)
# Compiled per table by PL/pgSQL, so `OLD.household_id` is only read on tables that have it.
PERMITTING_FUNCTION = """
CREATE OR REPLACE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    subject uuid;
BEGIN
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME IN (
        'contact_notes', 'decisions', 'letters', 'follow_ups', 'break_glass_grants',
        'referral_replies', 'reply_handled'
    ) THEN
        IF TG_TABLE_NAME = 'contact_notes' THEN
            SELECT household_id INTO subject FROM contacts WHERE id = OLD.contact_id;
        ELSIF TG_TABLE_NAME = 'reply_handled' THEN
            SELECT household_id INTO subject FROM referral_replies WHERE id = OLD.reply_id;
        ELSE
            subject := OLD.household_id;
        END IF;
        IF EXISTS (SELECT 1 FROM anonymisation_permits WHERE household_id = subject) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION '% is append-only; record a correction instead', TG_TABLE_NAME;
END $$
"""


def _is_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _sqlite_update_guards(permitting: bool) -> None:
    for table, subject in ANONYMISABLE.items():
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        when = (
            f" WHEN NOT EXISTS (SELECT 1 FROM anonymisation_permits WHERE household_id = {subject})"
            if permitting
            else ""
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}{when} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only; record a correction "
            "instead'); END"
        )


def upgrade() -> None:
    op.create_table(
        "case_closures",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("closed_by_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["users.id"], name=op.f("fk_case_closures_closed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_case_closures_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_closures")),
    )
    op.create_index(op.f("ix_case_closures_household_id"), "case_closures", ["household_id"])
    op.create_table(
        "anonymisations",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("anonymised_on", sa.Date(), nullable=False),
        sa.Column("values_replaced", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_anonymisations_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisations")),
        sa.UniqueConstraint("household_id", name=op.f("uq_anonymisations_household_id")),
    )
    op.create_table(
        "anonymisation_permits",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anonymisation_permits")),
        sa.UniqueConstraint("household_id", name=op.f("uq_anonymisation_permits_household_id")),
    )
    if _is_postgres():
        op.execute(PERMITTING_FUNCTION)
    else:
        _sqlite_update_guards(permitting=True)


def downgrade() -> None:
    if _is_postgres():
        op.execute(ORIGINAL_FUNCTION)
    else:
        _sqlite_update_guards(permitting=False)
    op.drop_table("anonymisation_permits")
    op.drop_table("anonymisations")
    op.drop_index(op.f("ix_case_closures_household_id"), table_name="case_closures")
    op.drop_table("case_closures")
