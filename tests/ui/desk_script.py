"""Whole intakes driven with the keyboard only, as a worker at the desk would type them.

`keyboard_intake` searches for the client, starts a new household, types the members and the
address, answers every question the questions panel asks (from a client's "truth"), records a
decision and saves, counting every key press. The UI tests and the soak benchmark share it.
"""

from __future__ import annotations

import gc
import os
import random
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from keyboard import Keyboard, when_modal
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from sociaalhuis.catalog.model import FactDef

MAX_QUESTIONS_ASKED = 120  # a runaway guard: no intake needs more


@dataclass
class Person:
    given: str
    family: str
    birth: date
    role: str = "child"  # the first person is the applicant whatever this says
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class Client:
    """A household as the client would describe it."""

    people: list[Person]
    street: str = "Kerkstraat"
    number: str = "4"
    household: dict[str, Any] = field(default_factory=dict)

    def answer(self, name: str, fact: FactDef) -> Any:
        """The client's answer to `m2.leefloon` or `tenure`; "no" for a status nobody named."""
        owner, _, key = name.rpartition(".")
        facts = self.people[int(owner[1:]) - 1].facts if owner else self.household
        if key in facts:
            return facts[key]
        if fact.type == "bool":
            return False
        if key == "residence_status":
            return "belgian"
        return None  # does not know: the worker skips the question


def four_person_family() -> Client:
    """Mother, two children and grandmother: the issue's scripted family intake."""
    return Client(
        [
            Person(
                "Sara", "Maes", date(1988, 3, 1), "applicant", {"verhoogde_tegemoetkoming": True}
            ),
            Person("Tom", "Maes", date(2019, 5, 15), "child", {"dependant": True}),
            Person("Lea", "Maes", date(2016, 9, 20), "child", {"dependant": True}),
            Person("Rita", "Peeters", date(1954, 7, 3), "other", {"igo": True}),
        ],
        household={
            "household_income": Decimal("23000"),
            "monthly_income": Decimal("1850"),
            "household_income_3y": Decimal("21000"),
            "tenure": "private_rent",
            "monthly_rent": Decimal("750"),
            "heating_fuel": "natural_gas",
            "uses_childcare": True,
        },
    )


@dataclass
class IntakeResult:
    household_id: uuid.UUID | None
    presses: int
    questions: int


def settle() -> None:
    """Let queued work run: the rebuild after an answer is posted to the event loop."""
    for _ in range(3):
        QCoreApplication.processEvents()


def keyboard_intake(window: Any, qtbot: QtBot, client: Client, decide: bool = True) -> IntakeResult:
    keys = Keyboard(qtbot)
    page = window.intake
    keys.ctrl(Qt.Key.Key_F)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search.field)
    keys.type(client.people[0].family[:4].lower())  # is the client known already?
    keys.ctrl(Qt.Key.Key_N)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.editor.rows[0].given)
    for index, person in enumerate(client.people):
        if index:
            keys.alt(Qt.Key.Key_L)  # "Gezins&lid toevoegen": the cursor goes to the new name
            qtbot.waitUntil(  # a button's Alt key clicks it a moment later, as Qt animates it
                lambda i=index: (
                    len(page.editor.rows) > i
                    and QApplication.focusWidget() is page.editor.rows[i].given
                )
            )
        keys.type(person.given)
        keys.tab()
        if index == 0 or person.family != client.people[0].family:
            keys.type(person.family)  # a new member starts with the applicant's family name
        keys.tab()
        keys.type(person.birth.strftime("%d%m%Y"))
        if index and person.role != "child":
            for _ in range(3):  # back from the birth date to the role
                keys.key(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            assert QApplication.focusWidget() is page.editor.rows[index].role
            keys.type({"partner": "p", "other": "an"}[person.role])
            keys.enter()
            assert page.draft.members[index].role == person.role
    keys.alt(Qt.Key.Key_S)  # "&Straat"
    keys.type(client.street)
    keys.tab()
    keys.type(client.number)
    keys.tab()
    asked = answer_questions(window, qtbot, keys, client)
    keys.ctrl(Qt.Key.Key_S)
    settle()
    household_id = page.draft.household_id
    assert household_id is not None and not page.draft.dirty, page.status.text()
    if decide:
        keys.ctrl(Qt.Key.Key_R)  # the rights; the first one is selected
        when_modal(lambda dialog: qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return))
        keys.ctrl(Qt.Key.Key_D)
        keys.presses += 1  # the Enter typed in the dialog
        window.activateWindow()  # offscreen, activation after a dialog comes back lazily
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        assert page.decisions, "the decision was not recorded"
    return IntakeResult(household_id, keys.presses, asked)


