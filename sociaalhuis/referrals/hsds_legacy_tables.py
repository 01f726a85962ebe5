"""HSDS 1.x and 2.0 in tabular form: which version a package is, its files and columns, and
where each column goes in the sociale kaart (see docs/sociale-kaart.md).

The field lists are those of the specification's `datapackage.json` at tags 1.0, 1.1.1,
2.0.0 and 2.0.1 (github.com/openreferral/specification). 1.x and 2.0 differ from 3.0 in the
file names (`physical_addresses.csv` and `postal_addresses.csv` instead of `addresses.csv`,
`services_at_location.csv` instead of `service_at_location.csv`), `organizations.url`
(3.0: `website`), and locations without `location_type`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ORGANIZATIONS = "organizations.csv"
SERVICES = "services.csv"
LOCATIONS = "locations.csv"
PHYSICAL = "physical_addresses.csv"
POSTAL = "postal_addresses.csv"
LINKS = "services_at_location.csv"
PHONES = "phones.csv"
CONTACTS = "contacts.csv"
KEPT = (ORGANIZATIONS, SERVICES, LOCATIONS, PHYSICAL, POSTAL, LINKS, PHONES, CONTACTS)
# Only the 3.0 layout has these files; only 1.x and 2.0 have the legacy ones.
MODERN_ONLY = ("addresses.csv", "service_at_location.csv", "urls.csv", "attributes.csv")
LEGACY_ONLY = (PHYSICAL, POSTAL, LINKS)
ONE_X_ONLY = (
    "regular_schedules.csv",
    "holiday_schedules.csv",
    "taxonomy.csv",
    "services_taxonomy.csv",
    "fees.csv",
    "interpretation_services.csv",
)
TWO_ONLY = ("schedules.csv", "service_attributes.csv", "other_attributes.csv")

# The legacy tables the sociale kaart does not keep, with the reason given in the report.
NOT_KEPT = {
    "programs.csv": "the sociale kaart keeps no programmes",
    "service_attributes.csv": "taxonomy terms are not kept",
    "other_attributes.csv": "taxonomy terms are not kept",
    "services_taxonomy.csv": "taxonomy terms are not kept",
    "taxonomy.csv": "taxonomy terms are not kept",
    "taxonomy_terms.csv": "taxonomy terms are not kept",
    "regular_schedules.csv": "opening hours are free text on the organisation, entered by hand",
    "holiday_schedules.csv": "opening hours are free text on the organisation, entered by hand",
    "schedules.csv": "opening hours are free text on the organisation, entered by hand",
    "funding.csv": "the sociale kaart keeps no funding",
    "eligibility.csv": "eligibility is decided by the catalog's rules, not the directory",
    "service_areas.csv": "the sociale kaart keeps no service areas",
    "required_documents.csv": "required documents come from the catalog's rights",
    "fees.csv": "the sociale kaart keeps no fees",
    "payments_accepted.csv": "the sociale kaart keeps no payment methods",
    "interpretation_services.csv": "the sociale kaart keeps no languages",
    "languages.csv": "the sociale kaart keeps no languages",
    "accessibility_for_disabilities.csv": "the sociale kaart keeps no accessibility data",
    "metadata.csv": "change history of the source is not kept",
    "meta_table_descriptions.csv": "package metadata is not kept",
}

# Per kept file: column → where it goes (`table.column`), or None when it is dropped, with
# the reason in DROPPED_COLUMNS. A column in neither is reported as not in the specification.
TARGETS: dict[str, dict[str, str | None]] = {
    ORGANIZATIONS: {
        "id": "organisations.hsds_id",
        "name": "organisations.name",
        "alternate_name": "organisations.alternate_name",
        "description": "organisations.description",
        "email": "organisations.email",
        "url": "organisations.website",
        "website": "organisations.website",
    },
    SERVICES: {
        "id": "services.hsds_id",
        "organization_id": "services.organisation_id",
        "name": "services.name",
        "description": "services.description",
        "email": "services.email",
        "url": "services.url",
        "status": "services.status",
        "location_id": "service_locations",
    },
    LOCATIONS: {
        "id": "locations.hsds_id",
        "organization_id": "locations.organisation_id",
        "name": "locations.name",
    },
    PHYSICAL: {
        "location_id": "locations (its address)",
        "address_1": "locations.address_1",
        "city": "locations.city",
        "state_province": "locations.state_province",
        "postal_code": "locations.postal_code",
        "country": "locations.country",
    },
    LINKS: {
        "id": "service_locations.hsds_id",
        "service_id": "service_locations.service_id",
        "location_id": "service_locations.location_id",
        "description": "service_locations.description",
    },
}
TARGETS[POSTAL] = TARGETS[PHYSICAL]
DROPPED_COLUMNS: dict[str, dict[str, str]] = {
    ORGANIZATIONS: {
        "tax_status": "the sociale kaart keeps no tax or legal data",
        "tax_id": "the sociale kaart keeps no tax or legal data",
        "year_incorporated": "the sociale kaart keeps no tax or legal data",
        "legal_status": "the sociale kaart keeps no tax or legal data",
    },
    SERVICES: {
        "alternate_name": "services keep one name",
        "program_id": "the sociale kaart keeps no programmes",
        "interpretation_services": "the sociale kaart keeps no languages",
        "application_process": "not kept: the referral letter says how to apply",
        "wait_time": "the sociale kaart keeps no waiting times",
        "fees": "the sociale kaart keeps no fees",
        "accreditations": "the sociale kaart keeps no accreditations",
        "licenses": "the sociale kaart keeps no licences",
        "taxonomy_ids": "taxonomy terms are not kept",
    },
    LOCATIONS: {
        "alternate_name": "locations keep one name (used only when the name is empty)",
        "description": "locations keep no description",
        "transportation": "locations keep no transport directions",
        "latitude": "locations keep no coordinates",
        "longitude": "locations keep no coordinates",
        "location_type": "the sociale kaart keeps no location type; the 3.0 export writes physical",
        "url": "locations keep no web address",
    },
    PHYSICAL: {
        "id": "the address is kept on its location",
        "attention": "addresses keep no attention line",
        "address_2": "the sociale kaart keeps one address line (address_1)",
        "address_3": "the sociale kaart keeps one address line (address_1)",
        "address_4": "the sociale kaart keeps one address line (address_1)",
        "region": "addresses keep no region",
    },
    LINKS: {
        "url": "a service at a location keeps no web address of its own",
        "email": "a service at a location keeps no e-mail of its own",
    },
}
DROPPED_COLUMNS[POSTAL] = DROPPED_COLUMNS[PHYSICAL]
# The columns that must be in a kept file's header.
REQUIRED_COLUMNS = {
    ORGANIZATIONS: ("id", "name"),
    SERVICES: ("id", "organization_id", "name"),
    LOCATIONS: ("id",),
    PHYSICAL: ("id", "location_id"),
    POSTAL: ("id", "location_id"),
    LINKS: ("id", "service_id", "location_id"),
    PHONES: ("id", "number"),
    CONTACTS: ("id",),
}
# References that must lead to a row of the package: file, column → target file.
REFERENCES = {
    (SERVICES, "organization_id"): ORGANIZATIONS,
    (SERVICES, "location_id"): LOCATIONS,
    (LOCATIONS, "organization_id"): ORGANIZATIONS,
    (PHYSICAL, "location_id"): LOCATIONS,
    (POSTAL, "location_id"): LOCATIONS,
    (LINKS, "service_id"): SERVICES,
    (LINKS, "location_id"): LOCATIONS,
    (PHONES, "organization_id"): ORGANIZATIONS,
    (PHONES, "service_id"): SERVICES,
    (PHONES, "location_id"): LOCATIONS,
    (PHONES, "contact_id"): CONTACTS,
    (PHONES, "service_at_location_id"): LINKS,
    (CONTACTS, "organization_id"): ORGANIZATIONS,
    (CONTACTS, "service_id"): SERVICES,
    (CONTACTS, "service_at_location_id"): LINKS,
}
# Columns that must have a value in every row of a kept file.
REQUIRED_VALUES = {
    ORGANIZATIONS: ("name",),
    SERVICES: ("organization_id", "name"),
    PHYSICAL: ("location_id",),
    POSTAL: ("location_id",),
    LINKS: ("service_id", "location_id"),
    PHONES: ("number",),
}


@dataclass(frozen=True)
class Version:
    """The HSDS version of a package: `number` as the report shows it (`1.x`, `2.0`, `3.0`),
    `how` what gave it away."""

    number: str
    how: str

    @property
    def legacy(self) -> bool:
        return self.number != "3.0"


def _descriptor_version(folder: Path) -> str | None:
    path = folder / "datapackage.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return str(version) if version else None


def detect_version(folder: Path) -> Version:
    """Which HSDS a package follows: its file set first (the 1.1 tag of the specification
    carries a descriptor saying 2.0.1), then `datapackage.json`'s version, then the
    organisations' columns (`url` in 1.x and 2.0, `website` in 3.0)."""
    names = {path.name for path in folder.iterdir()} if folder.is_dir() else set()
    declared = _descriptor_version(folder)
    if names & set(MODERN_ONLY):
        return Version("3.0", "the file set (addresses.csv, service_at_location.csv)")
    legacy = bool(names & set(LEGACY_ONLY))
    if legacy or (declared is not None and declared[:1] in "12"):
        how = "the file set" if legacy else f"datapackage.json version {declared}"
        if names & set(TWO_ONLY):
            return Version("2.0", how + "; 2.0 tables (schedules.csv, …)")
        if names & set(ONE_X_ONLY):
            return Version("1.x", how + "; 1.x tables (regular_schedules.csv, …)")
        if declared is not None and declared[:1] in "12":
            return Version("2.0" if declared.startswith("2") else "1.x", how)
        return Version("1.x", how)
    if declared is not None:
        return Version("3.0", f"datapackage.json version {declared}")
    header = _header(folder / ORGANIZATIONS)
    if "url" in header and "website" not in header:
        return Version("1.x", "organizations.csv has url, not website")
    return Version("3.0", "the file set")


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return []
    return [cell.strip().strip('"') for cell in first.split(",")]
