"""Screen many households at once: a finding per household and right.

`screen` is the whole-caseload path (column-wise, `sociaalhuis.screening.vector`);
`screen_one` is the single-household path through the `Evaluator`, used when one household
is saved. Both give the same findings; tests/screening/test_agreement.py checks that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from sociaalhuis.catalog.model import RightDef
from sociaalhuis.eligibility.engine import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY, Evaluator, Verdict
from sociaalhuis.eligibility.situation import Situation

RECEIVES = "receives"
# Verdict codes in the arrays of `Screened`, in this order.
VERDICTS = (NOT_ELIGIBLE, POSSIBLY, ELIGIBLE, RECEIVES)
CODE = {word: code for code, word in enumerate(VERDICTS)}


@dataclass(frozen=True)
class Finding:
    """What the catalog says about one right for one household on one date."""

    right_id: str
    verdict: str  # one of VERDICTS
    missing: tuple[str, ...]  # `m2.birth_date` or a household fact key, as the engine names them
    yearly_value: Decimal | None


def finding_of(verdict: Verdict) -> Finding:
    word = RECEIVES if verdict.verdict == ELIGIBLE and verdict.receives else verdict.verdict
    return Finding(verdict.right.id, word, verdict.missing_facts, verdict.right.yearly_value)


def screen_one(evaluator: Evaluator, situation: Situation, on: date) -> list[Finding]:
    """The findings of one household, in catalog order (the single-household path)."""
    return [finding_of(v) for v in evaluator.evaluate(situation, on)]


class Screened:
    """Findings of a batch of households: verdict codes as an array, missing facts per cell."""

    def __init__(
        self,
        rights: list[RightDef],
        verdicts: np.ndarray,
        missing: list[list[tuple[str, ...]]],
    ) -> None:
        self.rights = rights
        self.verdicts = verdicts  # uint8 [households, rights], codes into VERDICTS
        self._missing = missing  # [household][right] → missing facts

    def __len__(self) -> int:
        return int(self.verdicts.shape[0])

    def findings(self, index: int) -> list[Finding]:
        """The findings of the household at `index`, in catalog order."""
        codes = self.verdicts[index]
        missing = self._missing[index]
        return [
            Finding(right.id, VERDICTS[codes[r]], missing[r], right.yearly_value)
            for r, right in enumerate(self.rights)
        ]

    def missing(self, index: int, right: int) -> tuple[str, ...]:
        return self._missing[index][right]

    def digest(self, index: int) -> bytes:
        """16 bytes that change whenever a finding of this household changes (same catalog)."""
        h = hashlib.blake2b(self.verdicts[index].tobytes(), digest_size=16)
        for names in self._missing[index]:
            h.update(",".join(names).encode())
            h.update(b";")
        return h.digest()


def digest_of(findings: Sequence[Finding]) -> bytes:
    """The digest `Screened.digest` gives for the same findings."""
    h = hashlib.blake2b(bytes(CODE[f.verdict] for f in findings), digest_size=16)
    for finding in findings:
        h.update(",".join(finding.missing).encode())
        h.update(b";")
    return h.digest()


def screen(evaluator: Evaluator, situations: Sequence[Situation], on: date) -> Screened:
    """Findings of every situation on `on`, in catalog order of rights (column-wise)."""
    # Imported here: the column-wise engine needs numpy, the single-household path does not.
    from sociaalhuis.screening.vector.screen import screen_columns

    verdicts, missing, doubtful = screen_columns(evaluator, situations, on)
    for index in np.flatnonzero(doubtful).tolist():
        found = screen_one(evaluator, situations[index], on)
        verdicts[index] = [CODE[f.verdict] for f in found]
        missing[index] = [f.missing for f in found]
    return Screened(evaluator.catalog.rights, verdicts, missing)


def screen_each(evaluator: Evaluator, situations: Sequence[Situation], on: date) -> Screened:
    """The same findings household by household through the `Evaluator` (for comparison)."""
    rights = evaluator.catalog.rights
    verdicts = np.zeros((len(situations), len(rights)), dtype=np.uint8)
    missing: list[list[tuple[str, ...]]] = []
    for i, situation in enumerate(situations):
        found = screen_one(evaluator, situation, on)
        verdicts[i] = [CODE[f.verdict] for f in found]
        missing.append([f.missing for f in found])
    return Screened(rights, verdicts, missing)
