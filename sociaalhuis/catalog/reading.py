"""Reading catalog files: TOML files parsed with the place of every key, and each entry
checked against its field spec (`Field`) into converted values.

`Reader` collects problems instead of raising, so one run reports all of them.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sociaalhuis.catalog import lookalikes
from sociaalhuis.catalog.locate import Locator
from sociaalhuis.catalog.model import ABOUT, FACT_TYPES, LEVELS, OBTAINED, THEMES, Place, Problem


@dataclass
class Source:
    """One TOML file being read: its name for messages and where its keys are."""

    name: str
    locator: Locator

    def place(
        self, path: tuple[str | int, ...], key: str | None = None, offset: int | None = None
    ) -> Place:
        line, column = self.locator.find(path, key)
        if key is not None and offset is not None and column:
            return Place(self.name, line, column + 1 + offset)  # +1 for the opening quote
        return Place(self.name, line, column if key is not None and column > 1 else 0)


@dataclass(frozen=True)
class Field:
    """What one field of an entry must hold, and whether it must be there."""

    kind: str  # text, str, date, decimal, bool, value, int, strings, mapping, table, tables
    required: bool = False
    choices: tuple[str, ...] = ()


class Reader:
    """Reads the TOML files of a catalog folder and checks entries, collecting problems."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.unreadable = False  # some file could not be read: its names would seem missing

    def error(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message))

    def warn(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message, "warning"))

    def files(self, sub: str) -> list[tuple[Source, dict[str, Any]]]:
        folder = self.folder / sub
        if not folder.is_dir():
            self.error(Place(f"{sub}/"), "folder is missing")
            return []
        return [
            loaded
            for path in sorted(folder.glob("*.toml"))
            if (loaded := self.read(path)) is not None
        ]

    def read(self, path: Path) -> tuple[Source, dict[str, Any]] | None:
        name = path.relative_to(self.folder).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            self.error(Place(name), f"cannot be read: {exc}")
            self.unreadable = True
            return None
        text = self.decode(name, raw)
        if text is None:
            # Everything the file defines would be missing: one error, not a cascade.
            self.unreadable = True
            return None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            place = Place(name, int(match.group(1)), int(match.group(2))) if match else Place(name)
            self.error(place, f"not valid TOML: {message}{_strange_character(text, place)}")
            self.unreadable = True
            return None
        return Source(name, Locator(text)), data

    def decode(self, name: str, raw: bytes) -> str | None:
        """The text of a UTF-8 file (a byte-order mark is dropped); None after one error."""
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]  # Windows editors add it; it carries nothing
        elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            self.error(
                Place(name, 1),
                "is saved as UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
            )
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line_start = raw.rfind(b"\n", 0, exc.start) + 1
            line = raw.count(b"\n", 0, exc.start) + 1
            self.error(
                Place(name, line),
                f"is not UTF-8: byte {exc.start - line_start + 1} of this line "
                f"(0x{raw[exc.start]:02X}) is not UTF-8 text, perhaps Windows-1252 or Latin-1; "
                "save the file as UTF-8",
            )
            return None

    def fields(
        self,
        source: Source,
        path: tuple[str | int, ...],
        entry: Any,
        spec: dict[str, Field],
        what: str,
    ) -> dict[str, Any] | None:
        """Check an entry against its field spec; returns the converted values."""
        if not isinstance(entry, dict):
            self.error(source.place(path), f"{what} must be a table")
            return None
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if RENAMED.get(key) in spec:
                self.error(
                    source.place(path, key),
                    f"{what}: '{key}' is now called '{RENAMED[key]}' ({RENAMED_WHY[key]})",
                )
                continue
            if key not in spec:
                allowed = ", ".join(sorted(spec))
                strange = lookalikes.id_problem(key, spec)
                self.error(
                    source.place(path, key),
                    f"{what}: unknown field '{key}'"
                    + (f": {strange}" if strange else f" (allowed: {allowed})"),
                )
                continue
            converted = self.convert(source, path, key, value, spec[key], what)
            if converted is not None:
                out[key] = converted
        for key, field_spec in spec.items():
            renamed = any(RENAMED.get(old) == key for old in entry)
            if field_spec.required and key not in entry and not renamed:
                self.error(source.place(path), f"{what}: '{key}' is required")
        return out

    def convert(
        self,
        source: Source,
        path: tuple[str | int, ...],
        key: str,
        value: Any,
        spec: Field,
        what: str,
    ) -> Any:
        place = source.place(path, key)
        kind = spec.kind

        def bad(expected: str) -> None:
            self.error(place, f"{what}: '{key}' must be {expected}, not {value!r}")

        if kind in ("text", "str"):
            if not isinstance(value, str) or (kind == "text" and not value.strip()):
                bad("non-empty text" if kind == "text" else "text")
                return None
            if spec.choices and value not in spec.choices:
                self.error(
                    place,
                    f"{what}: '{key}' must be one of {', '.join(spec.choices)}, not {value!r}",
                )
                return None
            return value
        if kind == "date":
            day = to_date(value)
            if day is None:
                bad("a date (YYYY-MM-DD)")
            return day
        if kind == "decimal":
            number = to_decimal(value)
            if number is None:
                bad('an amount such as "24155.16" (a point before the cents)')
            return number
        if kind == "bool":
            if isinstance(value, bool):
                return value
            bad("true or false")
            return None
        if kind == "value":
            if isinstance(value, bool | int | float | str):
                return value
            bad("a yes/no, a number or a choice")
            return None
        if kind == "int":
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
            bad("a whole number above 0")
            return None
        if kind == "strings":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(
                isinstance(item, str) and item.strip() for item in value
            ):
                bad("a list of texts")
                return None
            return value
        if kind == "mapping":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
            ):
                bad('a table of texts such as { owner = "eigenaar" }')
                return None
            return value
        if kind == "table":
            if not isinstance(value, dict):
                bad("a table")
                return None
            return value
        if kind == "tables":
            if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
                bad("a list of tables ([[...]] entries)")
                return None
            return value
        raise AssertionError(kind)  # pragma: no cover


