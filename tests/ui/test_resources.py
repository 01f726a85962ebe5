"""resource_path finds `resources/` in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui.resources import resource_path


def test_source_layout_is_beside_the_ui_package() -> None:
    repo = Path(__file__).resolve().parents[2]

    assert resource_path("i18n", "sociaalhuis_nl.ts") == repo / "resources/i18n/sociaalhuis_nl.ts"
    assert resource_path("i18n").is_dir()


def test_frozen_layout_uses_the_bundle_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert (
        resource_path("i18n", "sociaalhuis_nl.qm") == tmp_path / "resources/i18n/sociaalhuis_nl.qm"
    )
