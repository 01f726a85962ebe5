"""The audit trail is complete and readable: searches and refusals are recorded, team leads
and admins browse and export it (itself recorded), others are refused; on both backends."""

from __future__ import annotations

import csv
import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from sociaalhuis.access import audit, trail
from sociaalhuis.access.actors import PERMISSION_REFUSED, Actor, ensure_user
from sociaalhuis.access.chain import verify
from sociaalhuis.access.permissions import VIEW_AUDIT_TRAIL
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.errors import PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent
from tests.builders import family, single


@pytest.fixture
def lead(db: Database) -> Actor:
    with db.write() as session:
        return ensure_user(session, "an", "An Claes", "team_lead")


def events(db: Database, action: str) -> list[AuditEvent]:
    with db.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)
        found = list(session.scalars(query))
        session.expunge_all()  # keep them loaded past the read's rollback
        return found


def test_a_search_is_recorded_with_counts_but_never_its_text(db, actor):
    service = HouseholdService(db)
    service.create(actor, family())
    service.create(actor, single())
    found = service.find(actor, "Öztürk Veltem")
    assert len(found) == 1
    assert service.find(actor, "  ") == []  # nothing searched: nothing to record
    (event,) = events(db, "household.searched")
    assert event.user_id == actor.user_id
    assert json.loads(event.detail) == {"words": 2, "results": 1}
    service.find(actor, "86040200")  # part of Sarah's national number
    searched = events(db, "household.searched")
    assert len(searched) == 2
    assert all("ztürk" not in e.detail and "8604" not in e.detail for e in searched)
    assert verify(db).sound


def test_a_refusal_is_recorded_for_the_refused_user_and_the_chain_stays_sound(db, actor):
    with pytest.raises(PermissionDenied):
        trail.browse(db, actor)
    (event,) = events(db, PERMISSION_REFUSED)
    assert event.user_id == actor.user_id
    detail = json.loads(event.detail)
    assert detail["action"] == VIEW_AUDIT_TRAIL
    assert detail["claimed_role"] == "social_worker"
    assert "may not" in detail["reason"]
    assert events(db, trail.VIEWED) == []  # the refused read itself wrote nothing
    assert verify(db).sound


def test_a_forged_user_id_is_refused_and_recorded_without_a_user(db, actor):
    forged = Actor(user_id=uuid.uuid4(), username="ghost", role="admin")
    with pytest.raises(PermissionDenied, match="not an active user"):
        trail.browse(db, forged)
    borrowed = Actor(user_id=actor.user_id, username="lien", role="team_lead")
    with pytest.raises(PermissionDenied, match="does not hold role"):
        HouseholdService(db).find(borrowed, "Janssens")
    ghost, lien = events(db, PERMISSION_REFUSED)
    assert ghost.user_id is None
    assert json.loads(ghost.detail)["claimed_username"] == "ghost"
    assert json.loads(ghost.detail)["claimed_user_id"] == str(forged.user_id)
    assert lien.user_id == actor.user_id
    assert json.loads(lien.detail)["claimed_role"] == "team_lead"
    assert events(db, "household.searched") == []
    assert verify(db).sound


def test_browse_filters_pages_newest_first_and_is_itself_recorded(db, actor, lead):
    service = HouseholdService(db)
    created = service.create(actor, family())
    service.find(actor, "Janssens")
    rows = trail.browse(db, lead)
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    assert rows[0].action == "household.searched"
    assert rows[0].user_name == "Lien Peeters"
    assert trail.browse(db, lead, user="LIEN") == trail.browse(db, lead, user="lien peeters")
    mine = trail.browse(db, lead, user="lien")
    assert {"household.created", "household.searched"} <= {r.action for r in mine}
    assert {r.username for r in mine} == {"lien"}
    about = trail.browse(db, lead, entity_id=created.id)
    assert "household.created" in {r.action for r in about}
    assert {r.entity_id for r in about} == {created.id}
    assert trail.browse(db, lead, action="household.searched", limit=1)[0].seq == rows[0].seq
    today = datetime.now(UTC).astimezone().date()
    assert trail.browse(db, lead, since=today, until=today, user="lien") == mine
    assert trail.browse(db, lead, until=today - timedelta(days=1)) == []
    paged = trail.browse(db, lead, user="lien", limit=1)
    while len(paged) < len(mine):
        paged += trail.browse(db, lead, user="lien", limit=1, before_seq=paged[-1].seq)
    assert paged == mine
    viewed = events(db, trail.VIEWED)
    assert len(viewed) == 8 + len(mine)
    assert all(e.user_id == lead.user_id for e in viewed)
    assert json.loads(viewed[1].detail) == {
        "offset": 0,
        "rows": len(mine),
        "filters": {"user": "LIEN"},
    }
    assert verify(db).sound


def test_browse_refuses_a_page_too_large(db, lead):
    with pytest.raises(ValidationError):
        trail.browse(db, lead, limit=trail.MAX_PAGE + 1)


def test_export_writes_excel_csv_neutralises_formulas_and_is_recorded(db, actor, lead, tmp_path):
    with db.write() as session:
        audit.record(session, actor, "=HYPERLINK(1)", "household", None, note="@SUM(A1)")
    target = tmp_path / "trail.csv"
    written = trail.export_csv(db, lead, target, user="lien")
    assert written == 1
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle, delimiter=";"))
    assert tuple(header) == trail.CSV_HEADER
    assert row[2:5] == ["Lien Peeters", "lien", "'=HYPERLINK(1)"]
    assert json.loads(row[7]) == {"note": "@SUM(A1)"}
    (exported,) = events(db, trail.EXPORTED)
    assert json.loads(exported.detail) == {"rows": 1, "filters": {"user": "lien"}}
    assert not (tmp_path / "trail.csv.part").exists()
    assert verify(db).sound


def test_export_is_refused_to_a_social_worker_and_writes_no_file(db, actor, tmp_path):
    target = tmp_path / "trail.csv"
    with pytest.raises(PermissionDenied):
        trail.export_csv(db, actor, target, since=date(2026, 1, 1))
    assert not target.exists()
    assert events(db, trail.EXPORTED) == []
    assert len(events(db, PERMISSION_REFUSED)) == 1


def test_export_to_a_missing_folder_names_the_path(db, lead, tmp_path):
    with pytest.raises(ValidationError, match="cannot write"):
        trail.export_csv(db, lead, tmp_path / "missing" / "trail.csv")
    assert events(db, trail.EXPORTED) == []
