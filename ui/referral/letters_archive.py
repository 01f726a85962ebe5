"""A client's archive of printed letters: each opens exactly as it was printed."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.referral.letter_preview import LetterPreview
from ui.widgets.formats import show_date

LETTER_ROLE = Qt.ItemDataRole.UserRole + 1


class LettersArchive(QDialog):
    """Date, kind, recipient and fingerprint of every letter; Enter opens one."""

    def __init__(
        self, services: Any, household_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Letters of this client"))
        kinds = {"referral": self.tr("referral letter"), "overview": self.tr("rights overview")}
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Letters"))
        for letter in services.referrals.letters_for(services.actor, household_id):
            when = show_date(letter.created_at.date()) if letter.created_at else ""
            text = (
                f"{when} — {kinds.get(letter.kind, letter.kind)} — {letter.recipient} — "
                f"{letter.reference} — SHA-256 {letter.sha256[:12]}…"
            )
            item = QListWidgetItem(text)
            item.setData(LETTER_ROLE, letter)
            self.list.addItem(item)
        empty = QLabel(self.tr("No letters printed for this client yet."))
        empty.setVisible(self.list.count() == 0)
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setEnabled(self.list.count() > 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self.open_current)
        self.list.itemActivated.connect(lambda _item: self.open_current())
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(760, 360)

    def open_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        letter = item.data(LETTER_ROLE)
        LetterPreview(
            letter.pdf,
            letter.reference or self.windowTitle(),
            f"{letter.reference or 'brief'}.pdf",
            self,
        ).exec()
