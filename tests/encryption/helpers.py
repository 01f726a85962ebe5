"""Helpers for the encrypted-database tests: URLs, folder digests, a plain database."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from tests.builders import single

PASSPHRASE = "Veltem-antenne 2026!"


def url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file in `folder` by name, with the SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def make_plain(path: Path, family_name: str = "Vermeulen") -> Path:
    """A migrated plain database at `path` with one household."""
    db = Database.open(url(path), create=True)
    try:
        with db.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        HouseholdService(db).create(actor, single(family_name=family_name))
    finally:
        db.close()
    return path
