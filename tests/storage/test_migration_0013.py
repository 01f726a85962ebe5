"""Migration 0013 on names stored before text was kept as typed: a decomposed `é` and an
Arabic name in its drawn (shaped, visual-order) form become the text typed, and search finds
both typed normally; the new columns go down again."""

from __future__ import annotations

import unicodedata
from datetime import date

from alembic import command
from sqlalchemy import inspect, select, text

from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import MemberInput
from sociaalhuis.letters.shaping import visual
from sociaalhuis.storage import schema
from sociaalhuis.storage.models import Person
from tests.builders import household, person
from tests.cases.test_search import ids

ARABIC = "محمد العلي"
DECOMPOSED = unicodedata.normalize("NFD", "Amélie")


def member(given: str, family: str, serial: int, role: str = "applicant") -> MemberInput:
    return MemberInput(person(given, family, date(1990, 1, serial), serial), role)


def _to(db, revision: str) -> None:
    config = schema.alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def _as_stored_before(db, household_id, person_ids) -> None:
    """At 0012: the names as old versions stored them and the terms the old index made of
    them (folded without `as_typed`: shaped Arabic stays in drawn order)."""
    # Drawn names now keep their words together with no-break spaces; old rows had spaces.
    shaped = visual(ARABIC).replace("\u00a0", " ")
    assert shaped != ARABIC
    given, family = shaped.split(" ")[-1], shaped.split(" ")[0]
    names = {person_ids[0]: (DECOMPOSED, "Peeters"), person_ids[1]: (given, family)}
    with db.engine.begin() as connection:
        key = household_id.hex if db.engine.dialect.name == "sqlite" else household_id
        connection.execute(text("DELETE FROM search_terms WHERE household_id = :id"), {"id": key})
        old_terms = set()
        for person_id, (given_name, family_name) in names.items():
            row = person_id.hex if db.engine.dialect.name == "sqlite" else person_id
            connection.execute(
                text("UPDATE persons SET given_name = :g, family_name = :f WHERE id = :id"),
                {"g": given_name, "f": family_name, "id": row},
            )
            folded = unicodedata.normalize("NFKD", f"{given_name} {family_name}".casefold())
            old_terms |= {w for w in folded.split() if w}
        for term in old_terms:
            connection.execute(
                text("INSERT INTO search_terms (term, kind, household_id) VALUES (:t, 'word', :h)"),
                {"t": term, "h": key},
            )
        connection.execute(
            text("UPDATE households SET street = :s WHERE id = :id"),
            {"s": unicodedata.normalize("NFD", "Rue de l'Église"), "id": key},
        )


def test_old_names_become_as_typed_and_are_found_typed_normally(db, actor):
    service = HouseholdService(db)
    created = service.create(
        actor,
        household(
            member("Amélie", "Peeters", 1),
            member("Ali", "Mohamed", 2, role="partner"),
        ),
    )
    with db.read() as session:
        person_ids = [
            p.id for p in session.scalars(select(Person).order_by(Person.given_name.desc())).all()
        ]
    _to(db, "0012")
    _as_stored_before(db, created.id, person_ids)
    with db.engine.connect() as connection:
        terms = set(connection.scalars(text("SELECT term FROM search_terms")))
    assert "محمد" not in terms and "العلي" not in terms  # the old index missed the typed name

    _to(db, "head")

    with db.read() as session:
        stored = {
            (p.given_name, p.family_name, p.search_name) for p in session.scalars(select(Person))
        }
    assert ("Amélie", "Peeters", "peeters amélie") in stored
    assert ("محمد", "العلي", "العلي محمد") in stored
    assert all(unicodedata.is_normalized("NFC", given + family) for given, family, _ in stored)
    for typed in ("amélie", "Amelie Peeters", "محمد", "محمد العلي", "العلي", "église"):
        assert ids(service, actor, typed) == {created.id}, typed
    # Pasted from a letter (drawn form) finds it too.
    assert ids(service, actor, visual(ARABIC)) == {created.id}


def test_0013_goes_down_to_0012_and_up_again(db):
    _to(db, "0012")
    columns = {c["name"] for c in inspect(db.engine).get_columns("letterhead")}
    assert not {"logo", "logo_type"} & columns
    assert "extra_facts_reason" not in {
        c["name"] for c in inspect(db.engine).get_columns("referrals")
    }
    _to(db, "head")
    columns = {c["name"] for c in inspect(db.engine).get_columns("letterhead")}
    assert {"logo", "logo_type"} <= columns
