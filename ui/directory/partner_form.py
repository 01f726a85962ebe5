"""The sociale kaart's right side: the open partner's form and the list of its services."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.referrals.records import OrganisationInput, OrganisationView, ServiceView
from ui.widgets.forms import hint, label_inputs

SERVICE_ROLE = Qt.ItemDataRole.UserRole + 2
LINE_FIELDS = ("name", "alternate_name", "email", "phone", "website", "address")


def _clean(text: str) -> str | None:
    return text.strip() or None


class PartnerForm(QGroupBox):
    """A partner's details; `changed` when the worker edits them (not while they are filled)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Partner"))
        self.baseline = OrganisationInput(name="")
        self.filling = False
        self.name = QLineEdit()
        self.alternate_name = QLineEdit()
        hint(self.alternate_name, self.tr("Full name or abbreviation (optional)"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        hint(self.description, self.tr("What they do and for whom"))
        self.description.setMinimumHeight(64)
        self.description.setMaximumHeight(120)
        self.email = QLineEdit()
        hint(self.email, self.tr("e.g. onthaal@partner.be"))
        self.phone = QLineEdit()
        hint(self.phone, self.tr("e.g. 016 29 77 00"))
        self.website = QLineEdit()
        hint(self.website, self.tr("https://…"))
        self.address = QLineEdit()
        hint(self.address, self.tr("Street and number, postcode and municipality"))
        self.secrecy = QCheckBox(self.tr("&Bound by professional secrecy"))
        self.secrecy.setToolTip(
            self.tr(
                "Tick only when the partner's workers are bound by professional secrecy "
                "(art. 458 Criminal Code). Only then can a referral letter with client data "
                "go to this partner, with the client's consent."
            )
        )
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {
            "name": self.tr("&Name:"),
            "alternate_name": self.tr("&Other name:"),
            "description": self.tr("&Description:"),
            "email": self.tr("&E-mail:"),
            "phone": self.tr("&Phone:"),
            "website": self.tr("&Website:"),
            "address": self.tr("Add&ress:"),
        }
        self.editors: dict[str, QWidget] = {
            "name": self.name,
            "alternate_name": self.alternate_name,
            "description": self.description,
            "email": self.email,
            "phone": self.phone,
            "website": self.website,
            "address": self.address,
            "bound_by_professional_secrecy": self.secrecy,
        }
        for key, label in self.labels.items():
            form.addRow(label, self.editors[key])
        form.addRow("", self.secrecy)

        for key in LINE_FIELDS:
            line = self.editors[key]
            assert isinstance(line, QLineEdit)
            line.textChanged.connect(self._edited)
        self.description.textChanged.connect(self._edited)
        self.secrecy.toggled.connect(self._edited)
        label_inputs(self)

    def _edited(self) -> None:
        if not self.filling:
            self.changed.emit()

    def fill(self, view: OrganisationView | None) -> None:
        """Put the partner (or an empty form) on screen; that is what `edited` compares to."""
        self.filling = True
        try:
            for key in LINE_FIELDS:
                line = self.editors[key]
                assert isinstance(line, QLineEdit)
                line.setText((getattr(view, key) if view else None) or "")
                line.setCursorPosition(0)
            self.description.setPlainText(view.description if view else "")
            self.secrecy.setChecked(bool(view and view.bound_by_professional_secrecy))
        finally:
            self.filling = False
        self.baseline = self.form_input()

    def set_editable(self, editable: bool, secrecy: bool | None = None) -> None:
        """Fields read-only unless `editable`; the secrecy flag follows `secrecy` when given
        (only administrators may set it)."""
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(not editable)
            elif key == "bound_by_professional_secrecy":
                editor.setEnabled(editable if secrecy is None else editable and secrecy)

    def form_input(self) -> OrganisationInput:
        """What is on screen, trimmed; empty optional fields as None."""
        return OrganisationInput(
            name=self.name.text().strip(),
            description=self.description.toPlainText().strip(),
            alternate_name=_clean(self.alternate_name.text()),
            email=_clean(self.email.text()),
            phone=_clean(self.phone.text()),
            website=_clean(self.website.text()),
            address=_clean(self.address.text()),
            bound_by_professional_secrecy=self.secrecy.isChecked(),
        )

    def edited(self) -> bool:
        """Whether the form differs from what was last filled in."""
        return self.form_input() != self.baseline

    def field_label(self, field: str) -> str:
        """The form's label for a field the core names, e.g. `email` → `E-mail`."""
        label = self.labels.get(field)
        if label is None:
            return field
        return label.replace("&", "").rstrip(":")

    def focus_field(self, field: str) -> None:
        """Put the cursor in the editor of a field the core named, when the form has it."""
        editor = self.editors.get(field)
        if editor is not None:
            editor.setFocus()
            if isinstance(editor, QLineEdit):
                editor.selectAll()


class ServicesBox(QGroupBox):
    """The open partner's services; the dialog opens one on `service_list.itemActivated`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ser&vices"))  # Alt+V: into the list
        self.service_list = QListWidget()
        self.service_list.setAccessibleName(self.tr("Services of this partner"))
        self.service_list.setAccessibleName(self.tr("Services of this partner"))
        self.service_list.setToolTip(self.tr("Double-click or press Enter to change a service"))
        self.add_service_button = QPushButton(self.tr("&Add service…"))
        self.add_service_button.setToolTip(self.tr("Add a service this partner offers"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.service_list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_service_button)
        layout.addLayout(row)

    def fill(self, services: list[ServiceView], placeholder: bool) -> None:
        """List the services; with none, `placeholder` says so in the list."""
        self.service_list.clear()
        for service in services:
            text = service.name
            if service.status != "active":
                text += " — " + self.tr("inactive")
            contact = ", ".join(part for part in (service.email, service.url) if part)
            if contact:
                text += f" ({contact})"
            item = QListWidgetItem(text)
            item.setData(SERVICE_ROLE, service)
            item.setToolTip(service.description)
            if service.status != "active":
                item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
            self.service_list.addItem(item)
        if not services and placeholder:
            empty = QListWidgetItem(self.tr("No services yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.service_list.addItem(empty)

    def select(self, service_id: uuid.UUID | None) -> None:
        """Select the service's line, when it is listed."""
        for row in range(self.service_list.count()):
            service = self.service_list.item(row).data(SERVICE_ROLE)
            if service is not None and service.id == service_id:
                self.service_list.setCurrentRow(row)
