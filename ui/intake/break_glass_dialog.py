"""Opening a case that is not the worker's own: break-glass for a colleague's case, and the
offer to take an unassigned one."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import HouseholdView
from sociaalhuis.errors import BreakGlassRequired, ValidationError
from sociaalhuis.storage.database import Database
from ui.widgets.forms import hint

MINUTES = 60

translate = QCoreApplication.translate


class BreakGlassDialog(QDialog):
    """Asks why the worker needs a colleague's case; OK only with a reason of 10 characters."""

    def __init__(self, parent: QWidget | None = None, minutes: int = MINUTES) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Case of a colleague"))
        explanation = QLabel(
            self.tr(
                "This case is assigned to a colleague. You may open it only if you need it "
                "now, for example because the client is at the desk and your colleague is "
                "absent."
            )
        )
        explanation.setWordWrap(True)
        logged = QLabel(
            self.tr(
                "Your access is logged with your reason and shown to the team lead. It lasts "
                "{minutes} minutes."
            ).format(minutes=minutes)
        )
        logged.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName(self.tr("Reason"))
        hint(self.reason, self.tr("Why do you need this case now?"))
        label = QLabel(
            self.tr("&Reason (at least {count} characters):").format(
                count=need_to_know.MIN_REASON_CHARS
            )
        )
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Open the case"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(logged)
        layout.addWidget(self.buttons)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _check(self) -> None:
        length = len(self.text())
        self.ok.setEnabled(need_to_know.MIN_REASON_CHARS <= length <= need_to_know.MAX_REASON_CHARS)


def ask_break_glass(
    parent: QWidget | None, db: Database, actor: Actor, household_id: uuid.UUID
) -> bool:
    """Ask a reason and grant break-glass; True when the case may now be opened."""
    dialog = BreakGlassDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        need_to_know.break_glass(db, actor, household_id, dialog.text(), MINUTES)
    except ValidationError as refused:
        if refused.field == "household_id":
            return True  # reassigned to this worker or unassigned meanwhile: it opens now
        raise
    return True


def offer_to_take(
    parent: QWidget | None, db: Database, actor: Actor, household_id: uuid.UUID
) -> bool:
    """Offer an unassigned case to the social worker who opens it; True when taken."""
    answer = QMessageBox.question(
        parent,
        translate("BreakGlassDialog", "Case not assigned"),
        translate(
            "BreakGlassDialog",
            "This case is not assigned yet. Do you want to take it as your case?",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        need_to_know.take(db, actor, household_id)
    except ValidationError:
        return False  # a colleague took it first; it opens as theirs next time
    return True


# Unassigned cases already offered to the worker in this session: offered once, not nagged.
_offered: set[tuple[uuid.UUID, uuid.UUID]] = set()


def open_view(
    parent: QWidget | None,
    households: HouseholdService,
    db: Database,
    actor: Actor,
    household_id: uuid.UUID,
) -> HouseholdView | None:
    """The household as `households.get` opens it; a colleague's case asks a reason for
    break-glass first, an unassigned one is offered to the social worker once. None: the
    worker cancelled and nothing was opened."""
    try:
        view = households.get(actor, household_id)
    except BreakGlassRequired:
        if not ask_break_glass(parent, db, actor, household_id):
            return None
        view = households.get(actor, household_id)
    key = (actor.user_id, household_id)
    if view.case_worker is None and actor.role == "social_worker" and key not in _offered:
        _offered.add(key)
        offer_to_take(parent, db, actor, household_id)
    return view
