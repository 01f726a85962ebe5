"""What runs before Qt is imported: the admin command line, and the check of Qt's system libraries.

PySide6's wheels (and so the bundle) carry Qt itself but not the libraries of the system it
links against (OpenGL, fontconfig, xkbcommon, the xcb family). When one is missing, importing
`PySide6.QtWidgets` fails with an ImportError, or Qt aborts with "could not load the Qt
platform plugin xcb" — neither names the package to install. `main()` loads every one of them
first and, when one fails, says which file is missing and which Debian package brings it.
Nothing here may import PySide6: this module is imported first, by `python -m ui` and by the
bundle's `sociaalhuis` executable.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

# The Debian package of each library Qt's core, GUI and widget modules load (ldd of the
# PySide6 wheel, minus glibc); a library named in a loader error but not listed is still
# reported, by file name. tests/install/test_preflight.py keeps this list complete.
CORE_LIBRARIES: dict[str, str] = {
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libGLdispatch.so.0": "libglvnd0",
    "libGLX.so.0": "libglx0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libexpat.so.1": "libexpat1",
    "libpng16.so.16": "libpng16-16",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libfreetype.so.6": "libfreetype6",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "liblzma.so.5": "liblzma5",
    "liblz4.so.1": "liblz4-1",
    "libcap.so.2": "libcap2",
    "libgpg-error.so.0": "libgpg-error0",
    "libgcrypt.so.20": "libgcrypt20",
    "libsystemd.so.0": "libsystemd0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# What the xcb platform plugin (the X11 desktop) needs on top.
XCB_LIBRARIES: dict[str, str] = {
    "libmd.so.0": "libmd0",
    "libbsd.so.0": "libbsd0",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
# Debian 13 and Ubuntu 24.04 renamed a few packages for the 64-bit time_t move.
T64_RENAMED = frozenset({"libglib2.0-0"})
# Platform plugins that draw without a display server need no xcb libraries.
NO_XCB_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "wayland"})

Loader = Callable[[str], object]


def platform_plugins(argv: Sequence[str], env: Mapping[str, str]) -> list[str]:
    """The Qt platform plugins this start will try, in Qt's order: `-platform NAME` on the
    command line, then QT_QPA_PLATFORM; empty when Qt picks its default (xcb on Linux)."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    for index, argument in enumerate(argv):
        if argument in ("-platform", "--platform") and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif argument.startswith(("-platform=", "--platform=")):
            chosen = argument.split("=", 1)[1]
    # A plugin may carry options ("offscreen:fontengine=freetype"); a list is tried in order.
    return [name.split(":", 1)[0].strip() for name in chosen.split(";") if name.strip()]


def libraries_needed(plugins: Sequence[str]) -> dict[str, str]:
    """The libraries to load for these plugins, dependencies first, with their packages."""
    needed = dict(CORE_LIBRARIES)
    if not plugins or any(name not in NO_XCB_PLATFORMS for name in plugins):
        needed.update(XCB_LIBRARIES)
    return needed


def failed_library(error: str) -> str:
    """The file a loader error is about: "libxcb-xkb.so.1: cannot open shared object file"
    and "/some/dir/libGL.so.1: file too short" both name the library before the colon."""
    return os.path.basename(error.split(": ", 1)[0].strip())


def missing_libraries(needed: Mapping[str, str], load: Loader = ctypes.CDLL) -> list[str]:
    """The libraries that do not load, each once: the one asked for, or the dependency the
    loader names when that is what failed."""
    missing: list[str] = []
    for name in needed:
        try:
            load(name)
        except OSError as exc:
            # A frozen bundle's ctypes wraps the loader's error in its own ("... not found
            # when the application was frozen"); the loader's wording is the cause.
            cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
            culprit = failed_library(str(cause)) or name
            if culprit not in missing:
                missing.append(culprit)
    return missing


def package_of(library: str) -> str | None:
    """The Debian package that brings `library`, when known."""
    return CORE_LIBRARIES.get(library) or XCB_LIBRARIES.get(library)


