"""Reading an HSDS package: every row of every HSDS table in the folder is checked against
its table's schema, ids must be unique, and the references the import follows must resolve
within the package. Any problem rejects the package whole (`HsdsError`, each problem as
`file, row N, column C: message`; row 1 is the header, as a spreadsheet shows it).
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sociaalhuis.referrals.hsds_report import DEFAULTED, MappingReport
from sociaalhuis.referrals.hsds_tables import (
    ADDRESSES,
    DESCRIPTOR,
    IMPORTED,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SERVICE_AT_LOCATION,
    SERVICES,
    HsdsError,
    HsdsProblem,
    TableSchema,
    table_schemas,
    validate_row,
)
from sociaalhuis.spreadsheet import unplain_cell

# Longest text our tables keep, per (file, column): longer values are a problem, not cut off.
LIMITS = {
    (ORGANIZATIONS, "name"): 300,
    (ORGANIZATIONS, "email"): 254,
    (ORGANIZATIONS, "website"): 500,
    (SERVICES, "name"): 300,
    (SERVICES, "email"): 254,
    (SERVICES, "url"): 500,
    (LOCATIONS, "name"): 300,
    (ADDRESSES, "address_1"): 300,
    (ADDRESSES, "postal_code"): 20,
    (ADDRESSES, "city"): 100,
    (ADDRESSES, "state_province"): 100,
    (ADDRESSES, "country"): 2,
    (PHONES, "number"): 50,
}
# The references the import follows, which must lead to a row of the package.
REQUIRED_REFERENCES = {
    (SERVICES, "organization_id"): ORGANIZATIONS,
    (SERVICE_AT_LOCATION, "service_id"): SERVICES,
    (SERVICE_AT_LOCATION, "location_id"): LOCATIONS,
    (ADDRESSES, "location_id"): LOCATIONS,
}
# Optional links the import follows when they resolve; otherwise it says what it left out.
OPTIONAL_REFERENCES = {
    (LOCATIONS, "organization_id"): ORGANIZATIONS,
    (PHONES, "organization_id"): ORGANIZATIONS,
}


@dataclass
class Row:
    """One data row of a CSV file, as text per column; `number` counts the header as 1."""

    number: int
    values: dict[str, str]
    valid: bool = True  # False: the row has problems of its own (its id still counts)
    bad: frozenset[str | None] = frozenset()  # the columns those problems are in

    def get(self, column: str) -> str | None:
        return self.values.get(column) or None

    def id(self) -> str:
        return canonical(self.values.get("id", ""))


@dataclass
class Package:
    """A package that passed every check: its rows per imported file."""

    folder: Path
    tables: dict[str, list[Row]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    report: MappingReport = field(default_factory=lambda: MappingReport("3.0"))

    def rows(self, file: str) -> list[Row]:
        return self.tables.get(file, [])


def canonical(text: str) -> str:
    """A UUID as one spelling (lower case, with hyphens); other text as it is."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text


