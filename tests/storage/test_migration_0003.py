"""Migration 0003 on a database that already holds partners, referrals and letters.

On SQLite the migration copies `organisations` and `referrals` (batch mode) while other rows
point at them; it must keep every row, every reference and the append-only guard on letters.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sociaalhuis.storage import schema
from sociaalhuis.storage.database import Database, _make_engine

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _at_0002(url: str):
    engine = _make_engine(make_url(url), create=True)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    return engine


def _insert(connection, table: str, **values) -> None:
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)


def _ids(engine, *names: str) -> dict[str, uuid.UUID]:
    return {name: uuid.uuid4() for name in names}


def _hex(value: uuid.UUID, engine) -> object:
    # Core text() bypasses the Uuid type: SQLite stores 32 hex digits, PostgreSQL a uuid.
    return value.hex if engine.dialect.name == "sqlite" else value


def test_upgrading_keeps_partners_referrals_and_letters(database_url):
    engine = _at_0002(database_url)
    ids = _ids(engine, "user", "household", "organisation", "referral", "letter")
    key = {name: _hex(value, engine) for name, value in ids.items()}
    editable = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with engine.begin() as connection:
        _insert(
            connection,
            "users",
            id=key["user"],
            username="lien",
            display_name="Lien",
            role="social_worker",
            active=True,
            **editable,
        )
        _insert(
            connection,
            "households",
            id=key["household"],
            street="Kerkstraat",
            house_number="1",
            postcode="3020",
            deelgemeente="Herent",
            search_street="kerkstraat 1",
            **editable,
        )
        _insert(
            connection,
            "organisations",
            id=key["organisation"],
            name="CAW Oost-Brabant",
            description="",
            bound_by_professional_secrecy=True,
            **editable,
        )
        _insert(
            connection,
            "referrals",
            id=key["referral"],
            household_id=key["household"],
            organisation_id=key["organisation"],
            reason="schulden",
            status="sent",
            created_by_id=key["user"],
            **editable,
        )
        _insert(
            connection,
            "letters",
            id=key["letter"],
            household_id=key["household"],
            referral_id=key["referral"],
            kind="referral",
            language="nl",
            sha256="0" * 64,
            printed_by_id=key["user"],
            created_at=NOW,
        )
    engine.dispose()

    db = Database.open(database_url, migrate=True)
    try:
        with db.read() as session:
            assert schema.current_revision(session.connection()) == schema.head_revision()
            row = session.execute(
                text("SELECT name, alternate_name, hsds_id FROM organisations")
            ).one()
            assert tuple(row) == ("CAW Oost-Brabant", None, None)
            referral = session.execute(
                text("SELECT status, shared_facts, reference, service_id FROM referrals")
            ).one()
            assert tuple(referral) == ("sent", "[]", None, None)
            letter = session.execute(text("SELECT recipient, reference FROM letters")).one()
            assert tuple(letter) == ("", None)
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text("UPDATE letters SET recipient = 'x'"))
        with pytest.raises(DBAPIError), db.engine.begin() as connection:
            connection.execute(text("DELETE FROM organisations"))  # still referenced
    finally:
        db.close()
