"""Exporting the sociale kaart as an HSDS package.

Export writes organizations.csv, services.csv, locations.csv, addresses.csv,
service_at_location.csv, phones.csv and a datapackage.json, columns in the order of the
schemas (the order of the specification's example files), with our UUIDs as ids; the
written package is read back and checked before the call returns.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import EXPORT_DIRECTORY
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.directory import name_key
from sociaalhuis.referrals.hsds_package import read_package
from sociaalhuis.referrals.hsds_tables import (
    ADDRESSES,
    DESCRIPTOR,
    EXPORT_KEYS,
    EXPORTED,
    HSDS_VERSION,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SERVICE_AT_LOCATION,
    SERVICES,
    WITHOUT_STREET,
    derived_id,
    table_schemas,
)
from sociaalhuis.spreadsheet import plain_cell
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Location, Organisation, ServiceLocation


@dataclass(frozen=True)
class ExportSummary:
    folder: Path
    rows: Mapping[str, int]  # file name → data rows written
    notes: tuple[str, ...] = ()


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
                    "id": derived_id("phone", organisation.id),
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
        if not (location.city and location.postal_code):
            if location.address_1 or location.city or location.postal_code:
                notes.append(f"location {location.name!r}: no postcode or city; no address")
            continue
        country = location.country or "BE"
        state = location.state_province or (
            province(location.postal_code) if country == "BE" else None
        )
        if state is None:
            notes.append(f"location {location.name!r}: no province or state known; no address")
            continue
        # HSDS requires a first address line: without a street, the location's name (an
        # office or building, which address_1 may hold) stands in, marked by its id.
        street = location.address_1 or location.name or location.city
        kind = "address" if location.address_1 else WITHOUT_STREET
        out[ADDRESSES].append(
            {
                "id": derived_id(kind, location.id),
                "location_id": str(location.id),
                "address_1": street,
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
            writer.writerow([plain_cell(row.get(column) or "") for column in columns])


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
    authorize(db, actor, EXPORT_DIRECTORY)
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