def _strange_character(text: str, place: Place) -> str:
    """When TOML stumbles on a character outside ASCII, name it (a look-alike in a key)."""
    lines = text.splitlines()
    if not place.line or place.line > len(lines) or not place.column:
        return ""
    line = lines[place.line - 1]
    index = place.column - 1
    if index >= len(line) or line[index].isascii():
        return ""
    word = lookalikes.word_at(line, index)
    found = lookalikes.id_problem(word) or lookalikes.describe(line[index])
    return f"; the character there is {found}"


def to_date(value: Any) -> date | None:
    """A date from TOML (a date value) or JSON (`YYYY-MM-DD` text); None otherwise."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def to_decimal(value: Any) -> Decimal | None:
    """An amount from TOML: a string with a decimal point, an integer, or a float; None for
    anything else, for NaN and infinities, and from `MAX_AMOUNT` up."""
    number = _decimal(value)
    if number is None or not number.is_finite() or abs(number) >= MAX_AMOUNT:
        return None
    return number


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,40}(\.\d{1,40})?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the pattern excludes it
            return None
    return None


# No amount or count in a right comes near it; beyond, a figure is a typing error, and sums of
# such figures would run past the 28 digits Decimal computes with.
MAX_AMOUNT = Decimal(10) ** 15


# Field names of an older catalog format: named in the error so a maintainer knows what to write.
RENAMED = {"from": "valid_from", "last_verified": "verified_on"}
RENAMED_WHY = {
    "from": "the date the figure applies from; also give 'verified_on', the date you read "
    "the source",
    "last_verified": "the date the sources were read",
}

FACT_FIELDS = {
    "about": Field("text", True, ABOUT),
    "type": Field("text", True, FACT_TYPES),
    "label": Field("text", True),
    "question": Field("text", True),
    "question_fr": Field("text"),
    "question_en": Field("text"),
    "theme": Field("text", True, THEMES),
    "choices": Field("mapping"),
    "min": Field("decimal"),
    "max": Field("decimal"),
    "unit": Field("text"),
    "note": Field("text"),
    "source": Field("text"),
    "asked_when": Field("text"),
    "otherwise": Field("value"),
}
DERIVED_FIELDS = {
    "about": Field("text", True, ABOUT),
    "type": Field("text", True, FACT_TYPES),
    "label": Field("text", True),
    "formula": Field("text", True),
    "choices": Field("mapping"),
    "min": Field("decimal"),
    "max": Field("decimal"),
    "unit": Field("text"),
    "note": Field("text"),
}
GROUP_FIELDS = {"label": Field("text", True), "where": Field("text", True)}
PARAMETER_FIELDS = {
    "type": Field("text", True, ("money", "number")),
    "label": Field("text", True),
    "unit": Field("text"),
    "current_for_months": Field("int"),
    "period": Field("tables"),
    "formula": Field("text"),
    "source": Field("text"),
    "note": Field("text"),
    "lapsed": Field("text"),
}
PERIOD_FIELDS = {
    "valid_from": Field("date", True),
    "verified_on": Field("date", True),
    "until": Field("date"),
    "value": Field("decimal", True),
    "source": Field("text", True),
    "note": Field("text"),
}
RIGHT_FIELDS = {
    "id": Field("text", True),
    "name": Field("text", True),
    "level": Field("text", True, LEVELS),
    "provider": Field("text", True),
    "obtained": Field("text", True, OBTAINED),
    "theme": Field("text"),
    "summary": Field("text"),
    "yearly_value": Field("decimal"),
    "value_note": Field("text"),
    "after_grant": Field("text"),
    "documents": Field("strings"),
    "partner_needs": Field("strings"),
    "validity": Field("text"),
    "sources": Field("strings", True),
    "verified_on": Field("date", True),
    "ipdc": Field("text"),
    "uncertain": Field("text"),
    "household": Field("text"),
    "when": Field("text"),
    "route": Field("tables"),
    "note": Field("text"),
}
ROUTE_FIELDS = {
    "label": Field("text", True),
    "when": Field("text", True),
    "receives": Field("bool"),
}
CASE_FIELDS = {
    "name": Field("text", True),
    "date": Field("date", True),
    "expect": Field("table", True),
    "missing": Field("table"),
    "household": Field("table"),
    "member": Field("tables"),
    "note": Field("text"),
}
