"""What the app's sync window needs to know before it starts: this site, and at the central
the laptops it makes snapshots for (peers with accounts set by `sync laptop`)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import SyncPeer
from sociaalhuis.sync import site


@dataclass(frozen=True)
class Laptop:
    """A laptop the central knows: its site id and the name it was given."""

    site_id: str
    name: str


def this_site(db: Database) -> site.Site:
    """The site `db` is (its role decides what the window offers)."""
    with db.read() as session:
        return site.current(session)


def known_laptops(db: Database) -> list[Laptop]:
    """The laptops this database serves snapshots to, by name: peers with accounts set."""
    with db.read() as session:
        here = site.current(session).site_id
        peers = session.scalars(select(SyncPeer).order_by(SyncPeer.name, SyncPeer.id))
        return [
            Laptop(str(peer.id), peer.name)
            for peer in peers
            if str(peer.id) != here and json.loads(peer.users or "[]")
        ]
