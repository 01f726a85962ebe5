"""The team lead's window to read an official status list in: choose the file, see the dry
run's report, then "Inlezen" writes it; both run off the GUI thread."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.locale_format import format_day, format_moment
from sociaalhuis.official.importer import StatusReport, import_statuses
from sociaalhuis.official.statusfile import StatusFileError, load_codes
from sociaalhuis.screening.store import FindingsRefresher
from ui.startup import AppContext
from ui.sync.sync_job import SyncJob
from ui.widgets.forms import error_label, hint

translate = QCoreApplication.translate
SHOWN_PROBLEMS = 50


def reason_text(reason: str) -> str:
    """A line's reason from the core in Dutch (the core words them in English)."""
    if reason == "no person with this number":
        return translate("StatusesDialog", "no person with this national register number")
    if reason == "the person has no household":
        return translate("StatusesDialog", "the person belongs to no household")
    if found := re.fullmatch(r"the person belongs to (\d+) households", reason):
        return translate("StatusesDialog", "the person belongs to %1 households").replace(
            "%1", found[1]
        )
    if found := re.fullmatch(r"the same as line (\d+)", reason):
        return translate("StatusesDialog", "the same as line %1").replace("%1", found[1])
    if found := re.fullmatch(r".*different periods \(lines ([\d, ]+)\)", reason):
        return translate(
            "StatusesDialog", "the same person and status with different periods (lines %1)"
        ).replace("%1", found[1])
    return reason


def problem_text(message: str) -> str:
    """A file problem from the core in Dutch; one not known here is shown as it came."""
    fixed = {
        "a national register number has 11 digits": translate(
            "StatusesDialog", "a national register number has 11 digits"
        ),
        "a national register number has only digits": translate(
            "StatusesDialog", "a national register number has only digits"
        ),
        "a national register number cannot be all zeros": translate(
            "StatusesDialog", "a national register number cannot be all zeros"
        ),
        "the check digits do not match (typing error?)": translate(
            "StatusesDialog", "the check digits do not match (typing error?)"
        ),
        "lies before begindatum": translate("StatusesDialog", "lies before begindatum"),
        "is empty": translate("StatusesDialog", "is empty"),
        "not UTF-8 text": translate("StatusesDialog", "not UTF-8 text"),
    }
    if message in fixed:
        return fixed[message]
    if found := re.fullmatch(r"unknown status code '(.*)' \(known: (.*)\)", message):
        text = translate("StatusesDialog", "unknown status code '%1' (known: %2)")
        return text.replace("%1", found[1]).replace("%2", found[2])
    if found := re.fullmatch(r"'(.*)' is no date \(YYYY-MM-DD or DD/MM/YYYY\)", message):
        text = translate("StatusesDialog", "'%1' is no date (YYYY-MM-DD or DD/MM/YYYY)")
        return text.replace("%1", found[1])
    if found := re.fullmatch(r"(\d+) fields where the header has (\d+)", message):
        text = translate("StatusesDialog", "%1 fields where the header has %2")
        return text.replace("%1", found[1]).replace("%2", found[2])
    if found := re.fullmatch(r"header lacks column\(s\) ([^(]*?)( \(the separator.*)?", message):
        text = translate("StatusesDialog", "the header lacks column(s) %1").replace("%1", found[1])
        if found[2]:
            text += translate("StatusesDialog", " (the separator is ';')")
        return text
    if message.startswith("no header line"):
        return translate("StatusesDialog", "no header line (INSZ;statuscode;begindatum;einddatum)")
    if message.startswith("no file date"):
        return translate(
            "StatusesDialog", "no file date: put it in the file name (…_YYYYMMDD.csv) or fill it in"
        )
    return message


