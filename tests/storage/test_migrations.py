"""The schema comes only from Alembic, and the migrations match the ORM models exactly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Uuid, inspect

from sociaalhuis.storage import schema
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import APPEND_ONLY, DERIVED, Base


def test_autogenerate_finds_no_difference_between_models_and_migrations(database_url):
    db = Database.open(database_url, create=True)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_the_schema_is_at_the_newest_migration(db):
    with db.read() as session:
        assert schema.current_revision(session.connection()) == schema.head_revision()
    assert set(Base.metadata.tables) <= set(db.table_names())


def test_migrations_go_down_to_nothing_and_up_again(db):
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert db.table_names() == ["alembic_version"]
    schema.upgrade(db.engine)
    assert set(Base.metadata.tables) <= set(db.table_names())


def test_every_table_has_a_uuid_key_and_editable_ones_a_version(db):
    inspector = inspect(db.engine)
    append_only = {cls.__tablename__ for cls in APPEND_ONLY}
    derived = {cls.__tablename__ for cls in DERIVED}
    for table in Base.metadata.sorted_tables:
        if table.name in derived:
            continue  # rebuilt from other tables; checked below
        assert [c.name for c in table.primary_key.columns] == ["id"], table.name
        assert isinstance(table.c.id.type, Uuid), table.name
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert "created_at" in columns, table.name
        if table.name == "sync_outbox":
            continue  # a log: its `version` is the changed record's (tests/sync)
        if table.name in append_only:
            assert "version" not in columns, table.name
        else:
            assert {"version", "updated_at"} <= columns, table.name


def test_derived_tables_hold_no_record_of_their_own(db):
    """A derived table (the search index) has no id, version or time: it is rebuilt from the
    tables it is derived from, and its rows go when their household goes."""
    inspector = inspect(db.engine)
    for cls in DERIVED:
        columns = {c["name"] for c in inspector.get_columns(cls.__tablename__)}
        assert not columns & {"id", "version", "created_at", "updated_at"}, cls.__tablename__
        keys = inspector.get_foreign_keys(cls.__tablename__)
        assert keys and all(k["options"].get("ondelete") == "CASCADE" for k in keys)
