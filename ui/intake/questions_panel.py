"""Questions that matter: the open facts whose answer can still change a verdict, the one that
settles most rights first (see `sociaalhuis.eligibility.questions`), each answerable in place.

Enter confirms an answer and moves on; after the panel is rebuilt the cursor stays on the
question being answered, or goes to the next one that is still open, never elsewhere.
"""

from __future__ import annotations

import itertools
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
from shiboken6 import Shiboken

from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.questions import Question
from ui.intake.fact_fields import FactField
from ui.widgets.inputs import isolate

MAX_QUESTIONS = 12


class QuestionsPanel(QWidget):
    """The next questions to ask; `answered(owner, key, value, evidence)` on each answer."""

    answered = Signal(object, str, object, str)
    all_answered = Signal()  # the last question was answered while the cursor was here

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
        self.rows: dict[str, tuple[QLabel, FactField]] = {}  # by engine name, kept for reuse

    def show_questions(self, questions: list[Question], member_names: dict[str, str]) -> None:
        """Rebuild the list; keep the cursor on the question at hand or the next open one."""
        had_focus = self._focused_index()
        before = list(self.names)
        # Rows are taken out and kept, not deleted: a question asked again reuses its widgets,
        # so a long day at the desk does not create thousands of widgets.
        while self.form.rowCount():
            taken = self.form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                if item is not None:
                    if item.widget() is not None:
                        item.widget().hide()
                    # takeRow hands over the layout item (not the widget): free it, or every
                    # rebuild leaks a few hundred bytes of native memory.
                    Shiboken.delete(item)
        self.fields = []
        self.names = []
        for question in questions[:MAX_QUESTIONS]:
            label, field = self._row(question, member_names)
            self.form.addRow(label, field)
            label.show()
            field.show()
            self.fields.append(field)
            self.names.append(question.name)
        # Reused rows keep their first place in the focus chain: put Tab back in list order.
        chain = [part for field in self.fields for part in (field.editor, field.evidence)]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        if questions:
            self.heading.setText(self.tr("Ask next (%n open question(s)):", "", len(questions)))
        else:
            self.heading.setText(self.tr("No open questions: every right is settled."))
        target = self._target(before, had_focus)
        if not self.fields and (self.answering or had_focus is not None):
            self.answering = None
            self.all_answered.emit()
            return
        if target is not None:
            self.fields[target].setFocus()
            self.scroll.ensureWidgetVisible(self.fields[target])
        self.answering = None

    def _row(self, question: Question, member_names: dict[str, str]) -> tuple[QLabel, FactField]:
        """The label and field of a question, made once and kept for when it is asked again."""
        fact = self.catalog.facts[question.key]
        row = self.rows.get(question.name)
        if row is None:
            label = QLabel(self.body)
            label.setWordWrap(True)
            field = FactField(fact, self.body)
            field.edited.connect(self._answer(question.owner, question.key, question.name))
            label.setBuddy(field.editor)
            row = self.rows[question.name] = (label, field)
        label, field = row
        text = fact.questions.get("nl", fact.label)
        who = member_names.get(question.owner or "", question.owner or "")
        label.setText(f"{isolate(who)}: {text}" if question.owner else text)
        label.setToolTip(self.tr("Could settle %n right(s)", "", round(question.settles)))
        field.editor.setAccessibleName(f"{fact.label} ({who})" if question.owner else fact.label)
        field.set_value(None)  # an open question: nothing known yet
        return label, field

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

    def _answer(self, owner: str | None, key: str, name: str) -> Any:
        def answer(value: Any, evidence: str) -> None:
            self.answering = name
            self.answered.emit(owner, key, value, evidence)

        return answer
