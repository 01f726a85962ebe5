"""The sociale kaart service: find, open, create and change partners, services, locations;
validation naming the field; optimistic locking; audit; permissions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from sociaalhuis.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import LocationInput, OrganisationInput, ServiceInput
from sociaalhuis.storage.models import AuditEvent, Organisation, Service

CAW = OrganisationInput(
    name="CAW Oost-Brabant",
    description="Centrum Algemeen Welzijnswerk: onthaal en begeleiding bij welzijnsvragen.",
    alternate_name="Centrum Algemeen Welzijnswerk",
    bound_by_professional_secrecy=True,
)
HALFWEG = OrganisationInput(
    name="vzw HalfWeg", description="Voedselbedeling in de pastorij van Veltem."
)


def events(db, entity_id) -> list[tuple[str, dict]]:
    with db.read() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.created_at)
        )
        return [(e.action, json.loads(e.detail)) for e in rows]


def count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_create_then_open_an_organisation(db, actor, admin):
    service = DirectoryService(db)
    created = service.create_organisation(admin, CAW)
    assert created.version == 1
    assert created.bound_by_professional_secrecy is True
    opened = service.get_organisation(actor, created.id)
    assert opened == created
    assert opened.alternate_name == "Centrum Algemeen Welzijnswerk"
    assert opened.hsds_id is None
    assert events(db, created.id) == [("organisation.created", {})]


def test_input_is_trimmed_and_empty_optional_texts_become_none(db, actor):
    created = DirectoryService(db).create_organisation(
        actor,
        OrganisationInput(
            name="  Home-Start ", description=" Opvoedingsondersteuning ", email=" ", phone=""
        ),
    )
    assert (created.name, created.description) == ("Home-Start", "Opvoedingsondersteuning")
    assert created.email is None and created.phone is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"email": "info-at-caw"}, "email"),
        ({"website": "www.caw.example"}, "website"),
        ({"website": "ftp://caw.example"}, "website"),
        ({"phone": "bel ons"}, "phone"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(db, actor, admin, change, field):
    with pytest.raises(ValidationError) as caught:
        DirectoryService(db).create_organisation(admin, replace(CAW, **change))
    assert caught.value.field == field
    assert count(db, Organisation) == 0


def test_two_partners_cannot_share_a_name(db, actor, admin):
    service = DirectoryService(db)
    service.create_organisation(admin, CAW)
    with pytest.raises(ValidationError) as caught:
        service.create_organisation(admin, replace(CAW, name="caw  OOST-brabant"))
    assert caught.value.field == "name"
    assert count(db, Organisation) == 1


def test_update_moves_the_version_on_and_audits_the_fields_not_the_values(db, actor, admin):
    service = DirectoryService(db)
    created = service.create_organisation(admin, CAW)
    changed = service.update_organisation(
        actor, created.id, created.version, replace(CAW, phone="016 00 00 00")
    )
    assert changed.version == 2
    assert changed.phone == "016 00 00 00"
    assert events(db, created.id)[-1] == ("organisation.updated", {"fields": ["phone"]})
    same = service.update_organisation(
        actor, created.id, changed.version, replace(CAW, phone="016 00 00 00")
    )
    assert same.version == 2  # nothing changed, nothing written but the audit event


def test_a_stale_version_is_a_conflict_and_changes_nothing(db, actor, admin):
    service = DirectoryService(db)
    created = service.create_organisation(admin, CAW)
    service.update_organisation(actor, created.id, 1, replace(CAW, description="Nieuw."))
    with pytest.raises(ConflictError) as caught:
        service.update_organisation(actor, created.id, 1, replace(CAW, description="Oud."))
    assert (caught.value.expected_version, caught.value.actual_version) == (1, 2)
    assert service.get_organisation(actor, created.id).description == "Nieuw."


def test_opening_or_changing_a_missing_organisation(db, actor):
    import uuid

    service = DirectoryService(db)
    with pytest.raises(NotFoundError):
        service.get_organisation(actor, uuid.uuid4())
    with pytest.raises(NotFoundError):
        service.update_organisation(actor, uuid.uuid4(), 1, CAW)


def test_services_and_their_locations(db, actor):
    service = DirectoryService(db)
    halfweg = service.create_organisation(actor, HALFWEG)
    pastorij = service.save_location(
        actor, halfweg.id, LocationInput("Pastorij van Veltem", postal_code="3020", city="Veltem")
    )
    assert (pastorij.country, pastorij.address) == ("BE", "3020 Veltem")
    food = service.save_service(
        actor,
        halfweg.id,
        ServiceInput("Voedselbedeling", "Twee keer per week.", location_ids=(pastorij.id,)),
    )
    assert food.version == 1
    assert [loc.name for loc in food.locations] == ["Pastorij van Veltem"]
    moved = service.save_service(
        actor,
        halfweg.id,
        ServiceInput("Voedselbedeling", "Twee keer per week.", status="inactive"),
        service_id=food.id,
        expected_version=food.version,
    )
    assert (moved.version, moved.status, moved.locations) == (2, "inactive", ())
    with pytest.raises(ConflictError):
        service.save_service(
            actor,
            halfweg.id,
            ServiceInput("Voedselbedeling"),
            service_id=food.id,
            expected_version=1,
        )
    assert [s.name for s in service.services_of(actor, halfweg.id)] == ["Voedselbedeling"]
    opened = service.get_organisation(actor, halfweg.id)
    assert [loc.name for loc in opened.locations] == ["Pastorij van Veltem"]
    assert [a for a, _ in events(db, food.id)] == ["service.created", "service.updated"]


def test_service_input_is_checked(db, actor):
    import uuid

    service = DirectoryService(db)
    halfweg = service.create_organisation(actor, HALFWEG)
    for data, field in [
        (ServiceInput(""), "name"),
        (ServiceInput("Bedeling", status="defunct"), "status"),
        (ServiceInput("Bedeling", url="halfweg"), "url"),
        (ServiceInput("Bedeling", location_ids=(uuid.uuid4(),)), "location_ids[0]"),
    ]:
        with pytest.raises(ValidationError) as caught:
            service.save_service(actor, halfweg.id, data)
        assert caught.value.field == field
    assert count(db, Service) == 0


def test_find_by_name_description_and_service_words(db, actor, admin):
    service = DirectoryService(db)
    caw = service.create_organisation(admin, CAW)
    halfweg = service.create_organisation(actor, HALFWEG)
    service.save_service(
        actor, caw.id, ServiceInput("Schuldhulpverlening", "Hulp bij schulden en budget.")
    )
    assert [h.organisation_name for h in service.find(actor, "caw")] == ["CAW Oost-Brabant"]
    # description words, accents and case folded, part of a longer word
    assert [h.organisation_id for h in service.find(actor, "VOEDSEL")] == [halfweg.id]
    assert [h.organisation_id for h in service.find(actor, "pastorij veltem")] == [halfweg.id]
    found = service.find(actor, "schuld")
    assert [(h.organisation_name, h.service_name) for h in found] == [
        ("CAW Oost-Brabant", "Schuldhulpverlening")
    ]
    assert found[0].label == "CAW Oost-Brabant — Schuldhulpverlening"
    assert found[0].bound_by_professional_secrecy is True
    # a service is also found through its organisation's name
    assert ("CAW Oost-Brabant", "Schuldhulpverlening") in [
        (h.organisation_name, h.service_name) for h in service.find(actor, "caw budget")
    ]
    assert service.find(actor, "bestaat niet") == []
    assert [h.organisation_name for h in service.find(actor, "")] == [
        "CAW Oost-Brabant",
        "vzw HalfWeg",
    ]
    assert len(service.find(actor, "", limit=1)) == 1


def test_name_matches_come_before_description_matches(db, actor):
    service = DirectoryService(db)
    service.create_organisation(
        actor, OrganisationInput("Aardig Bureau", "Werkt samen met de voedselbank.")
    )
    service.create_organisation(actor, OrganisationInput("Voedselbank", "Voedselhulp."))
    assert [h.organisation_name for h in service.find(actor, "voedsel")] == [
        "Voedselbank",
        "Aardig Bureau",
    ]


def test_intake_workers_read_the_directory_but_do_not_change_it(db, actor, admin, intake):
    service = DirectoryService(db)
    created = service.create_organisation(admin, CAW)
    assert service.get_organisation(intake, created.id).name == "CAW Oost-Brabant"
    assert service.find(intake, "caw")
    with pytest.raises(PermissionDenied):
        service.create_organisation(intake, HALFWEG)
    with pytest.raises(PermissionDenied):
        service.update_organisation(intake, created.id, 1, HALFWEG)
    with pytest.raises(PermissionDenied):
        service.save_service(intake, created.id, ServiceInput("Onthaal"))
