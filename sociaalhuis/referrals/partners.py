"""The partners the sociale kaart starts with: `resources/sociale-kaart/partners.toml`.

`read_partners` checks the file strictly and names every problem with its file, line and
column (`partners.toml:12:8: organisation: 'email' …`); `load_partners` adds the partners
that are not on the sociale kaart yet (same name, case and accents aside), in one
transaction, and leaves the others as they are, so it can run again after the file grows.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import IMPORT_DIRECTORY
from sociaalhuis.cases import validation
from sociaalhuis.catalog.locate import Locator
from sociaalhuis.catalog.model import Place, Problem
from sociaalhuis.errors import SociaalHuisError, ValidationError
from sociaalhuis.referrals.directory import (
    check_location,
    check_organisation,
    check_service,
    name_key,
)
from sociaalhuis.referrals.records import LocationInput, OrganisationInput, ServiceInput
from sociaalhuis.resources import resource_path
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    SERVICE_STATUSES,
    Location,
    Organisation,
    Service,
    ServiceLocation,
)

DEFAULT_FILE = resource_path("sociale-kaart", "partners.toml")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RIGHT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
POSTCODE = re.compile(r"^\d{4}$")
# the fields a client uses to find a partner; each needs a source in `contact_sources`
CONTACT_FIELDS = ("address", "phone", "email", "website", "opening_hours", "no_walk_in")
CONTACT_LIMIT = 1000

# field: (kind, required); kinds: text (non-empty), str, bool, texts (list), tables
ORGANISATION_FIELDS = {
    "name": ("text", True),
    "description": ("text", True),
    "bound_by_professional_secrecy": ("bool", True),
    "secrecy": ("text", False),
    "sources": ("texts", True),
    "alternate_name": ("text", False),
    "email": ("text", False),
    "phone": ("text", False),
    "website": ("text", False),
    "address": ("text", False),
    "opening_hours": ("text", False),
    "no_walk_in": ("text", False),
    "contact_sources": ("texts", False),
    "service": ("tables", False),
}
SERVICE_FIELDS = {
    "name": ("text", True),
    "description": ("text", True),
    "rights": ("texts", False),
    "locations": ("texts", False),
    "status": ("text", False),
    "email": ("text", False),
    "url": ("text", False),
}
LOCATION_FIELDS = {
    "key": ("text", True),
    "name": ("text", True),
    "address_1": ("text", False),
    "postal_code": ("text", False),
    "city": ("text", False),
}


class PartnerFileError(SociaalHuisError):
    """The partners file has errors; `problems` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}")
        self.problems = problems


@dataclass(frozen=True)
class ServiceDef:
    service: ServiceInput
    rights: tuple[str, ...]
    locations: tuple[str, ...]  # keys of LocationDef
    place: Place


@dataclass(frozen=True)
class PartnerDef:
    organisation: OrganisationInput
    secrecy: str | None  # why the partner is bound by professional secrecy
    sources: tuple[str, ...]
    services: tuple[ServiceDef, ...]
    place: Place
    opening_hours: str | None = None
    no_walk_in: str | None = None  # how to reach a partner without a desk to walk into
    contact_sources: tuple[str, ...] = ()  # URLs or reference files giving the contact fields


@dataclass(frozen=True)
class LocationDef:
    key: str
    location: LocationInput
    place: Place


@dataclass(frozen=True)
class Partners:
    organisations: tuple[PartnerDef, ...]
    locations: tuple[LocationDef, ...]

    def providers_by_right(self) -> dict[str, list[tuple[str, str]]]:
        """Catalog right id → the (organisation, service) names that provide it."""
        found: dict[str, list[tuple[str, str]]] = {}
        for partner in self.organisations:
            for service in partner.services:
                for right in service.rights:
                    found.setdefault(right, []).append(
                        (partner.organisation.name, service.service.name)
                    )
        return found


@dataclass(frozen=True)
class SeedSummary:
    added: tuple[str, ...]  # organisation names
    skipped: tuple[str, ...]  # already on the sociale kaart
    services: int
    locations: int


