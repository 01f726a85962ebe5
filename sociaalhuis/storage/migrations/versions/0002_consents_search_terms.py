"""Consents to share data with partners; the household search index; shorter decision actions.

- `consents` (append-only, guarded by triggers like notes and decisions): a withdrawal is a
  new row that supersedes the consent and sets `withdrawn_on`.
- `search_terms`: words of names, streets and house numbers, and national numbers, per
  household, keyed by term for prefix search; filled here from the existing households.
- `decisions.action`: `declined_by_client` → `declined`, `rejected_by_provider` → `rejected`.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 07:08:37.297853
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.search import terms_for

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ACTIONS = (
    "granted",
    "applied",
    "referred",
    "already_receives",
    "declined_by_client",
    "rejected_by_provider",
)
NEW_ACTIONS = ("granted", "applied", "referred", "already_receives", "declined", "rejected")
BATCH = 1000


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _sqlite_triggers(table: str, create: bool) -> None:
    for event in ("update", "delete"):
        if create:
            op.execute(
                f"CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only; record a correction "
                "instead'); END"
            )
        else:
            op.execute(f"DROP TRIGGER {table}_no_{event}")


def _protect(table: str) -> None:
    """Refuse UPDATE and DELETE on an append-only table in the database itself (as 0001)."""
    if _postgresql():
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()"
        )
    else:
        _sqlite_triggers(table, create=True)


def _unprotect(table: str) -> None:
    if _postgresql():
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    else:
        _sqlite_triggers(table, create=False)


def _in(values: tuple[str, ...]) -> str:
    return f"action IN ({', '.join(repr(v) for v in values)})"


def _rename_actions(renames: dict[str, str], allowed: tuple[str, ...]) -> None:
    """Rename action values in the append-only decisions table and swap its CHECK.

    The append-only guard is lifted for this one rewrite: a migration renames a code, it does
    not change what was decided.
    """
    updates = [
        sa.text("UPDATE decisions SET action = :new WHERE action = :old").bindparams(
            new=new, old=old
        )
        for old, new in renames.items()
    ]
    if _postgresql():
        op.drop_constraint(op.f("ck_decisions_action"), "decisions", type_="check")
        op.execute("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only")
        for update in updates:
            op.execute(update)
        op.execute("ALTER TABLE decisions ENABLE TRIGGER decisions_append_only")
        op.create_check_constraint(op.f("ck_decisions_action"), "decisions", _in(allowed))
        return
    # SQLite cannot alter a CHECK: each batch copies the table, which drops its triggers.
    _sqlite_triggers("decisions", create=False)
    with op.batch_alter_table("decisions", recreate="always") as batch_op:
        batch_op.drop_constraint(op.f("ck_decisions_action"), type_="check")
    for update in updates:
        op.execute(update)
    with op.batch_alter_table("decisions", recreate="always") as batch_op:
        batch_op.create_check_constraint(op.f("ck_decisions_action"), _in(allowed))
    _sqlite_triggers("decisions", create=True)


def _fill_search_terms() -> None:
    """Index every household already stored (see sociaalhuis.storage.search)."""
    connection = op.get_bind()
    households = sa.table(
        "households", sa.column("id", sa.Uuid()), sa.column("street"), sa.column("house_number")
    )
    members = sa.table(
        "household_members", sa.column("household_id", sa.Uuid()), sa.column("person_id", sa.Uuid())
    )
    persons = sa.table(
        "persons",
        sa.column("id", sa.Uuid()),
        sa.column("given_name"),
        sa.column("family_name"),
        sa.column("national_number"),
    )
    terms = sa.table(
        "search_terms",
        sa.column("term"),
        sa.column("kind"),
        sa.column("household_id", sa.Uuid()),
    )
    people: dict[object, list[tuple[str, str, str | None]]] = {}
    query = sa.select(
        members.c.household_id,
        persons.c.given_name,
        persons.c.family_name,
        persons.c.national_number,
    ).join_from(members, persons, members.c.person_id == persons.c.id)
    for household_id, given, family, number in connection.execute(query):
        people.setdefault(household_id, []).append((given, family, number))
    rows: list[dict[str, object]] = []
    for household_id, street, house_number in connection.execute(sa.select(households)):
        for kind, term in terms_for(street, house_number, people.get(household_id, ())):
            rows.append({"term": term, "kind": kind, "household_id": household_id})
        if len(rows) >= BATCH:
            connection.execute(terms.insert(), rows)
            rows = []
    if rows:
        connection.execute(terms.insert(), rows)


def upgrade() -> None:
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('word', 'national_number')", name=op.f("ck_search_terms_kind")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_search_terms_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "kind", "household_id", name=op.f("pk_search_terms")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.create_index("ix_search_terms_household", ["household_id", "term"], unique=False)
    _fill_search_terms()

    op.create_table(
        "consents",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("partner", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("how", sa.String(length=10), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Uuid(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("supersedes_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("how IN ('verbal', 'written')", name=op.f("ck_consents_how")),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_consents_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_consents_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_consents_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_consents_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"], ["consents.id"], name=op.f("fk_consents_supersedes_id_consents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consents_household_id"), ["household_id"], unique=False
        )
    _protect("consents")

    _rename_actions(
        {"declined_by_client": "declined", "rejected_by_provider": "rejected"}, NEW_ACTIONS
    )


def downgrade() -> None:
    _rename_actions(
        {"declined": "declined_by_client", "rejected": "rejected_by_provider"}, OLD_ACTIONS
    )

    _unprotect("consents")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_household_id"))
        batch_op.drop_index(batch_op.f("ix_consents_contact_id"))
    op.drop_table("consents")

    with op.batch_alter_table("search_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_search_terms_household")
    op.drop_table("search_terms")
