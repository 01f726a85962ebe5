"""Benchmark: a long working day at the intake desk, in one window, by keyboard only.

Run `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/desk_soak.py --intakes 200`.
Builds the main window as the UI tests do (fresh SQLite database, a social worker, Dutch
translations, 1366x768) and runs `desk_script.soak` unchanged with a small stand-in for
pytest-qt's `qtbot`: whole keyboard intakes of varied households (search, new household,
members, address, every question asked, save, one decision).

Every `--every` intakes it prints a line: intakes done, key presses of the last intake,
resident memory (MiB), `sys.getrefcount` of None, True and False, the change of each since the
previous line, and the seconds elapsed. A summary follows: total time, mean seconds per
intake, RSS first/last, and the None/True/False growth per intake over the second half.

The project's translations are read from a private copy of `resources/i18n` (see
`private_translations`), so rebuilding them in the checkout meanwhile cannot crash the run.
A failing intake ends the run with exit code 1, naming the intake and the error; a modal
dialog nobody answers for 10 s is closed and counts as a failure. pytest does not collect
this file.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, ROOT / "tests" / "ui"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import PySide6  # noqa: E402
from PySide6.QtCore import QSettings, Qt, QTimer, QTranslator  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

TODAY = date(2026, 12, 3)  # as tests/ui/test_desk_day.py
MODAL_TIMEOUT_TICKS = 20  # half-second ticks: a dialog left open this long is stuck
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


class Bot:
    """What `desk_script` and `keyboard` use of pytest-qt's `QtBot`, on `QTest`."""

    def keyClick(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = NO_MODIFIER,
        delay: int = -1,
    ) -> None:
        QTest.keyClick(widget, key, modifier, delay)

    def keyClicks(
        self,
        widget: QWidget,
        sequence: str,
        modifier: Qt.KeyboardModifier = NO_MODIFIER,
        delay: int = -1,
    ) -> None:
        QTest.keyClicks(widget, sequence, modifier, delay)

    def waitUntil(self, callback: Callable[[], Any], *, timeout: int = 5000) -> None:
        """Process events until `callback` returns true (or, returning None, stops raising
        AssertionError); raise TimeoutError after `timeout` ms, as pytest-qt does."""
        deadline = time.monotonic() + timeout / 1000
        while True:
            try:
                result = callback()
                if result is None or result:
                    return
                failure = "the condition stayed false"
            except AssertionError as exc:
                failure = f"the condition kept failing: {exc}"
            if time.monotonic() > deadline:
                raise TimeoutError(f"waitUntil timed out after {timeout} ms: {failure}")
            QTest.qWait(10)

    @contextmanager
    def waitExposed(self, widget: QWidget, *, timeout: int = 5000) -> Iterator[None]:
        yield
        if not QTest.qWaitForWindowExposed(widget, timeout):
            raise TimeoutError(f"{widget!r} was not exposed within {timeout} ms")

    def addWidget(self, widget: QWidget) -> None:
        pass  # the window lives for the whole run


class ModalWatch:
    """Close a modal dialog nobody answers (it would hang the run) and remember it."""

    def __init__(self) -> None:
        self.stuck: list[str] = []
        self._seen: dict[int, int] = {}
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)
        self._timer.start(500)

    def _tick(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            self._seen.clear()
            return
        ticks = self._seen[id(widget)] = self._seen.get(id(widget), 0) + 1
        if ticks >= MODAL_TIMEOUT_TICKS:
            self.stuck.append(f"{type(widget).__name__}: {getattr(widget, 'text', str)()}")
            widget.close()


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--intakes", type=int, default=200, help="intakes to run (200)")
    parser.add_argument("--every", type=int, default=10, help="a line every K intakes (10)")
    parser.add_argument(
        "--database",
        metavar="PATH",
        help="SQLite file to create or reuse, or a folder for desk_soak.db "
        "(default: a temporary folder, removed afterwards)",
    )
    options = parser.parse_args(argv)
    if options.intakes < 1 or options.every < 1:
        parser.error("--intakes and --every must be at least 1")
    return options


def database_file(option: str | None, scratch: Path) -> Path:
    if option is None:
        return scratch / "desk_soak.db"
    path = Path(option).expanduser().resolve()
    return path / "desk_soak.db" if path.is_dir() else path


def isolate(scratch: Path) -> None:
    """The developer's own data folder, settings file and QSettings stay out, as in the tests."""
    os.environ["SOCIAALHUIS_DATA_DIR"] = str(scratch / "data")
    os.environ["SOCIAALHUIS_CONFIG_DIR"] = str(scratch / "config")
    os.environ.pop("SOCIAALHUIS_DATABASE_URL", None)
    os.environ.pop("SOCIAALHUIS_SITE", None)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "qsettings")
    )


