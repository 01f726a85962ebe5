"""The sociale kaart: find, open, create and change partner organisations, their services and
locations.

Every change is one unit of work with its audit event; changes name the version the caller
last saw and raise ConflictError when someone else saved in between. Every role that works
with cases may search and read the directory; social workers, team leads and administrators
may change it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize, require
from sociaalhuis.access.permissions import (
    ACTIONS,
    BROWSE_DIRECTORY,
    EDIT_PARTNERS,
    IMPORT_DIRECTORY,
    SET_PARTNER_SECRECY,
)
from sociaalhuis.cases import validation
from sociaalhuis.errors import ConflictError, NotFoundError, ValidationError
from sociaalhuis.referrals.records import (
    DirectoryHit,
    LocationInput,
    LocationView,
    OrganisationInput,
    OrganisationView,
    ServiceInput,
    ServiceView,
)
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    SERVICE_STATUSES,
    Location,
    Organisation,
    Service,
    ServiceLocation,
    utcnow,
)
from sociaalhuis.storage.search import fold, query_words

# The roles per kind of directory work, as `access.permissions` decides them.
DIRECTORY_READERS = ACTIONS[BROWSE_DIRECTORY].roles
DIRECTORY_EDITORS = ACTIONS[EDIT_PARTNERS].roles
# Bulk changes (HSDS import, seeding) replace what others entered: team leads and admins.
DIRECTORY_MANAGERS = ACTIONS[IMPORT_DIRECTORY].roles

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PHONE = re.compile(r"^[+0-9 ()./-]*[0-9][+0-9 ()./-]*$")
# Characters per field: the column's length, or for free texts what a form sensibly holds.
LIMITS = {
    "name": 300,
    "alternate_name": 300,
    "description": 4_000,
    "email": 254,
    "phone": 50,
    "website": 500,
    "url": 500,
    "address": 500,
    "address_1": 300,
    "postal_code": 20,
    "city": 100,
}
_WORD = re.compile(r"[^\W_]+")


# -- checks --------------------------------------------------------------------------------


def _text(
    field: str, value: str | None, *, required: bool = False, multiline: bool = False
) -> str | None:
    """The text trimmed, None when empty; refused (field named) when too long or holding a
    NUL or another character no database keeps alike (`cases.validation.text`)."""
    limit = LIMITS[field.rsplit(".", 1)[-1]]
    return validation.text(field, value, limit, required=required, multiline=multiline) or None


def check_email(field: str, value: str | None) -> str | None:
    text = _text(field, value)
    if text is not None and not EMAIL.match(text):
        raise ValidationError(field, f"{text!r} is not an e-mail address")
    return text


def check_url(field: str, value: str | None) -> str | None:
    text = _text(field, value)
    if text is None:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise ValidationError(field, f"{text!r} is not a web address (http:// or https://)")
    return text


def check_organisation(data: OrganisationInput) -> OrganisationInput:
    """The input trimmed, empty optional texts as None; raises ValidationError naming the
    field."""
    phone = _text("phone", data.phone)
    if phone is not None and not PHONE.match(phone):
        raise ValidationError("phone", f"{phone!r} is not a phone number")
    return replace(
        data,
        name=_text("name", data.name, required=True) or "",
        description=_text("description", data.description, multiline=True) or "",
        alternate_name=_text("alternate_name", data.alternate_name),
        email=check_email("email", data.email),
        phone=phone,
        website=check_url("website", data.website),
        address=_text("address", data.address, multiline=True),
        bound_by_professional_secrecy=bool(data.bound_by_professional_secrecy),
    )


def check_service(data: ServiceInput) -> ServiceInput:
    if data.status not in SERVICE_STATUSES:
        raise ValidationError(
            "status", f"unknown status {data.status!r}; one of {', '.join(SERVICE_STATUSES)}"
        )
    return replace(
        data,
        name=_text("name", data.name, required=True) or "",
        description=_text("description", data.description, multiline=True) or "",
        email=check_email("email", data.email),
        url=check_url("url", data.url),
        location_ids=tuple(dict.fromkeys(data.location_ids)),
    )


def check_location(data: LocationInput) -> LocationInput:
    cleaned = replace(
        data,
        name=_text("name", data.name) or "",
        address_1=_text("address_1", data.address_1),
        postal_code=_text("postal_code", data.postal_code),
        city=_text("city", data.city),
    )
    if not (cleaned.name or cleaned.address_1 or cleaned.city):
        raise ValidationError("name", "give a name or an address")
    return cleaned


def name_key(name: str) -> str:
    """How two organisation names are compared: case, accents and spacing do not matter."""
    return " ".join(fold(name).split())


# -- the service ---------------------------------------------------------------------------


class DirectoryService:
    """The operations on the sociale kaart."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def find(self, actor: Actor, text: str, limit: int = 50) -> list[DirectoryHit]:
        """Organisations and services where every word of `text` occurs in the name, other
        name or description (a service also matches on its organisation's name). Case and
        accents do not matter; a word may be part of a longer one (`schuld` finds
        `schuldbemiddeling`). Name matches come first; an empty text lists the organisations.
        """
        authorize(self.db, actor, BROWSE_DIRECTORY)
        with self.db.read() as session:
            # Cut like the client search: a pasted page is a handful of words, not a scan of
            # the whole directory per word.
            return self._find(session, query_words(text), limit)

    @staticmethod
    def _find(session: Session, query: list[str], limit: int) -> list[DirectoryHit]:
        # Plain rows, not ORM objects: the whole directory is scanned on every keystroke.
        organisations = session.execute(
            select(
                Organisation.id,
                Organisation.name,
                Organisation.alternate_name,
                Organisation.description,
                Organisation.bound_by_professional_secrecy,
            )
        ).all()
        by_id = {o.id: o for o in organisations}
        ranked: list[tuple[tuple[object, ...], DirectoryHit]] = []
        for organisation in organisations:
            name = f"{organisation.name} {organisation.alternate_name or ''}"
            score = _score(query, name, organisation.description)
            if score is not None:
                key = (-score, name_key(organisation.name), 0, "")
                ranked.append((key, _hit(organisation, None)))
        if query:
            services = session.execute(
                select(
                    Service.id,
                    Service.organisation_id,
                    Service.name,
                    Service.description,
                    Service.status,
                )
            ).all()
            for service in services:
                organisation = by_id[service.organisation_id]
                own = _score(query, service.name, service.description, every=False)
                if not own:
                    continue  # at least one word must be the service's own
                score = _score(query, f"{service.name} {organisation.name}", service.description)
                if score is not None:
                    inactive = service.status != "active"
                    key = (-score, name_key(organisation.name), 1 + inactive, fold(service.name))
                    ranked.append((key, _hit(organisation, service)))
        ranked.sort(key=lambda pair: pair[0])
        return [hit for _key, hit in ranked[:limit]]

    def get_organisation(self, actor: Actor, organisation_id: uuid.UUID) -> OrganisationView:
        authorize(self.db, actor, BROWSE_DIRECTORY)
        with self.db.read() as session:
            return organisation_view(_load(session, organisation_id))

    def create_organisation(self, actor: Actor, data: OrganisationInput) -> OrganisationView:
        authorize(self.db, actor, EDIT_PARTNERS)
        if data.bound_by_professional_secrecy:
            authorize(self.db, actor, SET_PARTNER_SECRECY)
        clean = check_organisation(data)
        with self._unit("organisation", None, None) as session:
            _refuse_same_name(session, clean.name, None)
            organisation = Organisation()
            _apply_organisation(organisation, clean)
            session.add(organisation)
            session.flush()
            audit.record(session, actor, "organisation.created", "organisation", organisation.id)
            return organisation_view(organisation)

    def update_organisation(
        self,
        actor: Actor,
        organisation_id: uuid.UUID,
        expected_version: int,
        data: OrganisationInput,
    ) -> OrganisationView:
        authorize(self.db, actor, EDIT_PARTNERS)
        clean = check_organisation(data)
        with self._unit("organisation", organisation_id, expected_version) as session:
            organisation = _load(session, organisation_id)
            if organisation.version != expected_version:
                raise ConflictError(
                    "organisation", organisation_id, expected_version, organisation.version
                )
            if organisation.bound_by_professional_secrecy != clean.bound_by_professional_secrecy:
                # Checked before anything changes: the flag decides whether letters with
                # client data may go to this partner. `authorize` above confirmed the role.
                require(actor, SET_PARTNER_SECRECY)
            _refuse_same_name(session, clean.name, organisation_id)
            changed = _apply_organisation(organisation, clean)
            if changed:
                organisation.updated_at = utcnow()
                session.flush()
            audit.record(
                session,
                actor,
                "organisation.updated",
                "organisation",
                organisation_id,
                fields=changed,
            )
            return organisation_view(organisation)

    def services_of(self, actor: Actor, organisation_id: uuid.UUID) -> list[ServiceView]:
        """The organisation's services by name, each with its locations."""
        authorize(self.db, actor, BROWSE_DIRECTORY)
        with self.db.read() as session:
            return list(organisation_view(_load(session, organisation_id)).services)

    def save_service(
        self,
        actor: Actor,
        organisation_id: uuid.UUID,
        data: ServiceInput,
        service_id: uuid.UUID | None = None,
        expected_version: int | None = None,
    ) -> ServiceView:
        """Add a service to the organisation (`service_id` None) or change one; a change
        names the version last seen. `data.location_ids` replaces the service's locations."""
        authorize(self.db, actor, EDIT_PARTNERS)
        clean = check_service(data)
        if service_id is not None and expected_version is None:
            raise ValidationError("expected_version", "is required to change a service")
        with self._unit("service", service_id, expected_version) as session:
            if session.get(Organisation, organisation_id) is None:
                raise NotFoundError("organisation", organisation_id)
            locations = _locations(session, clean.location_ids)
            if service_id is None:
                service = Service(organisation_id=organisation_id)
                session.add(service)
            else:
                service = _load_service(session, service_id)
                if service.organisation_id != organisation_id:
                    raise ValidationError("service_id", "belongs to another organisation")
                if service.version != expected_version:
                    raise ConflictError("service", service_id, expected_version, service.version)
            changed = _apply_service(service, clean, locations)
            if service_id is not None and changed:
                service.updated_at = utcnow()
            session.flush()
            if service_id is None:
                audit.record(session, actor, "service.created", "service", service.id)
            else:
                audit.record(
                    session, actor, "service.updated", "service", service.id, fields=changed
                )
            return service_view(service)

    def save_location(
        self,
        actor: Actor,
        organisation_id: uuid.UUID | None,
        data: LocationInput,
        location_id: uuid.UUID | None = None,
        expected_version: int | None = None,
    ) -> LocationView:
        """Add a location (of an organisation, or shared: `organisation_id` None) or change
        one; a change names the version last seen."""
        authorize(self.db, actor, EDIT_PARTNERS)
        clean = check_location(data)
        if location_id is not None and expected_version is None:
            raise ValidationError("expected_version", "is required to change a location")
        with self._unit("location", location_id, expected_version) as session:
            if organisation_id is not None and session.get(Organisation, organisation_id) is None:
                raise NotFoundError("organisation", organisation_id)
            if location_id is None:
                location = Location()
                session.add(location)
                action = "location.created"
            else:
                found = session.get(Location, location_id)
                if found is None:
                    raise NotFoundError("location", location_id)
                if found.version != expected_version:
                    raise ConflictError("location", location_id, expected_version, found.version)
                location, action = found, "location.updated"
            location.organisation_id = organisation_id
            location.name = clean.name
            location.address_1 = clean.address_1
            location.postal_code = clean.postal_code
            location.city = clean.city
            if location.postal_code and location.country is None:
                location.country = "BE"
            location.updated_at = utcnow()
            session.flush()
            audit.record(session, actor, action, "location", location.id)
            return location_view(location)

    def count(self) -> int:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(Organisation)) or 0

    @contextmanager
    def _unit(
        self, entity: str, entity_id: uuid.UUID | None, expected: int | None
    ) -> Iterator[Session]:
        """A write unit that turns a lost race into ConflictError."""
        try:
            with self.db.write() as session:
                yield session
        except StaleDataError:
            raise ConflictError(entity, entity_id, expected, None) from None
        except IntegrityError as exc:
            if "uq_service_locations_pair" in str(exc.orig):
                raise ValidationError("location_ids", "a location is listed twice") from None
            raise


