"""The intake desk driven as a social worker would: offscreen, with pytest-qt.

One test does a whole intake with the mouse-free API of the widgets, one does it with key
presses only; others cover the conflict message, the unsaved-changes guard, the client view
and the screenshots command.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from keyboard import when_modal
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.national_number import make, mask
from sociaalhuis.storage.database import Database
from ui.intake.dialogs import DecisionDialog
from ui.intake.fact_fields import FactField
from ui.intake.intake_page import IntakePage
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.window_settings import WindowSettings

TODAY = date(2026, 11, 22)
BIRTH = date(1984, 3, 14)
NUMBER = make(BIRTH, 2)


@pytest.fixture
def window(
    qtbot: QtBot, context: AppContext, tmp_path: Path, dutch: QApplication
) -> Iterator[MainWindow]:
    settings = WindowSettings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    main = MainWindow(context, settings, today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.intake.draft.mark_saved()  # nothing left to guard when the test ends


def type_new_household(
    window: MainWindow, qtbot: QtBot, given: str, family: str, number: str = "1"
) -> IntakePage:
    """Start a new client and type the address and the applicant's name, as at the desk."""
    window.new_household()
    page = window.intake
    for line, text in (
        (page.editor.street, "Kerkstraat"),
        (page.editor.house_number, number),
        (page.editor.rows[0].given, given),
        (page.editor.rows[0].family, family),
    ):
        qtbot.keyClicks(line, text)
    return page


def verdict_of(window: MainWindow, right_id: str) -> str:
    return next(v.verdict for v in window.intake.verdicts if v.right.id == right_id)


def group_of(window: MainWindow, right_id: str) -> str:
    tree = window.intake.rights.tree
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        for child in range(group.childCount()):
            if group.child(child).data(0, Qt.ItemDataRole.UserRole + 1) == right_id:
                return group.text(0)
    raise AssertionError(f"{right_id} is not in the rights panel")


def fact_field(window: MainWindow, key: str) -> FactField:
    return window.intake.editor.field(key)


