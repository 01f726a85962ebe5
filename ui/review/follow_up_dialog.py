"""Assign a follow-up (worker, date, note) to one or more rows of a non-take-up list."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import accounts
from sociaalhuis.access.need_to_know import CASE_WORKER_ROLES
from sociaalhuis.review.followups import MAX_NOTE_CHARS
from sociaalhuis.storage.database import Database
from ui.widgets.forms import hint, label_inputs


def follow_up_workers(db: Database) -> list[tuple[uuid.UUID, str]]:
    """(user id, display name) of the active social workers and team leads, by name."""
    with db.read() as session:
        users = accounts.list_users(session)
    chosen = [u for u in users if u.active and u.role in CASE_WORKER_ROLES]
    return sorted(((u.user_id, u.display_name) for u in chosen), key=lambda pair: pair[1])


class FollowUpDialog(QDialog):
    """Asks who follows the selected rows up, by when, and why; the caller stores it."""

    def __init__(
        self,
        workers: list[tuple[uuid.UUID, str]],
        rows: int,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign follow-up"))
        self.worker = QComboBox()
        for user_id, name in workers:
            self.worker.addItem(name, user_id)
        self.due = QDateEdit()
        self.due.setAccessibleDescription(self.tr("day/month/year"))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setMinimumDate(QDate(today.year, today.month, today.day))
        soon = today + timedelta(days=14)
        self.due.setDate(QDate(soon.year, soon.month, soon.day))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        hint(self.note, self.tr("What should be checked or done"))
        self.note.setFixedHeight(90)
        form = QFormLayout()
        form.addRow(self.tr("&Worker:"), self.worker)
        form.addRow(self.tr("&Follow up by:"), self.due)
        form.addRow(self.tr("&Note:"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("Follow-up for %n selected row(s).", "", rows))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.note.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(420)
        label_inputs(self)

    def _check(self) -> None:
        ok = self.worker.count() > 0 and len(self.note.toPlainText()) <= MAX_NOTE_CHARS
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def worker_id(self) -> uuid.UUID:
        value = self.worker.currentData()
        assert isinstance(value, uuid.UUID)
        return value

    def due_on(self) -> date:
        chosen = self.due.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def note_text(self) -> str:
        return self.note.toPlainText().strip()
