"""HSDS 1.x and 2.0 packages as they circulate (written from the specification's
datapackage.json at tags 1.1.1 and 2.0.1): imported with a report of every mapping decision,
phones and web addresses kept, broken packages refused with file, row and column; the 3.0
export keeps every address and a round trip gives the same directory."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.referrals import hsds
from sociaalhuis.referrals.hsds_legacy_tables import detect_version
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Location,
    Organisation,
    Service,
    ServiceLocation,
)

DATA = Path(__file__).resolve().parent / "data"
ONE = DATA / "hsds-1"
TWO = DATA / "hsds-2"
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "hsds-example"
SCHEMAS = Path(__file__).resolve().parents[2] / "resources" / "hsds-3.0" / "schema"
MODELS = (Organisation, Service, Location, ServiceLocation, AuditEvent)


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0 for model in MODELS
        )


def directory(db: Database) -> dict[str, list[tuple]]:
    """The sociale kaart as comparable rows (ids included, HSDS ids left out)."""
    with db.read() as session:
        organisations = {o.id: o.name for o in session.scalars(select(Organisation))}
        services = {s.id: s.name for s in session.scalars(select(Service))}
        locations = {loc.id: loc.name for loc in session.scalars(select(Location))}
        return {
            "organisations": sorted(
                (str(o.id), o.name, o.alternate_name, o.description, o.email, o.phone, o.website)
                for o in session.scalars(select(Organisation))
            ),
            "services": sorted(
                (
                    str(s.id),
                    organisations[s.organisation_id],
                    s.name,
                    s.description,
                    s.email,
                    s.url,
                    s.status,
                )
                for s in session.scalars(select(Service))
            ),
            "locations": sorted(
                (
                    str(loc.id),
                    organisations.get(loc.organisation_id) if loc.organisation_id else None,
                    loc.name,
                    loc.address_1,
                    loc.postal_code,
                    loc.city,
                    loc.state_province,
                    loc.country,
                )
                for loc in session.scalars(select(Location))
            ),
            "links": sorted(
                (services[link.service_id], locations[link.location_id], link.description)
                for link in session.scalars(select(ServiceLocation))
            ),
        }


def copy(source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    return folder


def rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def one(report, file: str, row: int | None, column: str | None):
    lines = [line for line in report.find(file, row, column) if line.column == column]
    assert len(lines) == 1, (file, row, column, lines)
    return lines[0]


def assert_nothing_silent(folder: Path, report) -> None:
    """Every non-empty cell of every file has a report line (its own, its row's or its
    file's)."""
    for path in sorted(folder.iterdir()):
        if path.name == "datapackage.json":
            continue
        if any(line.row is None and not line.column for line in report.find(path.name)):
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            for number, row in enumerate(reader, start=2):
                if report.find(path.name, number, None) and any(
                    line.column is None for line in report.find(path.name, number)
                ):
                    continue
                for column, value in row.items():
                    if value:
                        assert report.find(path.name, number, column), (path.name, number, column)


# -- which version -----------------------------------------------------------------------------


def test_the_version_is_told_by_the_files_then_the_descriptor(tmp_path):
    assert detect_version(ONE).number == "1.x"
    assert detect_version(TWO).number == "2.0"
    assert detect_version(EXAMPLE).number == "3.0"
    # the specification's own 1.1 tag ships a descriptor saying 2.0.1: its tables win
    folder = copy(ONE, tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    (folder / "datapackage.json").write_text(json.dumps({**descriptor, "version": "2.0.1"}))
    assert detect_version(folder).number == "1.x"
    # only organisations and a descriptor: the descriptor decides
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(ONE / "organizations.csv", bare)
    (bare / "datapackage.json").write_text('{"version": "2.0.1"}')
    assert detect_version(bare).number == "2.0"
    (bare / "datapackage.json").unlink()
    assert detect_version(bare).how == "organizations.csv has url, not website"


# -- 1.x ---------------------------------------------------------------------------------------


def test_a_1x_package_imports_with_no_problem_and_keeps_phones_and_urls(db, admin):
    summary = hsds.import_package(db, admin, ONE)
    assert summary.version == "1.x"
    assert summary.organisations == hsds.Counts(3, 0, 0)
    assert summary.services == hsds.Counts(4, 0, 0)
    assert summary.locations == hsds.Counts(4, 0, 0)
    assert summary.service_locations == hsds.Counts(4, 0, 0)
    with db.read() as session:
        orgs = {o.name: o for o in session.scalars(select(Organisation))}
        caw = orgs["CAW Oost-Brabant"]
        assert caw.hsds_id == "1"
        assert caw.website == "https://www.cawoostbrabant.be"
        assert caw.phone == "078 15 05 00"
        assert caw.description.endswith("\n\nContact:\n- fax 016 23 45 67")
        schakel = orgs["Vzw De Schakel"]
        assert schakel.website == "https://www.deschakel-herent.be"
        assert schakel.phone is None
        assert schakel.description.endswith(
            "Contact:\n- De Schakel Veltem: tel. 016 20 30 40\n"
            "- Tom Peeters, coördinator, Vrijwilligers"
        )
        assert orgs["Thuiszorg Regio Leuven"].phone == "016 31 32 33"  # quotes dropped
        services = {s.name: s for s in session.scalars(select(Service))}
        onthaal = services["Onthaal en advies"]
        assert onthaal.url == "https://www.cawoostbrabant.be/onthaal"
        assert onthaal.description.endswith(
            "Contact:\n- tel. 016 23 45 00 toestel 12 (Onthaal, nl)\n"
            "- gsm 0470 12 34 56 (Alleen sms)\n"
            "- CAW Leuven: tel. 016 23 45 01 (Maandag en donderdag)"
        )
        budget = services["Budgetbegeleiding"]
        assert budget.status == "inactive"
        assert budget.description.endswith(
            "Contact:\n- Sarah Janssens, budgetbegeleider: "
            "sarah.janssens@cawoostbrabant.be, tel. 016 23 45 11"
        )
        assert services["Sociaal restaurant"].url == "https://www.deschakel-herent.be/restaurant"
        assert services["Poetshulp"].status == "active"
        places = {loc.name: loc for loc in session.scalars(select(Location))}
        leuven = places["CAW Leuven"]
        assert (leuven.address_1, leuven.postal_code, leuven.city, leuven.country) == (
            "Diestsestraat 143",
            "3000",
            "Leuven",
            "BE",
        )
        postal = places["Postadres CAW"]  # named by its alternate name, its only address postal
        assert (postal.address_1, postal.city) == ("Postbus 12", "Leuven")
        veltem = places["De Schakel Veltem"]
        assert (veltem.address_1, veltem.postal_code, veltem.city, veltem.country) == (
            None,
            "3020",
            "Veltem-Beisem",
            "BE",
        )
        assert places["Online loket"].city is None


def test_every_decision_on_the_1x_package_is_in_the_report(db, admin):
    report = hsds.import_package(db, admin, ONE).report
    assert report.version == "1.x"
    assert_nothing_silent(ONE, report)
    assert report.counts() == {"mapped": 109, "defaulted": 11, "dropped": 49}
    # organisations: url is the website; no scheme gets https://; legal data and extra columns
    line = one(report, "organizations.csv", 2, "url")
    assert (line.action, line.target) == ("mapped", "organisations.website")
    line = one(report, "organizations.csv", 3, "url")
    assert (line.action, line.value) == ("defaulted", "https://www.deschakel-herent.be")
    assert one(report, "organizations.csv", 2, "tax_id").action == "dropped"
    line = one(report, "organizations.csv", 2, "last_verified")
    assert (line.action, line.reason) == ("dropped", "not a column of HSDS 1.x or 2.0")
    # services: statuses
    assert one(report, "services.csv", 2, "status").action == "mapped"
    line = one(report, "services.csv", 3, "status")
    assert (line.action, line.value) == ("defaulted", "inactive")
    line = one(report, "services.csv", 5, "status")
    assert (line.action, line.value, line.reason) == (
        "defaulted",
        "active",
        "no status given: a listed service is taken as active",
    )
    assert one(report, "services.csv", 2, "taxonomy_ids").action == "dropped"
    # locations: the type HSDS 1.x does not have, defaulted from the address
    kinds = [one(report, "locations.csv", n, "location_type").value for n in (2, 3, 4, 5)]
    assert kinds == ["physical", "postal", "physical", "physical"]
    assert "no address" in one(report, "locations.csv", 5, "location_type").reason
    assert one(report, "locations.csv", 3, "alternate_name").target == "locations.name"
    assert one(report, "locations.csv", 2, "latitude").action == "dropped"
    # addresses: one per location, no street, the country written out
    line = one(report, "postal_addresses.csv", 2, None)
    assert line.action == "dropped" and "physical_addresses.csv row 2 was kept" in line.reason
    assert one(report, "physical_addresses.csv", 3, "address_1").action == "defaulted"
    line = one(report, "physical_addresses.csv", 3, "country")
    assert (line.action, line.value) == ("defaulted", "BE")
    assert one(report, "physical_addresses.csv", 2, "address_2").action == "dropped"
    # phones: the organisation's own first voice number, the rest in a Contact paragraph
    targets = {n: one(report, "phones.csv", n, "number").target for n in range(2, 10)}
    assert targets == {
        2: "organisations.phone",
        3: "organisations.description (Contact)",
        4: "services.description (Contact)",
        5: "services.description (Contact)",
        6: "organisations.description (Contact)",
        7: "services.description (Contact)",
        8: "services.description (Contact)",
        9: "organisations.phone",
    }
    assert one(report, "phones.csv", 2, "description").action == "dropped"
    assert one(report, "contacts.csv", 2, "email").target == "services.description (Contact)"
    # tables the sociale kaart does not keep, and a file that is not HSDS
    for file in ("regular_schedules.csv", "holiday_schedules.csv", "taxonomy.csv"):
        line = one(report, file, None, None)
        assert line.action == "dropped" and line.reason
    assert one(report, "languages.csv", None, None).value == "2 rows"
    assert one(report, "README.md", None, None).reason == "not a file of HSDS 1.x or 2.0"


def test_importing_the_1x_package_again_changes_nothing(db, admin):
    hsds.import_package(db, admin, ONE)
    before = directory(db)
    again = hsds.import_package(db, admin, ONE)
    assert again.organisations == hsds.Counts(0, 0, 3)
    assert again.services == hsds.Counts(0, 0, 4)
    assert again.locations == hsds.Counts(0, 0, 4)
    assert again.service_locations == hsds.Counts(0, 0, 4)
    assert directory(db) == before


# -- 2.0 ---------------------------------------------------------------------------------------


def test_a_2_0_package_imports_with_its_phones_contacts_and_types(db, admin):
    summary = hsds.import_package(db, admin, TWO)
    assert summary.version == "2.0"
    assert summary.organisations == hsds.Counts(2, 0, 0)
    assert summary.services == hsds.Counts(3, 0, 0)
    assert summary.service_locations == hsds.Counts(3, 0, 0)
    report = summary.report
    assert_nothing_silent(TWO, report)
    with db.read() as session:
        orgs = {o.name: o for o in session.scalars(select(Organisation))}
        assert orgs["Sociaal Huis Herent"].phone == "016 85 30 20"
        assert orgs["Sociaal Huis Herent"].website == "https://www.herent.be/sociaal-huis"
        assert orgs["Kom op tegen Armoede"].website == "https://kotarmoede.be"
        assert orgs["Kom op tegen Armoede"].description.endswith(
            "Contact:\n- Ontmoetingsruimte: gsm 0499 11 22 33"
        )
        services = {s.name: s for s in session.scalars(select(Service))}
        assert services["Leefloon"].description.endswith(
            "Contact:\n- tel. 016 85 30 40 (Enkel voormiddag)\n"
            "- Lien Maes, maatschappelijk werker, Sociale dienst: lien.maes@herent.be, "
            "tel. 016 85 30 41"
        )
        assert services["Energiebegeleiding"].status == "inactive"  # defunct
        assert services["Praatcafé"].status == "active"
        places = {loc.name: loc for loc in session.scalars(select(Location))}
        room = places["Ontmoetingsruimte"]  # a postal address without street, country "be"
        assert (room.address_1, room.postal_code, room.city, room.country) == (
            None,
            "3020",
            "Herent",
            "BE",
        )
    # a location_type column some 2.0 packages carry: given → not stored, empty → defaulted
    line = one(report, "locations.csv", 3, "location_type")
    assert (line.action, line.reason) == (
        "dropped",
        "the sociale kaart keeps no location type; the 3.0 export writes physical",
    )
    line = one(report, "locations.csv", 4, "location_type")
    assert (line.action, line.value) == ("defaulted", "postal")
    line = one(report, "services.csv", 3, "status")
    assert (line.action, line.value) == ("defaulted", "inactive")
    assert one(report, "schedules.csv", None, None).action == "dropped"
    assert one(report, "other_attributes.csv", None, None).action == "dropped"
    assert one(report, "phones.csv", 4, "number").target == "services.description (Contact)"


# -- 3.0 without location_type -------------------------------------------------------------------


def test_a_3_0_package_without_location_type_is_defaulted_not_refused(db, admin, tmp_path):
    folder = copy(EXAMPLE, tmp_path)

    def without_type(rows):
        index = rows[0].index("location_type")
        return [[cell for i, cell in enumerate(row) if i != index] for row in rows]

    rewrite(folder / "locations.csv", without_type)
    summary = hsds.import_package(db, admin, folder)
    assert summary.version == "3.0"
    assert summary.locations == hsds.Counts(1, 0, 0)
    line = one(summary.report, "locations.csv", 2, "location_type")
    assert (line.action, line.value) == ("defaulted", "physical")
    assert one(summary.report, "contacts.csv", None, None).action == "dropped"
    assert one(summary.report, "organizations.csv", 2, "website").action == "mapped"
    assert_nothing_silent(folder, summary.report)


def test_a_3_0_service_phone_reaches_the_service_as_in_1x(db, admin, tmp_path):
    folder = copy(EXAMPLE, tmp_path)
    service = "ac148810-d857-441c-9679-408f346de14b"
    extra = ["5b0a3c1e-8f3c-4e52-9d0f-0c9a4e2f7a11", "", service, "", "", "", "016 44 55 66"]
    rewrite(folder / "phones.csv", lambda rows: [*rows, [*extra, "", "fax", ""]])
    summary = hsds.import_package(db, admin, folder)
    assert summary.phones == 1
    assert_nothing_silent(folder, summary.report)
    line = one(summary.report, "phones.csv", 3, "number")
    assert line.target == "services.description (Contact)"
    assert one(summary.report, "phones.csv", 2, "number").target == "organisations.phone"
    with db.read() as session:
        description = session.scalars(select(Service.description)).one()
    assert description.endswith("\n\nContact:\n- fax 016 44 55 66")


# -- broken packages -----------------------------------------------------------------------------


def _not_utf8(folder: Path) -> None:
    (folder / "organizations.csv").write_bytes(
        (folder / "organizations.csv").read_bytes().replace("ö".encode(), b"\xf6")
        + "4,Caf\xe9,,,,,,,,,\n".encode("latin-1")
    )


def _no_id_column(folder: Path) -> None:
    rewrite(folder / "services.csv", lambda rows: [["ref", *rows[0][1:]], *rows[1:]])


def _duplicate_id(folder: Path) -> None:
    rewrite(
        folder / "locations.csv", lambda rows: [*rows, ["100", "1", "Dubbel", "", "", "", "", ""]]
    )


def _dangling(folder: Path) -> None:
    rewrite(
        folder / "phones.csv", lambda rows: [*rows, ["908", "", "99", *[""] * 4, "016", *[""] * 4]]
    )


def _empty_name(folder: Path) -> None:
    def change(rows):
        rows[2][3] = ""
        return rows

    rewrite(folder / "services.csv", change)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_not_utf8, "organizations.csv: is not UTF-8 text (byte"),
        (_no_id_column, "services.csv, row 1, column id: required column is missing"),
        (_duplicate_id, "locations.csv, row 6, column id: id 100 is already used in row 2"),
        (_dangling, "phones.csv, row 10, column service_id: 99 is not an id in services.csv"),
        (_empty_name, "services.csv, row 3, column name: a value is required"),
    ],
)
def test_a_broken_1x_package_is_refused_with_its_place_and_changes_nothing(
    db, admin, tmp_path, damage, expected
):
    hsds.import_package(db, admin, TWO)
    before = (counts(db), directory(db))
    folder = copy(ONE, tmp_path)
    damage(folder)
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.import_package(db, admin, folder)
    assert any(str(problem).startswith(expected) for problem in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
    assert (counts(db), directory(db)) == before


def test_a_1_0_service_naming_its_location_is_linked(db, admin, tmp_path):
    folder = copy(ONE, tmp_path)

    def with_location(rows):
        rows[0].append("location_id")
        for row in rows[1:]:
            row.append("102" if row[0] == "20" else "")
        return rows

    rewrite(folder / "services.csv", with_location)
    rewrite(folder / "services_at_location.csv", lambda rows: [r for r in rows if r[0] != "502"])
    summary = hsds.import_package(db, admin, folder)
    assert summary.service_locations == hsds.Counts(4, 0, 0)
    line = one(summary.report, "services.csv", 4, "location_id")
    assert (line.action, line.target) == ("mapped", "service_locations")
    assert ("Sociaal restaurant", "De Schakel Veltem", "") in directory(db)["links"]


# -- export and round trip -----------------------------------------------------------------------


def _schema(file: str) -> dict:
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if schema.get("path") == file:
            return schema
    raise AssertionError(file)


def test_1x_to_3_0_and_back_gives_the_same_directory(db, admin, tmp_path):
    hsds.import_package(db, admin, ONE)
    hsds.import_package(db, admin, TWO)
    first = directory(db)
    exported = hsds.export_package(db, admin, tmp_path / "out")
    assert exported.notes == ()
    # every location with a postcode and city keeps its address, with or without street
    assert exported.rows["addresses.csv"] == 5
    assert hsds.check_package(tmp_path / "out") == []
    schema = _schema("addresses.csv")
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    with (tmp_path / "out" / "addresses.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        assert list(validator.iter_errors({k: v for k, v in row.items() if v})) == []
    streets = {row["city"]: row["address_1"] for row in rows}
    assert streets["Veltem-Beisem"] == "De Schakel Veltem"  # the name stands in
    # import into another installation: the same directory
    other = Database.open(f"sqlite:///{(tmp_path / 'other.db').as_posix()}", create=True)
    try:
        with other.write() as session:
            other_admin = ensure_user(session, "beheer", "An Beheerder", "admin")
        summary = hsds.import_package(other, other_admin, tmp_path / "out")
        assert summary.version == "3.0"
        assert directory(other) == first
        line = one(summary.report, "addresses.csv", 2, "address_1")
        assert line.action == "mapped" or line.reason.startswith("the location's name")
        stand_ins = [
            line
            for line in summary.report.of("defaulted")
            if line.reason == "the location's name stood in for a missing street"
        ]
        assert len(stand_ins) == 2
        hsds.export_package(other, other_admin, tmp_path / "again")
    finally:
        other.close()
    for path in (tmp_path / "out").glob("*.csv"):
        assert path.read_text(encoding="utf-8") == (tmp_path / "again" / path.name).read_text(
            encoding="utf-8"
        ), path.name


def test_the_report_is_written_as_csv_and_json(db, admin, tmp_path):
    report = hsds.import_package(db, admin, ONE).report
    report.write(tmp_path / "r.csv")
    report.write(tmp_path / "r.json")
    with (tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(report.lines)
    assert rows[0].keys() == {"file", "row", "column", "action", "target", "value", "reason"}
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["version"] == "1.x"
    assert data["counts"] == report.counts()
    assert len(data["lines"]) == len(report.lines)
    with db.read() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "directory.imported")
        ).one()
    assert json.loads(detail)["hsds_version"] == "1.x"


def _large_1x_package(folder: Path, size: int) -> None:
    """A 1.x package of `size` organisations, each with a service at a location with its
    address and phone, written as the larger published ones are."""
    folder.mkdir()
    tables = {
        "organizations.csv": [
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "url",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
        ],
        "services.csv": [
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "wait_time",
            "fees",
            "accreditations",
            "licenses",
            "taxonomy_ids",
        ],
        "locations.csv": [
            "id",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
        ],
        "physical_addresses.csv": [
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "address_3",
            "address_4",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
        ],
        "services_at_location.csv": ["id", "service_id", "location_id", "description"],
        "phones.csv": [
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "language",
            "description",
            "department",
        ],
    }
    rows: dict[str, list[list[str]]] = {file: [header] for file, header in tables.items()}
    for n in range(1, size + 1):
        rows["organizations.csv"].append(
            [
                str(n),
                f"Organisatie {n}",
                "",
                f"Beschrijving {n}",
                f"info{n}@example.be",
                f"www.org{n}.be",
                "",
                "",
                "",
                "vzw",
            ]
        )
        rows["services.csv"].append(
            [
                str(n),
                str(n),
                "",
                f"Dienst {n}",
                "",
                "",
                "",
                "",
                "active",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        rows["locations.csv"].append([str(n), str(n), f"Plaats {n}", "", "", "", "50.9", "4.7"])
        rows["physical_addresses.csv"].append(
            [
                str(n),
                str(n),
                "",
                f"Straat {n}",
                "",
                "",
                "",
                "Herent",
                "",
                "Vlaams-Brabant",
                "3020",
                "BE",
            ]
        )
        rows["services_at_location.csv"].append([str(n), str(n), str(n), ""])
        rows["phones.csv"].append(
            [str(2 * n), "", "", str(n), "", "", f"016 00 {n:04d}", "", "voice", "", "", ""]
        )
        rows["phones.csv"].append(
            [str(2 * n + 1), "", str(n), "", "", "", f"016 01 {n:04d}", "", "voice", "", "", ""]
        )
    for file, content in rows.items():
        with (folder / file).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(content)


def test_a_large_1x_package_gives_no_problem_and_a_short_summary(db, admin, tmp_path):
    _large_1x_package(tmp_path / "large", 300)
    summary = hsds.import_package(db, admin, tmp_path / "large")
    assert summary.organisations == hsds.Counts(300, 0, 0)
    assert summary.phones == 300
    report = summary.report
    assert report.counts()["defaulted"] == 300 * 2  # website scheme, location type
    # the summary does not grow with the rows: one line per file, column and decision
    assert len(report.summary()) < 40
    with db.read() as session:
        service = session.scalars(select(Service).where(Service.name == "Dienst 7")).one()
        assert service.description == "Contact:\n- tel. 016 01 0007"
