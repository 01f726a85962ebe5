"""Names and notes are stored as typed (logical Unicode, NFC), shaped only when drawn, and a
search finds an Arabic name typed as letters or pasted in its drawn, shaped form."""

from __future__ import annotations

import unicodedata
from datetime import date

import arabic_reshaper
import pytest
from builders import household, person
from sqlalchemy import select

from sociaalhuis.cases import validation
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import ContactInput, MemberInput
from sociaalhuis.letters.shaping import visual
from sociaalhuis.storage import search
from sociaalhuis.storage.models import Contact, ContactNote, Person
from sociaalhuis.typed_text import as_typed

NAMES = [
    "محمد",
    "فاطمة الخطيب",
    "العلوي",
    "خديجة بنت يوسف",
    "أحمد",
    "عبد الله",
    "زينب الزهراء",
    "لا",
    "ليلى Maes",
    "Jan (محمد) Peeters",
]


def shaped(text: str) -> bool:
    return any("\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


@pytest.mark.parametrize("name", NAMES)
def test_drawn_and_shaped_text_comes_back_as_typed(name):
    drawn = visual(name)  # what a letter draws and a PDF gives back when copied
    assert shaped(drawn) and drawn != name
    assert as_typed(drawn) == name
    assert as_typed(arabic_reshaper.reshape(name)) == name  # shaped, in reading order
    assert as_typed(name) == name


def test_text_is_composed_and_left_alone_otherwise():
    assert as_typed("Ve\u0301ronique Ö") == "Véronique Ö"
    assert as_typed("Ve\u0301ronique") == unicodedata.normalize("NFC", "Véronique")
    # typed letters beside drawn ones keep their order; digits end a drawn run
    assert as_typed(f"محمد {visual('محمد')}") == "محمد محمد"
    assert as_typed("Öztürk 12b") == "Öztürk 12b"
    assert as_typed("\ufeff") == "\ufeff"  # a zero width no-break space is no shaped letter
    # letters that never join read the same both ways: taken as drawn
    assert as_typed(visual("داود")) == "داود"


def test_validation_stores_logical_nfc_text():
    assert validation.text("note", f"  {visual('محمد علي')} ", 50) == "محمد علي"
    assert validation.text("note", "Ve\u0301ronique", 50) == "Véronique"


def test_a_name_pasted_shaped_is_stored_as_typed_and_found_either_way(db, actor):
    service = HouseholdService(db)
    born = date(1980, 3, 4)
    drawn_given, drawn_family = visual("محمد"), visual("العلوي")
    applicant = MemberInput(person(drawn_given, drawn_family, born, 41), "applicant")
    created = service.create(actor, household(applicant))
    other = MemberInput(person("Ve\u0301ronique", "Maes", born, 43), "applicant")
    maes = service.create(actor, household(other, street="Dorpstraat"))
    with db.read() as session:
        stored = session.execute(select(Person.given_name, Person.family_name)).all()
    assert set(stored) == {("محمد", "العلوي"), ("Véronique", "Maes")}
    assert not any(shaped(given + family) for given, family in stored)
    for query in ("محمد العلوي", visual("محمد العلوي"), arabic_reshaper.reshape("العلوي")):
        assert {row.id for row in service.find(actor, query)} == {created.id}
    for query in ("Véronique", "Ve\u0301ronique", "veronique"):
        assert {row.id for row in service.find(actor, query)} == {maes.id}


def test_a_shaped_note_is_stored_as_typed(db, actor):
    born = date(1980, 3, 4)
    created = HouseholdService(db).create(
        actor, household(MemberInput(person("Leila", "Maes", born, 45), "applicant"))
    )
    note = f"Naam op de identiteitskaart: {visual('ليلى بنت يوسف')}."
    ContactService(db).record(
        actor, created.id, ContactInput(question=visual("سؤال عن السكن"), note=note)
    )
    with db.read() as session:
        texts = session.scalars(select(ContactNote.text)).all()
        questions = session.scalars(select(Contact.question)).all()
    assert texts == ["Naam op de identiteitskaart: ليلى بنت يوسف."]
    assert questions == ["سؤال عن السكن"]


def test_search_words_fold_drawn_arabic_like_typed():
    assert search.words(visual("محمد العلوي")) == search.words("محمد العلوي")
    assert search.words("محمد العلوي") == ["محمد", "العلوي"]
