"""Accounts and login: Argon2id passwords, lockout after failed attempts, deactivation.

A login attempt is its own unit of work (`authenticate` takes the `Database`): a failed
attempt, its counter and its audit event are committed even though the login is refused.
An unknown user name is checked against a dummy hash and locks like a real account, so
neither the message nor the timing tells which user names exist.
"""

from __future__ import annotations

import hashlib
import math
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, effective_role, ensure_user, require
from sociaalhuis.access.permissions import MANAGE_USERS
from sociaalhuis.cases import validation
from sociaalhuis.errors import NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import LoginThrottle, User, utcnow

ASSIGNABLE_ROLES = ("intake", "social_worker", "team_lead", "admin")
FREE_ATTEMPTS = 5
# Waiting time after the 5th, 6th, ... failure in a row; the last one repeats.
LOCK_MINUTES = (5, 10, 20, 40, 60)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # Argon2 hashes any length; a cap keeps a pasted novel from being one.
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,79}")
WRONG_CREDENTIALS = "Gebruikersnaam of wachtwoord klopt niet."
INACTIVE = "Dit account is uitgeschakeld. Vraag een beheerder om het opnieuw te activeren."
# RFC 9106's second recommended profile (Argon2id, 64 MiB, 3 passes); argon2-cffi's default.
HASHER = PasswordHasher()


class LoginRefused(PermissionDenied):
    """A login (or a re-check of a logged-in user) is refused; `reason` is `credentials`,
    `locked` or `inactive`, `minutes` the wait for `locked`."""

    def __init__(self, reason: str, minutes: int | None = None) -> None:
        if reason == "locked":
            message = f"Te veel mislukte pogingen. Probeer opnieuw over {minutes} minuten."
        else:
            message = INACTIVE if reason == "inactive" else WRONG_CREDENTIALS
        super().__init__(message)
        self.reason = reason
        self.minutes = minutes


@dataclass(frozen=True)
class Account:
    """One account as lists show it; never the password hash."""

    user_id: uuid.UUID
    username: str
    display_name: str
    role: str
    function_title: str
    active: bool
    has_password: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    phone: str = ""  # the direct line under the signature on letters
    email: str = ""


def normalize_username(username: str) -> str:
    return username.strip().lower()


def validate_account_fields(
    username: str, display_name: str, role: str, function_title: str
) -> None:
    """Raise ValidationError naming the first field that cannot be accepted."""
    if not USERNAME.fullmatch(normalize_username(username)):
        raise ValidationError(
            "username",
            "2 to 80 characters: letters, digits, '.', '_' or '-', starting with a letter or digit",
        )
    for field, value in (("display_name", display_name), ("function_title", function_title)):
        validation.text(field, value, 200, required=True)
    if role not in ASSIGNABLE_ROLES:
        raise ValidationError("role", f"must be one of {', '.join(ASSIGNABLE_ROLES)}")


