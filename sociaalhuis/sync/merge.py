"""Three-way merge of one record edited at two sites: merged when safe, else a conflict.

The rules of issue 15, point 4. A side that did not move since the base simply takes the other
side. When both moved, fields changed on one side only merge if every changed field is safe to
merge (contact details and addresses, `SAFE_FIELDS`); any field changed differently on both
sides, any unsafe field changed while the other side moved too (incomes, statuses, decisions,
names), and a delete on one side against an edit on the other is a `Conflict` that keeps base,
mine and theirs for a social worker to settle. The rules are symmetric — swapping mine and
theirs gives the same verdict — so every site reaches the same answer whichever syncs first.
Pure Python: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Tables whose rows are never edited nor deleted: a correction is a new row that supersedes the
# old one, so two sites can only add rows and never conflict (sociaalhuis.storage.models
# APPEND_ONLY, kept as names here so the merge stays free of the database layer).
APPEND_ONLY_TABLES = frozenset(
    {
        "contact_notes",
        "consents",
        "decisions",
        "letters",
        "audit_events",
        "case_assignments",
        "break_glass_grants",
        "follow_ups",
    }
)

_HOUSEHOLD_ADDRESS = ("street", "house_number", "box", "postcode", "deelgemeente", "search_street")
_LOCATION_ADDRESS = ("address_1", "postal_code", "city", "state_province", "country")

# Fields a site may change while another site changed other fields of the same record: how to
# reach someone, never what is decided about them. Why each is safe: docs/SYNC.md.
SAFE_FIELDS: dict[str, frozenset[str]] = {
    "persons": frozenset({"phone", "email"}),
    "households": frozenset(_HOUSEHOLD_ADDRESS),
    "organisations": frozenset(
        {"email", "phone", "website", "address", "opening_hours", "contact_sources"}
    ),
    "services": frozenset({"email", "url"}),
    "locations": frozenset(_LOCATION_ADDRESS),
    "letterhead": frozenset({"address", "phone", "email", "website", "opening_hours"}),
}

# Fields that only make sense together: a street from one side and a house number from the
# other is an address nobody entered, so a change to any of them on both sides is an overlap.
FIELD_GROUPS: dict[str, tuple[frozenset[str], ...]] = {
    "households": (frozenset(_HOUSEHOLD_ADDRESS),),
    "locations": (frozenset(_LOCATION_ADDRESS),),
}


@dataclass(frozen=True)
class Record:
    """One record as a site holds it: its version, all its fields, and whether it is deleted
    (a tombstone keeps its last fields)."""

    version: int
    fields: Mapping[str, Any] = field(default_factory=dict)
    deleted: bool = False


@dataclass(frozen=True)
class Merged:
    """Both sides' edits combined into one record."""

    record: Record


@dataclass(frozen=True)
class Conflict:
    """Edits that a person must settle, with the three versions they are to choose from.

    `reason` is one of "both_changed", "unsafe_field", "deleted_vs_edited", "both_inserted",
    "stale"; `fields` names the fields in question; `change_id` the incoming change (set by
    apply, empty from merge).
    """

    base: Record | None
    mine: Record
    theirs: Record
    reason: str
    fields: tuple[str, ...] = ()
    change_id: str = ""


class MergeError(ValueError):
    """A merge that the rules do not allow at all, such as an edited append-only row."""


def merge(table: str, base: Record | None, mine: Record, theirs: Record) -> Merged | Conflict:
    """Merge `theirs` into `mine`, both descended from `base` (None: both inserted the record).

    A merged record of two moved sides gets version mine + theirs - base, above both and the
    same whichever side is called mine.
    """
    if table in APPEND_ONLY_TABLES:
        return _append_only(table, base, mine, theirs)
    if base is None:
        if mine == theirs:
            return Merged(mine)
        return Conflict(None, mine, theirs, "both_inserted", _changed(mine, theirs))
    if mine.version == base.version:
        return Merged(theirs)
    if theirs.version == base.version:
        return Merged(mine)
    version = mine.version + theirs.version - base.version
    if mine.deleted or theirs.deleted:
        if mine.deleted and theirs.deleted:
            return Merged(Record(version, dict(base.fields), deleted=True))
        return Conflict(base, mine, theirs, "deleted_vs_edited")
    mine_changed = set(_changed(base, mine))
    theirs_changed = set(_changed(base, theirs))
    overlap = _overlap(table, mine, theirs, mine_changed, theirs_changed)
    if overlap:
        return Conflict(base, mine, theirs, "both_changed", overlap)
    unsafe = sorted((mine_changed | theirs_changed) - SAFE_FIELDS.get(table, frozenset()))
    if unsafe:
        return Conflict(base, mine, theirs, "unsafe_field", tuple(unsafe))
    fields = dict(base.fields)
    fields.update({name: mine.fields.get(name) for name in mine_changed})
    fields.update({name: theirs.fields.get(name) for name in theirs_changed})
    return Merged(Record(version, fields))


def is_safe(table: str, name: str) -> bool:
    """Whether a field of a table may merge automatically when only one side changed it."""
    return name in SAFE_FIELDS.get(table, frozenset())


def _append_only(table: str, base: Record | None, mine: Record, theirs: Record) -> Merged:
    # Append-only rows are written once under an id made by their site; the same id twice with
    # other content is a broken sender, not something for a worker to settle.
    if base is not None or mine.fields != theirs.fields or mine.deleted or theirs.deleted:
        raise MergeError(f"{table}: an append-only row is never edited nor deleted")
    return Merged(mine)


def _changed(before: Record, after: Record) -> tuple[str, ...]:
    names = set(before.fields) | set(after.fields)
    return tuple(sorted(n for n in names if before.fields.get(n) != after.fields.get(n)))


def _overlap(
    table: str, mine: Record, theirs: Record, mine_changed: set[str], theirs_changed: set[str]
) -> tuple[str, ...]:
    """Fields (or whole field groups) both sides changed to different values."""

    def differ(name: str) -> bool:
        return mine.fields.get(name) != theirs.fields.get(name)

    clashing = {name for name in mine_changed & theirs_changed if differ(name)}
    for group in FIELD_GROUPS.get(table, ()):
        if group & mine_changed and group & theirs_changed and any(map(differ, group)):
            clashing |= group & (mine_changed | theirs_changed)
    return tuple(sorted(clashing))
