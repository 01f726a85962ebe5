"""Rows as a merge sees them and back: column values in their JSON form (`outbox.to_json`)
and the Python values a table takes, for the synchronised tables."""

from __future__ import annotations

import base64
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Table, select

from sociaalhuis.storage.models import Base
from sociaalhuis.sync.outbox import to_json

# Bookkeeping of the database itself: every write sets them, so they say nothing about what a
# worker changed and would make every two edits of a record overlap.
NOT_MERGED = frozenset({"version", "updated_at"})


def table_of(name: str) -> Table:
    """The table named by a change; a KeyError for a name this schema does not have."""
    return Base.metadata.tables[name]


def from_json(column: Column[Any], value: Any) -> Any:
    """A JSON-form value as the column takes it (the inverse of `outbox.to_json`)."""
    if value is None:
        return None
    # A TypeDecorator (UTC timestamps) reports `object`; its implementation knows the type.
    kind = getattr(column.type, "impl_instance", column.type).python_type
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind in (datetime, date, time):
        return kind.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value)
    if kind is bool:
        return bool(value)
    return value


def merged_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields a merge compares: without the database's own bookkeeping."""
    return {name: value for name, value in fields.items() if name not in NOT_MERGED}


def read_rows(
    connection: Connection, table: Table, ids: list[uuid.UUID]
) -> dict[str, tuple[int, dict[str, Any]]]:
    """The rows with these ids, as record id -> (version, merged fields in JSON form)."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    has_version = "version" in table.c
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for row in connection.execute(select(table).where(table.c.id.in_(batch))).mappings():
            fields = {name: to_json(value) for name, value in row.items()}
            version = int(row["version"]) if has_version else 1
            found[str(row["id"])] = (version, merged_fields(fields))
    return found


def row_values(table: Table, fields: dict[str, Any]) -> dict[str, Any]:
    """Column values for an INSERT or UPDATE of `table` from JSON-form fields it knows."""
    return {
        name: from_json(table.c[name], value) for name, value in fields.items() if name in table.c
    }
