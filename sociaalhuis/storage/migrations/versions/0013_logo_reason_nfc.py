"""The letterhead's logo, the extra-facts reason kept with the disclosure, old text as typed.

- `letterhead.logo` (PNG or JPEG bytes, NULL: no logo) and `letterhead.logo_type` (its media
  type, "" without a logo).
- `referrals.extra_facts_reason`: why more facts are shared than the partner needs; it was
  written into the audit detail, which team leads and administrators read. Existing rows
  get "" (the old audit events stay: the trail is append-only).
- Names, addresses and texts typed before `typed_text.as_typed` was applied on input are
  rewritten as typed (logical Unicode, NFC), and the search terms of their households
  rebuilt. Append-only tables (notes, consents, decisions, letters, follow-ups, the audit
  trail) are left as they were: their rows are records and their triggers refuse changes.

Revision ID: 0013_logo_reason_nfc
Revises: 0012
Create Date: 2026-12-03 21:00:00.000000
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.search import refresh
from sociaalhuis.typed_text import as_typed

revision: str = "0013_logo_reason_nfc"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Typed text outside the append-only tables: (table, {column: length limit or None}).
TYPED = (
    ("persons", {"given_name": 200, "family_name": 200}),
    ("households", {"street": 200, "house_number": 20, "box": 20}),
    ("users", {"display_name": 200, "function_title": 200}),
    ("facts", {"value_text": None}),
    ("contacts", {"question": None}),
    ("referrals", {"reason": None}),
)


def upgrade() -> None:
    op.add_column("letterhead", sa.Column("logo", sa.LargeBinary(), nullable=True))
    op.add_column(
        "letterhead",
        sa.Column("logo_type", sa.String(length=20), nullable=False, server_default=""),
    )
    op.add_column(
        "referrals",
        sa.Column("extra_facts_reason", sa.Text(), nullable=False, server_default=""),
    )
    connection = op.get_bind()
    changed = {table: _retype(connection, table, limits) for table, limits in TYPED}
    _search_columns(connection, changed["persons"], changed["households"])


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35 and later, PostgreSQL): batch mode would copy and drop
    # the referrals table, which the foreign key of `letters` refuses. The text stays as typed.
    op.execute("ALTER TABLE referrals DROP COLUMN extra_facts_reason")
    op.execute("ALTER TABLE letterhead DROP COLUMN logo_type")
    op.execute("ALTER TABLE letterhead DROP COLUMN logo")


def _retype(connection: sa.Connection, name: str, limits: dict[str, int | None]) -> set:
    """Rewrite the columns `limits` names of every row of `name` whose text is not as typed;
    returns the ids of the rows changed. A value that would outgrow its column (a ligature
    expands to letters) is left as it is rather than cut."""
    table = sa.table(name, sa.column("id", sa.Uuid()), *(sa.column(c) for c in limits))
    changed: set[uuid.UUID] = set()
    for row in connection.execute(sa.select(table)).mappings().all():
        values = {}
        for column, limit in limits.items():
            old = row[column]
            new = as_typed(old) if old else old
            if new != old and (limit is None or len(new) <= limit):
                values[column] = new
        if values:
            connection.execute(table.update().where(table.c.id == row["id"]).values(values))
            changed.add(row["id"])
    return changed


def _search_columns(connection: sa.Connection, persons: set, households: set) -> None:
    """The lower-cased search columns of the rows changed (as `cases.households` keeps them)
    and the search terms of every household they belong to."""
    people = sa.table(
        "persons",
        sa.column("id", sa.Uuid()),
        sa.column("given_name"),
        sa.column("family_name"),
        sa.column("search_name"),
    )
    for person in connection.execute(sa.select(people).where(people.c.id.in_(persons))).all():
        search_name = f"{person.family_name} {person.given_name}".casefold()
        update = people.update().where(people.c.id == person.id)
        connection.execute(update.values(search_name=search_name))
    homes = sa.table(
        "households",
        sa.column("id", sa.Uuid()),
        sa.column("street"),
        sa.column("house_number"),
        sa.column("search_street"),
    )
    for home in connection.execute(sa.select(homes).where(homes.c.id.in_(households))).all():
        search_street = f"{home.street} {home.house_number}".casefold()
        update = homes.update().where(homes.c.id == home.id)
        connection.execute(update.values(search_street=search_street))
    members = sa.table(
        "household_members", sa.column("household_id", sa.Uuid()), sa.column("person_id", sa.Uuid())
    )
    query = sa.select(members.c.household_id).where(members.c.person_id.in_(persons))
    touched = households | set(connection.scalars(query))
    if touched:
        refresh(connection, sorted(touched))
