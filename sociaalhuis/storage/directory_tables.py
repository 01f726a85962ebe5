"""ORM tables of the sociale kaart: partners, their services and the places they work
(after Open Referral HSDS); re-exported by `storage.models`."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sociaalhuis.storage.base import Base, Editable
from sociaalhuis.storage.base import in_list as _in

# HSDS knows also `defunct` and `temporarily closed`; both are imported as `inactive`.
SERVICE_STATUSES = ("active", "inactive")


class Organisation(Editable, Base):
    """A partner on the sociale kaart.

    `hsds_id` is the organisation's id in the Open Referral HSDS package it was imported
    from (None for partners entered here); a re-import updates the record that carries it.
    `no_walk_in` says how to reach a partner without a desk to walk into; `contact_sources`
    holds the public sources of the contact fields, one a line.
    """

    __tablename__ = "organisations"
    name: Mapped[str] = mapped_column(String(300))
    alternate_name: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    website: Mapped[str | None] = mapped_column(String(500))
    address: Mapped[str | None] = mapped_column(Text)
    opening_hours: Mapped[str | None] = mapped_column(Text)
    no_walk_in: Mapped[str | None] = mapped_column(Text)
    contact_sources: Mapped[str | None] = mapped_column(Text)
    bound_by_professional_secrecy: Mapped[bool] = mapped_column(Boolean, default=False)
    hsds_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    services: Mapped[list[Service]] = relationship(
        back_populates="organisation", order_by="Service.name"
    )
    locations: Mapped[list[Location]] = relationship(
        back_populates="organisation", order_by="Location.name"
    )


class Service(Editable, Base):
    """What a partner offers (HSDS `service`): one organisation, delivered at its locations."""

    __tablename__ = "services"
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(254))
    url: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), default="active")
    hsds_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    organisation: Mapped[Organisation] = relationship(back_populates="services")
    links: Mapped[list[ServiceLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )
    __table_args__ = (CheckConstraint(_in("status", SERVICE_STATUSES), name="status"),)


class Location(Editable, Base):
    """A place where services are delivered (HSDS `location` with its physical address).

    `organisation_id` is optional, as in HSDS: a location such as a community centre can host
    the services of several organisations.
    """

    __tablename__ = "locations"
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id"), index=True
    )
    name: Mapped[str] = mapped_column(String(300), default="")
    address_1: Mapped[str | None] = mapped_column(String(300))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    state_province: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    hsds_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    organisation: Mapped[Organisation | None] = relationship(back_populates="locations")
    links: Mapped[list[ServiceLocation]] = relationship(
        back_populates="location", cascade="all, delete-orphan"
    )


class ServiceLocation(Editable, Base):
    """A service delivered at a location (HSDS `service_at_location`)."""

    __tablename__ = "service_locations"
    service_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("services.id"))
    location_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("locations.id"), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    hsds_id: Mapped[str | None] = mapped_column(String(100), unique=True)
    service: Mapped[Service] = relationship(back_populates="links")
    location: Mapped[Location] = relationship(back_populates="links")
    __table_args__ = (
        UniqueConstraint("service_id", "location_id", name="uq_service_locations_pair"),
    )
