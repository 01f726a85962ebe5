"""Two desks edit the same person from two households: the second save is refused with a
Dutch message naming the person, keeps the worker's changes on screen, and can reload."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from keyboard import when_modal
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.national_number import make
from sociaalhuis.cases.records import AddressInput, HouseholdInput, MemberInput, PersonInput
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Person
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.window_settings import WindowSettings

TODAY = date(2026, 12, 3)


def desk(qtbot: QtBot, context: AppContext, ini: Path) -> MainWindow:
    settings = WindowSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    main = MainWindow(context, settings, today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def desks(
    qtbot: QtBot, context: AppContext, tmp_path: Path, dutch: QApplication
) -> Iterator[tuple[MainWindow, MainWindow]]:
    first, second = (
        desk(qtbot, context, tmp_path / "a.ini"),
        desk(qtbot, context, tmp_path / "b.ini"),
    )
    yield first, second
    for main in (first, second):
        main.intake.draft.mark_saved()  # nothing left to guard when the test ends


def answer(choice: str, seen: list[str]) -> None:
    """Answer the next message box with the button whose text starts with `choice`."""

    def click(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "").startswith(choice)).click()

    when_modal(click)


def jozef(db: Database):
    with db.read() as session:
        person = session.query(Person).filter_by(national_number=make(date(1948, 1, 30), 33)).one()
        return person.given_name, person.family_name


def test_the_second_desk_saving_a_shared_person_gets_the_conflict_message(
    desks: tuple[MainWindow, MainWindow], db: Database, context: AppContext, qtbot: QtBot
) -> None:
    service = HouseholdService(db)
    jozef_alone = PersonInput("Jozef", "Vermeulen", date(1948, 1, 30), make(date(1948, 1, 30), 33))
    own = service.create(
        context.actor,
        HouseholdInput(
            AddressInput("Kerkstraat", "12", "Herent"), (MemberInput(jozef_alone, "applicant"),)
        ),
    )
    known = own.applicant
    mira = PersonInput("Mira", "Claes", date(1990, 2, 3), make(date(1990, 2, 3), 41))
    shared = PersonInput(
        known.given_name,
        known.family_name,
        known.birth_date,
        known.national_number,
        person_id=known.id,
        version=known.version,
    )
    theirs = service.create(
        context.actor,
        HouseholdInput(
            AddressInput("Schoolstraat", "3", "Herent"),
            (MemberInput(mira, "applicant"), MemberInput(shared, "other")),
        ),
    )
    first, second = desks
    first.open_household(own.id)
    second.open_household(theirs.id)
    a, b = first.intake, second.intake
    assert b.draft.members[1].person_id == known.id

    qtbot.keyClicks(a.editor.rows[0].given, "-Jan")
    assert a.save()
    qtbot.keyClicks(b.editor.rows[1].family, "s")

    seen: list[str] = []
    answer("Verder bewerken", seen)
    assert b.save() is False
    assert "Dit gezin of deze persoon werd intussen gewijzigd door een andere gebruiker" in seen[0]
    assert "De gegevens van \u2068Jozef Vermeulens\u2069 werden intussen" in seen[0]
    assert jozef(db) == ("Jozef-Jan", "Vermeulen")  # nothing overwritten
    assert b.draft.members[1].family_name == "Vermeulens" and b.draft.dirty  # ours kept

    answer("Opnieuw laden", seen)
    assert b.save() is False
    assert (b.draft.members[1].given_name, b.draft.members[1].family_name) == (
        "Jozef-Jan",
        "Vermeulen",
    )
    assert not b.draft.dirty
    assert jozef(db) == ("Jozef-Jan", "Vermeulen")
