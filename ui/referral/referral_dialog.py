"""Refer a client: the partner from the sociale kaart, the reason, the facts to share (the
minimum the right needs is pre-selected and shown before anything is printed), and the
client's consent for that partner."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.referrals.referrals import ReferralInput, beyond_needs
from sociaalhuis.referrals.sharing import fact_text
from ui.widgets.formats import parse_date, show_date
from ui.widgets.forms import hint, label_inputs

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferralDialog(QDialog):
    """Choose partner, reason, facts and consent; `result_input` holds the referral."""

    def __init__(
        self, page: Any, right: RightDef | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.services = page.services
        self.catalog: Catalog = page.services.catalog
        self.draft: IntakeDraft = page.draft
        self.right = right
        self.today = today
        self.organisation: Any = None
        self.result_input: ReferralInput | None = None
        self.setWindowTitle(
            self.tr("Refer {right}").format(right=right.name)
            if right
            else self.tr("Refer the client")
        )

        self.partner_search = QLineEdit(right.provider if right else "")
        hint(self.partner_search, self.tr("Type part of the partner's name"))
        self.partners = QListWidget()
        self.partners.setAccessibleName(self.tr("Partners found"))
        self.partners.setMaximumHeight(120)
        self.secrecy = QLabel()
        self.secrecy.setWordWrap(True)
        self.reason = QLineEdit(
            self.tr("Application for {right}").format(right=right.name) if right else ""
        )
        self.facts = QListWidget()
        self.facts.setAccessibleName(self.tr("Facts to share"))
        self.extra_reason = QLineEdit()
        hint(self.extra_reason, self.tr("Why does the partner need more than the minimum?"))
        self.extra_label = QLabel(self.tr("Reason for &more facts:"))
        self.extra_label.setBuddy(self.extra_reason)
        self.consent = QComboBox()
        self.consent_hint = QLabel()
        self.consent_hint.setWordWrap(True)
        self.record_consent = QPushButton(self.tr("Record &consent…"))
        self.follow_up = QLineEdit()
        hint(self.follow_up, self.tr("dd/mm/yyyy (optional)"))

        form = QFormLayout()
        form.addRow(self.tr("&Partner:"), self.partner_search)
        form.addRow("", self.partners)
        form.addRow("", self.secrecy)
        form.addRow(self.tr("&Reason:"), self.reason)
        form.addRow(self.tr("&Facts to share:"), self.facts)
        form.addRow(self.extra_label, self.extra_reason)
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent, 1)
        consent_row.addWidget(self.record_consent)
        form.addRow(self.tr("C&onsent:"), consent_row)
        form.addRow("", self.consent_hint)
        form.addRow(self.tr("Follow &up on:"), self.follow_up)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Refer and &print"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(720, 640)

        self.partner_search.textChanged.connect(self._find_partners)
        self.partners.currentItemChanged.connect(self._partner_chosen)
        self.record_consent.clicked.connect(self._record_consent)
        self._fill_facts()
        self.facts.itemChanged.connect(self._facts_changed)
        self._facts_changed()
        self._find_partners(self.partner_search.text())
        self.partner_search.setFocus()
        label_inputs(self)

    # --- partner ----------------------------------------------------------------------

    def _find_partners(self, text: str) -> None:
        self.partners.clear()
        words = text.strip()
        if len(words) < 2:
            return
        directory = self.services.directory
        found = directory.find(self.services.actor, words)
        if not found and " " in words:  # a provider text such as "ziekenfonds (sociale dienst)"
            found = directory.find(self.services.actor, words.split()[0])
        for hit in found:
            if not hit.active:
                continue
            item = QListWidgetItem(hit.label)
            item.setData(NAME_ROLE, hit)
            self.partners.addItem(item)
        if self.partners.count():
            self.partners.setCurrentRow(0)

    def _partner_chosen(self, item: QListWidgetItem | None, _old: object = None) -> None:
        self.organisation = item.data(NAME_ROLE) if item is not None else None
        if self.organisation is None:
            self.secrecy.setText("")
        elif self.organisation.bound_by_professional_secrecy:
            self.secrecy.setText(
                self.tr(
                    "Bound by professional secrecy: client facts may be "
                    "shared with the client's consent."
                )
            )
        else:
            self.secrecy.setText(
                self.tr(
                    "Not bound by professional secrecy: no client facts "
                    "can be shared; refer without facts."
                )
            )
        self._fill_consents()

    # --- facts ------------------------------------------------------------------------

    def _fill_facts(self) -> None:
        # Exactly what the catalog says the partner needs for this right; more asks a reason.
        needed = set(self.right.partner_needs) if self.right else set()
        names = {m.local_id: m.name or m.local_id for m in self.draft.members}
        for (owner, key), (value, _evidence) in sorted(
            self.draft.facts.items(), key=lambda item: (item[0][0] or "", item[0][1])
        ):
            fact = self.catalog.facts.get(key)
            if fact is None:
                continue
            who = f"{names.get(owner, owner)}: " if owner else ""
            item = QListWidgetItem(f"{who}{fact_text(self.catalog, key, value)}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in needed else Qt.CheckState.Unchecked)
            item.setData(NAME_ROLE, f"{owner}.{key}" if owner else key)
            self.facts.addItem(item)

    def chosen_facts(self) -> tuple[str, ...]:
        return tuple(
            self.facts.item(i).data(NAME_ROLE)
            for i in range(self.facts.count())
            if self.facts.item(i).checkState() == Qt.CheckState.Checked
        )

    def extra_facts(self) -> list[str]:
        """The ticked facts beyond the right's minimum."""
        right_id = self.right.id if self.right else None
        return beyond_needs(self.catalog, right_id, self.chosen_facts())

    def _facts_changed(self, _item: object = None) -> None:
        extra = bool(self.extra_facts())
        self.extra_label.setVisible(extra)
        self.extra_reason.setVisible(extra)

    # --- consent ----------------------------------------------------------------------

    def _fill_consents(self) -> None:
        self.consent.clear()
        if self.organisation is None or self.draft.household_id is None:
            return
        name = self.organisation.organisation_name.casefold().strip()
        for consent in self.services.contacts.consents_for(
            self.services.actor, self.draft.household_id
        ):
            if consent.partner.casefold().strip() == name and getattr(consent, "current", True):
                self.consent.addItem(
                    self.tr("{purpose}, given on {date}").format(
                        purpose=consent.purpose, date=show_date(consent.given_on)
                    ),
                    consent.id,
                )
        if self.consent.count():
            self.consent_hint.setText("")
        else:
            self.consent_hint.setText(self.tr("No consent recorded for this partner yet."))

    def _record_consent(self) -> None:
        if self.organisation is None:
            return
        self.page.record_contact(
            partner=self.organisation.organisation_name, purpose=self.reason.text().strip()
        )
        self._fill_consents()

    # --- done -------------------------------------------------------------------------

    def accept(self) -> None:
        if self.organisation is None:
            QMessageBox.warning(self, self.windowTitle(), self.tr("Choose the partner."))
            self.partner_search.setFocus()
            return
        if not self.reason.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Write down the reason."))
            self.reason.setFocus()
            return
        facts = self.chosen_facts()
        extra_reason = self.extra_reason.text().strip() if self.extra_facts() else ""
        if self.extra_facts() and not extra_reason:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr(
                    "More facts are ticked than the partner needs for this right: "
                    "say why, or untick them."
                ),
            )
            self.extra_reason.setFocus()
            return
        consent: uuid.UUID | None = self.consent.currentData()
        if facts and not self.organisation.bound_by_professional_secrecy:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("This partner is not bound by professional secrecy: untick the facts."),
            )
            return
        if facts and consent is None:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("Facts are shared only with the client's consent: record it first."),
            )
            return
        try:
            follow_up = parse_date(self.follow_up.text())
        except ValueError:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Write dates as dd/mm/yyyy, e.g. 22/11/2026.")
            )
            return
        self.result_input = ReferralInput(
            organisation_id=self.organisation.organisation_id,
            reason=self.reason.text().strip(),
            consent_id=consent,
            shared_facts=facts,
            right_id=self.right.id if self.right else None,
            service_id=self.organisation.service_id,
            follow_up_on=follow_up,
            extra_reason=extra_reason,
        )
        super().accept()
