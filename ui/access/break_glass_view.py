"""The team lead's view of break-glass accesses: who opened a colleague's case, when, why,
and until when."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import Actor
from sociaalhuis.locale_format import format_moment
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import utcnow
from ui.startup import AppContext

PERIODS_DAYS = (7, 30, 365)


def _when(moment: datetime) -> str:
    return format_moment(moment.astimezone(), seconds=False)


class BreakGlassView(QDialog):
    """A table of break-glass accesses since a chosen period; reading it is audited."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setWindowTitle(self.tr("Break-glass accesses"))
        self.period = QComboBox()
        for days in PERIODS_DAYS:
            self.period.addItem(self.tr("last %n day(s)", "", days), days)
        self.period.setAccessibleName(self.tr("Period"))
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Break-glass accesses"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Case"),
                self.tr("Reason"),
                self.tr("Until"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Show:"), buddy=self.period))
        top.addWidget(self.period, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(860, 420)
        self.period.currentIndexChanged.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        days = int(self.period.currentData() or PERIODS_DAYS[0])
        entries = need_to_know.break_glass_log(self.db, self.actor, utcnow() - timedelta(days=days))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                _when(entry.granted_at),
                entry.user_name,
                entry.household_label,
                entry.reason,
                _when(entry.expires_at),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.status.setText(self.tr("%n access(es).", "", len(entries)))


def show_break_glass_log(parent: QWidget | None, context: AppContext) -> BreakGlassView:
    """Show the break-glass log to a team lead or administrator (the service refuses others)."""
    view = BreakGlassView(context.db, context.actor, parent)
    view.show()
    return view
