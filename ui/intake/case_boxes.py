"""The case's activity beside the household editor: intake conversations and referrals.

Both lists belong to the household open on the page; they reload from the services and act
through them. Their texts keep the intake page's translation context.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.referrals import NEXT, OPEN_STATUSES
from ui.intake.dialogs import ContactDialog, channel_names
from ui.widgets.errors import error_text
from ui.widgets.formats import show_date

translate = QCoreApplication.translate


def referral_status_names() -> dict[str, str]:
    return {
        "draft": translate("IntakePage", "draft"),
        "sent": translate("IntakePage", "sent"),
        "received": translate("IntakePage", "received"),
        "accepted": translate("IntakePage", "accepted"),
        "declined": translate("IntakePage", "declined"),
        "completed": translate("IntakePage", "completed"),
        "no_show": translate("IntakePage", "client did not come"),
    }


def cleared(box: ContactsBox | ReferralsBox) -> uuid.UUID | None:
    """Empty the box's list; the household to fill it for (None: unsaved, box disabled)."""
    box.list.clear()
    household_id = box.household()
    box.setEnabled(household_id is not None)
    return household_id


class ContactsBox(QGroupBox):
    """The household's intake conversations (internal notes) and a button for a new one."""

    def __init__(self, services: Any, household: Callable[[], uuid.UUID | None]) -> None:
        super().__init__(translate("IntakePage", "Intake conversations (internal)"))
        self.services = services
        self.household = household
        self.list = QListWidget()
        self.list.setAccessibleName(translate("IntakePage", "Intake conversations"))
        self.list.setMaximumHeight(120)
        self.new_button = QPushButton(translate("IntakePage", "New con&versation…"))
        self.new_button.clicked.connect(lambda: self.record())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.new_button)

    def reload(self) -> None:
        household_id = cleared(self)
        if household_id is None:
            return
        names = channel_names()
        for contact in self.services.contacts.list_for(self.services.actor, household_id):
            when = show_date(contact.occurred_at.date())
            notes = " / ".join(note.text for note in contact.notes if note.text)
            consents = "; ".join(f"{c.partner} ({c.purpose})" for c in contact.consents)
            line = f"{when} — {names.get(contact.channel, contact.channel)}: {contact.question}"
            if notes:
                line += f" — {notes}"
            if consents:
                line += " — " + translate("IntakePage", "consent: {partners}").format(
                    partners=consents
                )
            self.list.addItem(line)

    def record(self, partner: str = "", purpose: str = "") -> None:
        household_id = self.household()
        if household_id is None:
            return
        dialog = ContactDialog(self.services.site, self.window(), partner, purpose)
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.result_input is None:
            return
        try:
            self.services.contacts.record(self.services.actor, household_id, dialog.result_input)
        except SociaalHuisError as exc:
            QMessageBox.warning(
                self.window(), translate("IntakePage", "Not recorded"), error_text(self, exc)
            )
            return
        self.reload()


class ReferralsBox(QGroupBox):
    """The household's referrals with their status and follow-up date; the next status."""

    def __init__(
        self,
        services: Any,
        household: Callable[[], uuid.UUID | None],
        today: Callable[[], date],
    ) -> None:
        super().__init__(translate("IntakePage", "Referrals"))
        self.services = services
        self.household = household
        self.today = today
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.setAccessibleName(translate("IntakePage", "Referrals"))
        self.status_button = QPushButton(translate("IntakePage", "Next &status…"))
        self.status_button.clicked.connect(self.advance)
        self.reply_button = QPushButton(translate("IntakePage", "Partner's re&ply…"))
        self.reply_button.clicked.connect(self.record_reply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.reply_button)
        layout.addLayout(buttons)

    def reload(self) -> None:
        household_id = cleared(self)
        if household_id is None:
            return
        names = referral_status_names()
        today = self.today()
        for referral in self.services.referrals.for_household(self.services.actor, household_id):
            follow = ""
            if referral.follow_up_on is not None:
                late = referral.status in OPEN_STATUSES and referral.follow_up_on < today
                follow = translate("IntakePage", ", follow up on {date}").format(
                    date=show_date(referral.follow_up_on)
                ) + (" ⚠" if late else "")
            item = QListWidgetItem(
                f"{referral.reference} — {referral.organisation_name} — "
                f"{names.get(referral.status, referral.status)}{follow}"
            )
            item.setData(Qt.ItemDataRole.UserRole, referral)
            self.list.addItem(item)
        self.status_button.setEnabled(self.list.count() > 0)
        self.reply_button.setEnabled(self.list.count() > 0)

    def advance(self) -> None:
        """Move the selected referral to its next status (sent, received, accepted…)."""
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        referral = item.data(Qt.ItemDataRole.UserRole)
        names = referral_status_names()
        choices = [names[status] for status in NEXT.get(referral.status, ())]
        if not choices:
            QMessageBox.information(
                self.window(),
                translate("IntakePage", "Referral"),
                translate("IntakePage", "This referral is closed."),
            )
            return
        choice, ok = QInputDialog.getItem(
            self.window(),
            translate("IntakePage", "Referral {reference}").format(reference=referral.reference),
            translate("IntakePage", "New status:"),
            choices,
            0,
            False,
        )
        if not ok:
            return
        status = next(key for key, label in names.items() if label == choice)
        try:
            self.services.referrals.set_status(
                self.services.actor, referral.id, referral.version, status, self.today()
            )
        except SociaalHuisError as exc:
            QMessageBox.warning(
                self.window(), translate("IntakePage", "Not changed"), error_text(self, exc)
            )
        self.reload()

    def record_reply(self) -> None:
        """Record what the partner answered on the selected referral (or correct a final
        answer recorded before)."""
        from sociaalhuis.referrals.replies import ReplyService
        from ui.referral.reply_dialog import ReplyDialog

        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        referral = item.data(Qt.ItemDataRole.UserRole)
        replies = ReplyService(self.services.referrals.db)
        try:
            current = replies.current(self.services.actor, referral.id)
        except SociaalHuisError as exc:
            QMessageBox.warning(
                self.window(), translate("IntakePage", "Not changed"), error_text(self, exc)
            )
            return
        if referral.sent_on is None:
            QMessageBox.information(
                self.window(),
                translate("IntakePage", "Referral"),
                translate("IntakePage", "This referral was not sent: there is no reply yet."),
            )
            return
        correcting = current if current is not None and current.outcome != "accepted" else None
        dialog = ReplyDialog(referral, self.today(), correcting, self.window())
        if dialog.exec() != ReplyDialog.DialogCode.Accepted or dialog.result_input is None:
            return
        try:
            replies.record(
                self.services.actor,
                referral.id,
                referral.version,
                dialog.result_input,
                self.today(),
            )
        except SociaalHuisError as exc:
            QMessageBox.warning(
                self.window(), translate("IntakePage", "Not changed"), error_text(self, exc)
            )
        self.reload()
