"""The parallel runner (a worker process evaluates while this one reads and writes): the same
findings as the sequential runner, the same care for saves during the screen, interruptions
that keep finished batches, and a worker that never outlives the runner."""

from __future__ import annotations

import io
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.records import FactInput
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.cli import main
from sociaalhuis.demo.loader import load
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.screening import columns, runner, snapshots, store, worker
from sociaalhuis.screening.engine import Screened
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Household, Screening
from tests.encryption.helpers import PASSPHRASE, url
from tests.screening.test_runner import assert_whole, forget_findings, stored

ON = date(2026, 12, 3)
HOUSEHOLDS = 30
BATCH = 8


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return loader.load(today=ON)


def with_households(db: Database) -> Database:
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=HOUSEHOLDS, seed=11, today=ON)
    return db


@pytest.fixture
def caseload(db: Database) -> Database:
    """The test database with 30 demo households (the same ones for the same seed)."""
    return with_households(db)


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[worker.Worker]:
    """Every worker the runner starts, to check none is left running."""
    started: list[worker.Worker] = []
    real = worker.Worker

    def noting(*args: Any) -> worker.Worker:
        started.append(real(*args))
        return started[-1]

    monkeypatch.setattr(runner, "Worker", noting)
    return started


def sequential(db: Database, catalog: Catalog, **options: Any) -> tuple[list[Any], list[Any]]:
    forget_findings(db)
    summary = run_screen(db, catalog, ON, batch=BATCH, parallel=False, **options)
    assert summary.mode == "sequential: asked for"
    return stored(db)


def parallel(db: Database, catalog: Catalog, **options: Any) -> runner.ScreenSummary:
    return run_screen(db, catalog, ON, batch=BATCH, parallel=True, **options)


def assert_ended(workers: list[worker.Worker]) -> None:
    assert workers, "the run should have started a worker"
    assert all(w.process.poll() is not None for w in workers)


def test_both_paths_store_identical_findings(
    caseload: Database, catalog: Catalog, workers: list[worker.Worker]
) -> None:
    expected = sequential(caseload, catalog)
    forget_findings(caseload)
    summary = parallel(caseload, catalog)
    assert (summary.mode, summary.screened, summary.skipped) == ("parallel", HOUSEHOLDS, 0)
    assert summary.findings_changed == HOUSEHOLDS * len(catalog.rights)
    assert stored(caseload) == expected
    again = parallel(caseload, catalog, everything=True)
    assert (again.mode, again.screened, again.changed) == ("parallel", HOUSEHOLDS, {})
    assert stored(caseload) == expected
    assert again.worker_peak_mb is not None and again.worker_peak_mb > 10
    assert_ended(workers)


def test_batches_larger_than_a_pipe_holds_go_through(db: Database, catalog: Catalog) -> None:
    """A batch and a result each far above the 64 KiB a pipe buffers: the runner must never
    write the next batch while the worker writes a result (both would wait for ever)."""
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
    load(db, system, households=3000, seed=5, today=ON)
    outcome: list[Any] = []

    def screen() -> None:
        outcome.append(run_screen(db, catalog, ON, batch=1000, parallel=True))

    thread = threading.Thread(target=screen, daemon=True)
    thread.start()
    thread.join(timeout=300)
    assert outcome, "the parallel screen did not end"
    assert (outcome[0].mode, outcome[0].screened) == ("parallel", 3000)
    parallel_rows = stored(db)
    forget_findings(db)
    run_screen(db, catalog, ON, batch=1000, parallel=False)
    assert stored(db) == parallel_rows


def test_a_batch_cut_into_pieces_gives_the_findings_of_the_whole(
    caseload: Database, catalog: Catalog
) -> None:
    """The worker screens a batch in pieces to bound its memory; the pieces' findings, put
    back together, are those of the batch screened at once."""
    evaluator = Evaluator(catalog)
    with caseload.read() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        batch = columns.gather(session, catalog, ids, ON)

    def findings(verdicts: Any, missing: Any, table: Any) -> list[Any]:
        lists = table.lists
        return [
            (v, [lists[code] for code in row])
            for v, row in zip(verdicts.tolist(), missing.tolist(), strict=True)
        ]

    verdicts, missing, doubtful, table = columns.evaluate(evaluator, batch.shape(), ON)
    pieces = worker.pieces(batch.shape(), 7)
    assert [len(piece[0]) for piece in pieces] == [7, 7, 7, 7, 2]
    shared = MissingTable()
    found = [columns.evaluate(evaluator, piece, ON, shared) for piece in pieces]
    joined = [np.concatenate([f[i] for f in found]) for i in range(3)]
    assert findings(joined[0], joined[1], shared) == findings(verdicts, missing, table)
    assert joined[2].tolist() == doubtful.tolist()


