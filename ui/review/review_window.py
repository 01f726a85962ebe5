"""The team lead's non-take-up window: three lists with counts, one filter bar for lists and
charts (remembered between runs), follow-ups, export, take-up charts and catalog impact."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import may
from sociaalhuis.access.permissions import ASSIGN_FOLLOW_UP
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import PermissionDenied, SociaalHuisError
from sociaalhuis.locale_format import format_number
from sociaalhuis.review import export, followups, lists, takeup
from sociaalhuis.review.lists import ReviewFilters, ReviewRow
from ui.review.charts import ChartsTab
from ui.review.follow_up_dialog import FollowUpDialog, follow_up_workers
from ui.review.impact_tab import ImpactTab
from ui.review.reply_rates_tab import ReplyRatesTab
from ui.review.review_model import Background, ReviewModel, follow_up_text, level_label
from ui.startup import AppContext
from ui.widgets.forms import label_inputs
from ui.window_settings import WindowSettings

translate = QCoreApplication.translate
WINDOW = "review"
# Filter keys, in the order of the bar; each is remembered under choices/review/<key>.
FILTERS = ("right", "level", "provider", "worker", "deelgemeente", "age_band", "household_type")


def list_title(which: str) -> str:
    titles = {
        "eligible": translate("ReviewWindow", "Eligible, no decision"),
        "possible": translate("ReviewWindow", "Possibly eligible, questions open"),
        "overdue": translate("ReviewWindow", "Follow-up date passed"),
    }
    return titles.get(which, which)


def household_type_label(kind: str) -> str:
    labels = {
        "single": translate("ReviewWindow", "single"),
        "couple": translate("ReviewWindow", "couple without children"),
        "single_parent": translate("ReviewWindow", "single parent"),
        "couple_with_children": translate("ReviewWindow", "couple with children"),
        "other": translate("ReviewWindow", "other"),
    }
    return labels.get(kind, kind)


def thousands(value: int) -> str:
    return format_number(value)


class FilterBar(QWidget):
    """Seven combos, each starting with "all"; `changed` fires once per choice."""

    changed = Signal()

    def __init__(
        self,
        catalog: Catalog,
        workers: list[tuple[uuid.UUID, str]],
        settings: WindowSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.combos: dict[str, QComboBox] = {}
        rights = sorted(catalog.rights, key=lambda right: right.name.lower())
        providers = sorted({right.provider for right in catalog.rights}, key=str.lower)
        choices: dict[str, list[tuple[str, str]]] = {
            "right": [(right.name, right.id) for right in rights],
            "level": [(level_label(level), level) for level in lists.LEVELS],
            "provider": [(provider, provider) for provider in providers],
            "worker": [(name, str(user_id)) for user_id, name in workers],
            "deelgemeente": [(name, name) for name in lists.DEELGEMEENTEN],
            "age_band": [(band, band) for band in lists.AGE_BANDS],
            "household_type": [(household_type_label(k), k) for k in lists.HOUSEHOLD_TYPES],
        }
        labels = {
            "right": self.tr("R&ight:"),
            "level": self.tr("&Level:"),
            "provider": self.tr("&Provider:"),
            "worker": self.tr("&Worker:"),
            "deelgemeente": self.tr("&Sub-municipality:"),
            "age_band": self.tr("A&ge:"),
            "household_type": self.tr("&Household:"),
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for position, key in enumerate(FILTERS):
            combo = QComboBox()
            combo.addItem(self.tr("all"), None)
            for text, value in choices[key]:
                combo.addItem(text, value)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12 if key in ("right", "provider") else 8)
            remembered = settings.text(f"{WINDOW}/{key}")
            found = combo.findData(remembered) if remembered else -1
            combo.setCurrentIndex(max(found, 0))
            label = QLabel(labels[key])
            label.setBuddy(combo)
            row, column = divmod(position, 4)
            grid.addWidget(label, row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
            combo.currentIndexChanged.connect(self._changed)
            self.combos[key] = combo
        self.reset_button = QPushButton(self.tr("Show &all"))
        self.reset_button.clicked.connect(self.clear)
        grid.addWidget(self.reset_button, 1, 7)
        label_inputs(self)

    def value(self, key: str) -> str | None:
        data = self.combos[key].currentData()
        return data if isinstance(data, str) else None

    def filters(self) -> ReviewFilters:
        worker = self.value("worker")
        return ReviewFilters(
            right_id=self.value("right"),
            level=self.value("level"),
            provider=self.value("provider"),
            worker_id=uuid.UUID(worker) if worker else None,
            deelgemeente=self.value("deelgemeente"),
            age_band=self.value("age_band"),
            household_type=self.value("household_type"),
        )

    def clear(self) -> None:
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        for key in FILTERS:
            self.settings.set_text(f"{WINDOW}/{key}", self.value(key) or "")
        self.changed.emit()


class ReviewWindow(QMainWindow):
    """Non-modal; `open_requested(household_id)` asks the main window to open a case."""

    open_requested = Signal(uuid.UUID)

    def __init__(
        self,
        context: AppContext,
        catalog: Catalog | None = None,
        today: date | None = None,
        settings: WindowSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.context = context
        self.db = context.db
        self.actor = context.actor
        self.catalog = catalog if catalog is not None else loader.load()
        self.today = today or date.today()
        self.settings = settings or WindowSettings()
        self.which = lists.LISTS[0]
        self.charts_stale = True
        self.counts: dict[str, int] = {}
        self.generation = 0
        self.refusal = False
        self.background = Background()
        self.background.finished.connect(self._finished)
        self.setWindowTitle(self.tr("Non-take-up review"))
        self.workers = follow_up_workers(self.db)
        self.filter_bar = FilterBar(self.catalog, self.workers, self.settings)
        self.list_bar = QTabBar()
        for which in lists.LISTS:
            self.list_bar.addTab(list_title(which))
        self.list_bar.setExpanding(False)
        self.model = ReviewModel(self._fetcher(), self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Households to review"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("Households"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((160, 105, 290, 75, 230, 100, 130)):
            header.resizeSection(column, width)
        self.status = QLabel()
        # The whole of a row that the columns cut short: its right, provider and questions.
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 4)
        self.open_button = QPushButton(self.tr("&Open case"))
        self.follow_up_button = QPushButton(self.tr("Assign &follow-up…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.open_button, self.follow_up_button, self.export_button):
            buttons.addWidget(button)
        lists_page = QWidget()
        page = QVBoxLayout(lists_page)
        page.addWidget(self.list_bar)
        page.addWidget(self.table, 1)
        page.addWidget(self.detail)
        page.addLayout(buttons)
        self.charts = ChartsTab()
        self.impact = ImpactTab(self.db, self.actor, self.catalog, self.today)
        self.tabs = QTabWidget()
        self.tabs.addTab(lists_page, self.tr("&Lists"))
        self.tabs.addTab(self.charts, self.tr("&Take-up"))
        self.tabs.addTab(self.impact, self.tr("Catalog &impact"))
        self.reply_rates = ReplyRatesTab(self.db, self.actor, self.today)
        self.tabs.addTab(self.reply_rates, self.tr("Partner replie&s"))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.filter_bar.reset_button, self.tabs)
        self.setTabOrder(self.list_bar, self.table)
        self.setTabOrder(self.table, self.open_button)
        self.filter_bar.changed.connect(self.reload)
        self.list_bar.currentChanged.connect(self._list_chosen)
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_current)
        self.follow_up_button.clicked.connect(self.assign_follow_up)
        self.export_button.clicked.connect(self.ask_export)
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        for index, key in enumerate(("Alt+1", "Alt+2", "Alt+3")):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda index=index: self.list_bar.setCurrentIndex(index))
        QShortcut(QKeySequence("Ctrl+E"), self).activated.connect(self.ask_export)
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(
            self.filter_bar.combos[FILTERS[0]].setFocus
        )
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self).activated.connect(self.close)
        geometry = self.settings.geometry(WINDOW)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 700)
        self.reload()

    # The lists

    def _fetcher(self) -> Callable[[int, int], list[ReviewRow]]:
        which, filters = self.which, self.filter_bar.filters()

        def fetch(offset: int, limit: int) -> list[ReviewRow]:
            # The view fetches while scrolling, inside Qt: a refusal there ends the list
            # (reload already told the user), it must not escape into the event loop.
            try:
                return lists.review(
                    self.db,
                    self.actor,
                    self.catalog,
                    which,
                    filters,
                    limit=limit,
                    offset=offset,
                    today=self.today,
                )
            except PermissionDenied:
                self.refusal = True
                return []

        return fetch

    def reload(self) -> None:
        """The list, its counts and (when shown) the charts again for the current filters.

        The first page is read at once; counts and charts take seconds on a large caseload
        and are read in the background, each result shown only if the filters are still
        those it was read for."""
        self.generation += 1
        if not self._show_list():
            return
        filters, generation = self.filter_bar.filters(), self.generation
        self.counts = {}
        for index, which in enumerate(lists.LISTS):
            self.list_bar.setTabText(index, f"{list_title(which)} (…)")
        self.background.start(
            "counts",
            generation,
            lambda: lists.counts(self.db, self.actor, self.catalog, filters, today=self.today),
        )
        self.charts_stale = True
        if self.tabs.currentWidget() is self.charts:
            self.refresh_charts()
        self._enable()

    def _show_list(self) -> bool:
        self.refusal = False
        self.model.reset(self._fetcher())
        if self.model.canFetchMore():
            self.model.fetchMore()
        if self.refusal:
            self._refused()
            return False
        self._show_detail(self.table.currentIndex())
        self._enable()
        return True

    @property
    def busy(self) -> bool:
        """Whether counts or charts for the current filters are still being read."""
        return any(g == self.generation for g in self.background.running.values())

    def _finished(self, kind: str, generation: int, result: object) -> None:
        if self.background.running.get(kind) == generation:
            del self.background.running[kind]
        if generation != self.generation:
            return  # read for filters that have changed since
        if isinstance(result, PermissionDenied):
            self._refused()
            return
        if isinstance(result, SociaalHuisError):
            QMessageBox.warning(
                self,
                self.tr("Non-take-up review"),
                self.tr("The figures could not be read. Close the window and try again."),
            )
            return
        if isinstance(result, Exception):
            raise result
        if kind == "counts":
            assert isinstance(result, dict)
            self.counts = result
            for index, which in enumerate(lists.LISTS):
                count = thousands(result.get(which, 0))
                self.list_bar.setTabText(index, f"{list_title(which)} ({count})")
            self._enable()
        else:
            take_up, trend = result  # type: ignore[misc]
            self.charts.show_figures(take_up, trend)
            self.charts_stale = False

    def _list_chosen(self, index: int) -> None:
        self.which = lists.LISTS[index]
        self._show_list()

    def _enable(self) -> None:
        chosen = len(self.selected_rows())
        self.open_button.setEnabled(self.table.currentIndex().isValid())
        self.follow_up_button.setEnabled(
            chosen > 0 and bool(self.workers) and may(self.actor, ASSIGN_FOLLOW_UP)
        )
        self.export_button.setEnabled(self.model.rowCount() > 0)
        if self.which in self.counts:
            total = self.counts[self.which]
            text = self.tr("%Ln row(s), sorted by estimated value per year", "", total)
        else:
            text = self.tr("Counting…")
        if chosen:
            text += " · " + self.tr("%n selected", "", chosen)
        self.status.setText(text)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not current.isValid() or current.row() >= self.model.rowCount():
            self.detail.clear()
            return
        row = self.model.row_at(current.row())
        lines = [f"{row.applicant} · {row.right_name} · {row.provider}"]
        lines += list(row.questions[:2])
        if len(row.questions) > 2:
            lines.append(self.tr("… and %Ln more question(s)", "", len(row.questions) - 2))
        if row.detail or row.follow_up_on:
            lines.append(follow_up_text(row))
        self.detail.setText("\n".join(lines))

    def selected_rows(self) -> list[ReviewRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in rows]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.row_at(index.row()).household_id)

    def open_current(self) -> None:
        self._activated(self.table.currentIndex())

    def assign_follow_up(self) -> None:
        rows = self.selected_rows()
        if not rows or not self.workers:
            return
        dialog = FollowUpDialog(self.workers, len(rows), self.today, self)
        if dialog.exec() != FollowUpDialog.DialogCode.Accepted:
            return
        items = list(dict.fromkeys((row.household_id, row.right_id or None) for row in rows))
        try:
            stored = followups.assign_follow_up(
                self.db,
                self.actor,
                items,
                dialog.worker_id(),
                dialog.due_on(),
                dialog.note_text(),
                today=self.today,
            )
        except PermissionDenied:
            self._refused()
            return
        except SociaalHuisError as error:
            QMessageBox.warning(self, self.tr("Assign follow-up"), self._follow_up_problem(error))
            return
        self.reload()
        self.statusBar().showMessage(self.tr("%n follow-up(s) assigned.", "", stored), 8000)

    def _follow_up_problem(self, error: SociaalHuisError) -> str:
        # The service explains in English for developers; the team lead reads Dutch.
        where = getattr(error, "field", "")
        if where == "note":
            return self.tr(
                "The note cannot be saved: at most 1,000 characters, without hidden characters."
            )
        if where == "due_on":
            return self.tr("The follow-up date lies in the past.")
        if where == "worker_id":
            return self.tr("Choose an active social worker or team lead.")
        return self.tr("The follow-up could not be saved. Refresh the list and try again.")

    # Export

    def ask_export(self) -> None:
        if self.model.rowCount() == 0:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export list"),
            f"onderbescherming-{self.today.isoformat()}.xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV, semicolons (*.csv)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "csv" in chosen.lower() else ".xlsx"))
        if self.export_to(path):
            self.statusBar().showMessage(self.tr("Exported to %1.").replace("%1", str(path)), 8000)

    def export_to(self, path: Path) -> bool:
        """Write every row of the current view (all pages, not only those fetched) with the
        filters and the date."""
        fmt = path.suffix.lower().lstrip(".")
        try:
            # The service reads the list again with the same filters and date, in one
            # session, and records the export in the audit trail before the file appears.
            export.export_review(
                self.db,
                self.actor,
                self.catalog,
                self.which,
                self.filter_bar.filters(),
                path,
                fmt,
                self.today,
            )
        except PermissionDenied:
            self._refused()
            return False
        except SociaalHuisError:
            QMessageBox.warning(
                self,
                self.tr("Export list"),
                self.tr("The list could not be written to %1.").replace("%1", str(path)),
            )
            return False
        return True

    # Charts

    def _tab_chosen(self, _index: int) -> None:
        # The filters do not apply to a catalog comparison, which covers every household, nor
        # to the partners' reply rates.
        self.filter_bar.setVisible(self.tabs.currentWidget() not in (self.impact, self.reply_rates))
        if self.tabs.currentWidget() is self.charts and self.charts_stale:
            self.refresh_charts()

    def refresh_charts(self) -> None:
        filters, generation = self.filter_bar.filters(), self.generation
        self.charts_stale = False

        def read() -> tuple[object, object]:
            return (
                takeup.take_up(self.db, self.actor, self.catalog, filters, today=self.today),
                takeup.take_up_trend(self.db, self.actor, self.catalog, filters, today=self.today),
            )

        self.background.start("charts", generation, read)

    def _refused(self) -> None:
        QMessageBox.warning(
            self,
            self.tr("Non-take-up review"),
            self.tr("Your role may not view the non-take-up review."),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_geometry(WINDOW, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)


def show_review(
    parent: QWidget | None, context: AppContext, open_case: Callable[[uuid.UUID], None]
) -> ReviewWindow:
    """Open the review window next to the main window; rows open their case in `open_case`."""
    window = ReviewWindow(context, parent=parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.open_requested.connect(open_case)
    window.show()
    return window
