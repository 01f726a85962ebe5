"""The mapping report of an HSDS import: per file, row and column what was mapped (to what),
defaulted (to what, and why) or dropped (and why), so nothing is left out silently.

A line without a row speaks for the whole file or column (a table the sociale kaart does not
keep); row numbers count the header as row 1, as a spreadsheet shows them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sociaalhuis.spreadsheet import plain_cell

MAPPED = "mapped"
DEFAULTED = "defaulted"
DROPPED = "dropped"
ACTIONS = (MAPPED, DEFAULTED, DROPPED)
FIELDS = ("file", "row", "column", "action", "target", "value", "reason")


@dataclass(frozen=True)
class ReportLine:
    """One decision: `target` is where the value went (`table.column`), `value` what was
    written when it was defaulted, `reason` why it was defaulted or dropped."""

    file: str
    row: int | None
    column: str | None
    action: str
    target: str = ""
    value: str = ""
    reason: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        text = f"{', '.join(where)}: {self.action}"
        if self.target:
            text += f" to {self.target}"
        if self.value:
            text += f" = {self.value!r}"
        if self.reason:
            text += f" ({self.reason})"
        return text


@dataclass
class MappingReport:
    """Every decision of one import, in the order it was taken."""

    version: str = ""
    lines: list[ReportLine] = field(default_factory=list)

    def add(
        self,
        file: str,
        row: int | None,
        column: str | None,
        action: str,
        target: str = "",
        value: str = "",
        reason: str = "",
    ) -> None:
        self.lines.append(ReportLine(file, row, column, action, target, value, reason))

    def of(self, action: str) -> list[ReportLine]:
        return [line for line in self.lines if line.action == action]

    def find(
        self, file: str, row: int | None = None, column: str | None = None
    ) -> list[ReportLine]:
        """The lines about one file (and row, and column)."""
        return [
            line
            for line in self.lines
            if line.file == file
            and (row is None or line.row == row)
            and (column is None or line.column == column)
        ]

    def counts(self) -> dict[str, int]:
        counted = Counter(line.action for line in self.lines)
        return {action: counted.get(action, 0) for action in ACTIONS}

    def summary(self) -> list[str]:
        """One line per file, column and decision, with how many rows it took: the report
        folded to read on a screen."""
        groups: Counter[tuple[str, str, str, str, str, str]] = Counter()
        for line in self.lines:
            # A constant default (a status, a type, a country) is worth showing; one that
            # differs per row (a completed web address) would split the group.
            value = line.value if line.action == DEFAULTED and len(line.value) <= 12 else ""
            key = (line.file, line.column or "", line.action, line.target, value, line.reason)
            groups[key] += 1
        out = []
        for (file, column, action, target, value, reason), count in groups.items():
            text = f"{file}" + (f" {column}" if column else "") + f": {action}"
            if target:
                text += f" to {target}"
            if value:
                text += f" = {value!r}"
            if reason:
                text += f" ({reason})"
            out.append(f"{text} × {count}" if count > 1 else text)
        return out

    def write(self, path: Path | str) -> None:
        """The full report as CSV, or as JSON when the file name ends in .json."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            data = {
                "version": self.version,
                "counts": self.counts(),
                "lines": [asdict(line) for line in self.lines],
            }
            path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
            return
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIELDS)
            for line in self.lines:
                cells = [
                    line.file,
                    "" if line.row is None else str(line.row),
                    line.column or "",
                    line.action,
                    line.target,
                    line.value,
                    line.reason,
                ]
                writer.writerow([plain_cell(cell) for cell in cells])
