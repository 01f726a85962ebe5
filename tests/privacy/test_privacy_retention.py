"""Closed files past the retention period: the dry run changes nothing, the real run
anonymises exactly the expired files (append-only rows through the permit), the audit chain
still verifies, and without a permit the append-only guards still refuse."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select, table, text, update
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access import chain
from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.records import ContactInput
from sociaalhuis.cli import main
from sociaalhuis.privacy import anonymise, retention
from sociaalhuis.privacy.commands import run
from sociaalhuis.storage.models import (
    Anonymisation,
    ContactNote,
    Household,
    Letter,
    Person,
    ReferralReply,
    ReplyHandled,
)

ON = date(2026, 12, 1)


def snapshot(db) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, in a stable order."""
    with db.read() as session:
        return {
            name: sorted(
                tuple(str(v) for v in row)
                for row in session.execute(select(text("*")).select_from(table(name)))
            )
            for name in db.table_names()
        }


@pytest.fixture
def closed(db, actor, world):
    """The first file closed in 2019 (expired after 5 years), the second closed in 2025."""
    retention.close_file(db, actor, world.first, date(2019, 3, 1), "verhuisd")
    retention.close_file(db, actor, world.second, date(2025, 6, 1))
    return world


def test_closed_files_and_reopening(db, actor, closed):
    with db.read() as session:
        files = retention.closed_files(session, 5)
        assert [f.household_id for f in files] == [closed.first, closed.second]
        assert files[0].expires_on == date(2024, 3, 1)
        expired = retention.expired_files(session, 5, ON)
        assert [f.household_id for f in expired] == [closed.first]
    # A new conversation reopens the file: it is no longer closed, so never anonymised.
    ContactService(db).record(actor, closed.first, ContactInput(question="Terug"))
    with db.read() as session:
        assert retention.expired_files(session, 5, ON) == []
    assert retention.expiry(date(2024, 2, 29), 5) == date(2029, 2, 28)


def test_the_dry_run_changes_nothing_and_the_run_anonymises_exactly_the_expired(
    db, actor, admin, closed
):
    before = snapshot(db)
    planned = anonymise.anonymise(db, admin, years=5, today=ON, dry_run=True)
    assert [p.file.household_id for p in planned] == [closed.first]
    assert planned[0].values_replaced > 10
    assert snapshot(db) == before
    done = anonymise.anonymise(db, admin, years=5, today=ON, dry_run=False)
    assert [(d.file.household_id, d.values_replaced) for d in done] == [
        (p.file.household_id, p.values_replaced) for p in planned
    ]
    with db.read() as session:
        first = session.get(Household, closed.first)
        assert first.street == anonymise.REPLACED and first.postcode == "3020"
        people = session.scalars(select(Person).order_by(Person.family_name)).all()
        names = {(p.given_name, p.family_name) for p in people}
        assert ("Sara", "Janssen") in names  # the second household is untouched
        assert not {"Sarah", "Mehmet", "Lina"} & {given for given, _ in names}
        sarah = [p for p in people if p.given_name == "Anoniem" and p.birth_date.year == 1985]
        assert sarah and sarah[0].national_number is None and sarah[0].birth_date.month == 1
        notes = session.scalars(select(ContactNote.text)).all()
        assert notes == [anonymise.REPLACED]
        assert session.scalars(select(Letter.pdf)).all() == [None]
        assert session.scalars(select(ReferralReply.reason)).all() == [anonymise.REPLACED]
        assert session.scalars(select(ReplyHandled.note)).all() == [""]
        row = session.scalars(select(Anonymisation)).one()
        assert row.household_id == closed.first and row.closed_on == date(2019, 3, 1)
    after = snapshot(db)
    keys = (str(closed.second), closed.second.hex)
    for name in ("households", "household_members", "facts", "contacts"):
        second = {r for r in before[name] if any(k in r for k in keys)}
        assert second and second <= set(after[name]), name
    sara = {r for r in before["persons"] if "Sara" in r}
    assert len(sara) == 1 and sara <= set(after["persons"])
    report = chain.verify(db)
    assert report.broken is None and report.verified > 0
    assert report.missing_guards == ()
    # A second run finds nothing left to do.
    assert anonymise.anonymise(db, admin, years=5, today=ON, dry_run=False) == []


def test_without_a_permit_the_append_only_rows_stay_refused(db, closed):
    with pytest.raises(DBAPIError), db.write() as session:
        session.execute(update(ContactNote).values(text="weg"))


def test_only_an_administrator_anonymises(db, actor, lead, closed):
    from sociaalhuis.errors import PermissionDenied

    for who in (actor, lead):
        with pytest.raises(PermissionDenied):
            anonymise.anonymise(db, who, years=5, today=ON)


def test_the_command_lists_first_and_asks_before_anonymising(
    db, database_url, closed, capsys, monkeypatch, tmp_path
):
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.toml").write_text("retention_years = 5\n")
    args = ["--database", database_url, "privacy", "anonymise", "--on", ON.isoformat()]
    with db.write() as session:
        ensure_user(session, "system", "Systeem", "system")  # the commands act as it
    before = snapshot(db)
    assert main([*args, "--dry-run"]) == 0
    listed = capsys.readouterr().out
    assert str(closed.first) in listed and str(closed.second) not in listed
    assert "1 closed files past the retention period" in listed
    assert snapshot(db) == before
    parsed = _parse([*args])
    out = io.StringIO()
    assert run(db, parsed, out, io.StringIO("nee\n")) == 1  # not confirmed
    assert snapshot(db) == before
    assert run(db, parsed, out, io.StringIO("ja\n")) == 0
    assert "anonymised 1 files" in out.getvalue()
    (tmp_path / "settings.toml").write_text("retention_years = 0\n")
    assert main([*args, "--dry-run"]) == 1
    assert "retention_years" in capsys.readouterr().err


def _parse(argv: list[str]):
    from sociaalhuis.cli import _parser

    return _parser().parse_args(argv)


def test_the_application_role_may_not_write_a_permit():
    from sociaalhuis.storage import roles

    # On PostgreSQL the app role only reads permits; `privacy anonymise` runs as the owner.
    assert roles.privileges_for("anonymisation_permits") == ("SELECT",)
    assert roles.privileges_for("case_closures") == roles.FULL
