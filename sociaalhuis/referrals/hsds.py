"""Open Referral HSDS 3.0 in tabular form: import a data package into the sociale kaart and
export the sociale kaart as one.

A package is a folder of CSV files, one per HSDS table (`organizations.csv`,
`services.csv`, …), each described by a JSON Schema in `resources/hsds-3.0/schema/`.

Import reads the whole package before it writes anything: every row of every HSDS table in
the folder is checked against its table's schema (CSV text mapped to the schema's types: an
empty cell is an absent value, numbers become numbers, and so on), ids must be unique, and
the references the import follows must resolve within the package. Any problem rejects the
package whole (`HsdsError`, each problem as `file, row N, column C: message`; row 1 is the
header, as a spreadsheet shows it), and then nothing is written. Otherwise everything is
written in one transaction.

What is imported, and how (see docs/sociale-kaart.md):

- organizations.csv → organisations (name, alternate_name, description, email, website);
- services.csv → services (name, description, email, url; status `active`, anything else
  `inactive`);
- locations.csv + addresses.csv → locations (name; the physical address, else the first);
- service_at_location.csv → the link between a service and a location;
- phones.csv → the organisation's phone (the first number given for it).

A record is matched on its HSDS id (`hsds_id`), then on our own id (a package exported
here), then, for organisations, on the name of one entered here, so a re-import updates
instead of duplicating. A new record takes the package's id as its own when that is free, so
ids survive a trip through another installation. Other tables are checked but not imported.

Export writes organizations.csv, services.csv, locations.csv, addresses.csv,
service_at_location.csv, phones.csv and a datapackage.json, columns in the order of the
schemas (the order of the specification's example files), with our UUIDs as ids; the
written package is read back and checked before the call returns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, require
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.directory import DIRECTORY_MANAGERS, DIRECTORY_READERS, name_key
from sociaalhuis.resources import resource_path
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Location, Organisation, Service, ServiceLocation

SCHEMA_FOLDER = resource_path("hsds-3.0", "schema")
HSDS_VERSION = "3.0"
ORGANIZATIONS = "organizations.csv"
SERVICES = "services.csv"
LOCATIONS = "locations.csv"
ADDRESSES = "addresses.csv"
SERVICE_AT_LOCATION = "service_at_location.csv"
PHONES = "phones.csv"
IMPORTED = (ORGANIZATIONS, SERVICES, LOCATIONS, ADDRESSES, SERVICE_AT_LOCATION, PHONES)
EXPORTED = (ORGANIZATIONS, SERVICES, LOCATIONS, ADDRESSES, SERVICE_AT_LOCATION, PHONES)
DESCRIPTOR = "datapackage.json"
# Ids of rows we derive (an address, a phone) from the record they belong to.
DERIVED_IDS = uuid.UUID("6f1c3f0e-5a43-4b5e-9f59-3c0d1e5a7b21")

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
# Foreign keys declared in the exported datapackage.json.
EXPORT_KEYS = {
    SERVICES: {"organization_id": ORGANIZATIONS},
    LOCATIONS: {"organization_id": ORGANIZATIONS},
    ADDRESSES: {"location_id": LOCATIONS},
    SERVICE_AT_LOCATION: {"service_id": SERVICES, "location_id": LOCATIONS},
    PHONES: {"organization_id": ORGANIZATIONS},
}
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


# -- problems and results --------------------------------------------------------------------


@dataclass(frozen=True)
class HsdsProblem:
    """One thing wrong with a package. `row` counts the header as row 1."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class HsdsError(SociaalHuisError):
    """The package cannot be imported; `problems` lists everything found. Nothing was
    written."""

    def __init__(self, folder: str, problems: list[HsdsProblem]) -> None:
        if len(problems) == 1:
            message = f"{folder}: not imported: {problems[0]}"
        else:
            message = (
                f"{folder}: not imported, the package has {len(problems)} problems; "
                f"the first: {problems[0]}"
            )
        super().__init__(message)
        self.folder = folder
        self.problems = problems