def describe_missing(missing: Sequence[str]) -> str:
    """The message for the person at the computer (Dutch: Qt and its translations cannot
    load yet): one line per missing library and the apt command that installs them all."""
    lines = ["Sociaal Huis kan niet starten: Qt mist bibliotheken van het systeem."]
    packages: list[str] = []
    for library in missing:
        package = package_of(library)
        if package is None:
            lines.append(f"{library} ontbreekt (zoek het pakket met: apt-file search {library})")
            continue
        lines.append(f"{library} ontbreekt: sudo apt install {package}")
        if package not in packages:
            packages.append(package)
    if len(packages) > 1:
        lines.append(f"Alles in één keer: sudo apt install {' '.join(packages)}")
    renamed = [package for package in packages if package in T64_RENAMED]
    if renamed:
        lines.append(
            "Op Debian 13 en Ubuntu 24.04 heet "
            + ", ".join(f"{package} {package}t64" for package in renamed)
            + "."
        )
    return "\n".join(lines)


def report(message: str) -> None:
    """On stderr, and in a window when started from the desktop menu (no terminal to read):
    zenity, kdialog or xmessage, whichever exists (they need none of Qt's libraries)."""
    print(message, file=sys.stderr)
    if sys.stderr.isatty() or not os.environ.get("DISPLAY"):
        return
    for tool, arguments in (
        ("zenity", ["--error", "--no-markup", "--title=Sociaal Huis", f"--text={message}"]),
        ("kdialog", ["--title", "Sociaal Huis", "--error", message]),
        ("xmessage", ["-center", message]),
    ):
        path = shutil.which(tool)
        if path:
            subprocess.run([path, *arguments], check=False)
            return


def check_qt_libraries(
    argv: Sequence[str], env: Mapping[str, str] | None = None, load: Loader = ctypes.CDLL
) -> str | None:
    """The message naming the missing libraries and packages, or None when Qt can load."""
    if not sys.platform.startswith("linux"):
        return None  # the Windows and macOS wheels carry what Qt needs
    env = os.environ if env is None else env
    missing = missing_libraries(libraries_needed(platform_plugins(argv, env)), load)
    return describe_missing(missing) if missing else None


def run_admin(argv: Sequence[str]) -> int:
    """`sociaalhuis admin COMMAND …`: the command line of `python -m sociaalhuis`, without Qt."""
    from sociaalhuis.cli import main as admin

    try:
        return admin(list(argv))
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _import_desk() -> tuple[Callable[[list[str]], int], Callable[..., Any]]:
    """The desk's entry and argument parser: the first import of PySide6."""
    from ui.app import main as run_desk
    from ui.launch import parse_arguments

    return run_desk, parse_arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Start the desk, or run `admin …`; exit code 1 with a message when Qt cannot load."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["admin"]:
        return run_admin(args[1:])
    if args[:1] == ["--check-libraries"]:  # the installer's check; Qt is not started
        problem = check_qt_libraries(args[1:])
        print(problem or "Sociaal Huis: de bibliotheken die Qt nodig heeft, zijn aanwezig.")
        return 0 if problem is None else 1
    # Help and version print without a window: no need for the display libraries.
    asks_only = any(arg in ("-h", "--help", "--version") for arg in args)
    problem = None if asks_only else check_qt_libraries(args)
    if problem is not None:
        report(problem)
        return 1
    try:
        run_desk, parse_arguments = _import_desk()
    except ImportError as exc:  # a library outside our list, or a broken installation
        library = failed_library(str(exc))
        known = ".so" in library
        report(
            describe_missing([library])
            if known
            else f"Sociaal Huis kan niet starten: Qt laadt niet ({exc})."
        )
        return 1
    options, _qt = parse_arguments(args)
    if options.smoke_test:
        from ui.smoke import run as run_smoke

        return run_smoke(args, options.smoke_test)
    return run_desk(args)
