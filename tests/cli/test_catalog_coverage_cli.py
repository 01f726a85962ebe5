"""`catalog test` prints how many cases each right has per verdict, and fails on a gap."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sociaalhuis.catalog import loader
from sociaalhuis.cli import main
from sociaalhuis.eligibility.testing import coverage
from tests.catalog_files import CASES

MakeCatalog = Callable[..., Path]

# With CASES: every right of the test catalog has each verdict at least once.
FULL = (
    CASES
    + """
[[case]]
name = "hoog inkomen"
date = 2026-11-22
expect = { vt = "not_eligible", local = "not_eligible", senior = "not_eligible" }
household = { household_income = 90000, lives_in_herent = true, tenure = "owner" }

[[case.member]]
role = "applicant"
leefloon = false
birth_date = 1990-01-01

[[case]]
name = "onbekend inkomen"
date = 2026-11-22
expect = { vt = "possibly_eligible", senior = "possibly_eligible" }

[[case.member]]
role = "applicant"
leefloon = false
birth_date = 1950-01-01

[[case]]
name = "senior die huurt, leefloon, in Herent"
date = 2026-11-22
expect = { senior = "eligible", local = "eligible" }
household = { lives_in_herent = true, tenure = "private_rent" }

[[case.member]]
role = "applicant"
leefloon = true
birth_date = 1950-01-01
"""
)


def table(out: str) -> dict[str, list[str]]:
    lines = out.splitlines()
    assert lines[0].split() == ["right", "eligible", "not_eligible", "possibly_eligible"]
    return {line.split()[0]: line.split()[1:] for line in lines[1:] if not line[0].isdigit()}


def test_a_right_lacking_a_verdict_is_named_and_fails(make_catalog: MakeCatalog, capsys) -> None:
    assert main(["catalog", "test", "--catalog", str(make_catalog())]) == 1
    captured = capsys.readouterr()
    rows = table(captured.out)
    assert rows["vt"] == ["1", "0", "0", "lacking:", "not_eligible,", "possibly_eligible"]
    assert rows["senior"] == [
        "0",
        "0",
        "0",
        "lacking:",
        "eligible,",
        "not_eligible,",
        "possibly_eligible",
    ]
    assert "right vt: no test case expecting not_eligible, possibly_eligible" in captured.err
    assert "3 right(s) lacking a case" in captured.out


def test_full_coverage_passes(make_catalog: MakeCatalog, capsys) -> None:
    folder = make_catalog(tests__core_toml=FULL)
    assert main(["catalog", "test", "--catalog", str(folder)]) == 0
    captured = capsys.readouterr()
    assert table(captured.out) == {
        "local": ["1", "1", "1"],
        "senior": ["1", "1", "1"],
        "vt": ["1", "1", "1"],
    }
    assert captured.err == ""
    assert coverage(loader.load(folder))["vt"] == {
        "eligible": 1,
        "not_eligible": 1,
        "possibly_eligible": 1,
    }
