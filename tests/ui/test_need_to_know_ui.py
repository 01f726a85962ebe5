"""Need to know at the desk, by keyboard: break-glass for a colleague's case (a reason of ten
characters, or Escape and nothing opens), taking an unassigned case, greyed search rows, the
masked national number with its "Show" button, and the team lead's break-glass log."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from builders import single
from keyboard import Keyboard, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from sqlalchemy import func, select

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, BreakGlassGrant, Person
from ui.access.break_glass_view import BreakGlassView, show_break_glass_log
from ui.intake.break_glass_dialog import BreakGlassDialog
from ui.startup import AppContext

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from ui.main_window import MainWindow

REASON = "Cliënt aan de balie"


def colleagues_case(db: Database) -> tuple[Actor, object]:
    with db.write() as session:
        colleague = ensure_user(session, "karel", "Karel Claes", "social_worker")
    return colleague, HouseholdService(db).create(colleague, single())


def escape(qtbot: QtBot, keys: Keyboard) -> None:
    """Press Escape in the next modal dialog, once it has the keyboard focus."""

    def press(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()), timeout=2000)
        keys.key(Qt.Key.Key_Escape)

    when_modal(press)


def count(db: Database, what: object, *where: object) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(what).where(*where)) or 0


def test_break_glass_by_keyboard_opens_a_colleagues_case(
    window: MainWindow, qtbot: QtBot, context: AppContext
) -> None:
    _colleague, theirs = colleagues_case(context.db)
    keys = Keyboard(qtbot)
    seen: dict[str, object] = {}

    def give_reason(dialog: QWidget) -> None:
        assert isinstance(dialog, BreakGlassDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason, timeout=2000)
        keys.type("dringend")  # 8 characters: not enough
        seen["short"] = dialog.ok.isEnabled()
        keys.type(", " + REASON)
        seen["long"] = dialog.ok.isEnabled()
        keys.tab()  # leaves the reason (Tab does not go into the text)
        while keys.focus() is not dialog.ok:
            keys.tab()
        keys.key(Qt.Key.Key_Space)

    when_modal(give_reason)
    window.open_household(theirs.id)
    assert seen == {"short": False, "long": True}
    assert window.intake.draft.household_id == theirs.id
    assert count(context.db, BreakGlassGrant) == 1
    assert count(context.db, AuditEvent, AuditEvent.action == "break_glass") == 1


def test_escape_opens_nothing(window: MainWindow, qtbot: QtBot, context: AppContext) -> None:
    _colleague, theirs = colleagues_case(context.db)
    keys = Keyboard(qtbot)
    escape(qtbot, keys)
    assert window.intake.open_household(theirs.id) is False
    assert window.intake.draft.household_id is None
    assert count(context.db, BreakGlassGrant) == 0
    assert count(context.db, AuditEvent, AuditEvent.action == "household.viewed") == 0


def test_an_unassigned_case_is_offered_once(
    window: MainWindow, qtbot: QtBot, context: AppContext
) -> None:
    with context.db.write() as session:
        desk = ensure_user(session, "onthaal", "Omar Onthaal", "intake")
    case = HouseholdService(context.db).create(desk, single())
    asked: list[str] = []

    def take(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(take)
    window.open_household(case.id)
    assert asked == ["Dit dossier is nog niet toegewezen. Wilt u het opnemen als uw dossier?"]
    with context.db.read() as session:
        assert need_to_know.case_worker(session, case.id) == context.actor.user_id
    window.open_household(case.id)  # now the worker's own: no question
    assert len(asked) == 1


def test_search_greys_a_colleagues_case(
    window: MainWindow, qtbot: QtBot, context: AppContext
) -> None:
    colleagues_case(context.db)
    window.go_search()
    qtbot.keyClicks(window.search.field, "vermeulen")
    window.search.search_now()
    model = window.search.model
    assert model.rowCount() == 1
    assert model.item(0, 0).text() == "Vermeulen, Jozef"
    assert model.item(0, 1).text() == ""
    assert model.item(0, 2).text() == "toegewezen aan een collega"
    assert model.item(0, 0).foreground().color().name() == "#666666"
    keys = Keyboard(qtbot)
    escape(qtbot, keys)
    window.search.table.setFocus()
    keys.enter()
    assert window.intake.draft.household_id is None


def test_the_number_is_masked_until_show_is_pressed(
    window: MainWindow, qtbot: QtBot, context: AppContext
) -> None:
    case = HouseholdService(context.db).create(context.actor, single())
    window.open_household(case.id)
    row = window.intake.editor.rows[0]
    assert row.number.text() == "48.01.30-***.**"
    assert row.number.isReadOnly() and row.reveal.isVisible()
    assert row.reveal.text() == "Toon"
    row.number.setFocus()
    keys = Keyboard(qtbot)
    keys.tab()
    assert keys.focus() is row.reveal
    keys.key(Qt.Key.Key_Space)
    with context.db.read() as session:
        stored = session.get(Person, case.applicant.id).national_number
    assert row.number.text() == stored
    assert not row.number.isReadOnly() and not row.reveal.isVisible()
    assert not window.intake.draft.dirty
    assert count(context.db, AuditEvent, AuditEvent.action == "national_number.revealed") == 1
    with context.db.read() as session:
        detail = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "national_number.revealed")
        ).one()
    assert json.loads(detail) == {"person": str(case.applicant.id)}


def test_saving_with_the_mask_on_screen_keeps_the_number(
    window: MainWindow, qtbot: QtBot, context: AppContext
) -> None:
    case = HouseholdService(context.db).create(context.actor, single())
    with context.db.read() as session:
        before = session.get(Person, case.applicant.id).national_number
    window.open_household(case.id)
    editor = window.intake.editor
    editor.street.setFocus()
    qtbot.keyClicks(editor.street, "weg")
    assert window.intake.save()
    with context.db.read() as session:
        assert session.get(Person, case.applicant.id).national_number == before
    assert editor.rows[0].number.text() == "48.01.30-***.**"


def test_the_team_lead_sees_break_glass_accesses(
    qtbot: QtBot, dutch: QApplication, db: Database
) -> None:
    colleague, theirs = colleagues_case(db)
    with db.write() as session:
        lien = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        lead = ensure_user(session, "tina", "Tina Teamleider", "team_lead")
    need_to_know.break_glass(db, lien, theirs.id, REASON)
    parent = QWidget()
    qtbot.addWidget(parent)
    view = show_break_glass_log(parent, AppContext(db, lead, "Tina Teamleider", "Herent"))
    assert isinstance(view, BreakGlassView)
    assert view.table.rowCount() == 1
    cells = [view.table.item(0, column).text() for column in range(5)]
    assert cells[1:4] == ["Lien Peeters", "Vermeulen, Jozef", REASON]
    headers = [view.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["Wanneer", "Wie", "Dossier", "Reden", "Tot"]
    close = [b for b in view.findChildren(QPushButton) if b.isVisible()]
    assert close
    view.close()
    del colleague
