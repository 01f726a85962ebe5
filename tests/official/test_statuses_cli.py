"""`python -m sociaalhuis statuses import` as a subprocess, on SQLite and PostgreSQL: a broken
file is refused with its lines and columns and changes nothing; a good one is previewed with
--dry-run, then read in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from status_world import JOZEF, MEHMET, UNKNOWN, World

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "docs" / "examples" / "official-statuses-20261201.csv"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sociaalhuis", "--database", url, "statuses", "import", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=180,
        cwd=ROOT,
    )


def test_a_broken_file_is_refused_line_by_line_and_changes_nothing(
    world: World, database_url: str
) -> None:
    path = world.write(
        f"{JOZEF};VT;2026-01-01;",
        f"{JOZEF[:-1]}0;VT;2026-01-01;" if JOZEF[-1] != "0" else f"{JOZEF[:-1]}1;VT;2026-01-01;",
        f"{MEHMET};VT;31/02/2026;",
    )
    before = world.counts()
    result = run(database_url, str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "error: statussen_20261201.csv: not read in, 2 problems; nothing was changed"
    )
    assert lines[1].startswith("  statussen_20261201.csv, line 3, column 1 (insz): ")
    assert lines[2].startswith("  statussen_20261201.csv, line 4, column 3 (begindatum): ")
    assert world.counts() == before


def test_a_missing_file_is_one_line(world: World, database_url: str) -> None:
    result = run(database_url, str(world.folder / "nergens_20261201.csv"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: nergens_20261201.csv: cannot read")


def test_dry_run_then_import_print_the_report(world: World, database_url: str) -> None:
    path = world.write(f"{JOZEF};VT;2026-01-01;", f"{UNKNOWN};IGO;2026-01-01;")
    before = world.counts()
    preview = run(database_url, str(path), "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert world.counts() == before
    assert "dry run, nothing written" in preview.stdout
    assert "matched: 1 (new: 1, updated: 0, unchanged: 0); unmatched: 1" in preview.stdout
    assert "unmatched: line 3 (IGO): no person with this number" in preview.stdout
    done = run(database_url, str(path))
    assert done.returncode == 0, done.stderr
    assert "households whose findings are refreshed: 1" in done.stdout
    assert world.counts()["status_imports"] == 1
    again = run(database_url, str(path))
    assert "new: 0, updated: 0, unchanged: 1" in again.stdout
    assert "note: the same file was read in before" in again.stdout


def test_the_sample_file_reads(world: World, database_url: str) -> None:
    result = run(database_url, str(SAMPLE), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "file date 2026-12-01" in result.stdout
    assert "lines: 10;" in result.stdout
    assert "note: columns not used: bron" in result.stdout
