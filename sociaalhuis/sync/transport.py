"""One protocol, two transports: a laptop's changes go up and are merged at the central
(`receive`), the laptop's share of the central comes back down (`snapshot`), either over a
direct connection to the central database or as bundle files carried between the sites.

Qt-free: the `sync` commands print what these return, the app shows the same summary.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sociaalhuis.cases.households import load_household
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import NotFoundError, SociaalHuisError
from sociaalhuis.screening.store import refresh_household
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import SyncPeer
from sociaalhuis.sync import outbox, site, snapshot
from sociaalhuis.sync.bundle import read_bundle, write_bundle
from sociaalhuis.sync.receive import ReceiveReport, receive
from sociaalhuis.sync.snapshot import SnapshotReport

# step (Dutch-free code: "send", "merge", "snapshot", "take"), done, total
Progress = Callable[[str, int, int], None]
Refresh = Callable[[Session, list[uuid.UUID]], None]


class SyncError(SociaalHuisError):
    """A sync that cannot start or was refused whole; `kind` names the problem for the UI."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class SyncSummary:
    """What one sync did: changes sent up, what the central did with them, what came down."""

    sent: int
    received: ReceiveReport | None
    taken: SnapshotReport | None


def _quiet(_step: str, _done: int, _total: int) -> None:
    return None


def confirmed_seq(session: Session) -> int:
    """On a laptop: the newest of its changes the central confirmed (in its last snapshot)."""
    here = site.current(session)
    query = select(SyncPeer.acked_seq).where(SyncPeer.id != uuid.UUID(here.site_id))
    return max(session.scalars(query), default=0)


def sync_direct(
    laptop: Database,
    central: Database,
    *,
    progress: Progress = _quiet,
    refresh_laptop: Refresh | None = None,
    refresh_central: Refresh | None = None,
) -> SyncSummary:
    """Send the laptop's unsent changes to the central and take its snapshot back.

    Each side commits on its own: a connection cut after the central committed leaves the
    changes there and unsent here; sending them again is ignored, so the next sync mends it.
    """
    with laptop.read() as session:
        here = site.current(session)
    if here.role != "laptop":
        raise SyncError("this database is not a laptop (site set --role laptop)", "not_laptop")
    with central.read() as session:
        there = site.current(session)
        if there.role != "central":
            raise SyncError("the other database is not the central one", "not_central")
        peer = session.get(SyncPeer, uuid.UUID(here.site_id))
        confirmed = peer.received_seq if peer is not None else 0
    with laptop.read() as session:
        changes = outbox.changes(session, after_seq=confirmed)
    progress("send", 0, len(changes))
    with central.write() as session:
        report = receive(
            session,
            changes,
            sender=here.site_id,
            sender_epoch=here.epoch,
            refresh=refresh_central,
        )
    progress("send", len(changes), len(changes))
    progress("snapshot", 0, 1)
    with central.read() as session:
        share = snapshot.build(session, here.site_id)
    progress("take", 0, len(share.rows))
    with laptop.write() as session:
        taken = snapshot.take(session, share, refresh=refresh_laptop)
    progress("take", len(share.rows), len(share.rows))
    return SyncSummary(sent=len(changes), received=report, taken=taken)


@dataclass(frozen=True)
class ImportSummary:
    """A bundle taken in: changes merged here (the central) or a snapshot taken (a laptop)."""

    path: str
    sender_site: str
    received: ReceiveReport | None
    taken: SnapshotReport | None


def import_bundle(
    db: Database, path: Path | str, key: bytes, *, refresh: Refresh | None = None
) -> ImportSummary:
    """Read a bundle whole and take it in, in one transaction: a laptop's changes at the
    central, or the central's snapshot at the laptop it was made for. Raises BundleError for a
    bundle that does not verify, SyncError for one that is not for this database."""
    bundle = read_bundle(path, key)
    header = bundle.header
    with db.write() as session:
        here = site.current(session)
        if header.sender_site == here.site_id:
            raise SyncError(f"{path} was made by this database itself", "own_bundle")
        if snapshot.is_snapshot(bundle.changes):
            if here.role != "laptop":
                raise SyncError(f"{path} is a snapshot for a laptop", "snapshot_here")
            share = snapshot.from_changes(bundle.changes)
            taken = snapshot.take(session, share, refresh=refresh)
            return ImportSummary(str(path), header.sender_site, None, taken)
        if here.role != "central":
            raise SyncError(f"{path} holds a laptop's changes; import it centrally", "to_central")
        report = receive(
            session,
            bundle.changes,
            sender=header.sender_site,
            sender_epoch=header.sender_epoch,
            refresh=refresh,
        )
        return ImportSummary(str(path), header.sender_site, report, None)


def export_snapshot(db: Database, path: Path | str, key: bytes, laptop_site: str) -> int:
    """Write the laptop's share of this central database to a bundle; returns the rows."""
    with db.read() as session:
        here = site.current(session)
        if here.role != "central":
            raise SyncError("only the central database makes snapshots", "not_central")
        share = snapshot.build(session, laptop_site)
    lines = snapshot.to_changes(share)
    write_bundle(
        path,
        key,
        sender_site=here.site_id,
        sender_epoch=here.epoch,
        receiver_site=laptop_site,
        changes=lines,
        first_seq=1,
        last_seq=len(lines),
    )
    return len(share.rows)


def set_laptop_users(
    session: Session, laptop_site: str, user_ids: list[uuid.UUID], name: str
) -> None:
    """At the central: which accounts a laptop serves (its caseload) and what it is called."""
    row = session.get(SyncPeer, uuid.UUID(laptop_site))
    if row is None:
        row = SyncPeer(id=uuid.UUID(laptop_site), received_seq=0, acked_seq=0)
        session.add(row)
    row.users = json.dumps(sorted(map(str, user_ids)))
    if name:
        row.name = name
    session.flush()


def findings_refresh(on: date | None = None) -> Refresh:
    """Refresh the stored findings of the households a sync changed, under the shipped
    catalog (as a save at the desk does), so the team lead's list is never stale."""
    catalog, _problems = loader.check(None, today=on or date.today())
    if catalog is None:
        raise SyncError("the shipped catalog does not load", "catalog")
    evaluator = Evaluator(catalog)

    def refresh(session: Session, household_ids: list[uuid.UUID]) -> None:
        for household_id in household_ids:
            try:
                household = load_household(session, household_id)
            except NotFoundError:
                continue  # deleted by the same delivery
            refresh_household(session, evaluator, household, on or date.today())

    return refresh
