"""`python -m sociaalhuis catalog check|list|test` and `check SITUATION.json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sociaalhuis.cli import main
from tests.catalog_files import RIGHTS

MakeCatalog = Callable[..., Path]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sociaalhuis", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_shipped_catalog_checks_clean_with_outdated_figures_as_warnings(capsys) -> None:
    assert main(["catalog", "check", "--date", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "warning: parameter vt_income_limit: the last known figure" in out
    assert "no errors" in out


def test_check_lists_every_error_with_file_and_line(make_catalog: MakeCatalog) -> None:
    broken = RIGHTS.replace('when = "any(gezin, leefloon)"', 'when = "any(gezin, lefloon"')
    broken = broken.replace('obtained = "grant"', 'obtained = "maybe"')
    root = make_catalog(rights__core_toml=broken)
    result = run("catalog", "check", "--catalog", str(root))
    assert result.returncode == 1
    assert (
        "rights/core.toml:12:27: error: expected ',' or ')', found the end of the "
        "condition" in result.stderr
    )
    assert "'obtained' must be one of grant, automatic, apply, refer" in result.stderr
    assert "2 error(s)" in result.stderr
    assert "Traceback" not in result.stderr


def test_list_as_json(capsys) -> None:
    assert main(["catalog", "list", "--format", "json"]) == 0
    rights = json.loads(capsys.readouterr().out)
    assert len(rights) >= 40
    assert set(rights[0]) == {"id", "name", "level", "provider", "obtained"}
    vt = next(r for r in rights if r["id"] == "verhoogde_tegemoetkoming")
    assert vt["level"] == "federaal"


def test_test_runs_cases_of_another_catalog(make_catalog: MakeCatalog, capsys) -> None:
    root = make_catalog()
    assert main(["catalog", "test", "--catalog", str(root)]) == 1  # rights lack cases
    captured = capsys.readouterr()
    assert "1/1 test cases passed" in captured.out
    assert "right senior: no test case expecting" in captured.err
    failing = make_catalog(
        tests__core_toml='[[case]]\nname = "x"\ndate = 2026-11-22\nexpect = { vt = "eligible" }\n'
    )
    assert main(["catalog", "test", "--catalog", str(failing)]) == 1
    err = capsys.readouterr().err
    assert "tests/core.toml:1: case 'x': vt: expected eligible, got possibly_eligible" in err


def write(tmp_path: Path, data: object, name: str = "situation.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_a_situation_as_json(tmp_path: Path, capsys) -> None:
    path = write(
        tmp_path,
        {
            "household": {"lives_in_herent": True, "household_income": 21400},
            "members": [
                {
                    "id": "ana",
                    "role": "applicant",
                    "birth_date": "1985-04-02",
                    "leefloon": True,
                    "leefloon_since": "2025-01-01",
                },
                {"role": "child", "birth_date": "2016-09-30", "dependant": True},
            ],
        },
    )
    assert main(["check", str(path), "--date", "2026-11-22", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"right", "verdict", "missing_facts", "reasons"} <= set(rows[0])
    by_id = {row["right"]: row for row in rows}
    vt = by_id["verhoogde_tegemoetkoming"]
    assert vt["verdict"] == "eligible" and vt["missing_facts"] == []
    assert any("leefloon" in reason for reason in vt["reasons"])
    for row in rows:
        assert row["verdict"] in ("eligible", "possibly_eligible", "not_eligible")
        if row["verdict"] == "possibly_eligible" and not row.get("outdated_parameters"):
            assert row["missing_facts"], row["right"]


def test_check_as_text_groups_verdicts(tmp_path: Path, capsys) -> None:
    path = write(
        tmp_path,
        {
            "household": {"lives_in_herent": True},
            "members": [{"role": "applicant", "birth_date": "1950-01-01"}],
        },
    )
    assert main(["check", str(path), "--date", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "Beoordeling op 22/11/2026" in out and "MOGELIJK RECHT" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"household": {"lives_in_herent": tru}}', "situation.json:1:"),
        ('{"household": {"household_income": "veel"}}', "household.household_income: must be"),
        ('{"members": [{"role": "applicant", "shoe": 1}]}', "members[0].shoe: not a fact"),
        ("[1, 2]", "situation: must be an object"),
    ],
)
def test_bad_situation_files_give_one_clear_line(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "situation.json"
    path.write_text(content, encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    assert words in result.stderr and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == content


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.json"))
    assert result.returncode == 1 and "cannot be read" in result.stderr
    result = run("check", str(tmp_path / "nope.json"), "--date", "22/11/2026")
    assert result.returncode == 2 and "is not a date as YYYY-MM-DD" in result.stderr


def test_questions_measures_how_much_of_the_dictionary_an_intake_asks(capsys) -> None:
    assert main(["catalog", "questions", "--households", "3", "--date", "2026-12-03"]) == 0
    out = capsys.readouterr().out
    assert "demo households simulated:       3" in out
    share = out.split("share of the dictionary asked:   mean ")[1].split("%")[0]
    assert 0 < float(share) < 100


def test_questions_refuses_a_household_count_that_is_not_a_number(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["catalog", "questions", "--households", "many"])
    assert "'many' is not a whole number above 0" in capsys.readouterr().err
