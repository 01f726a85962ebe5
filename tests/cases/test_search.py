"""Finding households: every word starts a name, street, house number or national number, and
the index stays in step with every change, whoever makes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from alembic import command
from builders import family, household, person, single
from sqlalchemy import func, select

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.cases.records import MemberInput
from sociaalhuis.storage import schema, search
from sociaalhuis.storage.models import SearchTerm


def ids(service, actor, text, **options):
    return {row.id for row in service.find(actor, text, **options)}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Öztürk", ["ozturk"]),
        ("  JANSSENS   sarah ", ["janssens", "sarah"]),
        ("86.04.02-002.05", ["86040200205"]),
        ("86/04/02", ["860402"]),
        ("D'Hondt Van-Damme", ["d", "hondt", "van", "damme"]),
        ("Straße 12a", ["strasse", "12a"]),
        ("100%_", ["100"]),
        ("%_ ' -", []),
    ],
)
def test_text_is_folded_into_words(text, words):
    assert search.words(text) == words


def test_indexed_names_also_keep_punctuated_words_whole():
    terms = search.terms_for("Sint-Jozefsstraat", "12", [("Jan", "D'Hondt", "86040200205")])
    assert terms == {
        ("word", "sint"),
        ("word", "jozefsstraat"),
        ("word", "sintjozefsstraat"),
        ("word", "12"),
        ("word", "jan"),
        ("word", "d"),
        ("word", "hondt"),
        ("word", "dhondt"),
        ("national_number", "86040200205"),
    }


@pytest.mark.parametrize(
    ("prefix", "after"),
    [("abc", "abd"), ("az", "b"), ("a9", "aa"), ("8", "9"), ("zz", None), ("ø", "ù")],
)
def test_a_prefix_range_ends_before_the_next_letter_or_digit(prefix, after):
    assert search._after(prefix) == after


def test_find_by_any_word_of_names_street_and_numbers(db, actor):
    service = HouseholdService(db)
    fam = service.create(actor, family())
    old = service.create(actor, single())
    number = old.applicant.national_number
    dotted = f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"
    assert ids(service, actor, "OZTURK") == {fam.id}
    assert ids(service, actor, "öztü") == {fam.id}
    assert ids(service, actor, "jozef verm") == {old.id}
    assert ids(service, actor, dotted) == {old.id}
    assert ids(service, actor, dotted[:5]) == {old.id}
    assert ids(service, actor, "veltemdorp 7") == {fam.id}
    assert ids(service, actor, "kerk 12") == {old.id}
    # words may come from different members, but every word must match
    assert ids(service, actor, "sarah lina") == {fam.id}
    assert ids(service, actor, "sarah jozef") == set()
    # a word matches the start of a word, not its middle
    assert ids(service, actor, "anssens") == set()
    # fewer than four digits are a house number, never part of a national number
    assert ids(service, actor, number[:3]) == set()


def test_find_stops_at_the_limit(db, actor):
    service = HouseholdService(db)
    for serial in range(3, 13, 2):
        service.create(actor, single("Jan", f"Peeters{serial}", serial))
    assert len(service.find(actor, "peeters", limit=3)) == 3
    assert len(service.find(actor, "jan kerkstraat")) == 5


def test_the_index_follows_changes_to_address_names_and_members(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, family())
    sarah = replace(family().members[0].person, person_id=created.applicant.id)
    changed = service.update(
        actor,
        created.id,
        created.version,
        household(
            MemberInput(replace(sarah, family_name="Peeters"), "applicant"),
            street="Wijgmaalsesteenweg",
            number="150",
        ),
    )
    assert ids(service, actor, "peeters wijgmaal 150") == {changed.id}
    for gone in ("janssens", "veltemdorp", "öztürk", "lina"):
        assert ids(service, actor, gone) == set(), gone
    # facts do not touch the index
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(SearchTerm))
    service.record_facts(actor, changed.id, changed.version, [])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(SearchTerm)) == before


def test_renaming_a_person_reindexes_every_household_they_belong_to(db, actor):
    service = HouseholdService(db)
    first = service.create(actor, single())
    jozef = replace(single().members[0].person, person_id=first.applicant.id)
    second = service.create(
        actor,
        household(
            MemberInput(person("Maria", "Claes", date(1950, 3, 3), 8), "applicant"),
            MemberInput(jozef, "other"),
            street="Molenstraat",
        ),
    )
    assert ids(service, actor, "vermeulen") == {first.id, second.id}
    service.update(
        actor,
        first.id,
        first.version,
        household(MemberInput(replace(jozef, family_name="Wouters"), "applicant")),
    )
    assert ids(service, actor, "vermeulen") == set()
    assert ids(service, actor, "wouters") == {first.id, second.id}
    assert ids(service, actor, "wouters molenstraat") == {second.id}


def test_households_saved_by_the_intake_are_found(db, actor):
    saved = IntakeService(db).save(actor, None, None, family())
    assert ids(HouseholdService(db), actor, "sarah veltemdorp") == {saved.id}


def test_rebuild_gives_the_same_index(db, actor):
    service = HouseholdService(db)
    service.create(actor, family())
    service.create(actor, single())

    def terms():
        with db.read() as session:
            return set(
                session.execute(select(SearchTerm.term, SearchTerm.kind, SearchTerm.household_id))
            )

    before = terms()
    with db.write() as session:
        assert search.rebuild(session.connection()) == 2
    assert terms() == before


def test_the_migration_indexes_households_stored_before_it(db, actor):
    service = HouseholdService(db)
    created = service.create(actor, family())
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "search_terms" not in db.table_names()
    schema.upgrade(db.engine)
    assert ids(service, actor, "öztürk veltemdorp") == {created.id}
