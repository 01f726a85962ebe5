"""How a client reaches each partner of the sociale kaart: address or no walk-in, a way to
contact them, each with a public source; stored by the seed and by migration 0011."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url

from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.partners import (
    CONTACT_FIELDS,
    PartnerFileError,
    load_partners,
    read_partners,
)
from sociaalhuis.storage import schema
from sociaalhuis.storage.database import _make_engine
from sociaalhuis.storage.models import Organisation

# Partners no public source gives an address (or a no-walk-in statement) and a contact for;
# each with why. Keep this set as small as the sources allow.
_CLIENTS_OWN = "no fixed partner: the client's own one, whose contact is on its card or bills"
_NOT_FOUND = "no stored public source gives its address (or how to reach it without one)"
_NO_ADDRESS = "a source gives a phone, e-mail or website, but no address for the region"
_NO_CONTACT = "a source says where it is, but gives no phone, e-mail or website of its own"
KNOWN_WITHOUT_SOURCE: dict[str, str] = {
    "Ziekenfonds van de cliënt": _CLIENTS_OWN,
    "Diensten maatschappelijk werk van de ziekenfondsen (DMW)": _CLIENTS_OWN,
    "Zorgkas (Vlaamse Sociale Bescherming)": _CLIENTS_OWN,
    "Energieleverancier van de cliënt": _CLIENTS_OWN,
    "Waterbedrijf van de cliënt": _CLIENTS_OWN,
    "Telecomoperator van de cliënt": _CLIENTS_OWN,
    "School van het kind": _CLIENTS_OWN,
    "Woonmaatschappij (sociale huur in Herent)": _NOT_FOUND,
    "Sociaal Huis Herent (OCMW Herent)": _NO_ADDRESS,
    "Lokaal opvanginitiatief Casa Manuel": _NO_CONTACT,
    "Groep van assistentiewoningen De Hemelboom": _NO_CONTACT,
    "CAW Oost-Brabant": _NO_ADDRESS,
    "Welzijnshuis Kortenberg": _NOT_FOUND,
    "vzw HalfWeg": _NOT_FOUND,
    "vzw Stapje in de Wereld": _NO_ADDRESS,  # offices in Heverlee, Aarschot, Herent: no street
    "Rap op Stap Herent": _NO_CONTACT,
    "Huis van het Kind Herent": _NOT_FOUND,
    "Home-Start": _NOT_FOUND,
    "Onthaalgroep vluchtelingen Herent": _NOT_FOUND,
    "Digibank Digido(e)": _NOT_FOUND,
    "Agentschap Integratie en Inburgering": _NO_ADDRESS,
    "Infino": _NO_ADDRESS,
    "Commissie voor Juridische Bijstand (arrondissement Leuven)": _NOT_FOUND,
    "Energiehuis": _NOT_FOUND,
    "MyFamily": _NO_ADDRESS,
}

NEW_COLUMNS = {"opening_hours", "no_walk_in", "contact_sources"}


def _contact(partner) -> dict[str, str | None]:
    data = partner.organisation
    return {
        "address": data.address,
        "phone": data.phone,
        "email": data.email,
        "website": data.website,
        "opening_hours": partner.opening_hours,
        "no_walk_in": partner.no_walk_in,
    }


def test_every_partner_can_be_found_and_contacted_or_says_why_not():
    partners = read_partners().organisations
    names = {p.organisation.name for p in partners}
    assert set(KNOWN_WITHOUT_SOURCE) <= names
    for partner in partners:
        contact = _contact(partner)
        reachable = bool(contact["address"] or contact["no_walk_in"]) and bool(
            contact["phone"] or contact["email"] or contact["website"]
        )
        name = partner.organisation.name
        # a partner listed as without source must really lack it, so the set stays small
        assert reachable is (name not in KNOWN_WITHOUT_SOURCE), name


def test_every_contact_field_has_a_source():
    for partner in read_partners().organisations:
        contact = _contact(partner)
        if any(contact.values()):
            assert partner.contact_sources, partner.organisation.name
        for source in partner.contact_sources:
            if source.startswith("http"):
                parts = urlsplit(source)
                assert parts.scheme in ("http", "https"), source
                assert parts.netloc and " " not in source, source
            else:  # a reference text of the project, named by its file
                assert "reference/" in source, source


def test_a_partner_with_no_walk_in_has_no_address():
    for partner in read_partners().organisations:
        if partner.no_walk_in:
            assert partner.organisation.address is None, partner.organisation.name


GOOD = """\
[[organisation]]
name = "Partner"
description = "Doet iets."
bound_by_professional_secrecy = false
sources = ["test"]
"""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", '"016 00 00 00"'),
        ("address", '"Straat 1, 3020 Herent"'),
        ("website", '"https://partner.example"'),
        ("opening_hours", '"maandag 9-12 uur"'),
        ("no_walk_in", '"alleen telefonisch"'),
    ],
)
def test_a_contact_field_without_its_source_is_refused(tmp_path, field, value):
    assert field in CONTACT_FIELDS
    path = tmp_path / "partners.toml"
    path.write_text(f"{GOOD}{field} = {value}\n", encoding="utf-8")
    with pytest.raises(PartnerFileError) as caught:
        read_partners(path)
    assert [str(p) for p in caught.value.problems] == [
        f"partners.toml:6:{len(field) + 4}: error: organisation: '{field}' needs its source "
        "in 'contact_sources'"
    ]
    path.write_text(
        f'{GOOD}{field} = {value}\ncontact_sources = ["https://partner.example/contact"]\n',
        encoding="utf-8",
    )
    (partner,) = read_partners(path).organisations
    assert partner.contact_sources == ("https://partner.example/contact",)
    assert value.strip('"') in _contact(partner).values()


def test_seeding_stores_the_contact_fields(db, admin):
    load_partners(db, admin)
    expected = {p.organisation.name: p for p in read_partners().organisations}
    with db.read() as session:
        stored = {o.name: o for o in session.scalars(select(Organisation))}
        assert set(stored) == set(expected)
        for name, partner in expected.items():
            organisation = stored[name]
            assert organisation.address == partner.organisation.address, name
            assert organisation.phone == partner.organisation.phone, name
            assert organisation.opening_hours == partner.opening_hours, name
            assert organisation.no_walk_in == partner.no_walk_in, name
            assert (organisation.contact_sources or "").splitlines() == list(
                partner.contact_sources
            ), name
        with_hours = next(o.id for o in stored.values() if o.opening_hours)
    view = DirectoryService(db).get_organisation(admin, with_hours)
    partner = expected[view.name]
    assert view.opening_hours == partner.opening_hours
    assert view.no_walk_in == partner.no_walk_in
    assert view.contact_sources == partner.contact_sources != ()


def _columns(engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("organisations")}


def test_migration_0011_adds_the_columns_and_keeps_the_partners(database_url):
    engine = _make_engine(make_url(database_url), create=True, passphrase=None)
    config = schema.alembic_config()
    key = uuid.uuid4()
    now = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0010")
            connection.execute(
                text(
                    "INSERT INTO organisations (id, name, description, phone,"
                    " bound_by_professional_secrecy, created_at, updated_at, version)"
                    " VALUES (:id, 'CAW', '', '016 00 00 00', true, :now, :now, 1)"
                ),
                # Core text() bypasses the Uuid type: SQLite keeps 32 hex digits.
                {"id": key.hex if engine.dialect.name == "sqlite" else key, "now": now},
            )
        assert not NEW_COLUMNS & _columns(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0011")
        assert _columns(engine) >= NEW_COLUMNS
        with engine.begin() as connection:
            row = connection.execute(
                text("SELECT name, phone, opening_hours, no_walk_in FROM organisations")
            ).one()
            assert tuple(row) == ("CAW", "016 00 00 00", None, None)
            connection.execute(text("UPDATE organisations SET opening_hours = 'ma 9-12 uur'"))
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
        assert not NEW_COLUMNS & _columns(engine)
        with engine.begin() as connection:
            row = connection.execute(text("SELECT name, phone FROM organisations")).one()
            assert tuple(row) == ("CAW", "016 00 00 00")
    finally:
        engine.dispose()
