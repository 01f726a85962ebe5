"""Audit chain: audit events linked by hash, and guards against rewriting append-only history.

- `audit_events`: `seq`, `prev_hash`, `hash` (see `sociaalhuis.storage.audit_chain`). Existing
  events are chained in their `created_at`, `id` order; the append-only guard is lifted for
  that one fill. On SQLite making the columns NOT NULL copies the table, which drops its
  triggers; they are created again with the text of 0001.
- `audit_chain_head`: one row with the newest `seq` and `hash`; it may be updated, never
  deleted (trigger on both backends).
- PostgreSQL: a trigger refusing TRUNCATE on every append-only table and on the chain head.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:45:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from sociaalhuis.storage.audit_chain import GENESIS, HEAD_ID, event_hash
from sociaalhuis.storage.models import UtcDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("audit_events", "contact_notes", "decisions", "letters", "consents")
BATCH = 5_000


def _is_postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _sqlite_triggers(table: str, events: tuple[str, ...], create: bool) -> None:
    """The append-only triggers of `table` as 0001 and 0002 write them."""
    for event in events:
        if create:
            op.execute(
                f"CREATE TRIGGER {table}_no_{event} BEFORE {event.upper()} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only; record a correction "
                "instead'); END"
            )
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def _chain_existing_events() -> int:
    """Link the events already stored, oldest first; returns how many there were."""
    connection = op.get_bind()
    events = sa.table(
        "audit_events",
        sa.column("id", sa.Uuid()),
        sa.column("created_at", UtcDateTime()),
        sa.column("user_id", sa.Uuid()),
        sa.column("action", sa.String()),
        sa.column("entity_type", sa.String()),
        sa.column("entity_id", sa.Uuid()),
        sa.column("detail", sa.Text()),
        sa.column("seq", sa.Integer()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    fill = (
        sa.update(events)
        .where(events.c.id == sa.bindparam("key"))
        .values(seq=sa.bindparam("s"), prev_hash=sa.bindparam("p"), hash=sa.bindparam("h"))
    )
    query = sa.select(events).order_by(events.c.created_at, events.c.id).limit(BATCH)
    seq, head, after = 0, GENESIS, None
    while True:
        page = query
        if after is not None:
            page = query.where(sa.tuple_(events.c.created_at, events.c.id) > sa.tuple_(*after))
        rows = connection.execute(page).mappings().all()
        if not rows:
            return seq
        updates = []
        for row in rows:
            seq += 1
            digest = event_hash(seq, head, dict(row))
            updates.append({"key": row["id"], "s": seq, "p": head, "h": digest})
            head = digest
        connection.execute(fill, updates)
        after = (rows[-1]["created_at"], rows[-1]["id"])
        _store_head(seq, head, create=seq == len(rows))


def _store_head(seq: int, hash_: str, *, create: bool) -> None:
    heads = sa.table(
        "audit_chain_head",
        sa.column("id", sa.Uuid()),
        sa.column("created_at", UtcDateTime()),
        sa.column("updated_at", UtcDateTime()),
        sa.column("version", sa.Integer()),
        sa.column("seq", sa.Integer()),
        sa.column("hash", sa.String()),
    )
    now = datetime.now(UTC)
    if create:
        op.get_bind().execute(
            heads.insert().values(
                id=HEAD_ID, created_at=now, updated_at=now, version=1, seq=seq, hash=hash_
            )
        )
    else:
        op.get_bind().execute(
            heads.update().values(seq=seq, hash=hash_, updated_at=now, version=heads.c.version + 1)
        )


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.add_column("audit_events", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_events", sa.Column("prev_hash", sa.String(length=64), nullable=True))
    op.add_column("audit_events", sa.Column("hash", sa.String(length=64), nullable=True))
    postgres = _is_postgres()
    if postgres:
        op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
    else:
        _sqlite_triggers("audit_events", ("update", "delete"), create=False)
    if _chain_existing_events() == 0:
        _store_head(0, GENESIS, create=True)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        for name in ("seq", "prev_hash", "hash"):
            batch_op.alter_column(name, nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_seq"), ["seq"])
    if postgres:
        op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
        _postgres_guards(create=True)
    else:
        _sqlite_triggers("audit_events", ("update", "delete"), create=True)
        _sqlite_triggers("audit_chain_head", ("delete",), create=True)


def _postgres_guards(create: bool) -> None:
    """TRUNCATE skips row triggers, so each append-only table gets a statement trigger too."""
    for table in (*APPEND_ONLY, "audit_chain_head"):
        if create:
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()"
            )
        else:
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
    if create:
        op.execute(
            "CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head "
            "FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()"
        )
    else:
        op.execute("DROP TRIGGER audit_chain_head_no_delete ON audit_chain_head")


def downgrade() -> None:
    if _is_postgres():
        _postgres_guards(create=False)
    else:
        _sqlite_triggers("audit_chain_head", ("delete",), create=False)
        _sqlite_triggers("audit_events", ("update", "delete"), create=False)
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_events_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    if not _is_postgres():
        _sqlite_triggers("audit_events", ("update", "delete"), create=True)
    op.drop_table("audit_chain_head")
