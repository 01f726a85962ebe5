"""PostgreSQL: the application role made by `db setup-roles` runs the app but cannot rewrite
history — UPDATE, DELETE and TRUNCATE on audit events, DROP TRIGGER and ALTER TABLE are
refused by the server. Each test makes its own database and role and drops both."""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.access.chain import verify
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cli import main
from sociaalhuis.errors import StorageError, ValidationError
from sociaalhuis.storage import roles
from sociaalhuis.storage.database import Database
from tests.builders import family
from tests.conftest import POSTGRES_URL

# Runs where PostgreSQL is given, like the other backend-specific tests.
ON_POSTGRES = pytest.mark.parametrize(
    "server", ["postgresql"] if POSTGRES_URL else [], ids=["postgresql"] if POSTGRES_URL else []
)
PASSWORD = "app-secret-'quote'-%s"


@dataclass
class Setup:
    owner_url: str
    role: str

    def app_url(self, password: str = PASSWORD) -> str:
        url = make_url(self.owner_url).set(username=self.role, password=password)
        return url.render_as_string(hide_password=False)


@pytest.fixture
def setup(server: str) -> Iterator[Setup]:
    """A database migrated by the owner (the test role) and a unique application role name;
    both are dropped afterwards, the database first (the role's grants live in it)."""
    assert server == "postgresql"
    admin_url = make_url(POSTGRES_URL)
    name = f"sh_roles_{uuid.uuid4().hex[:12]}"
    role = f"sh_app_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        owner_url = admin_url.set(database=name).render_as_string(hide_password=False)
        Database.open(owner_url, create=True, migrate=True).close()
        yield Setup(owner_url, role)
    finally:
        # A session of the application role can still be ending on the server after its
        # client disconnected, and FORCE may not end another role's session: retry briefly.
        for attempt in range(20):
            try:
                with admin.connect() as connection:
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
                break
            except DBAPIError:
                if attempt == 19:
                    raise
                time.sleep(0.25)
        admin.dispose()


def refused(url: str, statement: str) -> str:
    """The server's message refusing `statement`; fails the test if it was allowed."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(statement)
    except DBAPIError as exc:
        return str(exc.orig)
    finally:
        engine.dispose()
    raise AssertionError(f"allowed: {statement}")


@ON_POSTGRES
def test_the_app_role_runs_the_app_but_cannot_rewrite_history(setup: Setup) -> None:
    report = roles.setup_roles(setup.owner_url, setup.role, PASSWORD)
    assert report.created
    assert report.grants["audit_events"] == ("SELECT", "INSERT")
    assert report.grants["audit_chain_head"] == ("SELECT", "UPDATE")
    assert report.grants["households"] == roles.FULL
    assert report.grants["alembic_version"] == ("SELECT",)

    app = setup.app_url()
    db = Database.open(app)  # the app never creates or migrates as this role
    try:
        with db.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        service = HouseholdService(db)
        created = service.create(actor, family())
        assert service.find(actor, "Janssens")[0].id == created.id
        assert verify(db).sound
    finally:
        db.close()

    assert "permission denied" in refused(app, "UPDATE audit_events SET action = 'x'")
    assert "permission denied" in refused(app, "DELETE FROM audit_events")
    assert "permission denied" in refused(app, "TRUNCATE audit_events")
    assert "permission denied" in refused(app, "TRUNCATE households CASCADE")
    assert "permission denied" in refused(app, "DELETE FROM audit_chain_head")
    assert "permission denied" in refused(app, "UPDATE decisions SET id = id")
    assert "must be owner" in refused(app, "DROP TRIGGER audit_events_append_only ON audit_events")
    assert "must be owner" in refused(
        app, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_truncate"
    )
    assert "must be owner" in refused(app, "ALTER TABLE audit_events ADD COLUMN x int")
    assert "permission denied" in refused(app, "UPDATE alembic_version SET version_num = 'x'")

    with create_engine(setup.owner_url).connect() as owner:
        owned = owner.scalar(
            text("SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": setup.role}
        )
        truncate = owner.scalar(
            text(
                "SELECT count(*) FROM information_schema.role_table_grants "
                "WHERE grantee = :r AND privilege_type = 'TRUNCATE'"
            ),
            {"r": setup.role},
        )
    assert (owned, truncate) == (0, 0)


@ON_POSTGRES
def test_setup_roles_is_idempotent_and_takes_back_stray_grants(setup: Setup, capsys) -> None:
    roles.setup_roles(setup.owner_url, setup.role, PASSWORD)
    engine = create_engine(setup.owner_url)
    with engine.begin() as owner:
        owner.exec_driver_sql(f"GRANT UPDATE, DELETE, TRUNCATE ON audit_events TO {setup.role}")
    engine.dispose()
    argv = ["db", "setup-roles", "--owner-url", setup.owner_url, "--app-role", setup.role]
    assert main(argv) == 0  # no terminal and no --app-password-stdin: password kept
    out = capsys.readouterr().out
    assert f"role {setup.role} updated" in out
    assert "audit_events: SELECT, INSERT only" in out
    assert "permission denied" in refused(setup.app_url(), "TRUNCATE audit_events")
    assert "permission denied" in refused(setup.app_url(), "DELETE FROM audit_events")


@ON_POSTGRES
def test_a_new_password_is_read_from_stdin(setup: Setup, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("new-secret\n"))
    argv = ["db", "setup-roles", "--owner-url", setup.owner_url, "--app-role", setup.role]
    assert main([*argv, "--app-password-stdin"]) == 0
    assert f"role {setup.role} created" in capsys.readouterr().out
    db = Database.open(setup.app_url("new-secret"))
    db.close()
    with pytest.raises(StorageError, match="password authentication failed"):
        Database.open(setup.app_url("wrong"))


@ON_POSTGRES
def test_bad_input_is_refused_before_anything_changes(setup: Setup, tmp_path) -> None:
    with pytest.raises(ValidationError, match="app-role"):
        roles.setup_roles(setup.owner_url, 'x"; DROP TABLE users; --', PASSWORD)
    with pytest.raises(ValidationError, match="must differ"):
        roles.setup_roles(setup.owner_url, make_url(setup.owner_url).username, PASSWORD)
    with pytest.raises(ValidationError, match="needs a password"):
        roles.setup_roles(setup.owner_url, setup.role, None)
    with pytest.raises(ValidationError, match="PostgreSQL only"):
        roles.setup_roles(f"sqlite:///{tmp_path / 'x.db'}", setup.role, PASSWORD)
    engine = create_engine(setup.owner_url)
    with engine.connect() as owner:
        exists = owner.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": setup.role}
        )
    engine.dispose()
    assert exists == 0
