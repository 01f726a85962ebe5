"""The granting rounds dialog, driven with keys: prepare, the preparer greyed out with the
reason, a second team lead unchecking a household and approving the rest, rejecting."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pypdf
import pytest
from builders import family, single
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.referrals.referrals import LetterView
from sociaalhuis.screening.review import screen_caseload
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Decision
from ui.review.round_dialog import RoundDialog
from ui.startup import AppContext

TODAY = date(2026, 12, 3)
RIGHT = "budgetbegeleiding"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=TODAY)


@pytest.fixture
def leads(db: Database, catalog: Catalog) -> tuple[Actor, Actor]:
    """Two team leads, and two households eligible for budget guidance, screened."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        an = ensure_user(session, "an", "An Claes", "team_lead")
        bart = ensure_user(session, "bart", "Bart Maes", "team_lead")
    trouble = [IntakeFact("payment_difficulties", "bool", True)]
    intake = IntakeService(db)
    intake.save(system, None, None, family(), trouble)
    intake.save(system, None, None, single(), trouble)
    screen_caseload(db, system, catalog, TODAY, everything=True)
    return an, bart


def _dialog(qtbot: QtBot, db: Database, actor: Actor, catalog: Catalog, name: str) -> RoundDialog:
    context = AppContext(db=db, actor=actor, user_name=name, site="Herent")
    dialog = RoundDialog(context, catalog, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _press(qtbot: QtBot, widget: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def _pick(right_id: str) -> Callable[[list[RightDef]], RightDef]:
    return lambda rights: next(right for right in rights if right.id == right_id)


def test_the_preparer_prepares_and_cannot_approve(
    qtbot: QtBot, db: Database, leads: tuple[Actor, Actor], catalog: Catalog, dutch: QApplication
) -> None:
    an, _ = leads
    dialog = _dialog(qtbot, db, an, catalog, "An Claes")
    assert dialog.rounds.rowCount() == 0
    dialog.ask_right = _pick(RIGHT)  # type: ignore[method-assign]
    _press(qtbot, dialog.prepare_button)
    assert dialog.rounds.rowCount() == 1
    assert dialog.items.rowCount() == 2
    assert "betalingsmoeilijkheden" in dialog.explanation.toPlainText()
    assert not dialog.approve_button.isEnabled()
    assert not dialog.partly_button.isEnabled()
    assert dialog.reject_button.isEnabled()  # withdrawing grants nothing
    assert "tweede teamverantwoordelijke" in dialog.note.text()
    assert not dialog.items.checkable


def test_a_second_lead_leaves_one_out_and_approves_the_rest(
    qtbot: QtBot, db: Database, leads: tuple[Actor, Actor], catalog: Catalog, dutch: QApplication
) -> None:
    an, bart = leads
    first = _dialog(qtbot, db, an, catalog, "An Claes")
    first.ask_right = _pick(RIGHT)  # type: ignore[method-assign]
    _press(qtbot, first.prepare_button)
    first.close()

    dialog = _dialog(qtbot, db, bart, catalog, "Bart Maes")
    assert dialog.approve_button.isEnabled() and dialog.partly_button.isEnabled()
    left_out = dialog.items.round.items[0].applicant  # type: ignore[union-attr]
    dialog.item_table.setFocus()
    dialog.item_table.setCurrentIndex(dialog.items.index(0, 0))
    qtbot.keyClick(dialog.item_table, Qt.Key.Key_Space)  # uncheck the first household
    assert len(dialog.items.chosen()) == 1
    asked: list[str] = []
    offered: list[LetterView] = []
    dialog.confirm = lambda question: asked.append(question) or True  # type: ignore[method-assign]
    dialog.offer_letters = offered.append  # type: ignore[method-assign]
    _press(qtbot, dialog.partly_button)
    assert asked and "aan 1 gezin(nen)" in asked[0]
    assert dialog.current().status == "partly_approved"  # type: ignore[union-attr]
    assert len(offered) == 1
    letters = pypdf.PdfReader(io.BytesIO(offered[0].pdf))
    assert len(letters.pages) == 1
    assert left_out not in letters.pages[0].extract_text()
    assert not dialog.approve_button.isEnabled()
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 1


def test_rejecting_asks_a_reason_and_grants_nothing(
    qtbot: QtBot, db: Database, leads: tuple[Actor, Actor], catalog: Catalog
) -> None:
    an, bart = leads
    first = _dialog(qtbot, db, an, catalog, "An Claes")
    first.ask_right = _pick(RIGHT)  # type: ignore[method-assign]
    _press(qtbot, first.prepare_button)
    first.close()
    dialog = _dialog(qtbot, db, bart, catalog, "Bart Maes")
    dialog.ask_reason = lambda: "Eerst de inkomens nakijken"  # type: ignore[method-assign]
    _press(qtbot, dialog.reject_button)
    assert dialog.current().status == "rejected"  # type: ignore[union-attr]
    assert "Eerst de inkomens nakijken" in dialog.note.text()
    assert not dialog.reject_button.isEnabled()
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Decision)) == 0


def test_a_right_nobody_qualifies_for_is_explained(
    qtbot: QtBot,
    db: Database,
    leads: tuple[Actor, Actor],
    catalog: Catalog,
    monkeypatch: pytest.MonkeyPatch,
    dutch: QApplication,
) -> None:
    an, _ = leads
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    dialog = _dialog(qtbot, db, an, catalog, "An Claes")
    dialog.ask_right = _pick("noodwoning")  # type: ignore[method-assign]
    _press(qtbot, dialog.prepare_button)
    assert warned == [
        "Geen enkel gezin komt voor dit recht in aanmerking zonder beslissing (volgens de "
        "laatste screening van alle gezinnen)."
    ]
    assert dialog.rounds.rowCount() == 0