def test_a_whole_intake_from_search_to_reopening(
    window: MainWindow, qtbot: QtBot, db: Database, context: AppContext
) -> None:
    window.new_household()
    page = window.intake
    editor = page.editor
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(editor.street, "Kerkstraat")
    qtbot.keyClicks(editor.house_number, "12")
    row = editor.rows[0]
    qtbot.keyClicks(row.given, "Ana")
    qtbot.keyClicks(row.family, "Peeters")
    qtbot.keyClicks(row.number, NUMBER[:6] + "999" + NUMBER[9:])  # a typing error
    assert "check digits" in editor.member_problems.text() or "controle" in (
        editor.member_problems.text()
    )
    row.number.clear()
    qtbot.keyClicks(row.number, NUMBER)
    assert editor.problems == ""
    assert row.birth.text() == "14/03/1984"  # taken from the national number
    qtbot.mouseClick(editor.add_member_button, Qt.MouseButton.LeftButton)
    child = editor.rows[1]
    qtbot.keyClicks(child.given, "Noor")
    assert child.family.text() == "Peeters"  # a new member starts with the family's name
    qtbot.keyClicks(child.birth, "02/02/2016")

    income = fact_field(window, "household_income")
    qtbot.keyClicks(income.editor, "21.400")
    income.editor.editingFinished.emit()
    # An address in Herent answers "woont in Herent": shown, not asked, not editable.
    herent = fact_field(window, "lives_in_herent")
    assert herent.editor.currentData() is True and not herent.editor.isEnabled()
    assert "lives_in_herent" not in {q.rpartition(".")[2] for q in page.questions.names}
    assert verdict_of(window, "verhoogde_tegemoetkoming") == "eligible"
    assert "Heeft recht" in group_of(window, "verhoogde_tegemoetkoming")

    # The child's dependant status is an open question for the Groeipakket; answer it there.
    before = verdict_of(window, "groeipakket_sociale_toeslag")
    assert before == "possibly_eligible"
    # Among the biggest deciders first: "no handicap" for Ana closes her disability questions.
    assert "m1.disability_recognised" in page.questions.names[:3]
    handicap = page.questions.fields[page.questions.names.index("m1.disability_recognised")]
    handicap.editor.setCurrentIndex(handicap.editor.findData(False))
    handicap.editor.confirm()
    qtbot.waitUntil(lambda: "m2.dependant" in page.questions.names)
    assert not [n for n in page.questions.names if n.startswith("m1.") and "percent" in n]
    question = page.questions.fields[page.questions.names.index("m2.dependant")]
    question.editor.setCurrentIndex(question.editor.findData(True))
    assert page.draft.fact("m2", "dependant") is None  # chosen, not yet confirmed
    question.editor.confirm()
    qtbot.waitUntil(lambda: verdict_of(window, "groeipakket_sociale_toeslag") == "eligible")
    assert page.draft.fact("m2", "dependant") == (True, "statement")

    assert page.save()
    household_id = page.draft.household_id
    assert household_id is not None and not page.draft.dirty

    page.rights.select_right("verhoogde_tegemoetkoming")

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        dialog.action.setCurrentIndex(dialog.action.findData("applied"))
        dialog.note.setPlainText("Aanvraag met cliënt ingevuld")
        dialog.follow_up.setText("22/12/2026")
        dialog.accept()

    when_modal(fill)
    page.decide("verhoogde_tegemoetkoming")
    assert page.decisions["verhoogde_tegemoetkoming"].action == "applied"
    assert "Heeft recht" in group_of(window, "verhoogde_tegemoetkoming")  # applied, not yet had

    # Find it back: search by name, open, everything is there.
    window.go_search()
    qtbot.keyClicks(window.search.field, "peeters ana")
    window.search.search_now()
    assert window.search.model.rowCount() == 1
    window.open_household(household_id)
    reopened = window.intake.draft
    assert [m.name for m in reopened.members] == ["Ana Peeters", "Noor Peeters"]
    assert reopened.members[0].national_number == mask(NUMBER)  # shown masked
    window.intake.reveal_number(reopened.members[0].local_id)  # "Toon": audited
    assert reopened.members[0].national_number == NUMBER and not reopened.dirty
    assert reopened.fact(None, "household_income") == (Decimal("21400.00"), "statement")
    assert reopened.fact("m2", "dependant") == (True, "statement")
    decision = window.intake.decisions["verhoogde_tegemoetkoming"]
    assert decision.follow_up_on == date(2026, 12, 22)
    assert decision.catalog_version == window.services.catalog.version
    assert "leefloon" in decision.explanation or "gezinsinkomen" in decision.explanation


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_the_same_intake_with_the_keyboard_only(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, Qt.Key.Key_N, CTRL)
    page = window.intake
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.editor.rows[0].given)
    type_text(qtbot, "Ana")  # the focus starts in the applicant's given name
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Peeters")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # birth date: filled from the number
    type_text(qtbot, NUMBER)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_S, ALT)  # "&Straat"
    type_text(qtbot, "Kerkstraat")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "12")
    assert page.draft.street == "Kerkstraat" and page.draft.house_number == "12"
    assert page.draft.members[0].birth_date == BIRTH

    # Next question, chosen with the arrow keys and confirmed with Enter.
    press(qtbot, Qt.Key.Key_J, CTRL)
    first = QApplication.focusWidget()
    assert isinstance(first, QComboBox)
    key = next(f.fact.key for f in page.questions.fields if f.editor is first)
    press(qtbot, Qt.Key.Key_Down)  # "ja"
    assert not any(k == key for (_o, k) in page.draft.facts)  # browsing records nothing
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (None, key) in page.draft.facts or any(k == key for (_o, k) in page.draft.facts)
    )

    income = fact_field(window, "household_income")
    income.setFocus()
    type_text(qtbot, "12000")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: verdict_of(window, "verhoogde_tegemoetkoming") == "eligible")

    press(qtbot, Qt.Key.Key_S, CTRL)
    assert page.draft.household_id is not None and not page.draft.dirty

    press(qtbot, Qt.Key.Key_R, CTRL)  # to the rights
    assert QApplication.focusWidget() is page.rights.tree
    page.rights.select_right("verhoogde_tegemoetkoming")

    def by_keys(dialog: QWidget) -> None:
        # Offscreen the dialog becomes active lazily: type into its own focus widget.
        first = dialog.focusWidget()
        assert isinstance(first, QComboBox)  # the action, the dialog's first field
        qtbot.keyClick(first, Qt.Key.Key_Down)  # from "aangevraagd" to "doorverwezen"
        qtbot.keyClick(first, Qt.Key.Key_Return)

    when_modal(by_keys)
    press(qtbot, Qt.Key.Key_D, CTRL)
    decision = page.decisions.get("verhoogde_tegemoetkoming")
    assert decision is not None and decision.decided_on == TODAY
    assert decision.action == "referred"
    window.activateWindow()  # offscreen, activation after a dialog comes back lazily
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    press(qtbot, Qt.Key.Key_F, CTRL)
    assert window.stack.currentWidget() is window.home
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.field)
    type_text(qtbot, "Peeters")
    window.search.search_now()
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page
    assert page.draft.members[0].national_number == mask(NUMBER)


