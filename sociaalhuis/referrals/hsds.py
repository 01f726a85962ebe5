"""Open Referral HSDS in tabular form: import a 1.x, 2.0 or 3.0 data package into the sociale
kaart, with a report of what was mapped, defaulted or dropped per file, row and column, and
export the sociale kaart as a 3.0 package.

The version is told by the package's files (`hsds_legacy_tables.detect_version`); a 1.x or
2.0 package is read by `hsds_legacy` into the rows the 3.0 import writes, its phones and
contacts folded by `hsds_contacts`; `hsds_report` holds the report. The rest of this text
describes 3.0.

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

The work is done in `hsds_tables` (files, schemas, problems), `hsds_package` (reading and
checking a package), `hsds_import` and `hsds_export`; this module gathers their public names.
"""

from sociaalhuis.referrals.hsds_export import PROVINCES, ExportSummary, export_package, province
from sociaalhuis.referrals.hsds_import import Counts, ImportSummary, import_package
from sociaalhuis.referrals.hsds_legacy_tables import Version, detect_version
from sociaalhuis.referrals.hsds_package import (
    LIMITS,
    OPTIONAL_REFERENCES,
    REQUIRED_REFERENCES,
    Package,
    check_package,
    read_package,
)
from sociaalhuis.referrals.hsds_report import MappingReport, ReportLine
from sociaalhuis.referrals.hsds_tables import (
    ADDRESSES,
    DESCRIPTOR,
    EXPORT_KEYS,
    EXPORTED,
    HSDS_VERSION,
    IMPORTED,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SCHEMA_FOLDER,
    SERVICE_AT_LOCATION,
    SERVICES,
    HsdsError,
    HsdsProblem,
    TableSchema,
    format_checker,
    row_instance,
    row_value,
    table_schemas,
    validate_row,
)

__all__ = [
    "ADDRESSES",
    "DESCRIPTOR",
    "EXPORTED",
    "EXPORT_KEYS",
    "HSDS_VERSION",
    "IMPORTED",
    "LIMITS",
    "LOCATIONS",
    "OPTIONAL_REFERENCES",
    "ORGANIZATIONS",
    "PHONES",
    "PROVINCES",
    "REQUIRED_REFERENCES",
    "SCHEMA_FOLDER",
    "SERVICES",
    "SERVICE_AT_LOCATION",
    "Counts",
    "ExportSummary",
    "HsdsError",
    "HsdsProblem",
    "ImportSummary",
    "MappingReport",
    "Package",
    "ReportLine",
    "TableSchema",
    "Version",
    "check_package",
    "detect_version",
    "export_package",
    "format_checker",
    "import_package",
    "province",
    "read_package",
    "row_instance",
    "row_value",
    "table_schemas",
    "validate_row",
]
