"""Importing an HSDS package into the sociale kaart (see docs/sociale-kaart.md).

The version is told first (`hsds_legacy_tables.detect_version`): a 1.x or 2.0 package is
read by `hsds_legacy` into the rows below, a 3.0 package by `hsds_package`; either way the
whole package is read and checked, and every decision is in the import's `MappingReport`,
before anything is written; then everything is written in one transaction:

- organizations.csv → organisations (name, alternate_name, description, email, website);
- services.csv → services (name, description, email, url; status `active`, anything else
  `inactive`);
- locations.csv + addresses.csv → locations (name; the physical address, else the first);
- service_at_location.csv → the link between a service and a location;
- phones.csv → the organisation's phone (the first number given for it); other numbers and
  contacts to the Contact paragraph of a description (`hsds_contacts`).

A record is matched on its HSDS id (`hsds_id`), then on our own id (a package exported
here), then, for organisations, on the name of one entered here, so a re-import updates
instead of duplicating. A new record takes the package's id as its own when that is free, so
ids survive a trip through another installation. Other tables are checked but not imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import IMPORT_DIRECTORY
from sociaalhuis.referrals.directory import name_key
from sociaalhuis.referrals.hsds_legacy import read_legacy
from sociaalhuis.referrals.hsds_legacy_tables import detect_version
from sociaalhuis.referrals.hsds_modern_report import report_modern
from sociaalhuis.referrals.hsds_package import Package, Row, canonical, read_package
from sociaalhuis.referrals.hsds_report import DEFAULTED, MappingReport
from sociaalhuis.referrals.hsds_tables import (
    ADDRESSES,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SERVICE_AT_LOCATION,
    SERVICES,
    WITHOUT_STREET,
    HsdsError,
    HsdsProblem,
    derived_id,
)
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Location, Organisation, Service, ServiceLocation

LEGACY_IDS = uuid.UUID("0b8e5b0e-7d5c-4f1e-8a51-6f6d2b1c9a40")


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
    version: str = "3.0"  # the HSDS version the package was read as
    report: MappingReport = field(default_factory=MappingReport)

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
        """A new record with the package id as its own id when no record has it; an id that
        is no UUID (1.x packages number their rows) gives one derived from it."""
        try:
            record_id = uuid.UUID(package_id)
        except ValueError:
            record_id = uuid.uuid5(LEGACY_IDS, f"{self.model.__tablename__}:{package_id}")
        if str(record_id) in self.by_id:
            record_id = uuid.uuid4()
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
    row: Row,
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


def _addresses(package: Package) -> dict[str, Row]:
    """Per location id, its physical address, else its first."""
    chosen: dict[str, Row] = {}
    for row in package.rows(ADDRESSES):
        location_id = row.get("location_id")
        if location_id is None:
            continue
        key = canonical(location_id)
        current = chosen.get(key)
        physical = row.values.get("address_type") == "physical"
        if current is None or (physical and current.values.get("address_type") != "physical"):
            chosen[key] = row
    return chosen


def import_package(db: Database, actor: Actor, folder: Path | str) -> ImportSummary:
    """Import an HSDS package in one transaction; raises HsdsError (and writes nothing) when
    any row of it is wrong."""
    authorize(db, actor, IMPORT_DIRECTORY)
    folder = Path(folder)
    version = detect_version(folder)
    if version.legacy:
        package = read_legacy(folder, version)
    else:
        package = read_package(folder)
        report_modern(package)
    addresses = _addresses(package)
    phones: dict[str, str] = {}
    organisation_ids = {row.id() for row in package.rows(ORGANIZATIONS)}
    for row in package.rows(PHONES):
        owner = row.get("organization_id")
        if owner is not None and canonical(owner) in organisation_ids:
            phones.setdefault(canonical(owner), _phone(row.values["number"]))
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
    addresses: dict[str, Row],
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
            owner = organisations[canonical(row.values["organization_id"])]
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
            owner = organisations.get(canonical(owner_id)) if owner_id else None
            values = {
                "organisation_id": owner.id if owner else None,
                "name": row.get("name") or row.get("alternate_name") or "",
            }
            address = addresses.get(row.id())
            if address is not None:
                street = address.get("address_1")
                if address.id() == derived_id(WITHOUT_STREET, row.id()):
                    street = None  # our export's stand-in for a missing street
                    package.report.add(
                        ADDRESSES,
                        address.number,
                        "address_1",
                        DEFAULTED,
                        "locations.address_1",
                        "",
                        "the location's name stood in for a missing street",
                    )
                values.update(
                    address_1=street,
                    postal_code=address.get("postal_code"),
                    city=address.get("city"),
                    state_province=address.get("state_province"),
                    country=(address.get("country") or "").upper() or None,
                )
            locations[row.id()] = _upsert(session, matcher, tallies["locations"], row, values)
        session.flush()

        matcher = _Matcher(session, ServiceLocation)
        existing_pairs = {
            (link.service_id, link.location_id): link
            for link in session.scalars(select(ServiceLocation))
        }
        for row in package.rows(SERVICE_AT_LOCATION):
            service = services[canonical(row.values["service_id"])]
            location = locations[canonical(row.values["location_id"])]
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
            version=package.report.version,
            report=package.report,
        )
        audit.record(
            session,
            actor,
            "directory.imported",
            "hsds_package",
            None,
            folder=folder_name,
            hsds_version=package.report.version,
            report=package.report.counts(),
            organisations=asdict(summary.organisations),
            services=asdict(summary.services),
            locations=asdict(summary.locations),
            service_locations=asdict(summary.service_locations),
        )
    return summary
