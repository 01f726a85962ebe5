"""Questions that matter: the unknown facts that would settle a possibly-eligible right,
the one that settles most rights first, each answerable in place."""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Verdict
from ui.intake.fact_fields import FactField

MAX_QUESTIONS = 12


def ranked_questions(verdicts: list[Verdict]) -> list[tuple[str, int]]:
    """Open facts of possibly-eligible rights with how many rights each could settle."""
    counts: Counter[str] = Counter()
    for verdict in verdicts:
        if verdict.verdict == "possibly_eligible":
            counts.update(verdict.missing_facts)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        self.fields: list[FactField] = []

    def show_questions(self, verdicts: list[Verdict], draft: IntakeDraft) -> None:
        focused = next((i for i, f in enumerate(self.fields) if f.editor.hasFocus()), None)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = []
        questions = ranked_questions(verdicts)
        names = {m.local_id: m.name or m.local_id for m in draft.members}
        for name, count in questions[:MAX_QUESTIONS]:
            owner, _, key = name.rpartition(".")
            fact = self.catalog.facts.get(key)
            if fact is None:
                continue
            question = fact.questions.get("nl", fact.label)
            who = f"{names.get(owner, owner)}: " if owner else ""
            label = QLabel(f"{who}{question}")
            label.setWordWrap(True)
            label.setToolTip(self.tr("Could settle %n right(s)", "", count))
            field = FactField(fact)
            field.edited.connect(self._answer(owner or None, key))
            label.setBuddy(field.editor)
            self.form.addRow(label, field)
            self.fields.append(field)
        if questions:
            self.heading.setText(self.tr("Ask next (%n open question(s)):", "", len(questions)))
        else:
            self.heading.setText(self.tr("No open questions: every right is settled."))
        if focused is not None and self.fields:
            self.fields[min(focused, len(self.fields) - 1)].setFocus()

    def _answer(self, owner: str | None, key: str) -> Any:
        def answer(value: Any, evidence: str) -> None:
            if value is not None:
                self.answered.emit(owner, key, value, evidence)

        return answer
