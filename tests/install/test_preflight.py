"""Qt's system libraries are checked before Qt is imported, and a missing one is named with
the Debian package that brings it: with a fake loader, and for real by putting a broken copy
of a library first on the loader's path, the way a missing one fails."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ui import preflight

ROOT = Path(__file__).resolve().parents[2]
# glibc and the compiler runtime: there on every system that runs Python at all.
BASE_SYSTEM = re.compile(r"^(ld-linux.*|libc|libm|libdl|libpthread|librt|libgcc_s)\.so")


def fake_loader(missing: dict[str, str]):
    """A loader that fails for the libraries in `missing` with the loader's own wording;
    the value is the library the error names (itself, or a dependency of it)."""
    loaded: list[str] = []

    def load(name: str) -> object:
        if name in missing:
            raise OSError(f"{missing[name]}: cannot open shared object file: No such file")
        loaded.append(name)
        return object()

    return load, loaded


def test_all_present_gives_no_message() -> None:
    load, loaded = fake_loader({})
    assert preflight.check_qt_libraries([], {"DISPLAY": ":0"}, load) is None
    assert "libxkbcommon-x11.so.0" in loaded and "libEGL.so.1" in loaded


def test_missing_library_is_named_with_its_package() -> None:
    load, _ = fake_loader({"libxkbcommon-x11.so.0": "libxkbcommon-x11.so.0"})
    message = preflight.check_qt_libraries([], {}, load)
    assert message is not None
    assert "libxkbcommon-x11.so.0 ontbreekt: sudo apt install libxkbcommon-x11-0" in message


def test_missing_dependency_is_reported_not_the_library_asking_for_it() -> None:
    # dlopen of libxkbcommon-x11 fails because libxcb-xkb is missing: that is what to install.
    load, _ = fake_loader(
        {"libxkbcommon-x11.so.0": "libxcb-xkb.so.1", "libxcb-xkb.so.1": "libxcb-xkb.so.1"}
    )
    message = preflight.check_qt_libraries([], {}, load)
    assert message is not None
    lines = message.splitlines()
    assert lines[1:] == ["libxcb-xkb.so.1 ontbreekt: sudo apt install libxcb-xkb1"]


def test_several_missing_give_one_install_command_and_the_t64_name() -> None:
    load, _ = fake_loader(
        {name: name for name in ("libEGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0")}
    )
    message = preflight.check_qt_libraries([], {}, load)
    assert message is not None
    assert "Alles in één keer: sudo apt install libegl1 libglib2.0-0" in message
    assert "libglib2.0-0t64" in message


def test_unknown_library_is_still_named() -> None:
    load, _ = fake_loader({"libGL.so.1": "libweird.so.3"})
    message = preflight.check_qt_libraries([], {}, load)
    assert message is not None and "libweird.so.3 ontbreekt (zoek het pakket" in message


def test_offscreen_needs_no_xcb_libraries() -> None:
    missing = {name: name for name in preflight.XCB_LIBRARIES}
    load, _ = fake_loader(missing)
    assert preflight.check_qt_libraries([], {"QT_QPA_PLATFORM": "offscreen"}, load) is None
    assert preflight.check_qt_libraries(["-platform", "offscreen"], {}, load) is None
    # The command line wins over the environment, as in Qt; a list falling back to xcb counts.
    assert preflight.check_qt_libraries(
        ["-platform", "xcb"], {"QT_QPA_PLATFORM": "offscreen"}, load
    )
    assert preflight.check_qt_libraries([], {"QT_QPA_PLATFORM": "wayland;xcb"}, load)


def test_error_wrapped_by_the_frozen_bundle_names_the_library() -> None:
    """PyInstaller's ctypes raises its own OSError from the loader's: the cause is read."""

    def frozen_load(name: str) -> object:
        if name == "libxcb-cursor.so.0":
            try:
                raise OSError("libxcb-cursor.so.0: cannot open shared object file")
            except OSError as loader_error:
                raise OSError(f"Failed to load dynlib/dll {name!r}. Most likely") from loader_error
        return object()

    message = preflight.check_qt_libraries([], {}, frozen_load)
    assert message is not None
    assert message.splitlines()[1:] == [
        "libxcb-cursor.so.0 ontbreekt: sudo apt install libxcb-cursor0"
    ]


def test_loader_error_wording() -> None:
    assert preflight.failed_library("/x/lib/libGL.so.1: file too short") == "libGL.so.1"
    assert (
        preflight.failed_library("libxcb-xkb.so.1: cannot open shared object file: No such file")
        == "libxcb-xkb.so.1"
    )


def qt_binaries() -> list[Path]:
    import PySide6  # the test process has Qt loaded already; here only its location matters

    qt = Path(PySide6.__file__).parent / "Qt"
    names = ["Core", "Gui", "Widgets", "DBus", "Svg", "PrintSupport", "XcbQpa", "OpenGL"]
    libraries = [qt / "lib" / f"libQt6{name}.so.6" for name in names]
    plugins = [qt / "plugins" / "platforms" / f"lib{name}.so" for name in ("qxcb", "qoffscreen")]
    return [path for path in libraries + plugins if path.exists()]


def test_every_system_library_qt_links_against_is_listed() -> None:
    """ldd of the installed PySide6: whatever Qt needs from outside the wheel is in our list
    (found or not on this machine), so a PySide6 upgrade that needs more fails here."""
    binaries = qt_binaries()
    assert len(binaries) >= 6
    listed = preflight.CORE_LIBRARIES | preflight.XCB_LIBRARIES
    needed: set[str] = set()
    for binary in binaries:
        output = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        for line in output.splitlines():
            parts = line.split()
            if not parts or "=>" not in parts or "PySide6" in line or "shiboken6" in line:
                continue
            needed.add(parts[0])
    outside = {name for name in needed if not BASE_SYSTEM.match(name)}
    assert "libxcb-cursor.so.0" in outside and "libEGL.so.1" in outside
    assert sorted(outside - listed.keys()) == []


def run_desk_from_source(library_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": "",
        "LD_LIBRARY_PATH": str(library_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "ui"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_missing_library_stops_python_m_ui_before_qt(tmp_path: Path) -> None:
    """A broken libxkbcommon-x11.so.0 first on the loader's path fails to load like a missing
    one: `python -m ui` names the package and exits 1 before Qt aborts on the xcb plugin."""
    (tmp_path / "libxkbcommon-x11.so.0").write_bytes(b"not a library")
    result = run_desk_from_source(tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Sociaal Huis kan niet starten: Qt mist bibliotheken van het systeem." in result.stderr
    assert "libxkbcommon-x11.so.0 ontbreekt: sudo apt install libxkbcommon-x11-0" in result.stderr
    assert "Traceback" not in result.stderr
    assert "platform plugin" not in result.stderr  # Qt's own abort never came


def test_qt_import_failure_becomes_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """A library outside the list that only the Qt import finds missing is named too."""
    monkeypatch.setattr(preflight, "check_qt_libraries", lambda *_args: None)
    reported: list[str] = []
    monkeypatch.setattr(preflight, "report", reported.append)
    error = ImportError("libfoo-qt.so.2: cannot open shared object file: No such file")
    monkeypatch.setattr(preflight, "_import_desk", lambda: (_ for _ in ()).throw(error))
    assert preflight.main([]) == 1
    assert reported == [preflight.describe_missing(["libfoo-qt.so.2"])]