def validate_password(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", f"must be at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise ValidationError("password", f"must be at most {MAX_PASSWORD} characters")
    if not _typable(password):
        raise ValidationError("password", "contains a NUL, a control or a broken character")
    if password.strip().lower() == normalize_username(username):
        raise ValidationError("password", "must not be the user name")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


@cache
def dummy_hash() -> str:
    """A hash no password matches in practice, made on first use with today's parameters."""
    return HASHER.hash(uuid.uuid4().hex)


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return HASHER.verify(password_hash or dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def _typable(text: str) -> bool:
    """No NUL, control character or lone surrogate: what a keyboard can type, and what every
    database and hash takes (a name or password with them cannot exist)."""
    try:
        validation.text("text", text, len(text) + 1, multiline=False)
    except ValidationError:
        return False
    return True


def _find_user(session: Session, username: str, *, lock: bool = False) -> User | None:
    query = select(User).where(func.lower(User.username) == normalize_username(username))
    return session.scalars(query.with_for_update() if lock else query).one_or_none()


def _to_actor(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, role=user.role)


def _minutes_left(locked_until: datetime, now: datetime) -> int:
    return max(1, math.ceil((locked_until - now).total_seconds() / 60))


def _register_failure(holder: User | LoginThrottle, now: datetime) -> int | None:
    """Count a failure; from the fifth in a row on, lock and return the minutes to wait."""
    holder.failed_attempts += 1
    over = holder.failed_attempts - FREE_ATTEMPTS
    if over < 0:
        return None
    minutes = LOCK_MINUTES[min(over, len(LOCK_MINUTES) - 1)]
    holder.locked_until = now + timedelta(minutes=minutes)
    return minutes


def _throttle_for(session: Session, username: str) -> LoginThrottle:
    key = hashlib.sha256(normalize_username(username).encode(errors="surrogatepass")).hexdigest()
    query = select(LoginThrottle).where(LoginThrottle.name_key == key).with_for_update()
    throttle = session.scalars(query).one_or_none()
    if throttle is None:
        throttle = LoginThrottle(name_key=key, failed_attempts=0)
        session.add(throttle)
    return throttle


def attempt_login(
    session: Session, username: str, password: str, now: datetime
) -> Actor | LoginRefused:
    """Check one login in the caller's write session and record it; returns the refusal
    instead of raising it, so that the caller can commit the failure."""
    # A name or password no account can have is looked up nowhere: a NUL would reach the
    # database, a lone surrogate break the hash. It still counts as a failure of that name.
    typable = _typable(username) and _typable(password) and len(password) <= MAX_PASSWORD
    user = _find_user(session, username, lock=True) if typable else None
    holder: User | LoginThrottle = user if user is not None else _throttle_for(session, username)
    if holder.locked_until is not None and holder.locked_until > now:
        # Not counted: a try while locked neither extends nor shortens the wait.
        _record_failure(session, user, None, reason="locked")
        return LoginRefused("locked", _minutes_left(holder.locked_until, now))
    if not typable or not _verify(user.password_hash if user is not None else None, password):
        minutes = _register_failure(holder, now)
        _record_failure(session, user, minutes)
        return LoginRefused("locked", minutes) if minutes else LoginRefused("credentials")
    assert user is not None  # only a real hash verifies
    if not user.active:
        _record_failure(session, user, None, reason="inactive")
        return LoginRefused("inactive")
    user.failed_attempts, user.locked_until, user.last_login_at = 0, None, now
    if HASHER.check_needs_rehash(user.password_hash or ""):
        user.password_hash = hash_password(password)
    actor = _to_actor(user)
    audit.record(session, actor, "login", "user", user.id)
    return actor


def _record_failure(
    session: Session, user: User | None, minutes: int | None, reason: str = "credentials"
) -> None:
    # An unknown name is written down by nobody's account and without the typed name.
    actor = _to_actor(user) if user else ensure_user(session, "system", "Systeem", "system")
    entity_id = user.id if user else None
    audit.record(session, actor, "login_failed", "user", entity_id, reason=reason, known=bool(user))
    if minutes:
        audit.record(session, actor, "account_locked", "user", entity_id, minutes=minutes)


def authenticate(db: Database, username: str, password: str, now: datetime | None = None) -> Actor:
    """Log in; raises LoginRefused. Success and failure are both committed with their audit."""
    with db.write() as session:
        outcome = attempt_login(session, username, password, now or utcnow())
    if isinstance(outcome, LoginRefused):
        raise outcome
    return outcome


def current_actor(session: Session, user_id: uuid.UUID) -> Actor:
    """The actor for a logged-in user as the database has it now; raises LoginRefused when
    the account was deactivated or removed, so a stale or forged Actor is not trusted."""
    user = session.get(User, user_id)
    if user is None or user.role == "system":
        raise LoginRefused("credentials")
    if not user.active:
        raise LoginRefused("inactive")
    return _to_actor(user)


def needs_first_admin(session: Session) -> bool:
    """True on a new database: nobody can log in as an administrator yet."""
    query = select(User.id).where(
        User.role == "admin", User.active, User.password_hash.is_not(None)
    )
    return session.scalars(query.limit(1)).first() is None


def create_first_admin(
    session: Session, username: str, display_name: str, function_title: str, password: str
) -> Actor:
    """Create the first administrator; refused once one exists."""
    if not needs_first_admin(session):
        raise PermissionDenied("an administrator exists already; ask them to add accounts")
    user = _new_user(session, username, display_name, "admin", function_title, password)
    actor = _to_actor(user)
    audit.record(session, actor, "user_created", "user", user.id, role="admin", first=True)
    return actor


def _new_user(
    session: Session,
    username: str,
    display_name: str,
    role: str,
    function_title: str,
    password: str,
) -> User:
    validate_account_fields(username, display_name, role, function_title)
    validate_password(password, username)
    name = normalize_username(username)
    if _find_user(session, name) is not None:
        raise ValidationError("username", f"{name!r} is already taken")
    user = User(
        username=name,
        display_name=display_name.strip(),
        role=role,
        function_title=function_title.strip(),
        password_hash=hash_password(password),
        active=True,
        failed_attempts=0,
    )
    session.add(user)
    session.flush()
    return user


def add_user(
    session: Session,
    actor: Actor,
    username: str,
    display_name: str,
    role: str,
    function_title: str,
    password: str,
) -> Account:
    """Create an account (administrators only)."""
    _require_manager(session, actor)
    user = _new_user(session, username, display_name, role, function_title, password)
    audit.record(session, actor, "user_created", "user", user.id, role=role)
    return _to_account(user)


def list_users(session: Session) -> list[Account]:
    """Every account people log in with, by user name (the system user is left out)."""
    query = select(User).where(User.role != "system").order_by(User.username)
    return [_to_account(user) for user in session.scalars(query)]


def deactivate_user(session: Session, actor: Actor, username: str) -> Account:
    """Switch an account off; it can no longer log in or act. The last admin stays on."""
    _require_manager(session, actor)
    user = _existing(session, username)
    if user.role == "admin" and user.active and _active_admins(session) <= 1:
        raise ValidationError("username", f"{user.username!r} is the last active administrator")
    if user.active:
        user.active = False
        audit.record(session, actor, "user_deactivated", "user", user.id)
    return _to_account(user)


def reset_password(session: Session, actor: Actor, username: str, password: str) -> Account:
    """Give an account a new password and lift a lockout."""
    _require_manager(session, actor)
    user = _existing(session, username)
    validate_password(password, user.username)
    user.password_hash = hash_password(password)
    user.failed_attempts, user.locked_until = 0, None
    audit.record(session, actor, "password_reset", "user", user.id)
    return _to_account(user)


def set_contact(session: Session, actor: Actor, username: str, phone: str, email: str) -> Account:
    """Set the direct phone and e-mail printed under this user's signature ("" for none:
    letters then give the Sociaal Huis's); administrators only."""
    from sociaalhuis.letters.letterhead import EMAIL, MAX_EMAIL, MAX_PHONE, PHONE

    _require_manager(session, actor)
    user = _existing(session, username)
    phone = validation.text("phone", phone, MAX_PHONE) or ""
    if phone and not PHONE.match(phone):
        raise ValidationError("phone", "only digits, spaces and + ( ) . / - are allowed")
    email = validation.text("email", email, MAX_EMAIL) or ""
    if email and not EMAIL.match(email):
        raise ValidationError("email", f"{email!r} is not an e-mail address")
    changed = [
        name for name, value in (("phone", phone), ("email", email)) if getattr(user, name) != value
    ]
    user.phone, user.email = phone, email
    if changed:
        audit.record(session, actor, "user_contact_changed", "user", user.id, fields=changed)
    return _to_account(user)


def _require_manager(session: Session, actor: Actor) -> None:
    """The matrix's `manage_users`, with the role as the users table has it now."""
    require(actor, MANAGE_USERS)
    role = effective_role(session, actor)
    if role is None:
        raise PermissionDenied(
            f"user {actor.username!r} is not an active user: managing users is refused"
        )
    if role != actor.role:
        raise PermissionDenied(
            f"user {actor.username!r} does not hold role {actor.role!r}: managing users is refused"
        )


def _existing(session: Session, username: str) -> User:
    user = _find_user(session, username, lock=True)
    if user is None or user.role == "system":
        raise NotFoundError("user", normalize_username(username))
    return user


def _active_admins(session: Session) -> int:
    query = select(func.count()).select_from(User).where(User.role == "admin", User.active)
    return session.scalar(query) or 0


def _to_account(user: User) -> Account:
    return Account(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        function_title=user.function_title,
        active=user.active,
        has_password=user.password_hash is not None,
        locked_until=user.locked_until,
        last_login_at=user.last_login_at,
        phone=user.phone or "",
        email=user.email or "",
    )


def record_lock(db: Database, actor: Actor, locked: bool) -> None:
    """Write down that the screen of `actor` was locked (idle or by hand) or unlocked again."""
    with db.write() as session:
        action = "screen_locked" if locked else "screen_unlocked"
        audit.record(session, actor, action, "user", actor.user_id)
