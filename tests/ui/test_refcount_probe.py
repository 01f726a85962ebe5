"""PySide6 keeps None, True and False alive: every binding of the refresh paths is measured.

PySide6 6.12.0 on Python 3.11 drops a reference per call in many void bindings and the desk
dies hours later (none_dealloc, bool_dealloc); `ui.qt_check` probes for it and start-up
refuses a known-bad combination.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui import app as ui_app
from ui import qt_check
from ui.startup_errors import StartupMessage

pytestmark = pytest.mark.usefixtures("qapp")


def lose(value: object) -> None:
    """What the defect does: one reference taken that was never given."""
    ctypes.pythonapi.Py_DecRef(ctypes.py_object(value))


def bad_runtime(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qt_check, "running_versions", lambda: ("6.12.0", "3.11.7"))


def test_no_binding_of_the_refresh_paths_loses_references() -> None:
    drift = qt_check.probe()

    assert len(drift) >= 3 * 50, "fewer bindings probed than expected"
    lost = {key: value for key, value in drift.items() if value <= -qt_check.TOLERANCE}
    gained = {
        key: value
        for key, value in drift.items()
        if value >= qt_check.TOLERANCE and key.rpartition(" [")[0] not in qt_check.HARMLESS_GAINS
    }
    assert lost == {}, f"references to None/True/False lost per call:\n{qt_check.table(lost)}"
    assert gained == {}, f"references gained per call:\n{qt_check.table(gained)}"


def test_probe_sees_a_lost_reference_and_survives_it() -> None:
    before = qt_check.counts()

    drift = qt_check.measure(lambda: lose(True), 1000)

    assert drift == {"None": 0.0, "True": -1.0, "False": 0.0}
    assert qt_check.counts()["True"] >= before["True"], "the lost references were given back"


def test_this_runtime_is_not_known_bad() -> None:
    assert qt_check.known_bad(*qt_check.running_versions()) is None
    assert qt_check.check_runtime() is None


@pytest.mark.parametrize(
    ("pyside", "python", "bad"),
    [
        ("6.12.0", "3.11.7", True),
        ("6.12.2", "3.11.0", True),
        ("6.12.0a1", "3.10.14", True),
        ("6.11.3", "3.11.7", False),
        ("6.8.0", "3.11.7", False),
        ("6.12.0", "3.12.0", False),
        ("6.13.0", "3.11.7", False),
    ],
)
def test_known_bad_combinations(pyside: str, python: str, bad: bool) -> None:
    assert (qt_check.known_bad(pyside, python) is not None) is bad


def test_known_bad_version_gets_a_dutch_message(
    dutch: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad_runtime(monkeypatch)

    message = qt_check.check_runtime()

    assert message is not None
    assert "PySide6 6.12.0" in message and "Python 3.11.7" in message
    assert "PySide6-Essentials>=6.8,<6.12" in message and "6.11.3" in message
    assert "Installeer" in message


def test_unlisted_version_with_the_defect_is_refused_by_the_short_probe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class LosingItem:
        def setData(self, column: int, role: object, value: object) -> None:
            lose(None)

    monkeypatch.setattr(qt_check, "QTreeWidgetItem", LosingItem)

    assert qt_check.check_runtime() is not None


def test_known_bad_runtime_is_refused_at_start_before_anything_is_opened(
    dutch: QApplication, monkeypatch: pytest.MonkeyPatch, isolated_folders: Path
) -> None:
    bad_runtime(monkeypatch)
    messages: list[StartupMessage] = []

    assert ui_app.main([], show_error=messages.append) == 1

    [message] = messages
    assert message.headline == "Sociaal Huis kan niet starten."
    assert "PySide6 6.12.0" in message.reason and "Python 3.11.7" in message.reason
    assert not (isolated_folders / "data").exists(), "no database was created"
