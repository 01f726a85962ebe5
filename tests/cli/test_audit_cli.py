"""`python -m sociaalhuis audit verify`: exit 0 and the newest link on a sound chain, exit 1
with the first broken link or a missing guard."""

from __future__ import annotations

import re
import sqlite3

import pytest

from sociaalhuis.access import audit
from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cli import main
from sociaalhuis.storage.database import Database

LINK = re.compile(r"newest link: (\d+):([0-9a-f]{64})")


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


def with_events(url: str, count: int) -> None:
    db = Database.open(url, create=True)
    try:
        with db.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
            for n in range(count):
                audit.record(session, actor, "household.read", "household", None, n=n)
    finally:
        db.close()


def test_a_sound_chain_exits_0_with_the_count_and_the_newest_link(database_url, capsys):
    with_events(database_url, 5)
    assert main(["audit", "verify", "--database", database_url]) == 0
    out = capsys.readouterr().out
    assert "audit chain sound: 5 events verified" in out
    seq, digest = LINK.search(out).groups()
    assert seq == "5"
    assert main(["--database", database_url, "audit", "verify", "--expect", f"5:{digest}"]) == 0
    wrong = f"5:{'0' * 64}"
    assert main(["--database", database_url, "audit", "verify", "--expect", wrong]) == 1
    assert "BROKEN at event 5" in capsys.readouterr().out


def test_a_changed_event_and_a_dropped_trigger_exit_1_naming_both(tmp_path, capsys):
    path = tmp_path / "tampered.db"
    with_events(f"sqlite:///{path}", 3)
    with sqlite3.connect(path) as raw:
        raw.execute("DROP TRIGGER audit_events_no_update")
        raw.execute("UPDATE audit_events SET entity_type = 'person' WHERE seq = 2")
    raw.close()
    assert main(["audit", "verify", "--database", f"sqlite:///{path}"]) == 1
    out = capsys.readouterr().out
    assert "audit chain BROKEN at event 2" in out
    assert ": changed" in out
    assert "1 events before it are intact" in out
    assert "guard MISSING: trigger audit_events_no_update on audit_events" in out
    assert "newest link" not in out


def test_a_malformed_noted_link_is_refused_with_exit_1(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with_events(url, 1)
    assert main(["audit", "verify", "--database", url, "--expect", "seven:abc"]) == 1
    assert "error: --expect: give SEQ:HASH" in capsys.readouterr().err


def test_verify_never_creates_a_database(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert main(["audit", "verify", "--database", f"sqlite:///{missing}"]) == 1
    assert not missing.exists()
    assert "no database here" in capsys.readouterr().err


def test_export_writes_the_filtered_trail_as_the_system_user(database_url, tmp_path, capsys):
    with_events(database_url, 3)
    target = tmp_path / "trail.csv"
    argv = ["--database", database_url, "audit", "export", "--output", str(target)]
    assert (
        main([*argv, "--user", "lien", "--action", "household.read", "--since", "2026-01-01"]) == 0
    )
    assert "exported 3 audit events" in capsys.readouterr().out
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("seq;time;user;")
    assert [row.split(";")[0] for row in rows[1:]] == ["3", "2", "1"]
    assert main([*argv, "--until", "2000-01-01"]) == 0
    assert target.read_text(encoding="utf-8-sig").splitlines()[1:] == []
    assert main(["--database", database_url, "audit", "verify"]) == 0
    assert "audit chain sound: 5 events verified" in capsys.readouterr().out


def test_export_with_a_bad_date_or_folder_exits_with_a_message(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'trail.db'}"
    with_events(url, 1)
    argv = ["--database", url, "audit", "export", "--output"]
    with pytest.raises(SystemExit):
        main([*argv, str(tmp_path / "t.csv"), "--since", "gisteren"])
    assert "is not a date" in capsys.readouterr().err
    assert main([*argv, str(tmp_path / "missing" / "t.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err