class _Reader:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.locator = Locator(text)
        self.problems: list[Problem] = []

    def place(self, path: tuple[str | int, ...], key: str | None = None) -> Place:
        line, column = self.locator.find(path, key)
        return Place(self.name, line, column if key is not None and column > 1 else 0)

    def error(self, place: Place, message: str) -> None:
        self.problems.append(Problem(place, message))

    def fields(
        self,
        path: tuple[str | int, ...],
        entry: Any,
        spec: dict[str, tuple[str, bool]],
        what: str,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if not isinstance(entry, dict):
            self.error(self.place(path), f"{what} must be a table")
            return out
        for key, value in entry.items():
            if key not in spec:
                allowed = ", ".join(sorted(spec))
                self.error(
                    self.place(path, key), f"{what}: unknown field '{key}' (allowed: {allowed})"
                )
                continue
            kind = spec[key][0]
            good = (
                (kind == "text" and isinstance(value, str) and value.strip() != "")
                or (kind == "bool" and isinstance(value, bool))
                or (
                    kind == "texts"
                    and isinstance(value, list)
                    and all(isinstance(item, str) and item.strip() for item in value)
                )
                or (
                    kind == "tables"
                    and isinstance(value, list)
                    and all(isinstance(item, dict) for item in value)
                )
            )
            if not good:
                expected = {
                    "text": "non-empty text",
                    "bool": "true or false",
                    "texts": "a list of texts",
                    "tables": "a list of tables ([[...]] entries)",
                }[kind]
                self.error(self.place(path, key), f"{what}: '{key}' must be {expected}")
                continue
            out[key] = value.strip() if isinstance(value, str) else value
        for key, (_kind, required) in spec.items():
            if required and key not in entry:
                self.error(self.place(path), f"{what}: '{key}' is required")
        return out

    def checked(self, path: tuple[str | int, ...], what: str, check: Any, data: Any) -> Any:
        """Run a directory check; its ValidationError is reported at the field it names."""
        try:
            return check(data)
        except ValidationError as exc:
            self.error(self.place(path, exc.field), f"{what}: '{exc.field}' {exc.reason}")
            return None


def read_partners(path: Path | str | None = None) -> Partners:
    """Read and check the partners file; raises PartnerFileError listing every problem."""
    file = Path(path) if path is not None else DEFAULT_FILE
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PartnerFileError([Problem(Place(file.name), f"cannot be read: {exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        place = Place(file.name, int(found.group(1)), int(found.group(2))) if found else None
        raise PartnerFileError(
            [Problem(place or Place(file.name), f"not valid TOML: {message}")]
        ) from None
    reader = _Reader(file.name, text)
    for key in data:
        if key not in ("organisation", "location"):
            place = reader.place((), key)
            reader.error(
                place if place.line else reader.place((key,)),
                f"unknown table '{key}' (allowed: organisation, location)",
            )
    locations = _locations(reader, data.get("location", []))
    organisations = _organisations(reader, data.get("organisation", []), locations)
    if reader.problems:
        raise PartnerFileError(reader.problems)
    return Partners(tuple(organisations), tuple(locations.values()))


def _locations(reader: _Reader, entries: Any) -> dict[str, LocationDef]:
    found: dict[str, LocationDef] = {}
    if not isinstance(entries, list):
        reader.error(reader.place(("location",)), "location must be [[location]] entries")
        return found
    for index, entry in enumerate(entries):
        path: tuple[str | int, ...] = ("location", index)
        values = reader.fields(path, entry, LOCATION_FIELDS, "location")
        key = values.pop("key", None)
        if key is None:
            continue
        if not KEY.match(key):
            reader.error(reader.place(path, "key"), "location: 'key' must be like van-bladelsite")
            continue
        if key in found:
            reader.error(reader.place(path, "key"), f"location: key '{key}' is used twice")
            continue
        postcode = values.get("postal_code")
        if postcode is not None and not POSTCODE.match(postcode):
            reader.error(
                reader.place(path, "postal_code"), "location: a Belgian postcode has four digits"
            )
        location = reader.checked(path, "location", check_location, LocationInput(**values))
        if location is not None:
            found[key] = LocationDef(key, location, reader.place(path))
    return found


def _organisations(
    reader: _Reader, entries: Any, locations: dict[str, LocationDef]
) -> list[PartnerDef]:
    found: list[PartnerDef] = []
    names: dict[str, int] = {}
    if not isinstance(entries, list):
        reader.error(reader.place(("organisation",)), "organisation must be [[organisation]]")
        return found
    for index, entry in enumerate(entries):
        path: tuple[str | int, ...] = ("organisation", index)
        values = reader.fields(path, entry, ORGANISATION_FIELDS, "organisation")
        service_entries = values.pop("service", [])
        secrecy = values.pop("secrecy", None)
        sources = tuple(values.pop("sources", ()))
        contact = _contact(reader, path, values)
        bound = values.get("bound_by_professional_secrecy")
        if bound is True and secrecy is None:
            reader.error(
                reader.place(path, "bound_by_professional_secrecy"),
                "organisation: say in 'secrecy' why this partner is bound by professional secrecy",
            )
        if bound is False and secrecy is not None:
            reader.error(
                reader.place(path, "secrecy"),
                "organisation: 'secrecy' explains why a partner is bound; this one is not",
            )
        name = values.get("name")
        if name is not None:
            line = reader.place(path, "name").line
            if name_key(name) in names:
                reader.error(
                    reader.place(path, "name"),
                    f"organisation: '{name}' is already listed (line {names[name_key(name)]})",
                )
            names.setdefault(name_key(name), line)
        services = _services(reader, path, service_entries, locations)
        if "name" not in values or "description" not in values or bound is None:
            continue
        organisation = reader.checked(
            path, "organisation", check_organisation, OrganisationInput(**values)
        )
        if organisation is not None:
            found.append(
                PartnerDef(
                    organisation, secrecy, sources, tuple(services), reader.place(path), *contact
                )
            )
    return found


def _contact(
    reader: _Reader, path: tuple[str | int, ...], values: dict[str, Any]
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Take opening hours, no-walk-in text and contact sources out of `values`; a contact
    field without a source is reported, since nothing on the kaart may be invented."""
    texts: dict[str, str | None] = {}
    for key in ("opening_hours", "no_walk_in"):
        try:
            texts[key] = (
                validation.text(key, values.pop(key, None), CONTACT_LIMIT, multiline=True) or None
            )
        except ValidationError as exc:
            reader.error(reader.place(path, key), f"organisation: '{key}' {exc.reason}")
            texts[key] = None
    sources = tuple(values.pop("contact_sources", ()))
    given = [key for key in CONTACT_FIELDS if values.get(key) or texts.get(key)]
    if given and not sources:
        reader.error(
            reader.place(path, given[0]),
            f"organisation: '{given[0]}' needs its source in 'contact_sources'",
        )
    return texts["opening_hours"], texts["no_walk_in"], sources


def _services(
    reader: _Reader,
    owner: tuple[str | int, ...],
    entries: list[Any],
    locations: dict[str, LocationDef],
) -> list[ServiceDef]:
    found: list[ServiceDef] = []
    names: set[str] = set()
    for index, entry in enumerate(entries):
        path = (*owner, "service", index)
        values = reader.fields(path, entry, SERVICE_FIELDS, "service")
        rights = tuple(values.pop("rights", ()))
        keys = tuple(values.pop("locations", ()))
        for right in rights:
            if not RIGHT_ID.match(right):
                reader.error(reader.place(path, "rights"), f"service: '{right}' is not a right id")
        for key in keys:
            if key not in locations:
                known = ", ".join(sorted(locations)) or "none"
                reader.error(
                    reader.place(path, "locations"),
                    f"service: no [[location]] with key '{key}' (known: {known})",
                )
        status = values.get("status", "active")
        if status not in SERVICE_STATUSES:
            reader.error(
                reader.place(path, "status"),
                f"service: 'status' must be one of {', '.join(SERVICE_STATUSES)}",
            )
            continue
        name = values.get("name")
        if name is not None and name_key(name) in names:
            reader.error(reader.place(path, "name"), f"service: '{name}' is listed twice")
        if name is None or "description" not in values:
            continue
        names.add(name_key(name))
        service = reader.checked(path, "service", check_service, ServiceInput(**values))
        if service is not None:
            found.append(ServiceDef(service, rights, keys, reader.place(path)))
    return found


def load_partners(db: Database, actor: Actor, path: Path | str | None = None) -> SeedSummary:
    """Add the partners of the file that are not on the sociale kaart yet, with their
    services and the locations those need, in one transaction with an audit event each."""
    authorize(db, actor, IMPORT_DIRECTORY)
    partners = read_partners(path)
    added: list[str] = []
    skipped: list[str] = []
    service_count = 0
    with db.write() as session:
        present = {name_key(name) for name in session.scalars(select(Organisation.name))}
        places = {name_key(loc.name): loc for loc in session.scalars(select(Location))}
        defined = {loc.key: loc.location for loc in partners.locations}
        made: dict[str, Location] = {}

        def location(key: str) -> Location:
            if key not in made:
                data = defined[key]
                existing = places.get(name_key(data.name))
                if existing is None:
                    existing = Location(
                        name=data.name,
                        address_1=data.address_1,
                        postal_code=data.postal_code,
                        city=data.city,
                        country="BE",
                    )
                    session.add(existing)
                made[key] = existing
            return made[key]

        for partner in partners.organisations:
            data = partner.organisation
            if name_key(data.name) in present:
                skipped.append(data.name)
                continue
            present.add(name_key(data.name))
            organisation = Organisation(
                name=data.name,
                alternate_name=data.alternate_name,
                description=data.description,
                email=data.email,
                phone=data.phone,
                website=data.website,
                address=data.address,
                opening_hours=partner.opening_hours,
                no_walk_in=partner.no_walk_in,
                contact_sources="\n".join(partner.contact_sources) or None,
                bound_by_professional_secrecy=data.bound_by_professional_secrecy,
            )
            session.add(organisation)
            for definition in partner.services:
                service = definition.service
                organisation.services.append(
                    Service(
                        name=service.name,
                        description=service.description,
                        email=service.email,
                        url=service.url,
                        status=service.status,
                        links=[
                            ServiceLocation(location=location(key), description="")
                            for key in definition.locations
                        ],
                    )
                )
                service_count += 1
            session.flush()
            audit.record(
                session,
                actor,
                "organisation.created",
                "organisation",
                organisation.id,
                source="partners.toml",
                services=len(partner.services),
            )
            added.append(data.name)
        new_locations = sum(1 for loc in made.values() if loc not in places.values())
    return SeedSummary(tuple(added), tuple(skipped), service_count, new_locations)
