"""What the directory (sociale kaart) services take and give: frozen dataclasses, never ORM
objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationInput:
    """A partner as entered or edited.

    `bound_by_professional_secrecy`: the partner's workers are bound by professional secrecy
    (beroepsgeheim, art. 458 Sw.), so shared professional secrecy allows a referral letter
    with client data to go there (with consent, a purpose and selected facts).
    """

    name: str
    description: str = ""
    alternate_name: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    address: str | None = None
    bound_by_professional_secrecy: bool = False


@dataclass(frozen=True)
class ServiceInput:
    """A service of an organisation; `location_ids` are the locations where it is offered."""

    name: str
    description: str = ""
    email: str | None = None
    url: str | None = None
    status: str = "active"
    location_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class LocationInput:
    """A place where services are delivered, with its address (all parts optional)."""

    name: str = ""
    address_1: str | None = None
    postal_code: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class LocationView:
    id: uuid.UUID
    version: int
    organisation_id: uuid.UUID | None
    name: str
    address_1: str | None
    postal_code: str | None
    city: str | None
    state_province: str | None
    country: str | None
    hsds_id: str | None

    @property
    def address(self) -> str:
        """One line: `Van Bladelstraat 1, 3020 Herent` (the parts that are known)."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address_1, place) if part)


@dataclass(frozen=True)
class ServiceView:
    id: uuid.UUID
    version: int
    organisation_id: uuid.UUID
    name: str
    description: str
    email: str | None
    url: str | None
    status: str
    hsds_id: str | None
    locations: tuple[LocationView, ...] = ()


@dataclass(frozen=True)
class OrganisationView:
    """A partner as loaded, with its services and locations; hand `version` back with the
    next change."""

    id: uuid.UUID
    version: int
    name: str
    alternate_name: str | None
    description: str
    email: str | None
    phone: str | None
    website: str | None
    address: str | None
    bound_by_professional_secrecy: bool
    hsds_id: str | None
    services: tuple[ServiceView, ...] = ()
    locations: tuple[LocationView, ...] = ()
    # read-only here: filled by the partners file (`referrals.partners`), not by the form
    opening_hours: str | None = None
    no_walk_in: str | None = None  # how to reach a partner that has no desk to walk into
    contact_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class DirectoryHit:
    """One line of a directory search: an organisation, or one of its services
    (`service_id` set)."""

    organisation_id: uuid.UUID
    organisation_name: str
    bound_by_professional_secrecy: bool
    service_id: uuid.UUID | None = None
    service_name: str | None = None
    description: str = ""
    active: bool = True  # False for a service that is no longer offered

    @property
    def label(self) -> str:
        if self.service_name is None:
            return self.organisation_name
        return f"{self.organisation_name} — {self.service_name}"
