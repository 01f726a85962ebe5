"""The audit trail browser: filtered with the keyboard, read page by page, exported, refused
to a social worker; on a municipal laptop's screen (1366×768)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from sociaalhuis.access import audit, trail
from sociaalhuis.access.actors import PERMISSION_REFUSED, Actor, ensure_user
from sociaalhuis.access.chain import verify
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent
from tests.builders import family
from tests.ui.keyboard import Keyboard
from ui.audit import trail_window
from ui.audit.trail_window import TrailWindow, show_audit_trail
from ui.startup import AppContext

SHOTS = Path(os.environ.get("SOCIAALHUIS_SHOTS", "/tmp/shots-trail"))


@pytest.fixture
def lead(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "an", "An Claes", "team_lead")


@pytest.fixture
def lead_context(db: Database, lead: Actor) -> AppContext:
    return AppContext(db=db, actor=lead, user_name="An Claes", site="Herent")


@pytest.fixture
def busy(db: Database, actor: Actor) -> None:
    """A client registered and searched by Lien, and more events than one page holds."""
    service = HouseholdService(db)
    service.create(actor, family())
    service.find(actor, "Janssens")
    with db.write() as session:
        kees = ensure_user(session, "kees", "Kees Wouters", "social_worker")
        for n in range(trail_window.PAGE + 30):
            audit.record(session, kees, "household.viewed", "household", None, n=n)


def actions_of(db: Database, action: str) -> list[AuditEvent]:
    with db.read() as session:
        found = list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
        session.expunge_all()
        return found


def open_window(qtbot: QtBot, context: AppContext) -> TrailWindow:
    window = show_audit_trail(None, context)
    assert isinstance(window, TrailWindow)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def test_filtering_by_user_with_the_keyboard(
    qtbot: QtBot, lead_context: AppContext, busy: None, dutch: QApplication
) -> None:
    window = open_window(qtbot, lead_context)
    model = window.model
    assert model.rowCount() == trail_window.PAGE  # a page, not the whole trail
    assert model.canFetchMore()
    assert window.focusWidget() is window.user
    assert window.windowTitle() == "Audittrail"
    keys = Keyboard(qtbot)
    keys.type("Lien Peeters")
    keys.enter()
    rows = [
        model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())
    ]
    assert rows and {row.username for row in rows} == {"lien"}
    actions = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert {"Cliënt ingeschreven", "Cliënten gezocht"} <= actions
    assert not model.canFetchMore()
    assert "gebeurtenis" in window.status.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "trail-filtered.png"))
    # Alt+T jumps to the "to" date; a wrong date is named and nothing is read.
    keys.alt(Qt.Key.Key_T)
    assert window.focusWidget() is window.until
    keys.type("31/02/2026")
    keys.enter()
    assert window.error.isVisible() and window.focusWidget() is window.until
    assert model.rowCount() == len(rows)


def test_scrolling_fetches_the_next_page_and_each_page_read_is_recorded(
    qtbot: QtBot, lead_context: AppContext, busy: None, dutch: QApplication, db: Database
) -> None:
    window = open_window(qtbot, lead_context)
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "trail-1366x768.png"))
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.model.canFetchMore())
    total = trail_window.PAGE + 30 + 3  # Kees's views, Lien's client and search, a view
    assert window.model.rowCount() >= total
    seqs = [row.seq for row in window.model.rows]
    assert seqs == sorted(set(seqs), reverse=True)
    viewed = actions_of(db, trail.VIEWED)
    assert len(viewed) == 2
    assert all(event.user_id == lead_context.actor.user_id for event in viewed)
    assert verify(db).sound


def test_export_writes_the_filtered_rows(
    qtbot: QtBot,
    lead_context: AppContext,
    busy: None,
    dutch: QApplication,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, lead_context)
    index = window.action.findData("household.searched")
    assert window.action.itemText(index) == "Cliënten gezocht"
    keys = Keyboard(qtbot)
    keys.alt(Qt.Key.Key_A)
    assert window.focusWidget() is window.action
    window.action.setCurrentIndex(index)
    keys.enter()
    assert window.model.rowCount() == 1
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(
        trail_window.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    keys.alt(Qt.Key.Key_E)  # a mnemonic "clicks" the button after a short animation
    qtbot.waitUntil(target.exists)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    assert tuple(header) == trail.CSV_HEADER
    assert [(row[3], row[4]) for row in rows] == [("lien", "household.searched")]
    assert json.loads(rows[0][7]) == {"results": 1, "words": 1}
    assert "1 gebeurtenis" in window.status.text()
    (exported,) = actions_of(db, trail.EXPORTED)
    assert json.loads(exported.detail)["filters"] == {"action": "household.searched"}


def test_a_social_worker_is_refused_and_the_refusal_recorded(
    qtbot: QtBot, context: AppContext, dutch: QApplication, db: Database
) -> None:
    assert show_audit_trail(None, context) is None
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    (box,) = [w for w in boxes if w.isVisible()]
    assert "teamverantwoordelijken" in box.text()
    box.accept()
    (refused,) = actions_of(db, PERMISSION_REFUSED)
    assert refused.user_id == context.actor.user_id
    assert actions_of(db, trail.VIEWED) == []
