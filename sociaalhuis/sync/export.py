"""Export this site's outbox into a bundle file, and read a bundle back for inspection.

Qt-free: `sync export` and `sync inspect` print what these return, and the app can show the
same summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.sync import outbox, site
from sociaalhuis.sync.bundle import BundleHeader, read_bundle, write_bundle
from sociaalhuis.sync.change import Change
from sociaalhuis.sync.transport import confirmed_seq

# (table, operation) -> number of changes, in the order the tables were first met.
Counts = dict[tuple[str, str], int]


@dataclass(frozen=True)
class Summary:
    """What one bundle holds: its header and how many changes per table and operation.

    `header` is None when an export found nothing to send (and wrote no file).
    """

    path: str
    header: BundleHeader | None
    counts: Counts

    @property
    def count(self) -> int:
        return sum(self.counts.values())


def count_changes(changes: Iterable[Change]) -> Counts:
    """How many changes per (table, operation), sorted by table then insert/update/delete."""
    order = {"insert": 0, "update": 1, "delete": 2}
    counted = Counter((change.table, change.op) for change in changes)
    return dict(sorted(counted.items(), key=lambda item: (item[0][0], order[item[0][1]])))


def export_bundle(db: Database, path: Path | str, key: bytes, since: int | None = None) -> Summary:
    """Write this site's outbox changes with seq above `since` to a new bundle at `path`
    (None: those the central has not confirmed, which on the central itself is all).

    Nothing to send writes no file (the summary's header is None). Raises ValidationError for a
    negative `since` and BundleError (kind `unwritable`) when the file cannot be written.
    """
    if since is not None and since < 0:
        raise ValidationError("--since", "give a sequence number of 0 or more")
    with db.read() as session:
        here = site.current(session)
        if since is None:
            since = confirmed_seq(session)
        changes = outbox.changes(session, after_seq=since)
    if not changes:
        return Summary(str(path), None, {})
    header = write_bundle(
        path,
        key,
        sender_site=here.site_id,
        sender_epoch=here.epoch,
        changes=changes,
        first_seq=changes[0].seq,
        last_seq=changes[-1].seq,
    )
    return Summary(str(path), header, count_changes(changes))


def inspect_bundle(path: Path | str, key: bytes) -> Summary:
    """Verify the bundle at `path` whole and summarise it; BundleError when it is refused."""
    bundle = read_bundle(path, key)
    return Summary(str(path), bundle.header, count_changes(bundle.changes))
