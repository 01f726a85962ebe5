"""One change to one record, as a site records it and another site applies it.

The unit every part of synchronisation shares: the outbox writes it in the same transaction as
the change, a bundle or a direct connection carries it, the merge rules decide what it does.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

OPERATIONS = ("insert", "update", "delete")


class ChangeError(ValueError):
    """A change that cannot be read: names the field that is wrong."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Change:
    """A record inserted, updated or deleted (a tombstone) at `site_id`, number `seq` there.

    `base_version` is the record's version the edit started from (None for an insert);
    `version` the version it made. `fields` holds the new values of the fields it changed (all
    fields for an insert, none for a delete), `base_fields` the same fields as they were, so a
    three-way merge knows what each side changed. Values are JSON: dates as ISO text, decimals
    as text, ids as text.
    """

    change_id: str
    site_id: str
    seq: int
    table: str
    record_id: str
    op: str
    base_version: int | None
    version: int
    fields: dict[str, Any] = field(default_factory=dict)
    base_fields: dict[str, Any] = field(default_factory=dict)
    made_at: str = ""

    def __post_init__(self) -> None:
        _uuid("change_id", self.change_id)
        _uuid("site_id", self.site_id)
        _uuid("record_id", self.record_id)
        if self.op not in OPERATIONS:
            raise ChangeError("op", f"{self.op!r} is not one of {', '.join(OPERATIONS)}")
        if not isinstance(self.seq, int) or isinstance(self.seq, bool) or self.seq < 1:
            raise ChangeError("seq", "must be a whole number from 1")
        if not self.table or not isinstance(self.table, str):
            raise ChangeError("table", "is required")
        if (self.op == "insert") != (self.base_version is None):
            raise ChangeError("base_version", "is None exactly for an insert")
        if not isinstance(self.version, int) or isinstance(self.version, bool):
            raise ChangeError("version", "must be a whole number")
        if self.base_version is not None and self.version <= self.base_version:
            raise ChangeError("version", "must be above base_version")

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object (one line of a bundle)."""
        return {
            "change_id": self.change_id,
            "site_id": self.site_id,
            "seq": self.seq,
            "table": self.table,
            "record_id": self.record_id,
            "op": self.op,
            "base_version": self.base_version,
            "version": self.version,
            "fields": self.fields,
            "base_fields": self.base_fields,
            "made_at": self.made_at,
        }

    @classmethod
    def from_json(cls, data: Any) -> Change:
        """A change read back from `to_json`; raises ChangeError naming the field."""
        if not isinstance(data, dict):
            raise ChangeError("change", "is not a JSON object")
        names = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - names)
        if unknown:
            raise ChangeError(unknown[0], "is not a field of a change")
        for name in ("fields", "base_fields"):
            if not isinstance(data.get(name, {}), dict):
                raise ChangeError(name, "must be a JSON object")
        try:
            return cls(**data)
        except TypeError as exc:
            raise ChangeError("change", str(exc)) from None

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)


def new_change_id() -> str:
    """A change id made by the site itself, unique without asking anyone."""
    return str(uuid.uuid4())


def _uuid(name: str, value: Any) -> None:
    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        raise ChangeError(name, f"{value!r} is not a UUID") from None