def report_text(report: StatusReport) -> str:
    """The report as the window shows it."""
    head = (
        translate("StatusesDialog", "Preview: nothing has been written yet.")
        if report.dry_run
        else translate("StatusesDialog", "Read in: the statuses have been saved.")
    )
    lines = [
        head,
        translate("StatusesDialog", "File: %1 (file date %2)")
        .replace("%1", report.file_name)
        .replace("%2", format_day(report.file_date)),
        translate("StatusesDialog", "Lines: %1").replace("%1", str(len(report.outcomes))),
        translate("StatusesDialog", "Matched: %1 (new %2, updated %3, unchanged %4)")
        .replace("%1", str(report.matched))
        .replace("%2", str(report.count("created")))
        .replace("%3", str(report.count("updated")))
        .replace("%4", str(report.count("unchanged"))),
        translate("StatusesDialog", "Not found: %1").replace("%1", str(report.count("unmatched"))),
        translate("StatusesDialog", "Ambiguous: %1").replace("%1", str(report.count("ambiguous"))),
        translate("StatusesDialog", "Households whose rights are recomputed: %1").replace(
            "%1", str(len(report.households))
        ),
    ]
    if report.previous:
        lines.append(
            translate("StatusesDialog", "Note: this same file was read in before, on %1.").replace(
                "%1", format_moment(report.previous[-1].imported_at.astimezone(), seconds=False)
            )
        )
    names = {
        "unmatched": translate("StatusesDialog", "not found"),
        "ambiguous": translate("StatusesDialog", "ambiguous"),
        "duplicate": translate("StatusesDialog", "duplicate"),
    }
    for outcome, name in names.items():
        for line in report.lines_of(outcome):
            lines.append(
                translate("StatusesDialog", "Line %1 (%2), %3: %4")
                .replace("%1", str(line.line))
                .replace("%2", line.code)
                .replace("%3", name)
                .replace("%4", reason_text(line.reason))
            )
    return "\n".join(lines)


def problems_text(error: StatusFileError) -> str:
    """Why the file is refused, line by line."""
    lines = [
        translate(
            "StatusesDialog", "The file is not read in: %1 problem(s). Nothing was changed."
        ).replace("%1", str(len(error.problems)))
    ]
    for problem in error.problems[:SHOWN_PROBLEMS]:
        where = (
            translate("StatusesDialog", "line %1").replace("%1", str(problem.line))
            if problem.line
            else ""
        )
        if problem.column:
            where += (", " if where else "") + translate("StatusesDialog", "column %1").replace(
                "%1", problem.column
            )
        message = problem_text(problem.message)
        lines.append(f"{where}: {message}" if where else message)
    if len(error.problems) > SHOWN_PROBLEMS:
        lines.append(
            translate("StatusesDialog", "… and %1 more").replace(
                "%1", str(len(error.problems) - SHOWN_PROBLEMS)
            )
        )
    return "\n".join(lines)


