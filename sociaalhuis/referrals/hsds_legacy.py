"""Reading an HSDS 1.x or 2.0 package into the rows the 3.0 import writes, with a report of
every decision (see docs/sociale-kaart.md).

Broken input refuses the package whole, each problem with file, row and column: unreadable
CSV, a missing id or name column, empty or duplicate ids, an empty required value, a
reference to a row that is not in the package, a text longer than our column keeps. What is
merely absent or spelled otherwise is defaulted with a report line (a location's type, a
service's status, a web address without `https://`, a country written out), and whatever the
sociale kaart has no place for is dropped with a report line saying why.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sociaalhuis.referrals import hsds_legacy_tables as legacy
from sociaalhuis.referrals import hsds_tables as modern
from sociaalhuis.referrals.hsds_contacts import fold_contacts
from sociaalhuis.referrals.hsds_export import province
from sociaalhuis.referrals.hsds_package import LIMITS, Package, Row, canonical
from sociaalhuis.referrals.hsds_report import DEFAULTED, DROPPED, MAPPED, MappingReport
from sociaalhuis.referrals.hsds_tables import HsdsError, HsdsProblem
from sociaalhuis.spreadsheet import unplain_cell

COUNTRIES = {"belgium": "BE", "belgië": "BE", "belgie": "BE", "belgique": "BE", "bel": "BE"}
STATUSES = ("active", "inactive", "defunct", "temporarily closed")
_DOMAIN = re.compile(r"^(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?$")


def _read(path: Path, problems: list[HsdsProblem]) -> list[Row] | None:
    """The rows of one CSV file, or None (with problems) when it cannot be read."""
    file = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(HsdsProblem(file, f"is not UTF-8 text (byte {exc.start + 1})"))
        return None
    except OSError as exc:
        problems.append(HsdsProblem(file, f"cannot be read ({exc.strerror})"))
        return None
    records: list[list[str]] = []
    try:
        records.extend(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        problems.append(HsdsProblem(file, f"is not valid CSV: {exc}", len(records) + 1))
        return None
    if not records or not any(cell.strip() for cell in records[0]):
        problems.append(HsdsProblem(file, "is empty: the first row must name the columns"))
        return None
    header = [cell.strip() for cell in records[0]]
    missing = [c for c in legacy.REQUIRED_COLUMNS.get(file, ("id",)) if c not in header]
    for column in missing:
        problems.append(HsdsProblem(file, "required column is missing", 1, column))
    if len(set(header)) != len(header):
        problems.append(HsdsProblem(file, "a column appears twice in the header", 1))
    if missing or len(set(header)) != len(header):
        return None
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        if len(record) != len(header):
            problems.append(
                HsdsProblem(
                    file, f"has {len(record)} values, the header has {len(header)} columns", number
                )
            )
            continue
        values = {c: unplain_cell(v).strip() for c, v in zip(header, record, strict=True)}
        rows.append(Row(number, values))
    return rows


def _check(tables: dict[str, list[Row]], problems: list[HsdsProblem]) -> None:
    ids: dict[str, dict[str, int]] = {}
    for file, rows in tables.items():
        seen = ids.setdefault(file, {})
        for row in rows:
            key = row.id()
            if not key:
                problems.append(HsdsProblem(file, "a value is required", row.number, "id"))
            elif key in seen:
                problems.append(
                    HsdsProblem(
                        file, f"id {key} is already used in row {seen[key]}", row.number, "id"
                    )
                )
            else:
                seen[key] = row.number
            for column in legacy.REQUIRED_VALUES.get(file, ()):
                if not row.get(column):
                    problems.append(HsdsProblem(file, "a value is required", row.number, column))
    for (file, column), target in legacy.REFERENCES.items():
        for row in tables.get(file, []):
            value = row.get(column)
            if value is not None and canonical(value) not in ids.get(target, {}):
                where = target if target in tables else f"{target} (not in the package)"
                problems.append(
                    HsdsProblem(file, f"{value} is not an id in {where}", row.number, column)
                )


def read_legacy(folder: Path, version: legacy.Version) -> Package:
    """Read, check and map a 1.x or 2.0 package; raises HsdsError listing every problem."""
    report = MappingReport(version.number)
    report.add("(package)", None, None, MAPPED, f"HSDS {version.number}", reason=version.how)
    problems: list[HsdsProblem] = []
    tables: dict[str, list[Row]] = {}
    if not (folder / legacy.ORGANIZATIONS).is_file():
        problems.append(
            HsdsProblem(legacy.ORGANIZATIONS, "is missing: an HSDS package lists its organisations")
        )
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") or name == modern.DESCRIPTOR:
            continue
        if name in legacy.KEPT or name in legacy.NOT_KEPT:
            rows = _read(path, problems)
            if rows is None:
                continue
            if name in legacy.KEPT:
                tables[name] = rows
            elif rows:
                reason = legacy.NOT_KEPT[name]
                report.add(name, None, None, DROPPED, value=f"{len(rows)} rows", reason=reason)
        else:
            report.add(name, None, None, DROPPED, reason="not a file of HSDS 1.x or 2.0")
    _check(tables, problems)
    if problems:
        raise HsdsError(str(folder), problems)
    package = Package(folder, report=report)
    _organisations(tables, package)
    _services(tables, package)
    _locations(tables, package)
    _links(tables, package)
    fold_contacts(tables, package)
    _check_limits(package, problems)
    if problems:
        raise HsdsError(str(folder), problems)
    return package


def _columns(report: MappingReport, file: str, row: Row, handled: set[str]) -> None:
    """Report the row's other non-empty columns by the mapping table."""
    targets = legacy.TARGETS.get(file, {})
    reasons = legacy.DROPPED_COLUMNS.get(file, {})
    for column, value in row.values.items():
        if not value or column in handled:
            continue
        if targets.get(column):
            report.add(file, row.number, column, MAPPED, targets[column])
        elif column in reasons:
            report.add(file, row.number, column, DROPPED, reason=reasons[column])
        else:
            report.add(file, row.number, column, DROPPED, reason="not a column of HSDS 1.x or 2.0")


