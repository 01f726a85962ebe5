"""`python -m sociaalhuis bench`: every figure in one JSON object, and the database reused."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from sociaalhuis import bench
from sociaalhuis.cli import main
from sociaalhuis.demo.loader import DEMO_ACTION
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, Household, Screening

HOUSEHOLDS = 50


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def _bench(capsys, *args: str) -> tuple[dict, str]:
    assert main([*args, "bench", "--households", str(HOUSEHOLDS), "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def _check(figures: dict, backend: str) -> None:
    assert tuple(figures) == bench.KEYS
    assert figures["households"] == HOUSEHOLDS
    assert figures["backend"] == backend
    for key in ("raw_fetch_s", "first_screen_s", "rescreen_all_s", "rescreen_ratio"):
        assert figures[key] > 0, key
    assert figures["rescreen_ratio"] == pytest.approx(
        figures["rescreen_all_s"] / figures["raw_fetch_s"], rel=0.1
    )
    assert figures["households_per_s"] == pytest.approx(
        HOUSEHOLDS / figures["rescreen_all_s"], rel=0.1
    )
    for key in ("non_take_up_first_page_ms", "search_p95_ms", "open_household_ms"):
        assert 0 < figures[key] < 60_000, key
    assert 50 < figures["peak_rss_mb"] < 4_000


def _state(url: str) -> tuple[int, int, int]:
    """Households, demo loads and screened households in the database at `url`."""
    db = Database.open(url)
    try:
        with db.read() as session:
            counted = [
                session.scalar(select(func.count()).select_from(Household)),
                session.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.action == DEMO_ACTION)
                ),
                session.scalar(select(func.count()).select_from(Screening)),
            ]
    finally:
        db.close()
    return counted[0] or 0, counted[1] or 0, counted[2] or 0


def test_bench_builds_the_cache_database_then_reuses_it(tmp_path, capsys):
    figures, err = _bench(capsys)
    _check(figures, "sqlite")
    path = bench.cache_path(HOUSEHOLDS, bench.DEFAULT_SEED)
    assert path.is_relative_to(tmp_path / "data")
    assert "building" in err
    inode = path.stat().st_ino

    again, err = _bench(capsys)
    _check(again, "sqlite")
    assert "reusing" in err
    assert "building" not in err
    assert path.stat().st_ino == inode
    assert _state(f"sqlite:///{path.as_posix()}") == (HOUSEHOLDS, 1, HOUSEHOLDS)


def test_bench_on_a_given_database_reuses_it(database_url, capsys):
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    figures, err = _bench(capsys, "--database", database_url)
    _check(figures, backend)
    assert "building" in err
    again, err = _bench(capsys, "--database", database_url)
    _check(again, backend)
    assert "reusing" in err
    assert _state(database_url) == (HOUSEHOLDS, 1, HOUSEHOLDS)


def test_bench_refuses_a_database_with_other_data(database_url, capsys):
    assert main(["--database", database_url, "demo", "--households", "3"]) == 0
    capsys.readouterr()
    assert main(["bench", "--database", database_url, "--households", "5", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "holds other data" in captured.err
    assert _state(database_url) == (3, 1, 0)


def test_a_cache_file_holding_something_else_is_made_anew(capsys):
    path = bench.cache_path(HOUSEHOLDS, bench.DEFAULT_SEED)
    path.parent.mkdir(parents=True)
    assert main(["--database", f"sqlite:///{path.as_posix()}", "demo", "--households", "3"]) == 0
    capsys.readouterr()
    figures, err = _bench(capsys)
    _check(figures, "sqlite")
    assert "building" in err
    assert _state(f"sqlite:///{path.as_posix()}") == (HOUSEHOLDS, 1, HOUSEHOLDS)
