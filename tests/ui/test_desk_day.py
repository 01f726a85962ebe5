"""A working day at the desk, driven with the keyboard as a worker would (pytest-qt)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from desk_script import four_person_family, keyboard_intake, soak
from keyboard import shortcuts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow

TODAY = date(2026, 12, 3)
KEY_PRESS_TARGET = 250
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_a_four_person_family_by_keyboard_within_the_key_budget(
    window: MainWindow, qtbot: QtBot
) -> None:
    result = keyboard_intake(window, qtbot, four_person_family())
    print(f"four-person family intake: {result.presses} key presses, {result.questions} questions")
    assert result.presses <= KEY_PRESS_TARGET
    page = window.intake
    draft = page.draft
    assert [m.name for m in draft.members] == ["Sara Maes", "Tom Maes", "Lea Maes", "Rita Peeters"]
    assert [m.role for m in draft.members] == ["applicant", "child", "child", "other"]
    # Every recorded fact is exactly what the client answered: nothing browsed past, nothing
    # recorded on the wrong question or the wrong person.
    client = four_person_family()
    assert draft.facts
    for (owner, key), (value, _evidence) in draft.facts.items():
        name = f"{owner}.{key}" if owner else key
        assert value == client.answer(name, window.services.catalog.facts[key]), name
    assert draft.fact("m1", "verhoogde_tegemoetkoming") == (True, "statement")
    assert page.decisions


def new_family(window: MainWindow, qtbot: QtBot) -> None:
    """A new household with an address and a named applicant of 38, typed in."""
    window.new_household()
    editor = window.intake.editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.rows[0].given)
    qtbot.keyClicks(editor.street, "Kerkstraat")
    qtbot.keyClicks(editor.house_number, "4")
    qtbot.keyClicks(editor.rows[0].given, "Sara")
    qtbot.keyClicks(editor.rows[0].family, "Maes")
    qtbot.keyClicks(editor.rows[0].birth, "01031988")
    assert window.intake.draft.members[0].birth_date == date(1988, 3, 1)


def focused_question(window: MainWindow) -> str | None:
    questions = window.intake.questions
    focus = QApplication.focusWidget()
    for name, field in zip(questions.names, questions.fields, strict=True):
        if field.isAncestorOf(focus):
            return name
    return None


def test_browsing_a_drop_down_records_nothing_until_confirmed(
    window: MainWindow, qtbot: QtBot
) -> None:
    new_family(window, qtbot)
    page = window.intake
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    first = focused_question(window)
    assert first is not None
    before = dict(page.draft.facts)
    combo = QApplication.focusWidget()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Down):
        qtbot.keyClick(combo, key)
        QApplication.processEvents()
        assert page.draft.facts == before  # browsing: nothing recorded
        assert focused_question(window) == first  # and the panel did not move under the keys
    qtbot.keyClick(combo, Qt.Key.Key_Tab)  # leaving the field confirms what it shows
    qtbot.waitUntil(lambda: page.draft.facts != before)
    owner, _, key = first.rpartition(".")
    assert page.draft.fact(owner or None, key) == (False, "statement")  # "nee"
    assert set(page.draft.facts) - set(before) == {(owner or None, key)}


def test_after_an_answer_the_cursor_goes_to_the_next_open_question(
    window: MainWindow, qtbot: QtBot
) -> None:
    new_family(window, qtbot)
    page = window.intake
    qtbot.keyClick(window, Qt.Key.Key_J, CTRL)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # skip the first
    second = focused_question(window)
    shown = list(page.questions.names)
    assert second == shown[1]
    qtbot.keyClicks(QApplication.focusWidget(), "j")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: second not in page.questions.names or page.questions.answering is None)
    QApplication.processEvents()
    now = focused_question(window)
    assert now is not None
    # The next question after the one answered that is still open, never an unrelated one.
    expected = next(n for n in shown[shown.index(second) + 1 :] if n in page.questions.names)
    assert now == expected


def test_every_alt_key_is_unique_on_each_screen_and_lands_on_its_field(
    window: MainWindow, qtbot: QtBot
) -> None:
    screens = {
        "zoeken": lambda: window.go_search(),
        "intake": lambda: window.new_household(),
        "snelle scan": lambda: window.set_quick(True),
    }
    for screen, show in screens.items():
        show()
        QApplication.processEvents()
        found = shortcuts(window)
        letters = [letter for letter, _w in found]
        clashes = {
            letter: [
                str(w.text()) if isinstance(w, QLabel | QAbstractButton) else str(w)
                for lt, w in found
                if lt == letter
            ]
            for letter in letters
            if letters.count(letter) > 1
        }
        assert not clashes, f"{screen}: Alt keys used twice: {clashes}"
        for letter, widget in found:
            if not isinstance(widget, QLabel):
                continue
            buddy = widget.buddy()
            assert buddy is not None, f"{screen}: '{widget.text()}' has no field"
            window.activateWindow()
            qtbot.keyClick(window, Qt.Key(ord(letter.upper())), ALT)
            assert QApplication.focusWidget() is buddy or buddy.isAncestorOf(
                QApplication.focusWidget()
            ), f"{screen}: Alt+{letter} did not go to the field of '{widget.text()}'"


def test_dialogs_have_unique_alt_keys(
    window: MainWindow, qtbot: QtBot, dutch: QApplication
) -> None:
    from ui.intake.dialogs import ContactDialog, DecisionDialog

    right = window.services.catalog.right("uitpas_kansentarief")
    for dialog in (DecisionDialog(right, TODAY, window), ContactDialog("Herent", window)):
        qtbot.addWidget(dialog)
        dialog.show()
        letters = [letter for letter, _w in shortcuts(dialog)]
        assert letters and len(letters) == len(set(letters)), (type(dialog).__name__, letters)
        dialog.reject()


def test_one_dutch_word_for_saving(dutch: QApplication) -> None:
    text = Path("resources/i18n/sociaalhuis_nl.ts").read_text(encoding="utf-8")
    translations = " ".join(re.findall(r"<translation>(.*?)</translation>", text, re.S))
    assert "opslaan" in translations.casefold()
    assert "bewaar" not in translations.casefold()


SOAK_INTAKES = 25


def test_a_working_day_of_intakes_does_not_crash_or_leak(window: MainWindow, qtbot: QtBot) -> None:
    """25 whole intakes by keyboard in one application: no crash, and the reference counts of
    None, True and False and the resident memory level off (the longer run is a benchmark)."""
    shots = soak(window, qtbot, SOAK_INTAKES, every=5)
    for shot in shots:
        print(shot)
    first, last = shots[1], shots[-1]  # after warming up (caches, fonts, first dialogs)
    # A binding that drops a reference per call loses thousands per intake; growth from
    # objects that hold None (caches filling) stays far below that.
    for key in ("none", "true", "false"):
        assert last[key] >= first[key] - 200, (key, first[key], last[key])
    assert last["rss_mib"] - first["rss_mib"] < 60, (first["rss_mib"], last["rss_mib"])
    households = window.services.households.count()
    assert households == SOAK_INTAKES
