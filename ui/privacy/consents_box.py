"""The household's consents per purpose and partner, with registering and withdrawing, and
the subject-access export of the open household; a tab of the intake page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.privacy import export, purposes, retention
from sociaalhuis.privacy.consents import ConsentService, CurrentConsent
from ui.widgets.errors import error_text
from ui.widgets.formats import parse_date, show_date
from ui.widgets.forms import hint

translate = QCoreApplication.translate
COLUMNS = 4


def how_names() -> dict[str, str]:
    return {
        "verbal": translate("PrivacyBox", "verbal"),
        "written": translate("PrivacyBox", "written"),
    }


class GiveConsentDialog(QDialog):
    """Purpose, partner, how and date of a consent the client gives."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Register consent"))
        self.purpose = QComboBox()
        self.purpose.setAccessibleName(self.tr("Purpose"))
        for purpose in purposes.PURPOSES:
            self.purpose.addItem(purpose.wording, purpose.code)
        self.partner = QLineEdit()
        self.partner.setAccessibleName(self.tr("Partner"))
        self.partner.setMaxLength(300)
        self.how = QComboBox()
        self.how.setAccessibleName(self.tr("How the consent was given"))
        for key, label in how_names().items():
            self.how.addItem(label, key)
        self.given_on = QLineEdit(show_date(today))
        self.given_on.setAccessibleName(self.tr("Given on"))
        form = QFormLayout()
        form.addRow(self.tr("P&urpose:"), self.purpose)
        form.addRow(self.tr("&Partner:"), self.partner)
        form.addRow(self.tr("&How:"), self.how)
        form.addRow(self.tr("&Given on:"), self.given_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self._purpose_changed()

    def _purpose_changed(self) -> None:
        purpose = purposes.by_code(self.purpose.currentData())
        needs = purpose is not None and purpose.needs_partner
        hint(
            self.partner,
            self.tr("the partner organisation") if needs else purposes.OWN_ORGANISATION,
        )

    def values(self) -> tuple[str, str, str, date | None]:
        """(purpose code, partner, how, given on); the date None when it does not parse."""
        return (
            str(self.purpose.currentData()),
            self.partner.text().strip(),
            str(self.how.currentData()),
            parse_date(self.given_on.text()),
        )


class ConsentsBox(QGroupBox):
    """The consents in force for the open household, per purpose and partner."""

    def __init__(
        self,
        services: Any,
        household: Callable[[], uuid.UUID | None],
        today: Callable[[], date],
    ) -> None:
        super().__init__(translate("PrivacyBox", "Consents"))
        self.services = services
        self.consents = ConsentService(services.db)
        self.household = household
        self.today = today
        self.list = QTreeWidget()
        self.list.setColumnCount(COLUMNS)
        self.list.setHeaderLabels(
            [
                translate("PrivacyBox", "Purpose"),
                translate("PrivacyBox", "Partner"),
                translate("PrivacyBox", "Given on"),
                translate("PrivacyBox", "How"),
            ]
        )
        self.list.setRootIsDecorated(False)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setAccessibleName(translate("PrivacyBox", "Consents in force"))
        self.give_button = QPushButton(translate("PrivacyBox", "Re&gister consent…"))
        self.give_button.clicked.connect(self.give)
        self.withdraw_button = QPushButton(translate("PrivacyBox", "Wit&hdraw…"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.export_button = QPushButton(translate("PrivacyBox", "E&xport client data…"))
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton(translate("PrivacyBox", "Close the &file…"))
        self.close_button.clicked.connect(self.close_file)
        # Two rows, so the tab is no wider than the others on a 1366-pixel screen.
        buttons = QGridLayout()
        buttons.addWidget(self.give_button, 0, 0)
        buttons.addWidget(self.withdraw_button, 0, 1)
        buttons.addWidget(self.export_button, 1, 0)
        buttons.addWidget(self.close_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def reload(self) -> None:
        self.list.clear()
        household_id = self.household()
        self.setEnabled(household_id is not None)
        if household_id is None:
            return
        try:
            current = self.consents.current(self.services.actor, household_id)
        except SociaalHuisError:
            current = []  # a role that may not read consents sees an empty list
        hows = how_names()
        for consent in current:
            view = consent.consent
            item = QTreeWidgetItem(
                [view.purpose, view.partner, show_date(view.given_on), hows.get(view.how, "")]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, consent)
            item.setToolTip(0, view.purpose)
            self.list.addTopLevelItem(item)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.withdraw_button.setEnabled(self.list.topLevelItemCount() > 0)

    def give(self) -> None:
        household_id = self.household()
        if household_id is None:
            return
        dialog = GiveConsentDialog(self.today(), self.window())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        code, partner, how, given_on = dialog.values()
        if given_on is None:
            self._refused(translate("PrivacyBox", "The date is not a date (dd/mm/yyyy)."))
            return
        try:
            self.consents.give(
                self.services.actor, household_id, code, partner, how=how, given_on=given_on
            )
        except SociaalHuisError as exc:
            self._refused(error_text(self, exc))
            return
        self.reload()

    def withdraw(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        consent: CurrentConsent = item.data(0, Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(
            self.window(),
            translate("PrivacyBox", "Withdraw consent"),
            translate(
                "PrivacyBox",
                "Record that the client withdraws the consent \u201c{purpose}\u201d for "
                "{partner} from today? Referrals resting on it will be refused.",
            ).format(purpose=consent.consent.purpose, partner=consent.consent.partner),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.consents.withdraw(self.services.actor, consent.consent.id, self.today())
        except SociaalHuisError as exc:
            self._refused(error_text(self, exc))
            return
        self.reload()

    def export(self, folder: Path | None = None) -> Path | None:
        """Export the household's data into a new folder inside the one chosen; its path."""
        household_id = self.household()
        if household_id is None:
            return None
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.window(), translate("PrivacyBox", "Folder for the export")
            )
            if not chosen:
                return None
            folder = Path(chosen)
        out = folder / f"inzage-{self.today().isoformat()}-{household_id.hex[:8]}"
        try:
            result = export.export(
                self.services.db, self.services.actor, out, household_id=household_id
            )
        except SociaalHuisError as exc:
            self._refused(error_text(self, exc), translate("PrivacyBox", "Not exported"))
            return None
        QMessageBox.information(
            self.window(),
            translate("PrivacyBox", "Client data exported"),
            translate(
                "PrivacyBox", "The data and a summary for the client (PDF) are in {folder}."
            ).format(folder=str(result.folder)),
        )
        return result.folder

    def close_file(self) -> bool:
        """Record, after confirming, that the household's file is closed today: the retention
        period starts (docs/PRIVACY.md); a later conversation or decision reopens it."""
        household_id = self.household()
        if household_id is None:
            return False
        answer = QMessageBox.question(
            self.window(),
            translate("PrivacyBox", "Close the file"),
            translate(
                "PrivacyBox",
                "Close this household's file today? After the retention period it will be "
                "anonymised; a new conversation, decision or referral reopens it.",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            retention.close_file(self.services.db, self.services.actor, household_id, self.today())
        except SociaalHuisError as exc:
            self._refused(error_text(self, exc))
            return False
        return True

    def _refused(self, message: str, title: str = "") -> None:
        title = title or translate("PrivacyBox", "Not recorded")
        QMessageBox.warning(self.window(), title, message)