# -- loading and views ---------------------------------------------------------------------


def _score(query: Sequence[str], name: str, description: str, *, every: bool = True) -> int | None:
    """How many query words start a word of the name (plus one when `every` is False and
    some word occurs at all); None when a word is missing (`every`) or none occurs."""
    name_words = _WORD.findall(fold(name))
    haystack = f"{' '.join(name_words)} {fold(description)}"
    present = [word in haystack for word in query]
    if not all(present) if every else not any(present):
        return None
    return sum(any(w.startswith(word) for w in name_words) for word in query) + (not every)


def _hit(organisation: Any, service: Any | None) -> DirectoryHit:
    """A hit from rows (or records) with the organisation's and the service's columns."""
    if service is None:
        return DirectoryHit(
            organisation_id=organisation.id,
            organisation_name=organisation.name,
            bound_by_professional_secrecy=organisation.bound_by_professional_secrecy,
            description=organisation.description,
        )
    return DirectoryHit(
        organisation_id=organisation.id,
        organisation_name=organisation.name,
        bound_by_professional_secrecy=organisation.bound_by_professional_secrecy,
        service_id=service.id,
        service_name=service.name,
        description=service.description,
        active=service.status == "active",
    )


def _load(session: Session, organisation_id: uuid.UUID) -> Organisation:
    query = (
        select(Organisation)
        .where(Organisation.id == organisation_id)
        .options(
            selectinload(Organisation.services)
            .selectinload(Service.links)
            .selectinload(ServiceLocation.location),
            selectinload(Organisation.locations),
        )
    )
    organisation = session.scalars(query).one_or_none()
    if organisation is None:
        raise NotFoundError("organisation", organisation_id)
    return organisation


