"""Dialogs of the intake page: record a decision on a right, record an intake conversation."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.cases.records import ConsentInput, ContactInput, DecisionInput
from sociaalhuis.catalog.model import RightDef
from ui.intake.rights_panel import action_names
from ui.widgets.formats import parse_date, show_date
from ui.widgets.forms import hint, label_inputs
from ui.widgets.inputs import SHORT_LENGTH, guard_text

translate = QCoreApplication.translate
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and line breaks
NOTE_LENGTH = 4000
QUESTION_LENGTH = 300


class DecisionDialog(QDialog):
    """A decision on one right: action, date, note and follow-up date."""

    def __init__(self, right: RightDef, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.right = right
        self.setWindowTitle(self.tr("Decision on {right}").format(right=right.name))
        self.action = QComboBox()
        for key, label in action_names().items():
            if key == "granted" and right.obtained != "grant":
                continue  # the Sociaal Huis grants only its own rights
            self.action.addItem(label, key)
        self.decided_on = guard_text(QLineEdit(show_date(today)), SHORT_LENGTH)
        self.follow_up = guard_text(QLineEdit(), SHORT_LENGTH)
        hint(self.follow_up, self.tr("dd/mm/yyyy (optional)"))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        hint(self.note, self.tr("What was done, agreed or asked"))
        form = QFormLayout()
        form.addRow(self.tr("&Action:"), self.action)
        form.addRow(self.tr("D&ate:"), self.decided_on)
        form.addRow(self.tr("&Note:"), self.note)
        form.addRow(self.tr("&Follow up on:"), self.follow_up)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{right.name}</b> — {right.provider}"))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.action.setFocus()
        self.result_input: DecisionInput | None = None
        label_inputs(self)

    def accept(self) -> None:
        try:
            decided_on = parse_date(self.decided_on.text())
            follow_up = parse_date(self.follow_up.text())
        except ValueError:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Write dates as dd/mm/yyyy, e.g. 22/11/2026.")
            )
            return
        if decided_on is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("The date is required."))
            self.decided_on.setFocus()
            return
        if not note_is_clean(self, self.note):
            return
        if follow_up is not None and follow_up < decided_on:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("The follow-up date lies before the decision.")
            )
            self.follow_up.setFocus()
            return
        self.result_input = DecisionInput(
            right_id=self.right.id,
            action=self.action.currentData(),
            decided_on=decided_on,
            note=self.note.toPlainText().strip(),
            follow_up_on=follow_up,
        )
        super().accept()


def note_is_clean(dialog: QDialog, note: QPlainTextEdit) -> bool:
    """A note holds printable text and line breaks only, and at most NOTE_LENGTH characters;
    otherwise say so beside it (in the dialog) and keep the dialog open with nothing lost."""
    text = note.toPlainText()
    problem = ""
    if CONTROL.search(text):
        problem = translate("NoteCheck", "The note holds invisible control characters.")
    elif len(text) > NOTE_LENGTH:
        problem = translate("NoteCheck", "A note has at most {count} characters.").format(
            count=NOTE_LENGTH
        )
    if problem:
        QMessageBox.warning(dialog, dialog.windowTitle(), problem)
        note.setFocus()
    return not problem


def channel_names() -> dict[str, str]:
    return {
        "desk": translate("ContactDialog", "at the desk"),
        "phone": translate("ContactDialog", "by phone"),
        "home_visit": translate("ContactDialog", "home visit"),
        "email": translate("ContactDialog", "by e-mail"),
    }


class ContactDialog(QDialog):
    """An intake conversation: the client's question, a note, and consent to share data."""

    def __init__(
        self, site: str, parent: QWidget | None = None, partner: str = "", purpose: str = ""
    ) -> None:
        super().__init__(parent)
        self.site = site
        self.setWindowTitle(self.tr("Intake conversation"))
        self.question = guard_text(QLineEdit(), QUESTION_LENGTH)
        hint(self.question, self.tr("What does the client ask?"))
        self.channel = QComboBox()
        for key, label in channel_names().items():
            self.channel.addItem(label, key)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        hint(self.note, self.tr("Internal note (never shown to the client)"))
        form = QFormLayout()
        form.addRow(self.tr("&Question:"), self.question)
        form.addRow(self.tr("&Channel:"), self.channel)
        form.addRow(self.tr("&Note:"), self.note)
        consent_box = QGroupBox(self.tr("Consent to share data"))
        self.consent_grid = QGridLayout(consent_box)
        self.consent_grid.addWidget(QLabel(self.tr("Partner")), 0, 0)
        self.consent_grid.addWidget(QLabel(self.tr("Purpose")), 0, 1)
        self.consent_grid.addWidget(QLabel(self.tr("How")), 0, 2)
        self.consents: list[tuple[QLineEdit, QLineEdit, QComboBox]] = []
        add = QPushButton(self.tr("Add &consent"))
        add.clicked.connect(self.add_consent)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(consent_box)
        layout.addWidget(add)
        layout.addWidget(buttons)
        if partner:
            self.add_consent()
            self.consents[0][0].setText(partner)
            self.consents[0][1].setText(purpose)
            self.question.setText(purpose)
        self.question.setFocus()
        self.result_input: ContactInput | None = None
        label_inputs(self)

    def add_consent(self) -> None:
        partner, purpose, how = guard_text(QLineEdit()), guard_text(QLineEdit()), QComboBox()
        hint(partner, self.tr("e.g. CAW Oost-Brabant"))
        hint(purpose, self.tr("e.g. application for the social tariff"))
        how.addItem(self.tr("verbally"), "verbal")
        how.addItem(self.tr("in writing"), "written")
        row = len(self.consents) + 1
        partner.setAccessibleName(self.tr("Consent {row}: partner").format(row=row))
        purpose.setAccessibleName(self.tr("Consent {row}: purpose").format(row=row))
        how.setAccessibleName(self.tr("Consent {row}: how given").format(row=row))
        for column, widget in enumerate((partner, purpose, how)):
            self.consent_grid.addWidget(widget, row, column)
        self.consents.append((partner, purpose, how))
        partner.setFocus()

    def accept(self) -> None:
        if not self.question.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Write down the question."))
            self.question.setFocus()
            return
        if not note_is_clean(self, self.note):
            return
        consents = []
        for partner, purpose, how in self.consents:
            if not partner.text().strip() and not purpose.text().strip():
                continue
            if not partner.text().strip() or not purpose.text().strip():
                QMessageBox.warning(
                    self,
                    self.windowTitle(),
                    self.tr("A consent needs both a partner and a purpose."),
                )
                (partner if not partner.text().strip() else purpose).setFocus()
                return
            consents.append(
                ConsentInput(partner.text().strip(), purpose.text().strip(), how.currentData())
            )
        self.result_input = ContactInput(
            question=self.question.text().strip(),
            channel=self.channel.currentData(),
            site=self.site,
            note=self.note.toPlainText().strip(),
            consents=tuple(consents),
        )
        super().accept()
