"""The sociale kaart: search partner organisations and their services, open one and edit it.

Search runs as you type, after a short pause and off the UI thread, like the client search.
A save names the version last loaded: when a colleague saved first, nothing is overwritten
and the worker may reload. Unsaved edits are guarded when another partner is opened and
when the dialog closes.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor, may
from sociaalhuis.access.permissions import SET_PARTNER_SECRECY
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.referrals.directory import DIRECTORY_EDITORS, DirectoryService
from sociaalhuis.referrals.records import DirectoryHit, OrganisationView, ServiceView
from ui.directory.partner_form import SERVICE_ROLE, PartnerForm, ServicesBox
from ui.directory.search_panel import DirectorySearch
from ui.directory.service_dialog import ServiceDialog


class DirectoryDialog(QDialog):
    """Find a partner or service on the left; edit the opened partner on the right."""

    def __init__(
        self, directory: DirectoryService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.actor = actor
        self.may_edit = actor.role in DIRECTORY_EDITORS
        self.may_set_secrecy = may(actor, SET_PARTNER_SECRECY)
        self.current: OrganisationView | None = None  # None: nothing open, or a new partner
        self.creating = False
        self.setWindowTitle(self.tr("Sociale kaart: partners and services"))

        self.search = DirectorySearch(
            directory, actor, lambda: self.current.id if self.current else None
        )
        self.form = PartnerForm()
        self.services = ServicesBox()
        self.hint = QLabel(self.tr("Open a partner from the list, or add a new partner."))
        self.hint.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.services, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(12)
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 590])

        # --- buttons ---
        self.new_button = QPushButton(self.tr("New par&tner"))
        self.new_button.setToolTip(self.tr("Add a partner to the sociale kaart"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the partner (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the sociale kaart (Esc)"))
        self.status = QLabel()
        for button in (
            self.new_button,
            self.save_button,
            self.close_button,
            self.services.add_service_button,
        ):
            button.setAutoDefault(False)  # Enter in a field must not press a button
        bottom = QHBoxLayout()
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)

        # --- behaviour ---
        self.search.open_requested.connect(self._open_hit)
        self.form.changed.connect(self._update_state)
        self.services.service_list.itemActivated.connect(self._edit_service)
        self.services.add_service_button.clicked.connect(self.add_service)
        self.new_button.clicked.connect(self.new_partner)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.save)

        self.resize(1100, 700)
        self._show_form()
        self.search.search_now()
        self.search.field.setFocus()

    def _open_hit(self, hit: DirectoryHit, focus: bool) -> None:
        if self.open_organisation(hit.organisation_id, hit.service_id) and focus:
            self.form.name.setFocus()

    # --- opening ----------------------------------------------------------------------

    def open_organisation(
        self, organisation_id: uuid.UUID, service_id: uuid.UUID | None = None
    ) -> bool:
        """Show the partner (and select the service); False when the worker stayed put."""
        already_open = self.current is not None and self.current.id == organisation_id
        if not already_open:
            if not self.may_leave():
                self.search.select_current_row()
                return False
            try:
                view = self.directory.get_organisation(self.actor, organisation_id)
            except SociaalHuisError as exc:
                QMessageBox.warning(self, self.tr("Cannot open this partner"), exc.message)
                self.search.search_now()
                return False
            self._load(view)
        if service_id is not None:
            self.services.select(service_id)
        return True

    def new_partner(self) -> None:
        """An empty form for a partner that is not on the sociale kaart yet."""
        if not self.may_leave():
            return
        self.current = None
        self.creating = True
        self.form.fill(None)
        self._fill_services([])
        self._show_form()
        self.status.setText(self.tr("New partner: fill in at least the name."))
        self.form.name.setFocus()

    def reload(self) -> None:
        """Load the open partner again as it is in the database now."""
        if self.current is None:
            return
        try:
            view = self.directory.get_organisation(self.actor, self.current.id)
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Cannot open this partner"), exc.message)
            return
        self._load(view)
        self.status.setText(self.tr("Reloaded."))

    def _load(self, view: OrganisationView) -> None:
        self.current = view
        self.creating = False
        self.form.fill(view)
        self._fill_services(list(view.services))
        self._show_form()
        self.status.setText("")

    def _fill_services(self, services: list[ServiceView]) -> None:
        self.services.fill(services, placeholder=self.current is not None or self.creating)

    def _show_form(self) -> None:
        active = self.current is not None or self.creating
        self.hint.setVisible(not active)
        self.form.setEnabled(active)
        self.services.setEnabled(active)
        self.services.add_service_button.setEnabled(active and self.may_edit)
        self.new_button.setEnabled(self.may_edit)
        self.form.set_editable(self.may_edit, secrecy=self.may_set_secrecy)
        if self.creating:
            self.form.setTitle(self.tr("New partner"))
        elif self.current is not None:
            self.form.setTitle(self.current.name)
        else:
            self.form.setTitle(self.tr("Partner"))
        self._update_state()

    # --- the form's values ------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the screen differs from what was loaded (or from empty, for a new one)."""
        if self.current is None and not self.creating:
            return False
        return self.form.edited()

    def _update_state(self) -> None:
        dirty = self.dirty
        self.save_button.setEnabled(self.may_edit and (dirty or self.creating))
        if dirty:
            self.status.setText(self.tr("Unsaved changes"))
        elif self.status.text() == self.tr("Unsaved changes"):
            self.status.setText("")
        title = self.tr("Sociale kaart: partners and services")
        self.setWindowTitle(f"{title} *" if dirty else title)

    # --- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the partner; False when nothing was saved (the reason shown to the worker)."""
        if not self.may_edit or (self.current is None and not self.creating):
            return False
        if not self.dirty and not self.creating:
            return True
        data = self.form.form_input()
        try:
            if self.current is None:
                view = self.directory.create_organisation(self.actor, data)
            else:
                view = self.directory.update_organisation(
                    self.actor, self.current.id, self.current.version, data
                )
        except ConflictError:
            return self._conflict()
        except ValidationError as exc:
            self._invalid(exc)
            return False
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), exc.message)
            return False
        self._load(view)
        self.status.setText(self.tr("Saved."))
        self.search.search_now()
        return True

    def _invalid(self, exc: ValidationError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Cannot save yet"),
            self.tr("{field}: {reason}").format(
                field=self.form.field_label(exc.field), reason=exc.reason
            ),
        )
        self.form.focus_field(exc.field)

    def _conflict(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Saved by someone else"))
        box.setText(
            self.tr(
                "Someone else saved this partner while you were editing it. "
                "Nothing of yours was saved and nothing of theirs was overwritten."
            )
        )
        box.setInformativeText(
            self.tr(
                "Reload their version? Your changes on screen will be "
                "lost; note them down first if you need them."
            )
        )
        reload = box.addButton(self.tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("&Keep my screen"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is reload:
            self.reload()
        return False

    def may_leave(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to move on."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this partner first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- services ---------------------------------------------------------------------

    def add_service(self) -> None:
        """A new service of the open partner; a new partner is saved first."""
        if self.current is None and not (self.creating and self.save()):
            return
        self._service_dialog(None)

    def _edit_service(self, item: QListWidgetItem) -> None:
        service = item.data(SERVICE_ROLE)
        if service is not None and self.may_edit:
            self._service_dialog(service)

    def _service_dialog(self, service: ServiceView | None) -> None:
        assert self.current is not None
        dialog = ServiceDialog(
            self.directory, self.actor, self.current.id, service, self, self.current.name
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted or dialog.conflicted:
            self._reload_services(dialog.saved.id if dialog.saved else None)
            self.search.search_now()
        if accepted and dialog.saved is not None:
            self.status.setText(self.tr("Service “{name}” saved.").format(name=dialog.saved.name))

    def _reload_services(self, select: uuid.UUID | None) -> None:
        assert self.current is not None
        try:
            services = self.directory.services_of(self.actor, self.current.id)
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Cannot open this partner"), exc.message)
            return
        self._fill_services(services)
        self.services.select(select)

    # --- closing ----------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, Close and the window's close button: guarded when edits are unsaved."""
        if not self.may_leave():
            return
        super().reject()

    def done(self, result: int) -> None:
        self.search.stop()  # before the caller closes the database
        super().done(result)
