"""What a catalog change would do to the caseload: who gains or loses which right on a date.

Read-only: both catalogs are evaluated on the stored facts in read transactions and nothing is
written, so stored findings stay as they are.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import case, select
from sqlalchemy.orm import Session

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import ELIGIBLE, Evaluator
from sociaalhuis.errors import ValidationError
from sociaalhuis.screening import store
from sociaalhuis.screening.engine import RECEIVES, VERDICTS, Screened, screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import HouseholdMember, Person

YES = frozenset({ELIGIBLE, RECEIVES})
GAIN, LOSS, CHANGED = "gain", "loss", "changed"
ABSENT = "absent"  # the word where a catalog does not have the right


@dataclass(frozen=True)
class Change:
    """One household whose verdict on one right differs between the catalogs."""

    household_id: uuid.UUID
    applicant: str
    right_id: str
    before: str  # a word of VERDICTS, or ABSENT
    after: str

    @property
    def kind(self) -> str:
        if self.after in YES and self.before not in YES:
            return GAIN
        if self.before in YES and self.after not in YES:
            return LOSS
        return CHANGED


@dataclass(frozen=True)
class Comparison:
    """The changes, in household id and catalog order, with what was compared."""

    on: date
    before_version: str
    after_version: str
    households: int
    changes: list[Change]
    only_before: tuple[str, ...] = ()  # right ids the new catalog drops
    only_after: tuple[str, ...] = ()  # right ids the new catalog adds
    seconds: float = field(default=0.0, compare=False)

    def per_right(self) -> dict[str, dict[str, int]]:
        """Right id → counts of gains, losses and other changes, sorted by right id."""
        counts: dict[str, dict[str, int]] = {}
        for change in self.changes:
            row = counts.setdefault(change.right_id, {GAIN: 0, LOSS: 0, CHANGED: 0})
            row[change.kind] += 1
        return dict(sorted(counts.items()))


def compare(
    db: Database,
    before: Catalog,
    after: Catalog,
    on: date,
    *,
    batch: int = 5000,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Evaluate every household under `before` and `after` on `on` and list the differences."""
    if batch < 1:
        raise ValidationError("batch", "must be at least 1")
    started = time.perf_counter()
    judges = Evaluator(before), Evaluator(after)
    with db.read() as session:
        ids = store.stale_households(session, before.version, on, True)
    changes: list[Change] = []
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        with db.read() as session:
            results = [_screened(session, judge, chunk, on) for judge in judges]
            found = _differences(chunk, *results)
            names = _applicants(session, sorted({household for household, _, _, _ in found}))
        changes.extend(Change(h, names.get(h, ""), r, b, a) for h, r, b, a in found)
        if progress is not None:
            progress(start + len(chunk), len(ids))
    before_ids = {right.id for right in before.rights}
    after_ids = {right.id for right in after.rights}
    return Comparison(
        on,
        before.version,
        after.version,
        len(ids),
        changes,
        tuple(sorted(before_ids - after_ids)),
        tuple(sorted(after_ids - before_ids)),
        time.perf_counter() - started,
    )


def _screened(
    session: Session, judge: Evaluator, ids: list[uuid.UUID], on: date
) -> tuple[list[uuid.UUID], Screened]:
    rows = store.load_situations(session, judge.catalog, ids, on)
    return [row[0] for row in rows], screen(judge, [row[2] for row in rows], on)


def _differences(
    ids: list[uuid.UUID],
    old: tuple[list[uuid.UUID], Screened],
    new: tuple[list[uuid.UUID], Screened],
) -> list[tuple[uuid.UUID, str, str, str]]:
    """(household, right, before, after) wherever the words differ, in `ids` and right order."""
    old_rows = {household: i for i, household in enumerate(old[0])}
    new_rows = {household: i for i, household in enumerate(new[0])}
    present = [h for h in ids if h in old_rows and h in new_rows]
    if not present:
        return []
    right_ids = list(dict.fromkeys([r.id for r in old[1].rights] + [r.id for r in new[1].rights]))
    # One column per right of either catalog; a right a catalog lacks reads as ABSENT there.
    words = np.array([*VERDICTS, ABSENT], dtype=object)
    codes = []
    for rows, result in ((old_rows, old[1]), (new_rows, new[1])):
        column = {right.id: c for c, right in enumerate(result.rights)}
        table = np.full((len(present), len(right_ids)), len(VERDICTS), dtype=np.int16)
        picked = result.verdicts[[rows[h] for h in present]]
        for c, right_id in enumerate(right_ids):
            if right_id in column:
                table[:, c] = picked[:, column[right_id]]
        codes.append(table)
    found = []
    for i, c in zip(*np.nonzero(codes[0] != codes[1]), strict=True):
        before, after = words[codes[0][i, c]], words[codes[1][i, c]]
        # A right only one catalog has would list every household; only gains and losses count.
        if ABSENT in (before, after) and (before in YES) == (after in YES):
            continue
        found.append((present[i], right_ids[c], before, after))
    return found


def _applicants(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Household → the applicant's name (the first member when none is marked applicant)."""
    names: dict[uuid.UUID, str] = {}
    for start in range(0, len(ids), 5000):
        rows = session.execute(
            select(HouseholdMember.household_id, Person.given_name, Person.family_name)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id.in_(ids[start : start + 5000]))
            .order_by(
                HouseholdMember.household_id,
                case((HouseholdMember.role == "applicant", 0), else_=1),
                HouseholdMember.position,
            )
        )
        for household, given, family in rows:
            names.setdefault(household, f"{given} {family}".strip())
    return names
