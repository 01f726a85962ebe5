"""build/requirements.lock drives the bundle: it must pin every dependency pyproject.toml
declares, within the declared bounds, and carry hashes for every pin (pip --require-hashes
refuses the whole file otherwise). A dependency added to pyproject.toml without refreshing
the lock (`scripts/build-bundle --lock`) fails here, not in the bundle on a desk."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "build" / "requirements.lock"


def locked() -> list[tuple[Requirement, list[str]]]:
    """Each pin of the lock with its hashes."""
    text = LOCK.read_text("utf-8")
    entries: list[tuple[Requirement, list[str]]] = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        lines = [line.strip() for line in block.splitlines()]
        if not lines or lines[0].startswith("#"):
            continue
        requirement = Requirement(lines[0].rstrip("\\ ").strip())
        hashes = [line.split("=", 1)[1].rstrip("\\ ") for line in lines if "--hash=" in line]
        entries.append((requirement, hashes))
    return entries


def pins_for_linux_py311() -> dict[str, str]:
    """The version pinned for each package on the bundle's platform (Linux, Python 3.11)."""
    environment = {**default_environment(), "python_version": "3.11", "sys_platform": "linux"}
    environment["python_full_version"] = "3.11.7"
    pins: dict[str, str] = {}
    for requirement, _hashes in locked():
        if requirement.marker is None or requirement.marker.evaluate(environment):
            (spec,) = requirement.specifier
            assert spec.operator == "==", requirement
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_pin_is_exact_and_hashed() -> None:
    entries = locked()
    assert len(entries) > 30
    for requirement, hashes in entries:
        assert [spec.operator for spec in requirement.specifier] == ["=="], requirement
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), requirement


def test_lock_pins_every_declared_dependency_within_its_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = pins_for_linux_py311()
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in the lock"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} vs {line}"
    assert "pyinstaller" in pins and "pyinstaller-hooks-contrib" in pins


def test_lock_carries_the_windows_build_tools() -> None:
    """The lock is universal: the Windows build's own packages are there with their markers."""
    names = {canonicalize_name(requirement.name): requirement for requirement, _ in locked()}
    for windows_only in ("pefile", "pywin32-ctypes"):
        assert "win32" in str(names[windows_only].marker)
