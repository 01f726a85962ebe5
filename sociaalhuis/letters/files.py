"""Where the letter texts and the bundled fonts live, in a checkout or in a frozen build.

Mirrors `ui.resources` (which the core may not import): `resources/` beside the package in
a checkout, inside the unpacked bundle when frozen by PyInstaller.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A path below `resources/`, e.g. `resource_path("fonts", "DejaVuSans.ttf")`."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return base.joinpath("resources", *parts)
