"""Stored findings stay equal to a fresh evaluation whatever the desk saves, in any order.

Hypothesis draws a sequence of saves — facts set and cleared, members added and removed,
addresses moved, birth dates corrected — on a few households; after them every household's
stored findings must equal `screen_one` on its situation now, a screen must find nothing
stale, and a full screen must change nothing.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from builders import household, person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import AddressInput, FactInput, MemberInput
from sociaalhuis.catalog import loader
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from tests.screening.test_agreement import fact_value
from tests.screening.test_store import _edited, assert_fresh

ON = date(2026, 12, 3)
CATALOG = loader.load(today=ON)
EVALUATOR = Evaluator(CATALOG)
BASE = [f for f in CATALOG.facts.values() if not f.derived and f.key not in ("role", "birth_date")]
KINDS = {"bool": "bool", "number": "number", "money": "money", "date": "date", "choice": "choice"}
NAMES = itertools.count()


@st.composite
def fact_edit(draw: st.DrawFn) -> tuple[Any, ...]:
    fact = draw(st.sampled_from(BASE))
    value = draw(st.none() | fact_value(CATALOG, fact.key, ON))
    return (
        "fact",
        draw(st.integers(0, 2)),
        fact.key,
        KINDS[fact.type],
        value,
        draw(st.integers(0, 3)),
    )


EDITS = st.one_of(
    fact_edit(),
    fact_edit(),
    fact_edit(),
    st.tuples(
        st.just("add"),
        st.integers(0, 2),
        st.sampled_from(["partner", "child", "other"]),
        st.sampled_from([1, 16, 17, 40, 64, 66, 80]),
    ),
    st.tuples(st.just("drop"), st.integers(0, 2)),
    st.tuples(st.just("move"), st.integers(0, 2), st.sampled_from(["3020", "3000"])),
    st.tuples(
        st.just("birth"),
        st.integers(0, 2),
        st.integers(0, 3),
        st.sampled_from([17, 18, 59, 65, 66]),
    ),
)


def _person(years: int) -> Any:
    number = next(NAMES)
    return person(f"Naam{number}", "Testgezin", ON.replace(year=ON.year - years), serial=None)


def _apply(service: HouseholdService, actor: Actor, saved: Any, edit: tuple[Any, ...]) -> Any:
    kind = edit[0]
    if kind == "fact":
        _, _, key, fact_kind, value, member = edit
        fact = CATALOG.facts[key]
        person_id = None
        if fact.about == "person":
            person_id = saved.members[member % len(saved.members)].person.id
        return service.record_facts(
            actor, saved.id, saved.version, [FactInput(key, fact_kind, value, person_id=person_id)]
        )
    if kind == "add":
        member = MemberInput(_person(edit[3]), edit[2])
        return service.update(actor, saved.id, saved.version, _edited(saved, extra=(member,)))
    if kind == "drop":
        if len(saved.members) < 2:
            return saved
        return service.update(
            actor, saved.id, saved.version, _edited(saved, drop=len(saved.members) - 1)
        )
    if kind == "move":
        address = AddressInput("Kerkstraat", "12", "Herent", edit[2])
        return service.update(actor, saved.id, saved.version, _edited(saved, address=address))
    position = edit[2] % len(saved.members)
    born = ON.replace(year=ON.year - edit[3])
    return service.update(actor, saved.id, saved.version, _edited(saved, birth={position: born}))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(EDITS, min_size=1, max_size=8))
def test_stored_findings_equal_a_fresh_evaluation_after_random_saves(
    db: Database, actor: Actor, edits: list[tuple[Any, ...]]
) -> None:
    service = HouseholdService(db, FindingsRefresher(EVALUATOR, lambda: ON))
    saved = [
        service.create(actor, household(MemberInput(_person(40), "applicant"))),
        service.create(
            actor,
            household(MemberInput(_person(35), "applicant"), MemberInput(_person(8), "child")),
        ),
        service.create(actor, household(MemberInput(_person(70), "applicant"))),
    ]
    for edit in edits:
        index = edit[1]
        saved[index] = _apply(service, actor, saved[index], edit)
        assert_fresh(db, EVALUATOR, saved[index].id)
    ids = {view.id for view in saved}
    # Nothing the saves left is stale; a full screen finds the same findings.
    again = run_screen(db, CATALOG, ON)
    assert again.screened == 0
    full = run_screen(db, CATALOG, ON, everything=True)
    assert full.findings_changed == 0
    for household_id in ids:
        assert_fresh(db, EVALUATOR, household_id)
