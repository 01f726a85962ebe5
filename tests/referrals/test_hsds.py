"""Open Referral HSDS 3.0: import the official example package, export rows that the schemas
accept, round trips, and malformed packages rejected whole with file, row and column."""

from __future__ import annotations

import csv
import json
import shutil
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from sqlalchemy import func, select

from sociaalhuis.errors import PermissionDenied, SociaalHuisError
from sociaalhuis.referrals import hsds
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.partners import load_partners
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Location,
    Organisation,
    Service,
    ServiceLocation,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "hsds-example"
SCHEMAS = ROOT / "resources" / "hsds-3.0" / "schema"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
LINK_ID = "e94c9f38-1e8f-4564-91d4-d53501ab1765"
MODELS = (Organisation, Service, Location, ServiceLocation, AuditEvent)


def counts(db) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0 for model in MODELS
        )


def example(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    return folder


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)


def edit(folder: Path, file: str, column: str, value: str, row: int = 0) -> None:
    header, rows = read_rows(folder / file)
    rows[row][column] = value
    write_rows(folder / file, header, rows)


# -- an independent check of a package against the JSON Schemas ----------------------------


def schema_for(file: str) -> dict:
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if schema.get("path") == file:
            return schema
    raise AssertionError(f"no schema for {file}")


def scalar_columns(schema: dict) -> list[str]:
    return [
        name
        for name, spec in schema["properties"].items()
        if spec.get("type") not in ("array", "object") and "$ref" not in spec
    ]


def schema_problems(folder: Path) -> list[str]:
    """Every row of every CSV file validated with jsonschema against its table's schema."""
    found = []
    for path in sorted(folder.glob("*.csv")):
        schema = schema_for(path.name)
        required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
        validator = Draft202012Validator(
            {**schema, "required": sorted(required)}, format_checker=FormatChecker()
        )
        header, rows = read_rows(path)
        assert header == scalar_columns(schema), path.name
        for number, row in enumerate(rows, start=2):
            instance = {}
            for column, text in row.items():
                if text == "":
                    continue
                kind = schema["properties"][column].get("type")
                instance[column] = float(text) if kind == "number" else text
            found += [
                f"{path.name} row {number}: {e.message}" for e in validator.iter_errors(instance)
            ]
    return found


# -- import ----------------------------------------------------------------------------------


def test_the_official_example_package_is_valid_as_copied():
    assert schema_problems(EXAMPLE) == []
    assert hsds.check_package(EXAMPLE) == []


def test_importing_the_official_example(db, admin):
    summary = hsds.import_package(db, admin, EXAMPLE)
    assert summary.organisations == hsds.Counts(created=1)
    assert summary.services == hsds.Counts(created=1)
    assert summary.locations == hsds.Counts(created=1)
    assert summary.service_locations == hsds.Counts(created=1)
    assert summary.phones == 1
    assert "contacts.csv" in summary.not_imported and "schedules.csv" in summary.not_imported
    assert summary.ignored == ("README.md",)
    # The example's location names an organisation that is not in the package.
    assert summary.notes == (
        "locations.csv, row 2, column organization_id: 985e4a42-bd9f-4edc-911d-0243a4640aca "
        "is not an id in organizations.csv; imported without it",
    )
    with db.read() as session:
        organisation = session.scalars(select(Organisation)).one()
        assert organisation.id == uuid.UUID(ORG_ID)  # the package id, as it was free
        assert organisation.hsds_id == ORG_ID
        assert organisation.name == "Example Organization Inc."
        assert organisation.alternate_name == "Example Org"
        assert organisation.email == "email@example.com"
        assert organisation.website == "http://example.com"
        assert organisation.phone == "+44 1234 234567"
        assert organisation.bound_by_professional_secrecy is False
        assert organisation.description.startswith("Example Org is a non-profit")
        service = session.scalars(select(Service)).one()
        assert (service.hsds_id, service.organisation_id) == (SERVICE_ID, organisation.id)
        assert (service.name, service.status) == ("Community Counselling", "active")
        assert service.url == "http://example.com/counselling"
        assert service.description.startswith("Counselling Services provided")
        location = session.scalars(select(Location)).one()
        assert location.hsds_id == LOCATION_ID
        assert location.organisation_id is None
        assert (location.name, location.address_1, location.city) == (
            "MyCity Civic Center",
            "1-30 Main Street",
            "MyCity",
        )
        assert (location.postal_code, location.state_province, location.country) == (
            "ABC 1234",
            "MyState",
            "US",
        )
        link = session.scalars(select(ServiceLocation)).one()
        assert (link.service_id, link.location_id, link.hsds_id) == (
            service.id,
            location.id,
            LINK_ID,
        )
        assert link.description.startswith("Counselling Services provided")
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "directory.imported")
        ).one()
        assert json.loads(event.detail)["organisations"]["created"] == 1


