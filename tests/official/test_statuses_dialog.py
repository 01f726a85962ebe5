"""The "Officiële statussen inlezen" window, driven by the keyboard in Dutch: choose a file,
preview (nothing written), read in (facts written), a broken file (nothing written); the
management menu shows it to team leads and administrators only."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QPlainTextEdit
from status_world import CATALOG, JOZEF, MEHMET, ON, UNKNOWN, World

from sociaalhuis.access.actors import ensure_user
from ui.admin.menu import add_management_menu
from ui.admin.statuses_dialog import StatusesDialog
from ui.i18n import install_translations
from ui.startup import AppContext

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def dialog(world: World, qapp: QApplication, qtbot) -> StatusesDialog:
    install_translations(qapp, "nl")
    context = AppContext(db=world.db, actor=world.lead, user_name="An Claes", site="Herent")
    window = StatusesDialog(context, catalog=CATALOG, today=ON)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def _type_path(dialog: StatusesDialog, qtbot, path: Path) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_L, ALT)
    assert dialog.focusWidget() is dialog.path
    qtbot.keyClicks(dialog.path, str(path))


def _wait(dialog: StatusesDialog, qtbot, runs: int = 1) -> None:
    """Until the `runs`-th preview or import has ended (a mnemonic clicks after a moment)."""
    qtbot.waitUntil(lambda: dialog.finished_runs >= runs, timeout=60000)


def test_preview_then_read_in_by_keyboard(dialog: StatusesDialog, world: World, qtbot) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;", f"{UNKNOWN};VT;2026-01-01;")
    before = world.counts()
    _type_path(dialog, qtbot, path)
    assert not dialog.read_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)  # Voor&beeld
    _wait(dialog, qtbot)
    text = dialog.report.toPlainText()
    assert text.startswith("Voorbeeld: er is nog niets opgeslagen.")
    assert "Gevonden: 1 (nieuw 1, bijgewerkt 0, ongewijzigd 0)" in text
    assert "Regel 3 (VT), niet gevonden: geen persoon met dit rijksregisternummer" in text
    assert world.counts() == before
    assert dialog.focusWidget() is dialog.read_button
    qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)  # &Inlezen
    _wait(dialog, qtbot, 2)
    assert dialog.report.toPlainText().startswith("Ingelezen: de statussen zijn opgeslagen.")
    assert dialog.last_report is not None and dialog.last_report.import_id is not None
    after = world.counts()
    assert after["status_imports"] == 1 and after["facts"] == before["facts"] + 1
    assert not dialog.read_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)  # &Sluiten
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_broken_file_shows_its_lines_and_changes_nothing(
    dialog: StatusesDialog, world: World, qtbot
) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;", f"{MEHMET};QQ;2026-01-01;")
    before = world.counts()
    _type_path(dialog, qtbot, path)
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)
    _wait(dialog, qtbot)
    text = dialog.report.toPlainText()
    assert text.splitlines()[0] == (
        "Het bestand is niet ingelezen: 1 probleem/problemen. Er is niets gewijzigd."
    )
    assert text.splitlines()[1].startswith(
        "regel 3, kolom 2 (statuscode): onbekende statuscode 'QQ' (gekend: IGO, IT, "
    )
    assert not dialog.read_button.isEnabled()
    assert world.counts() == before


def test_a_changed_file_name_needs_a_new_preview(
    dialog: StatusesDialog, world: World, qtbot
) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;")
    dialog.ask_file = lambda: str(path)  # the file chooser, as the user would pick
    qtbot.keyClick(dialog, Qt.Key.Key_A, ALT)  # Bl&aderen…
    qtbot.waitUntil(lambda: dialog.path.text() == str(path))
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)
    _wait(dialog, qtbot)
    assert dialog.read_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)  # Bestands&datum
    qtbot.keyClicks(dialog.file_date, "2026-11-30")
    assert not dialog.read_button.isEnabled()


def test_every_input_is_named_and_labelled(dialog: StatusesDialog) -> None:
    for widget in [*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)]:
        assert widget.accessibleName(), widget
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    assert {dialog.path, dialog.file_date, dialog.report} <= buddies
    letters = [
        text.split("&", 1)[1][0].casefold()
        for text in [w.text() for w in dialog.findChildren(QLabel)]
        + [b.text() for b in (dialog.browse, dialog.preview_button, dialog.read_button)]
        + [dialog.close_button.text()]
        if "&" in text
    ]
    assert len(letters) == len(set(letters)) == 7


@pytest.mark.parametrize(("role", "shown"), [("team_lead", True), ("social_worker", False)])
def test_the_management_menu_offers_it_to_team_leads(
    world: World, qapp: QApplication, qtbot, role: str, shown: bool
) -> None:
    install_translations(qapp, "nl")
    with world.db.write() as session:
        someone = ensure_user(session, f"u_{role}", "Iemand", role)
    window = QMainWindow()
    qtbot.addWidget(window)
    context = AppContext(db=world.db, actor=someone, user_name="Iemand", site="Herent")
    menu = add_management_menu(window, context)
    texts = [action.text() for action in menu.actions()] if menu is not None else []
    assert ("O&fficiële statussen inlezen…" in texts) is shown
