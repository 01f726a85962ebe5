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
from sociaalhuis.screening.missing import MissingTable, list_hash
from sociaalhuis.screening.vector.screen import screen_columns

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
    """Findings of a batch of households: verdict codes and missing-fact codes as arrays."""

    def __init__(
        self,
        rights: list[RightDef],
        verdicts: np.ndarray,
        missing_codes: np.ndarray,
        table: MissingTable,
        digests: list[bytes] | None = None,
    ) -> None:
        """`digests`: those of every row, when computed already (by the screening worker)."""
        self.rights = rights
        self.verdicts = verdicts  # uint8 [households, rights], codes into VERDICTS
        self.missing_codes = missing_codes  # int32 [households, rights], into table.lists
        self.table = table
        self._hashes: np.ndarray | None = None
        self._digests = digests

    def __len__(self) -> int:
        return int(self.verdicts.shape[0])

    def findings(self, index: int) -> list[Finding]:
        """The findings of the household at `index`, in catalog order."""
        codes = self.verdicts[index].tolist()
        lists = self.table.lists
        missing = self.missing_codes[index].tolist()
        return [
            Finding(right.id, VERDICTS[codes[r]], lists[missing[r]], right.yearly_value)
            for r, right in enumerate(self.rights)
        ]

    def missing(self, index: int, right: int) -> tuple[str, ...]:
        return self.table.lists[int(self.missing_codes[index, right])]

    def digest(self, index: int) -> bytes:
        """16 bytes that change whenever a finding of this household changes (same catalog)."""
        if self._hashes is None:
            self._hashes = self.table.hashes()
        hashes = self._hashes[self.missing_codes[index]]
        return _digest(self.verdicts[index].tobytes(), hashes.tobytes())

    def digests(self) -> list[bytes]:
        """`digest` of every household, in one pass over the whole batch."""
        if self._digests is not None:
            return self._digests
        if self._hashes is None:
            self._hashes = self.table.hashes()
        size = len(self)
        joined = np.concatenate(
            [
                self.verdicts.reshape(size, -1).view(np.uint8),
                self._hashes[self.missing_codes].reshape(size, -1).view(np.uint8),
            ],
            axis=1,
        )
        blake2b = hashlib.blake2b
        self._digests = [blake2b(row, digest_size=16).digest() for row in joined]
        return self._digests

    def redone(self, indexes: list[int]) -> None:
        """The rows at `indexes` were screened again in place: their digests are made anew."""
        if self._digests is not None and indexes:
            self._hashes = None  # the table may have grown
            for index in indexes:
                self._digests[index] = self.digest(index)


def _digest(verdicts: bytes, hashes: bytes) -> bytes:
    return hashlib.blake2b(verdicts + hashes, digest_size=16).digest()


def digest_of(findings: Sequence[Finding]) -> bytes:
    """The digest `Screened.digest` gives for the same findings."""
    verdicts = bytes(CODE[f.verdict] for f in findings)
    hashes = np.array([list_hash(f.missing) for f in findings], dtype=np.uint64)
    return _digest(verdicts, hashes.tobytes())


def screen(evaluator: Evaluator, situations: Sequence[Situation], on: date) -> Screened:
    """Findings of every situation on `on`, in catalog order of rights (column-wise)."""
    table = MissingTable()
    verdicts, missing, doubtful = screen_columns(evaluator, situations, on, table)
    for index in np.flatnonzero(doubtful).tolist():
        exactly(evaluator, situations[index], on, index, verdicts, missing, table)
    return Screened(evaluator.catalog.rights, verdicts, missing, table)


def screen_each(evaluator: Evaluator, situations: Sequence[Situation], on: date) -> Screened:
    """The same findings household by household through the `Evaluator` (for comparison)."""
    rights = evaluator.catalog.rights
    verdicts = np.zeros((len(situations), len(rights)), dtype=np.uint8)
    missing = np.zeros((len(situations), len(rights)), dtype=np.int32)
    table = MissingTable()
    for index, situation in enumerate(situations):
        exactly(evaluator, situation, on, index, verdicts, missing, table)
    return Screened(rights, verdicts, missing, table)


def exactly(
    evaluator: Evaluator,
    situation: Situation,
    on: date,
    index: int,
    verdicts: np.ndarray,
    missing: np.ndarray,
    table: MissingTable,
) -> None:
    found = screen_one(evaluator, situation, on)
    verdicts[index] = [CODE[f.verdict] for f in found]
    missing[index] = [table.code(f.missing) for f in found]
