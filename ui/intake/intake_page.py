"""The intake page: household editor on the left, questions and rights on the right.

Every accepted edit re-evaluates the whole catalog on the draft (well under a millisecond),
so the rights move as the facts change. Saving goes through `IntakeService.save` in one
transaction; a stale save is reported and the worker may reload.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.cases.records import DecisionInput, DecisionView
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.eligibility.engine import Evaluator, Verdict
from sociaalhuis.eligibility.explain import Explainer
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.referrals import NEXT, OPEN_STATUSES, ReferralService
from sociaalhuis.storage.database import Database
from ui.intake.dialogs import ContactDialog, DecisionDialog, channel_names
from ui.intake.household_editor import HouseholdEditor
from ui.intake.questions_panel import QuestionsPanel
from ui.intake.rights_panel import RightsPanel
from ui.referral.letter_preview import LetterPreview
from ui.referral.letters_archive import LettersArchive
from ui.referral.referral_dialog import ReferralDialog
from ui.widgets.formats import show_date

translate = QCoreApplication.translate


def referral_status_names() -> dict[str, str]:
    return {
        "draft": translate("IntakePage", "draft"),
        "sent": translate("IntakePage", "sent"),
        "received": translate("IntakePage", "received"),
        "accepted": translate("IntakePage", "accepted"),
        "declined": translate("IntakePage", "declined"),
        "completed": translate("IntakePage", "completed"),
    }


@dataclass(frozen=True)
class Services:
    """What the page calls; built once by the main window."""

    db: Database
    actor: Actor
    site: str
    catalog: Catalog
    households: HouseholdService
    intake: IntakeService
    decisions: DecisionService
    contacts: ContactService
    directory: DirectoryService
    referrals: ReferralService

    @classmethod
    def create(cls, db: Database, actor: Actor, site: str, catalog: Catalog) -> Services:
        return cls(
            db,
            actor,
            site,
            catalog,
            HouseholdService(db),
            IntakeService(db),
            DecisionService(db, catalog),
            ContactService(db),
            DirectoryService(db),
            ReferralService(db, catalog),
        )


class IntakePage(QWidget):
    """One household at a time: edit, see the rights, act on them, save."""

    title_changed = Signal(str)
    saved = Signal()

    def __init__(
        self, services: Services, today: date | None = None, worker_name: str = ""
    ) -> None:
        super().__init__()
        self.services = services
        self.worker_name = worker_name or services.actor.username
        self.today = today or date.today()
        self.evaluator = Evaluator(services.catalog)
        self.draft = IntakeDraft.new()
        self.verdicts: list[Verdict] = []
        self.decisions: dict[str, DecisionView] = {}
        self.client_mode = False

        self.editor = HouseholdEditor(services.catalog)
        self.editor.changed.connect(self.evaluate)
        self.questions = QuestionsPanel(services.catalog)
        self.questions.answered.connect(self.answer)
        self.rights = RightsPanel()
        self.rights.decide_requested.connect(self.decide)
        self.rights.refer_requested.connect(self.refer)

        self.contacts_box = QGroupBox(self.tr("Intake conversations (internal)"))
        self.contact_list = QListWidget()
        self.contact_list.setAccessibleName(self.tr("Intake conversations"))
        self.new_contact_button = QPushButton(self.tr("New con&versation…"))
        self.new_contact_button.clicked.connect(self.record_contact)
        self.contact_list.setMaximumHeight(120)
        contacts_layout = QVBoxLayout(self.contacts_box)
        contacts_layout.addWidget(self.contact_list)
        contacts_layout.addWidget(self.new_contact_button)

        self.referrals_box = QGroupBox(self.tr("Referrals"))
        self.referral_list = QListWidget()
        self.referral_list.setMaximumHeight(110)
        self.referral_list.setAccessibleName(self.tr("Referrals"))
        self.status_button = QPushButton(self.tr("Next &status…"))
        self.status_button.clicked.connect(self.advance_referral)
        referrals_layout = QVBoxLayout(self.referrals_box)
        referrals_layout.addWidget(self.referral_list)
        referrals_layout.addWidget(self.status_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.editor, 1)
        left_layout.addWidget(self.contacts_box)
        left_layout.addWidget(self.referrals_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)

        questions_box = QGroupBox(self.tr("Questions that matter"))
        QVBoxLayout(questions_box).addWidget(self.questions)
        rights_box = QGroupBox(self.tr("Rights"))
        QVBoxLayout(rights_box).addWidget(self.rights)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(questions_box)
        self.right_splitter.addWidget(rights_box)
        self.right_splitter.setSizes([220, 480])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setSizes([760, 640])

        self.client_banner = QLabel(
            self.tr("Client view: other clients and internal notes are hidden. Press F9 to return.")
        )
        self.client_banner.setStyleSheet(
            "background: #e8f4fd; border: 1px solid #7fb2de; padding: 6px; border-radius: 4px;"
        )
        self.client_banner.hide()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the household (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.client_banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.load(IntakeDraft.new(), [])

    # --- opening ----------------------------------------------------------------------

    def new_household(self) -> None:
        self.load(IntakeDraft.new(), [])
        self.focus_start()

    def focus_start(self) -> None:
        """Put the cursor in the applicant's name once the rebuilt rows are shown."""
        QTimer.singleShot(0, lambda: self.editor.first_field().setFocus())

    def open_household(self, household_id: uuid.UUID) -> None:
        view = self.services.households.get(self.services.actor, household_id)
        decisions = self.services.decisions.current(self.services.actor, household_id)
        self.load(IntakeDraft.from_view(view), decisions)

    def load(self, draft: IntakeDraft, decisions: list[DecisionView]) -> None:
        self.draft = draft
        self.decisions = {d.right_id: d for d in decisions}
        self.editor.load(draft)
        self._load_contacts()
        self._load_referrals()
        self.evaluate()

    def _load_referrals(self) -> None:
        self.referral_list.clear()
        if self.draft.household_id is None:
            self.referrals_box.setEnabled(False)
            return
        self.referrals_box.setEnabled(True)
        names = referral_status_names()
        for referral in self.services.referrals.for_household(
            self.services.actor, self.draft.household_id
        ):
            follow = ""
            if referral.follow_up_on is not None:
                late = referral.status in OPEN_STATUSES and referral.follow_up_on < self.today
                follow = self.tr(", follow up on {date}").format(
                    date=show_date(referral.follow_up_on)
                ) + (" ⚠" if late else "")
            item = QListWidgetItem(
                f"{referral.reference} — {referral.organisation_name} — "
                f"{names.get(referral.status, referral.status)}{follow}"
            )
            item.setData(Qt.ItemDataRole.UserRole, referral)
            self.referral_list.addItem(item)
        self.status_button.setEnabled(self.referral_list.count() > 0)

    def advance_referral(self) -> None:
        """Move the selected referral to its next status (sent, received, accepted…)."""
        item = self.referral_list.currentItem() or self.referral_list.item(0)
        if item is None:
            return
        referral = item.data(Qt.ItemDataRole.UserRole)
        names = referral_status_names()
        choices = [names[status] for status in NEXT.get(referral.status, ())]
        if not choices:
            QMessageBox.information(self, self.tr("Referral"), self.tr("This referral is closed."))
            return
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Referral {reference}").format(reference=referral.reference),
            self.tr("New status:"),
            choices,
            0,
            False,
        )
        if not ok:
            return
        status = next(key for key, label in names.items() if label == choice)
        try:
            self.services.referrals.set_status(
                self.services.actor, referral.id, referral.version, status, self.today
            )
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), exc.message)
        self._load_referrals()

    def print_overview(self) -> None:
        """The client's "your rights" overview: the rights to claim, in the client's
        language; archived, then shown to print or save."""
        if (self.draft.household_id is None or self.draft.dirty) and not self.save():
            return
        wanted = tuple(
            v.right.id
            for v in self.verdicts
            if v.verdict in ("eligible", "possibly_eligible") and v.right.id not in self.decisions
        )
        letter = self.services.referrals.print_overview(
            self.services.actor,
            self.draft.household_id,
            wanted,  # type: ignore[arg-type]
            self.worker_name,
            self.today,
        )
        self.last_letter = LetterPreview(
            letter.pdf, self.tr("Rights overview for the client"), "overzicht-rechten.pdf", self
        )
        self.last_letter.exec()

    def _load_contacts(self) -> None:
        self.contact_list.clear()
        if self.draft.household_id is None:
            self.contacts_box.setEnabled(False)
            return
        self.contacts_box.setEnabled(True)
        names = channel_names()
        for contact in self.services.contacts.list_for(
            self.services.actor, self.draft.household_id
        ):
            when = show_date(contact.occurred_at.date())
            notes = " / ".join(note.text for note in contact.notes if note.text)
            consents = "; ".join(f"{c.partner} ({c.purpose})" for c in contact.consents)
            line = f"{when} — {names.get(contact.channel, contact.channel)}: {contact.question}"
            if notes:
                line += f" — {notes}"
            if consents:
                line += " — " + self.tr("consent: {partners}").format(partners=consents)
            self.contact_list.addItem(line)

    # --- evaluating -------------------------------------------------------------------

    def evaluate(self) -> None:
        situation = self.draft.situation(self.services.catalog)
        self.verdicts = self.evaluator.evaluate(situation, self.today)
        explainer: list[Explainer] = []

        def explain(verdict: Verdict) -> list[str]:
            if not explainer:
                explainer.append(Explainer(self.evaluator, situation, self.today))
            return explainer[0].reasons(verdict)

        self.rights.show_verdicts(self.verdicts, self.decisions, explain)
        self.questions.show_questions(self.verdicts, self.draft)
        self._update_title()

    def answer(self, owner: str | None, key: str, value: Any, evidence: str) -> None:
        """An answer in the questions panel: record it, then re-evaluate once the editor
        that sent it has returned (the panel is rebuilt)."""
        self.draft.set_fact(owner, key, value, evidence)
        QTimer.singleShot(0, self._after_answer)

    def _after_answer(self) -> None:
        self.editor.load(self.draft)
        self.evaluate()
        QTimer.singleShot(0, self.focus_questions)

    def _update_title(self) -> None:
        applicant = self.draft.members[0].name if self.draft.members else ""
        name = applicant or self.tr("New client")
        star = " *" if self.draft.dirty else ""
        self.title_changed.emit(f"{name}{star}")
        self.status.setText(self.tr("Unsaved changes") if self.draft.dirty else "")

    # --- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the draft; False when nothing was saved (problems shown to the worker)."""
        if self.editor.problems:
            QMessageBox.warning(self, self.tr("Cannot save yet"), self.editor.problems)
            return False
        data, facts = self.draft.inputs(self.services.catalog)
        try:
            view = self.services.intake.save(
                self.services.actor, self.draft.household_id, self.draft.version, data, facts
            )
        except ConflictError:
            return self._conflict()
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Cannot save yet"), self._explain_invalid(exc))
            return False
        self.load(IntakeDraft.from_view(view), list(self.decisions.values()))
        self.status.setText(self.tr("Saved."))
        self.saved.emit()
        return True

    def _explain_invalid(self, exc: ValidationError) -> str:
        field = exc.field
        for index, member in enumerate(self.draft.members):
            field = field.replace(f"members[{index}]", member.name or member.local_id)
        return self.tr("{field}: {reason}").format(field=field, reason=exc.reason)

    def _conflict(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Saved by someone else"))
        box.setText(
            self.tr(
                "Someone else saved this household while you were editing it. "
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
        if box.clickedButton() is reload and self.draft.household_id is not None:
            self.open_household(self.draft.household_id)
        return False

    def may_leave(self) -> bool:
        """Ask before unsaved changes are lost; True when it is fine to move on."""
        if not self.draft.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this household first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- acting -----------------------------------------------------------------------

    def decide(self, right_id: str) -> None:
        if (self.draft.household_id is None or self.draft.dirty) and not self.save():
            return
        verdict = next(v for v in self.verdicts if v.right.id == right_id)
        dialog = DecisionDialog(verdict.right, self.today, self)
        if dialog.exec() != DecisionDialog.DialogCode.Accepted or dialog.result_input is None:
            return
        situation = self.draft.situation(self.services.catalog)
        reasons = Explainer(self.evaluator, situation, self.today).reasons(verdict)
        explanation = f"{verdict.verdict}\n" + "\n".join(reasons)
        previous = self.decisions.get(right_id)
        try:
            decision = self.services.decisions.record(
                self.services.actor,
                self.draft.household_id,
                dialog.result_input,  # type: ignore[arg-type]
                explanation,
                supersedes=previous.id if previous else None,
            )
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not recorded"), exc.message)
            return
        self.decisions[right_id] = decision
        self.evaluate()
        self.rights.select_right(right_id)

    def refer(self, right_id: str | None = None) -> None:
        """Refer to a partner (from a right, or on its own), then print and archive the
        letter and show it."""
        if (self.draft.household_id is None or self.draft.dirty) and not self.save():
            return
        right = self.services.catalog.right(right_id) if right_id else None
        dialog = ReferralDialog(self, right, self.today, self)
        if dialog.exec() != ReferralDialog.DialogCode.Accepted or dialog.result_input is None:
            return
        data = dialog.result_input
        with_letter = (
            data.consent_id is not None
            and dialog.organisation is not None
            and (dialog.organisation.bound_by_professional_secrecy)
        )
        try:
            if with_letter:
                referral, letter = self.services.referrals.refer(
                    self.services.actor, self.draft.household_id, data, self.worker_name, self.today
                )
            else:
                referral = self.services.referrals.create(
                    self.services.actor, self.draft.household_id, data, self.today
                )
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not referred"), exc.message)
            return
        if right_id:
            self._record_referred(right_id, referral.organisation_name, referral.reference)
        self._load_referrals()
        if not with_letter:
            QMessageBox.information(
                self,
                self.tr("Referred"),
                self.tr(
                    "The referral {reference} is recorded without a letter: a letter with client "
                    "data needs a partner bound by professional secrecy and the client's consent."
                ).format(reference=referral.reference),
            )
            return
        self.last_letter = LetterPreview(
            letter.pdf,
            self.tr("Referral letter {reference}").format(reference=referral.reference),
            f"{referral.reference}.pdf",
            self,
        )
        self.last_letter.exec()

    def _record_referred(self, right_id: str, partner: str, reference: str) -> None:
        verdict = next(v for v in self.verdicts if v.right.id == right_id)
        situation = self.draft.situation(self.services.catalog)
        reasons = Explainer(self.evaluator, situation, self.today).reasons(verdict)
        previous = self.decisions.get(right_id)
        decision = self.services.decisions.record(
            self.services.actor,
            self.draft.household_id,  # type: ignore[arg-type]
            DecisionInput(
                right_id,
                "referred",
                self.today,
                self.tr("Referred to {partner} ({reference})").format(
                    partner=partner, reference=reference
                ),
            ),
            f"{verdict.verdict}\n" + "\n".join(reasons),
            supersedes=previous.id if previous else None,
        )
        self.decisions[right_id] = decision
        self.evaluate()

    def show_letters(self) -> None:
        """The archive of this client's letters; each opens as it was printed."""
        if self.draft.household_id is None:
            return
        LettersArchive(self.services, self.draft.household_id, self).exec()

    def record_contact(self, partner: str = "", purpose: str = "") -> None:
        if self.draft.household_id is None:
            return
        dialog = ContactDialog(self.services.site, self, partner, purpose)
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.result_input is None:
            return
        try:
            self.services.contacts.record(
                self.services.actor, self.draft.household_id, dialog.result_input
            )
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not recorded"), exc.message)
            return
        self._load_contacts()

    def focus_questions(self) -> None:
        if self.questions.fields:
            self.questions.fields[0].setFocus()

    def focus_rights(self) -> None:
        self.rights.tree.setFocus()
        if self.rights.current_right is None:
            self.rights.select_first()

    # --- paces and modes --------------------------------------------------------------

    def set_quick(self, quick: bool) -> None:
        self.editor.set_quick(quick)

    def set_client_mode(self, on: bool) -> None:
        """Hide internal notes (the main window hides search and other clients)."""
        self.client_mode = on
        self.contacts_box.setVisible(not on)
        self.referrals_box.setVisible(not on)
        self.client_banner.setVisible(on)
