"""The consents tab of the intake page, driven by keys: register a consent for a purpose,
withdraw it after confirming; the export button writes the client's data."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from builders import family
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.privacy import export
from sociaalhuis.storage.database import Database
from ui.i18n import install_translations
from ui.intake.intake_page import IntakePage, Services
from ui.privacy.consents_box import GiveConsentDialog

TODAY = date(2026, 12, 3)


@pytest.fixture
def ui_db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(f"sqlite:///{(tmp_path / 'ui.db').as_posix()}", create=True)
    yield database
    database.close()


@pytest.fixture
def page(qtbot, ui_db: Database, qapp) -> IntakePage:
    install_translations(qapp, "nl")
    with ui_db.write() as session:
        worker: Actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    household = IntakeService(ui_db).save(worker, None, None, family())
    services = Services.create(ui_db, worker, "Herent", loader.load(), lambda: TODAY)
    intake = IntakePage(services, today=TODAY, worker_name="Lien Peeters")
    qtbot.addWidget(intake)
    intake.resize(1366, 768)
    intake.show()
    qtbot.waitExposed(intake)
    assert intake.open_household(household.id)
    intake.draft.mark_saved()
    return intake


def _answer_dialog(qtbot, partner: str) -> None:
    """Fill the modal consent dialog with keys: second purpose, partner, Enter."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, GiveConsentDialog)
    try:
        dialog.activateWindow()
        dialog.purpose.setFocus()
        qtbot.keyClick(dialog.purpose, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.purpose, Qt.Key.Key_Tab)
        focused = dialog.focusWidget()
        assert isinstance(focused, QLineEdit) and focused is dialog.partner
        qtbot.keyClicks(focused, partner)
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    finally:
        if dialog.isVisible():
            dialog.reject()


def _confirm(qtbot) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    try:
        assert "CAW Oost-Brabant" in box.text()
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setFocus()
        qtbot.keyClick(yes, Qt.Key.Key_Space)
    finally:
        if box.isVisible():
            box.reject()


def test_register_and_withdraw_a_consent_with_the_keyboard(qtbot, page, tmp_path):
    page.show_consents()
    box = page.consents_box
    assert page.side_tabs.currentWidget() is box and box.list.hasFocus()
    assert box.list.topLevelItemCount() == 0
    QTimer.singleShot(0, lambda: _answer_dialog(qtbot, "CAW Oost-Brabant"))
    box.give_button.setFocus()
    qtbot.keyClick(box.give_button, Qt.Key.Key_Space)
    assert box.list.topLevelItemCount() == 1
    item = box.list.topLevelItem(0)
    assert item.text(0) == "overleg binnen het geïntegreerd breed onthaal"
    assert item.text(1) == "CAW Oost-Brabant" and item.text(2) == "03/12/2026"
    assert item.text(3) == "mondeling"
    page.grab().save(str(tmp_path / "consents.png"))
    QTimer.singleShot(0, lambda: _confirm(qtbot))
    box.withdraw_button.setFocus()
    qtbot.keyClick(box.withdraw_button, Qt.Key.Key_Space)
    assert box.list.topLevelItemCount() == 0


def test_the_export_button_writes_the_client_data(qtbot, page, tmp_path):
    def close_message() -> None:
        message = QApplication.activeModalWidget()
        assert isinstance(message, QMessageBox)
        message.accept()

    QTimer.singleShot(0, close_message)
    folder = page.consents_box.export(tmp_path)
    assert folder is not None and (folder / export.PDF_FILE).exists()
    assert (folder / export.JSON_FILE).read_text("utf-8").count("Janssens") >= 1


def test_the_dialog_labels_have_buddies_and_names(qtbot, qapp):
    dialog = GiveConsentDialog(TODAY)
    qtbot.addWidget(dialog)
    for field in (dialog.purpose, dialog.partner, dialog.how, dialog.given_on):
        assert field.accessibleName()
    assert dialog.exec is not None and isinstance(dialog, QDialog)


def test_the_consents_tab_adds_no_alt_key_twice(qtbot, page):
    from tests.ui.keyboard import shortcuts

    page.show_consents()
    letters = [letter for letter, _widget in shortcuts(page)]
    # The main window's menu titles in Dutch: Bestand, Cliënt, Partners, Beeld, Help, Beheer.
    letters += ["b", "c", "p", "e", "h", "r"]
    assert {"g", "k", "v", "f"} <= set(letters)
    assert len(letters) == len(set(letters)), " ".join(sorted(letters))


def test_a_referral_on_a_withdrawn_consent_is_refused_in_dutch(qtbot, page):
    from sociaalhuis.errors import ValidationError
    from sociaalhuis.privacy.consents import ConsentService
    from sociaalhuis.referrals.records import OrganisationInput
    from sociaalhuis.referrals.referrals import ReferralInput
    from ui.widgets.errors import error_text

    services = page.services
    household = page.current_household()
    with services.db.write() as session:
        admin = ensure_user(session, "beheer", "An Beheerder", "admin")
    caw = services.directory.create_organisation(
        admin, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
    )
    consents = ConsentService(services.db)
    given = consents.give(services.actor, household, "referral", "CAW Oost-Brabant")
    consents.withdraw(services.actor, given.id)
    data = ReferralInput(caw.id, "Budgethulp", given.id, ("household_income",))
    with pytest.raises(ValidationError) as caught:
        services.referrals.refer(services.actor, household, data, "Lien", TODAY)
    message = error_text(page, caught.value)
    assert "ingetrokken" in message and "withdrawn" not in message


def test_closing_the_file_after_confirming_starts_the_retention_period(qtbot, page):
    from sociaalhuis.privacy import retention

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        try:
            yes = box.button(QMessageBox.StandardButton.Yes)
            yes.setFocus()
            qtbot.keyClick(yes, Qt.Key.Key_Space)
        finally:
            if box.isVisible():
                box.reject()

    page.show_consents()
    QTimer.singleShot(0, confirm)
    assert page.consents_box.close_file()
    with page.services.db.read() as session:
        files = retention.closed_files(session, 5)
    assert [(f.household_id, f.closed_on) for f in files] == [(page.current_household(), TODAY)]
