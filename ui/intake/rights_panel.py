"""The rights panel: every right of the catalog by where it stands for this household."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Protocol
from urllib.parse import unquote, urlparse

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
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
GROUPS = ("receives", "eligible", "possibly_eligible", "not_eligible")
# Decisions that mean the client has the right now; others (applied, referred…) keep the
# right in its verdict's group with the decision as a note.
RECEIVING = ("already_receives", "granted")


def group_names() -> dict[str, str]:
    return {
        "receives": translate("RightsPanel", "Already receives"),
        "eligible": translate("RightsPanel", "Entitled"),
        "possibly_eligible": translate("RightsPanel", "Possibly entitled"),
        "not_eligible": translate("RightsPanel", "Not entitled"),
    }


def _set_text(item: QTreeWidgetItem, column: int, text: str) -> None:
    if item.text(column) != text:
        item.setText(column, text)


class ExplainerLike(Protocol):
    def plain(self, verdict: Verdict) -> list[str]: ...
    def reasons(self, verdict: Verdict) -> list[str]: ...


def group_of(verdict: Verdict, decision: DecisionView | None) -> str:
    """Where a right stands: already received (statuses or a decision) before any verdict."""
    if verdict.receives or (decision is not None and decision.action in RECEIVING):
        return "receives"
    return verdict.verdict


def source_title(url: str) -> str:
    """A readable title for a source link: `herent.be — financiële steun`."""
    parsed = urlparse(url)
    host = parsed.netloc.removeprefix("www.")
    last = unquote(parsed.path.rstrip("/").rpartition("/")[2])
    words = re.sub(r"[-_]+", " ", re.sub(r"\.(html?|aspx?|php)$", "", last)).strip()
    words = re.sub(r"^\d+\s*", "", words)
    return f"{host} — {words}" if words and not words.isdigit() else host


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
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._link)
        self.verdicts: dict[str, Verdict] = {}
        self.decisions: dict[str, DecisionView] = {}
        self.explainer: Callable[[], ExplainerLike] | None = None
        self.question_texts: dict[str, str] = {}  # engine name → the question, with the name
        self.show_calculation = False
        self.client_mode = False
        self.outdated_since: dict[str, str] = {}  # parameter → "label (since …)"
        self.expanded = {name: name != "not_eligible" for name in GROUPS}
        self.group_items: dict[str, QTreeWidgetItem] = {}
        self.items: dict[str, QTreeWidgetItem] = {}  # by right id, kept between refills

    @property
    def current_right(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, RIGHT_ROLE) if item is not None else None

    def show_verdicts(
        self,
        verdicts: list[Verdict],
        decisions: dict[str, DecisionView],
        explainer: Callable[[], ExplainerLike],
        question_texts: dict[str, str] | None = None,
        outdated_since: dict[str, str] | None = None,
    ) -> None:
        """Refill the tree, keeping the selection and which groups are open."""
        selected = self.current_right
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            self.expanded[group.data(0, RIGHT_ROLE + 1)] = group.isExpanded()
        self.verdicts = {v.right.id: v for v in verdicts}
        self.decisions = decisions
        self.explainer = explainer
        self.question_texts = question_texts or {}
        self.outdated_since = outdated_since or {}
        grouped: dict[str, list[Verdict]] = {name: [] for name in GROUPS}
        for verdict in verdicts:
            grouped[group_of(verdict, decisions.get(verdict.right.id))].append(verdict)
        self.tree.blockSignals(True)
        # Items are kept and moved, and texts set only when they change: the tree is refilled
        # after every answer, all day long.
        names = group_names()
        current = None
        ordered = {
            name: sorted(grouped[name], key=lambda v: v.right.name.casefold()) for name in GROUPS
        }
        changed = []
        for name in GROUPS:  # first take out every list that changes: an item has one parent
            group = self._group_item(name)
            wanted = [verdict.right.id for verdict in ordered[name]]
            shown = [group.child(i).data(0, RIGHT_ROLE) for i in range(group.childCount())]
            if wanted != shown:
                group.takeChildren()
                changed.append((group, wanted))
        for group, wanted in changed:
            group.addChildren([self._item(right_id) for right_id in wanted])
        for name in GROUPS:
            members = ordered[name]
            group = self._group_item(name)
            _set_text(group, 0, f"{names[name]} ({len(members)})")
            for verdict in members:
                item = self._item(verdict.right.id)
                _set_text(item, 0, verdict.right.name)
                _set_text(item, 1, self._note(verdict, name))
                tip = self._tooltip(verdict)
                if item.toolTip(0) != tip:
                    item.setToolTip(0, tip)
                    item.setToolTip(1, tip)
                if verdict.right.id == selected:
                    current = item
            group.setExpanded(self.expanded.get(name, True))
        self.tree.blockSignals(False)
        counts = {name: len(grouped[name]) for name in GROUPS}
        self.summary.setText(
            self.tr(
                "{receives} received, {eligible} entitled, {possible} possibly entitled"
            ).format(
                receives=counts["receives"],
                eligible=counts["eligible"],
                possible=counts["possibly_eligible"],
            )
        )
        if current is not None:
            self.tree.setCurrentItem(current)
        self._selected(self.tree.currentItem())

    def _group_item(self, name: str) -> QTreeWidgetItem:
        group = self.group_items.get(name)
        if group is None:
            group = self.group_items[name] = QTreeWidgetItem([""])
            group.setData(0, RIGHT_ROLE + 1, name)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
        return group

    def _item(self, right_id: str) -> QTreeWidgetItem:
        item = self.items.get(right_id)
        if item is None:
            item = self.items[right_id] = QTreeWidgetItem(["", ""])
            item.setData(0, RIGHT_ROLE, right_id)
        return item

    def _note(self, verdict: Verdict, group: str) -> str:
        """A short marker; the full words are in the tooltip and the explanation."""
        notes = []
        decision = self.decisions.get(verdict.right.id)
        if decision is not None:
            notes.append(action_names().get(decision.action, decision.action))
        if group == "possibly_eligible" and verdict.missing_facts:
            notes.append(self.tr("%n question(s)", "", len(verdict.missing_facts)))
        if verdict.outdated:
            notes.append("⚠")
        return " · ".join(notes)

    def _tooltip(self, verdict: Verdict) -> str:
        lines = [verdict.right.summary] if verdict.right.summary else []
        if verdict.outdated:
            figures = "; ".join(self.outdated_since.get(key, key) for key in verdict.outdated)
            lines.append(
                self.tr("⚠ Uses a figure that may be out of date: {figures}").format(
                    figures=figures
                )
            )
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
            "receives": self.tr("Already receives"),
            "eligible": self.tr("Entitled"),
            "possibly_eligible": self.tr("Possibly entitled"),
            "not_eligible": self.tr("Not entitled"),
        }
        group = group_of(verdict, self.decisions.get(right.id))
        parts = [f"<h3>{e(right.name)}</h3>"]
        if right.summary:
            parts.append(f"<p>{e(right.summary)}</p>")
        parts.append(f"<p><b>{e(verdict_names[group])}</b></p>")
        explainer = self.explainer() if self.explainer is not None else None
        if explainer is not None:
            lines = explainer.plain(verdict)
            parts.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>")
        if group == "possibly_eligible" and verdict.missing_facts:
            asked = [self.question_texts.get(n) for n in verdict.missing_facts]
            questions = [q for q in asked if q]
            if questions:
                title = self.tr("Questions that would settle it")
                parts.append(
                    f"<p><b>{e(title)}</b></p><ul>"
                    + "".join(f"<li>{e(q)}</li>" for q in questions)
                    + "</ul>"
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
        if decision is not None and not self.client_mode:
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
        if right.sources:
            title = self.tr("Sources")
            links = "".join(
                f"<li><a href='{e(url)}'>{e(source_title(url))}</a></li>" for url in right.sources
            )
            checked = self.tr("last checked {date}").format(date=show_date(right.verified_on))
            parts.append(f"<p><b>{e(title)}</b> ({e(checked)})</p><ul>{links}</ul>")
        if not self.client_mode and explainer is not None:
            if self.show_calculation:
                hide = self.tr("Hide the calculation")
                lines = [
                    line for line in explainer.reasons(verdict) if not line.startswith("Bron:")
                ]
                parts.append(f"<p><a href='#calculation'>{e(hide)}</a></p>")
                parts.append(
                    "<ul style='color:#555'>"
                    + "".join(f"<li>{e(line)}</li>" for line in lines)
                    + "</ul>"
                )
            else:
                show = self.tr("Show the calculation (for the social worker)")
                parts.append(f"<p><a href='#calculation'>{e(show)}</a></p>")
        return "".join(parts)

    def _link(self, url: QUrl) -> None:
        if url.toString() == "#calculation":
            self.show_calculation = not self.show_calculation
            self._selected(self.tree.currentItem())
        else:
            QDesktopServices.openUrl(url)

    def set_client_mode(self, on: bool) -> None:
        """Turned to the client: no decisions' notes, no calculation; the tree is read-only."""
        self.client_mode = on
        self.show_calculation = False
        self.decide_button.setVisible(not on)
        self.refer_button.setVisible(not on)
        self._selected(self.tree.currentItem())

    def _refer(self) -> None:
        if self.current_right and not self.client_mode:
            self.refer_requested.emit(self.current_right)

    def _decide(self, item: QTreeWidgetItem | None) -> None:
        right_id = item.data(0, RIGHT_ROLE) if item is not None else None
        if right_id and not self.client_mode:
            self.decide_requested.emit(right_id)