@dataclass(frozen=True)
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportSummary:
    """What an import did, per kind of record, and what it left out (`notes`)."""

    organisations: Counts
    services: Counts
    locations: Counts
    service_locations: Counts
    phones: int
    notes: tuple[str, ...] = ()
    not_imported: tuple[str, ...] = ()  # HSDS tables that were checked but not imported
    ignored: tuple[str, ...] = ()  # other files in the folder

    def describe(self) -> str:
        def part(label: str, counts: Counts) -> str:
            return (
                f"{label}: {counts.created} new, {counts.updated} updated, "
                f"{counts.unchanged} unchanged"
            )

        return "; ".join(
            [
                part("organisations", self.organisations),
                part("services", self.services),
                part("locations", self.locations),
                part("services at locations", self.service_locations),
            ]
        )


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    rows: Mapping[str, int]  # file name → data rows written
    notes: tuple[str, ...] = ()


# -- the table schemas -----------------------------------------------------------------------


@dataclass(frozen=True)
class TableSchema:
    """One HSDS table in tabular form: its CSV columns (the schema's scalar properties, in
    order), and the JSON Schema a row is checked against."""

    name: str
    path: str
    description: str
    columns: tuple[str, ...]
    required: frozenset[str]
    properties: Mapping[str, Mapping[str, Any]]
    validator: Draft202012Validator

    def typed(self, column: str) -> str:
        return str(self.properties.get(column, {}).get("type", "string"))


def _check_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(_SCHEME.match(parts.scheme)) and not any(ch.isspace() for ch in value)


def _check_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return "T" in value.upper() and parsed.tzinfo is not None


def format_checker() -> FormatChecker:
    """The jsonschema format checks, with `uri` (an absolute URI) and `date-time` (RFC 3339)
    checked without the optional packages jsonschema would use for them."""
    checker = FormatChecker()
    checker.checks("uri")(_check_uri)
    checker.checks("date-time")(_check_datetime)
    return checker


