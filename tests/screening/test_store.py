"""The findings store: refreshed on every kind of save in the same transaction, written only
where something changed, and the non-take-up list exactly what the findings and decisions say."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from builders import family, household, person, single
from sqlalchemy import select, update

from sociaalhuis.access.actors import Actor
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService, household_view, load_household
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import (
    AddressInput,
    DecisionInput,
    FactInput,
    HouseholdInput,
    HouseholdView,
    MemberInput,
    PersonInput,
)
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.errors import ConflictError, ValidationError
from sociaalhuis.screening import store
from sociaalhuis.screening.engine import CODE, VERDICTS, Screened, digest_of, screen, screen_one
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, Screening, StoredFinding

ON = date(2026, 12, 3)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=ON)


@pytest.fixture(scope="module")
def evaluator(catalog: Catalog) -> Evaluator:
    return Evaluator(catalog)


@pytest.fixture
def service(db: Database, evaluator: Evaluator) -> HouseholdService:
    return HouseholdService(db, FindingsRefresher(evaluator, lambda: ON))


def stored_rows(db: Database) -> tuple[list[Any], list[Any]]:
    """Every screenings and findings row, all columns, sorted."""
    with db.read() as session:
        screenings = sorted(tuple(r) for r in session.execute(select(*Screening.__table__.c)))
        findings = sorted(tuple(r) for r in session.execute(select(*StoredFinding.__table__.c)))
    return screenings, findings


def assert_fresh(db: Database, evaluator: Evaluator, household_id: uuid.UUID) -> None:
    """The stored findings of the household are those a fresh `screen_one` gives now."""
    catalog = evaluator.catalog
    with db.read() as session:
        loaded = load_household(session, household_id)
        situation = situation_for(catalog, household_view(loaded), ON).situation
        expected = screen_one(evaluator, situation, ON)
        found = store.findings_of(session, household_id)
        screening = session.execute(
            select(Screening.household_version, Screening.digest).where(
                Screening.household_id == household_id
            )
        ).one()
        version = loaded.version
    assert {(f.right_id, f.verdict, f.missing, f.yearly_value) for f in found} == {
        (f.right_id, f.verdict, f.missing, f.yearly_value) for f in expected
    }
    assert {(f.catalog_version, f.evaluated_on) for f in found} == {(catalog.version, ON)}
    assert tuple(screening) == (version, digest_of(expected))


def verdicts(db: Database, household_id: uuid.UUID) -> dict[str, str]:
    with db.read() as session:
        return {f.right_id: f.verdict for f in store.findings_of(session, household_id)}


# -- refresh on save ------------------------------------------------------------------------


def test_every_kind_of_save_refreshes_the_findings(db, actor, service, evaluator):
    saved = service.create(actor, family())
    assert_fresh(db, evaluator, saved.id)

    moved = replace(family().address, street="Bondgenotenlaan", postcode="3000")
    saved = service.update(actor, saved.id, saved.version, _edited(saved, address=moved))
    assert verdicts(db, saved.id) != {}
    assert_fresh(db, evaluator, saved.id)

    grandma = MemberInput(PersonInput("Fatma", "Öztürk", date(1950, 3, 1)), "other")
    saved = service.update(actor, saved.id, saved.version, _edited(saved, extra=(grandma,)))
    assert len(saved.members) == 4
    assert_fresh(db, evaluator, saved.id)

    saved = service.update(actor, saved.id, saved.version, _edited(saved, drop=3))
    assert len(saved.members) == 3
    assert_fresh(db, evaluator, saved.id)

    before = verdicts(db, saved.id)
    income = FactInput("household_income", "money", Decimal("14000"))
    saved = service.record_facts(actor, saved.id, saved.version, [income])
    assert verdicts(db, saved.id) != before
    assert_fresh(db, evaluator, saved.id)

    cleared = FactInput("household_income", "money", None)
    saved = service.record_facts(actor, saved.id, saved.version, [cleared])
    assert verdicts(db, saved.id) == before
    assert_fresh(db, evaluator, saved.id)

    older = _edited(saved, birth={0: date(1940, 4, 2)})
    saved = service.update(actor, saved.id, saved.version, older)
    assert_fresh(db, evaluator, saved.id)

    before = verdicts(db, saved.id)
    applicant = saved.applicant.id
    status = FactInput("verhoogde_tegemoetkoming", "bool", True, person_id=applicant)
    saved = service.record_facts(actor, saved.id, saved.version, [status])
    assert verdicts(db, saved.id) != before
    assert_fresh(db, evaluator, saved.id)


def test_the_intake_save_refreshes_the_findings(db, actor, evaluator):
    intake = IntakeService(db, FindingsRefresher(evaluator, lambda: ON))
    facts = [IntakeFact("leefloon", "bool", True, member=0)]
    saved = intake.save(actor, None, None, family(), facts)
    assert_fresh(db, evaluator, saved.id)
    data = _edited(saved, extra=(MemberInput(PersonInput("Noor", "Öztürk"), "child"),))
    owner = IntakeFact("tenure", "choice", "owner")
    saved = intake.save(actor, saved.id, saved.version, data, [owner])
    assert_fresh(db, evaluator, saved.id)


def test_a_new_birth_date_refreshes_every_household_of_that_person(db, actor, service, evaluator):
    first = service.create(actor, single())
    jozef = first.applicant
    other = service.create(
        actor,
        household(
            MemberInput(person("Maria", "Peeters", date(1950, 2, 2), 40), "applicant"),
            MemberInput(_as_input(jozef), "other"),
            street="Dorpsstraat",
        ),
    )
    younger = _edited(first, birth={0: date(1990, 1, 30)})
    service.update(actor, first.id, first.version, younger)
    assert_fresh(db, evaluator, first.id)
    assert_fresh(db, evaluator, other.id)


def test_a_failing_save_leaves_the_stored_findings_as_they_were(db, actor, service, evaluator):
    saved = service.create(actor, family())
    before = stored_rows(db)
    no_applicant = HouseholdInput(
        family().address, tuple(replace(m, role="child") for m in family().members)
    )
    with pytest.raises(ValidationError):
        service.update(actor, saved.id, saved.version, no_applicant)
    income = FactInput("household_income", "money", Decimal("9000"))
    service.record_facts(actor, saved.id, saved.version, [income])
    after_first = stored_rows(db)
    with pytest.raises(ConflictError):
        service.record_facts(actor, saved.id, saved.version, [replace(income, value=None)])
    assert stored_rows(db) == after_first != before


def test_a_failure_after_the_refresh_rolls_the_findings_back_with_the_save(db, actor, evaluator):
    class FailsAfterwards(FindingsRefresher):
        def refresh(self, session, household):
            changed = super().refresh(session, household)
            if self.armed:
                raise RuntimeError("the disk is full")
            return changed

    refresher = FailsAfterwards(evaluator, lambda: ON)
    refresher.armed = False
    service = HouseholdService(db, refresher)
    saved = service.create(actor, family())
    before = stored_rows(db)
    refresher.armed = True
    with pytest.raises(RuntimeError):
        service.record_facts(
            actor, saved.id, saved.version, [FactInput("household_income", "money", Decimal(1))]
        )
    assert stored_rows(db) == before


def test_without_a_refresher_saves_store_no_findings(db, actor):
    HouseholdService(db).create(actor, family())
    assert stored_rows(db) == ([], [])


def _as_input(someone) -> PersonInput:
    return PersonInput(
        someone.given_name,
        someone.family_name,
        someone.birth_date,
        someone.national_number,
        person_id=someone.id,
    )


def _edited(
    view: HouseholdView,
    *,
    address: AddressInput | None = None,
    extra: tuple[MemberInput, ...] = (),
    drop: int | None = None,
    birth: dict[int, date] | None = None,
) -> HouseholdInput:
    """The household as saved, with a new address, members added or one dropped, or new
    birth dates (by member position)."""
    members = []
    for index, member in enumerate(view.members):
        if index == drop:
            continue
        data = _as_input(member.person)
        if birth and index in birth:
            # The national number encodes the birth date: a new date goes without it.
            data = replace(data, birth_date=birth[index], national_number=None)
        members.append(MemberInput(data, member.role))
    where = address or AddressInput(
        view.street, view.house_number, view.deelgemeente, view.postcode, view.box
    )
    return HouseholdInput(where, (*members, *extra))


# -- stale households and batches -----------------------------------------------------------


def made_screened(
    rights: list[RightDef], codes: np.ndarray, missing: list[list[tuple[str, ...]]]
) -> Screened:
    """A screened batch with the verdict codes and missing facts given."""
    table = MissingTable()
    cells = np.array([[table.code(names) for names in row] for row in missing], dtype=np.int32)
    return Screened(list(rights), codes.astype(np.uint8), cells.reshape(codes.shape), table)


def screened_batch(
    db: Database, evaluator: Evaluator, on: date = ON
) -> tuple[list[tuple[uuid.UUID, int]], Screened]:
    with db.read() as session:
        ids = store.stale_households(session, evaluator.catalog.version, on, True)
        rows = store.load_situations(session, evaluator.catalog, ids, on)
    result = screen(evaluator, [situation for _, _, situation in rows], on)
    return [(household_id, version) for household_id, version, _ in rows], result


def apply(db: Database, evaluator: Evaluator, on: date = ON) -> dict[str, int]:
    rows, result = screened_batch(db, evaluator, on)
    with db.write() as session:
        return store.apply_batch(session, evaluator.catalog.version, on, rows, result)


def test_stale_households_are_those_not_screened_for_this_catalog_date_and_version(
    db, actor, evaluator
):
    plain = HouseholdService(db)
    ids = sorted(plain.create(actor, single(serial=n)).id for n in range(1, 6))
    version = evaluator.catalog.version
    with db.read() as session:
        assert store.stale_households(session, version, ON, False) == ids
    apply(db, evaluator)
    with db.read() as session:
        assert store.stale_households(session, version, ON, False) == []
        assert store.stale_households(session, version, ON, True) == ids
        assert store.stale_households(session, "2027.01", ON, False) == ids
        assert store.stale_households(session, version, date(2026, 12, 4), False) == ids
    saved = plain.get(actor, ids[2])
    plain.record_facts(actor, saved.id, saved.version, [FactInput("acute_need", "bool", True)])
    with db.read() as session:
        assert store.stale_households(session, version, ON, False) == [ids[2]]


def test_apply_batch_writes_only_what_changed(db, actor, evaluator):
    plain = HouseholdService(db)  # no refresher: the batch does all the writing here
    created = [plain.create(actor, single(serial=n)) for n in range(1, 5)]
    created.append(plain.create(actor, family()))
    changed = apply(db, evaluator)
    rights = len(evaluator.catalog.rights)
    assert sum(changed.values()) == rights * len(created)
    for saved in created:
        assert_fresh(db, evaluator, saved.id)
    first = stored_rows(db)

    assert apply(db, evaluator) == {}
    assert stored_rows(db) == first
    rows, result = screened_batch(db, evaluator)
    for _ in range(2):  # the very same screened batch, twice
        with db.write() as session:
            assert store.apply_batch(session, evaluator.catalog.version, ON, rows, result) == {}
    assert stored_rows(db) == first

    target = created[4]
    before = verdicts(db, target.id)
    leefloon = FactInput("leefloon", "bool", True, person_id=target.applicant.id)
    plain.record_facts(actor, target.id, target.version, [leefloon])
    changed = apply(db, evaluator)
    after = verdicts(db, target.id)
    moved = {right for right in before if before[right] != after[right]}
    assert moved and set(changed) >= moved
    screenings, findings = stored_rows(db)
    untouched = {saved.id for saved in created[:4]}
    assert [r for r in screenings if r[0] in untouched] == [
        r for r in first[0] if r[0] in untouched
    ]
    assert [r for r in findings if r[0] in untouched] == [r for r in first[1] if r[0] in untouched]
    assert_fresh(db, evaluator, target.id)


def test_apply_batch_brings_only_the_screenings_row_up_to_date_when_findings_stay(
    db, actor, evaluator
):
    plain = HouseholdService(db)
    saved = plain.create(actor, single())
    apply(db, evaluator)
    _, findings = stored_rows(db)
    # A fact no right reads: the version moves on, the findings stay.
    plain.record_facts(
        actor, saved.id, saved.version, [FactInput("not_in_the_catalog", "bool", True)]
    )
    assert apply(db, evaluator) == {}
    screenings, same = stored_rows(db)
    assert same == findings
    assert screenings[0][3] == saved.version + 1
    later = date(2026, 12, 4)
    changed = apply(db, evaluator, later)
    screenings, _ = stored_rows(db)
    assert screenings[0][2] == later
    assert changed == {}  # a day later, the same verdicts for a man born in 1948


def test_apply_batch_rewrites_the_rows_of_another_catalog(db, actor, evaluator, catalog):
    HouseholdService(db).create(actor, family())
    apply(db, evaluator)
    _, findings = stored_rows(db)
    rows, result = screened_batch(db, evaluator)
    with db.write() as session:
        changed = store.apply_batch(session, "2027.01", ON, rows, result)
    assert changed == {}  # the rows are the same; only the screenings row names 2027.01
    screenings, same = stored_rows(db)
    assert same == findings and screenings[0][1] == "2027.01"
    kept = [[f.missing for f in result.findings(i)][1:] for i in range(len(result))]
    fewer = made_screened(result.rights[1:], result.verdicts[:, 1:], kept)
    with db.write() as session:
        changed = store.apply_batch(session, catalog.version, ON, rows, fewer)
    assert changed == {result.rights[0].id: 1}
    assert len(stored_rows(db)[1]) == len(findings) - 1


# -- non-take-up ----------------------------------------------------------------------------


def test_non_take_up_is_exactly_the_eligible_findings_without_a_current_decision(
    db, actor, catalog
):
    plain = HouseholdService(db)
    households = [plain.create(actor, single(serial=n)).id for n in range(1, 13)]
    rights = catalog.rights
    random = np.random.default_rng(7)
    shape = (len(households), len(rights))
    codes = random.choice(len(VERDICTS), size=shape, p=[0.3, 0.2, 0.4, 0.1])
    valued = [c for c, right in enumerate(rights) if right.yearly_value is not None]
    codes[:, valued] = CODE["eligible"]  # every household eligible for the rights with a value
    screened = made_screened(rights, codes, [[() for _ in rights] for _ in households])
    with db.write() as session:
        store.apply_batch(session, catalog.version, ON, [(h, 1) for h in households], screened)

    with db.read() as session:
        stored = {h: store.findings_of(session, h) for h in households}
    eligible = [(h, f.right_id) for h in households for f in stored[h] if f.verdict == "eligible"]
    receiving = [(h, f.right_id) for h in households for f in stored[h] if f.verdict == "receives"]
    assert sorted(eligible) == sorted(_pairs(households, rights, codes == CODE["eligible"]))
    decisions = DecisionService(db, catalog)
    grantable = [pair for pair in eligible if catalog.right(pair[1]).obtained == "grant"]
    others = [pair for pair in eligible if catalog.right(pair[1]).obtained != "grant"]
    _decide(decisions, actor, grantable[0], "granted")
    _decide(decisions, actor, others[0], "referred")
    _decide(decisions, actor, others[1], "declined")
    first = _decide(decisions, actor, others[2], "applied")
    _decide(decisions, actor, others[2], "rejected", supersedes=first)
    _decide(decisions, actor, (households[0], rights[valued[0]].id), "referred")
    _decide(decisions, actor, receiving[0], "already_receives")

    decided = {
        (household_id, view.right_id)
        for household_id in households
        for view in decisions.current(actor, household_id)
    }
    expected = [pair for pair in eligible if pair not in decided]
    value = {right.id: right.yearly_value for right in rights}
    expected.sort(key=lambda p: (value[p[1]] is None, -(value[p[1]] or 0), p[0], p[1]))

    with db.read() as session:
        listed = store.non_take_up(session, limit=1000)
        assert [(row.household_id, row.right_id) for row in listed] == expected
        assert {(row.catalog_version, row.evaluated_on) for row in listed} == {
            (catalog.version, ON)
        }
        assert [row.yearly_value for row in listed] == [value[p[1]] for p in expected]
        assert store.count_non_take_up(session) == len(expected)
        paged = []
        for offset in range(0, len(expected) + 7, 7):
            paged += store.non_take_up(session, limit=7, offset=offset)
        assert paged == listed
        for right in {pair[1] for pair in eligible} | {rights[0].id}:
            mine = [pair for pair in expected if pair[1] == right]
            found = store.non_take_up(session, right_id=right, limit=1000)
            assert [(row.household_id, row.right_id) for row in found] == mine
            assert store.count_non_take_up(session, right) == len(mine)
        valued_rows = len([p for p in expected if value[p[1]] is not None])
        page = store.non_take_up(session, limit=5, offset=valued_rows - 2)
        assert [(r.household_id, r.right_id) for r in page] == expected[valued_rows - 2 :][:5]


def _pairs(
    households: list[uuid.UUID], rights: list[RightDef], where: np.ndarray
) -> list[tuple[uuid.UUID, str]]:
    """(household, right id) of every cell where `where` holds, household by household."""
    rows, columns = np.nonzero(where)
    return [(households[h], rights[r].id) for h, r in zip(rows, columns, strict=True)]


def _decide(
    service: DecisionService,
    actor: Actor,
    pair: tuple[uuid.UUID, str],
    action: str,
    supersedes: uuid.UUID | None = None,
) -> uuid.UUID:
    data = DecisionInput(pair[1], action, ON)
    return service.record(actor, pair[0], data, "", supersedes=supersedes).id


def test_findings_of_a_household_never_screened_is_empty(db, actor):
    saved = HouseholdService(db).create(actor, single())
    with db.read() as session:
        assert store.findings_of(session, saved.id) == []
        assert store.non_take_up(session) == []
        assert store.count_non_take_up(session) == 0


def test_the_household_version_stored_is_the_one_after_the_save(db, actor, service):
    saved = service.create(actor, single())
    saved = service.record_facts(
        actor, saved.id, saved.version, [FactInput("acute_need", "bool", True)]
    )
    with db.read() as session:
        version = session.scalar(select(Household.version).where(Household.id == saved.id))
        stored = session.scalar(
            select(Screening.household_version).where(Screening.household_id == saved.id)
        )
    assert stored == version == saved.version


def test_a_household_changed_behind_the_store_is_refreshed_by_its_next_save(
    db, actor, service, evaluator
):
    saved = service.create(actor, single())
    with db.write() as session:
        session.execute(
            update(StoredFinding)
            .where(StoredFinding.household_id == saved.id)
            .values(verdict="eligible", missing="x")
        )
    service.record_facts(actor, saved.id, saved.version, [FactInput("acute_need", "bool", False)])
    assert_fresh(db, evaluator, saved.id)
