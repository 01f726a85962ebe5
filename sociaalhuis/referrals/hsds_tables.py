"""Open Referral HSDS 3.0 in tabular form: the files of a package, the JSON Schema each
table's rows are checked against, and the problems a package can have.

A package is a folder of CSV files, one per HSDS table (`organizations.csv`,
`services.csv`, …), each described by a JSON Schema in `resources/hsds-3.0/schema/`. A CSV
row is checked as the object its schema describes: an empty cell is an absent value, numbers
become numbers, and so on.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.resources import resource_path

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
# Foreign keys declared in the exported datapackage.json.
EXPORT_KEYS = {
    SERVICES: {"organization_id": ORGANIZATIONS},
    LOCATIONS: {"organization_id": ORGANIZATIONS},
    ADDRESSES: {"location_id": LOCATIONS},
    SERVICE_AT_LOCATION: {"service_id": SERVICES, "location_id": LOCATIONS},
    PHONES: {"organization_id": ORGANIZATIONS},
}
# Ids of rows we derive (an address, a phone) from the record they belong to.
DERIVED_IDS = uuid.UUID("6f1c3f0e-5a43-4b5e-9f59-3c0d1e5a7b21")
# The derived-id kind of an exported address whose location has no street: its address_1
# (required by HSDS) holds the location's name, which the import leaves out again.
WITHOUT_STREET = "address-without-street"


def derived_id(kind: str, owner: object) -> str:
    """The id of a row derived from the record `owner` (our id, or a package's id)."""
    return str(uuid.uuid5(DERIVED_IDS, f"{kind}:{owner}"))


TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*$")


# -- problems --------------------------------------------------------------------------------


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