def _load_service(session: Session, service_id: uuid.UUID) -> Service:
    query = (
        select(Service)
        .where(Service.id == service_id)
        .options(selectinload(Service.links).selectinload(ServiceLocation.location))
    )
    service = session.scalars(query).one_or_none()
    if service is None:
        raise NotFoundError("service", service_id)
    return service


def _locations(session: Session, ids: Sequence[uuid.UUID]) -> list[Location]:
    found = {loc.id: loc for loc in session.scalars(select(Location).where(Location.id.in_(ids)))}
    for index, location_id in enumerate(ids):
        if location_id not in found:
            raise ValidationError(f"location_ids[{index}]", "no such location")
    return [found[location_id] for location_id in ids]


def _refuse_same_name(session: Session, name: str, own_id: uuid.UUID | None) -> None:
    key = name_key(name)
    for other_id, other_name in session.execute(select(Organisation.id, Organisation.name)):
        if other_id != own_id and name_key(other_name) == key:
            raise ValidationError("name", f"{other_name!r} is already on the sociale kaart")


def _apply_organisation(organisation: Organisation, data: OrganisationInput) -> list[str]:
    """Copy the input onto the record; the names of the fields that changed."""
    changed = []
    for field in fields(OrganisationInput):
        value = getattr(data, field.name)
        if getattr(organisation, field.name, None) != value:
            setattr(organisation, field.name, value)
            changed.append(field.name)
    return changed


