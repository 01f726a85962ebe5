"""Synchronising from the app: on a laptop directly with the central database or through a
bundle file on a USB stick, at the central by reading a laptop's bundle or making one for it.

Each step runs on a worker thread (`SyncJob`) while the window shows its progress; afterwards
it says what was sent, received and left in conflict, or why nothing was changed. The window
calls the core (`sociaalhuis.sync.transport`, `export`) and holds no SQL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.storage.database import Database
from sociaalhuis.sync.export import export_bundle
from sociaalhuis.sync.keys import read_key_file
from sociaalhuis.sync.peers import known_laptops, this_site
from sociaalhuis.sync.transport import (
    confirmed_seq,
    export_snapshot,
    findings_refresh,
    import_bundle,
    sync_direct,
)
from ui.sync import sync_texts
from ui.sync.sync_job import Cancelled, Progress, SyncJob
from ui.widgets.forms import hint, label_inputs
from ui.window_settings import WindowSettings

URL_KEY = "sync_central_url"
KEY_FILE_KEY = "sync_key_file"
FOLDER_KEY = "sync_folder"
BUNDLE_FILTER = "Sync bundles (*.bundle);;All files (*)"


class SyncDialog(QDialog):
    """The sync window of this database; its buttons follow the site's role."""

    finished_step = Signal(object)  # the core's summary, or the exception

    def __init__(
        self, db: Database, settings: WindowSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.here = this_site(db)
        self.is_laptop = self.here.role == "laptop"
        self.job: SyncJob | None = None
        self.central_committed = False
        self.describe: Callable[[object], str] = str
        self.subject = ""
        self.setWindowTitle(self.tr("Synchronise"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        role = self.tr("laptop") if self.is_laptop else self.tr("central database of the office")
        self.site_label = QLabel(
            self.tr("This database: {name} ({role})").format(name=self.here.name, role=role)
        )
        layout.addWidget(self.site_label)
        self.action_buttons: list[QPushButton] = []
        if self.is_laptop:
            layout.addWidget(self._direct_box())
        layout.addWidget(self._file_box())
        layout.addWidget(self._progress_box())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.summary)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("&Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        label_inputs(self)

    # -- building -------------------------------------------------------------------------

    def _direct_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Directly with the office"))
        form = QFormLayout(box)
        self.url_edit = QLineEdit(self.settings.text(URL_KEY))
        hint(self.url_edit, "postgresql+psycopg://naam@server/sociaalhuis")
        form.addRow(self.tr("Central &database (URL):"), self.url_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Password (if the URL has none):"), self.password_edit)
        self.direct_button = self._button(self.tr("&Synchronise now"), self.sync_now)
        form.addRow("", self.direct_button)
        return box

    def _file_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("With a file (USB stick)"))
        form = QFormLayout(box)
        self.key_edit = QLineEdit(self.settings.text(KEY_FILE_KEY))
        hint(self.key_edit, self.tr("The key file shared with the other site"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_key)
        row = QHBoxLayout()
        row.addWidget(self.key_edit, 1)
        row.addWidget(choose)
        key_label = QLabel(self.tr("&Key file:"))
        key_label.setBuddy(self.key_edit)  # a row of two widgets gets no buddy of its own
        form.addRow(key_label, row)
        if self.is_laptop:
            self.export_button = self._button(self.tr("&Export changes…"), self.export_changes)
            self.import_button = self._button(
                self.tr("&Read bundle from the office…"), self.import_file
            )
            form.addRow("", self.export_button)
            form.addRow("", self.import_button)
            return box
        self.import_button = self._button(self.tr("&Read bundle from a laptop…"), self.import_file)
        form.addRow("", self.import_button)
        self.laptop_combo = QComboBox()
        for laptop in known_laptops(self.db):
            self.laptop_combo.addItem(laptop.name or laptop.site_id, laptop.site_id)
        form.addRow(self.tr("&Laptop:"), self.laptop_combo)
        self.snapshot_button = self._button(
            self.tr("&Make bundle for the laptop…"), self.make_snapshot
        )
        self.snapshot_button.setEnabled(self.laptop_combo.count() > 0)
        form.addRow("", self.snapshot_button)
        return box

    def _progress_box(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.step_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("S&top"))
        self.cancel_button.clicked.connect(self.request_stop)
        row.addWidget(self.step_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        box.setVisible(False)
        self.progress_box = box
        return box

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.action_buttons.append(button)
        return button

    # -- the four steps -------------------------------------------------------------------

    def sync_now(self) -> None:
        """Send this laptop's changes to the central database and take its caseload back."""
        url = self._central_url()
        if url is None:
            return
        db = self.db

        def work(progress: Progress, stop: threading.Event) -> object:
            refresh = findings_refresh(date.today())
            if stop.is_set():
                raise Cancelled
            central = Database.open(url, create=False)
            try:

                def guarded(step: str, done: int, total: int) -> None:
                    # The last moment before the central writes: later, stopping would
                    # leave the changes there and unsent here (mended by the next sync).
                    if step == "send" and done == 0 and stop.is_set():
                        raise Cancelled
                    progress(step, done, total)

                return sync_direct(
                    db, central, progress=guarded, refresh_laptop=refresh, refresh_central=refresh
                )
            finally:
                central.close()

        self._start(work, sync_texts.direct_text, self.tr("Central database"), stoppable=True)

    def export_changes(self) -> None:
        """Write this laptop's changes the central has not confirmed to a bundle file."""
        key = self._key()
        if key is None:
            return
        name = f"{self.here.name or 'laptop'}-{date.today().isoformat()}.bundle"
        path = self._save_path(self.tr("Export changes"), name)
        if path is None:
            return
        db = self.db

        def work(_progress: Progress, _stop: threading.Event) -> object:
            with db.read() as session:
                since = confirmed_seq(session)
            return export_bundle(db, path, key, since=since)

        self._start(work, _describe(sync_texts.export_text), path)

    def import_file(self) -> None:
        """Take in a bundle: a laptop's changes here at the central, a snapshot on a laptop."""
        key = self._key()
        if key is None:
            return
        title = self.tr("Read bundle")
        folder = self.settings.text(FOLDER_KEY)
        path, _filter = QFileDialog.getOpenFileName(self, title, folder, BUNDLE_FILTER)
        if not path:
            return
        self.settings.set_text(FOLDER_KEY, str(Path(path).parent))
        db = self.db

        def work(_progress: Progress, _stop: threading.Event) -> object:
            return import_bundle(db, path, key, refresh=findings_refresh(date.today()))

        self._start(work, _describe(sync_texts.import_text), path)

    def make_snapshot(self) -> None:
        """At the central: write the chosen laptop's caseload to a bundle for it."""
        laptop = self.laptop_combo.currentData()
        name = self.laptop_combo.currentText()
        key = self._key()
        if key is None or not laptop:
            return
        path = self._save_path(
            self.tr("Make bundle for the laptop"), f"{name}-{date.today().isoformat()}.bundle"
        )
        if path is None:
            return
        db = self.db

        def work(_progress: Progress, _stop: threading.Event) -> object:
            return export_snapshot(db, path, key, laptop)

        self._start(work, lambda rows: sync_texts.snapshot_text(path, name, int(rows)), path)

    # -- inputs ---------------------------------------------------------------------------

    def _central_url(self) -> str | None:
        text = self.url_edit.text().strip()
        if not text:
            self._show_error(self.tr("Give the address (URL) of the central database."))
            self.url_edit.setFocus()
            return None
        try:
            url = make_url(text)
        except ArgumentError:
            self._show_error(
                self.tr("{url} is not a database address (URL). Nothing was changed.").format(
                    url=text
                )
            )
            self.url_edit.setFocus()
            return None
        # Remembered without its password: settings files are not for secrets.
        self.settings.set_text(URL_KEY, _without_password(url).render_as_string())
        if self.password_edit.text() and not url.password:
            url = url.set(password=self.password_edit.text())
        return url.render_as_string(hide_password=False)

    def _key(self) -> bytes | None:
        path = self.key_edit.text().strip()
        if not path:
            self._show_error(self.tr("Choose the key file shared with the other site first."))
            self.key_edit.setFocus()
            return None
        try:
            key = read_key_file(path)
        except SociaalHuisError as exc:
            self._show_error(sync_texts.error_text(exc))
            self.key_edit.setFocus()
            return None
        self.settings.set_text(KEY_FILE_KEY, path)
        return key

    def _choose_key(self) -> None:
        start = self.key_edit.text() or self.settings.text(FOLDER_KEY)
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Key file"), start, "Key files (*.key);;All files (*)"
        )
        if path:
            self.key_edit.setText(path)

    def _save_path(self, title: str, name: str) -> str | None:
        folder = self.settings.text(FOLDER_KEY)
        start = str(Path(folder) / name) if folder else name
        path, _filter = QFileDialog.getSaveFileName(self, title, start, BUNDLE_FILTER)
        if not path:
            return None
        self.settings.set_text(FOLDER_KEY, str(Path(path).parent))
        return path

    # -- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None

    def _start(
        self,
        work: Callable[[Progress, threading.Event], object],
        describe: Callable[[object], str],
        subject: str,
        *,
        stoppable: bool = False,
    ) -> None:
        if self.running:
            return
        self.describe = describe
        self.subject = subject
        self.central_committed = False
        self.summary.clear()
        self._set_busy(True)
        self.cancel_button.setVisible(stoppable)
        self.cancel_button.setEnabled(stoppable)
        self.step_label.setText(self.tr("Working…"))
        self.progress.setRange(0, 0)
        self.job = SyncJob(work)
        self.job.progressed.connect(self._progressed)
        self.job.ended.connect(self._ended)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _set_busy(self, busy: bool) -> None:
        self.progress_box.setVisible(busy)
        self.close_button.setEnabled(not busy)
        for button in self.action_buttons:
            button.setEnabled(not busy)
        if not busy and not self.is_laptop:
            self.snapshot_button.setEnabled(self.laptop_combo.count() > 0)

    def request_stop(self) -> None:
        """Stop before the central database writes; afterwards the sync runs to its end."""
        if self.job is not None:
            self.job.stop.set()
            self.cancel_button.setEnabled(False)
            self.step_label.setText(self.tr("Stopping…"))

    def _progressed(self, step: str, done: int, total: int) -> None:
        locale = QLocale()
        if step == "send":
            text = self.tr("Sending changes: {done} of {total}")
            if done == total:
                # The central committed: stopping now would change nothing any more.
                self.central_committed = True
                self.cancel_button.setEnabled(False)
        elif step == "snapshot":
            self.step_label.setText(self.tr("Fetching cases…"))
            self.progress.setRange(0, 0)
            return
        else:
            text = self.tr("Fetching cases: {done} of {total}")
        self.step_label.setText(
            text.format(done=locale.toString(done), total=locale.toString(total))
        )
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)

    def _finish(self) -> None:
        if self.job is not None:
            # Its thread has ended; Python owns the job and frees it with the last reference.
            self.job.wait()
        self.job = None
        self._set_busy(False)

    def _ended(self, result: object) -> None:
        self._finish()
        self.summary.setStyleSheet("")
        self.summary.setText(self.describe(result))
        self.finished_step.emit(result)

    def _failed(self, exc: Exception) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self._show_error(self.tr("Stopped before anything was sent. Nothing was changed."))
        elif self.central_committed:
            text = self.tr(
                "The changes reached the office, but fetching the cases failed: {reason} "
                "Synchronise again; nothing is lost."
            )
            reason = exc.message if isinstance(exc, SociaalHuisError) else str(exc)
            self._show_error(text.format(reason=reason))
        else:
            self._show_error(sync_texts.error_text(exc, self.subject))
        self.finished_step.emit(exc)

    def _show_error(self, text: str) -> None:
        self.summary.setStyleSheet("color: #a4000f;")
        self.summary.setText(text)

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # A step the database is taking in ends first: the window cannot vanish under it.
        if self.running:
            event.ignore()
            return
        super().closeEvent(event)


def _describe(text: Callable[..., str]) -> Callable[[object], str]:
    return lambda result: text(result)


def _without_password(url: URL) -> URL:
    # URL.set(password=None) keeps the password: None there means "unchanged".
    return URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )


def show_sync(parent: QWidget, db: Database) -> None:
    """Open the sync window over `parent` and wait for it; afterwards the main window shows
    what a sync may have changed (its conflict count)."""
    settings = getattr(parent, "window_settings", None)
    SyncDialog(
        db, settings if isinstance(settings, WindowSettings) else WindowSettings(), parent
    ).exec()
    refresh = getattr(parent, "refresh_conflicts", None)
    if callable(refresh):
        refresh()