def _read_csv(
    path: Path, table: TableSchema, problems: list[HsdsProblem], report: MappingReport
) -> list[Row]:
    file = table.path
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(HsdsProblem(file, f"is not UTF-8 text (byte {exc.start + 1})"))
        return []
    except OSError as exc:
        problems.append(HsdsProblem(file, f"cannot be read ({exc.strerror})"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error as exc:
        problems.append(HsdsProblem(file, f"is not valid CSV: {exc}", len(records) + 1))
        return []
    if not records or not any(cell.strip() for cell in records[0]):
        problems.append(HsdsProblem(file, "is empty: the first row must name the columns"))
        return []
    header = [cell.strip() for cell in records[0]]
    before = len(problems)
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(HsdsProblem(file, "appears twice in the header", 1, column))
        seen.add(column)
    # Packages in circulation leave out a location's type: defaulted below, not refused.
    defaulted = {"location_type"} if file == LOCATIONS else set()
    for column in sorted(table.required - seen - defaulted):
        problems.append(HsdsProblem(file, "required column is missing", 1, column))
    if len(problems) > before:
        return []
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # a blank line
        if len(record) != len(header):
            problems.append(
                HsdsProblem(
                    file, f"has {len(record)} values, the header has {len(header)} columns", index
                )
            )
            continue
        # Spaces around a value are an artefact of the export, never data: a name of only
        # spaces is a missing name.
        # A cell our export kept from running as a formula ("'+32 16 …") reads as written.
        values = {
            column: unplain_cell(cell).strip() for column, cell in zip(header, record, strict=True)
        }
        for column in defaulted:
            if not values.get(column):
                values[column] = "physical"
                report.add(
                    file,
                    index,
                    column,
                    DEFAULTED,
                    value="physical",
                    reason="no location_type: taken as a physical place; not stored",
                )
        found = validate_row(table, values, index)
        problems.extend(found)
        for (limited_file, column), limit in LIMITS.items():
            if limited_file == file and len(values.get(column, "")) > limit:
                problems.append(
                    HsdsProblem(
                        file,
                        f"is longer than {limit} characters, more than the sociale kaart keeps",
                        index,
                        column,
                    )
                )
        rows.append(Row(index, values, not found, frozenset(p.column for p in found)))
    return rows


def read_package(folder: Path | str) -> Package:
    """Read and check a whole package; raises HsdsError listing every problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise HsdsError(str(folder), [HsdsProblem("the package", "is not a folder")])
    tables = table_schemas()
    problems: list[HsdsProblem] = []
    package = Package(folder)
    if not (folder / ORGANIZATIONS).is_file():
        problems.append(
            HsdsProblem(ORGANIZATIONS, "is missing: an HSDS package lists its organisations")
        )
    for path in sorted(folder.iterdir()):
        table = tables.get(path.name)
        if table is None:
            if path.name != DESCRIPTOR and not path.name.startswith("."):
                package.ignored.append(path.name)
            continue
        rows = _read_csv(path, table, problems, package.report)
        _check_unique_ids(table.path, rows, problems)
        if path.name in IMPORTED:
            package.tables[path.name] = rows
        else:
            package.not_imported.append(path.name)
    _check_references(package, problems)
    # Rows with problems of their own were kept so far so that their ids still resolve.
    package.tables = {
        file: [row for row in rows if row.valid] for file, rows in package.tables.items()
    }
    if problems:
        raise HsdsError(str(folder), problems)
    return package


def _check_unique_ids(file: str, rows: list[Row], problems: list[HsdsProblem]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        key = row.id()
        if not key:
            continue
        if key in first:
            problems.append(
                HsdsProblem(file, f"id {key} is already used in row {first[key]}", row.number, "id")
            )
        else:
            first[key] = row.number


def _check_references(package: Package, problems: list[HsdsProblem]) -> None:
    ids = {file: {row.id() for row in rows} for file, rows in package.tables.items()}
    for (file, column), target in REQUIRED_REFERENCES.items():
        for row in package.rows(file):
            if column in row.bad:
                continue  # already named
            value = row.get(column)
            if value is None:
                if file == ADDRESSES:
                    package.notes.append(
                        f"{file}, row {row.number}: no location_id; the address was left out"
                    )
                continue
            if canonical(value) not in ids.get(target, set()):
                problems.append(
                    HsdsProblem(file, f"{value} is not an id in {target}", row.number, column)
                )
    pairs: dict[tuple[str, str], int] = {}
    for row in package.rows(SERVICE_AT_LOCATION):
        if not row.valid:
            continue
        pair = (canonical(row.values["service_id"]), canonical(row.values["location_id"]))
        if pair in pairs:
            problems.append(
                HsdsProblem(
                    SERVICE_AT_LOCATION,
                    f"links the same service and location as row {pairs[pair]}",
                    row.number,
                )
            )
        pairs.setdefault(pair, row.number)
    for (file, column), target in OPTIONAL_REFERENCES.items():
        outcome = "imported without it" if file == LOCATIONS else "the phone was left out"
        for row in package.rows(file):
            if not row.valid:
                continue
            value = row.get(column)
            if value is not None and canonical(value) not in ids.get(target, set()):
                package.notes.append(
                    f"{file}, row {row.number}, column {column}: {value} is not an id in "
                    f"{target}; {outcome}"
                )


def check_package(folder: Path | str) -> list[HsdsProblem]:
    """Every problem of a package (empty when it could be imported)."""
    try:
        read_package(folder)
    except HsdsError as exc:
        return exc.problems
    return []
