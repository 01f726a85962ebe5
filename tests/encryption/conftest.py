"""Fixtures for the encrypted database: a plain database with a client, and one converted."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaalhuis.storage import conversion
from tests.encryption.helpers import PASSPHRASE, make_plain


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    return make_plain(tmp_path / "antenne.db")


@pytest.fixture
def encrypted(plain: Path) -> tuple[Path, str]:
    """The plain database converted; the path and its recovery key."""
    done = conversion.encrypt(plain, PASSPHRASE)
    return plain, done.recovery_key
