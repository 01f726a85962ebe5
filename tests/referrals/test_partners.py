"""The partners file (resources/sociale-kaart/partners.toml): strict checks with file, line and
column; seeding once; agreement with the rights catalog."""

from __future__ import annotations

import json
import tomllib

import pytest
from sqlalchemy import func, select

from sociaalhuis.catalog import loader
from sociaalhuis.errors import PermissionDenied
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.partners import (
    DEFAULT_FILE,
    PartnerFileError,
    load_partners,
    read_partners,
)
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.storage.models import AuditEvent, Location, Organisation, Service

BOUND = {
    "Sociaal Huis Herent (OCMW Herent)",
    "Lokaal opvanginitiatief Casa Manuel",
    "CAW Oost-Brabant",
    "Diensten maatschappelijk werk van de ziekenfondsen (DMW)",
    "Welzijnshuis Kortenberg",
    "Bureau voor Juridische Bijstand Leuven",
    "Commissie voor Juridische Bijstand (arrondissement Leuven)",
}
NAMED_IN_THE_PLAN = {
    "CAW Oost-Brabant",
    "vzw HalfWeg",
    "vzw Stapje in de Wereld",
    "Rap op Stap Herent",
    "Agentschap Integratie en Inburgering",
    "Welzijnshuis Kortenberg",
    "Lokaal dienstencentrum d'Ontmoeting",
    "Huis van het Kind Herent",
    "Lokaal opvanginitiatief Casa Manuel",
    "Federale Pensioendienst",
    "De Lijn",
    "NMBS",
    "Bureau voor Juridische Bijstand Leuven",
}


def counts(db) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Organisation, Service, Location)
        )


def test_the_shipped_file_reads_without_problems():
    partners = read_partners()
    names = {p.organisation.name for p in partners.organisations}
    assert len(names) == len(partners.organisations) == 44
    assert names >= NAMED_IN_THE_PLAN
    assert {p.organisation.name for p in partners.organisations if p.secrecy} == BOUND
    assert {
        p.organisation.name
        for p in partners.organisations
        if p.organisation.bound_by_professional_secrecy
    } == BOUND
    energy = next(p for p in partners.organisations if "Energie" in p.organisation.name)
    assert energy.organisation.bound_by_professional_secrecy is False


def test_the_file_invents_no_contact_details():
    """Phone numbers, e-mail and street addresses only with the source that gives them."""
    data = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    for entry in data["organisation"]:
        if {"phone", "email", "address"} & set(entry):
            assert entry["contact_sources"], entry["name"]
        for service in entry.get("service", []):
            assert not {"email", "url"} & set(service), service["name"]


def test_every_right_of_the_catalog_has_a_provider_and_every_named_right_exists():
    catalog = loader.load()
    providers = read_partners().providers_by_right()
    rights = {right.id for right in catalog.rights}
    assert set(providers) <= rights, set(providers) - rights
    assert rights <= set(providers), rights - set(providers)


def test_seeding_adds_the_partners_once(db, admin):
    summary = load_partners(db, admin)
    assert len(summary.added) == 44 and summary.skipped == ()
    assert summary.locations == 2
    first = counts(db)
    assert first == (44, summary.services, 2)
    again = load_partners(db, admin)
    assert again.added == () and len(again.skipped) == 44
    assert counts(db) == first
    with db.read() as session:
        seeded = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "organisation.created")
        ).all()
        assert len(seeded) == 44
        assert json.loads(seeded[0].detail)["source"] == "partners.toml"


def test_seeded_partners_are_searchable_with_services_and_locations(db, admin, actor):
    load_partners(db, admin)
    directory = DirectoryService(db)
    hits = directory.find(actor, "voedselbedeling")
    assert ("vzw HalfWeg", "Voedselbedeling") in [
        (h.organisation_name, h.service_name) for h in hits
    ]
    halfweg = next(h for h in hits if h.organisation_name == "vzw HalfWeg")
    opened = directory.get_organisation(actor, halfweg.organisation_id)
    assert opened.services[0].locations[0].name == "Pastorij van Veltem"
    assert opened.phone is None and opened.email is None
    ldc = directory.find(actor, "dienstencentrum ontmoeting")[0]
    services = directory.services_of(actor, ldc.organisation_id)
    assert {loc.name for s in services for loc in s.locations} == {"Van Bladelsite"}


