"""The catalog format seen from the command line: a lapsed figure's reason in `check`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sociaalhuis.cli import main
from tests.catalog_files import PARAMETERS

MakeCatalog = Callable[..., Path]
REASON = "Geen bedrag voor 2025 of 2026 gevonden in de geraadpleegde bronnen."


def lapsed_catalog(make_catalog: MakeCatalog) -> Path:
    text = PARAMETERS.replace('label = "grens"\n', f'label = "grens"\nlapsed = "{REASON}"\n')
    return make_catalog(parameters__core_toml=text)


def situation(tmp_path: Path) -> Path:
    path = tmp_path / "situation.json"
    data = {
        "household": {"household_income": 1000},
        "members": [{"role": "applicant", "leefloon": False}],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_says_why_an_outdated_figure_is_used(
    make_catalog: MakeCatalog, tmp_path: Path, capsys
) -> None:
    folder = lapsed_catalog(make_catalog)
    args = ["check", str(situation(tmp_path)), "--date", "2026-11-22", "--catalog", str(folder)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"- Verouderd cijfer (grens): {REASON}" in out
    assert main([*args, "--format", "json"]) == 0
    rows = {row["right"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["vt"]["outdated_reasons"] == {"vt_limit": REASON}


def test_catalog_check_warning_gives_the_reason(make_catalog: MakeCatalog, capsys) -> None:
    folder = lapsed_catalog(make_catalog)
    assert main(["catalog", "check", "--catalog", str(folder), "--date", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "parameter vt_limit" in line)
    assert "verouderd cijfer" in line and line.endswith(REASON)
