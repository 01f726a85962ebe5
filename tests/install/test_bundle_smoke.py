"""The built bundle works as installed: scripts/build-bundle makes it from the lock, then the
frozen `sociaalhuis-admin` creates a fresh SQLite database and an account, the frozen desk logs
in with the real password (offscreen), opens and saves its main window, and
`sociaalhuis admin info` answers from the same executable.

The build (a few minutes) is cached under ~/.cache/sociaalhuis-bundle (or
$SOCIAALHUIS_BUNDLE_CACHE), keyed by a hash of the lock, the recipe and every source and
resource file; a changed file builds anew, and only the newest build is kept.
"""

from __future__ import annotations

import configparser
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
RECIPE = [
    "build/requirements.lock",
    "build/sociaalhuis.spec",
    "build/sociaalhuis.desktop",
    "build/install-linux",
    "scripts/build-bundle",
]
SOURCES = ["sociaalhuis", "ui", "resources"]
PASSWORD = "koffie-en-koekjes"


def build_key() -> str:
    """A hash of everything that goes into the bundle, and of the Python that builds it."""
    digest = hashlib.sha256(sys.version.encode())
    files = [ROOT / name for name in RECIPE]
    for folder in SOURCES:
        files += sorted(
            path
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        )
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    configured = os.environ.get("SOCIAALHUIS_BUNDLE_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sociaalhuis-bundle"


@pytest.fixture(scope="module")
def bundle() -> Iterator[Path]:
    """The built bundle folder (dist/sociaalhuis), built now when no cached build matches."""
    cache = cache_root()
    cache.mkdir(parents=True, exist_ok=True)
    key = build_key()
    target = cache / key
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time, also across test runs
        if not (target / "done").exists():
            for old in cache.iterdir():
                if old.is_dir() and old.name != "venv":
                    shutil.rmtree(old)
            started = time.monotonic()
            env = {
                **os.environ,
                "DIST": str(target / "dist"),
                "WORK": str(target / "work"),
                # The build venv depends on the lock only; the script renews it when that changes.
                "BUILD_VENV": str(cache / "venv"),
            }
            result = subprocess.run(
                [str(ROOT / "scripts" / "build-bundle")],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=1800,
            )
            assert result.returncode == 0, result.stderr[-4000:]
            shutil.rmtree(target / "work", ignore_errors=True)
            (target / "done").write_text(f"built in {time.monotonic() - started:.0f} s\n")
    yield target / "dist" / "sociaalhuis"


def run(
    program: Path, *args: str, stdin: str = "", env: dict[str, str], timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """An environment like a fresh computer's: own data and settings folders, offscreen."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SOCIAALHUIS_", "PYTHON", "LD_"))
    }
    env.update(
        QT_QPA_PLATFORM="offscreen",
        SOCIAALHUIS_DATA_DIR=str(tmp_path / "data"),
        SOCIAALHUIS_CONFIG_DIR=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    return env


def test_bundle_carries_both_programs_icon_and_desktop_entry(bundle: Path) -> None:
    for program in ("sociaalhuis", "sociaalhuis-admin", "install-linux"):
        assert os.access(bundle / program, os.X_OK), program
    icons = bundle / "_internal" / "resources" / "icons"
    for size in (16, 32, 48, 256):
        with Image.open(icons / f"sociaalhuis-{size}.png") as image:
            assert image.size == (size, size)
    assert (icons / "sociaalhuis.ico").stat().st_size > 0
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(bundle / "sociaalhuis.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "sociaalhuis" and desktop["Icon"] == "sociaalhuis"
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"


def test_install_linux_for_one_user(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    """The bundle's installer puts both programs on the PATH, the entry in the menu with the
    full path, and the icon in every size; the installed admin program runs."""
    prefix = tmp_path / "local"
    env = {**clean_env, "PREFIX": str(prefix)}
    installed = run(bundle / "install-linux", env=env)
    assert installed.returncode == 0, installed.stderr
    entry = (prefix / "share" / "applications" / "sociaalhuis.desktop").read_text("utf-8")
    assert f"Exec={prefix}/bin/sociaalhuis\n" in entry and "Icon=sociaalhuis\n" in entry
    for size in (16, 48, 256):
        assert (prefix / f"share/icons/hicolor/{size}x{size}/apps/sociaalhuis.png").is_file()
    assert (prefix / "share/icons/hicolor/scalable/apps/sociaalhuis.svg").is_file()
    version = run(prefix / "bin" / "sociaalhuis-admin", "--version", env=clean_env)
    assert version.returncode == 0 and version.stdout.startswith("sociaalhuis "), version.stderr
    # The installer ends with the library check; its verdict depends on this machine.
    assert "Sociaal Huis" in installed.stdout + installed.stderr


def test_fresh_database_login_main_window_and_admin_command(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    database = tmp_path / "herent.db"
    url = f"sqlite:///{database}"
    admin = bundle / "sociaalhuis-admin"
    created = run(admin, "--database", url, "init", env=clean_env)
    assert created.returncode == 0, created.stderr
    added = run(
        admin,
        *("--database", url, "users", "add", "an", "--name", "An Beheer"),
        *("--role", "admin", "--function", "Diensthoofd", "--password-stdin"),
        stdin=f"{PASSWORD}\n",
        env=clean_env,
    )
    assert added.returncode == 0, added.stderr
    assert "added an (admin): An Beheer" in added.stdout

    png = tmp_path / "main-window.png"
    desk = bundle / "sociaalhuis"
    started = run(
        desk,
        "--database",
        str(database),
        "--smoke-test",
        str(png),
        stdin=f"an\n{PASSWORD}\n",
        env=clean_env,
    )
    assert started.returncode == 0, started.stderr
    assert "smoke test: logged in as An Beheer" in started.stdout
    assert "icon: yes" in started.stdout
    with Image.open(png) as image:
        assert image.size == (1366, 768)
        # A drawn window, not an empty grab: many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 50

    info = run(desk, "admin", "--database", url, "info", env=clean_env)
    assert info.returncode == 0, info.stderr
    assert "schema version:" in info.stdout and "users:" in info.stdout, info.stdout


def test_wrong_password_opens_nothing(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    """The smoke mode is no way around the login: a wrong password ends it with exit 1."""
    url = f"sqlite:///{tmp_path / 'herent.db'}"
    admin = bundle / "sociaalhuis-admin"
    assert run(admin, "--database", url, "init", env=clean_env).returncode == 0
    added = run(
        admin,
        *("--database", url, "users", "add", "an", "--name", "An Beheer"),
        *("--role", "admin", "--function", "Diensthoofd", "--password-stdin"),
        stdin=f"{PASSWORD}\n",
        env=clean_env,
    )
    assert added.returncode == 0, added.stderr
    png = tmp_path / "main-window.png"
    refused = run(
        bundle / "sociaalhuis",
        *("--database", str(tmp_path / "herent.db"), "--smoke-test", str(png)),
        stdin="an\nverkeerd-wachtwoord\n",
        env=clean_env,
    )
    assert refused.returncode == 1
    assert "smoke test:" in refused.stderr and "Traceback" not in refused.stderr
    assert not png.exists()


def test_bundle_names_a_missing_qt_library(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    """The frozen desk checks Qt's libraries before loading Qt: a broken libEGL.so.1 (which
    the bundle does not carry) first on the loader's path is reported with its package."""
    assert not list((bundle / "_internal").rglob("libEGL.so*"))
    fake = tmp_path / "lib"
    fake.mkdir()
    (fake / "libEGL.so.1").write_bytes(b"not a library")
    env = {**clean_env, "LD_LIBRARY_PATH": str(fake), "QT_QPA_PLATFORM": "xcb", "DISPLAY": ""}
    result = run(bundle / "sociaalhuis", env=env)
    assert result.returncode == 1, result.stderr
    assert "libEGL.so.1 ontbreekt: sudo apt install libegl1" in result.stderr
    assert "Traceback" not in result.stderr
