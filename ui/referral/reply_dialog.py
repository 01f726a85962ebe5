"""Record the partner's answer on a referral: outcome, reason (required when declined) and the
day the partner answered (not in the future, not before the referral was sent)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
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

from sociaalhuis.locale_format import format_day
from sociaalhuis.referrals.referrals import ReferralView
from sociaalhuis.referrals.replies import MAX_REASON_CHARS, ReplyInput, ReplyView
from sociaalhuis.storage.models import REPLY_OUTCOMES
from ui.widgets.forms import error_label, hint, named

translate = QCoreApplication.translate


def outcome_names() -> dict[str, str]:
    return {
        "accepted": translate("ReplyDialog", "accepted"),
        "declined": translate("ReplyDialog", "declined"),
        "no_show": translate("ReplyDialog", "client did not come"),
        "helped": translate("ReplyDialog", "client helped"),
    }


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReplyDialog(QDialog):
    """Asks what the partner answered; `result_input` holds it after OK. With `current`, the
    dialog records a correction of that reply."""

    def __init__(
        self,
        referral: ReferralView,
        today: date,
        current: ReplyView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.referral = referral
        self.current = current
        self.result_input: ReplyInput | None = None
        self.setWindowTitle(
            self.tr("Partner's reply to {reference}").format(reference=referral.reference)
        )
        self.outcome = named(QComboBox(), self.tr("Outcome"))
        for key, label in outcome_names().items():
            self.outcome.addItem(label, key)
        self.reason = named(
            QPlainTextEdit(), self.tr("Reason"), self.tr("Required when the partner declined")
        )
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        hint(self.reason, self.tr("Why the partner declined (required when declined)"))
        self.replied_on = named(
            QDateEdit(),
            self.tr("Date of the reply"),
            self.tr("Day/month/year; not in the future, not before the referral was sent"),
        )
        self.replied_on.setCalendarPopup(True)
        self.replied_on.setDisplayFormat("dd/MM/yyyy")
        self.replied_on.setMaximumDate(_qdate(today))
        if referral.sent_on is not None:
            self.replied_on.setMinimumDate(_qdate(referral.sent_on))
        self.replied_on.setDate(_qdate(today))
        self.reason_label = QLabel(self.tr("&Reason:"))
        self.reason_label.setBuddy(self.reason)
        form = QFormLayout()
        form.addRow(self.tr("&Outcome:"), self.outcome)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.tr("&Date of the reply:"), self.replied_on)
        intro = QLabel(
            self.tr("{partner}, sent on {date}.").format(
                partner=referral.organisation_name,
                date=format_day(referral.sent_on) if referral.sent_on else "—",
            )
        )
        intro.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if current is not None:
            names = outcome_names()
            correcting = QLabel(
                self.tr("Corrects the reply recorded before: {outcome}.").format(
                    outcome=names.get(current.outcome, current.outcome)
                )
            )
            correcting.setWordWrap(True)
            layout.addWidget(correcting)
            index = self.outcome.findData(current.outcome)
            self.outcome.setCurrentIndex(max(index, 0))
            self.reason.setPlainText(current.reason)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._outcome_changed()
        self.setMinimumWidth(440)
        self.outcome.setFocus()

    def chosen_outcome(self) -> str:
        value = self.outcome.currentData()
        return value if value in REPLY_OUTCOMES else "accepted"

    def _outcome_changed(self) -> None:
        declined = self.chosen_outcome() == "declined"
        self.reason_label.setText(
            self.tr("&Reason (required):") if declined else self.tr("&Reason:")
        )
        self.error.hide()

    def accept(self) -> None:
        """Keep the dialog, and what was typed, open while something is missing."""
        outcome = self.chosen_outcome()
        reason = self.reason.toPlainText().strip()
        if outcome == "declined" and not reason:
            self._refuse(self.tr("Say why the partner declined: the reason is required."))
            self.reason.setFocus()
            return
        if len(reason) > MAX_REASON_CHARS:
            self._refuse(
                self.tr("The reason is too long (at most {count} characters).").format(
                    count=MAX_REASON_CHARS
                )
            )
            self.reason.setFocus()
            return
        chosen = self.replied_on.date()
        self.result_input = ReplyInput(
            outcome=outcome,
            replied_on=date(chosen.year(), chosen.month(), chosen.day()),
            reason=reason,
            supersedes_id=self.current.id if self.current is not None else None,
        )
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
