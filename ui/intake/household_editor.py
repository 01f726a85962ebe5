"""The household editor: address, members, and the facts of the catalog's dictionary by theme.

The editor changes an `IntakeDraft` and says so through `changed`; saving and evaluating
are the page's business.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.cases import national_number
from sociaalhuis.cases.draft import IntakeDraft, MemberDraft
from sociaalhuis.catalog.model import THEMES, Catalog, FactDef
from sociaalhuis.storage.models import DEELGEMEENTEN
from ui.intake.fact_fields import INVALID_STYLE, PROBLEM_STYLE, FactField
from ui.intake.member_rows import MemberRow, national_number_problem, role_names
from ui.widgets.formats import parse_date, show_date
from ui.widgets.forms import label_inputs
from ui.widgets.inputs import SHORT_LENGTH, ConfirmingComboBox, guard_text, isolate

translate = QCoreApplication.translate

# The handful of questions of a five-minute onthaal: they settle the most common rights.
QUICK_SCAN = (
    "lives_in_herent",
    "household_income",
    "tenure",
    "heating_fuel",
    "payment_difficulties",
    "leefloon",
    "verhoogde_tegemoetkoming",
    "disability_recognised",
    "dependant",
)


def theme_names() -> dict[str, str]:
    return {
        "identity": translate("HouseholdEditor", "Identity"),
        "household": translate("HouseholdEditor", "Household"),
        "income": translate("HouseholdEditor", "Income"),
        "statuses": translate("HouseholdEditor", "Statuses"),
        "handicap_care": translate("HouseholdEditor", "Handicap and care"),
        "housing": translate("HouseholdEditor", "Housing"),
        "energy": translate("HouseholdEditor", "Energy"),
        "children": translate("HouseholdEditor", "Children"),
        "mobility": translate("HouseholdEditor", "Mobility"),
        "debts": translate("HouseholdEditor", "Debts"),
    }


class HouseholdEditor(QWidget):
    """Address, members and facts of the draft; `changed` after every accepted edit."""

    changed = Signal()
    # A member's local id: the page asks the service for the full national number.
    reveal_requested = Signal(str)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.draft = IntakeDraft.new()
        self.quick = False
        self.read_only = False
        self.rows: list[MemberRow] = []
        self.fields: list[tuple[str, FactField]] = []  # ("household" | "person", field)
        self._loading = False

        self.street = guard_text(QLineEdit())
        self.house_number = guard_text(QLineEdit(), SHORT_LENGTH)
        self.house_number.setMaximumWidth(80)
        self.box = guard_text(QLineEdit(), SHORT_LENGTH)
        self.box.setMaximumWidth(60)
        self.deelgemeente = ConfirmingComboBox()
        self.deelgemeente.addItems(list(DEELGEMEENTEN))
        self.deelgemeente.mark_confirmed()
        self.postcode = QLineEdit("3020")
        self.postcode.setMaxLength(4)
        self.postcode.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}")))
        self.postcode.setMaximumWidth(70)
        self.address_problems = QLabel()
        self.address_problems.setStyleSheet(PROBLEM_STYLE)
        self.address_problems.setWordWrap(True)
        self.address_problems.hide()
        self.derived_note = QLabel()
        self.derived_note.setStyleSheet("color: #555;")
        self.derived_note.setWordWrap(True)
        address = QGroupBox(self.tr("Address"))
        address_layout = QGridLayout(address)
        places = (
            (self.tr("S&treet"), self.street, 0, 0),
            (self.tr("N&o."), self.house_number, 0, 2),
            (self.tr("Bo&x"), self.box, 0, 4),
            (self.tr("&Deelgemeente"), self.deelgemeente, 1, 0),
            (self.tr("&Postcode"), self.postcode, 1, 2),
        )
        for label, widget, row, column in places:
            address_layout.addWidget(QLabel(label, buddy=widget), row, column)
            address_layout.addWidget(widget, row, column + 1)
        address_layout.addWidget(self.address_problems, 2, 0, 1, 6)
        address_layout.addWidget(self.derived_note, 3, 0, 1, 6)
        address_layout.setColumnStretch(1, 1)
        for line in (self.street, self.house_number, self.box, self.postcode):
            line.textEdited.connect(self._address_edited)
        self.deelgemeente.confirmed.connect(self._address_edited)

        self.members_box = QGroupBox(self.tr("Members"))
        self.members_grid = QGridLayout()
        self.member_problems = QLabel()
        self.member_problems.setStyleSheet(PROBLEM_STYLE)
        self.member_problems.setWordWrap(True)
        self.add_member_button = QPushButton(self.tr("&Add member"))
        self.add_member_button.clicked.connect(self.add_member)
        members_layout = QVBoxLayout(self.members_box)
        members_layout.addLayout(self.members_grid)
        members_layout.addWidget(self.member_problems)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_member_button)
        add_row.addStretch(1)
        members_layout.addLayout(add_row)

        self.member_choice = QComboBox()
        self.member_choice.currentIndexChanged.connect(self._show_person_facts)
        self.tabs = QTabWidget()
        self.quick_tab = self._fact_page([k for k in QUICK_SCAN if k in catalog.facts])
        self.tabs.addTab(self.quick_tab, self.tr("Quick scan"))
        names = theme_names()
        for theme in THEMES:
            keys = [
                k
                for k, f in catalog.facts.items()
                if f.theme == theme and not f.derived and k != "role"
            ]
            if keys:
                self.tabs.addTab(self._fact_page(keys), names[theme])
        facts_box = QGroupBox(self.tr("Situation"))
        facts_layout = QVBoxLayout(facts_box)
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Personal facts &of:"), buddy=self.member_choice))
        chooser.addWidget(self.member_choice, 1)
        facts_layout.addLayout(chooser)
        facts_layout.addWidget(self.tabs, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(address)
        layout.addWidget(self.members_box)
        layout.addWidget(facts_box, 1)
        self.set_quick(False)
        label_inputs(self)

    # --- building ---------------------------------------------------------------------

    def _fact_page(self, keys: list[str]) -> QScrollArea:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A long label puts its field on the next line instead of being cut off.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        household = [k for k in keys if self.catalog.facts[k].about == "household"]
        person = [k for k in keys if self.catalog.facts[k].about == "person"]
        for title, group, kind in (
            (self.tr("Household"), household, "household"),
            (self.tr("Person"), person, "person"),
        ):
            if not group:
                continue
            form.addRow(QLabel(f"<b>{title}</b>"))
            for key in group:
                fact = self.catalog.facts[key]
                field = FactField(fact)
                field.edited.connect(self._fact_edited(kind, fact))
                label = QLabel(fact.label[:1].upper() + fact.label[1:])
                label.setBuddy(field.editor)
                label.setToolTip(fact.questions.get("nl", ""))
                form.addRow(label, field)
                self.fields.append((kind, field))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _fact_edited(self, kind: str, fact: FactDef) -> Any:
        def edited(value: Any, evidence: str) -> None:
            owner = None if kind == "household" else self.member_choice.currentData()
            if kind == "person" and owner is None:
                return
            self.draft.set_fact(owner, fact.key, value, evidence)
            self._sync_fields(fact.key)
            self.changed.emit()

        return edited

    # --- loading ----------------------------------------------------------------------

    def load(self, draft: IntakeDraft) -> None:
        """Show `draft` (it is edited in place from now on)."""
        self._loading = True
        try:
            self.draft = draft
            self.street.setText(draft.street)
            self.house_number.setText(draft.house_number)
            self.box.setText(draft.box or "")
            self.deelgemeente.setCurrentIndex(
                max(self.deelgemeente.findText(draft.deelgemeente), 0)
            )
            self.deelgemeente.mark_confirmed()
            for line in (self.street, self.house_number, self.postcode):
                line.setStyleSheet("")
            self.address_problems.hide()
            self.postcode.setText(draft.postcode)
            self._build_members()
            self._show_person_facts()
        finally:
            self._loading = False

    def _build_members(self) -> None:
        """Show the draft's members; rows of members already shown are refilled, not rebuilt,
        so reloading after a save or adding a member keeps the widgets (and the focus)."""
        selected = self.member_choice.currentData()
        shown = [row.local_id for row in self.rows]
        wanted = [member.local_id for member in self.draft.members]
        if shown and wanted[: len(shown)] == shown:
            for row, member in zip(self.rows, self.draft.members, strict=False):
                row.show(member)
            for index, member in enumerate(self.draft.members[len(shown) :], start=len(shown) + 1):
                self._add_row(index, member)
            self._fill_member_choice(selected)
            return
        while self.members_grid.count():
            item = self.members_grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone from the screen now, deleted when Qt is idle
                widget.deleteLater()
        headers = [
            self.tr("Role"),
            self.tr("Given name"),
            self.tr("Family name"),
            self.tr("Birth date"),
            self.tr("National register number"),
            self.tr("Language"),
        ]
        for column, text in enumerate(headers):
            self.members_grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.rows = []
        for index, member in enumerate(self.draft.members, start=1):
            self._add_row(index, member)
        self.members_grid.setColumnStretch(1, 2)
        self.members_grid.setColumnStretch(2, 2)
        self.members_grid.setColumnStretch(4, 2)
        self._fill_member_choice(selected)

    def _add_row(self, index: int, member: MemberDraft) -> None:
        row = MemberRow(member)
        for column, widget in enumerate(row.widgets()):
            self.members_grid.addWidget(widget, index, column)
        self._connect_row(row)
        self._mask(row)
        self.rows.append(row)

    def _fill_member_choice(self, selected: object) -> None:
        self.member_choice.blockSignals(True)
        self.member_choice.clear()
        for member in self.draft.members:
            self.member_choice.addItem(self._member_label(member), member.local_id)
        index = self.member_choice.findData(selected)
        self.member_choice.setCurrentIndex(max(index, 0))
        self.member_choice.blockSignals(False)
        self._check_members()

    def _member_label(self, member: MemberDraft) -> str:
        role = role_names().get(member.role, member.role)
        name = isolate(member.name) if member.name else self.tr("(no name yet)")
        return f"{name} — {role}"

    def _connect_row(self, row: MemberRow) -> None:
        def edited(*_args: object) -> None:
            if self._loading:
                return
            member = self.draft.member(row.local_id)  # the draft may have been reloaded
            member.role = row.role.currentData()
            member.given_name = row.given.text()
            member.family_name = row.family.text()
            member.language = row.language.currentData()
            try:
                member.birth_date = parse_date(row.birth.text())
                row.birth.setStyleSheet("")
            except ValueError:
                row.birth.setStyleSheet(INVALID_STYLE)
            number = row.number.text().strip()
            member.national_number = number or None
            masked = national_number.is_masked(number)
            if number and not masked and not national_number_problem(number, member.birth_date):
                digits, encoded = national_number.normalise("n", number, member.birth_date)
                member.national_number = digits
                if member.birth_date is None and encoded is not None:
                    member.birth_date = encoded
                    row.birth.setText(show_date(encoded))
            position = self.member_choice.findData(member.local_id)
            if position >= 0:
                self.member_choice.setItemText(position, self._member_label(member))
            self._check_members()
            self.changed.emit()

        row.role.confirmed.connect(edited)
        row.language.confirmed.connect(edited)
        for line in (row.given, row.family, row.birth, row.number):
            line.textEdited.connect(edited)
        row.remove.clicked.connect(lambda: self.remove_member(row.local_id))
        row.reveal.clicked.connect(lambda: self.reveal_requested.emit(row.local_id))

    def _check_members(self, required: bool = False) -> None:
        """Show what is wrong beside the members; `required` also names empty names (on save)."""
        problems = []
        for position, row in enumerate(self.rows, start=1):
            member = self.draft.member(row.local_id)
            who = member.name or self.tr("member {number}").format(number=position)
            if required and not member.given_name.strip():
                problems.append(self.tr("Given name of {name} is required").format(name=who))
            if required and not member.family_name.strip():
                problems.append(self.tr("Family name of {name} is required").format(name=who))
            if member.birth_date is not None and member.birth_date > date.today():
                problems.append(self.tr("Birth date of {name} lies in the future").format(name=who))
            problem = national_number_problem(row.number.text(), member.birth_date)
            row.number.setStyleSheet(INVALID_STYLE if problem else "")
            row.number.setToolTip(problem)
            if problem:
                problems.append(
                    self.tr("National register number of {name}: {problem}").format(
                        name=member.name or member.local_id, problem=problem
                    )
                )
            if row.birth.styleSheet():
                problems.append(
                    self.tr("Birth date of {name}: write it as dd/mm/yyyy").format(
                        name=member.name or member.local_id
                    )
                )
        self.member_problems.setText("\n".join(problems))
        self.member_problems.setVisible(bool(problems))

    def check_address(self) -> None:
        """Street, number and postcode are needed for a household; say so beside them."""
        problems = []
        if not self.street.text().strip():
            problems.append(self.tr("Street is required"))
        if not self.house_number.text().strip():
            problems.append(self.tr("House number is required"))
        if len(self.postcode.text()) != 4:
            problems.append(self.tr("A Belgian postcode has four digits"))
        for line, problem in (
            (self.street, not self.street.text().strip()),
            (self.house_number, not self.house_number.text().strip()),
            (self.postcode, len(self.postcode.text()) != 4),
        ):
            line.setStyleSheet(INVALID_STYLE if problem else "")
        self.address_problems.setText("\n".join(problems))
        self.address_problems.setVisible(bool(problems))

    def check_all(self) -> str:
        """Check every field as a save would; what must be fixed ("" when nothing)."""
        self.check_address()
        self._check_members(required=True)
        return self.problems

    @property
    def problems(self) -> str:
        """What must be fixed before saving ("" when nothing), as shown beside the fields."""
        found = [
            label.text()
            for label in (self.address_problems, self.member_problems)
            if not label.isHidden() and label.text()
        ]
        found += [field.problem_label.text() for _kind, field in self.fields if field.problem]
        return "\n".join(found)

    def show_derived(self, facts: dict[str, Any]) -> None:
        """Show facts that follow from the address where nothing was recorded for them."""
        notes = []
        for kind, field in self.fields:
            key = field.fact.key
            if kind != "household" or key not in facts or self.draft.fact(None, key):
                continue
            note = self.tr("follows from the address")
            field.set_value(facts[key], "official", derived_from=note)
            label = field.fact.label[:1].upper() + field.fact.label[1:]
            shown = field.editor.currentText() if isinstance(field.editor, QComboBox) else ""
            notes.append(f"{label}: {shown}")
        self.derived_note.setText(
            self.tr("From the address: {facts}").format(facts="; ".join(notes)) if notes else ""
        )
        self.derived_note.setVisible(bool(notes))

    # --- members ----------------------------------------------------------------------

    def add_member(self) -> None:
        member = self.draft.add_member("child")
        if self.draft.members:
            member.family_name = self.draft.members[0].family_name  # most often the same
        self._build_members()
        self.member_choice.setCurrentIndex(self.member_choice.findData(member.local_id))
        self.changed.emit()
        # Once the rebuilt rows are shown: a hidden widget cannot take the focus.
        given = self.rows[-1].given
        QTimer.singleShot(0, given.setFocus)

    def remove_member(self, local_id: str) -> None:
        if len(self.draft.members) <= 1:
            return
        self.draft.remove_member(local_id)
        self._build_members()
        self._show_person_facts()
        self.changed.emit()

    # --- facts ------------------------------------------------------------------------

    def _show_person_facts(self, *_args: object) -> None:
        self._sync_fields()

    def refresh_facts(self) -> None:
        """Show the draft's facts again (an answer given elsewhere), keeping the members."""
        self._sync_fields()

    def _sync_fields(self, only: str | None = None) -> None:
        owner = self.member_choice.currentData()
        for kind, field in self.fields:
            if only is not None and field.fact.key != only:
                continue
            stored = self.draft.fact(None if kind == "household" else owner, field.fact.key)
            value, evidence = stored if stored is not None else (None, "statement")
            field.set_value(value, evidence)
            field.setEnabled(kind == "household" or owner is not None)

    def field(self, key: str) -> FactField:
        """The editor of `key` on the visible pages (quick scan or themes), brought into view."""
        for _kind, field in self.fields:
            if field.fact.key != key:
                continue
            page = self._tab_of(field)
            if page is not None:
                self.tabs.setCurrentWidget(page)
                return field
        raise KeyError(key)

    def focus_fact(self, owner: str | None, key: str) -> None:
        """Bring the field of one fact into view, for the member it is about."""
        if owner is not None:
            self.member_choice.setCurrentIndex(max(self.member_choice.findData(owner), 0))
        for _kind, field in self.fields:
            if field.fact.key == key and field.isVisibleTo(self):
                page = self._tab_of(field)
                if page is not None:
                    self.tabs.setCurrentWidget(page)
                field.setFocus()
                return

    def _tab_of(self, field: QWidget) -> QWidget | None:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page.isAncestorOf(field) and self.tabs.isTabVisible(index):
                return page
        return None

    def set_quick(self, quick: bool) -> None:
        """Quick scan shows only the key questions; the full intake shows every theme."""
        self.quick = quick
        for index in range(self.tabs.count()):
            self.tabs.setTabVisible(index, (index == 0) == quick)
        self.tabs.setCurrentIndex(0 if quick else 1)

    def _address_edited(self, *_args: object) -> None:
        if self._loading:
            return
        if not self.address_problems.isHidden():
            self.check_address()
        self.draft.street = self.street.text()
        self.draft.house_number = self.house_number.text()
        self.draft.box = self.box.text() or None
        self.draft.deelgemeente = self.deelgemeente.currentText()
        self.draft.postcode = self.postcode.text()
        self.changed.emit()

    def set_read_only(self, on: bool) -> None:
        """For the client view: nothing editable, national register numbers masked."""
        self.read_only = on
        # A disabled parent keeps every child disabled, whatever a refresh does to them.
        self.setEnabled(not on)
        for row in self.rows:
            self._mask(row)

    def _mask(self, row: MemberRow) -> None:
        echo = QLineEdit.EchoMode.Password if self.read_only else QLineEdit.EchoMode.Normal
        row.number.setEchoMode(echo)

    def show_revealed(self, local_id: str) -> None:
        """Show a member's number as revealed in the draft, editable, and put the cursor there."""
        row = next((r for r in self.rows if r.local_id == local_id), None)
        if row is None:
            return
        self._loading = True
        try:
            row.show(self.draft.member(local_id))
        finally:
            self._loading = False
        row.number.setFocus()

    def first_field(self) -> QWidget:
        return self.rows[0].given if self.rows else self.street
