"""Shared fixtures: a fresh database per test, on SQLite and, when a server is given, PostgreSQL.

Set SOCIAALHUIS_TEST_POSTGRES_URL to a PostgreSQL URL whose user may create databases
(e.g. `postgresql+psycopg://sociaalhuis:sociaalhuis@127.0.0.1:5432/postgres`); each
test then also runs on a database of its own there. With SOCIAALHUIS_REQUIRE_POSTGRES=1
the run fails unless PostgreSQL tests actually ran and passed.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.storage.database import Database
from tests.catalog_files import make_catalog  # noqa: F401  (a fixture for every test folder)

POSTGRES_URL = os.environ.get("SOCIAALHUIS_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("SOCIAALHUIS_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]
_postgres_passed: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRE_POSTGRES and not POSTGRES_URL:
        raise pytest.UsageError(
            "SOCIAALHUIS_REQUIRE_POSTGRES=1 but SOCIAALHUIS_TEST_POSTGRES_URL is not set"
        )


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "[postgresql" in report.nodeid:
        _postgres_passed.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_POSTGRES and exitstatus == 0 and not _postgres_passed:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if POSTGRES_URL:
        terminalreporter.write_line(f"PostgreSQL tests passed: {len(_postgres_passed)}")
        if REQUIRE_POSTGRES and not _postgres_passed:
            terminalreporter.write_line("FAILED: no PostgreSQL test ran, but they are required")


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database, dropped afterwards."""
    admin_url = make_url(POSTGRES_URL)
    name = f"sh_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin, name: str) -> None:
    """Drop a test database. An autovacuum worker (a superuser process our role may not
    end) can hold it for a moment: retry, and leave it behind rather than fail a test."""
    import time

    from sqlalchemy.exc import DBAPIError

    for attempt in range(10):
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except DBAPIError:
            time.sleep(0.2 * (attempt + 1))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The URL of a fresh, empty database on each backend under test."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'test.db').as_posix()}"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database.open(database_url, create=True)
    yield database
    database.close()


@pytest.fixture
def actor(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "lien", "Lien Peeters", "social_worker")
