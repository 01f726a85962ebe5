"""Screening every household from the desk: `run_screen` on a worker thread, a progress dialog
that can stop it between batches, and a short summary afterwards.

The dialog is not modal: the desk stays usable while the caseload is screened, and a household
saved meanwhile is simply screened again by the next run (the runner never writes stale
findings over a newer save).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressDialog, QPushButton, QWidget

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.screening.runner import ScreenSummary, run_screen
from sociaalhuis.storage.database import Database
from ui.widgets.formats import show_date

# Smaller than the command line's batches: a worker saving a household waits for at most one
# batch's write, and a stop request takes effect sooner.
DESK_BATCH = 1000
MOST_CHANGED_SHOWN = 5

Run = Callable[[Callable[[int, int], None], Callable[[], bool]], ScreenSummary]


class ScreeningJob(QObject):
    """Runs the screen on its thread and reports back through queued signals."""

    progressed = Signal(int, int)
    ended = Signal(object)  # ScreenSummary
    failed = Signal(str)

    def __init__(self, run: Run) -> None:
        super().__init__()
        self.run = run
        self.stop = threading.Event()

    @Slot()
    def work(self) -> None:
        try:
            summary = self.run(self.progressed.emit, self.stop.is_set)
        except SociaalHuisError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # shown to the worker; the finished batches are kept
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.ended.emit(summary)


class ScreeningDialog(QProgressDialog):
    """Progress of a screen of the whole caseload; Stop (or Escape) ends it after the batch."""

    finished_with = Signal(object)  # ScreenSummary, or None after an error

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        on: date,
        parent: QWidget | None = None,
        *,
        batch: int = DESK_BATCH,
        run: Callable[..., ScreenSummary] = run_screen,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.on = on
        self.summary: ScreenSummary | None = None
        self.message: QMessageBox | None = None
        self.running = False
        self.started = 0.0
        self.setWindowTitle(self.tr("Screening all households"))
        label = QLabel()
        label.setWordWrap(True)  # the stop notice is longer than the progress line
        self.setLabel(label)
        self.setLabelText(self.tr("Looking for households whose findings are out of date…"))
        self.setCancelButtonText(self.tr("&Stop"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setMinimumDuration(0)
        self.setMinimumWidth(460)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)
        # Qt would hide the dialog at once on Stop; it stays until the batch is saved.
        self.canceled.disconnect(self.cancel)
        self.canceled.connect(self.request_stop)

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            return run(db, catalog, on, batch=batch, progress=progress, cancelled=cancelled)

        self.thread_ = QThread(self)
        self.job = ScreeningJob(work)
        self.job.moveToThread(self.thread_)
        self.thread_.started.connect(self.job.work)
        self.job.progressed.connect(self._progressed)
        self.job.ended.connect(self._ended)
        self.job.failed.connect(self._failed)

    def start(self) -> None:
        self.running = True
        self.started = time.monotonic()
        self.show()
        self.thread_.start()

    @Slot()
    def request_stop(self) -> None:
        if not self.running or self.job.stop.is_set():
            return
        self.job.stop.set()
        self.setLabelText(
            self.tr(
                "Stopping after the current batch. The households screened so far keep "
                "their findings."
            )
        )
        button = self.findChild(QPushButton)
        if button is not None:
            button.setEnabled(False)

    def stop_and_wait(self) -> None:
        """Stop after the current batch and wait for it; before the database is closed."""
        # The window is closing: no progress or summary may arrive afterwards.
        self.job.blockSignals(True)
        self.job.stop.set()
        self.running = False
        self.thread_.quit()
        self.thread_.wait()
        self.hide()

    def reject(self) -> None:
        self.request_stop()  # Escape asks to stop; the dialog closes when the batch is saved

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
            self.request_stop()
            return
        super().closeEvent(event)

    def _progressed(self, done: int, total: int) -> None:
        if self.job.stop.is_set():
            return
        locale = QLocale()
        self.setRange(0, max(total, 1))
        self.setValue(done)
        text = self.tr("Households screened: {done} of {total}").format(
            done=locale.toString(done), total=locale.toString(total)
        )
        seconds = time.monotonic() - self.started
        if 0 < done < total and seconds > 0:
            left = int((total - done) * seconds / done + 0.5)
            text += "\n" + self.tr("About {minutes}:{seconds} left").format(
                minutes=left // 60, seconds=f"{left % 60:02d}"
            )
        self.setLabelText(text)

    def _finish(self) -> None:
        self.running = False
        self.thread_.quit()
        self.thread_.wait()
        self.hide()

    def _ended(self, summary: ScreenSummary) -> None:
        self._finish()
        self.summary = summary
        self._tell(QMessageBox.Icon.Information, *self.summary_texts(summary))
        self.finished_with.emit(summary)

    def _failed(self, error: str) -> None:
        self._finish()
        text = self.tr(
            "The screening stopped because of an error. The batches finished before it keep "
            "their findings."
        )
        self._tell(QMessageBox.Icon.Warning, text, error)
        self.finished_with.emit(None)

    def _tell(self, icon: QMessageBox.Icon, text: str, details: str = "", every: str = "") -> None:
        # Opened, not exec'd: the desk keeps working while the message waits to be read.
        self.message = QMessageBox(icon, self.tr("Screening"), text, parent=self.parentWidget())
        self.message.setInformativeText(details)
        self.message.setDetailedText(every)
        self.message.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message.open()

    def summary_texts(self, summary: ScreenSummary) -> tuple[str, str, str]:
        """The summary after a screen: the outcome, the figures (rights with the most changed
        findings first), and every right with changes for the Details button."""
        locale = QLocale()
        day = show_date(self.on)
        if summary.total == 0:
            text = self.tr(
                "Every household's findings are already up to date for catalog {version} on {date}."
            )
            return text.format(version=self.catalog.version, date=day), "", ""
        done = locale.toString(summary.screened)
        if summary.cancelled:
            text = self.tr(
                "Screening stopped. Households screened: {done} of {total}; their findings "
                "are saved. Start the screening again to continue with the others."
            ).format(done=done, total=locale.toString(summary.total))
        else:
            text = self.tr(
                "Screening finished. Households screened: {done} (catalog {version}, {date})."
            ).format(done=done, version=self.catalog.version, date=day)
        lines = [
            self.tr("Findings changed: {count}").format(
                count=locale.toString(summary.findings_changed)
            )
        ]
        names = {right.id: right.name for right in self.catalog.rights}
        most = sorted(summary.changed.items(), key=lambda item: (-item[1], item[0]))
        shown = [f"• {names.get(right, right)}: {locale.toString(count)}" for right, count in most]
        lines += shown[:MOST_CHANGED_SHOWN]
        if summary.skipped:
            lines.append(
                self.tr(
                    "Households changed during the screening: {count}; the next screening "
                    "takes them along."
                ).format(count=locale.toString(summary.skipped))
            )
        lines.append(
            self.tr("Time: {seconds} s").format(seconds=locale.toString(summary.seconds, "f", 1))
        )
        every = "\n".join(sorted(shown)) if len(shown) > MOST_CHANGED_SHOWN else ""
        return text, "\n".join(lines), every