def test_digests_made_by_the_worker_are_made_anew_for_rows_screened_exactly(
    caseload: Database, catalog: Catalog
) -> None:
    """The worker hands back the digest of every row; a row the floats could not settle is
    screened again by the exact engine in the runner, and its digest must follow."""
    evaluator = Evaluator(catalog)
    with caseload.read() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        batch = columns.gather(session, catalog, ids, ON)
        verdicts, missing, doubtful, table = columns.evaluate(evaluator, batch.shape(), ON)
        truth = columns.settle(
            session, evaluator, batch.rows, ON, verdicts, missing, doubtful, table
        )
        expected = list(truth.digests())
        made = Screened(catalog.rights, verdicts.copy(), missing.copy(), table).digests()
        assert made == expected
        # Row 3 as if the floats had given a wrong answer and left it in doubt.
        wrong, unsure = verdicts.copy(), np.zeros_like(doubtful)
        wrong[3] = (wrong[3] + 1) % 4
        unsure[3] = True
        stale = Screened(catalog.rights, wrong, missing.copy(), table).digests()
        assert stale[3] != expected[3]
        settled = columns.settle(
            session, evaluator, batch.rows, ON, wrong, missing.copy(), unsure, table, stale
        )
    assert settled.digests() == expected
    assert settled.verdicts.tolist() == truth.verdicts.tolist()


def repeated(shape: Any, times: int) -> Any:
    """The batch `shape` `times` over, as one batch (rows numbered on)."""
    counts, household, members, exact = shape
    households, member_rows = len(counts), sum(counts)

    def spread(values: Any, size: int) -> Any:
        return {
            key: (
                [row + k * size for k in range(times) for row in rows],
                [value for _ in range(times) for value in given],
            )
            for key, (rows, given) in values.items()
        }

    every = [row + k * households for k in range(times) for row in exact]
    return counts * times, spread(household, households), spread(members, member_rows), every


def test_a_batch_goes_down_the_pipe_without_the_runner_waiting_for_the_worker(
    caseload: Database, catalog: Catalog
) -> None:
    """The runner hands a batch over and goes on with its own work while the worker takes it
    in; a worker stopped with a batch half in the pipe is still ended."""
    with caseload.read() as session:
        ids = list(session.scalars(select(Household.id).order_by(Household.id)))
        shape = repeated(columns.gather(session, catalog, ids, ON).shape(), 200)
    assert len(pickle.dumps(shape)) > 4 * 65536  # far more than a pipe holds
    expected = columns.evaluate(Evaluator(catalog), shape, ON)[0]

    def within(work: Any) -> None:
        doing = threading.Thread(target=work, daemon=True)
        doing.start()
        doing.join(timeout=120)
        assert not doing.is_alive(), f"{work.__name__} waited for a worker that does not read"

    handed = worker.Worker(catalog, ON)
    try:
        os.kill(handed.process.pid, signal.SIGSTOP)  # reads nothing until continued
        within(lambda: handed.send(shape))
        os.kill(handed.process.pid, signal.SIGCONT)
        verdicts = handed.receive()[0]
        assert verdicts.tolist() == expected.tolist()
        os.kill(handed.process.pid, signal.SIGSTOP)
        handed.send(shape)
        within(handed.stop)
        assert handed.process.poll() is not None
    finally:
        if handed.process.poll() is None:
            handed.process.kill()
            handed.process.wait()


def test_small_runs_stay_sequential_unless_asked(caseload: Database, catalog: Catalog) -> None:
    summary = run_screen(caseload, catalog, ON, batch=BATCH)
    assert summary.mode == f"sequential: fewer than {runner.PARALLEL_FROM:,} households"
    one = run_screen(caseload, catalog, ON, batch=HOUSEHOLDS, everything=True, parallel=True)
    assert one.mode == "sequential: one batch"


def counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows of every batch that goes to the row-by-row check under lock."""
    checked: list[int] = []
    real = runner._unchanged

    def counting(session: Any, parts: Any, rows: Any, marks: Any) -> Any:
        checked.append(len(rows))
        return real(session, parts, rows, marks)

    monkeypatch.setattr(runner, "_unchanged", counting)
    return checked


class Proofs:
    """On PostgreSQL, what each batch's proof saw: the transactions that ended between its
    read and its write, and the ids of the runner's own writes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ended: list[set[int]] = []
        self.own: set[int] = set()
        ended_between, own_write = snapshots.ended_between, snapshots.own_write

        def noting_ended(*args: Any) -> Any:
            found = ended_between(*args)
            self.ended.append(set() if found is None else found)
            return found

        def noting_own(session: Any) -> Any:
            xid = own_write(session)
            if xid is not None:
                self.own.add(xid)
            return xid

        monkeypatch.setattr(snapshots, "ended_between", noting_ended)
        monkeypatch.setattr(snapshots, "own_write", noting_own)

    def foreign(self) -> int:
        """Batches whose proof met a transaction not the runner's (autovacuum's ANALYZE of
        a fresh test database takes one now and then)."""
        return sum(1 for ended in self.ended if ended - self.own)


