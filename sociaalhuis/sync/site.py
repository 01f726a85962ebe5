"""The site this database is: its id, name, role (central or laptop), epoch and the sequence
number of its newest change (one `sync_site` row, made by migration 0014)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sociaalhuis.errors import StorageError, ValidationError
from sociaalhuis.storage.models import (
    SITE_ROLES,
    SyncOutbox,
    SyncPeer,
    SyncReceived,
    SyncRecord,
    SyncSite,
)

MAX_NAME = 120


@dataclass(frozen=True)
class Site:
    """What `sync_site` holds, as read."""

    site_id: str
    name: str
    role: str
    epoch: str
    last_seq: int


def _row(session: Session) -> SyncSite:
    row = session.scalars(select(SyncSite).where(SyncSite.slot == 1)).one_or_none()
    if row is None:
        raise StorageError("sync_site", "this database has no site row; run `init` to migrate")
    return row


def _site(row: SyncSite) -> Site:
    return Site(str(row.id), row.name, row.role, str(row.epoch), row.last_seq)


def current(session: Session) -> Site:
    """This database's site."""
    return _site(_row(session))


def set_site(session: Session, *, name: str | None = None, role: str | None = None) -> Site:
    """Rename the site or change its role; None keeps a value. Raises ValidationError."""
    row = _row(session)
    if name is not None:
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise ValidationError("--name", f"give a name of 1 to {MAX_NAME} characters")
        row.name = name
    if role is not None:
        if role not in SITE_ROLES:
            raise ValidationError("--role", f"is one of {', '.join(SITE_ROLES)}")
        row.role = role
    session.flush()
    return _site(row)


def new_epoch(session: Session) -> Site:
    """Give the site a new epoch (after a restore from a backup, changes made since that backup
    are gone here, and the other sites must learn so)."""
    row = _row(session)
    row.epoch = uuid.uuid4()
    session.flush()
    return _site(row)


def become_laptop(session: Session, name: str) -> Site:
    """Make this database a laptop of its own: a new site id and epoch, no outbox yet (rows
    copied from the central are the central's changes, which it has) and nothing received.
    Its caseload comes with the first sync."""
    row = _row(session)
    session.execute(delete(SyncOutbox))
    session.execute(delete(SyncReceived))
    session.execute(delete(SyncRecord))
    session.execute(delete(SyncPeer))
    row.id = uuid.uuid4()
    row.epoch = uuid.uuid4()
    row.last_seq = 0
    row.role = "laptop"
    session.flush()
    set_site(session, name=name)
    return _site(row)
