"""Accounts and login: Argon2id, one message for a wrong password and an unknown name, lockout
after five failures and its release, deactivation, the first administrator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from sociaalhuis.access import accounts
from sociaalhuis.access.accounts import (
    LoginRefused,
    add_user,
    authenticate,
    create_first_admin,
    current_actor,
    deactivate_user,
    list_users,
    needs_first_admin,
    reset_password,
)
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.errors import NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, User

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
WRONG = "Gebruikersnaam of wachtwoord klopt niet."


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.write() as session:
        return create_first_admin(session, "an", "An Admin", "diensthoofd", "beheer-wachtwoord")


@pytest.fixture
def worker(db: Database, admin: Actor) -> Actor:
    with db.write() as session:
        add_user(session, admin, "Lien", "Lien Peeters", "social_worker", "MW", PASSWORD)
    return authenticate(db, "lien", PASSWORD, NOW)


def refusal(db: Database, username: str, password: str, now: datetime) -> LoginRefused:
    with pytest.raises(LoginRefused) as caught:
        authenticate(db, username, password, now)
    return caught.value


def actions(db: Database) -> list[str]:
    with db.read() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.seq))
        return [event.action for event in events]


def test_passwords_are_stored_as_argon2id_and_log_in(db, worker):
    with db.read() as session:
        user = session.get(User, worker.user_id)
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert user.function_title == "MW"
        assert user.last_login_at == NOW
    assert worker.username == "lien" and worker.role == "social_worker"
    assert "login" in actions(db)


def test_a_hash_with_old_parameters_is_replaced_at_the_next_login(db, worker):
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with db.write() as session:
        session.get(User, worker.user_id).password_hash = weak.hash(PASSWORD)
    authenticate(db, "lien", PASSWORD, NOW)
    with db.read() as session:
        stored = session.get(User, worker.user_id).password_hash
    assert not accounts.HASHER.check_needs_rehash(stored)
    assert stored.startswith("$argon2id$") and "m=65536" in stored


def test_wrong_password_and_unknown_name_give_the_same_message(db, worker):
    wrong = refusal(db, "lien", "not the password", NOW)
    unknown = refusal(db, "nobody", "not the password", NOW)
    assert wrong.message == unknown.message == WRONG
    assert wrong.reason == unknown.reason == "credentials"
    assert actions(db).count("login_failed") == 2


def test_an_unknown_name_is_checked_against_a_hash_too(db, worker, monkeypatch):
    checked: list[str] = []

    class Spy:
        def verify(self, hash: str, password: str) -> bool:
            checked.append(hash)
            return real.verify(hash, password)

    real, dummy = accounts.HASHER, accounts.dummy_hash()
    monkeypatch.setattr(accounts, "HASHER", Spy())
    refusal(db, "nobody", "whatever-it-is", NOW)
    assert checked == [dummy]


@pytest.mark.parametrize("username", ["lien", "nobody"])
def test_five_failures_lock_and_the_wait_releases(db, worker, username):
    for attempt in range(4):
        assert refusal(db, username, f"wrong {attempt}", NOW).reason == "credentials"
    locked = refusal(db, username, "wrong 5", NOW)
    assert locked.reason == "locked" and locked.minutes == 5
    assert locked.message == "Te veel mislukte pogingen. Probeer opnieuw over 5 minuten."
    # Even the right password waits; the message counts down.
    later = refusal(db, username, PASSWORD, NOW + timedelta(minutes=2, seconds=30))
    assert later.reason == "locked" and later.minutes == 3
    assert "account_locked" in actions(db)
    if username == "lien":
        assert authenticate(db, "lien", PASSWORD, NOW + timedelta(minutes=5)).username == "lien"
        # A success starts the count afresh.
        assert refusal(db, "lien", "wrong", NOW + timedelta(minutes=6)).reason == "credentials"
    else:
        after = refusal(db, username, "wrong 6", NOW + timedelta(minutes=5))
        assert after.reason == "locked" and after.minutes == 10


def test_each_failure_after_the_wait_locks_longer(db, worker):
    now = NOW
    for attempt in range(5):
        refusal(db, "lien", f"wrong {attempt}", now)
    waits = []
    for attempt in range(3):
        now += timedelta(hours=1)
        waits.append(refusal(db, "lien", f"again {attempt}", now).minutes)
    assert waits == [10, 20, 40]


def test_a_deactivated_account_cannot_log_in_or_act(db, admin, worker):
    with db.write() as session:
        deactivate_user(session, admin, "lien")
    refused = refusal(db, "lien", PASSWORD, NOW)
    assert refused.reason == "inactive"
    # A wrong password still says only that the name or password is wrong.
    assert refusal(db, "lien", "not the password", NOW).message == WRONG
    with db.read() as session, pytest.raises(LoginRefused) as caught:
        current_actor(session, worker.user_id)
    assert caught.value.reason == "inactive"
    assert isinstance(caught.value, PermissionDenied)


def test_current_actor_takes_the_role_from_the_database(db, worker):
    forged = Actor(worker.user_id, worker.username, "admin")
    with db.read() as session:
        assert current_actor(session, forged.user_id).role == "social_worker"
        system = ensure_user(session, "system", "Systeem", "system")
        with pytest.raises(LoginRefused):
            current_actor(session, system.user_id)


def test_the_system_user_and_passwordless_users_cannot_log_in(db, admin):
    with db.write() as session:
        ensure_user(session, "jan", "Jan (OS user)", "social_worker")
    for username in ("system", "jan"):
        assert refusal(db, username, "", NOW).reason == "credentials"


def test_first_admin_only_on_a_new_database(db):
    with db.write() as session:
        ensure_user(session, "system", "Systeem", "system")
        assert needs_first_admin(session)
        create_first_admin(session, "an", "An Admin", "diensthoofd", "beheer-wachtwoord")
    with db.write() as session:
        assert not needs_first_admin(session)
        with pytest.raises(PermissionDenied):
            create_first_admin(session, "bo", "Bo", "diensthoofd", "nog-een-wachtwoord")
    assert [account.username for account in _accounts(db)] == ["an"]


def test_only_administrators_manage_users(db, admin, worker):
    with db.write() as session, pytest.raises(PermissionDenied):
        add_user(session, worker, "kim", "Kim", "intake", "onthaal", "een-lang-wachtwoord")
    assert [account.username for account in _accounts(db)] == ["an", "lien"]


def test_a_forged_or_deactivated_administrator_manages_nothing(db, admin, worker):
    forged = Actor(worker.user_id, worker.username, "admin")
    with db.write() as session, pytest.raises(PermissionDenied):
        add_user(session, forged, "kim", "Kim", "intake", "onthaal", "een-lang-wachtwoord")
    with db.write() as session:
        add_user(session, admin, "bo", "Bo Baas", "admin", "diensthoofd", "een-lang-wachtwoord")
        deactivate_user(session, admin, "an")
    with db.write() as session, pytest.raises(PermissionDenied):
        reset_password(session, admin, "lien", "een-nieuw-wachtwoord")
    assert [account.username for account in _accounts(db)] == ["an", "bo", "lien"]


@pytest.mark.parametrize(
    ("field", "username", "name", "role", "function", "password"),
    [
        ("username", "a b", "Kim", "intake", "onthaal", "een-lang-wachtwoord"),
        ("username", "lien", "Kim", "intake", "onthaal", "een-lang-wachtwoord"),
        ("display_name", "kim", " ", "intake", "onthaal", "een-lang-wachtwoord"),
        ("function_title", "kim", "Kim", "intake", "", "een-lang-wachtwoord"),
        ("role", "kim", "Kim", "system", "onthaal", "een-lang-wachtwoord"),
        ("password", "kim", "Kim", "intake", "onthaal", "kort"),
        ("password", "kimberly-x", "Kim", "intake", "onthaal", "Kimberly-X"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    db, admin, worker, field, username, name, role, function, password
):
    with db.write() as session, pytest.raises(ValidationError) as caught:
        add_user(session, admin, username, name, role, function, password)
    assert caught.value.field == field
    assert [account.username for account in _accounts(db)] == ["an", "lien"]


def test_reset_password_lifts_the_lock_and_replaces_the_password(db, admin, worker):
    for attempt in range(5):
        refusal(db, "lien", f"wrong {attempt}", NOW)
    with db.write() as session:
        reset_password(session, admin, "lien", "een-nieuw-wachtwoord")
    assert refusal(db, "lien", PASSWORD, NOW).reason == "credentials"
    assert authenticate(db, "lien", "een-nieuw-wachtwoord", NOW).username == "lien"
    with db.write() as session, pytest.raises(NotFoundError):
        reset_password(session, admin, "nobody", "een-nieuw-wachtwoord")


def test_the_last_active_administrator_cannot_be_deactivated(db, admin):
    with db.write() as session, pytest.raises(ValidationError) as caught:
        deactivate_user(session, admin, "an")
    assert caught.value.field == "username"
    assert authenticate(db, "an", "beheer-wachtwoord", NOW).role == "admin"


def _accounts(db: Database) -> list[accounts.Account]:
    with db.read() as session:
        return list_users(session)
