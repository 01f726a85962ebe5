"""Phones and contacts of an HSDS 1.x or 2.0 package, folded into what the sociale kaart keeps.

The sociale kaart keeps one phone per organisation (`organisations.phone`) and no contact
people. An organisation's own first voice number becomes its phone; every other number and
every contact (name, title, department, e-mail, their numbers) becomes a line of a
"Contact:" paragraph at the end of the description of the service or organisation it belongs
to, so a social worker reading the service sees it. A location's numbers go to its
organisation, labelled with the location's name.
"""

from __future__ import annotations

from sociaalhuis.referrals import hsds_legacy_tables as legacy
from sociaalhuis.referrals import hsds_tables as modern
from sociaalhuis.referrals.hsds_package import LIMITS, Package, Row, canonical
from sociaalhuis.referrals.hsds_report import DROPPED, MAPPED, MappingReport

PARAGRAPH = "Contact:"
# HSDS phone types in Dutch; voice, cell and an empty type can take a call.
TYPES = {
    "voice": "tel.",
    "cell": "gsm",
    "fax": "fax",
    "text": "sms",
    "video": "video",
    "pager": "pager",
    "textphone": "teksttelefoon",
}
CALLABLE = ("", "voice", "cell")
PHONE_COLUMNS = ("number", "extension", "type", "description", "department", "language")
OWNER_COLUMNS = (
    "organization_id",
    "service_id",
    "location_id",
    "contact_id",
    "service_at_location_id",
)


def _report_owner(report: MappingReport, file: str, row: Row, target: str) -> None:
    """The id and the owner columns of a phone or contact row."""
    if row.get("id"):
        report.add(file, row.number, "id", DROPPED, reason="the line keeps no id of its own")
    for column in OWNER_COLUMNS:
        if row.get(column):
            report.add(file, row.number, column, MAPPED, target, reason="where the line goes")


def _number(row: Row) -> str:
    number = row.values["number"].strip("\"'").strip()
    extension = row.values.get("extension", "")
    return f"{number} toestel {extension}" if extension else number


def _phone_text(row: Row, label: str = "") -> str:
    kind = TYPES.get(row.values.get("type", "").lower(), "tel.")
    extra = [row.values.get(c, "") for c in ("department", "description", "language")]
    extra_text = ", ".join(e for e in extra if e)
    text = f"{label}{kind} {_number(row)}"
    return f"{text} ({extra_text})" if extra_text else text


class _Owners:
    """Where a phone or contact row lands: an organisation or a service of the package."""

    def __init__(self, package: Package, tables: dict[str, list[Row]]) -> None:
        self.organisations = {row.id(): row for row in package.rows(modern.ORGANIZATIONS)}
        self.services = {row.id(): row for row in package.rows(modern.SERVICES)}
        self.locations = {row.id(): row for row in package.rows(modern.LOCATIONS)}
        self.links = {row.id(): row for row in tables.get(legacy.LINKS, [])}
        self.lines: dict[tuple[str, str], list[str]] = {}

    def location_label(self, location_id: str) -> str:
        location = self.locations.get(canonical(location_id))
        name = location.values.get("name", "") if location else ""
        return f"{name}: " if name else ""

    def resolve(self, row: Row) -> tuple[str, str, str] | None:
        """(kind, id, label) of the record a row belongs to, the most specific first; None
        when that record is not in the package."""
        link_id = row.get("service_at_location_id")
        if link_id and canonical(link_id) in self.links:
            link = self.links[canonical(link_id)]
            label = self.location_label(link.values["location_id"])
            return self._known("service", link.values["service_id"], label)
        if row.get("service_id"):
            return self._known("service", row.values["service_id"], "")
        if row.get("location_id"):
            location = self.locations.get(canonical(row.values["location_id"]))
            owner = location.values.get("organization_id", "") if location else ""
            label = self.location_label(row.values["location_id"])
            return self._known("organisation", owner, label) if owner else None
        if row.get("organization_id"):
            return self._known("organisation", row.values["organization_id"], "")
        return None

    def _known(self, kind: str, record_id: str, label: str) -> tuple[str, str, str] | None:
        records = self.services if kind == "service" else self.organisations
        key = canonical(record_id)
        return (kind, key, label) if key in records else None

    def target(self, kind: str) -> str:
        return f"{'services' if kind == 'service' else 'organisations'}.description (Contact)"

    def add(self, kind: str, owner: str, line: str) -> None:
        self.lines.setdefault((kind, owner), []).append(line)


