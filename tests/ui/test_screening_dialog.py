"""Screening all households from the desk: a worker thread, a progress dialog that stops after
the batch, a window that keeps working meanwhile, and a summary in Dutch."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import func, select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.demo.loader import load
from sociaalhuis.screening.runner import ScreenSummary, run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Screening
from ui.screening.screening_dialog import ScreeningDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow

HOUSEHOLDS = 12
BATCH = 5


@pytest.fixture
def households(db: Database) -> int:
    """Demo households, loaded before the window opens."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=HOUSEHOLDS, seed=3, today=date(2026, 12, 3))
    return HOUSEHOLDS


class Gate:
    """A run_screen that holds its worker thread after the first batch until opened."""

    def __init__(self) -> None:
        self.held = threading.Event()
        self.open = threading.Event()

    def run(self, *args: Any, progress: Any, **kwargs: Any) -> ScreenSummary:
        def hold_after_first_batch(done: int, total: int) -> None:
            progress(done, total)
            if done == BATCH:
                self.held.set()
                self.open.wait(10)  # never hang the run, whatever the test does

        return run_screen(*args, progress=hold_after_first_batch, **kwargs)


def screened(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Screening)) or 0


def dialog_for(window: MainWindow, gate: Gate) -> ScreeningDialog:
    dialog = ScreeningDialog(
        window.context.db,
        window.services.catalog,
        window.intake.today,
        window,
        batch=BATCH,
        run=gate.run,
    )
    dialog.start()
    return dialog


def close_message(qtbot: QtBot, dialog: ScreeningDialog) -> str:
    qtbot.waitUntil(lambda: dialog.message is not None and dialog.message.isVisible())
    assert dialog.message is not None
    text = f"{dialog.message.text()}\n{dialog.message.informativeText()}"
    dialog.message.accept()
    return text


def test_the_window_keeps_working_while_the_screen_runs_and_a_summary_follows(
    qtbot: QtBot, households: int, window: MainWindow, tmp_path: Path
) -> None:
    gate = Gate()
    dialog = dialog_for(window, gate)
    qtbot.waitUntil(gate.held.is_set)
    qtbot.waitUntil(lambda: dialog.value() == BATCH)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.maximum() == HOUSEHOLDS
    assert dialog.labelText().startswith(f"Gezinnen gescreend: {BATCH} van {HOUSEHOLDS}")
    # The worker thread is busy; the window still runs timers and takes keys.
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired))
    window.activateWindow()
    window.search.field.setFocus()
    qtbot.keyClicks(window.search.field, "Janssens")
    assert window.search.field.text() == "Janssens"
    picture = tmp_path / "screening-dialog.png"
    assert dialog.grab().save(str(picture))
    image = QImage(str(picture))
    assert image.width() >= 460 and image.height() > 80

    gate.open.set()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20_000)
    assert not dialog.isVisible() and not dialog.running
    text = close_message(qtbot, dialog)
    assert text.startswith(f"Screening voltooid. Gezinnen gescreend: {HOUSEHOLDS} (")
    assert "Gewijzigde bevindingen:" in text
    assert screened(window.context.db) == HOUSEHOLDS


def test_stop_ends_after_the_batch_keeps_it_and_the_menu_continues_with_the_rest(
    qtbot: QtBot, households: int, window: MainWindow
) -> None:
    gate = Gate()
    dialog = dialog_for(window, gate)
    qtbot.waitUntil(gate.held.is_set)
    stop = dialog.findChild(QPushButton)
    assert stop is not None and stop.text() == "&Stoppen"
    qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    # Still shown until the batch is saved, saying so; Escape does not close it either.
    assert dialog.isVisible() and not stop.isEnabled()
    assert dialog.labelText().startswith("Stoppen na de lopende reeks.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    gate.open.set()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20_000)
    assert dialog.summary is not None and dialog.summary.cancelled
    text = close_message(qtbot, dialog)
    assert text.startswith(f"Screening gestopt. Gezinnen gescreend: {BATCH} van {HOUSEHOLDS}")
    assert screened(window.context.db) == BATCH

    # The menu entry, by its shortcut, screens the rest with the real runner.
    action = window.screen_action
    assert action.text() == "Screening van alle &gezinnen…"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert action in window.menuBar().actions()[0].menu().actions()
    window.activateWindow()
    window.search.field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.field)
    qtbot.keyClick(
        window.search.field,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.screening is not None and window.screening is not dialog
    qtbot.waitUntil(lambda: window.screening.summary is not None, timeout=30_000)
    text = close_message(qtbot, window.screening)
    assert f"Gezinnen gescreend: {HOUSEHOLDS - BATCH} (" in text
    assert screened(window.context.db) == HOUSEHOLDS

    window.screen_all()
    qtbot.waitUntil(lambda: window.screening.summary is not None, timeout=30_000)
    assert close_message(qtbot, window.screening).startswith("De bevindingen van elk gezin zijn al")


def test_closing_the_window_waits_for_the_batch_and_shows_nothing_afterwards(
    qtbot: QtBot, households: int, window: MainWindow
) -> None:
    gate = Gate()
    dialog = dialog_for(window, gate)
    window.screening = dialog
    qtbot.waitUntil(gate.held.is_set)
    QTimer.singleShot(100, gate.open.set)  # the batch ends while close() waits for it
    window.intake.draft.mark_saved()
    window.close()
    assert not dialog.thread_.isRunning()
    QApplication.processEvents()
    assert dialog.message is None and QApplication.activeModalWidget() is None
    assert screened(window.context.db) == BATCH


def test_an_error_is_told_in_dutch_and_the_finished_batches_stay(
    qtbot: QtBot, households: int, window: MainWindow
) -> None:
    def broken(*args: Any, progress: Any, **kwargs: Any) -> ScreenSummary:
        def fail_after_first_batch(done: int, total: int) -> None:
            progress(done, total)
            if done == BATCH:
                raise RuntimeError("disk full")

        return run_screen(*args, progress=fail_after_first_batch, **kwargs)

    dialog = ScreeningDialog(
        window.context.db,
        window.services.catalog,
        window.intake.today,
        window,
        batch=BATCH,
        run=broken,
    )
    dialog.start()
    qtbot.waitUntil(lambda: dialog.message is not None, timeout=20_000)
    assert dialog.message is not None
    assert dialog.message.icon() == QMessageBox.Icon.Warning
    text = close_message(qtbot, dialog)
    assert text.startswith("De screening is gestopt door een fout.")
    assert text.endswith("\nRuntimeError: disk full")
    assert screened(window.context.db) == BATCH
