"""Who is acting: the user every service call is made on behalf of, and what their role allows."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.access.permissions import ACTIONS, allowed
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import ROLES, AuditEvent, User

# The audit action of a refused call (written by `authorize`).
PERMISSION_REFUSED = "permission_refused"
CASE_ROLES = frozenset({"intake", "social_worker", "team_lead", "admin", "system"})


@dataclass(frozen=True)
class Actor:
    """The acting user as services see it; carries no ORM state across threads."""

    user_id: uuid.UUID
    username: str
    role: str


def require(actor: Actor, action: str | frozenset[str], what: str | None = None) -> None:
    """Refuse unless the actor's role may perform `action` (a name from `permissions`), or,
    in the older form, is one of the roles given."""
    if isinstance(action, str):
        if not allowed(actor.role, action):
            raise PermissionDenied(_refusal(actor.role, action))
    elif actor.role not in action:
        raise PermissionDenied(f"role {actor.role!r} may not {what or 'do this'}")


def effective_role(session: Session, actor: Actor) -> str | None:
    """The role the users table gives the acting user, or None when the user is unknown or
    deactivated; the role the `Actor` object claims is not trusted."""
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        return None
    return user.role


def authorize(
    db: Database,
    actor: Actor,
    action: str,
    entity_type: str | None = None,
    entity_id: uuid.UUID | None = None,
) -> None:
    """`require`, then the same check against the database: the user must exist, be active
    and hold the role the actor claims. Call it before anything is written.

    A refusal is recorded as a `permission_refused` audit event in a transaction of its own
    (the refused call writes nothing, so there is no transaction of the caller to join).
    """
    try:
        require(actor, action)
        with db.read() as session:
            role = effective_role(session, actor)
        if role is None:
            raise PermissionDenied(
                f"user {actor.username!r} is not an active user: {_what(action)} is refused"
            )
        if role != actor.role:
            # An identity object with a role its user does not hold is forged or stale:
            # refuse rather than pick one, so a changed role takes effect at the next login.
            raise PermissionDenied(
                f"user {actor.username!r} does not hold role {actor.role!r}: "
                f"{_what(action)} is refused"
            )
    except PermissionDenied as refused:
        _record_refusal(db, actor, action, entity_type, entity_id, refused.message)
        raise


def _record_refusal(
    db: Database,
    actor: Actor,
    action: str,
    entity_type: str | None,
    entity_id: uuid.UUID | None,
    reason: str,
) -> None:
    with db.write() as session:
        # A forged or deleted user id cannot be a foreign key: the event is then nobody's,
        # and the detail keeps what the caller claimed to be.
        known = session.get(User, actor.user_id) is not None
        detail = {"action": action, "claimed_role": actor.role, "reason": reason}
        if not known:
            detail |= {"claimed_user_id": str(actor.user_id), "claimed_username": actor.username}
        session.add(
            AuditEvent(
                user_id=actor.user_id if known else None,
                action=PERMISSION_REFUSED,
                entity_type=entity_type or "permission",
                entity_id=entity_id,
                detail=json.dumps(detail, sort_keys=True),
            )
        )


def may(actor: Actor, action: str) -> bool:
    """Whether the actor's role allows `action` (for windows hiding what is refused anyway)."""
    return allowed(actor.role, action)


def _what(action: str) -> str:
    entry = ACTIONS.get(action)
    return f"'{entry.dutch}'" if entry else f"unknown action {action!r}"


def _refusal(role: str, action: str) -> str:
    return f"role {role!r} may not do {_what(action)} ({action})"


def ensure_user(session: Session, username: str, display_name: str, role: str) -> Actor:
    """The user with this name, created with `role` if missing (used by init, demo and the app)."""
    if role not in ROLES:
        raise ValidationError("role", f"unknown role {role!r}; known: {', '.join(ROLES)}")
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None:
        user = User(username=username, display_name=display_name, role=role)
        session.add(user)
        session.flush()
    return Actor(user_id=user.id, username=user.username, role=user.role)
