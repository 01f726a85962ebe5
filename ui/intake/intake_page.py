"""The intake page: household editor on the left, questions and rights on the right.

Every accepted edit re-evaluates the whole catalog on the draft (well under a millisecond),
so the rights move as the facts change. Saving goes through `IntakeService.save` in one
transaction; a stale save is reported and the worker may reload.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
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
from sociaalhuis.catalog.parameters import period_end, period_on, values_on
from sociaalhuis.eligibility.engine import Evaluator, Verdict
from sociaalhuis.eligibility.explain import Explainer
from sociaalhuis.eligibility.questions import Question, open_questions
from sociaalhuis.errors import ConflictError, SociaalHuisError, ValidationError
from sociaalhuis.letters.overview_rights import rights_to_claim
from sociaalhuis.referrals.client_overview import OPEN_ACTIONS
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.referrals import ReferralService
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from ui.intake.break_glass_dialog import open_view
from ui.intake.case_boxes import ContactsBox, ReferralsBox
from ui.intake.conflict_box import ask_reload
from ui.intake.dialogs import DecisionDialog
from ui.intake.household_editor import HouseholdEditor
from ui.intake.member_rows import role_names
from ui.intake.questions_panel import QuestionsPanel
from ui.intake.rights_panel import RightsPanel
from ui.privacy.consents_box import ConsentsBox
from ui.referral.letter_preview import LetterPreview
from ui.referral.letters_archive import LettersArchive
from ui.referral.referral_dialog import ReferralDialog
from ui.widgets.errors import error_text
from ui.widgets.formats import show_date
from ui.widgets.inputs import confirm_focused, isolate

translate = QCoreApplication.translate


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
    def create(
        cls,
        db: Database,
        actor: Actor,
        site: str,
        catalog: Catalog,
        clock: Callable[[], date] = date.today,
    ) -> Services:
        """The services on `db`; every household save refreshes its stored findings,
        evaluated on the date `clock` gives."""
        findings = FindingsRefresher(Evaluator(catalog), clock)
        return cls(
            db,
            actor,
            site,
            catalog,
            HouseholdService(db, findings),
            IntakeService(db, findings),
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
        self,
        services: Services,
        today: date | None = None,
        worker_name: str = "",
        clock: Callable[[], date] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.worker_name = worker_name or services.actor.username
        # The date follows the clock (a desk left open overnight); tests pin it with `today`.
        self.clock: Callable[[], date] = clock or ((lambda: today) if today else date.today)
        self.evaluated_on: date | None = None
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._new_day)
        self._arm_midnight()
        self.evaluator = Evaluator(services.catalog)
        self.draft = IntakeDraft.new()
        self.verdicts: list[Verdict] = []
        self.decisions: dict[str, DecisionView] = {}
        self.client_mode = False

        self.editor = HouseholdEditor(services.catalog)
        self.editor.reveal_requested.connect(self.reveal_number)
        self.editor.changed.connect(self.evaluate)
        self.questions = QuestionsPanel(services.catalog)
        self.questions.answered.connect(self.answer)
        self.questions.all_answered.connect(self.focus_rights)
        self.rights = RightsPanel()
        self.rights.decide_requested.connect(self.decide)
        self.rights.refer_requested.connect(self.refer)

        self.contacts_box = ContactsBox(services, self.current_household)
        self.contact_list = self.contacts_box.list
        self.referrals_box = ReferralsBox(services, self.current_household, self.clock)
        self.referral_list = self.referrals_box.list
        self.consents_box = ConsentsBox(services, self.current_household, self.clock)
        # The household gets the whole left column (it needs the height on a 768-pixel
        # laptop screen); conversations and referrals sit in tabs beside the rights.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)

        self.questions_box = questions_box = QGroupBox(self.tr("Questions that matter"))
        QVBoxLayout(questions_box).addWidget(self.questions)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.rights, self.tr("Rights"))
        self.side_tabs.addTab(self.contacts_box, self.tr("Conversations"))
        self.side_tabs.addTab(self.referrals_box, self.tr("Referrals"))
        self.side_tabs.addTab(self.consents_box, self.tr("Consents"))
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(questions_box)
        self.right_splitter.addWidget(self.side_tabs)
        self.right_splitter.setSizes([300, 460])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)

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

    def open_household(self, household_id: uuid.UUID) -> bool:
        """Open a household (a colleague's case after break-glass); False: nothing opened."""
        services = self.services
        view = open_view(self, services.households, services.db, services.actor, household_id)
        if view is None:
            return False
        decisions = services.decisions.current(services.actor, household_id)
        self.load(IntakeDraft.from_view(view), decisions)
        return True

    def reveal_number(self, local_id: str) -> None:
        """Show a member's full national register number (the service records who saw it)."""
        member = self.draft.member(local_id)
        if self.draft.household_id is None or member.person_id is None:
            return
        try:
            number = self.services.households.reveal_national_number(
                self.services.actor, self.draft.household_id, member.person_id
            )
        except SociaalHuisError as exc:
            self.status.setText(error_text(self, exc))
            return
        self.draft.reveal(local_id, number)
        self.editor.show_revealed(local_id)

    def load(self, draft: IntakeDraft, decisions: list[DecisionView]) -> None:
        self.draft = draft
        self.decisions = {d.right_id: d for d in decisions}
        self.editor.load(draft)
        self.contacts_box.reload()
        self.referrals_box.reload()
        self.consents_box.reload()
        self.evaluate()

    def print_overview(self) -> None:
        """The client's "your rights" overview: the rights to claim, in the client's
        language; archived, then shown to print or save."""
        if (self.draft.household_id is None or self.draft.dirty) and not self.save():
            return
        # Not what the household already receives, nor what a decision settled; a referral
        # still leaves the right to claim.
        settled = {r for r, d in self.decisions.items() if d.action not in OPEN_ACTIONS}
        wanted = rights_to_claim(self.verdicts, settled)
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

    # --- evaluating -------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.clock()

    def _arm_midnight(self) -> None:
        now = datetime.now()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 0, 1))
        self.midnight.start(int((tomorrow - now).total_seconds() * 1000))

    def _new_day(self) -> None:
        """Past midnight: verdicts, ages and overdue marks follow the new date."""
        self.evaluate()
        self.referrals_box.reload()
        self._arm_midnight()

    def member_names(self) -> dict[str, str]:
        """Each member's name as the worker knows it (the role until a name is typed)."""
        roles = role_names()
        return {m.local_id: m.name or roles.get(m.role, m.role) for m in self.draft.members}

    def evaluate(self) -> None:
        on = self.today
        self.evaluated_on = on
        catalog = self.services.catalog
        situation = self.draft.situation(catalog)
        self.verdicts = self.evaluator.evaluate(situation, on)
        names = self.member_names()
        made: list[Explainer] = []

        def explainer() -> Explainer:
            if not made:
                made.append(Explainer(self.evaluator, situation, on, names))
            return made[0]

        questions = open_questions(self.evaluator, situation, on, self.verdicts)
        texts = {q.name: self._question_text(q, names) for q in questions}
        self.rights.show_verdicts(
            self.verdicts, self.decisions, explainer, texts, self._outdated_figures(on)
        )
        self.questions.show_questions(questions, names)
        self.editor.show_derived(self.draft.derived_facts())
        self._update_title()

    def _question_text(self, question: Question, names: dict[str, str]) -> str:
        fact = self.services.catalog.facts[question.key]
        text = fact.questions.get("nl", fact.label)
        return f"{isolate(names.get(question.owner, ''))}: {text}" if question.owner else text

    def _outdated_figures(self, on: date) -> dict[str, str]:
        """Each lapsed figure's label and since when it may be out of date."""
        figures = {}
        catalog = self.services.catalog
        for key, value in values_on(catalog, on).items():
            if not value.outdated:
                continue
            parameter = catalog.parameters[key]
            found = period_on(parameter, on) if parameter.periods else None
            lapsed = period_end(parameter, found[0]) + timedelta(days=1) if found else None
            figures[key] = self.tr(
                "{figure} (figure of {since}, out of date since {lapsed})"
            ).format(figure=parameter.label, since=show_date(value.since), lapsed=show_date(lapsed))
            if value.reason:  # the catalog's own Dutch words on why it is still used
                figures[key] += f": {value.reason}"
        return figures

    def answer(self, owner: str | None, key: str, value: Any, evidence: str) -> None:
        """An answer in the questions panel: record it, then re-evaluate once the editor
        that sent it has returned (the panel is rebuilt)."""
        self.draft.set_fact(owner, key, value, evidence)
        QTimer.singleShot(0, self._after_answer)

    def _after_answer(self) -> None:
        # The questions panel puts the cursor on the next open question as it rebuilds.
        self.editor.refresh_facts()
        self.evaluate()

    def _update_title(self) -> None:
        applicant = self.draft.members[0].name if self.draft.members else ""
        name = isolate(applicant) if applicant else self.tr("New client")
        star = " *" if self.draft.dirty else ""
        self.title_changed.emit(f"{name}{star}")
        self.status.setText(self.tr("Unsaved changes") if self.draft.dirty else "")

    # --- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        """Save the draft; False when nothing was saved (problems shown to the worker)."""
        confirm_focused()
        problems = self.editor.check_all()
        if problems:
            self.status.setText(self.tr("Not saved: {problems}").format(problems=problems))
            QMessageBox.warning(self, self.tr("Cannot save yet"), problems)
            return False
        data, facts = self.draft.inputs(self.services.catalog)
        try:
            view = self.services.intake.save(
                self.services.actor, self.draft.household_id, self.draft.version, data, facts
            )
        except ConflictError as exc:
            return self._conflict(exc)
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Cannot save yet"), self.explain_invalid(exc))
            return False
        self.load(IntakeDraft.from_view(view), list(self.decisions.values()))
        self.status.setText(self.tr("Saved."))
        self.saved.emit()
        return True

    def explain_invalid(self, exc: ValidationError) -> str:
        """The service's reason in Dutch, naming the field and the member."""
        names = {
            "street": self.tr("Street"),
            "house_number": self.tr("House number"),
            "postcode": self.tr("Postcode"),
            "given_name": self.tr("Given name"),
            "family_name": self.tr("Family name"),
            "birth_date": self.tr("Birth date"),
            "national_number": self.tr("National register number"),
        }
        reasons = {
            "is required": self.tr("is required"),
            "lies in the future": self.tr("lies in the future"),
            "a Belgian postcode has four digits": self.tr("a Belgian postcode has four digits"),
            "a household has exactly one applicant": self.tr(
                "a household has exactly one applicant"
            ),
            "already registered for another person": self.tr(
                "is already registered for another person"
            ),
        }
        key = exc.field.rpartition(".")[2]
        field = names.get(key, self.tr("This household"))
        member = re.search(r"members\[(\d+)\]", exc.field)
        if member and int(member.group(1)) < len(self.draft.members):
            person = self.draft.members[int(member.group(1))]
            who = person.name or self.tr("member {number}").format(number=int(member.group(1)) + 1)
            field = self.tr("{field} of {name}").format(field=field, name=isolate(who))
        reason = next(
            (text for start, text in reasons.items() if exc.reason.startswith(start)),
            self.tr("is not valid"),
        )
        return f"{field} {reason}"

    def _conflict(self, error: ConflictError) -> bool:
        if ask_reload(self, error, self.draft) and self.draft.household_id is not None:
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
        reasons = Explainer(self.evaluator, situation, self.today, self.member_names()).reasons(
            verdict
        )
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
            QMessageBox.warning(self, self.tr("Not recorded"), error_text(self, exc))
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
            QMessageBox.warning(self, self.tr("Not referred"), error_text(self, exc))
            return
        if right_id:
            self._record_referred(right_id, referral.organisation_name, referral.reference)
        self.referrals_box.reload()
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
        reasons = Explainer(self.evaluator, situation, self.today, self.member_names()).reasons(
            verdict
        )
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

    def current_household(self) -> uuid.UUID | None:
        return self.draft.household_id

    def record_contact(self, partner: str = "", purpose: str = "") -> None:
        self.side_tabs.setCurrentWidget(self.contacts_box)
        self.contacts_box.record(partner, purpose)
        self.consents_box.reload()

    def export_client_data(self) -> None:
        """The subject-access export of the open household (the service checks who may)."""
        self.consents_box.export()

    def show_consents(self) -> None:
        """The consents tab, its list focused (registering and withdrawing are its buttons)."""
        self.side_tabs.setCurrentWidget(self.consents_box)
        self.consents_box.list.setFocus()

    def advance_referral(self) -> None:
        self.referrals_box.advance()

    def focus_questions(self) -> None:
        if self.questions.fields:
            self.questions.fields[0].setFocus()

    def focus_rights(self) -> None:
        self.side_tabs.setCurrentWidget(self.rights)
        self.rights.tree.setFocus()
        if self.rights.current_right is None:
            self.rights.select_first()

    # --- paces and modes --------------------------------------------------------------

    def set_quick(self, quick: bool) -> None:
        self.editor.set_quick(quick)

    def set_client_mode(self, on: bool) -> None:
        """Turn the screen to the client: read-only, no notes, referrals, questions or actions,
        national register numbers hidden (the main window hides search and other clients)."""
        self.client_mode = on
        for widget in (self.questions_box, self.save_button, self.status):
            widget.setVisible(not on)
        self.side_tabs.setCurrentWidget(self.rights)
        for page in (self.contacts_box, self.referrals_box, self.consents_box):
            self.side_tabs.setTabVisible(self.side_tabs.indexOf(page), not on)
        self.client_banner.setVisible(on)
        self.editor.set_read_only(on)
        self.rights.set_client_mode(on)
        if on:
            self.rights.tree.setFocus()

    def worker_only(self) -> list[QWidget]:
        """What the client must not see when the screen is turned to them."""
        return [
            self.contacts_box,
            self.referrals_box,
            self.consents_box,
            self.questions_box,
            self.save_button,
            self.status,
        ]
