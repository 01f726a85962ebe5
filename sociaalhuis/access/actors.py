"""Who is acting: the user every service call is made on behalf of, and what their role allows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.models import ROLES, User

CASE_ROLES = frozenset({"intake", "social_worker", "team_lead", "admin", "system"})


@dataclass(frozen=True)
class Actor:
    """The acting user as services see it; carries no ORM state across threads."""

    user_id: uuid.UUID
    username: str
    role: str


def require(actor: Actor, allowed: frozenset[str], what: str) -> None:
    """Refuse the operation unless the actor's role is one of `allowed`."""
    if actor.role not in allowed:
        raise PermissionDenied(f"role {actor.role!r} may not {what}")


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