def _web_address(
    report: MappingReport, file: str, row: Row, column: str, target: str
) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", value):
        report.add(file, row.number, column, MAPPED, target)
        return value
    if _DOMAIN.match(value):
        fixed = "https://" + value
        report.add(file, row.number, column, DEFAULTED, target, fixed, "no scheme: https:// added")
        return fixed
    report.add(file, row.number, column, DROPPED, reason="not a web address")
    return None


def _email(report: MappingReport, file: str, row: Row, target: str) -> str | None:
    value = row.get("email")
    if value is None:
        return None
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        report.add(file, row.number, "email", MAPPED, target)
        return value
    report.add(file, row.number, "email", DROPPED, reason="not an e-mail address")
    return None


def _organisations(tables: dict[str, list[Row]], package: Package) -> None:
    report, file = package.report, legacy.ORGANIZATIONS
    out = package.tables.setdefault(modern.ORGANIZATIONS, [])
    for row in tables.get(file, []):
        web = "url" if row.get("url") else "website"
        description = row.values.get("description", "")
        if not description:
            description = row.values["name"]
            report.add(
                file,
                row.number,
                "description",
                DEFAULTED,
                "organisations.description",
                description,
                "required by HSDS: the name, as the 3.0 export writes it",
            )
        values = {
            "id": row.id(),
            "name": row.values["name"],
            "alternate_name": row.values.get("alternate_name", ""),
            "description": description,
            "email": _email(report, file, row, "organisations.email") or "",
            "website": _web_address(report, file, row, web, "organisations.website") or "",
        }
        _columns(report, file, row, {"email", web})
        out.append(Row(row.number, values))


def _services(tables: dict[str, list[Row]], package: Package) -> None:
    report, file = package.report, legacy.SERVICES
    out = package.tables.setdefault(modern.SERVICES, [])
    links = package.tables.setdefault(modern.SERVICE_AT_LOCATION, [])
    for row in tables.get(file, []):
        status = row.values.get("status", "").lower()
        if not status:
            report.add(
                file,
                row.number,
                "status",
                DEFAULTED,
                "services.status",
                "active",
                "no status given: a listed service is taken as active",
            )
            status = "active"
        elif status == "active":
            report.add(file, row.number, "status", MAPPED, "services.status")
        else:
            why = "the sociale kaart knows active and inactive"
            if status not in STATUSES:
                why = f"{status!r} is not an HSDS status; {why}"
            report.add(file, row.number, "status", DEFAULTED, "services.status", "inactive", why)
            status = "inactive"
        values = {
            "id": row.id(),
            "organization_id": canonical(row.values["organization_id"]),
            "name": row.values["name"],
            "description": row.values.get("description", ""),
            "email": _email(report, file, row, "services.email") or "",
            "url": _web_address(report, file, row, "url", "services.url") or "",
            "status": status,
        }
        location = row.get("location_id")
        if location is not None:  # HSDS 1.0 named one location on the service itself
            link = {
                "id": f"{row.id()}@{canonical(location)}",
                "service_id": row.id(),
                "location_id": canonical(location),
                "description": "",
            }
            links.append(Row(row.number, link))
            report.add(
                file,
                row.number,
                "location_id",
                MAPPED,
                "service_locations",
                reason="HSDS 1.0 names the service's location on the service",
            )
        _columns(report, file, row, {"status", "email", "url", "location_id"})
        out.append(Row(row.number, values))