@cache
def table_schemas(folder: Path = SCHEMA_FOLDER) -> dict[str, TableSchema]:
    """The HSDS tables by file name (`organizations.csv` → its schema)."""
    checker = format_checker()
    tables: dict[str, TableSchema] = {}
    for path in sorted(folder.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "path" not in schema:
            continue
        properties = {
            name: _tabular(spec)
            for name, spec in schema["properties"].items()
            if spec.get("type") not in ("array", "object") and "$ref" not in spec
        }
        required = frozenset(schema.get("required", [])) | frozenset(
            schema.get("tabular_required", [])
        )
        row_schema = {
            "type": "object",
            "properties": properties,
            "required": sorted(required),
        }
        tables[schema["path"]] = TableSchema(
            name=schema["name"],
            path=schema["path"],
            description=schema.get("description", ""),
            columns=tuple(properties),
            required=required,
            properties=properties,
            validator=Draft202012Validator(row_schema, format_checker=checker),
        )
    return tables


def _tabular(spec: Mapping[str, Any]) -> dict[str, Any]:
    """A column's schema; a `datapackage_type` date or datetime is checked as that format."""
    out = dict(spec)
    extra = {"date": "date", "datetime": "date-time"}.get(spec.get("datapackage_type", ""))
    if extra and "format" not in out:
        out["format"] = extra
    return out


def row_value(table: TableSchema, column: str, text: str) -> Any:
    """A CSV cell as the schema's type: numbers and booleans converted when they read as
    such (else left as text, for the schema to name the problem)."""
    kind = table.typed(column)
    if kind == "integer" and _INTEGER.match(text):
        return int(text)
    if kind == "number":
        if _INTEGER.match(text):
            return int(text)
        if _NUMBER.match(text):
            return float(text)
    if kind == "boolean":
        if text in TRUE_VALUES:
            return True
        if text in FALSE_VALUES:
            return False
    return text


def row_instance(table: TableSchema, row: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row as the object its JSON Schema describes: empty cells are absent."""
    return {
        column: row_value(table, column, text)
        for column, text in row.items()
        if column in table.properties and text != ""
    }


def validate_row(table: TableSchema, row: Mapping[str, str], number: int) -> list[HsdsProblem]:
    """The problems of one CSV row (`number` as in the file, the header being row 1)."""
    problems = []
    for error in sorted(
        table.validator.iter_errors(row_instance(table, row)), key=lambda e: list(e.path)
    ):
        if error.validator == "required":
            found = re.match(r"^'(.+)' is a required property$", error.message)
            column = found.group(1) if found else None
            problems.append(HsdsProblem(table.path, "a value is required", number, column))
            continue
        column = str(error.path[0]) if error.path else None
        problems.append(HsdsProblem(table.path, error.message, number, column))
    return problems


# -- reading a package -----------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[str, str]
    valid: bool = True  # False: the row has problems of its own (its id still counts)
    bad: frozenset[str | None] = frozenset()  # the columns those problems are in

    def get(self, column: str) -> str | None:
        return self.values.get(column) or None

    def id(self) -> str:
        return _canonical(self.values.get("id", ""))


@dataclass
class Package:
    """A package that passed every check: its rows per imported file."""

    folder: Path
    tables: dict[str, list[_Row]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    not_imported: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def rows(self, file: str) -> list[_Row]:
        return self.tables.get(file, [])


def _canonical(text: str) -> str:
    """A UUID as one spelling (lower case, with hyphens); other text as it is."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return text


def _read_csv(path: Path, table: TableSchema, problems: list[HsdsProblem]) -> list[_Row]:
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
    for column in sorted(table.required - seen):
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
        values = {column: cell.strip() for column, cell in zip(header, record, strict=True)}
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
        rows.append(_Row(index, values, not found, frozenset(p.column for p in found)))
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
        rows = _read_csv(path, table, problems)
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


def _check_unique_ids(file: str, rows: list[_Row], problems: list[HsdsProblem]) -> None:
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
            if _canonical(value) not in ids.get(target, set()):
                problems.append(
                    HsdsProblem(file, f"{value} is not an id in {target}", row.number, column)
                )
    pairs: dict[tuple[str, str], int] = {}
    for row in package.rows(SERVICE_AT_LOCATION):
        if not row.valid:
            continue
        pair = (_canonical(row.values["service_id"]), _canonical(row.values["location_id"]))
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
            if value is not None and _canonical(value) not in ids.get(target, set()):
                package.notes.append(
                    f"{file}, row {row.number}, column {column}: {value} is not an id in "
                    f"{target}; {outcome}"
                )


# -- import ----------------------------------------------------------------------------------


class _Matcher:
    """Finds the record a package row stands for: by HSDS id, by our own id, or (for
    organisations entered here) by name; each record at most once."""

    def __init__(self, session: Session, model: type, by_name: bool = False) -> None:
        self.model = model
        records = list(session.scalars(select(model)))
        self.by_hsds = {r.hsds_id: r for r in records if r.hsds_id}
        self.by_id = {str(r.id): r for r in records}
        self.by_name: dict[str, Any] = {}
        if by_name:
            for record in records:
                if record.hsds_id is None:
                    self.by_name.setdefault(name_key(record.name), record)
        self.taken: set[str] = set()

    def find(self, package_id: str, name: str | None = None) -> Any | None:
        record = self.by_hsds.get(package_id) or self.by_id.get(package_id)
        if record is None and name is not None:
            record = self.by_name.get(name_key(name))
            if record is not None and str(record.id) not in self.taken:
                record.hsds_id = package_id  # from now on it is found by its HSDS id
        if record is None or str(record.id) in self.taken:
            return None
        self.taken.add(str(record.id))
        return record

    def new(self, package_id: str, **values: Any) -> Any:
        """A new record with the package id as its own id when no record has it."""
        record_id = uuid.UUID(package_id) if package_id not in self.by_id else uuid.uuid4()
        record = self.model(id=record_id, hsds_id=package_id, **values)
        self.by_id[str(record_id)] = record
        self.taken.add(str(record_id))
        return record


def _assign(record: Any, values: Mapping[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


class _Tally:
    def __init__(self) -> None:
        self.created = self.updated = self.unchanged = 0

    def add(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def counts(self) -> Counts:
        return Counts(self.created, self.updated, self.unchanged)


def _upsert(
    session: Session,
    matcher: _Matcher,
    tally: _Tally,
    row: _Row,
    values: dict[str, Any],
    name: str | None = None,
) -> Any:
    record = matcher.find(row.id(), name)
    if record is None:
        record = matcher.new(row.id(), **values)
        session.add(record)
        tally.add(created=True, changed=True)
    else:
        tally.add(created=False, changed=_assign(record, values))
    return record


def _status(text: str) -> str:
    return "active" if text == "active" else "inactive"


def _phone(text: str) -> str:
    """A phone number without the quotes some exports wrap around it."""
    return text.strip().strip("\"'").strip()


def _addresses(package: Package) -> dict[str, _Row]:
    """Per location id, its physical address, else its first."""
    chosen: dict[str, _Row] = {}
    for row in package.rows(ADDRESSES):
        location_id = row.get("location_id")
        if location_id is None:
            continue
        key = _canonical(location_id)
        current = chosen.get(key)
        physical = row.values.get("address_type") == "physical"
        if current is None or (physical and current.values.get("address_type") != "physical"):
            chosen[key] = row
    return chosen


def import_package(db: Database, actor: Actor, folder: Path | str) -> ImportSummary:
    """Import an HSDS package in one transaction; raises HsdsError (and writes nothing) when
    any row of it is wrong."""
    require(actor, DIRECTORY_MANAGERS, "import a sociale kaart")
    package = read_package(folder)
    addresses = _addresses(package)
    phones: dict[str, str] = {}
    organisation_ids = {row.id() for row in package.rows(ORGANIZATIONS)}
    for row in package.rows(PHONES):
        owner = row.get("organization_id")
        if owner is not None and _canonical(owner) in organisation_ids:
            phones.setdefault(_canonical(owner), _phone(row.values["number"]))
    tallies = {name: _Tally() for name in ("organisations", "services", "locations", "links")}
    try:
        return _write(db, actor, package, addresses, phones, tallies, Path(folder).name)
    except IntegrityError as exc:
        problem = HsdsProblem("(the sociale kaart)", f"conflicts with what is stored: {exc.orig}")
        raise HsdsError(str(folder), [problem]) from None


def _write(
    db: Database,
    actor: Actor,
    package: Package,
    addresses: dict[str, _Row],
    phones: dict[str, str],
    tallies: dict[str, _Tally],
    folder_name: str,
) -> ImportSummary:
    with db.write() as session:
        organisations: dict[str, Organisation] = {}
        matcher = _Matcher(session, Organisation, by_name=True)
        for row in package.rows(ORGANIZATIONS):
            values: dict[str, Any] = {
                "name": row.values["name"],
                "alternate_name": row.get("alternate_name"),
                "description": row.values["description"],
                "email": row.get("email"),
                "website": row.get("website"),
            }
            if row.id() in phones:
                values["phone"] = phones[row.id()]
            record = _upsert(
                session, matcher, tallies["organisations"], row, values, row.values["name"]
            )
            organisations[row.id()] = record
        session.flush()

        services: dict[str, Service] = {}
        matcher = _Matcher(session, Service)
        for row in package.rows(SERVICES):
            owner = organisations[_canonical(row.values["organization_id"])]
            values = {
                "organisation_id": owner.id,
                "name": row.values["name"],
                "description": row.get("description") or "",
                "email": row.get("email"),
                "url": row.get("url"),
                "status": _status(row.values["status"]),
            }
            services[row.id()] = _upsert(session, matcher, tallies["services"], row, values)

        locations: dict[str, Location] = {}
        matcher = _Matcher(session, Location)
        for row in package.rows(LOCATIONS):
            owner_id = row.get("organization_id")
            owner = organisations.get(_canonical(owner_id)) if owner_id else None
            values = {
                "organisation_id": owner.id if owner else None,
                "name": row.get("name") or row.get("alternate_name") or "",
            }
            address = addresses.get(row.id())
            if address is not None:
                values.update(
                    address_1=address.values["address_1"],
                    postal_code=address.values["postal_code"],
                    city=address.values["city"],
                    state_province=address.values["state_province"],
                    country=address.values["country"].upper(),
                )
            locations[row.id()] = _upsert(session, matcher, tallies["locations"], row, values)
        session.flush()

        matcher = _Matcher(session, ServiceLocation)
        existing_pairs = {
            (link.service_id, link.location_id): link
            for link in session.scalars(select(ServiceLocation))
        }
        for row in package.rows(SERVICE_AT_LOCATION):
            service = services[_canonical(row.values["service_id"])]
            location = locations[_canonical(row.values["location_id"])]
            values = {
                "service_id": service.id,
                "location_id": location.id,
                "description": row.get("description") or "",
            }
            link = matcher.find(row.id())
            if link is None:
                link = existing_pairs.get((service.id, location.id))
                if link is not None and str(link.id) not in matcher.taken:
                    matcher.taken.add(str(link.id))
                    values["hsds_id"] = link.hsds_id or row.id()
                else:
                    link = None
            if link is None:
                session.add(matcher.new(row.id(), **values))
                tallies["links"].add(created=True, changed=True)
            else:
                tallies["links"].add(created=False, changed=_assign(link, values))

        summary = ImportSummary(
            organisations=tallies["organisations"].counts(),
            services=tallies["services"].counts(),
            locations=tallies["locations"].counts(),
            service_locations=tallies["links"].counts(),
            phones=len(phones),
            notes=tuple(package.notes),
            not_imported=tuple(package.not_imported),
            ignored=tuple(package.ignored),
        )
        audit.record(
            session,
            actor,
            "directory.imported",
            "hsds_package",
            None,
            folder=folder_name,
            organisations=asdict(summary.organisations),
            services=asdict(summary.services),
            locations=asdict(summary.locations),
            service_locations=asdict(summary.service_locations),
        )
    return summary


# -- export ----------------------------------------------------------------------------------


PROVINCES = (
    (1000, 1299, "Brussels Hoofdstedelijk Gewest"),
    (1300, 1499, "Waals-Brabant"),
    (1500, 1999, "Vlaams-Brabant"),
    (2000, 2999, "Antwerpen"),
    (3000, 3499, "Vlaams-Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Luik"),
    (5000, 5999, "Namen"),
    (6000, 6599, "Henegouwen"),
    (6600, 6999, "Luxemburg"),
    (7000, 7999, "Henegouwen"),
    (8000, 8999, "West-Vlaanderen"),
    (9000, 9999, "Oost-Vlaanderen"),
)


def province(postal_code: str | None) -> str | None:
    """The Belgian province (or Brussels) of a four-digit postcode."""
    if postal_code is None or not re.fullmatch(r"\d{4}", postal_code.strip()):
        return None
    code = int(postal_code)
    return next((name for low, high, name in PROVINCES if low <= code <= high), None)


def _derived_id(kind: str, owner: uuid.UUID) -> str:
    return str(uuid.uuid5(DERIVED_IDS, f"{kind}:{owner}"))


def _rows_for_export(session: Session, notes: list[str]) -> dict[str, list[dict[str, str | None]]]:
    organisations = list(
        session.scalars(select(Organisation).options(selectinload(Organisation.services)))
    )
    organisations.sort(key=lambda o: (name_key(o.name), str(o.id)))
    services = sorted(
        (s for o in organisations for s in o.services), key=lambda s: (name_key(s.name), str(s.id))
    )
    locations = sorted(
        session.scalars(select(Location)), key=lambda loc: (name_key(loc.name), str(loc.id))
    )
    links = sorted(
        session.scalars(select(ServiceLocation)),
        key=lambda link: (str(link.service_id), str(link.location_id)),
    )
    out: dict[str, list[dict[str, str | None]]] = {file: [] for file in EXPORTED}
    for organisation in organisations:
        out[ORGANIZATIONS].append(
            {
                "id": str(organisation.id),
                "name": organisation.name,
                "alternate_name": organisation.alternate_name,
                # HSDS requires a description; an organisation entered without one gives
                # its name.
                "description": organisation.description or organisation.name,
                "email": organisation.email,
                "website": organisation.website,
            }
        )
        if organisation.phone:
            out[PHONES].append(
                {
                    "id": _derived_id("phone", organisation.id),
                    "organization_id": str(organisation.id),
                    "number": organisation.phone,
                }
            )
    for service in services:
        out[SERVICES].append(
            {
                "id": str(service.id),
                "organization_id": str(service.organisation_id),
                "name": service.name,
                "description": service.description,
                "url": service.url,
                "email": service.email,
                "status": service.status,
            }
        )
    for location in locations:
        out[LOCATIONS].append(
            {
                "id": str(location.id),
                "location_type": "physical",
                "organization_id": str(location.organisation_id)
                if location.organisation_id
                else None,
                "name": location.name,
            }
        )
        if not (location.address_1 and location.city and location.postal_code):
            continue
        country = location.country or "BE"
        state = location.state_province or (
            province(location.postal_code) if country == "BE" else None
        )
        if state is None:
            notes.append(f"location {location.name!r}: no province or state known; no address")
            continue
        out[ADDRESSES].append(
            {
                "id": _derived_id("address", location.id),
                "location_id": str(location.id),
                "address_1": location.address_1,
                "city": location.city,
                "state_province": state,
                "postal_code": location.postal_code,
                "country": country,
                "address_type": "physical",
            }
        )
    for link in links:
        out[SERVICE_AT_LOCATION].append(
            {
                "id": str(link.id),
                "service_id": str(link.service_id),
                "location_id": str(link.location_id),
                "description": link.description,
            }
        )
    return out


def _write_csv(path: Path, columns: Iterable[str], rows: list[dict[str, str | None]]) -> None:
    columns = list(columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column) or "" for column in columns])


def _descriptor(files: Iterable[str]) -> dict[str, Any]:
    """datapackage.json: a tabular data package whose resources carry Table Schemas made from
    the HSDS JSON Schemas."""
    tables = table_schemas()
    resources = []
    for file in files:
        table = tables[file]
        fields = []
        for column in table.columns:
            spec = table.properties[column]
            kind = {"number": "number", "integer": "integer", "boolean": "boolean"}.get(
                spec.get("type", "string"), "string"
            )
            kind = {"date": "date", "datetime": "datetime", "time": "time"}.get(
                spec.get("datapackage_type", ""), kind
            )
            entry: dict[str, Any] = {"name": column, "type": kind}
            if kind == "string" and spec.get("format") in ("uuid", "email", "uri"):
                entry["format"] = spec["format"]
            if "title" in spec:
                entry["title"] = spec["title"]
            if "description" in spec:
                entry["description"] = spec["description"]
            constraints: dict[str, Any] = {"required": column in table.required}
            if column == "id":
                constraints["unique"] = True
            if "enum" in spec:
                constraints["enum"] = list(spec["enum"])
            entry["constraints"] = constraints
            fields.append(entry)
        schema: dict[str, Any] = {"fields": fields, "primaryKey": "id"}
        keys = EXPORT_KEYS.get(file, {})
        if keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": tables[target].name, "fields": "id"}}
                for column, target in keys.items()
            ]
        resources.append(
            {
                "name": table.name,
                "path": file,
                "description": table.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "sociale-kaart",
        "title": "Sociale kaart (Open Referral HSDS 3.0)",
        "profile": "tabular-data-package",
        "version": HSDS_VERSION,
        "resources": resources,
    }


def export_package(db: Database, actor: Actor, folder: Path | str) -> ExportSummary:
    """Write the sociale kaart as an HSDS package into `folder`, which must be new or empty.

    The files are written beside it first and moved in place only after the package has
    been read back and checked, so a failed export leaves no half package behind."""
    require(actor, DIRECTORY_READERS, "export the sociale kaart")
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SociaalHuisError(f"{target}: choose a new or empty folder for the export")
    notes: list[str] = []
    with db.read() as session:
        rows = _rows_for_export(session, notes)
    tables = table_schemas()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        for file in EXPORTED:
            _write_csv(staging / file, tables[file].columns, rows[file])
        (staging / DESCRIPTOR).write_text(
            json.dumps(_descriptor(EXPORTED), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        read_package(staging)  # never hand out a package we would refuse ourselves
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportSummary(target, {file: len(rows[file]) for file in EXPORTED}, tuple(notes))


def check_package(folder: Path | str) -> list[HsdsProblem]:
    """Every problem of a package (empty when it could be imported)."""
    try:
        read_package(folder)
    except HsdsError as exc:
        return exc.problems
    return []
