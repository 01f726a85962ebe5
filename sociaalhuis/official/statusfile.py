"""Reading an official status list: the status codes (resources/official-statuses.toml) and
the CSV file a KSZ/CBSS-style source delivers (layout in docs/OFFICIAL-STATUSES.md).

Reading changes nothing: a file with any bad line raises StatusFileError listing every
problem with its line and column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sociaalhuis.cases import national_number
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import SociaalHuisError, ValidationError
from sociaalhuis.resources import resource_path

COLUMNS = ("insz", "statuscode", "begindatum", "einddatum")
SEPARATOR = ";"
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
# The file date in the name: statussen_20261201.csv or statussen_2026-12-01.csv.
NAME_DATE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class StatusCode:
    """One code of the list and the catalog person fact it sets (`since`: a date fact set to
    the start date, or "")."""

    code: str
    fact: str
    label: str
    since: str = ""
    source: str = ""


@dataclass(frozen=True)
class Problem:
    """What is wrong where: `line` 1 is the header; `column` a column name or "" (the line)."""

    line: int
    column: str
    message: str

    def describe(self, file_name: str) -> str:
        where = f"{file_name}, line {self.line}" if self.line else file_name
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class StatusFileError(SociaalHuisError):
    """The file (or the code table) cannot be read in; `problems` lists every one found."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        first = problems[0].describe(file_name)
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(first + more)
        self.file_name = file_name
        self.problems = problems


@dataclass(frozen=True)
class StatusLine:
    """One data line: a person's national number (11 digits), a status and its period."""

    line: int
    number: str
    code: str
    start: date
    end: date | None


@dataclass(frozen=True)
class StatusFile:
    """A file read without problems."""

    name: str
    sha256: str
    file_date: date
    lines: tuple[StatusLine, ...]
    ignored_columns: tuple[str, ...] = ()


def codes_path() -> Path:
    return resource_path("official-statuses.toml")


def load_codes(catalog: Catalog | None = None, path: Path | None = None) -> dict[str, StatusCode]:
    """The status codes by code; with a catalog, each must name a person yes/no fact (and
    `since` a person date fact) of its dictionary."""
    path = path or codes_path()
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problem = Problem(0, "", f"cannot read the status codes: {exc}")
        raise StatusFileError(name, [problem]) from None
    problems: list[Problem] = []
    codes: dict[str, StatusCode] = {}
    for code, entry in (data.get("code") or {}).items():
        where = f"code.{code}"
        if not isinstance(entry, dict) or not entry.get("fact") or not entry.get("label"):
            problems.append(Problem(0, where, "needs 'fact' and 'label'"))
            continue
        status = StatusCode(
            code.upper(),
            str(entry["fact"]),
            str(entry["label"]),
            str(entry.get("since", "")),
            str(entry.get("source", "")),
        )
        if catalog is not None:
            problems += _check_code(catalog, where, status)
        codes[status.code] = status
    if not codes and not problems:
        problems.append(Problem(0, "", "no [code.X] tables"))
    if problems:
        raise StatusFileError(name, problems)
    return codes


def _check_code(catalog: Catalog, where: str, status: StatusCode) -> list[Problem]:
    wanted = [(status.fact, "bool", "fact")]
    if status.since:
        wanted.append((status.since, "date", "since"))
    problems = []
    for key, kind, field in wanted:
        fact = catalog.facts.get(key)
        if fact is None or fact.about != "person" or fact.type != kind:
            problems.append(
                Problem(0, f"{where}.{field}", f"{key!r} is no person {kind} fact of the catalog")
            )
    return problems


def file_date_from_name(name: str) -> date | None:
    """The date in a file name (YYYYMMDD or YYYY-MM-DD), None when there is none."""
    for match in NAME_DATE.finditer(Path(name).stem):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def read_status_file(
    path: Path, codes: dict[str, StatusCode], file_date: date | None = None
) -> StatusFile:
    """Read and check a status list file; StatusFileError names every problem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise StatusFileError(path.name, [Problem(0, "", "larger than 50 MB")])
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(0, "", f"cannot read: {exc.strerror}")
        raise StatusFileError(path.name, [problem]) from None
    return parse(data, path.name, codes, file_date)


def parse(
    data: bytes, name: str, codes: dict[str, StatusCode], file_date: date | None = None
) -> StatusFile:
    """`read_status_file` on the bytes of a file called `name`."""
    digest = hashlib.sha256(data).hexdigest()
    day = file_date or file_date_from_name(name)
    if day is None:
        raise StatusFileError(
            name,
            [Problem(0, "", "no file date: put it in the name (…_YYYYMMDD.csv) or give it")],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise StatusFileError(name, [Problem(line, "", "not UTF-8 text")]) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=SEPARATOR, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise StatusFileError(
            name, [Problem(reader.line_num, "", f"bad quoting ({exc})")]
        ) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise StatusFileError(name, [Problem(1, "", f"no header line ({';'.join(COLUMNS)})")])
    header = [cell.strip().casefold() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        hint = " (the separator is ';')" if len(header) == 1 else ""
        raise StatusFileError(
            name, [Problem(1, "", f"header lacks column(s) {', '.join(missing)}{hint}")]
        )
    index = {column: header.index(column) for column in COLUMNS}
    problems: list[Problem] = []
    lines: list[StatusLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(number, "", f"{len(row)} fields where the header has {len(header)}")
            )
            continue
        parsed = _line(number, row, index, codes, problems)
        if parsed is not None:
            lines.append(parsed)
    if problems:
        raise StatusFileError(name, problems)
    ignored = tuple(cell for cell in header if cell not in COLUMNS)
    return StatusFile(name, digest, day, tuple(lines), ignored)


def _line(
    number: int,
    row: list[str],
    index: dict[str, int],
    codes: dict[str, StatusCode],
    problems: list[Problem],
) -> StatusLine | None:
    before = len(problems)

    def cell(column: str) -> str:
        return row[index[column]].strip()

    def column(name: str) -> str:
        return f"{index[name] + 1} ({name})"

    insz = ""
    try:
        insz, _born = national_number.normalise("insz", cell("insz"))
    except ValidationError as exc:
        problems.append(Problem(number, column("insz"), exc.reason))
    code = cell("statuscode").upper()
    if code not in codes:
        known = ", ".join(sorted(codes))
        problems.append(
            Problem(number, column("statuscode"), f"unknown status code {code!r} (known: {known})")
        )
    start = _date(cell("begindatum"), number, column("begindatum"), problems, required=True)
    end = _date(cell("einddatum"), number, column("einddatum"), problems, required=False)
    if start is not None and end is not None and end < start:
        problems.append(Problem(number, column("einddatum"), "lies before begindatum"))
    if len(problems) > before or start is None:
        return None
    return StatusLine(number, insz, code, start, end)


def _date(
    text: str, line: int, column: str, problems: list[Problem], *, required: bool
) -> date | None:
    if not text:
        if required:
            problems.append(Problem(line, column, "is empty"))
        return None
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    problems.append(Problem(line, column, f"{text!r} is no date (YYYY-MM-DD or DD/MM/YYYY)"))
    return None
