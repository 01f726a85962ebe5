"""The one way to find files under `resources/`: the catalog, the sociale kaart, the HSDS
schemas, letter texts, fonts and translations, from a source checkout or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """`resources/` beside the packages in a checkout; inside the unpacked bundle when frozen.

    A PyInstaller build must add the folder as data: `("resources", "resources")`.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def resource_path(*parts: str) -> Path:
    """A path below `resources/`, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    return resources_root().joinpath(*parts)
