"""The batch runner: interrupted runs resume to the same findings as one clean run, only stale
households are screened again, and a household saved mid-run never gets older findings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases.households import HouseholdService, load_household
from sociaalhuis.cases.records import FactInput
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.errors import ValidationError
from sociaalhuis.screening import runner, store
from sociaalhuis.screening.engine import screen_one
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, Person, Screening, StoredFinding

ON = date(2026, 12, 3)
HOUSEHOLDS = 30
BATCH = 8


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=ON)


@pytest.fixture
def caseload(db: Database) -> Database:
    """The test database with 30 demo households (the same ones for the same seed)."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=HOUSEHOLDS, seed=11, today=ON)
    return db


def stored(db: Database) -> tuple[list[Any], list[Any]]:
    """Every row of screenings and findings, all columns but the time of screening, sorted."""
    tables = []
    with db.read() as session:
        for model in (Screening, StoredFinding):
            columns = [c for c in model.__table__.c if not c.name.endswith("_at")]
            tables.append(sorted(tuple(row) for row in session.execute(select(*columns))))
    return tables[0], tables[1]


def forget_findings(db: Database) -> None:
    with db.write() as session:
        session.execute(delete(StoredFinding))
        session.execute(delete(Screening))


def clean_run(db: Database, catalog: Catalog) -> tuple[list[Any], list[Any]]:
    """The stored rows after forgetting every finding and screening everything in one go."""
    forget_findings(db)
    summary = run_screen(db, catalog, ON, batch=BATCH)
    assert (summary.screened, summary.cancelled) == (HOUSEHOLDS, False)
    return stored(db)


def assert_whole(db: Database, catalog: Catalog, households: int) -> None:
    """Exactly `households` households have findings, each of them one per right."""
    with db.read() as session:
        screened = session.scalar(select(func.count()).select_from(Screening))
        per_household = set(
            session.scalars(
                select(func.count()).select_from(StoredFinding).group_by(StoredFinding.household_id)
            )
        )
    assert screened == households
    assert per_household <= {len(catalog.rights)}


def test_a_screen_cancelled_after_the_first_batch_resumes_to_the_same_findings(
    caseload: Database, catalog: Catalog
) -> None:
    seen: list[tuple[int, int]] = []
    summary = run_screen(
        caseload,
        catalog,
        ON,
        batch=BATCH,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) > 1,  # true once the first batch is reported
    )
    assert summary.cancelled
    assert (summary.screened, summary.total) == (BATCH, HOUSEHOLDS)
    assert seen == [(0, HOUSEHOLDS), (BATCH, HOUSEHOLDS)]
    assert_whole(caseload, catalog, BATCH)
    rest = run_screen(caseload, catalog, ON, batch=BATCH)
    assert (rest.screened, rest.total, rest.cancelled) == (HOUSEHOLDS - BATCH,) * 2 + (False,)
    resumed = stored(caseload)
    assert resumed == clean_run(caseload, catalog)
    assert len(resumed[0]) == HOUSEHOLDS


def test_ctrl_c_mid_way_keeps_the_finished_batches_and_the_next_run_completes_them(
    caseload: Database, catalog: Catalog
) -> None:
    def progress(done: int, _total: int) -> None:
        if done == 2 * BATCH:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_screen(caseload, catalog, ON, batch=BATCH, progress=progress)
    assert_whole(caseload, catalog, 2 * BATCH)
    rest = run_screen(caseload, catalog, ON, batch=BATCH)
    assert rest.screened == HOUSEHOLDS - 2 * BATCH
    assert stored(caseload) == clean_run(caseload, catalog)


