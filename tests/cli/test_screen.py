"""`python -m sociaalhuis screen`: batches, summary, Ctrl+C and kill -9, bad input, and the
read-only catalog comparison (--compare) checked against the single-household engine."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from sociaalhuis.cases.households import household_view, load_household
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.cli import main
from sociaalhuis.eligibility.engine import Evaluator
from sociaalhuis.eligibility.households import situation_for
from sociaalhuis.screening import commands
from sociaalhuis.screening.compare import GAIN, LOSS, YES, Change, Comparison
from sociaalhuis.screening.engine import screen_one
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    AuditEvent,
    Household,
    HouseholdMember,
    Person,
    Screening,
    StoredFinding,
)

ON = "2026-12-03"
DAY = date(2026, 12, 3)
HOUSEHOLDS = 30


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


@pytest.fixture
def url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An SQLite file with 30 demo households."""
    address = f"sqlite:///{(tmp_path / 'screen.db').as_posix()}"
    assert (
        main(["--database", address, "demo", "--households", str(HOUSEHOLDS), "--seed", "5"]) == 0
    )
    capsys.readouterr()
    return address


def screen(url: str, *args: str) -> int:
    return main(["--database", url, "screen", *args])


def tables(url: str) -> tuple[list[Any], list[Any]]:
    """Every column of every row of screenings and findings, timestamps included."""
    db = Database.open(url)
    try:
        with db.read() as session:
            return tuple(  # type: ignore[return-value]
                sorted(tuple(row) for row in session.execute(select(*model.__table__.c)))
                for model in (Screening, StoredFinding)
            )
    finally:
        db.close()


def screened(url: str) -> int:
    return len(tables(url)[0])


def test_a_screen_stores_findings_reports_them_and_a_second_run_has_nothing_to_do(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screen(url, "--date", ON, "--batch", "7") == 0
    out, err = capsys.readouterr()
    assert f"screened {HOUSEHOLDS} of {HOUSEHOLDS} out-of-date households on {ON}" in out
    # stderr is no terminal here: a line per batch, no bar redrawn with carriage returns.
    assert "\r" not in err
    assert [line.split()[1] for line in err.splitlines()] == [
        f"{n}/{HOUSEHOLDS}" for n in (7, 14, 21, 28, 30)
    ]
    catalog = loader.load(today=DAY)
    lines = out.splitlines()
    total = int(lines[1].removeprefix("findings changed: ").replace(",", ""))
    assert total == HOUSEHOLDS * len(catalog.rights)  # every finding is new
    rights = [line.split()[0] for line in lines[2:]]
    assert rights == sorted(rights) and set(rights) == {r.id for r in catalog.rights}
    assert sum(int(line.split()[1].replace(",", "")) for line in lines[2:]) == total
    assert screened(url) == HOUSEHOLDS

    assert screen(url, "--date", ON) == 0
    out = capsys.readouterr().out
    assert "screened 0 of 0 out-of-date households" in out
    assert "findings changed: 0" in out


def test_all_screens_every_household_again_and_changes_nothing(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screen(url, "--date", ON) == 0
    before = tables(url)
    capsys.readouterr()
    assert screen(url, "--date", ON, "--all") == 0
    out = capsys.readouterr().out
    assert f"screened {HOUSEHOLDS} of {HOUSEHOLDS}" in out
    assert out.splitlines()[1:] == ["findings changed: 0"]
    after = tables(url)
    assert after[1] == before[1]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--date", "2026-13-01"], "--date: '2026-13-01' is not a date"),
        (["--date", "tomorrow"], "--date: 'tomorrow' is not a date"),
        (["--batch", "0"], "--batch: '0' is not a whole number"),
        (["--batch", "many"], "--batch: 'many' is not a whole number"),
        (["--catalog", "no/such/folder"], "no/such/folder is not a catalog folder"),
        (["--compare", "no/such/folder"], "no/such/folder is not a catalog folder"),
        (["--format", "csv"], "only apply to --compare"),
        (["--all", "--compare", "."], "--all: does not apply to --compare"),
    ],
)
def test_bad_input_is_named_exits_1_and_writes_nothing(
    url: str, capsys: pytest.CaptureFixture[str], args: list[str], named: str
) -> None:
    assert screen(url, *args) == 1
    out, err = capsys.readouterr()
    assert err.startswith("error: ")
    assert named in err
    assert "Traceback" not in err and out == ""
    assert screened(url) == 0