def test_importing_again_updates_instead_of_duplicating(db, admin, tmp_path):
    hsds.import_package(db, admin, EXAMPLE)
    again = hsds.import_package(db, admin, EXAMPLE)
    assert again.organisations == hsds.Counts(unchanged=1)
    assert again.service_locations == hsds.Counts(unchanged=1)
    folder = example(tmp_path)
    edit(folder, "organizations.csv", "name", "Example Organization (renamed)")
    edit(folder, "services.csv", "status", "temporarily closed")
    changed = hsds.import_package(db, admin, folder)
    assert changed.organisations == hsds.Counts(updated=1)
    assert changed.services == hsds.Counts(updated=1)
    assert counts(db)[:4] == (1, 1, 1, 1)
    with db.read() as session:
        assert session.scalars(select(Organisation.name)).one() == "Example Organization (renamed)"
        assert session.scalars(select(Service.status)).one() == "inactive"


def test_an_imported_organisation_meets_the_partner_entered_here_by_name(db, admin, actor):
    directory = DirectoryService(db)
    ours = directory.create_organisation(
        admin,
        OrganisationInput(
            "example organization inc.", "Onze beschrijving.", bound_by_professional_secrecy=True
        ),
    )
    summary = hsds.import_package(db, admin, EXAMPLE)
    assert summary.organisations == hsds.Counts(updated=1)
    merged = directory.get_organisation(actor, ours.id)
    assert merged.hsds_id == ORG_ID
    assert merged.name == "Example Organization Inc."
    assert merged.bound_by_professional_secrecy is True  # not in HSDS: ours stays
    assert [s.name for s in merged.services] == ["Community Counselling"]


def test_only_team_leads_and_administrators_import(db, actor):
    with pytest.raises(PermissionDenied):
        hsds.import_package(db, actor, EXAMPLE)


# -- malformed packages ------------------------------------------------------------------------


def _bad_uuid(folder: Path) -> None:
    edit(folder, "locations.csv", "id", "3a19ff88-not-a-uuid")


def _missing_column(folder: Path) -> None:
    header, rows = read_rows(folder / "services.csv")
    header.remove("status")
    for row in rows:
        del row["status"]
    write_rows(folder / "services.csv", header, rows)


def _broken_reference(folder: Path) -> None:
    edit(folder, "service_at_location.csv", "location_id", "00000000-0000-4000-8000-000000000001")


def _bad_number(folder: Path) -> None:
    edit(folder, "services.csv", "minimum_age", "twelve")


def _bad_status(folder: Path) -> None:
    edit(folder, "services.csv", "status", "open")


def _empty_name(folder: Path) -> None:
    edit(folder, "organizations.csv", "name", "")


def _duplicate_id(folder: Path) -> None:
    header, rows = read_rows(folder / "organizations.csv")
    write_rows(folder / "organizations.csv", header, [*rows, {**rows[0], "name": "Twin"}])


def _short_row(folder: Path) -> None:
    with (folder / "phones.csv").open("a", encoding="utf-8", newline="") as handle:
        handle.write("1554f2e2-a373-45db-a3fa-9fc48a61c15f,,\r\n")


