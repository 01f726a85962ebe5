"""The conflict inbox: records whose edits at two sites a worker must settle.

A conflict keeps base, mine (this database) and theirs (the other site). Settling writes the
record as a new version above both, through the ordinary session (so it goes to the outbox
like any save) with an audit event naming both parents; the record's lineage starts again
from it. Until then the household the record belongs to cannot get a referral or a decision.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect, select, update
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, require
from sociaalhuis.access.permissions import EDIT_HOUSEHOLD
from sociaalhuis.errors import NotFoundError, SociaalHuisError, ValidationError
from sociaalhuis.storage.models import Base, HouseholdMember, Person, SyncOutbox, SyncRecord
from sociaalhuis.sync import site
from sociaalhuis.sync.apply import Lineage
from sociaalhuis.sync.merge import Record
from sociaalhuis.sync.store import conflict_from, lineage_json
from sociaalhuis.sync.values import from_json, table_of


class InConflictError(SociaalHuisError):
    """A household with a record in conflict was asked for a referral or a decision."""

    def __init__(self, household_id: uuid.UUID, records: list[tuple[str, str]]) -> None:
        super().__init__(f"household {household_id} has {len(records)} record(s) in conflict")
        self.household_id = household_id
        self.records = records


@dataclass(frozen=True)
class Side:
    """One version of a conflicting record: its version, fields and whether it is deleted."""

    version: int
    fields: dict[str, Any]
    deleted: bool


@dataclass(frozen=True)
class OpenConflict:
    """A record waiting to be settled, with the versions to choose from."""

    table: str
    record_id: str
    household_id: str | None
    reason: str
    fields: tuple[str, ...]
    base: Side | None
    mine: Side
    theirs: Side
    shown: Side
    change_id: str
    can_settle: bool


def _side(record: Record | None) -> Side | None:
    if record is None:
        return None
    return Side(record.version, dict(record.fields), record.deleted)


def open_conflicts(session: Session) -> list[OpenConflict]:
    """Every open conflict, oldest record change first; one entry per conflicting change."""
    here = site.current(session)
    found: list[OpenConflict] = []
    rows = session.scalars(
        select(SyncRecord).where(SyncRecord.in_conflict).order_by(SyncRecord.updated_at)
    )
    for row in rows:
        shown = Side(row.shown_version, json.loads(row.fields), row.deleted)
        household = _household_of(session, row.table_name, str(row.record_id), shown.fields)
        for item in json.loads(row.conflicts):
            conflict = conflict_from(item)
            mine, theirs = _side(conflict.mine), _side(conflict.theirs)
            assert mine is not None and theirs is not None
            found.append(
                OpenConflict(
                    table=row.table_name,
                    record_id=str(row.record_id),
                    household_id=household,
                    reason=conflict.reason,
                    fields=conflict.fields,
                    base=_side(conflict.base),
                    mine=mine,
                    theirs=theirs,
                    shown=shown,
                    change_id=conflict.change_id,
                    # A laptop shows its conflicts; the central, which merged them, settles.
                    can_settle=here.role == "central",
                )
            )
    return found


def conflict_count(session: Session) -> int:
    """How many records are in conflict (the count on the main screen)."""
    return len(list(session.scalars(select(SyncRecord.id).where(SyncRecord.in_conflict))))


def household_conflicts(session: Session, household_id: uuid.UUID) -> list[tuple[str, str]]:
    """The records in conflict that belong to this household (itself, members, facts…)."""
    found = []
    for row in session.scalars(select(SyncRecord).where(SyncRecord.in_conflict)):
        fields = json.loads(row.fields)
        owner = _household_of(session, row.table_name, str(row.record_id), fields)
        if owner == str(household_id):
            found.append((row.table_name, str(row.record_id)))
    return found


def household_names(session: Session, household_ids: Iterable[str]) -> dict[str, str]:
    """The applicant's name of each household, for the inbox's list (ids as text)."""
    ids = sorted({uuid.UUID(value) for value in household_ids})
    if not ids:
        return {}
    query = (
        select(HouseholdMember.household_id, Person.given_name, Person.family_name)
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(HouseholdMember.household_id.in_(ids), HouseholdMember.role == "applicant")
    )
    return {str(hid): f"{given} {family}" for hid, given, family in session.execute(query)}


def check_usable(session: Session, household_id: uuid.UUID) -> None:
    """Refuse a referral or decision for a household with a record in conflict."""
    records = household_conflicts(session, household_id)
    if records:
        raise InConflictError(household_id, records)


def settle(
    session: Session,
    actor: Actor,
    table: str,
    record_id: str,
    fields: dict[str, Any],
    deleted: bool = False,
) -> int:
    """Store the worker's settlement of a record as a new version above both sides; returns
    that version. `fields` are in JSON form (the values shown); the record's other fields stay."""
    require(actor, EDIT_HOUSEHOLD)
    row = session.scalars(
        select(SyncRecord).where(
            SyncRecord.table_name == table, SyncRecord.record_id == uuid.UUID(record_id)
        )
    ).one_or_none()
    if row is None or not row.in_conflict:
        raise NotFoundError("conflict", f"{table} {record_id}")
    if site.current(session).role != "central":
        raise SociaalHuisError("conflicts are settled at the central database")
    conflicts = [conflict_from(item) for item in json.loads(row.conflicts)]
    mapped = _mapped_class(table)
    obj = session.get(mapped, uuid.UUID(record_id))
    columns = table_of(table).c
    if deleted:
        if obj is not None:
            session.delete(obj)
        version = row.shown_version + 1
    else:
        restored = obj is None
        if restored:
            # Deleted here, kept there: the worker brings the record back as it was shown.
            obj = mapped(id=uuid.UUID(record_id))
            fields = {**json.loads(row.fields), **fields}
            session.add(obj)
        for name, value in fields.items():
            if name in columns and name not in ("id", "version", "updated_at", "created_at"):
                setattr(obj, _attribute(mapped, name), _converted(columns[name], value))
        session.flush()
        version = getattr(obj, "version", row.shown_version + 1)
        if restored:
            # A new row starts at version 1; the settlement must stand above both sides.
            version = row.shown_version + 1
            table_obj = columns.id.table
            session.execute(
                update(table_obj).where(table_obj.c.id == obj.id).values(version=version)
            )
            session.expire(obj)
    shown = json.loads(row.fields)
    shown.update(fields)
    record = Record(version, shown, deleted)
    # Both parents: the version this database showed, and each other site's version.
    parents = [{"site": "here", "version": conflicts[0].mine.version}] + [
        {"site": "other", "version": c.theirs.version, "change_id": c.change_id} for c in conflicts
    ]
    audit.record(
        session,
        actor,
        "sync_conflict_settled",
        table,
        uuid.UUID(record_id),
        version=version,
        parents=parents,
        fields=sorted(fields),
        deleted=deleted,
    )
    session.flush()
    row.shown_version, row.deleted = version, deleted
    row.fields = json.dumps(shown, ensure_ascii=False, sort_keys=True)
    row.lineage = lineage_json(Lineage(record), _own_seq(session, record_id))
    row.conflicts, row.stale, row.in_conflict = "[]", "[]", False
    session.flush()
    return version


