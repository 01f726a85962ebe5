"""The administrator's letterhead window: who every letter names as its sender."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.errors import ConflictError, PermissionDenied, ValidationError
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import (
    MAX_EMAIL,
    MAX_HOURS,
    MAX_LINES,
    MAX_LOGO_BYTES,
    MAX_ORGANISATION,
    MAX_PHONE,
    MAX_WEBSITE,
    LetterheadService,
    LogoError,
    read_logo,
)
from ui.startup import AppContext
from ui.widgets.forms import Standard, dialog_buttons, error_label, label_inputs
from ui.widgets.inputs import guard_text

PREVIEW_HEIGHT = 48


class LetterheadDialog(QDialog):
    """Shows the letterhead in force and saves a changed one through the service."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = LetterheadService(context.db)
        current = self.service.get()
        self.version = current.version
        self.setWindowTitle(self.tr("Letterhead of the Sociaal Huis"))
        self.organisation = guard_text(QLineEdit(current.sender.organisation), MAX_ORGANISATION)
        self.address = QPlainTextEdit("\n".join(current.sender.address_lines))
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * (MAX_LINES + 1))
        self.phone = guard_text(QLineEdit(current.sender.phone), MAX_PHONE)
        self.email = guard_text(QLineEdit(current.sender.email), MAX_EMAIL)
        self.website = guard_text(QLineEdit(current.sender.website), MAX_WEBSITE)
        self.opening_hours = guard_text(QLineEdit(current.sender.opening_hours), MAX_HOURS)
        self.logo = current.sender.logo
        self.logo_preview = QLabel()
        self.logo_preview.setMinimumHeight(PREVIEW_HEIGHT)
        self.choose_logo_button = QPushButton(self.tr("Choose &logo…"))
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self.tr("&Remove logo"))
        self.remove_logo_button.clicked.connect(self.remove_logo)
        # The preview above its buttons: side by side a wide logo squeezed the buttons' text.
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.choose_logo_button)
        buttons_row.addWidget(self.remove_logo_button)
        buttons_row.addStretch(1)
        logo_row = QVBoxLayout()
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(buttons_row)
        self._show_logo()
        intro = QLabel(
            self.tr(
                "Every letter printed from now on names this sender. Partners answer to the "
                "e-mail address and phone number given here."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Organisation:"), self.organisation)
        form.addRow(self.tr("&Address (one line each, at most %n):", "", MAX_LINES), self.address)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&E-mail:"), self.email)
        form.addRow(self.tr("&Website:"), self.website)
        form.addRow(self.tr("Opening &hours:"), self.opening_hours)
        form.addRow(self.tr("Logo:"), logo_row)
        self.error = error_label()
        buttons = dialog_buttons(self, self.tr("&Save"), self.tr("Cancel"), Standard.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.organisation.setFocus()
        label_inputs(self)

    def entered(self) -> Sender:
        lines = tuple(self.address.toPlainText().splitlines())
        sender = Sender(
            self.organisation.text(),
            lines,
            self.phone.text(),
            self.email.text(),
            self.website.text(),
            self.opening_hours.text(),
        )
        return replace(sender, logo=self.logo)

    def choose_logo(self) -> None:
        """Ask for a PNG or JPEG file; a file that is no usable logo is refused and the logo
        shown stays. Nothing is saved until Save."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if not name:
            return
        try:
            self.logo = read_logo(Path(name))
        except ValidationError as error:
            self._refuse(self._logo_problem(Path(name), error))
            return
        self.error.hide()
        self._show_logo()

    def remove_logo(self) -> None:
        self.logo = b""
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            smooth = Qt.TransformationMode.SmoothTransformation
            self.logo_preview.setPixmap(pixmap.scaledToHeight(PREVIEW_HEIGHT, smooth))
        else:
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(self.tr("No logo: letters show the name only."))
        self.remove_logo_button.setEnabled(bool(self.logo))

    def _logo_problem(self, path: Path, error: ValidationError) -> str:
        problem = error.problem if isinstance(error, LogoError) else ""
        if problem == "too_big":
            hint = self.tr("the file is larger than %n KB", "", MAX_LOGO_BYTES // 1024)
        elif problem == "pixels":
            hint = self.tr("the image is too small, too large or too wide for a letterhead")
        elif problem == "unreadable":
            hint = self.tr("the file cannot be opened")
        elif problem == "empty":
            hint = self.tr("the file is empty")
        else:
            hint = self.tr("this is not a PNG or JPEG image, or the file is damaged")
        return self.tr("Logo {file}: {hint}.").format(file=path.name, hint=hint)

    def accept(self) -> None:
        try:
            saved = self.service.update(self.context.actor, self.entered(), self.version)
        except ValidationError as error:
            self._refuse(self._field_problem(error))
            return
        except ConflictError:
            self._refuse(
                self.tr(
                    "Another administrator changed the letterhead in the meantime. Close this "
                    "window and open it again to see their version."
                )
            )
            return
        except PermissionDenied:
            self._refuse(self.tr("Only an administrator may change the letterhead."))
            return
        self.version = saved.version
        super().accept()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _field_problem(self, error: ValidationError) -> str:
        field = error.field.split("[")[0]
        widgets = {
            "organisation": (self.organisation, self.tr("Organisation")),
            "address_lines": (self.address, self.tr("Address")),
            "phone": (self.phone, self.tr("Phone")),
            "email": (self.email, self.tr("E-mail")),
            "website": (self.website, self.tr("Website")),
            "opening_hours": (self.opening_hours, self.tr("Opening hours")),
            "logo": (self.choose_logo_button, self.tr("Logo")),
        }
        widget, label = widgets.get(field, (self.organisation, field))
        widget.setFocus()
        hints = {
            "organisation": self.tr("the name is required (at most %n characters)", "", 120),
            "address_lines": self.tr(
                "at most %n lines of at most 80 characters, without tabs", "", MAX_LINES
            ),
            "phone": self.tr("only digits, spaces and + ( ) . / -"),
            "email": self.tr("this is not an e-mail address (name@domain.be)"),
            "website": self.tr("this is not a web address (www.herent.be)"),
            "logo": self.tr("this is not a PNG or JPEG image, or the file is damaged"),
        }
        return self.tr("{field}: {hint}.").format(field=label, hint=hints.get(field, error.reason))
