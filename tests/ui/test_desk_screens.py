"""What the worker and the client see: input checked in Dutch beside the field, the search cap,
right-to-left names, the rights panel, the client view, and a date that follows the clock."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from keyboard import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from sociaalhuis.cases.national_number import make, mask
from sociaalhuis.cases.records import ContactInput
from ui.intake.rights_panel import RIGHT_ROLE
from ui.main_window import MainWindow


def start(window: MainWindow, qtbot: QtBot, given: str = "Sara", birth: str = "01031988") -> None:
    window.new_household()
    editor = window.intake.editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.rows[0].given)
    qtbot.keyClicks(editor.street, "Kerkstraat")
    qtbot.keyClicks(editor.house_number, "4")
    editor.rows[0].given.setText(given)
    editor.rows[0].given.textEdited.emit(given)
    qtbot.keyClicks(editor.rows[0].family, "Maes")
    qtbot.keyClicks(editor.rows[0].birth, birth)


def close_message(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Ok).click()


def test_bad_input_is_named_beside_the_field_and_nothing_is_dropped_silently(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot)
    page = window.intake
    income = page.editor.field("household_income")
    qtbot.keyClicks(income.editor, "-500")
    qtbot.keyClick(income.editor, Qt.Key.Key_Return)
    assert income.problem_label.isVisibleTo(window)
    assert income.problem_label.text() == "Gezinsinkomen: een inkomen kan niet negatief zijn"
    assert page.draft.fact(None, "household_income") is None
    # Saving now is refused, naming what is wrong; nothing is written.
    when_modal(close_message)
    assert page.save() is False
    assert "een inkomen kan niet negatief zijn" in page.status.text()
    assert page.draft.household_id is None and window.services.households.count() == 0

    income.editor.clear()
    qtbot.keyClick(income.editor, Qt.Key.Key_Return)
    page.editor.street.clear()
    page.editor.street.textEdited.emit("")
    when_modal(close_message)
    assert page.save() is False
    assert page.editor.address_problems.isVisibleTo(window)
    assert "Straat is verplicht" in page.editor.address_problems.text()
    assert window.services.households.count() == 0


def test_text_fields_refuse_control_characters_and_overlong_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot)
    given = window.intake.editor.rows[0].given
    given.clear()
    QApplication.clipboard().setText("Sa\x00ra")
    given.paste()
    assert "\x00" not in given.text()
    qtbot.keyClicks(given, "x" * 150)
    assert len(given.text()) == given.maxLength() == 100
    assert window.intake.editor.street.maxLength() == 100


def test_search_input_is_capped_with_a_visible_note(window: MainWindow, qtbot: QtBot) -> None:
    window.go_search()
    search = window.search
    assert not search.cap_note.isVisibleTo(window)
    QApplication.clipboard().setText("peeters " * 500)  # 4,000 characters, 500 words
    search.field.paste()
    assert len(search.field.text()) == 100
    assert search.cap_note.isVisibleTo(window)
    assert "100 tekens" in search.cap_note.text()
    search.search_now()  # answers at once, no hang
    search.field.clear()
    assert not search.cap_note.isVisibleTo(window)


def test_right_to_left_names_keep_their_place_in_dutch_text(
    window: MainWindow, qtbot: QtBot
) -> None:
    start(window, qtbot, given="ليلى")
    page = window.intake
    name = page.draft.members[0].name
    assert name == "ليلى Maes"
    isolated = f"\u2068{name}\u2069"
    assert isolated in window.windowTitle()
    assert page.editor.member_choice.itemText(0).startswith(isolated)
    labels = [label.text() for label, _field in page.questions.rows.values()]
    assert any(text.startswith(isolated + ":") for text in labels)


def tree_groups(window: MainWindow) -> dict[str, list[str]]:
    tree = window.intake.rights.tree
    groups = {}
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        groups[group.data(0, RIGHT_ROLE + 1)] = [
            group.child(i).data(0, RIGHT_ROLE) for i in range(group.childCount())
        ]
    return groups


def test_rights_panel_is_calm_and_truthful(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    page = window.intake
    page.draft.set_fact("m1", "leefloon", True)
    page.draft.set_fact("m1", "leefloon_since", date(2025, 1, 1))
    page.evaluate()
    groups = tree_groups(window)
    assert list(groups) == ["receives", "eligible", "possibly_eligible", "not_eligible"]
    assert "leefloon" in groups["receives"]
    assert "leefloon" not in groups["eligible"]
    tree = page.rights.tree
    assert not tree.topLevelItem(3).isExpanded()  # "Geen recht" collapsed
    assert tree.topLevelItem(0).text(0).startswith("Ontvangt al")

    verdicts = {v.right.id: v for v in page.verdicts}
    for index in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(index)
        for child in range(group.childCount()):
            item = group.child(child)
            verdict = verdicts[item.data(0, RIGHT_ROLE)]
            marked = "⚠" in item.text(1)
            assert marked == bool(verdict.outdated), verdict.right.id
            if marked:
                tip = item.toolTip(0)
                label = window.services.catalog.parameters[verdict.outdated[0]].label
                assert label in tip and "verouderd sinds" in tip

    page.rights.select_right("leefloon")
    shown = page.rights.details.toPlainText()
    assert "Sara Maes" in shown or "Ontvangt al" in shown
    assert not re.search(r"\bm\d\b", shown), shown  # no internal member ids
    assert "http" not in shown  # sources are titled links, not raw addresses
    assert "herent.be" in shown and "href=" in page.rights.details.toHtml()


def test_an_address_in_herent_is_shown_as_derived(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot)
    editor = window.intake.editor
    field = editor.field("lives_in_herent")
    assert field.editor.currentData() is True and not field.editor.isEnabled()
    assert field.problem_label.text() == "volgt uit het adres"
    assert editor.derived_note.isVisibleTo(window) and "Woont in Herent: ja" in (
        editor.derived_note.text()
    )


def editable(widget: QWidget) -> bool:
    if not widget.isEnabled():
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox | QAbstractButton | QAbstractSpinBox)


def test_client_view_is_read_only_and_shows_nothing_worker_only(
    window: MainWindow, qtbot: QtBot
) -> None:
    number = make(date(1988, 3, 1), 7)
    start(window, qtbot)
    page = window.intake
    qtbot.keyClicks(page.editor.rows[0].number, number)
    assert page.save()
    from datetime import UTC, datetime

    window.services.contacts.record(
        window.context.actor,
        page.draft.household_id,
        ContactInput(
            "Energiefactuur",
            occurred_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
            note="Vertrouwelijk: schulden bij de buren",
        ),
    )
    page.contacts_box.reload()
    page.rights.select_first()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.client_mode
    offenders = []
    texts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if editable(widget):
            offenders.append(f"editable: {type(widget).__name__} {widget.accessibleName()!r}")
        if widget in page.worker_only():
            offenders.append(f"worker-only: {type(widget).__name__}")
        if isinstance(widget, QLineEdit):
            texts.append(widget.displayText())
        elif isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
    assert not offenders, offenders
    seen = "\n".join(texts)
    assert number not in seen and number[:6] not in seen.replace(".", "").replace("-", "")
    assert "Vertrouwelijk" not in seen
    assert "Berekening" not in seen
    assert not window.menuBar().isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F9)  # back to the worker's view, all of it again
    tabs = page.side_tabs
    assert tabs.isTabVisible(tabs.indexOf(page.contacts_box)) and page.save_button.isVisibleTo(
        window
    )
    assert page.editor.isEnabled() and page.editor.rows[0].number.displayText() == mask(number)


def test_the_date_follows_the_clock_past_midnight(window: MainWindow, qtbot: QtBot) -> None:
    """Rita turns 65 at midnight: the IGO question appears without anyone touching the desk."""
    now = [date(2026, 12, 3)]
    page = window.intake
    page.clock = lambda: now[0]
    start(window, qtbot, given="Rita", birth="04121961")
    assert page.evaluated_on == date(2026, 12, 3)
    asked = page.rights.question_texts  # every open question, not only those on screen
    assert "m1.leefloon" in asked and "m1.igo" not in asked
    assert page.midnight.isActive() and page.midnight.remainingTime() <= 24 * 3600 * 1000
    now[0] = date(2026, 12, 4)
    page.midnight.timeout.emit()
    assert page.evaluated_on == date(2026, 12, 4)
    assert "m1.igo" in page.rights.question_texts
    assert page.midnight.isActive()  # armed for the next night


def test_a_note_with_control_characters_is_refused_and_kept(
    window: MainWindow, qtbot: QtBot
) -> None:
    from ui.intake.dialogs import ContactDialog

    dialog = ContactDialog("Herent", window)
    qtbot.addWidget(dialog)
    dialog.question.setText("Energiefactuur")
    dialog.note.setPlainText("Huur\x00achterstal")
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(read)
    dialog.accept()
    assert seen == ["De nota bevat onzichtbare stuurtekens."]
    assert dialog.result_input is None  # not accepted
    assert dialog.note.toPlainText() == "Huur\x00achterstal"  # nothing lost
    assert dialog.question.maxLength() == 300


def test_a_refused_save_is_explained_in_dutch_naming_the_member(
    window: MainWindow, qtbot: QtBot
) -> None:
    from sociaalhuis.errors import ValidationError

    start(window, qtbot)
    page = window.intake
    page.editor.add_member()
    page.draft.members[1].given_name = "Tom"
    explain = page.explain_invalid
    assert explain(ValidationError("members[1].given_name", "is required")) == (
        "Voornaam van \u2068Tom Maes\u2069 is verplicht"
    )
    assert explain(ValidationError("address.street", "is required")) == "Straat is verplicht"
    assert explain(ValidationError("address.postcode", "a Belgian postcode has four digits")) == (
        "Postcode moet vier cijfers hebben"
    )


def test_translations_survive_their_file_being_rewritten(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that rewrites the .qm under a running desk must not take the desk down."""
    import shutil

    import ui.i18n as i18n
    from ui.resources import resource_path

    folder = tmp_path / "i18n"
    shutil.copytree(resource_path("i18n"), folder)
    monkeypatch.setattr(i18n, "resource_path", lambda _name: folder)
    assert "sociaalhuis_nl" in i18n.install_translations(qapp, "nl")
    qm = folder / "sociaalhuis_nl.qm"
    qm.write_bytes(b"")  # truncated in place, as a copy over it would leave it for a moment
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("IntakePage", "Conversations") == "Gesprekken"
    monkeypatch.undo()
    i18n.install_translations(qapp, "nl")  # the real files again for the tests after this one
