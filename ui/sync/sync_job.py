"""One sync step (a direct sync, an export or an import) on a worker thread: progress, the
result or the error come back on the GUI thread through queued signals."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

# step, done, total — as `sociaalhuis.sync.transport.Progress`.
Progress = Callable[[str, int, int], None]
Work = Callable[[Progress, threading.Event], object]


class Cancelled(Exception):
    """Raised inside the work when the user stopped it before anything was written."""


class SyncJob(QObject):
    """Runs `work(progress, stop)` once on its own thread; `ended` or `failed` follows."""

    progressed = Signal(str, int, int)
    ended = Signal(object)
    failed = Signal(object)  # the exception, turned into a sentence by the window

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work
        self.stop = threading.Event()
        self.thread_ = QThread()
        self.moveToThread(self.thread_)
        self.thread_.started.connect(self.run)

    def start(self) -> None:
        self.thread_.start()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.progressed.emit, self.stop)
        except Exception as exc:  # every error is shown; the core changed nothing or committed
            self.failed.emit(exc)
        else:
            self.ended.emit(result)
        finally:
            self.thread_.quit()

    def wait(self) -> None:
        """Wait for the thread to end (after `ended` or `failed`)."""
        self.thread_.wait()
