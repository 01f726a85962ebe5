"""The review window's partner replies tab: per partner the referrals sent, the answers by
outcome, those unanswered after N days, the reply rate and the median days to reply."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.reply_rates import DEFAULT_DAYS, PartnerRate, reply_rates
from sociaalhuis.storage.database import Database
from ui.widgets.forms import named


class ReplyRatesTab(QWidget):
    """Reads the figures when shown and whenever the number of days changes."""

    def __init__(self, db: Database, actor: Actor, today: date) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.today = today
        self.days = named(
            QSpinBox(),
            self.tr("Days without reply"),
            self.tr("A referral unanswered for longer counts as no reply"),
        )
        self.days.setRange(0, 365)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" days"))
        days_label = QLabel(self.tr("&Days without reply:"))
        days_label.setBuddy(self.days)
        self.table = named(QTableWidget(0, 11), self.tr("Reply rates per partner"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Partner"),
                self.tr("Sent"),
                self.tr("Replied"),
                self.tr("Accepted"),
                self.tr("Declined"),
                self.tr("Did not come"),
                self.tr("Helped"),
                self.tr("No reply"),
                self.tr("Waiting"),
                self.tr("Reply rate"),
                self.tr("Median days"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # The partner's name whole; the room left goes to the last column.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(days_label)
        top.addWidget(self.days)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.days.valueChanged.connect(lambda _value: self.refresh())
        self.rates: list[PartnerRate] = []

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        try:
            self.rates = reply_rates(self.db, self.actor, self.today, self.days.value())
        except SociaalHuisError:
            self.rates = []
            self.status.setText(self.tr("The reply rates could not be read."))
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(self.rates))
        for row, rate in enumerate(self.rates):
            o = rate.outcomes
            values = [
                rate.partner,
                rate.sent,
                rate.replied,
                o.get("accepted", 0),
                o.get("declined", 0),
                o.get("no_show", 0),
                o.get("helped", 0),
                rate.no_reply,
                rate.waiting,
                "" if rate.reply_rate is None else f"{rate.reply_rate:.0%}",
                "" if rate.median_days is None else f"{rate.median_days:g}".replace(".", ","),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        sent = sum(rate.sent for rate in self.rates)
        replied = sum(rate.replied for rate in self.rates)
        if sent:
            self.status.setText(
                self.tr("{replied} of {sent} referrals answered, all partners together.").format(
                    replied=replied, sent=sent
                )
            )
        else:
            self.status.setText(self.tr("No referral was sent yet."))