def _address(report: MappingReport, file: str, row: Row) -> tuple[dict[str, str], set[str]]:
    street = row.values.get("address_1", "")
    if not street:
        report.add(
            file,
            row.number,
            "address_1",
            DEFAULTED,
            "locations.address_1",
            "",
            "no street: the address keeps its postcode and city",
        )
    country = row.values.get("country", "")
    handled = {"country"} if country and len(country) != 2 else set()
    if country and len(country) != 2:
        code = COUNTRIES.get(country.lower())
        if code:
            report.add(
                file,
                row.number,
                "country",
                DEFAULTED,
                "locations.country",
                code,
                f"{country!r} written as its ISO code",
            )
        else:
            report.add(
                file,
                row.number,
                "country",
                DROPPED,
                reason=f"{country!r} is not a two-letter country code",
            )
        country = code or ""
    else:
        country = country.upper()
    state = row.values.get("state_province", "")
    if not state and country in ("", "BE") and province(row.values.get("postal_code")):
        state = province(row.values.get("postal_code")) or ""
        report.add(
            file,
            row.number,
            "state_province",
            DEFAULTED,
            "locations.state_province",
            state,
            "the province of the Belgian postcode",
        )
    values = {
        "id": row.id(),
        "location_id": canonical(row.values["location_id"]),
        "address_1": street,
        "city": row.values.get("city", ""),
        "state_province": state,
        "postal_code": row.values.get("postal_code", ""),
        "country": country,
        "address_type": "physical" if file == legacy.PHYSICAL else "postal",
    }
    return values, handled


def _locations(tables: dict[str, list[Row]], package: Package) -> None:
    report = package.report
    chosen: dict[str, tuple[str, Row]] = {}
    for file in (legacy.PHYSICAL, legacy.POSTAL):
        for row in tables.get(file, []):
            key = canonical(row.values["location_id"])
            if key in chosen:
                kept_file, kept = chosen[key]
                report.add(
                    file,
                    row.number,
                    None,
                    DROPPED,
                    reason=f"a location keeps one address; {kept_file} row {kept.number} was kept",
                )
                continue
            chosen[key] = (file, row)
    addresses = package.tables.setdefault(modern.ADDRESSES, [])
    out = package.tables.setdefault(modern.LOCATIONS, [])
    for row in tables.get(legacy.LOCATIONS, []):
        file = legacy.LOCATIONS
        address = chosen.get(row.id())
        given = row.values.get("location_type", "")
        kind = "physical" if address is None or address[0] == legacy.PHYSICAL else "postal"
        if address is None:
            why = "no address: taken as a physical place whose address is not known"
        else:
            why = f"it has a {kind} address"
        if not given:
            report.add(
                file,
                row.number,
                "location_type",
                DEFAULTED,
                "",
                kind,
                f"HSDS {package.report.version} has no location_type; {why}; not stored",
            )
        name = row.get("name")
        if name is None and row.get("alternate_name"):
            report.add(
                file,
                row.number,
                "alternate_name",
                MAPPED,
                "locations.name",
                reason="the location has no name",
            )
            name = row.values["alternate_name"]
        values = {
            "id": row.id(),
            "organization_id": canonical(row.values.get("organization_id", "")),
            "name": name or "",
        }
        _columns(report, file, row, {"alternate_name"} if not row.get("name") else set())
        out.append(Row(row.number, values))
        if address is not None:
            values, handled = _address(report, address[0], address[1])
            addresses.append(Row(address[1].number, values))
            _columns(report, address[0], address[1], handled)


def _links(tables: dict[str, list[Row]], package: Package) -> None:
    report = package.report
    out = package.tables.setdefault(modern.SERVICE_AT_LOCATION, [])
    pairs = {(r.values["service_id"], r.values["location_id"]) for r in out}
    for row in tables.get(legacy.LINKS, []):
        pair = (canonical(row.values["service_id"]), canonical(row.values["location_id"]))
        _columns(report, legacy.LINKS, row, set())
        if pair in pairs:
            report.add(
                legacy.LINKS,
                row.number,
                None,
                DROPPED,
                reason="the service is already linked to this location",
            )
            continue
        pairs.add(pair)
        values = {
            "id": row.id(),
            "service_id": pair[0],
            "location_id": pair[1],
            "description": row.values.get("description", ""),
        }
        out.append(Row(row.number, values))


def _check_limits(package: Package, problems: list[HsdsProblem]) -> None:
    sources = {
        modern.ORGANIZATIONS: legacy.ORGANIZATIONS,
        modern.SERVICES: legacy.SERVICES,
        modern.LOCATIONS: legacy.LOCATIONS,
        modern.ADDRESSES: "physical_addresses.csv or postal_addresses.csv",
        modern.PHONES: legacy.PHONES,
    }
    for (file, column), limit in LIMITS.items():
        for row in package.rows(file):
            if len(row.values.get(column, "")) > limit:
                problems.append(
                    HsdsProblem(
                        sources.get(file, file),
                        f"is longer than {limit} characters, more than the sociale kaart keeps",
                        row.number,
                        column,
                    )
                )
