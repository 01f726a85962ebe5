"""The core never imports Qt or the UI package: checked in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import sociaalhuis


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        info.name
        for info in pkgutil.walk_packages(sociaalhuis.__path__, "sociaalhuis.")
        if ".migrations" not in info.name and not info.name.endswith("__main__")
    )
    assert "sociaalhuis.cases.households" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "print(','.join(sorted(roots & {'PySide6', 'shiboken6', 'ui'})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
