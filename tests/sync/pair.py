"""A central database and a laptop copied from it, with records in conflict after a sync.

`make_pair` copies a central SQLite file to a laptop the way an antennepost starts; the
helpers below edit the same household on both sides and deliver the laptop's changes, so the
central keeps a conflict. `foreign_conflict` makes one on any backend (PostgreSQL too) with a
change written as another site would have sent it.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, SyncPeer
from sociaalhuis.sync import outbox, site, snapshot
from sociaalhuis.sync.change import Change, new_change_id
from sociaalhuis.sync.receive import ReceiveReport, receive
from tests.builders import family

CENTRAL_STREET = "Centraalstraat"
LAPTOP_STREET = "Laptopstraat"


@dataclass
class Pair:
    """The central, its laptop, the worker who made the case, and the case's household."""

    central: Database
    laptop: Database
    actor: Actor
    household_id: uuid.UUID

    def close(self) -> None:
        self.central.close()
        self.laptop.close()


def make_pair(folder: Path) -> Pair:
    """A central SQLite database with one family, and a laptop copied from it before any edit."""
    central_path, laptop_path = folder / "central.db", folder / "laptop.db"
    central = Database.open(f"sqlite:///{central_path.as_posix()}", create=True)
    with central.write() as session:
        actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    household_id = HouseholdService(central).create(actor, family()).id
    central.close()
    shutil.copy(central_path, laptop_path)
    central = Database.open(f"sqlite:///{central_path.as_posix()}")
    laptop = Database.open(f"sqlite:///{laptop_path.as_posix()}")
    with laptop.write() as session:
        site.become_laptop(session, "Antenne Veltem")
    return Pair(central, laptop, actor, household_id)


def edit_street(db: Database, household_id: uuid.UUID, street: str) -> None:
    """An edit of the household's street, saved like any other."""
    with db.write() as session:
        household = session.get(Household, household_id)
        assert household is not None
        household.street = street


def send_up(pair: Pair) -> ReceiveReport:
    """Deliver every change the laptop made to the central (the caller's sync)."""
    with pair.laptop.read() as session:
        changes = outbox.changes(session)
        laptop = site.current(session)
    with pair.central.write() as session:
        return receive(session, changes, sender=laptop.site_id, sender_epoch=laptop.epoch)


def street_conflict(pair: Pair) -> ReceiveReport:
    """Both sites change the street while apart; the laptop's change reaches the central."""
    edit_street(pair.central, pair.household_id, CENTRAL_STREET)
    edit_street(pair.laptop, pair.household_id, LAPTOP_STREET)
    report = send_up(pair)
    assert report.open_conflicts == 1, report
    return report


def send_down(pair: Pair) -> None:
    """The central's state, with its conflicts marked, taken by the laptop (its caseload)."""
    with pair.laptop.read() as session:
        laptop_site = site.current(session).site_id
    with pair.central.write() as session:
        peer = session.get(SyncPeer, uuid.UUID(laptop_site))
        assert peer is not None, "the laptop sends before it receives"
        peer.users = json.dumps([str(pair.actor.user_id)])
        share = snapshot.build(session, laptop_site)
    with pair.laptop.write() as session:
        snapshot.take(session, share)


def foreign_conflict(db: Database, household_id: uuid.UUID) -> ReceiveReport:
    """On any backend: another site's change of the street, made from the version before this
    database changed the street too, is received and kept as a conflict."""
    with db.read() as session:
        household = session.scalars(select(Household).where(Household.id == household_id)).one()
        version, street = household.version, household.street
    edit_street(db, household_id, CENTRAL_STREET)
    change = Change(
        change_id=new_change_id(),
        site_id=str(uuid.uuid4()),
        seq=1,
        table="households",
        record_id=str(household_id),
        op="update",
        base_version=version,
        version=version + 1,
        fields={"street": LAPTOP_STREET},
        base_fields={"street": street},
    )
    with db.write() as session:
        report = receive(session, [change], sender=change.site_id)
    assert report.open_conflicts >= 1, report
    return report