def _converted(column: Any, value: Any) -> Any:
    """A settled value as the column takes it; a value typed by the worker that it cannot
    take is refused naming the field, before anything reaches the database."""
    if value is None and not column.nullable:
        raise ValidationError(column.name, "is required")
    length = getattr(column.type, "length", None)
    if isinstance(value, str) and length and len(value) > length:
        raise ValidationError(column.name, f"is longer than {length} characters")
    try:
        return from_json(column, value)
    except (ValueError, TypeError, ArithmeticError):
        raise ValidationError(column.name, f"{value!r} is not a valid value") from None


def _own_seq(session: Session, record_id: str) -> int:
    """The newest own change of the record: the settlement itself, already in the lineage."""
    query = select(SyncOutbox.seq).where(SyncOutbox.record_id == uuid.UUID(record_id))
    return max(session.scalars(query), default=0)


def _mapped_class(table: str) -> type[Any]:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == table:
            return mapper.class_
    raise NotFoundError("table", table)


def _attribute(mapped: type[Any], column: str) -> str:
    mapper = inspect(mapped)
    return mapper.get_property_by_column(mapper.local_table.c[column]).key


def _household_of(
    session: Session, table: str, record_id: str, fields: dict[str, Any]
) -> str | None:
    if table == "households":
        return record_id
    if fields.get("household_id"):
        return str(fields["household_id"])
    person = record_id if table == "persons" else fields.get("person_id")
    if person:
        query = select(HouseholdMember.household_id).where(
            HouseholdMember.person_id == uuid.UUID(person)
        )
        household = session.scalars(query).first()
        return str(household) if household else None
    return None