def test_someone_else_saving_first_gives_a_conflict_not_a_crash(
    window: MainWindow, qtbot: QtBot, db: Database, context: AppContext
) -> None:
    page = type_new_household(window, qtbot, "Jo", "Smet", "3")
    assert page.save()
    household_id = page.draft.household_id
    # A colleague changes the street in the meantime.
    service = HouseholdService(db)
    theirs = service.get(context.actor, household_id)
    from sociaalhuis.cases.draft import IntakeDraft

    other = IntakeDraft.from_view(theirs)
    other.street = "Schoolstraat"
    data, facts = other.inputs(window.services.catalog)
    window.services.intake.save(context.actor, household_id, theirs.version, data, facts)

    qtbot.keyClicks(page.editor.rows[0].given, "han")  # "Johan" on our screen
    seen: list[str] = []

    def keep(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.buttons()[-1].click()  # keep my screen

    when_modal(keep)
    assert page.save() is False
    assert seen and "iemand anders" in seen[0].casefold()
    assert service.get(context.actor, household_id).street == "Schoolstraat"  # not overwritten
    assert page.draft.members[0].given_name == "Johan"  # and ours still on screen

    def reload(box: QWidget) -> None:
        box.buttons()[0].click()

    when_modal(reload)
    page.save()
    assert page.draft.street == "Schoolstraat" and not page.draft.dirty


def test_unsaved_changes_are_guarded(window: MainWindow, qtbot: QtBot) -> None:
    window.new_household()
    qtbot.keyClicks(window.intake.editor.rows[0].given, "Ria")
    assert window.intake.draft.dirty

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    window.go_search()
    assert window.stack.currentWidget() is window.intake  # cancelled: still here

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    window.go_search()
    assert window.stack.currentWidget() is window.home


def test_client_view_hides_other_clients_and_internal_notes(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.new_household()
    page = window.intake
    tabs = page.side_tabs

    def notes_tab() -> bool:
        return tabs.isTabVisible(tabs.indexOf(page.contacts_box))

    assert notes_tab()
    press(qtbot, Qt.Key.Key_F9)
    assert window.client_mode and not notes_tab()
    assert page.client_banner.isVisibleTo(window)
    assert not window.menuBar().isVisible()
    window.go_search()
    window.new_household()
    assert window.stack.currentWidget() is page  # no way to other clients
    press(qtbot, Qt.Key.Key_F9)
    assert not window.client_mode and notes_tab()


def test_quick_scan_shows_only_the_key_questions(window: MainWindow) -> None:
    window.new_household()
    window.set_quick(True)
    visible = {f.fact.key for _k, f in window.intake.editor.fields if f.isVisibleTo(window)}
    assert "household_income" in visible and "leefloon" in visible
    assert "hearing_loss_db" not in visible
    window.set_quick(False)
    assert window.intake.editor.tabs.currentIndex() == 1


def test_screens_are_remembered(
    qtbot: QtBot, context: AppContext, tmp_path: Path, dutch: QApplication
) -> None:
    ini = str(tmp_path / "w.ini")
    first = MainWindow(
        context, WindowSettings(QSettings(ini, QSettings.Format.IniFormat)), today=TODAY
    )
    qtbot.addWidget(first)
    type_new_household(first, qtbot, "Els", "Wouters", "1")
    assert first.intake.save()
    first.set_quick(True)
    first.close()
    second = MainWindow(
        context, WindowSettings(QSettings(ini, QSettings.Format.IniFormat)), today=TODAY
    )
    qtbot.addWidget(second)
    assert second.stack.currentWidget() is second.intake
    assert second.intake.draft.members[0].name == "Els Wouters"
    assert second.quick_action.isChecked()


def test_screenshots_command_writes_a_png_per_screen(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ui", "--screenshots", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "s").glob("*.png"))
    assert names == [
        "1-search.png",
        "2-household-editor.png",
        "3-rights-explanation.png",
        "4-quick-scan.png",
        "5-client-view.png",
    ]
    assert all((tmp_path / "s" / n).stat().st_size > 10_000 for n in names)
    large = sorted(p.name for p in (tmp_path / "s" / "1920x1080").glob("*.png"))
    assert large == names
    from PySide6.QtGui import QImage

    assert QImage(str(tmp_path / "s" / "1-search.png")).size().toTuple() == (1366, 768)
    assert QImage(str(tmp_path / "s" / "1920x1080" / "1-search.png")).size().toTuple() == (
        1920,
        1080,
    )


def test_results_come_as_you_type_from_a_background_search(
    window: MainWindow, qtbot: QtBot, db: Database, context: AppContext
) -> None:
    from builders import family

    from sociaalhuis.cases.intake import IntakeService

    IntakeService(db).save(context.actor, None, None, family())
    window.go_search()
    qtbot.keyClicks(window.search.field, "jans")
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 1, timeout=5000)
    assert window.search.model.item(0, 0).text() == "Janssens, Sarah"
    qtbot.keyClicks(window.search.field, "sensxyz")  # three typos from anyone: nobody
    qtbot.waitUntil(lambda: window.search.model.rowCount() == 0, timeout=5000)
    assert "Ctrl+N" in window.search.status.text()


def test_an_intake_conversation_with_consent(window: MainWindow, qtbot: QtBot) -> None:
    page = type_new_household(window, qtbot, "Lea", "Maes", "5")
    assert page.save()

    def fill(dialog: QWidget) -> None:
        dialog.question.setText("Hulp bij energiefactuur")
        dialog.note.setPlainText("Huurachterstal besproken")
        dialog.add_consent()
        partner, purpose, _how = dialog.consents[0]
        partner.setText("CAW Oost-Brabant")
        purpose.setText("budgethulp")
        dialog.accept()

    when_modal(fill)
    page.record_contact()
    assert page.contact_list.count() == 1
    line = page.contact_list.item(0).text()
    assert "Hulp bij energiefactuur" in line and "CAW Oost-Brabant (budgethulp)" in line
    consents = window.services.contacts.consents_for(window.context.actor, page.draft.household_id)
    assert [(c.partner, c.purpose, c.how) for c in consents] == [
        ("CAW Oost-Brabant", "budgethulp", "verbal")
    ]


def test_refer_with_consent_print_preview_and_archive(
    window: MainWindow, qtbot: QtBot, db: Database, context: AppContext, tmp_path: Path
) -> None:
    from sociaalhuis.referrals.directory import DirectoryService
    from sociaalhuis.referrals.records import OrganisationInput
    from ui.referral.letter_preview import LetterPreview
    from ui.referral.letters_archive import LettersArchive
    from ui.referral.referral_dialog import ReferralDialog

    with db.write() as session:
        # Only an administrator marks a partner as bound by professional secrecy.
        admin = ensure_user(session, "beheer", "An Beheerder", "admin")
    DirectoryService(db).create_organisation(
        admin, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
    )
    page = type_new_household(window, qtbot, "Ana", "Peeters", "9")
    income = fact_field(window, "household_income")
    qtbot.keyClicks(income.editor, "18000")
    income.editor.editingFinished.emit()
    assert page.save()
    seen: dict[str, object] = {}

    def refer(dialog: QWidget) -> None:
        assert isinstance(dialog, ReferralDialog)
        dialog.partner_search.setText("CAW")
        assert dialog.partners.count() == 1
        assert dialog.consent.count() == 0  # none yet: record it from the dialog

        def consent(contact: QWidget) -> None:
            assert contact.consents[0][0].text() == "CAW Oost-Brabant"
            contact.accept()

        when_modal(consent)
        dialog.record_consent.click()
        assert dialog.consent.count() == 1
        seen["facts"] = dialog.chosen_facts()

        def preview(letter: QWidget) -> None:
            assert isinstance(letter, LetterPreview)
            seen["pages"] = len(letter.pages)
            letter.save_to(tmp_path / "brief.pdf")
            letter.reject()

        when_modal(preview)
        dialog.accept()

    when_modal(refer)
    page.refer("verhoogde_tegemoetkoming")
    assert seen["facts"] and "household_income" in seen["facts"]  # pre-selected minimum
    assert seen["pages"] == 1
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert page.decisions["verhoogde_tegemoetkoming"].action == "referred"
    letters = window.services.referrals.letters_for(context.actor, page.draft.household_id)
    assert len(letters) == 1 and letters[0].recipient == "CAW Oost-Brabant"
    archive = LettersArchive(window.services, page.draft.household_id, window)
    assert archive.list.count() == 1 and letters[0].sha256[:12] in archive.list.item(0).text()


def test_rights_overview_and_referral_follow_up(
    window: MainWindow, qtbot: QtBot, db: Database, context: AppContext
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from sociaalhuis.referrals.directory import DirectoryService
    from sociaalhuis.referrals.records import OrganisationInput
    from sociaalhuis.referrals.referrals import ReferralInput
    from ui.referral.letter_preview import LetterPreview

    page = type_new_household(window, qtbot, "Bo", "Claes", "4")
    assert page.save()
    pages: list[int] = []

    def close(letter: QWidget) -> None:
        assert isinstance(letter, LetterPreview)
        pages.append(len(letter.pages))
        letter.reject()

    when_modal(close)
    page.print_overview()
    assert pages and pages[0] >= 1
    letters = window.services.referrals.letters_for(context.actor, page.draft.household_id)
    assert [letter.kind for letter in letters] == ["overview"]

    shop = DirectoryService(db).create_organisation(
        context.actor, OrganisationInput("Energieleverancier")
    )
    window.services.referrals.create(
        context.actor,
        page.draft.household_id,
        ReferralInput(shop.id, "Sociaal tarief", None, follow_up_on=date(2026, 11, 1)),
        TODAY,
    )
    page.open_household(page.draft.household_id)
    assert page.referral_list.count() == 1 and "⚠" in page.referral_list.item(0).text()

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.accept()  # the first choice: sent

    when_modal(choose)
    page.referral_list.setCurrentRow(0)
    page.advance_referral()
    assert "verstuurd" in page.referral_list.item(0).text() or "sent" in (
        page.referral_list.item(0).text()
    )
    overdue = window.services.referrals.overdue(context.actor, TODAY)
    assert [r.reason for r in overdue] == ["Sociaal tarief"]


def test_printing_a_letter_draws_every_page(
    qtbot: QtBot, tmp_path: Path, dutch: QApplication
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from sociaalhuis.letters import render_referral_letter
    from sociaalhuis.letters.demo import referral_letter
    from ui.referral.letter_preview import LetterPreview

    pdf = render_referral_letter(referral_letter("nl"))
    preview = LetterPreview(pdf, "brief", "brief.pdf")
    qtbot.addWidget(preview)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(printer)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(preview.pages) >= 1
