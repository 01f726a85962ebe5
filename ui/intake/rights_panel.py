"""The rights panel: every right of the catalog by where it stands for this household."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.cases.records import DecisionView
from sociaalhuis.eligibility.engine import Verdict
from ui.widgets.formats import money, show_date

translate = QCoreApplication.translate
RIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
GROUPS = ("eligible", "possibly_eligible", "receives", "acted", "not_eligible")


def group_names() -> dict[str, str]:
    return {
        "eligible": translate("RightsPanel", "Entitled"),
        "possibly_eligible": translate("RightsPanel", "Possibly entitled"),
        "receives": translate("RightsPanel", "Already receives"),
        "acted": translate("RightsPanel", "Acted on"),
        "not_eligible": translate("RightsPanel", "Not entitled"),
    }


def action_names() -> dict[str, str]:
    return {
        "granted": translate("RightsPanel", "granted"),
        "applied": translate("RightsPanel", "applied for"),
        "referred": translate("RightsPanel", "referred"),
        "already_receives": translate("RightsPanel", "already receives"),
        "declined": translate("RightsPanel", "client declines"),
        "rejected": translate("RightsPanel", "rejected by provider"),
    }


def obtained_names() -> dict[str, str]:
    return {
        "grant": translate("RightsPanel", "granted by the Sociaal Huis"),
        "automatic": translate("RightsPanel", "automatic, through another body"),
        "apply": translate("RightsPanel", "the client applies"),
        "refer": translate("RightsPanel", "referral to a partner"),
    }


class RightsPanel(QWidget):
    """Groups of rights; the selected one opens to its explanation and practical details."""

    decide_requested = Signal(str)  # right id
    refer_requested = Signal(str)  # right id

    def __init__(self) -> None:
        super().__init__()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Right"), self.tr("Note")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.tree.setAccessibleName(self.tr("Rights"))
        self.details = QTextBrowser()
        self.details.setOpenExternalLinks(True)
        self.details.setAccessibleName(self.tr("Explanation"))
        self.decide_button = QPushButton(self.tr("Record &decision…"))
        self.decide_button.setEnabled(False)
        self.decide_button.setToolTip(self.tr("Grant, apply, refer… (Ctrl+D)"))
        self.refer_button = QPushButton(self.tr("Re&fer…"))
        self.refer_button.setEnabled(False)
        self.refer_button.setToolTip(self.tr("Refer to a partner with a letter (Ctrl+L)"))
        self.summary = QLabel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setSizes([300, 200])
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.refer_button)
        buttons.addWidget(self.decide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(self._selected)
        self.tree.itemActivated.connect(lambda item, _col: self._decide(item))
        self.decide_button.clicked.connect(lambda: self._decide(self.tree.currentItem()))
        self.refer_button.clicked.connect(self._refer)
        self.verdicts: dict[str, Verdict] = {}
        self.decisions: dict[str, DecisionView] = {}
        self.explain: Callable[[Verdict], list[str]] = lambda verdict: []
        self.expanded = {name: name != "not_eligible" for name in GROUPS}

    @property
    def current_right(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, RIGHT_ROLE) if item is not None else None

    def show_verdicts(
        self,
        verdicts: list[Verdict],
        decisions: dict[str, DecisionView],
        explain: Callable[[Verdict], list[str]],
    ) -> None:
        """Refill the tree, keeping the selection and which groups are open."""
        selected = self.current_right
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            self.expanded[group.data(0, RIGHT_ROLE + 1)] = group.isExpanded()
        self.verdicts = {v.right.id: v for v in verdicts}
        self.decisions = decisions
        self.explain = explain
        grouped: dict[str, list[Verdict]] = {name: [] for name in GROUPS}
        for verdict in verdicts:
            decision = decisions.get(verdict.right.id)
            if decision is not None:
                name = "receives" if decision.action == "already_receives" else "acted"
            else:
                name = verdict.verdict
            grouped[name].append(verdict)
        self.tree.blockSignals(True)
        self.tree.clear()
        names = group_names()
        current = None
        for name in GROUPS:
            members = sorted(grouped[name], key=lambda v: v.right.name.casefold())
            group = QTreeWidgetItem([f"{names[name]} ({len(members)})"])
            group.setData(0, RIGHT_ROLE + 1, name)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for verdict in members:
                item = QTreeWidgetItem([verdict.right.name, self._note(verdict, name)])
                item.setData(0, RIGHT_ROLE, verdict.right.id)
                item.setToolTip(0, self._tooltip(verdict))
                item.setToolTip(1, self._tooltip(verdict))
                group.addChild(item)
                if verdict.right.id == selected:
                    current = item
            group.setExpanded(self.expanded.get(name, True))
        self.tree.blockSignals(False)
        counts = {name: len(grouped[name]) for name in GROUPS}
        self.summary.setText(
            self.tr("{eligible} entitled, {possible} possibly entitled, {acted} acted on").format(
                eligible=counts["eligible"],
                possible=counts["possibly_eligible"],
                acted=counts["acted"] + counts["receives"],
            )
        )
        if current is not None:
            self.tree.setCurrentItem(current)
        self._selected(self.tree.currentItem())

    def _note(self, verdict: Verdict, group: str) -> str:
        """A short marker; the full words are in the tooltip and the explanation."""
        notes = []
        decision = self.decisions.get(verdict.right.id)
        if decision is not None:
            notes.append(action_names().get(decision.action, decision.action))
        if group == "possibly_eligible" and verdict.missing_facts:
            notes.append(self.tr("%n question(s)", "", len(verdict.missing_facts)))
        if verdict.outdated:
            notes.append(self.tr("⚠ outdated"))
        elif verdict.right.uncertain:
            notes.append("⚠")
        return " · ".join(notes)

    def _tooltip(self, verdict: Verdict) -> str:
        lines = [verdict.right.summary] if verdict.right.summary else []
        if verdict.outdated:
            lines.append(self.tr("Based on an outdated figure."))
        if verdict.right.uncertain:
            lines.append(self.tr("Unverified: {note}").format(note=verdict.right.uncertain))
        return "\n".join(lines)

    def select_first(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group.childCount() and group.isExpanded():
                self.tree.setCurrentItem(group.child(0))
                return

    def select_right(self, right_id: str) -> None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child in range(group.childCount()):
                item = group.child(child)
                if item.data(0, RIGHT_ROLE) == right_id:
                    group.setExpanded(True)
                    self.tree.setCurrentItem(item)
                    return

    def _selected(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        right_id = item.data(0, RIGHT_ROLE) if item is not None else None
        verdict = self.verdicts.get(right_id) if right_id else None
        self.decide_button.setEnabled(verdict is not None)
        self.refer_button.setEnabled(verdict is not None)
        if verdict is None:
            hint = self.tr("Select a right to see why, where and how.")
            self.details.setHtml(f"<p>{html.escape(hint)}</p>")
            return
        self.details.setHtml(self._details(verdict))

    def _details(self, verdict: Verdict) -> str:
        right = verdict.right
        e = html.escape
        verdict_names = {
            "eligible": self.tr("Entitled"),
            "possibly_eligible": self.tr("Possibly entitled"),
            "not_eligible": self.tr("Not entitled"),
        }
        parts = [f"<h3>{e(right.name)}</h3>"]
        if right.summary:
            parts.append(f"<p>{e(right.summary)}</p>")
        parts.append(f"<p><b>{e(verdict_names[verdict.verdict])}</b></p>")
        if verdict.outdated:
            warning = self.tr(
                "Based on an outdated figure: check the current amount before telling the client."
            )
            parts.append(f"<p style='color:#8a5a00'>⚠ {e(warning)}</p>")
        parts.append(
            "<ul>" + "".join(f"<li>{e(line)}</li>" for line in self.explain(verdict)) + "</ul>"
        )
        rows = [
            (self.tr("Provider"), right.provider),
            (self.tr("How"), obtained_names().get(right.obtained, right.obtained)),
            (self.tr("Level"), right.level),
            (
                self.tr("Value per year"),
                money(right.yearly_value)
                if right.yearly_value is not None
                else right.value_note or self.tr("unknown"),
            ),
            (self.tr("Validity"), right.validity),
            (self.tr("Sources last checked"), show_date(right.last_verified)),
        ]
        table = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in rows if v)
        parts.append(f"<table cellspacing='4'>{table}</table>")
        if right.documents:
            documents = self.tr("Documents to bring")
            parts.append(
                f"<p><b>{e(documents)}</b></p><ul>"
                + "".join(f"<li>{e(d)}</li>" for d in right.documents)
                + "</ul>"
            )
        decision = self.decisions.get(right.id)
        if decision is not None:
            follow = (
                self.tr(", follow up on {date}").format(date=show_date(decision.follow_up_on))
                if decision.follow_up_on
                else ""
            )
            title = self.tr("Decision")
            when = self.tr("on {date}").format(date=show_date(decision.decided_on))
            action = action_names().get(decision.action, decision.action)
            parts.append(
                f"<p><b>{e(title)}:</b> {e(action)} {e(when)}{e(follow)}. {e(decision.note)}</p>"
            )
        return "".join(parts)

    def _refer(self) -> None:
        if self.current_right:
            self.refer_requested.emit(self.current_right)

    def _decide(self, item: QTreeWidgetItem | None) -> None:
        right_id = item.data(0, RIGHT_ROLE) if item is not None else None
        if right_id:
            self.decide_requested.emit(right_id)