class StatusesDialog(QDialog):
    """Choose a list file, preview its report (dry run), then read it in."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        catalog: Catalog | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.catalog = catalog if catalog is not None else loader.load()
        self.today = today
        self.job: SyncJob | None = None
        self.previewed: tuple[str, str] | None = None  # (path, file date) the preview was of
        self.last_report: StatusReport | None = None
        self.finished_runs = 0  # previews and imports ended or failed (for the tests)
        self._running: tuple[str, date | None] = ("", None)
        self.setWindowTitle(self.tr("Read in official statuses"))

        intro = QLabel(
            self.tr(
                "A status list (CSV: INSZ;statuscode;begindatum;einddatum) from the KSZ or "
                "another official source. First a preview; nothing is saved until you choose "
                "Read in."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("List file"))
        hint(self.path, self.tr("e.g. statussen_20261201.csv"))
        self.browse = QPushButton(self.tr("Bro&wse…"))
        self.browse.setAccessibleName(self.tr("Choose the list file"))
        self.file_date = QLineEdit()
        self.file_date.setAccessibleName(self.tr("File date"))
        hint(self.file_date, self.tr("YYYY-MM-DD; empty: the date in the file name"))
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        path_label = QLabel(self.tr("&List file:"))
        path_label.setBuddy(self.path)
        date_label = QLabel(self.tr("File &date:"))
        date_label.setBuddy(self.file_date)
        form.addRow(path_label, row)
        form.addRow(date_label, self.file_date)

        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setTabChangesFocus(True)
        self.report.setAccessibleName(self.tr("Report"))
        self.report.setMinimumHeight(220)
        report_label = QLabel(self.tr("&Report:"))
        report_label.setBuddy(self.report)
        self.error = error_label()
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.read_button = QPushButton(self.tr("Read &in"))
        self.read_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("&Close"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(report_label)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setTabOrder(self.path, self.browse)
        self.setTabOrder(self.browse, self.file_date)
        self.setTabOrder(self.file_date, self.report)
        self.setTabOrder(self.report, self.preview_button)
        self.setTabOrder(self.preview_button, self.read_button)
        self.setTabOrder(self.read_button, self.close_button)

        self.browse.clicked.connect(self.choose_file)
        self.preview_button.clicked.connect(lambda: self.run(dry_run=True))
        self.read_button.clicked.connect(lambda: self.run(dry_run=False))
        self.close_button.clicked.connect(self.reject)
        self.path.textChanged.connect(self._input_changed)
        self.file_date.textChanged.connect(self._input_changed)
        self.preview_button.setDefault(True)
        self.resize(640, 480)

    def ask_file(self) -> str:
        """The file the user picks ("" when cancelled); tests replace this."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a status list"), "", self.tr("Status lists (*.csv *.txt)")
        )
        return name

    def choose_file(self) -> None:
        name = self.ask_file()
        if name:
            self.path.setText(name)
            self.preview_button.setFocus()

    def _input_changed(self) -> None:
        # "Inlezen" only writes what was previewed.
        self.read_button.setEnabled(False)
        self.previewed = None

    def _given_date(self) -> date | None:
        text = self.file_date.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(text) from None

    def run(self, *, dry_run: bool) -> None:
        """Start the preview or the import on a worker thread."""
        if self.job is not None:
            return
        self.error.hide()
        path_text = self.path.text().strip()
        if not path_text:
            self._show_error(self.tr("Choose the list file first."))
            self.path.setFocus()
            return
        try:
            given = self._given_date()
        except ValueError:
            self._show_error(self.tr("The file date is not a date (YYYY-MM-DD)."))
            self.file_date.setFocus()
            return
        db, actor, catalog, today = self.context.db, self.context.actor, self.catalog, self.today
        refresher = FindingsRefresher(Evaluator(catalog), (lambda: today) if today else date.today)

        def work(_progress: object, _stop: object) -> StatusReport:
            return import_statuses(
                db,
                actor,
                Path(path_text),
                refresher,
                file_date=given,
                dry_run=dry_run,
                codes=load_codes(catalog),
            )

        self._busy(True)
        self.status.setText(
            self.tr("Checking the file…") if dry_run else self.tr("Reading the statuses in…")
        )
        self._running = (path_text, given)
        self.job = SyncJob(work)
        # Bound methods of this window: queued onto the GUI thread (a lambda would run on the
        # worker's).
        self.job.ended.connect(self._ended)
        self.job.failed.connect(self._failed)
        self.job.start()

    def _ended(self, report: StatusReport) -> None:
        path_text, given = self._running
        self._finish()
        self.last_report = report
        self.report.setPlainText(report_text(report))
        if report.dry_run:
            self.previewed = (path_text, str(given or ""))
            self.read_button.setEnabled(True)
            self.status.setText(self.tr("Preview ready. Choose Read in to save."))
            self.read_button.setFocus()
        else:
            self.read_button.setEnabled(False)
            self.status.setText(self.tr("The statuses have been read in and saved."))
            self.close_button.setFocus()

    def _failed(self, error: object) -> None:
        self._finish()
        self.read_button.setEnabled(False)
        if isinstance(error, StatusFileError):
            self.report.setPlainText(problems_text(error))
            self.status.setText(self.tr("The file has problems; nothing was changed."))
        elif isinstance(error, SociaalHuisError):
            self._show_error(error.message)
            self.status.clear()
        else:
            self._show_error(str(error))
            self.status.clear()
        self.path.setFocus()

    def _finish(self) -> None:
        if self.job is not None:
            self.job.wait()
            self.job = None
        self._busy(False)
        self.finished_runs += 1

    def _busy(self, busy: bool) -> None:
        for widget in (self.preview_button, self.browse, self.path, self.file_date):
            widget.setEnabled(not busy)
        if busy:
            self.read_button.setEnabled(False)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self.job is not None:  # the import finishes or rolls back; never cut halfway
            return
        super().reject()


def show_statuses(parent: QWidget, context: AppContext) -> None:
    StatusesDialog(context, parent).exec()
