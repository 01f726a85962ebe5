"""Migration 0004 on a database that already holds households and decisions.

The new tables start empty (every household is still to be screened), existing rows and the
append-only guard on decisions stay, and the new tables take findings and lose them with
their household.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sociaalhuis.storage import schema
from sociaalhuis.storage.database import Database, _make_engine

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _at(url: str, revision: str):
    engine = _make_engine(make_url(url), create=True)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


def _insert(connection, table: str, **values) -> None:
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def _key(value: uuid.UUID, engine) -> object:
    # Core text() bypasses the Uuid type: SQLite stores 32 hex digits, PostgreSQL a uuid.
    return value.hex if engine.dialect.name == "sqlite" else value


def _decision(connection, key, decision: uuid.UUID, supersedes: uuid.UUID | None) -> None:
    _insert(
        connection,
        "decisions",
        id=key(decision),
        household_id=key(HOUSEHOLD),
        right_id="leefloon",
        action="referred",
        decided_on=date(2026, 11, 2),
        note="",
        catalog_version="2026.11",
        explanation="",
        decided_by_id=key(USER),
        supersedes_id=None if supersedes is None else key(supersedes),
        created_at=NOW,
    )


USER, HOUSEHOLD, FIRST, CORRECTION = (uuid.uuid4() for _ in range(4))


def _fill_0003(engine) -> None:
    def key(value: uuid.UUID) -> object:
        return _key(value, engine)

    editable = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with engine.begin() as connection:
        _insert(
            connection,
            "users",
            id=key(USER),
            username="lien",
            display_name="Lien",
            role="social_worker",
            active=True,
            **editable,
        )
        _insert(
            connection,
            "households",
            id=key(HOUSEHOLD),
            street="Kerkstraat",
            house_number="1",
            postcode="3020",
            deelgemeente="Herent",
            search_street="kerkstraat 1",
            **{**editable, "version": 4},
        )
        _decision(connection, key, FIRST, None)
        _decision(connection, key, CORRECTION, FIRST)


def test_upgrading_from_0003_keeps_decisions_and_starts_with_no_findings(database_url):
    engine = _at(database_url, "0003")
    _fill_0003(engine)
    engine.dispose()

    db = Database.open(database_url, migrate=True)
    try:
        with db.read() as session:
            assert schema.current_revision(session.connection()) == schema.head_revision()
            assert session.execute(text("SELECT count(*) FROM screenings")).scalar() == 0
            assert session.execute(text("SELECT count(*) FROM findings")).scalar() == 0
            assert session.execute(text("SELECT count(*) FROM decisions")).scalar() == 2
        indexes = {ix["name"] for ix in inspect(db.engine).get_indexes("decisions")}
        assert "ix_decisions_supersedes_id" in indexes
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text("UPDATE decisions SET note = 'x'"))
    finally:
        db.close()


def test_the_new_tables_take_findings_and_lose_them_with_their_household(database_url):
    engine = _at(database_url, "0003")
    _fill_0003(engine)
    engine.dispose()
    db = Database.open(database_url, migrate=True)
    other = uuid.uuid4()  # a household without decisions, so it may be deleted
    keys = [_key(household, db.engine) for household in (HOUSEHOLD, other)]
    try:
        with db.engine.begin() as connection:
            _insert(
                connection,
                "households",
                id=keys[1],
                street="Dorpsstraat",
                house_number="2",
                postcode="3020",
                deelgemeente="Winksele",
                search_street="dorpsstraat 2",
                created_at=NOW,
                updated_at=NOW,
                version=1,
            )
            for key in keys:
                _insert(
                    connection,
                    "screenings",
                    household_id=key,
                    catalog_version="2026.11",
                    evaluated_on=date(2026, 12, 1),
                    household_version=4,
                    digest=bytes(16),
                    screened_at=NOW,
                )
                _insert(
                    connection,
                    "findings",
                    household_id=key,
                    right_id="leefloon",
                    verdict="eligible",
                    missing="",
                    yearly_value=None,
                )
        with pytest.raises(DBAPIError), db.engine.begin() as connection:
            _insert(
                connection,
                "findings",
                household_id=keys[0],
                right_id="digibank",
                verdict="maybe",
                missing="",
                yearly_value=None,
            )
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM households WHERE id = :id"), {"id": keys[1]})
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM screenings")).scalar() == 1
            assert session.execute(text("SELECT count(*) FROM findings")).scalar() == 1
    finally:
        db.close()


def test_0004_goes_down_and_up_again(database_url):
    engine = _at(database_url, "head")
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"screenings", "findings"}
    assert "ix_decisions_supersedes_id" not in {
        ix["name"] for ix in inspect(engine).get_indexes("decisions")
    }
    schema.upgrade(engine)
    assert {"screenings", "findings"} <= set(inspect(engine).get_table_names())
    engine.dispose()
