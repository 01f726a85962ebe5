"""Fixtures for the backup tests: a database with households, decisions, referrals and audit
events on each backend (plain SQLite, encrypted SQLite, PostgreSQL), every row of it, and a
second empty PostgreSQL database to restore into."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import ConsentInput, ContactInput, DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.demo.loader import load
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.storage import conversion
from sociaalhuis.storage.database import Database
from tests.builders import family

POSTGRES_URL = os.environ.get("SOCIAALHUIS_TEST_POSTGRES_URL", "")
KINDS = ["sqlite", "sqlite-encrypted"] + (["postgresql"] if POSTGRES_URL else [])
PASSPHRASE = "Herent-reservekopie 2026"
TODAY = date(2026, 11, 22)

Rows = dict[str, list[tuple[object, ...]]]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def every_row(db: Database) -> Rows:
    """Every row of every table (the schema version's too), in a fixed order."""
    result: Rows = {}
    with db.engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            result[table] = sorted((tuple(row) for row in rows), key=repr)
    return result


def fill(db: Database) -> Actor:
    """Five demo households, an intake, a decision, a referral with its letter: rows in the
    main tables and audit events for each; the worker who did it."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        admin = ensure_user(session, "beheer", "An Beheerder", "admin")
    load(db, system, households=5, seed=7, today=TODAY)
    household = IntakeService(db).save(
        worker,
        None,
        None,
        family(),
        [
            IntakeFact("household_income", "money", Decimal("21400.00")),
            IntakeFact("tenure", "choice", "private_rent"),
            IntakeFact("leefloon", "bool", False, member=0),
        ],
    )
    catalog = loader.load()
    DecisionService(db, catalog).record(
        worker,
        household.id,
        DecisionInput("verhoogde_tegemoetkoming", "applied", TODAY, note="bij het ziekenfonds"),
        "inkomen onder de grens",
    )
    caw = DirectoryService(db).create_organisation(
        admin,
        OrganisationInput(
            "CAW Oost-Brabant",
            address="Diestsesteenweg 1, 3010 Leuven",
            bound_by_professional_secrecy=True,
        ),
    )
    contact = ContactService(db).record(
        worker,
        household.id,
        ContactInput(question="Hulp bij energie", consents=(ConsentInput(caw.name, "budgethulp"),)),
    )
    data = ReferralInput(
        caw.id, "Budgethulp", contact.consents[0].id, shared_facts=("household_income",)
    )
    ReferralService(db, catalog).refer(worker, household.id, data, "Lien Peeters", TODAY)
    return worker


def _make_postgres() -> tuple[str, Callable[[], None]]:
    admin_url = make_url(POSTGRES_URL)
    name = f"sh_backup_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return admin_url.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def make_postgres() -> Iterator[Callable[[], str]]:
    """Makes new, empty PostgreSQL databases (URLs), dropped afterwards."""
    drops: list[Callable[[], None]] = []

    def make() -> str:
        url, drop = _make_postgres()
        drops.append(drop)
        return url

    yield make
    for drop in drops:
        drop()


def open_live(kind: str, folder: Path, make_postgres: Callable[[], str]) -> Database:
    """An open, filled database of `kind`; `.kind` and `.passphrase` tell which."""
    passphrase = None
    path = folder / "live" / "sociaalhuis.db"
    if kind == "postgresql":
        db = Database.open(make_postgres(), create=True)
    elif kind == "sqlite-encrypted":
        path.parent.mkdir(parents=True)
        conversion.create_encrypted(path, PASSPHRASE)
        passphrase = PASSPHRASE
        db = Database.open(sqlite_url(path), passphrase=passphrase)
    else:
        path.parent.mkdir(parents=True)
        db = Database.open(sqlite_url(path), create=True)
    fill(db)
    db.kind = kind  # type: ignore[attr-defined]
    db.passphrase = passphrase  # type: ignore[attr-defined]
    return db


@pytest.fixture(params=KINDS)
def live(request: pytest.FixtureRequest, tmp_path: Path, make_postgres) -> Iterator[Database]:
    """An open, filled database of each kind."""
    db = open_live(request.param, tmp_path, make_postgres)
    yield db
    db.close()