class Report:
    """The progress lines and the summary."""

    COLUMNS = ("rss_mib", "none", "true", "false")

    def __init__(self, baseline: dict[str, float], started: float) -> None:
        self.baseline = {"intakes": 0, **baseline}
        self.started = started
        self.previous = self.baseline
        self.shots: list[dict[str, float]] = []
        print(
            f"{'intakes':>7} {'keys':>5} {'RSS MiB':>8} {'None':>7} {'True':>7} {'False':>7}"
            f" {'ΔRSS':>7} {'ΔNone':>7} {'ΔTrue':>6} {'ΔFalse':>6} {'seconds':>8}"
        )
        self._line("start", "", baseline, {key: 0 for key in self.COLUMNS})

    def _line(
        self, intakes: str, presses: str, shot: dict[str, float], delta: dict[str, float]
    ) -> None:
        print(
            f"{intakes:>7} {presses:>5} {shot['rss_mib']:8.1f} {shot['none']:7d}"
            f" {shot['true']:7d} {shot['false']:7d} {delta['rss_mib']:+7.1f}"
            f" {delta['none']:+7d} {delta['true']:+6d} {delta['false']:+6d}"
            f" {time.perf_counter() - self.started:8.1f}",
            flush=True,
        )

    def __call__(self, shot: dict[str, float]) -> None:
        delta = {key: shot[key] - self.previous[key] for key in self.COLUMNS}
        self._line(str(shot["intakes"]), str(shot["presses"]), shot, delta)
        self.shots.append(shot)
        self.previous = shot

    def summary(self, intakes: int, seconds: float) -> None:
        first = self.shots[0] if self.shots else self.baseline
        last = self.shots[-1] if self.shots else self.baseline
        print(f"total {seconds:.1f} s for {intakes} intakes, {seconds / intakes:.2f} s per intake")
        print(
            f"RSS first {first['rss_mib']:.1f} MiB (after {first['intakes']} intakes), "
            f"last {last['rss_mib']:.1f} MiB (after {last['intakes']}); "
            f"before the first intake {self.baseline['rss_mib']:.1f} MiB"
        )
        # The second half: from the first line at or after half the run to the last line.
        middle = next(
            (shot for shot in self.shots if shot["intakes"] >= intakes / 2), self.baseline
        )
        if middle is last:
            middle = self.shots[-2] if len(self.shots) > 1 else self.baseline
        span = last["intakes"] - middle["intakes"]
        if span <= 0:
            print("too few lines for a growth figure")
            return
        growth = ", ".join(
            f"{name} {(last[key] - middle[key]) / span:+.2f}"
            for name, key in (("None", "none"), ("True", "true"), ("False", "false"))
        )
        rss = (last["rss_mib"] - middle["rss_mib"]) / span * 1024
        print(
            f"growth per intake, intakes {middle['intakes']}–{last['intakes']}: {growth}; "
            f"RSS {rss:+.1f} KiB"
        )


def private_translations(app: QApplication, scratch: Path) -> None:
    """Swap the project's installed translators for ones read from a copy in `scratch`.

    Qt maps a .qm file into memory. Rebuilding `resources/i18n/*.qm` in place (lrelease) while
    the soak runs truncates the mapped pages, and the next `tr()` kills the process with
    SIGBUS: seen twice in this shared checkout, reproduced on its own. The copy is taken
    after `install_translations(app, "nl")` loaded the same files, so the texts are the same.
    """
    from ui.i18n import TRANSLATOR_NAME
    from ui.resources import resources_root

    folder = scratch / "i18n"
    folder.mkdir(exist_ok=True)
    for shared in app.findChildren(QTranslator, TRANSLATOR_NAME):
        source = Path(shared.filePath())
        if not source.is_relative_to(resources_root()):
            continue  # Qt's own catalogues, in the installed PySide6
        copy = folder / source.name
        shutil.copyfile(source, copy)
        private = QTranslator(app)
        private.setObjectName(TRANSLATOR_NAME)
        if not private.load(str(copy)):
            raise RuntimeError(f"cannot load the copy of {source}")
        app.removeTranslator(shared)
        shared.deleteLater()
        app.installTranslator(private)


def run(options: argparse.Namespace, scratch: Path) -> int:
    isolate(scratch)
    import desk_script

    from sociaalhuis.access.actors import ensure_user
    from sociaalhuis.storage.database import Database
    from ui.i18n import install_translations
    from ui.main_window import MainWindow
    from ui.startup import AppContext
    from ui.window_settings import WindowSettings

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    install_translations(app, "nl")
    private_translations(app, scratch)
    path = database_file(options.database, scratch)
    db = Database.open(f"sqlite:///{path.as_posix()}", create=True)
    with db.write() as session:
        actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    context = AppContext(db=db, actor=actor, user_name="Lien Peeters", site="Herent")
    settings = WindowSettings(QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat))
    window = MainWindow(context, settings, today=TODAY)
    bot = Bot()
    with bot.waitExposed(window):
        window.resize(1366, 768)
        window.show()
    watch = ModalWatch()

    # Which intake is running: `soak` makes each client with `varied_client(number)` first.
    current = {"intake": 0}
    make_client = desk_script.varied_client

    def numbered_client(seed: int) -> Any:
        if watch.stuck:  # the dialog was closed during the intake that just ended
            raise AssertionError(f"a dialog was left open: {watch.stuck}")
        current["intake"] = seed
        return make_client(seed)

    desk_script.varied_client = numbered_client
    print(
        f"desk soak: {options.intakes} intakes, a line every {options.every}; database {path}; "
        f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}",
        flush=True,
    )
    gc.collect()
    started = time.perf_counter()
    report = Report(desk_script.snapshot(), started)
    try:
        desk_script.soak(window, bot, options.intakes, options.every, report)
        if watch.stuck:
            raise AssertionError(f"a dialog was left open: {watch.stuck}")
    except Exception as exc:
        traceback.print_exc()
        stuck = f" (dialogs closed: {watch.stuck})" if watch.stuck else ""
        print(
            f"FAILED at intake {current['intake']} of {options.intakes}: "
            f"{type(exc).__name__}: {exc}{stuck}",
            file=sys.stderr,
            flush=True,
        )
        return 1
    finally:
        window.intake.draft.mark_saved()  # nothing left to guard: close without asking
        window.close()
        window.deleteLater()
        app.processEvents()
        db.close()
    seconds = time.perf_counter() - started
    report.summary(options.intakes, seconds)
    return 0


def main(argv: list[str] | None = None) -> int:
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="sociaalhuis-soak-") as scratch:
        return run(options, Path(scratch))


if __name__ == "__main__":
    sys.exit(main())