@pytest.mark.parametrize("mode", ["parallel", "sequential"])
def test_undisturbed_batches_skip_the_row_by_row_check(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    """Our own write of the batch before comes between a batch's read and its write; on SQLite
    the stamp it leaves stands in for the read's, on PostgreSQL its transaction counts as ours,
    so only a commit of someone else forces the check."""
    expected = sequential(caseload, catalog)
    checked = counting_checks(monkeypatch)
    proofs = Proofs(monkeypatch)
    summary = run_screen(
        caseload, catalog, ON, batch=BATCH, parallel=mode == "parallel", everything=True
    )
    assert (summary.screened, summary.skipped) == (HOUSEHOLDS, 0)
    assert stored(caseload) == expected
    # Findings that change are written, and those writes are ours too.
    forget_findings(caseload)
    again = run_screen(caseload, catalog, ON, batch=BATCH, parallel=mode == "parallel")
    assert again.screened == HOUSEHOLDS
    assert stored(caseload) == expected
    if caseload.is_sqlite:
        assert checked == [] and proofs.ended == []
        return
    assert len(proofs.ended) == 8 and len(proofs.own) >= 3
    assert len(checked) == proofs.foreign()
    if mode == "parallel":  # there our write of the batch before comes after a batch's read
        assert any(ended and ended <= proofs.own for ended in proofs.ended), "no own write seen"


def test_a_commit_of_someone_else_sends_the_next_batch_to_the_check(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anything another connection commits between a batch's read and its write (here an
    account added, nothing the findings rest on) leaves that batch to the row-by-row check."""
    expected = sequential(caseload, catalog)
    checked = counting_checks(monkeypatch)
    proofs = Proofs(monkeypatch)
    added: list[str] = []

    def progress(done: int, _total: int) -> None:
        # The first batch is written; the second was read before it.
        if done == BATCH and not added:
            with caseload.write() as session:
                ensure_user(session, "jef", "Jef Wouters", "social_worker")
            added.append("jef")

    summary = run_screen(
        caseload, catalog, ON, batch=BATCH, parallel=True, everything=True, progress=progress
    )
    assert added
    assert (summary.screened, summary.skipped) == (HOUSEHOLDS, 0)
    assert stored(caseload) == expected
    if caseload.is_sqlite:
        assert checked == [BATCH]
    else:
        assert proofs.ended[1] - proofs.own, "the second batch's proof missed the commit"
        assert len(checked) == proofs.foreign() >= 1


@pytest.mark.parametrize("when", ["its own read", "the next batch's read"])
def test_a_save_after_a_batch_was_read_keeps_its_findings(
    caseload: Database, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """A worker saves a household of the first batch right after that batch was read, or a
    household of the second batch after the second was read (still before the first batch is
    written): the runner leaves the save's findings and screens it on the next run."""
    run_screen(caseload, catalog, ON, parallel=False)
    with caseload.write() as session:
        actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    desk = HouseholdService(caseload, store.FindingsRefresher(Evaluator(catalog), lambda: ON))
    with caseload.read() as session:
        ids = list(session.execute(select(Household.id, Household.version).order_by(Household.id)))
    household_id, version = ids[0] if when == "its own read" else ids[BATCH]
    real = runner.gather
    calls: list[int] = []
    saved: list[Any] = []

    def read_then_someone_saves(*args: Any) -> Any:
        gathered = real(*args)
        calls.append(1)
        if len(calls) == (1 if when == "its own read" else 2):
            tenure = FactInput("tenure", "choice", "social_rent")
            desk.record_facts(actor, household_id, version, [tenure])
            saved.append(stored(caseload))
        return gathered

    monkeypatch.setattr(runner, "gather", read_then_someone_saves)
    summary = parallel(caseload, catalog, everything=True)
    monkeypatch.undo()
    assert (summary.mode, summary.screened, summary.skipped) == ("parallel", HOUSEHOLDS - 1, 1)
    mine = [[row for row in table if row[0] == household_id] for table in saved[0]]
    assert mine[1], "the save should have stored findings"
    assert [[row for row in table if row[0] == household_id] for table in stored(caseload)] == mine
    with caseload.read() as session:
        assert session.get(Screening, household_id).household_version == version + 1
    assert run_screen(caseload, catalog, ON, batch=BATCH).screened == 0


def test_ctrl_c_mid_way_keeps_finished_batches_and_ends_the_worker(
    caseload: Database, catalog: Catalog, workers: list[worker.Worker]
) -> None:
    def progress(done: int, _total: int) -> None:
        if done == 2 * BATCH:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel(caseload, catalog, progress=progress)
    assert_ended(workers)
    assert_whole(caseload, catalog, 2 * BATCH)
    rest = run_screen(caseload, catalog, ON, batch=BATCH)
    assert rest.screened == HOUSEHOLDS - 2 * BATCH
    assert stored(caseload) == sequential(caseload, catalog)


def test_a_cancelled_parallel_screen_resumes_to_the_same_findings(
    caseload: Database, catalog: Catalog, workers: list[worker.Worker]
) -> None:
    seen: list[int] = []
    summary = parallel(
        caseload,
        catalog,
        progress=lambda done, _total: seen.append(done),
        cancelled=lambda: len(seen) > 1,
    )
    # The batch read when the stop came is still written: its evaluation was under way.
    assert summary.cancelled and summary.screened == 2 * BATCH
    assert_ended(workers)
    assert_whole(caseload, catalog, 2 * BATCH)
    rest = parallel(caseload, catalog)
    assert rest.screened == HOUSEHOLDS - 2 * BATCH
    assert stored(caseload) == sequential(caseload, catalog)


def test_a_worker_that_dies_leaves_the_rest_to_the_sequential_path(
    caseload: Database, catalog: Catalog, workers: list[worker.Worker]
) -> None:
    def progress(done: int, _total: int) -> None:
        if done == BATCH:
            workers[0].process.kill()
            workers[0].process.wait()

    summary = parallel(caseload, catalog, progress=progress)
    assert summary.mode.startswith("sequential: the screening worker went away")
    assert (summary.screened, summary.skipped, summary.cancelled) == (HOUSEHOLDS, 0, False)
    assert stored(caseload) == sequential(caseload, catalog)


def test_a_catalog_the_worker_cannot_load_falls_back(
    caseload: Database, catalog: Catalog, tmp_path: Path
) -> None:
    moved = Catalog(**{**catalog.__dict__, "folder": str(tmp_path)})
    summary = parallel(caseload, moved)
    assert summary.mode.startswith("sequential: the screening worker could not load the catalog")
    assert summary.screened == HOUSEHOLDS
    assert stored(caseload) == sequential(caseload, catalog)


def test_an_encrypted_database_is_screened_in_parallel(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    path = tmp_path / "antenne.db"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{PASSPHRASE}\n"))
    assert main(["--database", url(path), "init", "--encrypted", "--passphrase-stdin"]) == 0
    capsys.readouterr()
    db = with_households(Database.open(url(path), passphrase=PASSPHRASE))
    try:
        summary = parallel(db, catalog)
        assert (summary.mode, summary.screened) == ("parallel", HOUSEHOLDS)
        assert stored(db) == sequential(db, catalog)
    finally:
        db.close()


KILLED_RUNNER = """
import os, signal, sys
from datetime import date
from sociaalhuis.catalog import loader
from sociaalhuis.screening import runner
from sociaalhuis.storage.database import Database

real = runner.Worker
def noting(*args):
    started = real(*args)
    with open(sys.argv[2], "w") as out:
        out.write(str(started.process.pid))
    return started
runner.Worker = noting
def progress(done, total):
    if done == 8:
        os.kill(os.getpid(), signal.SIGKILL)
on = date(2026, 12, 3)
db = Database.open(sys.argv[1])
runner.run_screen(db, loader.load(today=on), on, batch=8, parallel=True, progress=progress)
"""


def test_a_killed_runner_leaves_no_worker_and_consistent_findings(
    caseload: Database, catalog: Catalog, database_url: str, tmp_path: Path
) -> None:
    noted = tmp_path / "worker.pid"
    done = subprocess.run(
        [sys.executable, "-c", KILLED_RUNNER, database_url, str(noted)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    pid = int(noted.read_text())
    deadline = time.monotonic() + 30
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid), "the worker outlived its runner"
    assert_whole(caseload, catalog, BATCH)
    assert run_screen(caseload, catalog, ON, batch=BATCH).screened == HOUSEHOLDS - BATCH
    assert stored(caseload) == sequential(caseload, catalog)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie nobody reaped yet has ended)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
