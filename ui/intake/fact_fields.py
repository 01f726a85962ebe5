"""One editor per fact of the catalog's dictionary: the value (unknown allowed) and its evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from sociaalhuis.catalog.model import FactDef
from ui.widgets.formats import number, parse_amount, parse_date, show_date

translate = QCoreApplication.translate
INVALID_STYLE = "border: 1px solid #c0392b; background: #fdecea;"


def evidence_names() -> dict[str, str]:
    return {
        "statement": translate("FactField", "client's statement"),
        "document": translate("FactField", "document seen"),
        "official": translate("FactField", "official source"),
    }


class FactField(QWidget):
    """Value editor plus evidence; `edited` carries the new value (None: unknown)."""

    edited = Signal(object, str)  # value, evidence

    def __init__(self, fact: FactDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        self.problem = ""
        self.editor: QComboBox | QLineEdit
        if fact.type in ("bool", "choice"):
            combo = QComboBox()
            combo.addItem(translate("FactField", "unknown"), None)
            if fact.type == "bool":
                combo.addItem(translate("FactField", "yes"), True)
                combo.addItem(translate("FactField", "no"), False)
            else:
                for key, label in fact.choices.items():
                    combo.addItem(label, key)
            combo.currentIndexChanged.connect(self._changed)
            self.editor = combo
        else:
            line = QLineEdit()
            if fact.type == "date":
                line.setPlaceholderText(translate("FactField", "dd/mm/yyyy"))
            elif fact.type == "money":
                line.setPlaceholderText(translate("FactField", "€ amount"))
            line.setPlaceholderText(line.placeholderText() or translate("FactField", "number"))
            line.editingFinished.connect(self._changed)
            line.textEdited.connect(self._check)
            self.editor = line
        self.editor.setAccessibleName(fact.label)
        self.editor.setToolTip(fact.questions.get("nl", fact.label))
        self.evidence = QComboBox()
        for key, label in evidence_names().items():
            self.evidence.addItem(label, key)
        self.evidence.setAccessibleName(
            translate("FactField", "Evidence for {fact}").format(fact=fact.label)
        )
        self.evidence.currentIndexChanged.connect(self._changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor, 3)
        layout.addWidget(self.evidence, 2)
        self.setFocusProxy(self.editor)
        self._loading = False

    def set_value(self, value: Any, evidence: str = "statement") -> None:
        """Show a stored value without signalling an edit."""
        self._loading = True
        try:
            if isinstance(self.editor, QComboBox):
                index = self.editor.findData(value) if value is not None else 0
                self.editor.setCurrentIndex(max(index, 0))
            elif value is None:
                self.editor.setText("")
            elif isinstance(value, date):
                self.editor.setText(show_date(value))
            elif isinstance(value, Decimal) and self.fact.type == "money":
                self.editor.setText(
                    f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
                )
            else:
                self.editor.setText(number(Decimal(value)))
            self.evidence.setCurrentIndex(max(self.evidence.findData(evidence), 0))
            self._show_problem("")
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
        if amount is not None:
            if self.fact.min is not None and amount < self.fact.min:
                raise ValueError(
                    translate("FactField", "at least {minimum}").format(
                        minimum=number(self.fact.min)
                    )
                )
            if self.fact.max is not None and amount > self.fact.max:
                raise ValueError(
                    translate("FactField", "at most {maximum}").format(
                        maximum=number(self.fact.max)
                    )
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

    def _changed(self, *_args: object) -> None:
        if self._loading or not self._check():
            return
        self.edited.emit(self.value(), self.evidence.currentData())
