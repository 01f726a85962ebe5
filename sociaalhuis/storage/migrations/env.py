"""Alembic environment: always handed an open connection by `sociaalhuis.storage.schema`."""

from alembic import context

from sociaalhuis.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit(
        "Run migrations through `python -m sociaalhuis init`, which opens the database safely."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
