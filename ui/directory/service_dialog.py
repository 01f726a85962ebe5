"""Adding a service to a partner on the sociale kaart, or changing one."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import ServiceInput, ServiceView
from ui.widgets.forms import hint, label_inputs


def _clean(text: str) -> str | None:
    return text.strip() or None


class ServiceDialog(QDialog):
    """Add a service to a partner, or change one; saved when the worker confirms.

    A ValidationError keeps the dialog open with what was typed; `saved` holds the result.
    """

    def __init__(
        self,
        directory: DirectoryService,
        actor: Actor,
        organisation_id: uuid.UUID,
        service: ServiceView | None = None,
        parent: QWidget | None = None,
        partner: str = "",
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.actor = actor
        self.organisation_id = organisation_id
        self.service = service
        self.saved: ServiceView | None = None
        self.conflicted = False
        if service is None:
            self.setWindowTitle(self.tr("New service of {partner}").format(partner=partner))
        else:
            self.setWindowTitle(self.tr("Service of {partner}").format(partner=partner))
        self.name = QLineEdit(service.name if service else "")
        self.description = QPlainTextEdit(service.description if service else "")
        self.description.setTabChangesFocus(True)
        hint(self.description, self.tr("What the service offers and for whom"))
        self.description.setMaximumHeight(110)
        self.email = QLineEdit(service.email or "" if service else "")
        hint(self.email, self.tr("e.g. onthaal@partner.be"))
        self.url = QLineEdit(service.url or "" if service else "")
        hint(self.url, self.tr("https://…"))
        self.status = QComboBox()
        self.status.addItem(self.tr("active (offered)"), "active")
        self.status.addItem(self.tr("inactive (no longer offered)"), "inactive")
        self.status.setCurrentIndex(self.status.findData(service.status if service else "active"))
        self.labels = {
            "name": self.tr("&Name:"),
            "description": self.tr("&Description:"),
            "email": self.tr("&E-mail:"),
            "url": self.tr("&Web address:"),
            "status": self.tr("S&tatus:"),
        }
        self.editors: dict[str, QWidget] = {
            "name": self.name,
            "description": self.description,
            "email": self.email,
            "url": self.url,
            "status": self.status,
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in self.labels.items():
            form.addRow(label, self.editors[key])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Add") if service is None else self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
        self.name.setFocus()
        label_inputs(self)

    def service_input(self) -> ServiceInput:
        return ServiceInput(
            name=self.name.text().strip(),
            description=self.description.toPlainText().strip(),
            email=_clean(self.email.text()),
            url=_clean(self.url.text()),
            status=self.status.currentData(),
            # A change keeps the service's locations; they are not edited here.
            location_ids=tuple(loc.id for loc in self.service.locations) if self.service else (),
        )

    def accept(self) -> None:
        try:
            self.saved = self.directory.save_service(
                self.actor,
                self.organisation_id,
                self.service_input(),
                self.service.id if self.service else None,
                self.service.version if self.service else None,
            )
        except ValidationError as exc:
            label = self.labels.get(exc.field, exc.field).replace("&", "").rstrip(":")
            QMessageBox.warning(
                self,
                self.tr("Cannot save yet"),
                self.tr("{field}: {reason}").format(field=label, reason=exc.reason),
            )
            editor = self.editors.get(exc.field)
            if editor is not None:
                editor.setFocus()
            return
        except ConflictError:
            self.conflicted = True
            QMessageBox.warning(
                self,
                self.tr("Saved by someone else"),
                self.tr(
                    "Someone else changed this service in the meantime; nothing was overwritten. "
                    "The list shows their version now; open the service again to change it."
                ),
            )
            super().reject()
            return
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message)
            return
        super().accept()