def _not_utf8(folder: Path) -> None:
    text = (folder / "organizations.csv").read_text(encoding="utf-8")
    (folder / "organizations.csv").write_bytes(
        text.replace("Example Org", "Café Org").encode("latin-1")
    )


def _no_organisations(folder: Path) -> None:
    (folder / "organizations.csv").unlink()


def _bad_table_not_imported(folder: Path) -> None:
    edit(folder, "schedules.csv", "valid_from", "1 januari 2005")


def _bad_email(folder: Path) -> None:
    edit(folder, "services.csv", "email", "counselling-at-example.com")


def _service_of_no_organisation(folder: Path) -> None:
    edit(folder, "services.csv", "organization_id", "")


MALFORMED = [
    (_bad_uuid, "locations.csv, row 2, column id: '3a19ff88-not-a-uuid' is not a 'uuid'"),
    (_missing_column, "services.csv, row 1, column status: required column is missing"),
    (
        _broken_reference,
        "service_at_location.csv, row 2, column location_id: "
        "00000000-0000-4000-8000-000000000001 is not an id in locations.csv",
    ),
    (_bad_number, "services.csv, row 2, column minimum_age: 'twelve' is not of type 'number'"),
    (_bad_status, "services.csv, row 2, column status: 'open' is not one of"),
    (_empty_name, "organizations.csv, row 2, column name: a value is required"),
    (_duplicate_id, f"organizations.csv, row 3, column id: id {ORG_ID} is already used in row 2"),
    (_short_row, "phones.csv, row 3: has 3 values, the header has 10 columns"),
    (_not_utf8, "organizations.csv: is not UTF-8 text"),
    (_no_organisations, "organizations.csv: is missing"),
    (
        _bad_table_not_imported,
        "schedules.csv, row 2, column valid_from: '1 januari 2005' is not a 'date'",
    ),
    (
        _bad_email,
        "services.csv, row 2, column email: 'counselling-at-example.com' is not a 'email'",
    ),
    (
        _service_of_no_organisation,
        "services.csv, row 2, column organization_id: a value is required",
    ),
]


@pytest.mark.parametrize(
    ("damage", "expected"), MALFORMED, ids=[d.__name__[1:] for d, _ in MALFORMED]
)
def test_a_malformed_package_is_rejected_whole(db, admin, tmp_path, damage, expected):
    load_partners(db, admin)
    before = counts(db)
    folder = example(tmp_path)
    damage(folder)
    with pytest.raises(hsds.HsdsError) as caught:
        hsds.import_package(db, admin, folder)
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith(expected) for p in problems), problems
    assert expected.split(":")[0] in caught.value.message
    assert counts(db) == before


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    folder = example(tmp_path)
    _bad_number(folder)
    _empty_name(folder)
    _broken_reference(folder)
    problems = hsds.check_package(folder)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("organizations.csv", 2, "name"),
        ("services.csv", 2, "minimum_age"),
        ("service_at_location.csv", 2, "location_id"),
    ]


def test_a_folder_that_is_not_there(db, admin, tmp_path):
    with pytest.raises(hsds.HsdsError, match="is not a folder"):
        hsds.import_package(db, admin, tmp_path / "missing")


# -- export and round trips --------------------------------------------------------------------


