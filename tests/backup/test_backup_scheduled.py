"""Scheduled backups: made when due, named by their time, rotated to `backup_keep`; the
settings that drive them; `backup --scheduled` for cron; the application's start hook."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sociaalhuis import cli, settings
from sociaalhuis.settings import Settings, SettingsError
from sociaalhuis.storage import backup
from sociaalhuis.storage.database import Database
from tests.backup.conftest import every_row, open_live, sqlite_url

START = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)


def config_for(db: Database, folder: Path, every: int = 24, keep: int = 3) -> Settings:
    return Settings(
        database_url=sqlite_url(Path(db.location)),
        site="Herent",
        language="nl",
        data_dir=folder,
        uses_default_database=False,
        backup_dir=folder / "reservekopieen",
        backup_every_hours=every,
        backup_keep=keep,
    )


def test_made_when_due_and_rotated(live: Database, tmp_path: Path) -> None:
    config = config_for(live, tmp_path, every=24, keep=3)
    first = backup.run_scheduled(live, config, now=START)
    assert first.made is not None and first.removed == ()
    extension = "dump" if live.kind == "postgresql" else "db"  # type: ignore[attr-defined]
    assert first.made.path.name == f"sociaalhuis-20261201T220000Z.{extension}"
    assert first.next_due == START + timedelta(hours=24)
    soon = backup.run_scheduled(live, config, now=START + timedelta(hours=23, minutes=59))
    assert soon.made is None and soon.removed == ()
    made = [first.made.path]
    for day in range(1, 5):
        done = backup.run_scheduled(live, config, now=START + timedelta(days=day))
        assert done.made is not None
        made.append(done.made.path)
    kept = backup.scheduled_backups(config.backup_dir)  # type: ignore[arg-type]
    assert [info.path for info in kept] == made[-3:]
    assert not any(path.exists() for path in made[:2])
    assert not any(backup.meta_file(path).exists() for path in made[:2])
    leftovers = {p.name for p in config.backup_dir.iterdir()}  # type: ignore[union-attr]
    expected = {p.name for p in made[-3:]} | {backup.meta_file(p).name for p in made[-3:]}
    if live.kind == "sqlite-encrypted":  # type: ignore[attr-defined]
        expected |= {p.name + ".keys" for p in made[-3:]}
    assert leftovers == expected
    newest = backup.read_meta(made[-1])
    assert newest.created == START + timedelta(days=4) and newest.kind == live.kind  # type: ignore[attr-defined]


def test_backup_scheduled_on_the_command_line(tmp_path: Path, capsys, monkeypatch, make_postgres):
    db = open_live("sqlite", tmp_path, make_postgres)
    before = every_row(db)
    db.close()
    folder = tmp_path / "config"
    folder.mkdir()
    target = tmp_path / "kopieen"
    (folder / "settings.toml").write_text(
        f'backup_dir = "{target.as_posix()}"\nbackup_every_hours = 12\nbackup_keep = 2\n'
    )
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(folder))
    argv = ["--database", sqlite_url(Path(db.location)), "backup", "--scheduled"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert "backup made:" in out and "sociaalhuis-" in out
    assert cli.main(argv) == 0
    assert "no backup due; the next is due at" in capsys.readouterr().out
    (made,) = backup.scheduled_backups(target)
    assert cli.main(["restore", str(made.path), "--to", str(tmp_path / "terug.db")]) == 0
    restored = Database.open(sqlite_url(tmp_path / "terug.db"))
    assert every_row(restored) == before
    restored.close()


def test_without_a_backup_folder_scheduled_is_refused(tmp_path, capsys, monkeypatch, make_postgres):
    db = open_live("sqlite", tmp_path, make_postgres)
    db.close()
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "leeg"))
    assert cli.main(["--database", sqlite_url(Path(db.location)), "backup", "--scheduled"]) == 1
    err = capsys.readouterr().err
    assert "Er is geen map voor reservekopieën ingesteld (backup_dir" in err
    assert cli.main(["--database", sqlite_url(Path(db.location)), "backup"]) == 1
    assert "give either FILE or --scheduled" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("backup_keep = 0", "backup_keep must be a whole number of backups from 1"),
        ('backup_every_hours = "24"', "backup_every_hours must be a whole number of hours"),
        ("backup_every_hours = true", "backup_every_hours must be a whole number of hours"),
        ("backup_dir = 5", "backup_dir must be a text between quotes"),
    ],
)
def test_bad_backup_settings_name_the_file_and_key(tmp_path: Path, line: str, message: str):
    (tmp_path / "settings.toml").write_text(line + "\n")
    with pytest.raises(SettingsError) as refused:
        settings.load({"SOCIAALHUIS_CONFIG_DIR": str(tmp_path)})
    assert str(tmp_path / "settings.toml") in str(refused.value) and message in str(refused.value)


def test_backup_settings_are_read(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        'backup_dir = "~/kopieen"\nbackup_every_hours = 6\nbackup_keep = 30\n'
    )
    loaded = settings.load({"SOCIAALHUIS_CONFIG_DIR": str(tmp_path)})
    assert loaded.backup_dir == Path("~/kopieen").expanduser()
    assert (loaded.backup_every_hours, loaded.backup_keep) == (6, 30)
    plain = settings.load({"SOCIAALHUIS_CONFIG_DIR": str(tmp_path / "geen")})
    assert plain.backup_dir is None and (plain.backup_every_hours, plain.backup_keep) == (24, 14)


def test_the_application_start_hook_runs_a_due_backup(tmp_path: Path, make_postgres) -> None:
    db = open_live("sqlite", tmp_path, make_postgres)
    try:
        config = config_for(db, tmp_path)
        thread = backup.start_due_backup(db, config)
        assert thread is not None
        thread.join(timeout=60)
        assert not thread.is_alive()
        (made,) = backup.scheduled_backups(config.backup_dir)  # type: ignore[arg-type]
        assert backup.read_meta(made.path).sha256 == backup.sha256_of(made.path)
        again = backup.start_due_backup(db, config)  # not due: nothing new
        assert again is not None
        again.join(timeout=60)
        assert len(backup.scheduled_backups(config.backup_dir)) == 1  # type: ignore[arg-type]
        without = Settings(**{**config.__dict__, "backup_dir": None})
        assert backup.start_due_backup(db, without) is None
    finally:
        db.close()


def test_a_partial_left_by_a_killed_backup_is_cleaned_up(live: Database, tmp_path: Path) -> None:
    config = config_for(live, tmp_path, every=24, keep=2)
    folder = config.backup_dir
    assert folder is not None
    folder.mkdir()
    stale = folder / "sociaalhuis-20261130T220000Z.db.partial"
    fresh = folder / "sociaalhuis-20261201T215959Z.db.partial"
    for partial in (stale, fresh):
        partial.write_bytes(b"half")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    assert backup.run_scheduled(live, config, now=START).made is not None
    assert not stale.exists() and fresh.exists()  # another process may still be writing it
