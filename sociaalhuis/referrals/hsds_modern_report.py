"""The mapping report of an HSDS 3.0 package: per file, row and column what the import maps,
and what it leaves out and why (see docs/sociale-kaart.md)."""

from __future__ import annotations

from sociaalhuis.referrals.hsds_contacts import fold_contacts
from sociaalhuis.referrals.hsds_package import Package, Row, canonical
from sociaalhuis.referrals.hsds_report import DEFAULTED, DROPPED, MAPPED, MappingReport
from sociaalhuis.referrals.hsds_tables import (
    ADDRESSES,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SERVICE_AT_LOCATION,
    SERVICES,
)

TARGETS = {
    ORGANIZATIONS: {
        "id": "organisations.hsds_id",
        "name": "organisations.name",
        "alternate_name": "organisations.alternate_name",
        "description": "organisations.description",
        "email": "organisations.email",
        "website": "organisations.website",
    },
    SERVICES: {
        "id": "services.hsds_id",
        "organization_id": "services.organisation_id",
        "name": "services.name",
        "description": "services.description",
        "email": "services.email",
        "url": "services.url",
    },
    LOCATIONS: {
        "id": "locations.hsds_id",
        "organization_id": "locations.organisation_id",
        "name": "locations.name",
    },
    ADDRESSES: {
        "location_id": "locations (its address)",
        "address_1": "locations.address_1",
        "postal_code": "locations.postal_code",
        "city": "locations.city",
        "state_province": "locations.state_province",
        "country": "locations.country",
    },
    SERVICE_AT_LOCATION: {
        "id": "service_locations.hsds_id",
        "service_id": "service_locations.service_id",
        "location_id": "service_locations.location_id",
        "description": "service_locations.description",
    },
}
REASONS = {
    (LOCATIONS, "location_type"): "the sociale kaart keeps no location type; the export "
    "writes physical",
    (ADDRESSES, "id"): "the address is kept on its location",
    (ADDRESSES, "address_2"): "the sociale kaart keeps one address line (address_1)",
    (ADDRESSES, "address_type"): "the sociale kaart keeps no address type",
}


def _columns(report: MappingReport, file: str, row: Row, handled: set[str]) -> None:
    for column, value in row.values.items():
        if not value or column in handled:
            continue
        target = TARGETS.get(file, {}).get(column)
        if target:
            report.add(file, row.number, column, MAPPED, target)
        else:
            reason = REASONS.get((file, column), "not a column the sociale kaart keeps")
            report.add(file, row.number, column, DROPPED, reason=reason)


def report_modern(package: Package) -> None:
    """Add the report lines of a 3.0 package the import is about to write."""
    report = package.report
    organisations = {row.id() for row in package.rows(ORGANIZATIONS)}
    for file in (ORGANIZATIONS, SERVICES, SERVICE_AT_LOCATION):
        for row in package.rows(file):
            handled = set()
            if file == SERVICES:
                handled.add("status")
                if row.values["status"] == "active":
                    report.add(file, row.number, "status", MAPPED, "services.status")
                else:
                    report.add(
                        file,
                        row.number,
                        "status",
                        DEFAULTED,
                        "services.status",
                        "inactive",
                        "the sociale kaart knows active and inactive",
                    )
            _columns(report, file, row, handled)
    for row in package.rows(LOCATIONS):
        handled = set()
        owner = row.get("organization_id")
        if owner is not None and canonical(owner) not in organisations:
            handled.add("organization_id")
            report.add(
                LOCATIONS,
                row.number,
                "organization_id",
                DROPPED,
                reason="not an id in organizations.csv; imported without it",
            )
        if row.get("name") is None and row.get("alternate_name"):
            handled.add("alternate_name")
            report.add(
                LOCATIONS,
                row.number,
                "alternate_name",
                MAPPED,
                "locations.name",
                reason="the location has no name",
            )
        if any(line.column == "location_type" for line in report.find(LOCATIONS, row.number)):
            handled.add("location_type")
        _columns(report, LOCATIONS, row, handled)
    chosen: dict[str, Row] = {}
    for row in package.rows(ADDRESSES):
        key = canonical(row.values.get("location_id", ""))
        current = chosen.get(key)
        physical = row.values.get("address_type") == "physical"
        if current is None or (physical and current.values.get("address_type") != "physical"):
            chosen[key] = row
    kept = {id(row) for row in chosen.values()}
    for row in package.rows(ADDRESSES):
        if id(row) in kept:
            _columns(report, ADDRESSES, row, set())
        else:
            reason = "a location keeps one address (its physical one, else its first)"
            if not row.get("location_id"):
                reason = "no location_id"
            report.add(ADDRESSES, row.number, None, DROPPED, reason=reason)
    chosen: dict[str, Row] = {}
    for row in package.rows(PHONES):
        owner = canonical(row.values.get("organization_id", ""))
        if owner in organisations:
            chosen.setdefault(owner, row)
    # The other numbers go to the Contact paragraph, as those of 1.x and 2.0 do.
    tables = {"phones.csv": package.rows(PHONES)}
    tables["services_at_location.csv"] = package.rows(SERVICE_AT_LOCATION)
    fold_contacts(tables, package, chosen)
    for file in package.not_imported:
        report.add(file, None, None, DROPPED, reason="a table the sociale kaart does not keep")
    for file in package.ignored:
        report.add(file, None, None, DROPPED, reason="not an HSDS 3.0 table")