def test_the_export_passes_the_schemas_row_by_row(db, admin, actor, tmp_path):
    load_partners(db, admin)
    hsds.import_package(db, admin, EXAMPLE)
    summary = hsds.export_package(db, actor, tmp_path / "out")
    folder = tmp_path / "out"
    assert summary.rows["organizations.csv"] == 45
    assert summary.rows["services.csv"] == counts(db)[1]
    # Van Bladelsite, the example's civic centre and the Pastorij van Veltem (no street: kept
    # with its postcode and city, the location's name standing in for the required address_1)
    assert summary.rows["addresses.csv"] == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted([*hsds.EXPORTED, "datapackage.json"])
    assert schema_problems(folder) == []
    # the columns are those of the specification's example files, in their order
    for path in folder.glob("*.csv"):
        assert read_rows(path)[0] == read_rows(EXAMPLE / path.name)[0], path.name
    # references resolve within the package
    ids = {p.name: {row["id"] for row in read_rows(p)[1]} for p in folder.glob("*.csv")}
    for file, keys in hsds.EXPORT_KEYS.items():
        for row in read_rows(folder / file)[1]:
            for column, target in keys.items():
                assert row[column] == "" or row[column] in ids[target], (file, column)
    _, organisations = read_rows(folder / "organizations.csv")
    caw = next(row for row in organisations if row["name"] == "CAW Oost-Brabant")
    with db.read() as session:
        ours = session.scalars(select(Organisation).where(Organisation.name == "CAW Oost-Brabant"))
        assert caw["id"] == str(ours.one().id)  # our UUIDs are the ids
    _, addresses = read_rows(folder / "addresses.csv")
    herent = next(row for row in addresses if row["city"] == "Herent")
    assert (herent["state_province"], herent["country"], herent["postal_code"]) == (
        "Vlaams-Brabant",
        "BE",
        "3020",
    )


def test_the_datapackage_descriptor_describes_every_file(db, admin, actor, tmp_path):
    hsds.import_package(db, admin, EXAMPLE)
    hsds.export_package(db, actor, tmp_path / "out")
    descriptor = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    resources = {r["path"]: r for r in descriptor["resources"]}
    assert set(resources) == set(hsds.EXPORTED)
    for path, resource in resources.items():
        header = read_rows(tmp_path / "out" / path)[0]
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert resource["schema"]["primaryKey"] == "id"
        assert resource["profile"] == "tabular-data-resource"
    services = {f["name"]: f for f in resources["services.csv"]["schema"]["fields"]}
    assert services["id"] == {**services["id"], "format": "uuid"}
    assert services["status"]["constraints"]["enum"] == [
        "active",
        "inactive",
        "defunct",
        "temporarily closed",
    ]
    assert services["organization_id"]["constraints"]["required"] is True
    assert resources["services.csv"]["schema"]["foreignKeys"] == [
        {"fields": "organization_id", "reference": {"resource": "organization", "fields": "id"}}
    ]


def test_a_round_trip_through_another_installation_changes_nothing(db, admin, actor, tmp_path):
    load_partners(db, admin)
    hsds.import_package(db, admin, EXAMPLE)
    first = tmp_path / "first"
    hsds.export_package(db, actor, first)
    # Back into the same database: everything is recognised by its id.
    again = hsds.import_package(db, admin, first)
    assert again.organisations.created == again.services.created == 0
    assert again.locations.created == again.service_locations.created == 0
    assert counts(db)[:4] == (45, again.services.unchanged + again.services.updated, 3, 11)
    # Into another, empty installation, and out again: the same package.
    other = Database.open(f"sqlite:///{(tmp_path / 'other.db').as_posix()}", create=True)
    try:
        from sociaalhuis.access.actors import ensure_user

        with other.write() as session:
            other_admin = ensure_user(session, "beheer", "An Beheerder", "admin")
        hsds.import_package(other, other_admin, first)
        hsds.export_package(other, other_admin, tmp_path / "second")
    finally:
        other.close()
    for path in sorted(first.iterdir()):
        assert (tmp_path / "second" / path.name).read_bytes() == path.read_bytes(), path.name


def test_an_export_needs_a_new_or_empty_folder_and_leaves_nothing_half_written(db, actor, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SociaalHuisError, match="new or empty folder"):
        hsds.export_package(db, actor, tmp_path / "full")
    (tmp_path / "empty").mkdir()
    hsds.export_package(db, actor, tmp_path / "empty")  # an empty sociale kaart is valid too
    assert schema_problems(tmp_path / "empty") == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging


def test_belgian_provinces_from_postcodes():
    assert hsds.province("3020") == "Vlaams-Brabant"
    assert hsds.province("1000") == "Brussels Hoofdstedelijk Gewest"
    assert hsds.province("9000") == "Oost-Vlaanderen"
    assert hsds.province("ABC 1234") is None
