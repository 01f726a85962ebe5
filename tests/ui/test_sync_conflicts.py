"""The conflict inbox: the count on the main screen, the three versions side by side, settling
by taking the other site or typing a value, read-only on a laptop; the refusal in Dutch."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sociaalhuis.access.actors import Actor
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, Household
from sociaalhuis.sync.conflicts import InConflictError, conflict_count
from tests.sync.pair import (
    CENTRAL_STREET,
    LAPTOP_STREET,
    Pair,
    make_pair,
    send_down,
    street_conflict,
)
from tests.ui.keyboard import Keyboard
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.sync.conflict_models import ConflictFieldsModel
from ui.sync.conflicts_dialog import ConflictsDialog
from ui.widgets.errors import error_text

COLUMNS = ["Veld", "Gemeenschappelijke basis", "Deze database", "Andere site", "Oplossing"]


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    made = make_pair(tmp_path)
    street_conflict(made)
    yield made
    made.close()


@pytest.fixture
def db(pair: Pair) -> Database:
    """The window tests of conftest work on the central, which holds the conflict."""
    return pair.central


@pytest.fixture
def actor(pair: Pair) -> Actor:
    return pair.actor


def _dialog(qtbot: QtBot, context: AppContext) -> ConflictsDialog:
    dialog = ConflictsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _row(dialog: ConflictsDialog, column: int) -> list[str]:
    model = dialog.fields
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _street(db: Database, household_id: uuid.UUID) -> tuple[str, int]:
    with db.read() as session:
        household = session.get(Household, household_id)
        assert household is not None
        return household.street, household.version


def _settled_events(db: Database) -> list[dict]:
    with db.read() as session:
        query = select(AuditEvent.detail).where(AuditEvent.action == "sync_conflict_settled")
        return [json.loads(detail) for detail in session.scalars(query)]


def test_the_count_shows_on_the_main_screen_and_the_menu_opens_the_inbox(
    window: MainWindow, pair: Pair, qtbot: QtBot
) -> None:
    button = window.conflicts_button
    assert button.isVisibleTo(window)
    assert button.text() == "Conflicten: 1"
    titles = [action.text() for action in window.management_menu.actions()]
    assert "&Synchronisatieconflicten…" in titles
    entry = next(a for a in window.management_menu.actions() if "Synchronisatie" in a.text())
    seen: list[str] = []

    def settle_in_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConflictsDialog)
        seen.append(dialog.windowTitle())
        dialog.confirm = lambda question: True  # type: ignore[method-assign]
        dialog.take_theirs.click()
        dialog.save_button.click()
        dialog.close()

    QTimer.singleShot(200, settle_in_the_dialog)
    entry.trigger()
    assert seen == ["Synchronisatieconflicten"]
    assert not button.isVisibleTo(window)  # refreshed when the inbox closed
    assert _street(pair.central, pair.household_id)[0] == LAPTOP_STREET


def test_the_inbox_shows_the_three_versions_side_by_side(
    qtbot: QtBot, context: AppContext, pair: Pair, dutch: QApplication
) -> None:
    dialog = _dialog(qtbot, context)
    rows = dialog.conflicts
    assert rows.rowCount() == 1
    assert [rows.index(0, column).data() for column in range(4)] == [
        "Sarah Janssens",
        "Gezin",
        "Aan beide kanten gewijzigd",
        "Straat",
    ]
    headers = [
        dialog.fields.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for column in range(5)
    ]
    assert headers == COLUMNS
    assert _row(dialog, ConflictFieldsModel.COL_FIELD) == ["Straat"]
    assert _row(dialog, ConflictFieldsModel.COL_BASE) == ["Veltemdorp"]
    assert _row(dialog, ConflictFieldsModel.COL_MINE) == [CENTRAL_STREET]
    assert _row(dialog, ConflictFieldsModel.COL_THEIRS) == [LAPTOP_STREET]
    # The resolution starts as this database's version.
    assert _row(dialog, ConflictFieldsModel.COL_RESOLUTION) == [CENTRAL_STREET]
    assert dialog.save_button.isEnabled()
    assert dialog.focusWidget() is dialog.list_view


def test_taking_the_other_site_and_saving_settles_the_conflict(
    qtbot: QtBot, context: AppContext, pair: Pair, dutch: QApplication
) -> None:
    _, version_before = _street(pair.central, pair.household_id)
    dialog = _dialog(qtbot, context)
    questions: list[str] = []
    dialog.confirm = lambda question: questions.append(question) or True  # type: ignore[method-assign]
    keyboard = Keyboard(qtbot)
    assert keyboard.focus() is dialog.list_view
    keyboard.alt(Qt.Key.Key_A)  # Neem &andere site (a mnemonic clicks after a moment)
    qtbot.waitUntil(lambda: _row(dialog, ConflictFieldsModel.COL_RESOLUTION) == [LAPTOP_STREET])
    with qtbot.waitSignal(dialog.settled):
        keyboard.alt(Qt.Key.Key_O)  # &Opslaan als oplossing
    assert questions and "Sarah Janssens" in questions[0]
    street, version = _street(pair.central, pair.household_id)
    assert street == LAPTOP_STREET
    assert version > version_before  # a new version above this database's and the other's
    [event] = _settled_events(pair.central)
    assert event["version"] == version
    assert [parent["site"] for parent in event["parents"]] == ["here", "other"]
    with pair.central.read() as session:
        assert conflict_count(session) == 0
    assert dialog.conflicts.rowCount() == 0
    assert dialog.notice.text() == "Geen open conflicten."
    assert not dialog.save_button.isEnabled()


def test_a_typed_resolution_is_what_is_stored(
    qtbot: QtBot, context: AppContext, pair: Pair, dutch: QApplication
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.confirm = lambda question: True  # type: ignore[method-assign]
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Tab)
    view = dialog.fields_view
    assert dialog.focusWidget() is view
    view.setCurrentIndex(dialog.fields.index(0, ConflictFieldsModel.COL_RESOLUTION))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Dorpsplein")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the editor just after
    qtbot.waitUntil(lambda: _row(dialog, ConflictFieldsModel.COL_RESOLUTION) == ["Dorpsplein"])
    with qtbot.waitSignal(dialog.settled):
        dialog.save_button.click()
    assert _street(pair.central, pair.household_id)[0] == "Dorpsplein"
    [event] = _settled_events(pair.central)
    assert event["fields"] == ["street"]


def test_an_empty_or_too_long_resolution_is_refused_naming_the_field(
    qtbot: QtBot,
    context: AppContext,
    pair: Pair,
    dutch: QApplication,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text: warnings.append(f"{title}: {text}")
    )
    dialog = _dialog(qtbot, context)
    dialog.confirm = lambda question: True  # type: ignore[method-assign]
    cell = dialog.fields.index(0, ConflictFieldsModel.COL_RESOLUTION)
    for typed in ("", "x" * 201):
        assert dialog.fields.setData(cell, typed, Qt.ItemDataRole.EditRole)
        dialog.save()
    assert warnings == [
        "Niet opgeslagen: Straat mag niet leeg zijn. Er is niets opgeslagen.",
        "Niet opgeslagen: Straat is te lang. Er is niets opgeslagen.",
    ]
    assert _street(pair.central, pair.household_id)[0] == CENTRAL_STREET
    with pair.central.read() as session:
        assert conflict_count(session) == 1
    assert _settled_events(pair.central) == []
    assert dialog.conflicts.rowCount() == 1


def test_on_a_laptop_the_inbox_is_read_only(qtbot: QtBot, pair: Pair, dutch: QApplication) -> None:
    send_down(pair)
    laptop = AppContext(db=pair.laptop, actor=pair.actor, user_name="Lien", site="Veltem")
    dialog = _dialog(qtbot, laptop)
    assert dialog.conflicts.rowCount() == 1
    assert "centrale database" in dialog.notice.text()
    for button in (dialog.take_mine, dialog.take_theirs, dialog.save_button):
        assert not button.isEnabled()
    cell = dialog.fields.index(0, ConflictFieldsModel.COL_RESOLUTION)
    assert not dialog.fields.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not dialog.fields.setData(cell, "Elders", Qt.ItemDataRole.EditRole)
    dialog.confirm = lambda question: pytest.fail("a laptop never asks to save")  # type: ignore[method-assign]
    dialog.save()
    with pair.laptop.read() as session:
        assert conflict_count(session) == 1
    assert _street(pair.laptop, pair.household_id)[0] == CENTRAL_STREET


def test_a_refusal_for_a_case_in_conflict_is_told_in_dutch(
    qtbot: QtBot, pair: Pair, dutch: QApplication
) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    refused = InConflictError(pair.household_id, [("households", str(pair.household_id))])
    assert error_text(widget, refused) == (
        "Dit dossier heeft een conflict na synchronisatie. Los het eerst op in Conflicten."
    )


def test_deciding_for_a_case_in_conflict_is_refused_in_dutch_at_the_desk(
    window: MainWindow, pair: Pair, qtbot: QtBot
) -> None:
    from ui.intake.dialogs import DecisionDialog

    window.open_household(pair.household_id)
    page = window.intake
    shown: list[str] = []

    def answer_then_read_the_warning(tries: int = 100) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, DecisionDialog):
            widget.action.setCurrentIndex(widget.action.findData("declined"))
            widget.accept()
        elif isinstance(widget, QMessageBox):
            shown.append(f"{widget.windowTitle()}: {widget.text()}")
            widget.close()
            return
        if tries:
            QTimer.singleShot(20, lambda: answer_then_read_the_warning(tries - 1))

    QTimer.singleShot(0, answer_then_read_the_warning)
    page.decide("verhoogde_tegemoetkoming")
    assert shown == [
        "Niet geregistreerd: Dit dossier heeft een conflict na synchronisatie. "
        "Los het eerst op in Conflicten."
    ]
    assert "verhoogde_tegemoetkoming" not in page.decisions