def test_an_interruption_inside_a_write_leaves_nothing_of_that_batch(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a kill during the write: the batch's transaction never commits, so none of it stays."""
    calls: list[int] = []
    real = store.apply_batch

    def apply_then_die(*args: Any, **kwargs: Any) -> dict[str, int]:
        changed = real(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # after the rows were written, before the commit
        return changed

    monkeypatch.setattr(runner.store, "apply_batch", apply_then_die)
    with pytest.raises(KeyboardInterrupt):
        run_screen(caseload, catalog, ON, batch=BATCH)
    monkeypatch.setattr(runner.store, "apply_batch", real)
    assert_whole(caseload, catalog, BATCH)
    assert run_screen(caseload, catalog, ON, batch=BATCH).screened == HOUSEHOLDS - BATCH
    assert stored(caseload) == clean_run(caseload, catalog)


def test_findings_are_those_of_the_single_household_engine(
    caseload: Database, catalog: Catalog
) -> None:
    summary = run_screen(caseload, catalog, ON, batch=BATCH)
    assert summary.changed == {k: v for k, v in sorted(summary.changed.items()) if v}
    evaluator = Evaluator(catalog)
    with caseload.read() as session:
        ids = list(session.scalars(select(Household.id)))
        situations = store.load_situations(session, catalog, sorted(ids), ON)
        rows = set(
            session.execute(
                select(StoredFinding.household_id, StoredFinding.right_id, StoredFinding.verdict)
            )
        )
    expected = {
        (household, finding.right_id, finding.verdict)
        for household, _, situation in situations
        for finding in screen_one(evaluator, situation, ON)
    }
    assert rows == expected
    # Every finding was new, so each counts as changed once.
    assert summary.findings_changed == HOUSEHOLDS * len(catalog.rights)


def test_a_second_run_screens_nothing_and_all_screens_everything_again_unchanged(
    caseload: Database, catalog: Catalog
) -> None:
    run_screen(caseload, catalog, ON, batch=BATCH)
    before = stored(caseload)
    again = run_screen(caseload, catalog, ON, batch=BATCH)
    assert (again.screened, again.total, again.changed) == (0, 0, {})
    everything = run_screen(caseload, catalog, ON, everything=True, batch=BATCH)
    assert (everything.screened, everything.changed) == (HOUSEHOLDS, {})
    assert stored(caseload) == before


def test_a_changed_fact_screens_only_that_household_again(
    caseload: Database, catalog: Catalog
) -> None:
    run_screen(caseload, catalog, ON, batch=BATCH)
    actor = _worker(caseload)
    with caseload.read() as session:
        household_id, version = session.execute(
            select(Household.id, Household.version).order_by(Household.id).limit(1)
        ).one()
    HouseholdService(caseload).record_facts(
        actor, household_id, version, [FactInput("tenure", "choice", "social_rent")]
    )
    summary = run_screen(caseload, catalog, ON, batch=BATCH)
    assert (summary.screened, summary.total) == (1, 1)
    with caseload.read() as session:
        row = session.get(Screening, household_id)
        assert row is not None and row.household_version == version + 1


def test_another_catalog_version_or_date_screens_every_household_again(
    caseload: Database, catalog: Catalog, tmp_path: Path
) -> None:
    run_screen(caseload, catalog, ON, batch=BATCH)
    assert run_screen(caseload, catalog, date(2026, 12, 4), batch=BATCH).screened == HOUSEHOLDS
    folder = tmp_path / "catalog"
    shutil.copytree(loader.DEFAULT_FOLDER, folder)
    header = folder / "catalog.toml"
    header.write_text(
        header.read_text(encoding="utf-8").replace(
            f'version = "{catalog.version}"', 'version = "2026.12-test"'
        ),
        encoding="utf-8",
    )
    newer = loader.load(folder, today=ON)
    assert newer.version == "2026.12-test"
    summary = run_screen(caseload, newer, ON, batch=BATCH)
    assert (summary.screened, summary.total) == (HOUSEHOLDS, HOUSEHOLDS)
    assert run_screen(caseload, newer, ON, batch=BATCH).screened == 0


def test_a_household_saved_during_the_screen_keeps_its_newer_findings(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner reads version v; a worker saves v+1 through the desk's service, which stores
    that version's findings in the same transaction; the runner's write must leave them be."""
    actor = _worker(caseload)
    desk = HouseholdService(caseload, store.FindingsRefresher(Evaluator(catalog), lambda: ON))
    real = runner.gather  # the runner's read of a batch
    saved: list[Any] = []

    def read_then_someone_saves(session: Any, *args: Any) -> Any:
        batch = real(session, *args)
        if not saved:
            household_id, version = batch.rows[0]
            view = desk.record_facts(
                actor, household_id, version, [FactInput("tenure", "choice", "social_rent")]
            )
            saved.append((household_id, view.version, stored(caseload)))
        return batch

    monkeypatch.setattr(runner, "gather", read_then_someone_saves)
    summary = run_screen(caseload, catalog, ON, batch=BATCH)
    monkeypatch.setattr(runner, "gather", real)
    household_id, version, after_save = saved[0]
    assert (summary.screened, summary.skipped) == (HOUSEHOLDS - 1, 1)
    screenings, findings = stored(caseload)
    mine = [row for row in screenings if row[0] == household_id]
    assert mine == [row for row in after_save[0] if row[0] == household_id]
    assert [row for row in findings if row[0] == household_id] == [
        row for row in after_save[1] if row[0] == household_id
    ]
    with caseload.read() as session:
        assert session.get(Screening, household_id).household_version == version
    assert run_screen(caseload, catalog, ON, batch=BATCH).screened == 0


def test_findings_stored_anew_without_a_new_version_are_not_overwritten(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member's birth date saved through another household changes this household's
    findings but not its version; the save refreshes them, and the runner, which read the old
    birth date, must leave them alone."""
    run_screen(caseload, catalog, ON, batch=BATCH)
    before = stored(caseload)
    evaluator = Evaluator(catalog)
    real = runner.gather  # the runner's read of a batch
    saved: list[Any] = []

    def read_then_a_member_changes(session: Any, *args: Any) -> Any:
        batch = real(session, *args)
        if not saved:
            household_id = batch.rows[0][0]
            with caseload.write() as other:
                household = load_household(other, household_id)
                person = household.members[0].person_id
                other.execute(
                    update(Person).where(Person.id == person).values(birth_date=date(1931, 5, 1))
                )
                other.expire_all()
                store.refresh_household(other, evaluator, load_household(other, household_id), ON)
            saved.append((household_id, stored(caseload)))
        return batch

    monkeypatch.setattr(runner, "gather", read_then_a_member_changes)
    summary = run_screen(caseload, catalog, ON, everything=True, batch=BATCH)
    monkeypatch.setattr(runner, "gather", real)
    household_id, after_save = saved[0]

    def mine(tables: tuple[list[Any], list[Any]]) -> list[list[Any]]:
        return [[row for row in table if row[0] == household_id] for table in tables]

    assert mine(after_save)[1] != mine(before)[1], "the birth date should change a finding"
    assert (summary.screened, summary.skipped) == (HOUSEHOLDS - 1, 1)
    assert mine(stored(caseload)) == mine(after_save)


def test_a_save_between_a_batch_read_and_its_write_keeps_its_findings(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save commits after the runner's read ended and before its write began, on the
    connection the read gave back (SQLite's proof that nothing changed must see it)."""
    run_screen(caseload, catalog, ON, batch=BATCH)
    actor = _worker(caseload)
    desk = HouseholdService(caseload, store.FindingsRefresher(Evaluator(catalog), lambda: ON))
    with caseload.read() as session:
        household_id, version = session.execute(
            select(Household.id, Household.version).order_by(Household.id).limit(1)
        ).one()
    real_write = caseload.write
    saved: list[Any] = []

    @contextmanager
    def save_then_write() -> Iterator[Any]:
        if not saved:
            saved.append(household_id)
            desk.record_facts(
                actor, household_id, version, [FactInput("tenure", "choice", "social_rent")]
            )
            saved.append(stored(caseload))
        with real_write() as session:
            yield session

    monkeypatch.setattr(caseload, "write", save_then_write)
    summary = run_screen(caseload, catalog, ON, everything=True, batch=BATCH)
    monkeypatch.undo()
    after_save = saved[1]
    assert (summary.screened, summary.skipped) == (HOUSEHOLDS - 1, 1)
    mine = [[row for row in table if row[0] == household_id] for table in after_save]
    assert mine[1], "the save should have stored findings"
    assert [[row for row in table if row[0] == household_id] for table in stored(caseload)] == mine
    assert run_screen(caseload, catalog, ON, batch=BATCH).screened == 0


def test_the_commit_stamp_changes_with_a_commit_of_another_connection_or_its_own(
    caseload: Database,
) -> None:
    """What lets an undisturbed batch skip the row-by-row check: equal stamps only when nobody
    committed a change in between, whichever connection committed it."""
    bump = update(Household).values(version=Household.version + 1)
    with caseload.engine.connect() as mine, caseload.engine.connect() as other:

        def stamp() -> Any:
            with Session(bind=mine) as session, session.begin():
                session.execute(select(func.count()).select_from(Household)).scalar_one()
                return runner.commit_stamp(session)

        first = stamp()
        if not caseload.is_sqlite:
            assert first is None
            return
        assert stamp() == first
        with other.begin():
            other.execute(bump)
        second = stamp()
        assert second != first
        assert stamp() == second
        with mine.begin():
            mine.execute(bump)
        assert stamp() != second


def test_a_batch_below_one_is_refused(caseload: Database, catalog: Catalog) -> None:
    with pytest.raises(ValidationError, match="batch"):
        run_screen(caseload, catalog, ON, batch=0)
    assert stored(caseload) == ([], [])


def _worker(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "lien", "Lien Peeters", "social_worker")


def test_the_collector_is_paused_while_a_batch_is_read_and_resumes_after() -> None:
    import gc

    from sociaalhuis.collector import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), gc_paused():
        raise KeyError("a failing read")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_reads_run_with_the_collector_paused(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    seen: list[bool] = []

    def noting(real: Any) -> Any:
        def read(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        return read

    monkeypatch.setattr(runner, "gather", noting(runner.gather))  # each path's read
    run_screen(caseload, catalog, ON, batch=BATCH, parallel=False, everything=True)
    run_screen(caseload, catalog, ON, batch=BATCH, parallel=True, everything=True)
    # Three sequential batches and three parallel ones (the writes may read too, unpaused).
    assert len(seen) >= 6 and seen[:3] == [False] * 3
    assert seen.count(False) >= 6
    assert gc.isenabled()
