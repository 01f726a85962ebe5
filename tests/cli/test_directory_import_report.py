"""`python -m sociaalhuis directory import FOLDER --report FILE`: the version read, the folded
report on stdout, the full report in CSV or JSON; a broken 1.x package exits 1 naming file,
row and column."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from sociaalhuis.cli import main

DATA = Path(__file__).resolve().parents[1] / "referrals" / "data"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def test_import_a_1x_package_with_its_report(database_url, tmp_path, capsys):
    assert main(["--database", database_url, "init"]) == 0
    capsys.readouterr()
    report = tmp_path / "report.csv"
    folder = str(DATA / "hsds-1")
    args = ["--database", database_url, "directory", "import", folder, "--report", str(report)]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"imported {folder} (HSDS 1.x): organisations: 3 new")
    assert out[1] == "report: 109 mapped, 11 defaulted, 49 dropped"
    assert (
        "  organizations.csv tax_id: dropped (the sociale kaart keeps no tax or legal data)" in out
    )
    assert any("locations.csv location_type: defaulted = 'physical'" in line for line in out)
    assert not any(": mapped" in line for line in out[2:])  # mapped lines only in the file
    assert out[-1] == f"full report: {report}"
    with report.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 109 + 11 + 49
    assert {
        "file": "phones.csv",
        "row": "2",
        "column": "number",
        "action": "mapped",
        "target": "organisations.phone",
        "value": "",
        "reason": "",
    } in rows
    as_json = tmp_path / "report.json"
    again = ["--database", database_url, "directory", "import", folder, "--report", str(as_json)]
    assert main(again) == 0
    assert "organisations: 0 new, 0 updated, 3 unchanged" in capsys.readouterr().out
    assert json.loads(as_json.read_text(encoding="utf-8"))["counts"]["defaulted"] == 11


def test_a_broken_1x_package_exits_1_naming_its_place(tmp_path, capsys):
    database = f"sqlite:///{(tmp_path / 'k.db').as_posix()}"
    assert main(["--database", database, "init"]) == 0
    folder = tmp_path / "broken"
    shutil.copytree(DATA / "hsds-1", folder)
    text = (folder / "services_at_location.csv").read_text(encoding="utf-8")
    (folder / "services_at_location.csv").write_text(text + "504,99,100,\n", encoding="utf-8")
    capsys.readouterr()
    report = tmp_path / "report.csv"
    code = main(
        ["--database", database, "directory", "import", str(folder), "--report", str(report)]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: {folder}: not imported: services_at_location.csv, row 6, column service_id: "
        "99 is not an id in services.csv\n"
    )
    assert not report.exists()
    nowhere = tmp_path / "no" / "report.csv"
    args = ["--database", database, "directory", "import", str(DATA / "hsds-2")]
    assert main([*args, "--report", str(nowhere)]) == 1
    assert capsys.readouterr().err == f"error: {nowhere}: its folder does not exist\n"
