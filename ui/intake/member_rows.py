"""One row of the members grid: role, names, birth date, national register number, language.

The texts keep the household editor's translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from sociaalhuis.cases import national_number
from sociaalhuis.cases.draft import MemberDraft
from sociaalhuis.errors import ValidationError
from sociaalhuis.storage.models import LANGUAGES, MEMBER_ROLES
from ui.widgets.formats import show_date
from ui.widgets.forms import hint
from ui.widgets.inputs import SHORT_LENGTH, ConfirmingComboBox, guard_text

translate = QCoreApplication.translate


def role_names() -> dict[str, str]:
    return {
        "applicant": translate("HouseholdEditor", "applicant"),
        "partner": translate("HouseholdEditor", "partner"),
        "child": translate("HouseholdEditor", "child"),
        "other": translate("HouseholdEditor", "other housemate"),
    }


def language_names() -> dict[str, str]:
    return {
        "nl": translate("HouseholdEditor", "Dutch"),
        "fr": translate("HouseholdEditor", "French"),
        "en": translate("HouseholdEditor", "English"),
        "de": translate("HouseholdEditor", "German"),
        "other": translate("HouseholdEditor", "other"),
    }


def national_number_problem(text: str, birth_date: Any) -> str:
    """Why a typed national register number is not valid, in the user's language; "" if fine."""
    if not text.strip() or national_number.is_masked(text):
        return ""  # a masked number is the stored one, unchanged
    try:
        national_number.normalise("national_number", text, birth_date)
    except ValidationError as exc:
        reason = exc.reason
        if reason.startswith("a national register number has 11"):
            return translate("HouseholdEditor", "a national register number has 11 digits")
        if reason.startswith("a national register number has only"):
            return translate("HouseholdEditor", "a national register number has only digits")
        if reason.startswith("the check digits"):
            return translate("HouseholdEditor", "the check digits do not match (typing error?)")
        if "birth date" in reason:
            return translate("HouseholdEditor", "does not match the birth date")
        return translate("HouseholdEditor", "not a valid national register number")
    return ""


class MemberRow:
    """The widgets of one member in the members grid."""

    def __init__(self, member: MemberDraft) -> None:
        self.local_id = member.local_id
        self.role = ConfirmingComboBox()
        for key in MEMBER_ROLES:
            self.role.addItem(role_names()[key], key)
        self.given = guard_text(QLineEdit(member.given_name))
        self.family = guard_text(QLineEdit(member.family_name))
        self.birth = guard_text(QLineEdit(show_date(member.birth_date)), SHORT_LENGTH)
        hint(self.birth, translate("HouseholdEditor", "dd/mm/yyyy"))
        self.number = guard_text(QLineEdit(member.national_number or ""), 20)
        hint(self.number, translate("HouseholdEditor", "yy.mm.dd-nnn.cc"))
        # The number is shown masked; "Show" asks the service for it in full (audited).
        self.reveal = QPushButton(translate("HouseholdEditor", "Show"))
        self.number_cell = QWidget()
        cell = QHBoxLayout(self.number_cell)
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(2)
        # Room for a whole number ("85.07.15-123.45") however narrow the window; the button
        # only as wide as its word.
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("00.00.00-000.00W"))
        self.reveal.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.reveal.setMaximumWidth(
            self.reveal.fontMetrics().horizontalAdvance(self.reveal.text()) + 18
        )
        cell.addWidget(self.number, 1)
        cell.addWidget(self.reveal)
        self.language = ConfirmingComboBox()
        for combo in (self.role, self.language):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        for key in LANGUAGES:
            self.language.addItem(language_names()[key], key)
        self.remove = QPushButton("✕")
        self.remove.setFixedWidth(32)
        self.role.setCurrentIndex(max(self.role.findData(member.role), 0))
        self.role.mark_confirmed()
        self.language.setCurrentIndex(max(self.language.findData(member.language), 0))
        self.language.mark_confirmed()
        name = member.name or member.local_id
        self.remove.setToolTip(
            translate("HouseholdEditor", "Remove {name} from the household").format(name=name)
        )
        self.remove.setAccessibleName(self.remove.toolTip())
        for widget, what in (
            (self.role, translate("HouseholdEditor", "Role of {member}")),
            (self.given, translate("HouseholdEditor", "Given name of {member}")),
            (self.family, translate("HouseholdEditor", "Family name of {member}")),
            (self.birth, translate("HouseholdEditor", "Birth date of {member}")),
            (self.number, translate("HouseholdEditor", "National register number of {member}")),
            (
                self.reveal,
                translate("HouseholdEditor", "Show the full national register number of {member}"),
            ),
            (self.language, translate("HouseholdEditor", "Language of {member}")),
        ):
            widget.setAccessibleName(what.format(member=member.local_id))
        self.reveal.setToolTip(
            translate("HouseholdEditor", "Show the full number (this is recorded)")
        )
        self._show_mask(member)

    def _show_mask(self, member: MemberDraft) -> None:
        """A masked number cannot be typed over (the mask would be saved as "unchanged")."""
        masked = national_number.is_masked(member.national_number)
        self.number.setReadOnly(masked)
        self.reveal.setVisible(masked)

    def show(self, member: MemberDraft) -> None:
        """Show `member`'s current data in this row (the caller blocks edit signals)."""
        for line, text in (
            (self.given, member.given_name),
            (self.family, member.family_name),
            (self.birth, show_date(member.birth_date)),
            (self.number, member.national_number or ""),
        ):
            if line.text() != text:
                line.setText(text)
            line.setStyleSheet("")
        self._show_mask(member)
        self.role.setCurrentIndex(max(self.role.findData(member.role), 0))
        self.role.mark_confirmed()
        self.language.setCurrentIndex(max(self.language.findData(member.language), 0))
        self.language.mark_confirmed()

    def widgets(self) -> list[QWidget]:
        return [
            self.role,
            self.given,
            self.family,
            self.birth,
            self.number_cell,
            self.language,
            self.remove,
        ]
