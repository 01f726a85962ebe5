"""`python -m sociaalhuis`: init, demo and info, and clear errors on bad input."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from sociaalhuis.cli import main
from sociaalhuis.storage import schema


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


def test_init_creates_the_default_database_then_info_describes_it(tmp_path, capsys):
    assert main(["init"]) == 0
    assert (tmp_path / "data" / "sociaalhuis.db").is_file()
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "data" / "sociaalhuis.db") in out
    assert f"schema version: {schema.head_revision()} " in out
    assert "demo data:      no" in out
    assert "households:     0" in out


def test_demo_loads_households_and_info_counts_them(database_url, capsys):
    assert main(["--database", database_url, "demo", "--households", "40", "--seed", "7"]) == 0
    assert main(["--database", database_url, "info"]) == 0
    out = capsys.readouterr().out
    assert "households:     40" in out
    assert "demo data:      yes" in out


def test_settings_file_and_environment_choose_the_database(tmp_path, monkeypatch, capsys):
    (tmp_path / "config").mkdir()
    target = tmp_path / "elsewhere.db"
    (tmp_path / "config" / "settings.toml").write_text(
        f'database_url = "sqlite:///{target.as_posix()}"\n', encoding="utf-8"
    )
    assert main(["init"]) == 0
    assert target.is_file()
    env_target = tmp_path / "from-env.db"
    monkeypatch.setenv("SOCIAALHUIS_DATABASE_URL", f"sqlite:///{env_target.as_posix()}")
    assert main(["init"]) == 0
    assert env_target.is_file()


def test_info_without_a_database_says_what_to_do_and_creates_nothing(tmp_path, capsys):
    assert main(["info"]) == 1
    assert "init" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()


def test_a_broken_settings_file_is_named_with_its_line(tmp_path, capsys):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('site = "Veltem"\ndatabase_url = \n')
    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert "settings.toml" in err
    assert "line 2" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--database", "postgresql+psycopg://u:geheim@127.0.0.1:1/x", "info"], "127.0.0.1"),
        (["--database", "nosuch://", "init"], "unsupported database URL"),
    ],
)
def test_bad_database_urls_exit_non_zero_without_traceback(args, message):
    result = run(*args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert "geheim" not in result.stderr


def test_a_file_that_is_not_a_database_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Dit is geen databank.\n")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in ("init", "info", "demo"):
        result = run("--database", f"sqlite:///{path}", command)
        assert result.returncode == 1
        assert "not a SQLite database" in result.stderr
        assert "Traceback" not in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_an_unknown_schema_version_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "future.db"
    assert run("--database", f"sqlite:///{path}", "init").returncode == 0
    with sqlite3.connect(path) as connection:
        connection.execute("update alembic_version set version_num = '9999_future'")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = run("--database", f"sqlite:///{path}", "init")
    assert result.returncode == 1
    assert "9999_future" in result.stderr
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("households", ["0", "-3", "many"])
def test_demo_refuses_a_bad_count(households, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--households", households])
    assert caught.value.code == 2
    assert "--households" in capsys.readouterr().err
