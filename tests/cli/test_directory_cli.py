"""`python -m sociaalhuis directory seed|import|export`: one-line errors, exit codes, no
traceback."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sociaalhuis.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "hsds-example"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sociaalhuis", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_seed_import_and_export(database_url, tmp_path, capsys):
    assert main(["--database", database_url, "init"]) == 0
    assert main(["--database", database_url, "directory", "seed"]) == 0
    assert "44 partner(s) added" in capsys.readouterr().out
    assert main(["--database", database_url, "directory", "seed"]) == 0
    assert "0 partner(s) added" in capsys.readouterr().out
    assert main(["--database", database_url, "directory", "import", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "organisations: 1 new, 0 updated, 0 unchanged" in out
    assert "note: locations.csv, row 2, column organization_id" in out
    assert main(["--database", database_url, "directory", "export", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "organizations.csv 45" in out
    assert (tmp_path / "out" / "datapackage.json").is_file()
    assert main(["--database", database_url, "info"]) == 0
    assert "organisations:  45" in capsys.readouterr().out


def test_a_malformed_package_exits_1_with_every_problem_and_no_traceback(tmp_path):
    database = f"sqlite:///{(tmp_path / 'k.db').as_posix()}"
    assert run("--database", database, "init").returncode == 0
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "services.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    rows[0]["minimum_age"] = "twelve"
    rows[0]["organization_id"] = "00000000-0000-4000-8000-000000000009"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows(rows)
    result = run("--database", database, "directory", "import", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"error: {folder}: not imported, 2 problem(s) in the package; nothing was changed"
    )
    assert "  services.csv, row 2, column minimum_age: 'twelve' is not of type 'number'" in lines
    assert any(line.startswith("  services.csv, row 2, column organization_id:") for line in lines)


def test_one_line_errors(tmp_path):
    database = f"sqlite:///{(tmp_path / 'k.db').as_posix()}"
    missing = run("--database", database, "directory", "seed")
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ") and "init" in missing.stderr
    assert len(missing.stderr.splitlines()) == 1
    assert run("--database", database, "init").returncode == 0
    nowhere = run("--database", database, "directory", "import", str(tmp_path / "nowhere"))
    assert nowhere.returncode == 1
    assert nowhere.stderr == (
        f"error: {tmp_path / 'nowhere'}: not imported: the package: is not a folder\n"
    )
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.csv").write_text("x", encoding="utf-8")
    full = run("--database", database, "directory", "export", str(tmp_path / "full"))
    assert full.returncode == 1
    assert (
        full.stderr == f"error: {tmp_path / 'full'}: choose a new or empty folder for the export\n"
    )
    bad = tmp_path / "partners.toml"
    bad.write_text('[[organisation]]\nname = "X"\n', encoding="utf-8")
    seeded = run("--database", database, "directory", "seed", "--file", str(bad))
    assert seeded.returncode == 1
    assert seeded.stderr.startswith("error: partners.toml:1: error: organisation: 'description'")
    assert "Traceback" not in seeded.stderr