def answer_questions(window: Any, qtbot: QtBot, keys: Keyboard, client: Client) -> int:
    """Answer what the panel asks, top first, until nothing is left to ask."""
    page = window.intake
    catalog = window.services.catalog
    keys.ctrl(Qt.Key.Key_J)
    skipped: set[str] = set()
    asked = 0
    while asked < MAX_QUESTIONS_ASKED:
        settle()
        open_names = [n for n in page.questions.names if n not in skipped]
        if not open_names:
            return asked
        focus = QApplication.focusWidget()
        index = next(
            (i for i, f in enumerate(page.questions.fields) if f.isAncestorOf(focus)), None
        )
        assert index is not None, f"the cursor left the questions: {focus!r}"
        name = page.questions.names[index]
        if name in skipped:  # skipped before: move on with Enter
            keys.enter()
            asked += 1
            if index == len(page.questions.fields) - 1:
                return asked
            continue
        field_ = page.questions.fields[index]
        answer = client.answer(name, catalog.facts[field_.fact.key])
        asked += 1
        if answer is None:
            skipped.add(name)
            keys.enter()
            if index == len(page.questions.fields) - 1:
                return asked
            continue
        type_answer(keys, field_.editor, field_.fact, answer)
        keys.enter()
        settle()
    raise AssertionError(f"still asking after {asked} questions: {page.questions.names}")


def type_answer(keys: Keyboard, editor: Any, fact: FactDef, answer: Any) -> None:
    if isinstance(editor, QComboBox):
        target = editor.findData(answer)
        if fact.type == "bool":
            keys.type(editor.itemText(target)[:1])  # "j" or "n"
        else:
            for _ in range(target - editor.currentIndex()):  # down the list to the answer
                keys.key(Qt.Key.Key_Down)
        assert editor.currentData() == answer, (fact.key, editor.currentText())
    elif isinstance(answer, date):
        keys.type(answer.strftime("%d%m%Y"))
    else:
        keys.type(str(answer).replace(".", ","))


GIVEN = ("Sara", "Tom", "Lea", "Rita", "Ahmed", "Noor", "Jan", "Marie", "Yusuf", "Eline", "ليلى")
FAMILY = ("Maes", "Peeters", "Janssens", "El Amrani", "Wouters", "Claes", "Dubois", "حداد")


def varied_client(seed: int) -> Client:
    """A household of one to four people with answers of its own; the same seed, the same one."""
    rng = random.Random(seed)
    size = rng.choice((1, 1, 2, 2, 3, 4))
    family = rng.choice(FAMILY)
    people = [
        Person(
            rng.choice(GIVEN),
            family,
            date(rng.randint(1940, 2000), rng.randint(1, 12), rng.randint(1, 28)),
            "applicant",
            {"verhoogde_tegemoetkoming": rng.random() < 0.3, "leefloon": rng.random() < 0.1},
        )
    ]
    for _ in range(size - 1):
        child = rng.random() < 0.7
        born = date(rng.randint(2008, 2024), rng.randint(1, 12), rng.randint(1, 28))
        people.append(
            Person(rng.choice(GIVEN), family, born, "child", {"dependant": True})
            if child
            else Person(rng.choice(GIVEN), family, date(1950, 5, 5), "partner")
        )
    income = Decimal(rng.randrange(9000, 60000, 100))
    household = {
        "household_income": income,
        "monthly_income": (income / 12).quantize(Decimal("1")),
        "tenure": rng.choice(("owner", "private_rent", "social_rent")),
        "payment_difficulties": rng.random() < 0.25,
    }
    return Client(
        people, rng.choice(("Kerkstraat", "Molenstraat", "Delle")), str(seed % 90 + 1), household
    )


def snapshot() -> dict[str, float]:
    """Resident memory (MiB) and the reference counts a leaking binding would drain."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return {
        "rss_mib": pages * os.sysconf("SC_PAGE_SIZE") / 2**20,
        "none": sys.getrefcount(None),
        "true": sys.getrefcount(True),
        "false": sys.getrefcount(False),
    }


def soak(
    window: Any, qtbot: Any, intakes: int, every: int = 10, report: Any = None
) -> list[dict[str, float]]:
    """`intakes` whole keyboard intakes in one window; a snapshot every `every` intakes."""
    snapshots = []
    for number in range(1, intakes + 1):
        result = keyboard_intake(window, qtbot, varied_client(number))
        assert result.household_id is not None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        settle()
        if number % every == 0:
            gc.collect()
            shot = {"intakes": number, "presses": result.presses, **snapshot()}
            snapshots.append(shot)
            if report is not None:
                report(shot)
    return snapshots