def _apply_service(service: Service, data: ServiceInput, locations: list[Location]) -> list[str]:
    changed = []
    for name in ("name", "description", "email", "url", "status"):
        value = getattr(data, name)
        if getattr(service, name, None) != value:
            setattr(service, name, value)
            changed.append(name)
    current = {link.location_id: link for link in service.links}
    wanted = [loc.id for loc in locations]
    if list(current) != wanted:
        service.links = [
            current.get(loc.id) or ServiceLocation(location=loc, description="")
            for loc in locations
        ]
        changed.append("location_ids")
    return changed


def location_view(location: Location) -> LocationView:
    return LocationView(
        id=location.id,
        version=location.version,
        organisation_id=location.organisation_id,
        name=location.name,
        address_1=location.address_1,
        postal_code=location.postal_code,
        city=location.city,
        state_province=location.state_province,
        country=location.country,
        hsds_id=location.hsds_id,
    )


def service_view(service: Service) -> ServiceView:
    return ServiceView(
        id=service.id,
        version=service.version,
        organisation_id=service.organisation_id,
        name=service.name,
        description=service.description,
        email=service.email,
        url=service.url,
        status=service.status,
        hsds_id=service.hsds_id,
        locations=tuple(
            sorted(
                (location_view(link.location) for link in service.links),
                key=lambda view: fold(view.name),
            )
        ),
    )


def organisation_view(organisation: Organisation) -> OrganisationView:
    return OrganisationView(
        id=organisation.id,
        version=organisation.version,
        name=organisation.name,
        alternate_name=organisation.alternate_name,
        description=organisation.description,
        email=organisation.email,
        phone=organisation.phone,
        website=organisation.website,
        address=organisation.address,
        bound_by_professional_secrecy=organisation.bound_by_professional_secrecy,
        hsds_id=organisation.hsds_id,
        services=tuple(
            sorted((service_view(s) for s in organisation.services), key=lambda v: fold(v.name))
        ),
        locations=tuple(
            sorted(
                (location_view(loc) for loc in organisation.locations),
                key=lambda v: fold(v.name),
            )
        ),
        opening_hours=organisation.opening_hours,
        no_walk_in=organisation.no_walk_in,
        contact_sources=tuple((organisation.contact_sources or "").splitlines()),
    )
