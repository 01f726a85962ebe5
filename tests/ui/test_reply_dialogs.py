"""Partner replies in the desk: the reply dialog (keyboard, reason required when declined and
kept, dates bounded), the referral box button, the worker's list of referrals back from
partners, the file import from the Partners menu and the team lead's reply rates tab."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from a11y_walk import problems
from builders import family
from keyboard import shortcuts
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.referrals.replies import ReplyInput, ReplyService
from ui.referral.reply_dialog import ReplyDialog
from ui.referral.returned_dialog import ReturnedDialog, import_reply_file
from ui.review.reply_rates_tab import ReplyRatesTab

CATALOG = loader.load()
TODAY = date(2026, 12, 3)
SENT = date(2026, 11, 20)
SHOTS = Path("/tmp/sociaalhuis-reply-shots")


@pytest.fixture
def sent(db, actor):
    household = IntakeService(db).save(actor, None, None, family(), [])
    partner = DirectoryService(db).create_organisation(actor, OrganisationInput("CAW Oost-Brabant"))
    service = ReferralService(db, CATALOG)
    made = service.create(actor, household.id, ReferralInput(partner.id, "Schuldhulp", None), SENT)
    return household, service.set_status(actor, made.id, made.version, "sent", SENT)


def shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_reply_dialog_keeps_a_declined_without_reason_open(qtbot: QtBot, dutch, sent):
    _household, referral = sent
    dialog = ReplyDialog(referral, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []
    letters = [letter for letter, _w in shortcuts(dialog)]
    assert len(letters) == len(set(letters)), letters
    assert dialog.replied_on.date() == QDate(2026, 12, 3)
    assert dialog.replied_on.minimumDate() == QDate(2026, 11, 20)
    assert dialog.replied_on.maximumDate() == QDate(2026, 12, 3)
    # Keyboard only: choose "geweigerd", go to the date, save without a reason.
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    assert dialog.chosen_outcome() == "declined"
    assert "verplicht" in dialog.reason_label.text()
    dialog.replied_on.setDate(QDate(2026, 11, 25))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_input is None
    assert dialog.error.isVisibleTo(dialog) and "reden is verplicht" in dialog.error.text()
    assert dialog.focusWidget() is dialog.reason
    shot(dialog, "reply-dialog-refused")
    qtbot.keyClicks(dialog.reason, "Geen plaats tot januari")
    assert dialog.replied_on.date() == QDate(2026, 11, 25)  # what was chosen stays
    dialog.accept()
    assert dialog.result_input == ReplyInput(
        "declined", date(2026, 11, 25), "Geen plaats tot januari"
    )


def test_the_referral_box_records_a_reply(qtbot: QtBot, window, db, actor, sent, monkeypatch):
    household, referral = sent
    window.open_household(household.id)
    box = window.intake.referrals_box
    assert box.reply_button.isEnabled()
    letters = [letter for letter, _w in shortcuts(window)]
    assert len(letters) == len(set(letters)), letters

    def answer(self) -> int:
        self.outcome.setCurrentIndex(self.outcome.findData("helped"))
        self.accept()
        return ReplyDialog.DialogCode.Accepted

    monkeypatch.setattr(ReplyDialog, "exec", answer)
    box.list.setCurrentRow(0)
    box.record_reply()
    assert ReplyService(db).current(actor, referral.id).outcome == "helped"
    assert box.list.item(0).text().endswith("— afgerond")


def test_the_returned_list_opens_the_case_and_marks_handled(
    qtbot: QtBot, dutch, db, actor, sent, monkeypatch
):
    household, referral = sent
    replies = ReplyService(db)
    replies.record(
        actor,
        referral.id,
        referral.version,
        ReplyInput("declined", SENT, "Buiten werkgebied"),
        TODAY,
    )
    dialog = ReturnedDialog(db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    assert problems(dialog) == []
    assert dialog.list.count() == 1
    assert "Terug bij jou: geweigerd door CAW Oost-Brabant — Buiten werkgebied" in (
        dialog.list.item(0).text()
    )
    shot(dialog, "returned")
    dialog.open_case()
    assert dialog.household_id == household.id
    monkeypatch.setattr(
        "ui.referral.returned_dialog.QInputDialog.getText", lambda *a, **k: ("Gebeld", True)
    )
    dialog.mark_handled()
    assert replies.returned(actor) == []
    assert not dialog.open_button.isEnabled() and "niets terug" in dialog.list.item(0).text()


def test_the_partners_menu_imports_a_reply_file(
    qtbot: QtBot, window, db, actor, sent, tmp_path, monkeypatch
):
    _household, referral = sent
    path = tmp_path / "antwoorden.csv"
    path.write_text(f"referentie;uitkomst;datum\n{referral.reference};aanvaard;2026-11-28\n")
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Partners")
    texts = [action.text() for action in menu.actions()]
    assert "&Terug van partners…" in texts and "Antwoorden van partners &importeren…" in texts
    monkeypatch.setattr(
        "ui.referral.returned_dialog.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), "")
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert import_reply_file(db, actor, window) is True
    assert shown[0].startswith("1 geregistreerd, 0 onbekende referentie(s), 0 al geregistreerd.")
    assert ReplyService(db).current(actor, referral.id).received_via == "import"
    path.write_text("referentie;uitkomst;datum\nSH-1;misschien;2026-11-28\n")
    assert import_reply_file(db, actor, window) is False
    assert "niets gewijzigd" in shown[1] and "column 2 (outcome)" in shown[1]


def test_the_reply_rates_tab_shows_the_figures(qtbot: QtBot, dutch, db, actor, sent):
    _household, referral = sent
    ReplyService(db).record(
        actor, referral.id, referral.version, ReplyInput("no_show", date(2026, 11, 27)), TODAY
    )
    with db.write() as session:
        lead = ensure_user(session, "tine", "Tine Lead", "team_lead")
    tab = ReplyRatesTab(db, lead, TODAY)
    qtbot.addWidget(tab)
    tab.resize(1000, 300)
    tab.show()
    assert problems(tab) == []
    row = [tab.table.item(0, column).text() for column in range(tab.table.columnCount())]
    assert row == ["CAW Oost-Brabant", "1", "1", "0", "0", "1", "0", "0", "0", "100%", "7"]
    assert "1 van 1 doorverwijzingen beantwoord" in tab.status.text()
    shot(tab, "reply-rates")


def test_the_overdue_list_shows_what_came_back(qtbot: QtBot, window, db, actor, sent, monkeypatch):
    _household, referral = sent
    ReplyService(db).record(
        actor, referral.id, referral.version, ReplyInput("no_show", SENT), TODAY
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    window.show_overdue()
    assert shown == [
        f"{referral.reference} · 20/11/2026 · "
        "Terug bij jou: cliënt niet gekomen bij CAW Oost-Brabant"
    ]