def test_a_catalog_that_does_not_load_is_named_with_its_errors(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(loader.DEFAULT_FOLDER, broken)
    with (broken / "rights" / "health.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[[right]]\nid = "half a right"\nwhen = "income <<< 3"\n')
    assert screen(url, "--date", ON, "--catalog", str(broken)) == 1
    err = capsys.readouterr().err
    assert "health.toml" in err
    assert f"--catalog: the catalog in {broken} does not load" in err
    assert screened(url) == 0
    (broken / "catalog.toml").unlink()
    assert screen(url, "--date", ON, "--compare", str(broken)) == 1
    assert "catalog.toml" in capsys.readouterr().err
    assert screened(url) == 0


def test_ctrl_c_keeps_finished_batches_exits_130_and_the_next_run_continues(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = commands.run_screen

    def interrupted(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def press_ctrl_c_after_two_batches(done: int, total: int) -> None:
            progress(done, total)
            if done == 10:
                raise KeyboardInterrupt

        return real(*args, progress=press_ctrl_c_after_two_batches, **kwargs)

    monkeypatch.setattr(commands, "run_screen", interrupted)
    assert screen(url, "--date", ON, "--batch", "5") == 130
    err = capsys.readouterr().err
    assert "interrupted: the 10 households of the finished batches are saved" in err
    assert "run the command again to continue" in err
    assert screened(url) == 10
    monkeypatch.setattr(commands, "run_screen", real)
    assert screen(url, "--date", ON, "--batch", "5") == 0
    assert f"screened {HOUSEHOLDS - 10} of {HOUSEHOLDS - 10}" in capsys.readouterr().out


def test_kill_9_mid_way_leaves_whole_batches_and_the_rerun_equals_a_clean_run(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.db"
    shutil.copyfile(url.removeprefix("sqlite:///"), clean)
    command = [sys.executable, "-m", "sociaalhuis", "--database", url, "screen", "--date", ON]
    process = subprocess.Popen(
        [*command, "--batch", "1"], stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    assert process.stderr is not None
    for _ in range(3):  # three batches committed and reported
        assert process.stderr.readline().startswith("screened ")
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL
    with_kill = tables(url)
    assert 3 <= len(with_kill[0]) < HOUSEHOLDS
    rights = len(loader.load(today=DAY).rights)
    assert len(with_kill[1]) == len(with_kill[0]) * rights  # no half-written household
    assert screen(url, "--date", ON) == 0
    clean_url = f"sqlite:///{clean.as_posix()}"
    assert screen(clean_url, "--date", ON) == 0
    strip = [
        [row[:-1] for row in tables(url)[0]],  # screened_at, the last column, differs
        tables(url)[1],
    ]
    assert strip == [[row[:-1] for row in tables(clean_url)[0]], tables(clean_url)[1]]
    capsys.readouterr()


def test_ctrl_c_in_a_real_process_exits_130(url: str) -> None:
    command = [sys.executable, "-m", "sociaalhuis", "--database", url, "screen", "--date", ON]
    process = subprocess.Popen(
        [*command, "--batch", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stderr is not None
    assert process.stderr.readline().startswith("screened 1/")
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "finished batches are saved" in err
    done = screened(url)
    assert 1 <= done < HOUSEHOLDS
    assert f"{done} households" in err


# --- --compare --------------------------------------------------------------------------------


def raised_vt_limit(tmp_path: Path) -> Path:
    """The shipped catalog with a far higher income limit for the verhoogde tegemoetkoming from
    the compare date on, under another version."""
    folder = tmp_path / "next"
    shutil.copytree(loader.DEFAULT_FOLDER, folder)
    header = folder / "catalog.toml"
    text = header.read_text(encoding="utf-8")
    header.write_text(text.replace('version = "', 'version = "next-'), encoding="utf-8")
    with (folder / "parameters" / "federal.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[[parameter.vt_income_limit.period]]\n"
            f"valid_from = {ON}\n"
            f"verified_on = {ON}\n"
            'value = "60000.00"\n'
            'source = "test: a raised limit"\n'
        )
    return folder


def single_household_changes(url: str, before: Catalog, after: Catalog) -> set[tuple[Any, ...]]:
    """(household, right, before, after) for every differing verdict, one household at a time."""
    found = set()
    db = Database.open(url)
    try:
        with db.read() as session:
            for household_id in session.scalars(select(Household.id)):
                view = household_view(load_household(session, household_id))
                old = screen_one(Evaluator(before), situation_for(before, view, DAY).situation, DAY)
                new = screen_one(Evaluator(after), situation_for(after, view, DAY).situation, DAY)
                for a, b in zip(old, new, strict=True):
                    if a.verdict != b.verdict:
                        found.add((str(household_id), a.right_id, a.verdict, b.verdict))
    finally:
        db.close()
    return found


def test_compare_lists_exactly_the_gains_of_the_single_household_engine_and_writes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screen(url, "--date", ON) == 0
    before_tables = tables(url)
    folder = raised_vt_limit(tmp_path)
    target = tmp_path / "changes.json"
    assert screen(url, "--date", ON, "--compare", str(folder), "--output", str(target)) == 0
    assert tables(url) == before_tables  # every column of every row, screened_at included
    document = json.loads(target.read_text(encoding="utf-8"))
    current, other = loader.load(today=DAY), loader.load(folder, today=DAY)
    assert document["date"] == ON
    assert (document["catalog_before"], document["catalog_after"]) == (
        current.version,
        other.version,
    )
    assert document["households"] == HOUSEHOLDS
    listed = {(c["household_id"], c["right"], c["before"], c["after"]) for c in document["changes"]}
    expected = single_household_changes(url, current, other)
    assert listed == expected
    gains = {c for c in expected if c[3] in YES and c[2] not in YES}
    assert gains, "raising the limit should make some demo household eligible"
    assert {
        (c["household_id"], c["right"]) for c in document["changes"] if c["change"] == GAIN
    } == {(c[0], c[1]) for c in gains}
    assert not [c for c in document["changes"] if c["change"] == LOSS]
    for right, counts in document["per_right"].items():
        assert counts["gain"] == sum(1 for c in gains if c[1] == right)
    names = applicants(url)
    assert all(c["applicant"] == names[c["household_id"]] for c in document["changes"])
    # The listing names clients: the export is in the audit trail, without its content.
    db = Database.open(url)
    try:
        with db.read() as session:
            details = session.scalars(
                select(AuditEvent.detail).where(AuditEvent.action == "caseload.compared")
            ).all()
    finally:
        db.close()
    assert [json.loads(d) for d in details] == [
        {
            "households": HOUSEHOLDS,
            "changes": len(document["changes"]),
            "format": "json",
            "to": "file",
        }
    ]


def applicants(url: str) -> dict[str, str]:
    db = Database.open(url)
    try:
        with db.read() as session:
            rows = session.execute(
                select(HouseholdMember.household_id, Person.given_name, Person.family_name)
                .join(Person, Person.id == HouseholdMember.person_id)
                .where(HouseholdMember.role == "applicant")
            )
            return {str(h): f"{given} {family}" for h, given, family in rows}
    finally:
        db.close()


def test_compare_as_text_and_as_csv_with_formulas_made_harmless(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = raised_vt_limit(tmp_path)
    assert screen(url, "--date", ON, "--compare", str(folder), "--format", "json") == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    gained = uuid.UUID(next(c for c in changes if c["change"] == GAIN)["household_id"])
    db = Database.open(url)
    try:
        with db.write() as session:
            person = session.scalar(
                select(HouseholdMember.person_id).where(
                    HouseholdMember.household_id == gained, HouseholdMember.role == "applicant"
                )
            )
            session.execute(
                update(Person).where(Person.id == person).values(given_name='=HYPERLINK("x")')
            )
    finally:
        db.close()

    assert screen(url, "--date", ON, "--compare", str(folder), "--format", "csv") == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["household_id", "applicant", "right", "change", "before", "after"]
    assert len(rows) == len(changes) + 1
    evil = [row for row in rows if row[0] == str(gained)]
    assert evil and all(row[1].startswith("'=HYPERLINK") for row in evil)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    assert screen(url, "--date", ON, "--compare", str(folder)) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"catalog {loader.load(today=DAY).version} → next-")
    assert f"{HOUSEHOLDS} households evaluated, {len(changes)} verdict(s) differ" in text
    header = next(line for line in text.splitlines() if line.startswith("right "))
    assert header.split() == ["right", "gains", "losses", "changed"]
    assert sum(
        line.startswith(("gain ", "loss ", "changed ")) for line in text.splitlines()
    ) == len(changes)


def test_a_comparison_writes_no_findings_even_when_none_were_stored(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screen(url, "--date", ON, "--compare", str(loader.DEFAULT_FOLDER)) == 0
    assert "0 verdict(s) differ" in capsys.readouterr().out
    assert tables(url) == ([], [])
    db = Database.open(url)
    try:
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Household)) == HOUSEHOLDS
    finally:
        db.close()


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [
        ("possibly_eligible", "eligible", "gain"),
        ("not_eligible", "receives", "gain"),
        ("eligible", "possibly_eligible", "loss"),
        ("receives", "not_eligible", "loss"),
        ("not_eligible", "possibly_eligible", "changed"),
        ("eligible", "receives", "changed"),
        ("absent", "eligible", "gain"),
    ],
)
def test_gain_loss_and_change(before: str, after: str, kind: str) -> None:
    assert Change(uuid.uuid4(), "", "r", before, after).kind == kind


def test_csv_cells_that_would_run_as_formulas_get_a_quote() -> None:
    names = ["=1+1", "+32 16", "-5", "@SUM(A1)", "\tx", "Jan = Piet"]
    household = uuid.uuid4()
    found = Comparison(
        DAY,
        "a",
        "b",
        1,
        [Change(household, name, "r", "not_eligible", "eligible") for name in names],
    )
    rows = list(csv.reader(io.StringIO(commands.as_csv(found))))
    assert [row[1] for row in rows[1:]] == ["'" + name for name in names[:-1]] + ["Jan = Piet"]
    assert rows[1] == [str(household), "'=1+1", "r", "gain", "not_eligible", "eligible"]
