"""The sociale kaart: search partner organisations and their services, open one and edit it.

Search runs as you type, after a short pause and off the UI thread, like the client search.
A save names the version last loaded: when a colleague saved first, nothing is overwritten
and the worker may reload. Unsaved edits are guarded when another partner is opened and
when the dialog closes.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, QThreadPool, QTimer
from PySide6.QtGui import (
    QBrush,
    QKeySequence,
    QPalette,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.referrals.directory import DIRECTORY_EDITORS, DirectoryService
from sociaalhuis.referrals.records import (
    DirectoryHit,
    OrganisationInput,
    OrganisationView,
    ServiceInput,
    ServiceView,
)
from ui.search_view import TYPING_PAUSE_MS, ResultTable, SearchDone, SearchField, SearchJob

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SERVICE_ROLE = Qt.ItemDataRole.UserRole + 2


def _clean(text: str) -> str | None:
    return text.strip() or None


class DirectoryDialog(QDialog):
    """Find a partner or service on the left; edit the opened partner on the right."""

    def __init__(
        self, directory: DirectoryService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.actor = actor
        self.may_edit = actor.role in DIRECTORY_EDITORS
        self.current: OrganisationView | None = None  # None: nothing open, or a new partner
        self.creating = False
        self.baseline = OrganisationInput(name="")
        self.filling = False
        self.setWindowTitle(self.tr("Sociale kaart: partners and services"))

        # --- search (left) ---
        self.field = SearchField()
        self.field.setPlaceholderText(self.tr("Partner, service or what they do"))
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName(self.tr("Search the sociale kaart"))
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("Partner — service"), self.tr("Remarks")])
        self.table = ResultTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Partners and services found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.search_status = QLabel()
        self.search_status.setWordWrap(True)

        search_row = QHBoxLayout()
        search_row.addWidget(QLabel(self.tr("&Find:"), buddy=self.field))
        search_row.addWidget(self.field, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.search_status)
        left_layout.addWidget(self.table, 1)

        # --- the partner (right) ---
        self.name = QLineEdit()
        self.alternate_name = QLineEdit()
        self.alternate_name.setPlaceholderText(self.tr("Full name or abbreviation (optional)"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What they do and for whom"))
        self.description.setMinimumHeight(64)
        self.description.setMaximumHeight(120)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("e.g. onthaal@partner.be"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("e.g. 016 29 77 00"))
        self.website = QLineEdit()
        self.website.setPlaceholderText(self.tr("https://…"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Street and number, postcode and municipality"))
        self.secrecy = QCheckBox(self.tr("&Bound by professional secrecy"))
        self.secrecy.setToolTip(
            self.tr(
                "Tick only when the partner's workers are bound by professional secrecy "
                "(art. 458 Criminal Code). Only then can a referral letter with client data "
                "go to this partner, with the client's consent."
            )
        )
        self.partner_box = QGroupBox(self.tr("Partner"))
        form = QFormLayout(self.partner_box)
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

        self.services_box = QGroupBox(self.tr("Ser&vices"))  # Alt+V: into the list
        self.service_list = QListWidget()
        self.service_list.setAccessibleName(self.tr("Services of this partner"))
        self.service_list.setToolTip(self.tr("Double-click or press Enter to change a service"))
        self.add_service_button = QPushButton(self.tr("&Add service…"))
        self.add_service_button.setToolTip(self.tr("Add a service this partner offers"))
        services_layout = QVBoxLayout(self.services_box)
        services_layout.addWidget(self.service_list, 1)
        services_row = QHBoxLayout()
        services_row.addStretch(1)
        services_row.addWidget(self.add_service_button)
        services_layout.addLayout(services_row)

        self.hint = QLabel(self.tr("Open a partner from the list, or add a new partner."))
        self.hint.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.partner_box)
        right_layout.addWidget(self.services_box, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setHandleWidth(12)
        self.splitter.addWidget(left)
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
            self.add_service_button,
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
        self.generation = 0
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.finished = SearchDone(self)
        self.finished.done.connect(self._show_results)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.search_in_background)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self._open_first)
        self.field.down_pressed.connect(self._into_results)
        self.table.activated_row.connect(lambda index: self._open_index(index, focus=True))
        self.table.clicked.connect(lambda index: self._open_index(index, focus=False))
        self.table.up_from_top.connect(self.field.setFocus)
        for line in (
            self.name,
            self.alternate_name,
            self.email,
            self.phone,
            self.website,
            self.address,
        ):
            line.textChanged.connect(self._update_state)
        self.description.textChanged.connect(self._update_state)
        self.secrecy.toggled.connect(self._update_state)
        self.service_list.itemActivated.connect(self._edit_service)
        self.add_service_button.clicked.connect(self.add_service)
        self.new_button.clicked.connect(self.new_partner)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        self.save_shortcut.activated.connect(self.save)

        self.setTabOrder(self.field, self.table)
        self.resize(1100, 700)
        self._show_form()
        self.search_now()
        self.field.setFocus()

    # --- searching --------------------------------------------------------------------

    def search_in_background(self) -> None:
        """Search after a typing pause, off the UI thread; older answers are dropped."""
        self.timer.stop()
        self.generation += 1
        self.search_status.setText(self.tr("Searching…"))
        self.pool.start(
            SearchJob(
                lambda words: self.directory.find(self.actor, words),
                self.finished,
                self.generation,
                self.field.text().strip(),
            )
        )

    def search_now(self) -> None:
        """Search at once, on this thread (Enter, after a save, and tests)."""
        self.timer.stop()
        self.generation += 1
        text = self.field.text().strip()
        try:
            hits: object = self.directory.find(self.actor, text)
        except SociaalHuisError as exc:
            hits = exc
        self._show_results(self.generation, text, hits)

    def wait_for_searches(self) -> None:
        self.pool.waitForDone()

    def _show_results(self, generation: int, text: str, hits: object) -> None:
        if generation != self.generation:
            return  # the user typed on; a newer search is coming
        self.model.removeRows(0, self.model.rowCount())
        if isinstance(hits, Exception):
            self.search_status.setText(self.tr("Searching failed: {reason}").format(reason=hits))
            return
        assert isinstance(hits, list)
        for hit in hits:
            self.model.appendRow(self._row(hit))
        remarks = self.table.sizeHintForColumn(1) if hits else 0
        header = self.table.horizontalHeader()
        header.resizeSection(1, max(remarks, header.sectionSizeFromContents(1).width()) + 12)
        if hits:
            self.search_status.setText(self.tr("%n partner(s) or service(s) found.", "", len(hits)))
            self._select_current_row()
        elif text:
            self.search_status.setText(
                self.tr("Nothing found for “{text}”. Add it with New partner.").format(text=text)
            )
        else:
            self.search_status.setText(self.tr("The sociale kaart is still empty."))

    def _row(self, hit: DirectoryHit) -> list[QStandardItem]:
        remarks = []
        if hit.bound_by_professional_secrecy:
            remarks.append(self.tr("professional secrecy"))
        if not hit.active:
            remarks.append(self.tr("inactive"))
        items = [QStandardItem(hit.label), QStandardItem(", ".join(remarks))]
        items[0].setData(hit, HIT_ROLE)
        tip = "\n".join(part for part in (hit.label, hit.description.strip()) if part)
        if hit.bound_by_professional_secrecy:
            tip += "\n\n"
            tip += self.tr(
                "Bound by professional secrecy: a referral letter may carry client data."
            )
        if not hit.active:
            tip += "\n\n"
            tip += self.tr("This service is no longer offered.")
        for item in items:
            item.setToolTip(tip)
            if not hit.active:
                item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        return items

    def _select_current_row(self) -> None:
        """Select the open partner's line when it is listed, else the first line."""
        row = 0
        if self.current is not None:
            for index in range(self.model.rowCount()):
                hit = self.model.item(index, 0).data(HIT_ROLE)
                if hit.organisation_id == self.current.id and hit.service_id is None:
                    row = index
                    break
        self.table.selectRow(row)

    def _into_results(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(max(self.table.currentIndex().row(), 0))

    def _open_first(self) -> None:
        self.search_now()
        if self.model.rowCount():
            row = max(self.table.currentIndex().row(), 0)
            self._open_index(self.model.index(row, 0), focus=True)

    def _open_index(self, index: QModelIndex, focus: bool) -> None:
        if not index.isValid():
            return
        hit = self.model.item(index.row(), 0).data(HIT_ROLE)
        opened = hit is not None and self.open_organisation(hit.organisation_id, hit.service_id)
        if opened and focus:
            self.name.setFocus()

    # --- opening ----------------------------------------------------------------------

    def open_organisation(
        self, organisation_id: uuid.UUID, service_id: uuid.UUID | None = None
    ) -> bool:
        """Show the partner (and select the service); False when the worker stayed put."""
        already_open = self.current is not None and self.current.id == organisation_id
        if not already_open:
            if not self.may_leave():
                self._select_current_row()
                return False
            try:
                view = self.directory.get_organisation(self.actor, organisation_id)
            except SociaalHuisError as exc:
                QMessageBox.warning(self, self.tr("Cannot open this partner"), exc.message)
                self.search_now()
                return False
            self._load(view)
        if service_id is not None:
            for row in range(self.service_list.count()):
                if self.service_list.item(row).data(SERVICE_ROLE).id == service_id:
                    self.service_list.setCurrentRow(row)
        return True

    def new_partner(self) -> None:
        """An empty form for a partner that is not on the sociale kaart yet."""
        if not self.may_leave():
            return
        self.current = None
        self.creating = True
        self._fill(None)
        self._fill_services([])
        self._show_form()
        self.status.setText(self.tr("New partner: fill in at least the name."))
        self.name.setFocus()

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
        self._fill(view)
        self._fill_services(list(view.services))
        self._show_form()
        self.status.setText("")

    def _fill(self, view: OrganisationView | None) -> None:
        """Put the partner (or an empty form) on screen; that is what `dirty` compares to."""
        self.filling = True
        try:
            for key in ("name", "alternate_name", "email", "phone", "website", "address"):
                line = self.editors[key]
                assert isinstance(line, QLineEdit)
                line.setText((getattr(view, key) if view else None) or "")
                line.setCursorPosition(0)
            self.description.setPlainText(view.description if view else "")
            self.secrecy.setChecked(bool(view and view.bound_by_professional_secrecy))
        finally:
            self.filling = False
        self.baseline = self.form_input()

    def _fill_services(self, services: list[ServiceView]) -> None:
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
        if not services and (self.current is not None or self.creating):
            placeholder = QListWidgetItem(self.tr("No services yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.service_list.addItem(placeholder)

    def _show_form(self) -> None:
        active = self.current is not None or self.creating
        self.hint.setVisible(not active)
        self.partner_box.setEnabled(active)
        self.services_box.setEnabled(active)
        self.add_service_button.setEnabled(active and self.may_edit)
        self.new_button.setEnabled(self.may_edit)
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(not self.may_edit)
            elif key == "bound_by_professional_secrecy":
                editor.setEnabled(self.may_edit)
        if self.creating:
            self.partner_box.setTitle(self.tr("New partner"))
        elif self.current is not None:
            self.partner_box.setTitle(self.current.name)
        else:
            self.partner_box.setTitle(self.tr("Partner"))
        self._update_state()

    # --- the form's values ------------------------------------------------------------

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

    @property
    def dirty(self) -> bool:
        """Whether the screen differs from what was loaded (or from empty, for a new one)."""
        if self.current is None and not self.creating:
            return False
        return self.form_input() != self.baseline

    def _update_state(self) -> None:
        if self.filling:
            return
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
        data = self.form_input()
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
        self.search_now()
        return True

    def field_label(self, field: str) -> str:
        """The form's label for a field the core names, e.g. `email` → `E-mail`."""
        label = self.labels.get(field)
        if label is None:
            return field
        return label.replace("&", "").rstrip(":")

    def _invalid(self, exc: ValidationError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Cannot save yet"),
            self.tr("{field}: {reason}").format(
                field=self.field_label(exc.field), reason=exc.reason
            ),
        )
        editor = self.editors.get(exc.field)
        if editor is not None:
            editor.setFocus()
            if isinstance(editor, QLineEdit):
                editor.selectAll()

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
            self.search_now()
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
        for row in range(self.service_list.count()):
            service = self.service_list.item(row).data(SERVICE_ROLE)
            if service is not None and service.id == select:
                self.service_list.setCurrentRow(row)

    # --- closing ----------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, Close and the window's close button: guarded when edits are unsaved."""
        if not self.may_leave():
            return
        super().reject()

    def done(self, result: int) -> None:
        self.timer.stop()
        self.wait_for_searches()  # before the caller closes the database
        super().done(result)


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
        self.description.setPlaceholderText(self.tr("What the service offers and for whom"))
        self.description.setMaximumHeight(110)
        self.email = QLineEdit(service.email or "" if service else "")
        self.email.setPlaceholderText(self.tr("e.g. onthaal@partner.be"))
        self.url = QLineEdit(service.url or "" if service else "")
        self.url.setPlaceholderText(self.tr("https://…"))
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
