"""Reading the audit trail: browse it a page at a time, newest first, or export it as CSV.

Only roles with `view_audit_trail` may (team leads, admins, the system user); every page
shown and every export is itself an audit event (`audit.viewed`, `audit.exported`), written
in the same transaction as the read, with the filters used and the number of rows.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import VIEW_AUDIT_TRAIL
from sociaalhuis.cases import validation
from sociaalhuis.errors import ValidationError
from sociaalhuis.spreadsheet import plain_cell
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, User

VIEWED = "audit.viewed"
EXPORTED = "audit.exported"
PAGE = 200
USER_FILTER = 200  # users.display_name
ACTION_FILTER = 60  # audit_events.action
MAX_PAGE = 1_000
EXPORT_BATCH = 2_000
CSV_HEADER = ("seq", "time", "user", "username", "action", "entity_type", "entity_id", "detail")
# The name shown for events without a user (a refusal for a forged or unknown user id).
NOBODY = ""


@dataclass(frozen=True)
class TrailFilter:
    """Which events: by user (user name or display name, any case), exact action, record
    id, and day or moment range. A `date` means that calendar day at the desk (local time),
    `until` included."""

    user: str | None = None
    action: str | None = None
    entity_id: uuid.UUID | None = None
    since: date | datetime | None = None
    until: date | datetime | None = None

    def described(self) -> dict[str, str]:
        """The filters in use, for the audit event of the read (no client data in them)."""
        return {key: str(value) for key, value in vars(self).items() if value not in (None, "")}


@dataclass(frozen=True)
class TrailRow:
    """One audit event as the trail shows it."""

    seq: int
    time: datetime
    user_name: str  # display name; NOBODY when the event has no user
    username: str
    action: str
    entity_type: str
    entity_id: uuid.UUID | None
    detail: str  # JSON, as stored


def browse(
    db: Database,
    actor: Actor,
    *,
    user: str | None = None,
    action: str | None = None,
    entity_id: uuid.UUID | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    limit: int = PAGE,
    offset: int = 0,
    before_seq: int | None = None,
) -> list[TrailRow]:
    """One page of matching events, newest first. Page with `before_seq` (the `seq` of the
    last row shown) rather than `offset` where events keep arriving: it neither skips nor
    repeats a row, and stays fast deep into a large trail."""
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError("limit", f"give 1 to {MAX_PAGE} rows per page")
    if offset < 0:
        raise ValidationError("offset", "cannot be negative")
    wanted = checked(TrailFilter(user, action, entity_id, since, until))
    authorize(db, actor, VIEW_AUDIT_TRAIL)
    with db.write() as session:
        query = _matching(wanted)
        if before_seq is not None:
            query = query.where(AuditEvent.seq < before_seq)
        query = query.order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
        rows = [_row(*found) for found in session.execute(query)]
        detail: dict[str, Any] = {"rows": len(rows), "offset": offset}
        detail["filters"] = wanted.described()
        if before_seq is not None:
            detail["before_seq"] = before_seq
        audit.record(session, actor, VIEWED, "audit_trail", None, **detail)
    return rows


def export_csv(
    db: Database,
    actor: Actor,
    path: Path,
    *,
    user: str | None = None,
    action: str | None = None,
    entity_id: uuid.UUID | None = None,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
) -> int:
    """Write every matching event, newest first, to `path` for Excel (UTF-8 with BOM, `;`,
    formula cells made plain text); returns the number of events written."""
    wanted = checked(TrailFilter(user, action, entity_id, since, until))
    authorize(db, actor, VIEW_AUDIT_TRAIL)
    # Written beside the target and moved into place once the event is committed: no file
    # of the trail leaves the program without its audit event.
    partial = path.with_name(path.name + ".part")
    try:
        with db.write() as session:
            query = _matching(wanted).order_by(AuditEvent.seq.desc())
            # Read in the transaction that records the export: the file holds exactly the
            # events there were when `audit.exported` was written, and not that one.
            written = _write_csv(partial, _batches(session, query))
            audit.record(
                session,
                actor,
                EXPORTED,
                "audit_trail",
                None,
                rows=written,
                filters=wanted.described(),
            )
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ValidationError("path", f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return written


def users(db: Database, actor: Actor) -> list[tuple[str, str]]:
    """(user name, display name) of every account, for a filter list; no audit event (the
    list of colleagues is not client data), but the same permission as the trail."""
    authorize(db, actor, VIEW_AUDIT_TRAIL)
    with db.read() as session:
        query = select(User.username, User.display_name).order_by(User.display_name)
        return [(row.username, row.display_name) for row in session.execute(query)]


def actions(db: Database, actor: Actor) -> list[str]:
    """Every action name the trail holds, sorted, for a filter list."""
    authorize(db, actor, VIEW_AUDIT_TRAIL)
    with db.read() as session:
        return list(session.scalars(select(AuditEvent.action).distinct().order_by("action")))


def checked(wanted: TrailFilter) -> TrailFilter:
    """The filter with its texts trimmed; ValidationError naming `user` or `action` for text
    no user name, display name or action can hold (too long, NUL, broken characters)."""
    return replace(
        wanted,
        user=validation.text("user", wanted.user, USER_FILTER) or None,
        action=validation.text("action", wanted.action, ACTION_FILTER) or None,
    )


def _matching(wanted: TrailFilter) -> Select[Any]:
    query = select(AuditEvent, User.display_name, User.username).outerjoin(
        User, User.id == AuditEvent.user_id
    )
    if wanted.user:
        name = wanted.user.strip().lower()
        query = query.where(
            or_(func.lower(User.username) == name, func.lower(User.display_name) == name)
        )
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.entity_id is not None:
        query = query.where(AuditEvent.entity_id == wanted.entity_id)
    if wanted.since is not None:
        query = query.where(AuditEvent.created_at >= _moment(wanted.since, "since"))
    if wanted.until is not None:
        end = wanted.until
        if not isinstance(end, datetime):
            end = end + timedelta(days=1)  # the whole last day
            query = query.where(AuditEvent.created_at < _moment(end, "until"))
        else:
            query = query.where(AuditEvent.created_at <= _moment(end, "until"))
    return query


def _moment(value: date | datetime, field: str) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError(field, "give a moment with its time zone")
        return value
    return datetime.combine(value, time.min).astimezone()  # the desk's own calendar day


def _row(event: AuditEvent, display_name: str | None, username: str | None) -> TrailRow:
    return TrailRow(
        seq=event.seq,
        time=event.created_at,
        user_name=display_name or NOBODY,
        username=username or NOBODY,
        action=event.action,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        detail=event.detail,
    )


def _batches(session: Session, query: Select[Any]) -> Iterator[TrailRow]:
    """Every row of `query` without holding the whole trail in memory."""
    result = session.execute(query.execution_options(yield_per=EXPORT_BATCH))
    for found in result:
        yield _row(*found)


def _write_csv(path: Path, rows: Iterator[TrailRow]) -> int:
    written = 0
    # utf-8-sig: the byte-order mark makes Excel read UTF-8; `;` is the Belgian list separator.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_HEADER)
        for row in rows:
            cells = [
                str(row.seq),
                row.time.astimezone().isoformat(timespec="seconds"),
                row.user_name,
                row.username,
                row.action,
                row.entity_type,
                str(row.entity_id or ""),
                row.detail,
            ]
            writer.writerow([plain_cell(cell) for cell in cells])
            written += 1
    return written


def detail_items(row: TrailRow) -> dict[str, Any]:
    """The detail as a mapping (empty when it is not a JSON object)."""
    try:
        value = json.loads(row.detail)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