def test_seeding_keeps_what_was_changed_in_the_app(db, admin, actor):
    load_partners(db, admin)
    directory = DirectoryService(db)
    caw = directory.get_organisation(
        actor, directory.find(actor, "CAW Oost-Brabant")[0].organisation_id
    )
    data = OrganisationInput(
        name=caw.name,
        description=caw.description,
        alternate_name=caw.alternate_name,
        phone="016 00 00 00",
        bound_by_professional_secrecy=True,
    )
    directory.update_organisation(actor, caw.id, caw.version, data)
    load_partners(db, admin)
    assert directory.get_organisation(actor, caw.id).phone == "016 00 00 00"


def test_only_team_leads_and_administrators_seed(db, actor):
    with pytest.raises(PermissionDenied):
        load_partners(db, actor)


GOOD = """
[[location]]
key = "site"
name = "Site"

[[organisation]]
name = "Partner"
description = "Doet iets."
bound_by_professional_secrecy = false
sources = ["test"]

[[organisation.service]]
name = "Dienst"
description = "Iets."
locations = ["site"]
"""


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "partners.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PartnerFileError) as caught:
        read_partners(path)
    return [str(p) for p in caught.value.problems]


def test_a_small_good_file(tmp_path):
    path = tmp_path / "partners.toml"
    path.write_text(GOOD, encoding="utf-8")
    partners = read_partners(path)
    assert [p.organisation.name for p in partners.organisations] == ["Partner"]
    assert partners.organisations[0].services[0].locations == ("site",)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('name = "Partner"', 'name = "Partner"\nfax = "x"'),
            "partners.toml:8:7: error: organisation: unknown field 'fax'",
        ),
        (
            ('description = "Doet iets."\n', ""),
            "partners.toml:6: error: organisation: 'description' is required",
        ),
        (
            ("bound_by_professional_secrecy = false", 'bound_by_professional_secrecy = "nee"'),
            "partners.toml:9:33: error: organisation: 'bound_by_professional_secrecy' must be "
            "true or false",
        ),
        (
            ("bound_by_professional_secrecy = false", "bound_by_professional_secrecy = true"),
            "partners.toml:9:33: error: organisation: say in 'secrecy' why",
        ),
        (
            ('sources = ["test"]', 'sources = ["test"]\nemail = "partner"'),
            "partners.toml:11:9: error: organisation: 'email' 'partner' is not an e-mail address",
        ),
        (
            ('locations = ["site"]', 'locations = ["elders"]'),
            "partners.toml:15:13: error: service: no [[location]] with key 'elders' (known: site)",
        ),
        (
            ('name = "Dienst"', 'name = "Dienst"\nstatus = "weg"'),
            "partners.toml:14:10: error: service: 'status' must be one of active, inactive",
        ),
        (
            ('name = "Site"', 'name = "Site"\npostal_code = "B-3020"'),
            "partners.toml:5:15: error: location: a Belgian postcode has four digits",
        ),
        (
            ('description = "Doet iets."', 'description = "Doet iets.'),
            "partners.toml:8:26: error: not valid TOML",
        ),
    ],
)
def test_problems_name_file_line_and_column(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith(expected) for p in found), found


def test_a_partner_listed_twice(tmp_path):
    block = GOOD[GOOD.index("[[organisation]]") :]
    found = problems(tmp_path, f"{GOOD}\n{block}")
    assert any(
        p.startswith(
            "partners.toml:18:8: error: organisation: 'Partner' is already listed (line 7)"
        )
        for p in found
    ), found
