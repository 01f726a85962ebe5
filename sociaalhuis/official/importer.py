"""Importing an official status list: each line's national number matched to one person in
one household, the status written as that person's fact with evidence 'official', and the
findings of the households it changed refreshed, all in one transaction.

A line whose number belongs to nobody (or to a person without a household) is unmatched; one
whose person lives in two households, or that the file gives twice with different periods, is
ambiguous: both are reported with their line and nothing is guessed. A file with a bad line
is refused whole (`statusfile.StatusFileError`). Reading the same file again writes nothing.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import IMPORT_STATUSES
from sociaalhuis.cases.households import HouseholdService, RefreshesFindings
from sociaalhuis.official.statusfile import (
    StatusCode,
    StatusFile,
    StatusLine,
    load_codes,
    read_status_file,
)
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    Fact,
    Household,
    HouseholdMember,
    OfficialStatusFact,
    Person,
    StatusImport,
    utcnow,
)

OUTCOMES = ("created", "updated", "unchanged", "unmatched", "ambiguous", "duplicate")
MATCHED = ("created", "updated", "unchanged")


@dataclass(frozen=True)
class LineOutcome:
    """What became of one data line; `reason` explains unmatched and ambiguous ones."""

    line: int
    code: str
    outcome: str
    reason: str = ""
    household_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PreviousImport:
    """An earlier import of a file with the same content."""

    import_id: uuid.UUID
    imported_at: datetime


@dataclass(frozen=True)
class StatusReport:
    """The report of an import or of its dry run (`import_id` None: nothing was written)."""

    file_name: str
    file_date: date
    sha256: str
    dry_run: bool
    outcomes: tuple[LineOutcome, ...]
    households: tuple[uuid.UUID, ...]  # households whose facts changed (or would)
    import_id: uuid.UUID | None = None
    previous: tuple[PreviousImport, ...] = ()
    ignored_columns: tuple[str, ...] = ()

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.outcomes if line.outcome == outcome)

    @property
    def matched(self) -> int:
        return sum(1 for line in self.outcomes if line.outcome in MATCHED)

    def lines_of(self, outcome: str) -> list[LineOutcome]:
        return [line for line in self.outcomes if line.outcome == outcome]

    def describe(self) -> list[str]:
        """The report as plain lines (the command line prints these)."""
        head = "dry run, nothing written" if self.dry_run else f"import {self.import_id}"
        out = [
            f"{self.file_name} (file date {self.file_date.isoformat()}): {head}",
            f"lines: {len(self.outcomes)}; matched: {self.matched} (new: {self.count('created')}, "
            f"updated: {self.count('updated')}, unchanged: {self.count('unchanged')}); "
            f"unmatched: {self.count('unmatched')}; ambiguous: {self.count('ambiguous')}",
            f"households whose findings are refreshed: {len(self.households)}",
        ]
        for earlier in self.previous:
            out.append(
                f"note: the same file was read in before ({earlier.imported_at:%Y-%m-%d %H:%M} "
                f"UTC, import {earlier.import_id})"
            )
        if self.ignored_columns:
            out.append(f"note: columns not used: {', '.join(self.ignored_columns)}")
        for outcome in ("unmatched", "ambiguous", "duplicate"):
            for line in self.lines_of(outcome):
                out.append(f"{outcome}: line {line.line} ({line.code}): {line.reason}")
        return out


@dataclass
class _Write:
    """One fact to set on a person of a loaded household."""

    household: Household
    person_id: uuid.UUID
    key: str
    kind: str
    value: Any
    start: date
    end: date | None


@dataclass
class _Plan:
    outcomes: list[LineOutcome] = field(default_factory=list)
    # line number → the writes of that line (main fact first)
    writes: dict[int, list[_Write]] = field(default_factory=dict)
    codes_of: dict[int, str] = field(default_factory=dict)


def import_statuses(
    db: Database,
    actor: Actor,
    path: Path,
    findings: RefreshesFindings | None = None,
    *,
    file_date: date | None = None,
    dry_run: bool = False,
    codes: dict[str, StatusCode] | None = None,
) -> StatusReport:
    """Read `path` in (or only report what it would do, `dry_run`); team leads and admins.

    Raises StatusFileError, with every bad line, when the file cannot be read in as a whole.
    """
    authorize(db, actor, IMPORT_STATUSES)
    codes = codes if codes is not None else load_codes()
    status_file = read_status_file(path, codes, file_date)
    if dry_run:
        with db.read() as session:
            plan = _plan(session, status_file, codes)
            changed = _changed_households(plan)
            return _report(status_file, plan, changed, True, None, _previous(session, status_file))
    with db.write() as session:
        previous = _previous(session, status_file)
        plan = _plan(session, status_file, codes)
        changed = _changed_households(plan)
        record = _apply(session, actor, status_file, plan)
        households = HouseholdService(db, findings)
        by_id = {writes[0].household.id: writes[0].household for writes in plan.writes.values()}
        for household_id in changed:
            households.refresh_findings(session, by_id[household_id])
        return _report(status_file, plan, changed, False, record.id, previous)


def _report(
    status_file: StatusFile,
    plan: _Plan,
    changed: list[uuid.UUID],
    dry_run: bool,
    import_id: uuid.UUID | None,
    previous: tuple[PreviousImport, ...],
) -> StatusReport:
    return StatusReport(
        status_file.name,
        status_file.file_date,
        status_file.sha256,
        dry_run,
        tuple(sorted(plan.outcomes, key=lambda o: o.line)),
        tuple(changed),
        import_id,
        previous,
        status_file.ignored_columns,
    )


def _previous(session: Session, status_file: StatusFile) -> tuple[PreviousImport, ...]:
    query = (
        select(StatusImport.id, StatusImport.imported_at)
        .where(StatusImport.sha256 == status_file.sha256)
        .order_by(StatusImport.imported_at)
    )
    return tuple(PreviousImport(row.id, row.imported_at) for row in session.execute(query))


def _plan(session: Session, status_file: StatusFile, codes: dict[str, StatusCode]) -> _Plan:
    """Match every line and work out the facts it sets; writes nothing."""
    plan = _Plan()
    lines = _without_duplicates(status_file.lines, plan)
    numbers = sorted({line.number for line in lines})
    persons = _persons(session, numbers)
    homes = _households_of(session, [person_id for person_id in persons.values()])
    loaded = _load_households(
        session, sorted({places[0] for places in homes.values() if len(places) == 1})
    )
    for line in lines:
        person_id = persons.get(line.number)
        if person_id is None:
            plan.outcomes.append(
                LineOutcome(line.line, line.code, "unmatched", "no person with this number")
            )
            continue
        places = homes.get(person_id, [])
        if not places:
            plan.outcomes.append(
                LineOutcome(line.line, line.code, "unmatched", "the person has no household")
            )
            continue
        if len(places) > 1:
            plan.outcomes.append(
                LineOutcome(
                    line.line,
                    line.code,
                    "ambiguous",
                    f"the person belongs to {len(places)} households",
                )
            )
            continue
        household_id = places[0]
        household = loaded[household_id]
        status = codes[line.code]
        writes = [_Write(household, person_id, status.fact, "bool", True, line.start, line.end)]
        if status.since:
            writes.append(
                _Write(household, person_id, status.since, "date", line.start, line.start, line.end)
            )
        states = [_state(write) for write in writes]
        outcome = states[0] if states[0] == "created" else _worst(states)
        plan.writes[line.line] = writes
        plan.codes_of[line.line] = line.code
        plan.outcomes.append(LineOutcome(line.line, line.code, outcome, "", household_id))
    return plan


def _without_duplicates(lines: tuple[StatusLine, ...], plan: _Plan) -> list[StatusLine]:
    """The lines to match: a (number, code) given twice with the same period counts once; with
    different periods every one of its lines is ambiguous."""
    by_key: dict[tuple[str, str], list[StatusLine]] = defaultdict(list)
    for line in lines:
        by_key[(line.number, line.code)].append(line)
    kept = []
    for group in by_key.values():
        first = group[0]
        periods = {(line.start, line.end) for line in group}
        if len(periods) > 1:
            numbers = ", ".join(str(line.line) for line in group)
            for line in group:
                plan.outcomes.append(
                    LineOutcome(
                        line.line,
                        line.code,
                        "ambiguous",
                        f"the same person and status with different periods (lines {numbers})",
                    )
                )
            continue
        kept.append(first)
        for line in group[1:]:
            plan.outcomes.append(
                LineOutcome(line.line, line.code, "duplicate", f"the same as line {first.line}")
            )
    return sorted(kept, key=lambda line: line.line)


def _persons(session: Session, numbers: list[str]) -> dict[str, uuid.UUID]:
    found: dict[str, uuid.UUID] = {}
    for start in range(0, len(numbers), 1000):
        chunk = numbers[start : start + 1000]
        query = select(Person.national_number, Person.id).where(Person.national_number.in_(chunk))
        found.update({number: person_id for number, person_id in session.execute(query)})
    return found


def _households_of(
    session: Session, person_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    homes: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for start in range(0, len(person_ids), 1000):
        chunk = person_ids[start : start + 1000]
        query = select(HouseholdMember.person_id, HouseholdMember.household_id).where(
            HouseholdMember.person_id.in_(chunk)
        )
        for person_id, household_id in session.execute(query):
            homes[person_id].append(household_id)
    return homes


def _load_households(
    session: Session, household_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Household]:
    """The households with members and facts, a thousand per query (one by one took seconds
    for a list of thousands)."""
    loaded: dict[uuid.UUID, Household] = {}
    for start in range(0, len(household_ids), 1000):
        query = (
            select(Household)
            .where(Household.id.in_(household_ids[start : start + 1000]))
            .options(selectinload(Household.members), selectinload(Household.facts))
        )
        loaded.update({household.id: household for household in session.scalars(query)})
    return loaded


def _existing(write: _Write) -> Fact | None:
    return next(
        (
            fact
            for fact in write.household.facts
            if fact.key == write.key and fact.person_id == write.person_id
        ),
        None,
    )


def _state(write: _Write) -> str:
    fact = _existing(write)
    if fact is None:
        return "created"
    value = fact.value_bool if write.kind == "bool" else fact.value_date
    same = (
        fact.kind == write.kind
        and value == write.value
        and fact.evidence == "official"
        and fact.valid_from == write.start
        and fact.valid_until == write.end
    )
    return "unchanged" if same else "updated"


def _worst(states: list[str]) -> str:
    return "unchanged" if all(state == "unchanged" for state in states) else "updated"


def _changed_households(plan: _Plan) -> list[uuid.UUID]:
    changed = {
        plan.writes[outcome.line][0].household.id
        for outcome in plan.outcomes
        if outcome.outcome in ("created", "updated")
    }
    return sorted(changed)


def _apply(session: Session, actor: Actor, status_file: StatusFile, plan: _Plan) -> StatusImport:
    """Write the planned facts, the import with its provenance rows and the audit events."""
    now = utcnow()
    keys_by_household: dict[uuid.UUID, set[str]] = defaultdict(set)
    main_facts: dict[int, Fact] = {}
    for outcome in plan.outcomes:
        if outcome.outcome not in MATCHED:
            continue
        writes = plan.writes[outcome.line]
        for index, write in enumerate(writes):
            fact = _existing(write)
            if _state(write) != "unchanged":
                fact = _set(write, fact, actor, now)
                keys_by_household[write.household.id].add(write.key)
            if index == 0:
                main_facts[outcome.line] = fact  # type: ignore[assignment]
    for household_id in keys_by_household:
        household = next(
            writes[0].household
            for writes in plan.writes.values()
            if writes[0].household.id == household_id
        )
        # The household version is the lock of the whole aggregate: a fact change moves it.
        household.updated_at = now
    record = StatusImport(
        file_name=status_file.name[:255],
        sha256=status_file.sha256,
        file_date=status_file.file_date,
        imported_at=now,
        imported_by_id=actor.user_id,
        lines=len(plan.outcomes),
        created=sum(1 for o in plan.outcomes if o.outcome == "created"),
        updated=sum(1 for o in plan.outcomes if o.outcome == "updated"),
        unchanged=sum(1 for o in plan.outcomes if o.outcome == "unchanged"),
        unmatched=sum(1 for o in plan.outcomes if o.outcome == "unmatched"),
        ambiguous=sum(1 for o in plan.outcomes if o.outcome == "ambiguous"),
    )
    session.add(record)
    session.flush()
    for outcome in plan.outcomes:
        if outcome.outcome in MATCHED:
            session.add(
                OfficialStatusFact(
                    import_id=record.id,
                    fact_id=main_facts[outcome.line].id,
                    line=outcome.line,
                    status_code=outcome.code,
                    outcome=outcome.outcome,
                )
            )
    for household_id, keys in sorted(keys_by_household.items()):
        audit.record(
            session,
            actor,
            "household.official_statuses",
            "household",
            household_id,
            keys=sorted(keys),
            status_import=str(record.id),
        )
    audit.record(
        session,
        actor,
        "official_statuses.imported",
        "status_import",
        record.id,
        file=status_file.name,
        sha256=status_file.sha256,
        file_date=status_file.file_date.isoformat(),
        created=record.created,
        updated=record.updated,
        unchanged=record.unchanged,
        unmatched=record.unmatched,
        ambiguous=record.ambiguous,
    )
    session.flush()
    return record


def _set(write: _Write, fact: Fact | None, actor: Actor, now: datetime) -> Fact:
    if fact is None:
        fact = Fact(key=write.key, person_id=write.person_id)
        write.household.facts.append(fact)
    fact.kind = write.kind
    fact.value_bool = fact.value_number = fact.value_date = fact.value_text = None
    if write.kind == "bool":
        fact.value_bool = write.value
    else:
        fact.value_date = write.value
    fact.evidence = "official"
    fact.valid_from = write.start
    fact.valid_until = write.end
    fact.recorded_by_id = actor.user_id
    fact.recorded_at = now
    return fact


def provenance(session: Session, fact_id: uuid.UUID) -> tuple[StatusImport, int] | None:
    """The newest import that wrote or confirmed a fact, with the file line; None if none."""
    query = (
        select(StatusImport, OfficialStatusFact.line)
        .join(OfficialStatusFact, OfficialStatusFact.import_id == StatusImport.id)
        .where(OfficialStatusFact.fact_id == fact_id)
        .order_by(StatusImport.imported_at.desc())
        .limit(1)
    )
    row = session.execute(query).first()
    return (row[0], row[1]) if row is not None else None
