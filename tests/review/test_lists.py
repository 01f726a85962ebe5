"""The review lists equal what the findings and decisions say, after random edits; every
filter alone and combined equals filtering the full list in Python; take-up counts match."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import DecisionInput, FactInput
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.review import export, followups, lists
from sociaalhuis.review.lists import ReviewFilters
from sociaalhuis.screening.store import FindingsRefresher
from sociaalhuis.storage.models import Decision, Household, StoredFinding
from tests.review.review_world import (
    CATALOG,
    ON,
    RIGHTS,
    build,
    everything,
    expected,
    household_facts,
    open_pairs,
    passes,
)


def _listed(world, which: str, limit: int = 500) -> list[tuple]:
    return [
        (r.household_id, r.right_id, r.yearly_value) for r in everything(world, which, limit=limit)
    ]


def test_the_lists_equal_the_open_findings_after_random_edits(db):
    world = build(db, households=10, seed=11)
    rng = random.Random(11)
    decisions = DecisionService(db, CATALOG)
    households = HouseholdService(db, FindingsRefresher(Evaluator(CATALOG), lambda: ON))
    recorded: list[Decision] = []
    for step in range(12):
        kind = rng.choice(["decide", "decide", "correct", "income"])
        if kind == "decide" and open_pairs(db, "eligible"):
            household_id, right_id = rng.choice(open_pairs(db, "eligible"))
            action = rng.choice(["applied", "referred", "declined"])
            view = decisions.record(
                world.system, household_id, DecisionInput(right_id, action, ON), ""
            )
            recorded.append(view)
        elif kind == "correct" and recorded:
            # A correction supersedes the decision: the right is still decided on.
            old = recorded.pop(rng.randrange(len(recorded)))
            view = decisions.record(
                world.system,
                old.household_id,
                DecisionInput(old.right_id, "declined", ON),
                "",
                supersedes=old.id,
            )
            recorded.append(view)
        else:
            household_id = rng.choice(world.households)
            with db.read() as session:
                version = session.get(Household, household_id).version
            amount = rng.choice([None, Decimal(9000), Decimal(16000), Decimal(60000)])
            households.record_facts(
                world.system,
                household_id,
                version,
                [FactInput("household_income", "money", amount)],
            )
        for which in ("eligible", "possible"):
            want = expected(db, which)
            limit = rng.choice([9, 500]) if which == "eligible" else 500
            assert _listed(world, which, limit=limit) == want, (step, which)
        assert lists.counts(db, world.lead, CATALOG, today=ON) == {
            "eligible": len(expected(db, "eligible")),
            "possible": len(expected(db, "possible")),
            "overdue": len(everything(world, "overdue")),
        }


def test_every_filter_alone_and_combined_equals_filtering_in_python(db):
    world = build(db, households=30, seed=5)
    facts = household_facts(db)
    full = {which: everything(world, which) for which in lists.LISTS}
    assert full["overdue"], "the world has overdue referrals and applications"
    assert any(r.worker for r in full["eligible"]) and any(not r.worker for r in full["eligible"])
    some_right = full["eligible"][0].right_id
    provider = RIGHTS[full["possible"][0].right_id].provider
    single = [
        ReviewFilters(right_id=some_right),
        ReviewFilters(right_id="budgetbegeleiding"),
        ReviewFilters(provider=provider),
        *(ReviewFilters(level=level) for level in lists.LEVELS),
        *(ReviewFilters(worker_id=worker.user_id) for worker in world.workers),
        *(ReviewFilters(deelgemeente=name) for name in lists.DEELGEMEENTEN),
        *(ReviewFilters(age_band=band) for band in lists.AGE_BANDS),
        *(ReviewFilters(household_type=kind) for kind in lists.HOUSEHOLD_TYPES),
    ]
    rng = random.Random(3)
    combined = []
    for _ in range(6):
        parts = {
            "level": rng.choice([None, *lists.LEVELS]),
            "worker_id": rng.choice([None, *(w.user_id for w in world.workers)]),
            "deelgemeente": rng.choice([None, *lists.DEELGEMEENTEN]),
            "age_band": rng.choice([None, *lists.AGE_BANDS]),
            "household_type": rng.choice([None, *lists.HOUSEHOLD_TYPES]),
        }
        combined.append(ReviewFilters(**parts))
    nonempty = 0
    for filters in single + combined:
        counted = lists.counts(db, world.lead, CATALOG, filters, today=ON)
        for which in lists.LISTS:
            want = [row for row in full[which] if passes(filters, row, facts)]
            got = everything(world, which, filters, limit=40 if which == "eligible" else 300)
            assert got == want, (filters, which)
            assert counted[which] == len(want), (filters, which)
            nonempty += bool(want)
    assert nonempty > 35  # the filters are not all trivially empty


def test_small_pages_with_household_filters_equal_the_full_list(db, monkeypatch):
    """Pages of a few rows, households read in batches of two and up: the rows with a value
    (merged per right) and those without (household by household) meet in the right order."""
    world = build(db, households=30, seed=5)
    facts = household_facts(db)
    full = {which: everything(world, which) for which in ("eligible", "possible")}
    monkeypatch.setattr(lists, "HOUSEHOLD_BATCH", (2, 8))
    chosen = [
        ReviewFilters(deelgemeente="Herent"),
        ReviewFilters(household_type="single"),
        ReviewFilters(age_band="25-44", level="local"),
        ReviewFilters(worker_id=world.workers[0].user_id),
    ]
    for filters in chosen:
        for which, rows in full.items():
            want = [row for row in rows if passes(filters, row, facts)]
            assert everything(world, which, filters, limit=7) == want, (filters, which)
    valued = [row for row in full["possible"] if row.yearly_value is not None]
    assert valued and len(valued) < len(full["possible"]), "both kinds of row are listed"


def test_rows_carry_names_workers_questions_and_overdue_details(db):
    world = build(db, households=12, seed=8)
    eligible = everything(world, "eligible")
    values = [row.yearly_value for row in eligible]
    valued = [v for v in values if v is not None]
    assert valued == sorted(valued, reverse=True)
    assert values == valued + [None] * (len(values) - len(valued))
    assert all(row.applicant and row.deelgemeente in lists.DEELGEMEENTEN for row in eligible)
    assert {row.worker for row in eligible} >= {"Lien Peeters", ""}
    possible = everything(world, "possible")
    assert possible and all(row.questions for row in possible)
    overdue = everything(world, "overdue")
    details = {row.detail for row in overdue}
    assert any(d.startswith("Doorverwijzing CAW Oost-Brabant (SH-") for d in details)
    assert any(d.startswith("Aanvraag") for d in details)
    assert all(row.follow_up_on is not None and row.follow_up_on < ON for row in overdue)


def test_a_later_decision_takes_an_application_off_the_overdue_list(db):
    world = build(db, households=10, seed=4)
    before = [r for r in everything(world, "overdue") if r.detail.startswith("Aanvraag")]
    assert before
    first = before[0]
    DecisionService(db, CATALOG).record(
        world.system,
        first.household_id,
        DecisionInput(
            first.right_id,
            "granted" if RIGHTS[first.right_id].obtained == "grant" else "already_receives",
            ON,
        ),
        "",
    )
    after = everything(world, "overdue")
    assert (first.household_id, first.right_id) not in {(r.household_id, r.right_id) for r in after}


def test_take_up_counts_the_findings_and_the_current_decisions(db):
    world = build(db, households=15, seed=9)
    rows = lists.take_up(db, world.lead, CATALOG, today=ON)
    assert [row.right_id for row in rows] == [right.id for right in CATALOG.rights]
    with db.read() as session:
        held = (
            session.execute(
                select(StoredFinding.right_id).where(
                    StoredFinding.verdict.in_(["eligible", "receives"])
                )
            )
            .scalars()
            .all()
        )
        decided = session.execute(select(Decision.right_id, Decision.action)).all()
    by_right = {row.right_id: row for row in rows}
    for right_id in set(held):
        assert by_right[right_id].eligible == held.count(right_id)
    applied = sum(1 for _, action in decided if action == "applied")
    assert sum(row.applied for row in rows) == applied  # nothing superseded in this world
    local = lists.take_up(db, world.lead, CATALOG, ReviewFilters(level="local"), today=ON)
    assert {row.right_id for row in local} == {
        r.id for r in CATALOG.rights if lists.level_of(r) == "local"
    }
    trend = lists.take_up_trend(db, world.lead, CATALOG, months=4, today=ON)
    firsts = [date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
    assert [first for first, _, _ in trend] == firsts
    total = len(held)
    decided = len(set(_decided_pairs(db)))
    # The world's decisions were all taken in October (60 and 50 days before 3 December).
    assert trend[0][1:] == (total, 0)
    assert trend[1][1] == total - decided and trend[1][2] > 0
    assert trend[3][1:] == (total - decided, 0)


def _decided_pairs(db):
    with db.read() as session:
        pairs = session.execute(
            select(Decision.household_id, Decision.right_id)
            .join(
                StoredFinding,
                (StoredFinding.household_id == Decision.household_id)
                & (StoredFinding.right_id == Decision.right_id),
            )
            .where(StoredFinding.verdict.in_(["eligible", "receives"]))
        ).all()
    return pairs


def test_a_social_worker_and_the_intake_desk_are_refused(db):
    world = build(db, households=3, seed=2)
    with db.write() as session:
        intake = ensure_user(session, "onthaal", "Onthaal", "intake")
    for actor in (world.workers[0], intake):
        with pytest.raises(PermissionDenied):
            lists.review(db, actor, CATALOG, "eligible", today=ON)
        with pytest.raises(PermissionDenied):
            lists.counts(db, actor, CATALOG, today=ON)
        with pytest.raises(PermissionDenied):
            lists.take_up(db, actor, CATALOG, today=ON)
        with pytest.raises(PermissionDenied):
            export.export_review(
                db, actor, CATALOG, "eligible", lists.NO_FILTERS, db_path(db), "csv", ON
            )
        with pytest.raises(PermissionDenied):
            followups.assign_follow_up(
                db, actor, [(world.households[0], None)], actor.user_id, ON, "", today=ON
            )


def db_path(db):
    import tempfile
    from pathlib import Path

    return Path(tempfile.gettempdir()) / f"refused-{id(db)}.csv"


def test_unknown_filter_values_are_refused_naming_the_filter(db):
    world = build(db, households=2, seed=1)
    cases = {
        "which": ("nope", ReviewFilters()),
        "right_id": ("eligible", ReviewFilters(right_id="nope")),
        "level": ("eligible", ReviewFilters(level="Vlaams")),
        "deelgemeente": ("eligible", ReviewFilters(deelgemeente="Leuven")),
        "age_band": ("eligible", ReviewFilters(age_band="70+")),
        "household_type": ("eligible", ReviewFilters(household_type="family")),
    }
    for field, (which, filters) in cases.items():
        with pytest.raises(ValidationError) as refused:
            lists.review(db, world.lead, CATALOG, which, filters, today=ON)
        assert refused.value.field == field


def test_an_assigned_follow_up_shows_on_the_rows_and_is_audited(db):
    world = build(db, households=6, seed=3)
    first = everything(world, "eligible")[0]
    other = next(r for r in everything(world, "possible") if r.household_id != first.household_id)
    due = ON + timedelta(days=14)
    stored = followups.assign_follow_up(
        db,
        world.lead,
        [
            (first.household_id, first.right_id),
            (other.household_id, None),
            (other.household_id, None),
        ],
        world.workers[1].user_id,
        due,
        "Bel de cliënt over de aanvraag",
        today=ON,
    )
    assert stored == 2
    rows = everything(world, "eligible") + everything(world, "possible")
    marked = {(r.household_id, r.right_id) for r in rows if r.follow_up_on == due}
    assert (first.household_id, first.right_id) in marked
    assert {r.right_id for r in rows if r.household_id == other.household_id} <= {
        right for household, right in marked if household == other.household_id
    }
    from sociaalhuis.storage.models import AuditEvent

    with db.read() as session:
        events = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "follow_up.assigned")
        ).all()
    assert len(events) == 2 and all("Bel" not in detail for detail in events)
    with pytest.raises(ValidationError) as refused:
        followups.assign_follow_up(
            db,
            world.lead,
            [(first.household_id, None)],
            world.workers[0].user_id,
            due,
            "x" * 1001,
            today=ON,
        )
    assert refused.value.field == "note"
    with pytest.raises(ValidationError) as refused:
        followups.assign_follow_up(
            db, world.lead, [(first.household_id, None)], world.system.user_id, due, "", today=ON
        )
    assert refused.value.field == "worker_id"
    with pytest.raises(ValidationError) as refused:
        followups.assign_follow_up(
            db,
            world.lead,
            [(first.household_id, None)],
            world.workers[0].user_id,
            ON - timedelta(days=1),
            "",
            today=ON,
        )
    assert refused.value.field == "due_on"
