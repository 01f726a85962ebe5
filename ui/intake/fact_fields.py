"""One editor per fact of the catalog's dictionary: the value (unknown allowed) and its evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sociaalhuis.catalog.model import FactDef
from ui.widgets.formats import money, number, parse_amount, parse_date, show_date
from ui.widgets.forms import hint
from ui.widgets.inputs import ConfirmingComboBox, guard_text

translate = QCoreApplication.translate
INVALID_STYLE = "border: 1px solid #c0392b; background: #fdecea;"
PROBLEM_STYLE = "color: #a93226;"
NOTE_STYLE = "color: #555;"


def evidence_names() -> dict[str, str]:
    return {
        "statement": translate("FactField", "client's statement"),
        "document": translate("FactField", "document seen"),
        "official": translate("FactField", "official source"),
    }


class FactField(QWidget):
    """Value editor plus evidence, with its problem in words beside it; `edited` carries the
    new value (None: unknown) once the worker confirms it, never while browsing a list."""

    edited = Signal(object, str)  # value, evidence

    def __init__(self, fact: FactDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        self.problem = ""
        self.derived_from = ""  # set when the value follows from other data (the address)
        self.editor: ConfirmingComboBox | QLineEdit
        if fact.type in ("bool", "choice"):
            combo = ConfirmingComboBox()
            combo.addItem(translate("FactField", "unknown"), None)
            if fact.type == "bool":
                combo.addItem(translate("FactField", "yes"), True)
                combo.addItem(translate("FactField", "no"), False)
            else:
                for key, label in fact.choices.items():
                    combo.addItem(label, key)
            combo.confirmed.connect(self._changed)
            self.editor = combo
        else:
            line = guard_text(QLineEdit(), 20)
            if fact.type == "date":
                hint(line, translate("FactField", "dd/mm/yyyy"))
            elif fact.type == "money":
                hint(line, translate("FactField", "€ amount"))
            hint(line, line.placeholderText() or translate("FactField", "number"))
            line.editingFinished.connect(self._changed)
            line.textEdited.connect(self._check)
            self.editor = line
        self.editor.setAccessibleName(fact.label)
        self.editor.setToolTip(fact.questions.get("nl", fact.label))
        self.evidence = ConfirmingComboBox()
        for key, label in evidence_names().items():
            self.evidence.addItem(label, key)
        self.evidence.mark_confirmed()
        self.evidence.setAccessibleName(
            translate("FactField", "Evidence for {fact}").format(fact=fact.label)
        )
        self.evidence.confirmed.connect(self._changed)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.editor, 3)
        row.addWidget(self.evidence, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(self.editor)
        self._loading = False
        self._recorded: tuple[Any, str] = (None, "statement")

    def set_value(self, value: Any, evidence: str = "statement", derived_from: str = "") -> None:
        """Show a stored (or derived) value without signalling an edit."""
        self._loading = True
        try:
            if isinstance(self.editor, QComboBox):
                index = self.editor.findData(value) if value is not None else 0
                self.editor.setCurrentIndex(max(index, 0))
                self.editor.mark_confirmed()
            elif value is None:
                self.editor.setText("")
            elif isinstance(value, date):
                self.editor.setText(show_date(value))
            elif isinstance(value, Decimal) and self.fact.type == "money":
                self.editor.setText(amount_text(value))
            else:
                self.editor.setText(number(Decimal(value)))
            self.evidence.setCurrentIndex(max(self.evidence.findData(evidence), 0))
            self.evidence.mark_confirmed()
            self._recorded = (value, evidence)
            self.derived_from = derived_from
            self.editor.setEnabled(not derived_from)
            self.evidence.setEnabled(not derived_from)
            self._show_problem("")
            if derived_from:
                self.problem_label.setStyleSheet(NOTE_STYLE)
                self.problem_label.setText(derived_from)
                self.problem_label.show()
        finally:
            self._loading = False

    def value(self) -> Any:
        """The value as typed; raises ValueError (with a translated reason) when unreadable."""
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        text = self.editor.text()
        if self.fact.type == "date":
            try:
                return parse_date(text)
            except ValueError:
                raise ValueError(translate("FactField", "write a date as dd/mm/yyyy")) from None
        try:
            amount = parse_amount(text)
        except ValueError:
            raise ValueError(translate("FactField", "write a number, e.g. 21.400,50")) from None
        if amount is None:
            return None
        if amount < 0 and (self.fact.min is None or self.fact.min >= 0):
            if self.fact.theme == "income":
                raise ValueError(translate("FactField", "an income cannot be negative"))
            raise ValueError(translate("FactField", "cannot be negative"))
        if self.fact.min is not None and amount < self.fact.min:
            raise ValueError(
                translate("FactField", "at least {minimum}").format(minimum=number(self.fact.min))
            )
        if self.fact.max is not None and amount > self.fact.max:
            raise ValueError(
                translate("FactField", "at most {maximum}").format(maximum=number(self.fact.max))
            )
        if self.fact.type == "money":
            amount = amount.quantize(Decimal("0.01"))
        return amount

    def _check(self, _text: str = "") -> bool:
        try:
            self.value()
        except ValueError as exc:
            self._show_problem(str(exc))
            return False
        self._show_problem("")
        return True

    def _show_problem(self, problem: str) -> None:
        self.problem = problem
        self.editor.setStyleSheet(INVALID_STYLE if problem else "")
        question = self.fact.questions.get("nl", self.fact.label)
        self.editor.setToolTip(f"{question}\n{problem}" if problem else question)
        label = self.fact.label[:1].upper() + self.fact.label[1:]
        self.problem_label.setStyleSheet(PROBLEM_STYLE)
        self.problem_label.setText(f"{label}: {problem}" if problem else "")
        self.problem_label.setVisible(bool(problem))

    def _changed(self, *_args: object) -> None:
        if self._loading or not self._check():
            return
        now = (self.value(), self.evidence.currentData())
        if now == self._recorded:
            return  # Tab through a field without changing it records nothing
        self._recorded = now
        self.edited.emit(*now)


def amount_text(value: Decimal) -> str:
    """`21400.5` → `21.400,50`, as the worker would type it."""
    return money(value).removeprefix("€ ").removeprefix("−€ ")
