"""Partner replies on referrals: entered by a worker, the referral's status follows, the
audit trail records it, corrections supersede; declined and no-show referrals return to the
worker's list until the worker acts; the no_show status on both databases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from alembic import command
from builders import family
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from sociaalhuis.access import chain
from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.cases.records import DecisionInput
from sociaalhuis.catalog import loader
from sociaalhuis.errors import ConflictError, StorageError, ValidationError
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.referrals.replies import AlreadyRecorded, ReplyInput, ReplyService
from sociaalhuis.storage import schema
from sociaalhuis.storage.models import AuditEvent, Letter, Referral, ReferralReply

CATALOG = loader.load()
SENT = date(2026, 11, 2)
TODAY = date(2026, 11, 20)


@pytest.fixture
def world(db, actor):
    household = IntakeService(db).save(actor, None, None, family(), [])
    partner = DirectoryService(db).create_organisation(actor, OrganisationInput("OCMW Kortenberg"))
    return household, partner


def sent_referral(db, actor, household, partner, right_id=None):
    service = ReferralService(db, CATALOG)
    made = service.create(
        actor, household.id, ReferralInput(partner.id, "Schuldhulp", None, right_id=right_id), SENT
    )
    return service.set_status(actor, made.id, made.version, "sent", SENT)


def status(db, referral_id):
    with db.read() as session:
        row = session.get(Referral, referral_id)
        return row.status, row.closed_on, row.version


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("accepted", "accepted"),
        ("declined", "declined"),
        ("helped", "completed"),
        ("no_show", "no_show"),
    ],
)
def test_a_reply_moves_the_referral_to_its_status(db, actor, world, outcome, expected):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    reason = "Geen plaats meer" if outcome == "declined" else ""
    reply = ReplyService(db).record(
        actor, referral.id, referral.version, ReplyInput(outcome, date(2026, 11, 9), reason), TODAY
    )
    assert reply.received_via == "worker" and reply.recorded_by == actor.user_id
    state, closed_on, _ = status(db, referral.id)
    assert state == expected
    assert closed_on == (None if expected == "accepted" else date(2026, 11, 9))
    with db.read() as session:
        stored = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "referral.reply")
        ).one()
    detail = json.loads(stored)
    assert detail["outcome"] == outcome and detail["status"] == expected
    assert detail["referral"] == str(referral.id) and "Geen plaats" not in stored


def test_declined_needs_a_reason_and_the_date_must_fit(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    replies = ReplyService(db)
    cases = [
        (ReplyInput("declined", date(2026, 11, 9), "  "), "reason"),
        (ReplyInput("accepted", date(2026, 11, 21)), "replied_on"),  # after today
        (ReplyInput("accepted", date(2026, 11, 1)), "replied_on"),  # before it was sent
        (ReplyInput("maybe", date(2026, 11, 9)), "outcome"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as error:
            replies.record(actor, referral.id, referral.version, data, TODAY)
        assert error.value.field == field
    assert status(db, referral.id)[0] == "sent"
    with db.read() as session:
        assert session.scalars(select(ReferralReply)).all() == []


def test_accepted_then_helped_and_a_repeat_is_already_recorded(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    replies = ReplyService(db)
    replies.record(
        actor, referral.id, referral.version, ReplyInput("accepted", date(2026, 11, 5)), TODAY
    )
    version = status(db, referral.id)[2]
    with pytest.raises(AlreadyRecorded):
        replies.record(
            actor, referral.id, version, ReplyInput("accepted", date(2026, 11, 6)), TODAY
        )
    with pytest.raises(ConflictError):
        replies.record(
            actor, referral.id, referral.version, ReplyInput("helped", date(2026, 11, 6)), TODAY
        )
    replies.record(actor, referral.id, version, ReplyInput("helped", date(2026, 11, 16)), TODAY)
    assert status(db, referral.id)[0] == "completed"
    version = status(db, referral.id)[2]
    with pytest.raises(AlreadyRecorded):
        replies.record(
            actor, referral.id, version, ReplyInput("declined", date(2026, 11, 17), "x"), TODAY
        )


def test_a_correction_supersedes_and_sets_the_status_again(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    replies = ReplyService(db)
    wrong = replies.record(
        actor, referral.id, referral.version, ReplyInput("helped", date(2026, 11, 5)), TODAY
    )
    version = status(db, referral.id)[2]
    fixed = replies.record(
        actor,
        referral.id,
        version,
        ReplyInput("no_show", date(2026, 11, 5), supersedes_id=wrong.id),
        TODAY,
    )
    assert fixed.supersedes_id == wrong.id
    assert status(db, referral.id)[0] == "no_show"
    assert replies.current(actor, referral.id) == fixed
    assert [r.id for r in replies.for_referral(actor, referral.id)] == [wrong.id, fixed.id]
    with pytest.raises(StorageError, match="append-only"), db.write() as session:
        session.get(ReferralReply, wrong.id).reason = "changed"
    # The database itself refuses too (past the ORM), and `audit verify` sees its guards.
    for sql in ("UPDATE referral_replies SET reason = 'x'", "DELETE FROM referral_replies"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.exec_driver_sql(sql)
    assert chain.verify(db).sound


def test_declined_returns_to_the_worker_until_handled(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    replies = ReplyService(db)
    reply = replies.record(
        actor,
        referral.id,
        referral.version,
        ReplyInput("declined", date(2026, 11, 9), "Buiten ons werkgebied"),
        TODAY,
    )
    back = replies.returned(actor)
    assert [item.reference for item in back] == [referral.reference]
    assert back[0].describe() == (
        "Terug bij jou: geweigerd door OCMW Kortenberg — Buiten ons werkgebied"
    )
    with db.write() as session:
        colleague = ensure_user(session, "jan", "Jan Janssens", "social_worker")
    assert replies.returned(colleague) == []
    replies.mark_handled(actor, reply.id, "Gebeld, andere partner gezocht")
    assert replies.returned(actor) == []
    with pytest.raises(ValidationError):
        replies.mark_handled(actor, reply.id)
    with db.read() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "referral.reply_handled" in actions


def test_a_new_referral_or_a_decision_takes_it_off_the_list(db, actor, world):
    household, partner = world
    replies = ReplyService(db)
    first = sent_referral(db, actor, household, partner)
    replies.record(actor, first.id, first.version, ReplyInput("no_show", SENT), TODAY)
    back = replies.returned(actor)
    assert back[0].describe() == "Terug bij jou: cliënt niet gekomen bij OCMW Kortenberg"
    sent_referral(db, actor, household, partner)
    assert replies.returned(actor) == []

    right = CATALOG.rights[0].id
    other = sent_referral(db, actor, household, partner, right_id=right)
    replies.record(
        actor, other.id, other.version, ReplyInput("declined", SENT, "Niet bevoegd"), TODAY
    )
    assert [item.referral_id for item in replies.returned(actor)] == [other.id]
    DecisionService(db, CATALOG).record(
        actor, household.id, DecisionInput(right, "declined", TODAY), "Cliënt ziet af"
    )
    assert replies.returned(actor) == []


def test_the_status_check_knows_no_show_and_nothing_else(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    key = referral.id.hex if db.engine.dialect.name == "sqlite" else referral.id
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE referrals SET status = 'no_show' WHERE id = :id"), {"id": key}
        )
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE referrals SET status = 'vanished' WHERE id = :id"), {"id": key}
        )


def _migrate(db, revision: str) -> None:
    """Up as the program migrates (`schema.upgrade`); down the same way by hand: on SQLite
    with references off while a table is copied, checked before the commit."""
    if revision == "head":
        schema.upgrade(db.engine)
        return
    config = schema.alembic_config()
    with db.engine.connect() as connection:
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with connection.begin():
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            if sqlite:
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def test_migration_0017_keeps_referrals_and_their_letters(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    ReplyService(db).record(
        actor, referral.id, referral.version, ReplyInput("no_show", SENT), TODAY
    )
    with db.write() as session:
        session.add(
            Letter(
                household_id=household.id,
                referral_id=referral.id,
                kind="referral",
                language="nl",
                sha256="0" * 64,
                printed_by_id=actor.user_id,
            )
        )
    _migrate(db, "0016_official_statuses")
    tables = inspect(db.engine).get_table_names()
    assert "referral_replies" not in tables and "reply_imports" not in tables
    assert status(db, referral.id)[0] == "declined"  # no_show has no place before 0017
    _migrate(db, "head")
    assert {"referral_replies", "reply_imports", "reply_handled"} <= set(
        inspect(db.engine).get_table_names()
    )
    with db.read() as session:
        assert session.scalar(select(Letter.referral_id)) == referral.id
    key = referral.id.hex if db.engine.dialect.name == "sqlite" else referral.id
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE referrals SET status = 'no_show' WHERE id = :id"), {"id": key}
        )
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            text("UPDATE referrals SET status = 'vanished' WHERE id = :id"), {"id": key}
        )


def test_a_referral_closed_by_hand_has_its_answer_already(db, actor, world):
    household, partner = world
    referral = sent_referral(db, actor, household, partner)
    closed = ReferralService(db, CATALOG).set_status(
        actor, referral.id, referral.version, "declined", SENT
    )
    with pytest.raises(AlreadyRecorded, match="already declined"):
        ReplyService(db).record(
            actor, referral.id, closed.version, ReplyInput("declined", SENT, "Vol"), TODAY
        )
    draft = ReferralService(db, CATALOG).create(
        actor, household.id, ReferralInput(partner.id, "Budget", None), SENT
    )
    with pytest.raises(ValidationError, match="never sent"):
        ReplyService(db).record(actor, draft.id, draft.version, ReplyInput("accepted", SENT), TODAY)
