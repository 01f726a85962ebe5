"""Questions that matter: the open facts whose answer can still change a verdict, the one that
settles most rights first (see `sociaalhuis.eligibility.questions`), each answerable in place.

Enter confirms an answer and moves on; after the panel is rebuilt the cursor stays on the
question being answered, or goes to the next one that is still open, never elsewhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.questions import Question
from ui.intake.fact_fields import FactField
from ui.widgets.inputs import isolate

MAX_QUESTIONS = 12


class QuestionsPanel(QWidget):
    """The next questions to ask; `answered(owner, key, value, evidence)` on each answer."""

    answered = Signal(object, str, object, str)

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        self.fields: list[FactField] = []
        self.names: list[str] = []  # engine names of the shown questions, in order
        self.answering: str | None = None  # the question whose answer caused the rebuild

    def show_questions(self, questions: list[Question], member_names: dict[str, str]) -> None:
        """Rebuild the list; keep the cursor on the question at hand or the next open one."""
        had_focus = self._focused_index()
        before = list(self.names)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = []
        self.names = []
        for question in questions[:MAX_QUESTIONS]:
            fact = self.catalog.facts[question.key]
            text = fact.questions.get("nl", fact.label)
            who = member_names.get(question.owner or "", question.owner or "")
            label = QLabel(f"{isolate(who)}: {text}" if question.owner else text)
            label.setWordWrap(True)
            label.setToolTip(self.tr("Could settle %n right(s)", "", round(question.settles)))
            field = FactField(fact)
            field.edited.connect(self._answer(question))
            label.setBuddy(field.editor)
            if question.owner:
                field.editor.setAccessibleName(f"{fact.label} ({who})")
            self.form.addRow(label, field)
            self.fields.append(field)
            self.names.append(question.name)
        if questions:
            self.heading.setText(self.tr("Ask next (%n open question(s)):", "", len(questions)))
        else:
            self.heading.setText(self.tr("No open questions: every right is settled."))
        target = self._target(before, had_focus)
        if target is not None:
            self.fields[target].setFocus()
            self.scroll.ensureWidgetVisible(self.fields[target])
        self.answering = None

    def _focused_index(self) -> int | None:
        focused = QApplication.focusWidget()
        return next((i for i, f in enumerate(self.fields) if f.isAncestorOf(focused)), None)

    def _target(self, before: list[str], had_focus: int | None) -> int | None:
        """Where the cursor goes after a rebuild: None leaves it where it is."""
        current = self.answering or (before[had_focus] if had_focus is not None else None)
        if current is None or not self.fields:
            return None
        if current in self.names:
            return self.names.index(current)
        if current in before:
            for name in before[before.index(current) + 1 :]:
                if name in self.names:
                    return self.names.index(name)
        return 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a question that did not change moves on to the next one."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self._focused_index()
            if index is not None and self.answering is None and index + 1 < len(self.fields):
                self.fields[index + 1].setFocus()
                self.scroll.ensureWidgetVisible(self.fields[index + 1])
            return
        super().keyPressEvent(event)

    def _answer(self, question: Question) -> Any:
        def answer(value: Any, evidence: str) -> None:
            self.answering = question.name
            self.answered.emit(question.owner, question.key, value, evidence)

        return answer