def fold_contacts(
    tables: dict[str, list[Row]], package: Package, chosen: dict[str, Row] | None = None
) -> None:
    """Set each organisation's phone and append the Contact paragraphs; every phone and
    contact row gets its report lines. `chosen` (a 3.0 package) gives the organisations'
    phones already picked; otherwise they are picked here and added to the package."""
    report = package.report
    owners = _Owners(package, tables)
    phones = tables.get(legacy.PHONES, [])
    contacts = {row.id() for row in tables.get(legacy.CONTACTS, [])}
    by_contact: dict[str, list[Row]] = {}
    for row in phones:
        if row.get("contact_id") and canonical(row.values["contact_id"]) in contacts:
            by_contact.setdefault(canonical(row.values["contact_id"]), []).append(row)
    picked = chosen is not None
    chosen = dict(chosen or {})
    for row in phones if not picked else ():
        own = not any(
            row.get(c)
            for c in ("contact_id", "service_id", "service_at_location_id", "location_id")
        )
        owner = canonical(row.values.get("organization_id", ""))
        limit = LIMITS[(modern.PHONES, "number")]
        if (
            own
            and owner
            and owner not in chosen
            and row.values.get("type", "").lower() in CALLABLE
            and len(_number(row)) <= limit
        ):
            chosen[owner] = row
    if not picked:
        out = package.tables.setdefault(modern.PHONES, [])
        for owner, row in chosen.items():
            values = {"id": row.id(), "organization_id": owner, "number": _number(row)}
            out.append(Row(row.number, values))
    for row in phones:
        file = legacy.PHONES
        if row.get("contact_id") and canonical(row.values["contact_id"]) in contacts:
            continue  # reported with its contact
        if chosen.get(canonical(row.values.get("organization_id", ""))) is row:
            _report_owner(report, file, row, "organisations.phone")
            for column in PHONE_COLUMNS:
                if not row.get(column):
                    continue
                if column in ("number", "extension"):
                    report.add(file, row.number, column, MAPPED, "organisations.phone")
                else:
                    report.add(
                        file,
                        row.number,
                        column,
                        DROPPED,
                        reason="organisations.phone keeps the number only",
                    )
            continue
        place = owners.resolve(row)
        if place is None:
            report.add(
                file, row.number, None, DROPPED, reason="belongs to no record the import keeps"
            )
            continue
        kind, owner, label = place
        owners.add(kind, owner, _phone_text(row, label))
        _report_owner(report, file, row, owners.target(kind))
        for column in PHONE_COLUMNS:
            if row.get(column):
                report.add(file, row.number, column, MAPPED, owners.target(kind))
    for row in tables.get(legacy.CONTACTS, []):
        file = legacy.CONTACTS
        place = owners.resolve(row)
        numbers = by_contact.get(row.id(), [])
        if place is None:
            report.add(
                file,
                row.number,
                None,
                DROPPED,
                reason="names no organisation, service or service at a location",
            )
            for phone in numbers:
                report.add(
                    legacy.PHONES,
                    phone.number,
                    None,
                    DROPPED,
                    reason=f"its contact ({file} row {row.number}) is not kept",
                )
            continue
        kind, owner, label = place
        who = ", ".join(
            row.values.get(c, "") for c in ("name", "title", "department") if row.get(c)
        )
        reach = [row.values["email"]] if row.get("email") else []
        reach += [_phone_text(phone) for phone in numbers]
        line = label + who + (": " if who and reach else "") + ", ".join(reach)
        if not (who or reach):
            report.add(file, row.number, None, DROPPED, reason="an empty contact")
            continue
        owners.add(kind, owner, line)
        _report_owner(report, file, row, owners.target(kind))
        for column in ("name", "title", "department", "email"):
            if row.get(column):
                report.add(file, row.number, column, MAPPED, owners.target(kind))
        for phone in numbers:
            _report_owner(report, legacy.PHONES, phone, owners.target(kind))
            for column in PHONE_COLUMNS:
                if phone.get(column):
                    report.add(legacy.PHONES, phone.number, column, MAPPED, owners.target(kind))
    _append(package, owners.lines)


def _append(package: Package, lines: dict[tuple[str, str], list[str]]) -> None:
    for kind, file in (("organisation", modern.ORGANIZATIONS), ("service", modern.SERVICES)):
        for row in package.rows(file):
            found = lines.get((kind, row.id()))
            if not found:
                continue
            text = row.values.get("description", "")
            paragraph = PARAGRAPH + "\n" + "\n".join(f"- {line}" for line in found)
            row.values["description"] = f"{text}\n\n{paragraph}" if text else paragraph
