"""Partner replies from a CSV file (per-line report, nothing changed on a malformed file) and
the team lead's reply rates per partner on a known set, through the services and the
`referrals` command, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from builders import family
from sqlalchemy import func, select

from sociaalhuis.access.actors import ensure_user
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.catalog import loader
from sociaalhuis.cli import main
from sociaalhuis.errors import PermissionDenied
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.referrals.replies import ReplyInput, ReplyService
from sociaalhuis.referrals.reply_file import ReplyFileError, import_replies
from sociaalhuis.referrals.reply_rates import reply_rates
from sociaalhuis.storage.models import AuditEvent, Referral, ReferralReply, ReplyImport

CATALOG = loader.load()
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOCIAALHUIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIAALHUIS_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SOCIAALHUIS_DATABASE_URL", raising=False)


@pytest.fixture
def sender(db, actor):
    """Sends a referral to a partner (made on first use) on a given day."""
    household = IntakeService(db).save(actor, None, None, family(), [])
    directory = DirectoryService(db)
    partners: dict[str, object] = {}
    service = ReferralService(db, CATALOG)

    def send(partner: str, on: date):
        if partner not in partners:
            partners[partner] = directory.create_organisation(actor, OrganisationInput(partner))
        made = service.create(
            actor, household.id, ReferralInput(partners[partner].id, "Hulp", None), on
        )
        return service.set_status(actor, made.id, made.version, "sent", on)

    return send


def reply(db, actor, referral_id, outcome, on, reason="", supersedes=None):
    with db.read() as session:
        version = session.get(Referral, referral_id).version
    return ReplyService(db).record(
        actor, referral_id, version, ReplyInput(outcome, on, reason, supersedes), TODAY
    )


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def counts(db) -> tuple[int, int, int]:
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(ReferralReply)),
            session.scalar(select(func.count()).select_from(ReplyImport)),
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "referral.reply")
            ),
        )


def test_a_file_reports_each_line_and_records_the_matched(db, actor, sender, tmp_path):
    first = sender("CAW Oost-Brabant", date(2026, 11, 2))
    second = sender("CAW Oost-Brabant", date(2026, 11, 3))
    third = sender("OCMW Leuven", date(2026, 11, 3))
    reply(db, actor, third.id, "accepted", date(2026, 11, 4))
    path = write(
        tmp_path / "antwoorden.csv",
        "referentie;uitkomst;datum;reden\n"
        f"{first.reference};geweigerd;10/11/2026;Geen plaats\n"
        f"{second.reference};no_show;2026-11-12;\n"
        "SH-2026-09999;accepted;2026-11-12;\n"
        f"{third.reference};accepted;2026-11-12;\n"
        f"{third.reference};geholpen;2026-11-14;\n",
    )
    report = import_replies(db, actor, path, TODAY)
    assert [(line.line, line.result) for line in report.lines] == [
        (2, "matched"),
        (3, "matched"),
        (4, "unknown"),
        (5, "already_recorded"),
        (6, "matched"),
    ]
    with db.read() as session:
        states = {r.reference: r.status for r in session.scalars(select(Referral))}
        imported = [
            (r.referral_id, r.received_via, r.reason)
            for r in session.scalars(
                select(ReferralReply).where(ReferralReply.import_id == report.import_id)
            )
        ]
    assert states == {
        first.reference: "declined",
        second.reference: "no_show",
        third.reference: "completed",
    }
    assert len(imported) == 3 and {via for _, via, _ in imported} == {"import"}
    assert next(reason for rid, _, reason in imported if rid == first.id) == "Geen plaats"
    # The same file again: every known line is already recorded, nothing new.
    before = counts(db)
    again = import_replies(db, actor, path, TODAY)
    assert again.count("matched") == 0 and again.count("already_recorded") == 4
    assert counts(db)[0] == before[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("reference,outcome\n{good},accepted\n", "line 1: missing column(s) date"),
        (
            "reference;outcome;date\n{good};accepted;2026-11-05\nX;perhaps;2026-11-10\n",
            "line 3, column 2 (outcome)",
        ),
        (
            "reference;outcome;date\n{good};accepted;2026-11-05\nX;accepted;10 nov\n",
            "line 3, column 3 (date)",
        ),
        (
            "reference;outcome;date\n{good};accepted;2026-11-05\nX;accepted;2026-12-01\n",
            "line 3, column 3 (date): 2026-12-01 lies in the future",
        ),
        (
            "reference;outcome;date;reason\n{good};accepted;2026-11-05;\nX;declined;2026-11-10;\n",
            "line 3, column 4 (reason)",
        ),
        ("", "empty"),
    ],
)
def test_a_malformed_file_changes_nothing(db, actor, sender, tmp_path, content, expected):
    good = sender("CAW Oost-Brabant", date(2026, 11, 2))
    # A good line before the bad one is not recorded either.
    path = write(tmp_path / "fout.csv", content.format(good=good.reference))
    with pytest.raises(ReplyFileError) as error:
        import_replies(db, actor, path, TODAY)
    assert any(expected in problem for problem in error.value.problems), error.value.problems
    assert counts(db) == (0, 0, 0)


def test_a_date_before_the_letter_refuses_the_file(db, actor, sender, tmp_path):
    early = sender("CAW Oost-Brabant", date(2026, 11, 10))
    fine = sender("CAW Oost-Brabant", date(2026, 11, 2))
    path = write(
        tmp_path / "vroeg.csv",
        "reference,outcome,date\n"
        f"{fine.reference},accepted,2026-11-05\n"
        f"{early.reference},accepted,2026-11-05\n",
    )
    with pytest.raises(ReplyFileError) as error:
        import_replies(db, actor, path, TODAY)
    assert "line 3, column date" in error.value.problems[0]
    assert counts(db) == (0, 0, 0)


def test_the_import_command_reports_and_refuses(database_url, db, actor, sender, tmp_path, capsys):
    referral = sender("CAW Oost-Brabant", date(2026, 11, 2))
    path = write(
        tmp_path / "ok.csv",
        f"reference;outcome;date\n{referral.reference};accepted;2026-11-05\nSH-0;helped;2026-11-05\n",
    )
    args = ["--database", database_url, "referrals", "replies", "import"]
    assert main([*args, str(path)]) == 0
    out = capsys.readouterr().out
    assert f"line 2: {referral.reference}: matched" in out
    assert "line 3: SH-0: unknown reference" in out
    assert "1 matched, 1 unknown reference(s), 0 already recorded" in out
    bad = write(tmp_path / "bad.csv", "reference;outcome;date\nSH-0;later;2026-11-05\n")
    assert main([*args, str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "line 2, column 2 (outcome)" in captured.err and "nothing was changed" in captured.err


def known_set(db, actor, sender):
    """Alfa: 4 sent, 3 answered after 2, 4 and 1 days, 1 unanswered for 19 days;
    Bravo: 2 sent, a no-show after 7 days, 1 waiting for 5 days; a draft counts nowhere."""
    start = date(2026, 11, 1)
    a1, a2, a3, a4 = (sender("Alfa CAW", start) for _ in range(4))
    b1 = sender("Bravo OCMW", start)
    sender("Bravo OCMW", date(2026, 11, 15))
    reply(db, actor, a1.id, "accepted", date(2026, 11, 3))
    wrong = reply(db, actor, a2.id, "helped", date(2026, 11, 4))
    reply(db, actor, a2.id, "declined", date(2026, 11, 5), "Vol", supersedes=wrong.id)
    reply(db, actor, a3.id, "accepted", date(2026, 11, 2))
    reply(db, actor, a3.id, "helped", date(2026, 11, 11))
    reply(db, actor, b1.id, "no_show", date(2026, 11, 8))
    assert a4.status == "sent"


def test_reply_rates_on_a_known_set(db, actor, sender):
    known_set(db, actor, sender)
    with db.write() as session:
        lead = ensure_user(session, "els", "Els Teamleider", "team_lead")
    with pytest.raises(PermissionDenied):
        reply_rates(db, actor, TODAY)
    alfa, bravo = reply_rates(db, lead, TODAY, days=14)
    assert (alfa.partner, alfa.sent, alfa.replied, alfa.no_reply, alfa.waiting) == (
        "Alfa CAW",
        4,
        3,
        1,
        0,
    )
    assert alfa.outcomes == {"accepted": 1, "declined": 1, "no_show": 0, "helped": 1}
    assert alfa.reply_rate == 0.75 and alfa.median_days == 2
    assert (bravo.sent, bravo.replied, bravo.no_reply, bravo.waiting) == (2, 1, 0, 1)
    assert bravo.outcomes["no_show"] == 1 and bravo.reply_rate == 0.5 and bravo.median_days == 7
    # With a 3-day limit Bravo's second referral no longer waits: it has no reply.
    bravo_short = reply_rates(db, lead, TODAY, days=3)[1]
    assert (bravo_short.no_reply, bravo_short.waiting) == (1, 0)


def test_the_reply_rates_command_writes_csv(database_url, db, actor, sender, capsys):
    known_set(db, actor, sender)
    capsys.readouterr()
    command = ["--database", database_url, "referrals", "reply-rates", "--on", "2026-11-20"]
    assert main([*command, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["partner"] for row in rows] == ["Alfa CAW", "Bravo OCMW"]
    assert rows[0]["reply_rate"] == "0.750" and rows[0]["median_days_to_reply"] == "2"
    assert rows[1]["no_show"] == "1" and rows[1]["waiting"] == "1"
    assert main(command) == 0
    assert "Alfa CAW" in capsys.readouterr().out
