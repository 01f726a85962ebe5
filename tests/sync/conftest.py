"""Fixtures of the sync command tests: settings kept in the test's folder (`isolated`, asked
for by the modules that run commands), a shared key."""

from __future__ import annotations

from pathlib import Path

import pytest

from sociaalhuis.sync import keys


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


@pytest.fixture
def key_file(tmp_path) -> Path:
    path = tmp_path / "shared.key"
    keys.write_key_file(path, keys.new_key())
    return path
