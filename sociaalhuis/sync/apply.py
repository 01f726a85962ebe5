"""Applying received changes at a site: idempotent, in each site's order, conflicts kept.

The rules of issue 15, point 5, on an in-memory model of a site's records. A change applies
once (its id is remembered); a site's changes apply in that site's `seq` order, so a change
waits in `pending` until its predecessor arrives; a change based on a version the record has
not reached yet waits too. For every record the state keeps the version the sites last agreed
on (`Lineage.origin`) and each site's changes since (its branch); what the record shows is the
merge of all branches, in a fixed order (the receiver's own branch first, then by site id).
The result therefore depends only on which changes arrived, never on their order, their
batching or their repetition. A receiver restored from a backup gets a new epoch and asks each
site to send again from `needs_from(state, site_id)`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sociaalhuis.sync.change import Change
from sociaalhuis.sync.merge import APPEND_ONLY_TABLES, Conflict, Merged, Record, merge

Key = tuple[str, str]


class ApplyError(ValueError):
    """A change that no order of arrival can make right (a broken or foreign sender)."""


@dataclass(frozen=True)
class Lineage:
    """A record's last agreed version (None before its insert) and each site's changes since."""

    origin: Record | None
    branches: Mapping[str, tuple[Change, ...]] = field(default_factory=dict)


@dataclass
class SiteState:
    """What a receiving site holds: records, conflicts, waiting changes and what it has seen.

    `seqs` is the highest seq applied per sending site (all lower ones applied too); `placed`
    maps every applied change id to its record; `stale` keeps changes whose base the record no
    longer has (for instance edited after the version a worker settled), always as conflicts.
    """

    site_id: str
    epoch: str = field(default_factory=lambda: str(uuid.uuid4()))
    records: dict[Key, Record] = field(default_factory=dict)
    lineages: dict[Key, Lineage] = field(default_factory=dict)
    conflicts: dict[Key, tuple[Conflict, ...]] = field(default_factory=dict)
    stale: dict[Key, tuple[Conflict, ...]] = field(default_factory=dict)
    pending: dict[str, Change] = field(default_factory=dict)
    placed: dict[str, Key] = field(default_factory=dict)
    seqs: dict[str, int] = field(default_factory=dict)

    def copy(self) -> SiteState:
        # Records, lineages and conflicts are immutable values: copying the dicts is enough.
        return replace(
            self,
            records=dict(self.records),
            lineages=dict(self.lineages),
            conflicts=dict(self.conflicts),
            stale=dict(self.stale),
            pending=dict(self.pending),
            placed=dict(self.placed),
            seqs=dict(self.seqs),
        )

    def in_conflict(self, key: Key) -> bool:
        """Whether the record waits for a worker to settle a conflict."""
        return bool(self.conflicts.get(key))

    def status(self, change_id: str) -> str:
        """ "applied", "conflict" (applied to a record in conflict), "pending" or "unknown"."""
        if change_id in self.pending:
            return "pending"
        key = self.placed.get(change_id)
        if key is None:
            return "unknown"
        return "conflict" if self.in_conflict(key) else "applied"


def seed(site_id: str, records: Mapping[Key, Record]) -> SiteState:
    """A site's state holding `records` as agreed by every site (a copy of the central)."""
    state = SiteState(site_id)
    for key, record in records.items():
        state.records[key] = record
        state.lineages[key] = Lineage(record)
    return state


def apply(state: SiteState, changes: Iterable[Change]) -> SiteState:
    """The state after receiving `changes` (in any order, repeated or not); `state` is kept."""
    state = state.copy()
    for change in changes:
        if change.change_id in state.placed or change.change_id in state.pending:
            continue
        if change.seq <= state.seqs.get(change.site_id, 0):
            raise ApplyError(f"seq {change.seq} of site {change.site_id} came with another id")
        state.pending[change.change_id] = change
    _drain(state)
    return state


def place_own(state: SiteState, change: Change) -> None:
    """Fold a change this site made itself into its record's lineage (in place).

    A site's own changes are already in its tables; they enter the lineage so a later change
    of another site merges against them. They are placed record by record, so the site's own
    sequence is not checked here.
    """
    if not _place(state, change):
        raise ApplyError(f"{change.table} {change.record_id}: own change {change.seq} fits no base")
    state.placed[change.change_id] = (change.table, change.record_id)


def needs_from(state: SiteState, site_id: str) -> int:
    """The first seq of `site_id` this site has not applied: where a resend must start."""
    return state.seqs.get(site_id, 0) + 1


def restore(backup: SiteState) -> SiteState:
    """A site put back from `backup`: the same content under a new epoch, so senders notice."""
    return replace(backup.copy(), epoch=str(uuid.uuid4()))


def resend(outbox: Sequence[Change], receiver: SiteState, site_id: str) -> list[Change]:
    """The changes of a sender's outbox that `receiver` asks for again after a restore."""
    start = needs_from(receiver, site_id)
    return [c for c in outbox if c.site_id == site_id and c.seq >= start]


def resolve(
    state: SiteState, key: Key, fields: Mapping[str, Any], deleted: bool = False
) -> SiteState:
    """The state after a worker settled the record `key`: one new version above every branch."""
    state = state.copy()
    version = state.records[key].version + 1
    record = Record(version, dict(fields), deleted)
    state.records[key] = record
    state.lineages[key] = Lineage(record)
    state.conflicts.pop(key, None)
    state.stale.pop(key, None)
    return state


def _drain(state: SiteState) -> None:
    """Apply every pending change whose turn it is, until none can move."""
    moved = True
    while moved:
        moved = False
        for change in sorted(state.pending.values(), key=lambda c: (c.site_id, c.seq)):
            if change.seq != state.seqs.get(change.site_id, 0) + 1:
                continue
            if _place(state, change):
                del state.pending[change.change_id]
                state.seqs[change.site_id] = change.seq
                state.placed[change.change_id] = (change.table, change.record_id)
                moved = True


def _place(state: SiteState, change: Change) -> bool:
    """Put one change in its record's lineage; False when its base has not arrived yet."""
    key = (change.table, change.record_id)
    if change.table in APPEND_ONLY_TABLES:
        _place_append_only(state, key, change)
        return True
    lineage = state.lineages.get(key)
    if change.op == "insert":
        if lineage is None:
            _settle(state, key, Lineage(None, {change.site_id: (change,)}))
        elif lineage.origin is None and change.site_id not in lineage.branches:
            _settle(state, key, _with_branch(lineage, change.site_id, (change,)))
        else:
            _keep_stale(state, key, change)
        return True
    if lineage is None:
        return False
    visible = state.records[key]
    branch = lineage.branches.get(change.site_id, ())
    base = change.base_version
    if branch and base == branch[-1].version:
        if branch[-1].op == "delete":
            _keep_stale(state, key, change)
        else:
            _settle(state, key, _with_branch(lineage, change.site_id, (*branch, change)))
    elif not branch and lineage.origin is not None and base == lineage.origin.version:
        _settle(state, key, _with_branch(lineage, change.site_id, (change,)))
    elif base == visible.version and not state.in_conflict(key) and not visible.deleted:
        # The site had received what this record shows now (a sync down): that is the new
        # agreed version, and this change the first of a new round.
        _settle(state, key, Lineage(visible, {change.site_id: (change,)}))
    elif base is not None and base > visible.version:
        return False
    else:
        _keep_stale(state, key, change)
    return True


def _place_append_only(state: SiteState, key: Key, change: Change) -> None:
    if change.op != "insert":
        raise ApplyError(f"{change.table}: an append-only row is never edited nor deleted")
    record = Record(change.version, dict(change.fields))
    existing = state.records.get(key)
    if existing is not None:
        merge(change.table, None, existing, record)  # raises unless it is the same row
    state.records[key] = record


def _with_branch(lineage: Lineage, site_id: str, branch: tuple[Change, ...]) -> Lineage:
    return Lineage(lineage.origin, {**lineage.branches, site_id: branch})


def _settle(state: SiteState, key: Key, lineage: Lineage) -> None:
    """Store a lineage and what its record shows now, with its open conflicts."""
    record, conflicts = _view(key[0], lineage, state.site_id)
    state.lineages[key] = lineage
    state.records[key] = record
    _set_conflicts(state, key, conflicts)


def _set_conflicts(state: SiteState, key: Key, branch_conflicts: tuple[Conflict, ...]) -> None:
    conflicts = branch_conflicts + state.stale.get(key, ())
    if conflicts:
        state.conflicts[key] = conflicts
    else:
        state.conflicts.pop(key, None)


def _view(table: str, lineage: Lineage, own_site: str) -> tuple[Record, tuple[Conflict, ...]]:
    """The record every branch merged in a fixed order, and the branches that would not merge.

    Its version is the origin's plus every branch's distance from it: above each branch, one
    more for every change, and the same whatever the order the changes came in.
    """
    origin = lineage.origin
    if not lineage.branches and origin is not None:
        return origin, ()  # settled and not edited since: only kept (stale) changes differ
    tips = {site: _fold(origin, branch) for site, branch in lineage.branches.items()}
    order = sorted(tips, key=lambda site: (site != own_site, site))
    merged = tips[order[0]]
    conflicts: list[Conflict] = []
    for site in order[1:]:
        outcome = merge(table, origin, merged, tips[site])
        if isinstance(outcome, Merged):
            merged = outcome.record
        else:
            conflicts.append(replace(outcome, change_id=lineage.branches[site][-1].change_id))
    start = origin.version if origin is not None else 0
    version = start + sum(tip.version - start for tip in tips.values())
    return replace(merged, version=version), tuple(conflicts)


def _fold(origin: Record | None, branch: tuple[Change, ...]) -> Record:
    record = origin
    for change in branch:
        if change.op == "insert":
            record = Record(change.version, dict(change.fields))
        elif record is None:
            raise ApplyError(f"{change.table} {change.record_id}: changed before its insert")
        elif change.op == "delete":
            record = Record(change.version, dict(record.fields), deleted=True)
        else:
            record = Record(change.version, {**record.fields, **change.fields})
    if record is None:
        raise ApplyError("an empty branch")
    return record


def _keep_stale(state: SiteState, key: Key, change: Change) -> None:
    """Keep a change that fits no branch as a conflict against what the record shows."""
    mine = state.records[key]
    if mine.deleted and change.op == "delete":
        return  # deleted on both sides: nothing to settle
    base = Record(change.base_version or 0, dict(change.base_fields))
    theirs = Record(change.version, {**mine.fields, **change.fields}, deleted=change.op == "delete")
    reason = "deleted_vs_edited" if mine.deleted != theirs.deleted else "stale"
    conflict = Conflict(base, mine, theirs, reason, tuple(sorted(change.fields)), change.change_id)
    state.stale[key] = (*state.stale.get(key, ()), conflict)
    _settle(state, key, state.lineages[key])
