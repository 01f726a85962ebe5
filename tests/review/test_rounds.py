"""Proactive granting rounds: four eyes, rejection, partial approval, the decisions and the
award letters, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest
from builders import family, household, person, single
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.access.chain import verify
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import MemberInput
from sociaalhuis.catalog import loader
from sociaalhuis.errors import ConflictError, PermissionDenied, ValidationError
from sociaalhuis.letters.award import AwardLetter, render_award_letters
from sociaalhuis.letters.documents import Sender
from sociaalhuis.review import rounds
from sociaalhuis.screening.review import screen_caseload
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, Decision, GrantingRound, Letter
from tests.letters.pdf_checks import pages

CATALOG = loader.load()
TODAY = date(2026, 11, 22)
RIGHT = "budgetbegeleiding"
TROUBLE = [IntakeFact("payment_difficulties", "bool", True)]


@dataclass
class Setting:
    db: Database
    preparer: Actor
    approver: Actor
    households: dict[str, object]  # applicant's name → household id


def _setting(db: Database) -> Setting:
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        preparer = ensure_user(session, "an", "An Claes", "team_lead")
        approver = ensure_user(session, "bart", "Bart Maes", "team_lead")
    intake = IntakeService(db)
    made = {
        "Sarah Janssens": intake.save(system, None, None, family(), TROUBLE),
        "Jozef Vermeulen": intake.save(system, None, None, single(), TROUBLE),
        "Mira Claes": intake.save(
            system,
            None,
            None,
            household(
                MemberInput(person("Mira", "Claes", date(1991, 3, 14), 61), "applicant"),
                street="Wilselsesteenweg",
                number="3",
                deelgemeente="Winksele",
            ),
            TROUBLE,
        ),
        # Not eligible: no payment difficulties.
        "Piet Peeters": intake.save(
            system,
            None,
            None,
            single("Piet", "Peeters", 44),
            [IntakeFact("payment_difficulties", "bool", False)],
        ),
    }
    screen_caseload(db, system, CATALOG, TODAY, everything=True)
    return Setting(db, preparer, approver, {name: view.id for name, view in made.items()})


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _decision(row: Decision) -> dict[str, object]:
    names = ("household_id", "action", "right_id", "catalog_version", "decided_by_id")
    more = ("decided_on", "note", "explanation")
    return {name: getattr(row, name) for name in (*names, *more)}


def _events(db: Database, action: str) -> int:
    with db.read() as session:
        query = select(func.count()).where(AuditEvent.action == action)
        return int(session.scalar(query) or 0)


def test_grantable_rights_are_the_sociaal_huis_own_grants() -> None:
    found = {right.id for right in rounds.grantable_rights(CATALOG)}
    assert {
        "mantelzorgtoelage",
        "budgetbegeleiding",
        "voedselbedeling",
        "uitpas_kansentarief",  # the kansenstatuut; the pass itself at the UiTPAS-balie
    } <= found
    assert "verhoogde_tegemoetkoming" not in found  # the ziekenfonds grants it
    assert all(right.obtained == "grant" for right in rounds.grantable_rights(CATALOG))


def test_a_round_proposes_the_eligible_households_with_their_explanation(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    assert prepared.status == "prepared"
    assert prepared.prepared_by == "An Claes"
    names = {item.applicant for item in prepared.items}
    assert names == {"Sarah Janssens", "Jozef Vermeulen", "Mira Claes"}
    for item in prepared.items:
        assert "betalingsmoeilijkheden" in item.explanation.lower() or "financi" in (
            item.explanation.lower()
        )
        assert item.approved is None
        assert item.address[1].startswith("3020 ")
    assert _count(db, Decision) == 0  # nothing granted before approval
    # A household in an open round is not proposed again.
    with pytest.raises(ValidationError):
        rounds.prepare_round(db, s.approver, CATALOG, RIGHT, TODAY)


def test_the_preparer_cannot_approve_their_own_round(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    events = _count(db, AuditEvent)
    with pytest.raises(rounds.FourEyesRequired, match="four eyes") as refused:
        rounds.approve_round(db, s.preparer, CATALOG, prepared.id, today=TODAY)
    assert isinstance(refused.value, PermissionDenied)
    assert _count(db, Decision) == 0
    assert _count(db, Letter) == 0
    assert _count(db, AuditEvent) == events
    with db.read() as session:
        assert session.get(GrantingRound, prepared.id).status == "prepared"  # type: ignore[union-attr]


def test_a_rejected_round_grants_nothing(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    rejected = rounds.reject_round(db, s.approver, prepared.id, "Eerst de inkomens nakijken")
    assert rejected.status == "rejected"
    assert rejected.approved_by == "Bart Maes"
    assert all(item.approved is False for item in rejected.items)
    assert _count(db, Decision) == 0
    assert _count(db, Letter) == 0
    with pytest.raises(ValidationError):
        rounds.approve_round(db, s.approver, CATALOG, prepared.id, today=TODAY)
    assert _count(db, Decision) == 0
    assert _events(db, "granting_round.rejected") == 1


def test_partial_approval_grants_exactly_the_approved(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    chosen = {s.households["Sarah Janssens"], s.households["Mira Claes"]}
    view, batch = rounds.approve_round(db, s.approver, CATALOG, prepared.id, chosen, TODAY)  # type: ignore[arg-type]
    assert view.status == "partly_approved"
    assert {i.household_id for i in view.items if i.approved} == chosen
    assert {i.household_id for i in view.items if i.approved is False} == {
        s.households["Jozef Vermeulen"]
    }
    with db.read() as session:
        decisions = [_decision(d) for d in session.scalars(select(Decision))]
        letters = [
            (x.household_id, x.kind, x.printed_by_id, x.sha256)
            for x in session.scalars(select(Letter))
        ]
    assert {d["household_id"] for d in decisions} == chosen
    assert {x[0] for x in letters} == chosen
    for decision in decisions:
        assert decision["action"] == "granted"
        assert decision["right_id"] == RIGHT
        assert decision["catalog_version"] == CATALOG.version
        assert decision["decided_by_id"] == s.approver.user_id
        assert decision["decided_on"] == TODAY
        assert view.reference in decision["note"]
        assert "goedgekeurd door Bart Maes" in decision["note"]
        assert "voorbereid door An Claes" in decision["note"]
        assert decision["explanation"].strip()
    for _, kind, printed_by, digest in letters:
        assert kind == "award"
        assert printed_by == s.approver.user_id
        assert len(digest) == 64
    assert batch is not None
    assert len(pages(batch.pdf)) == 2
    # Granted households are no longer proposed; the one left out can be proposed again.
    again = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    assert [i.applicant for i in again.items] == ["Jozef Vermeulen"]


def test_the_batch_has_one_letter_per_household_with_name_and_address(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    view, batch = rounds.approve_round(db, s.approver, CATALOG, prepared.id, today=TODAY)
    assert view.status == "approved"
    assert batch is not None
    texts = pages(batch.pdf)
    assert len(texts) == 3
    expected = {
        "Sarah Janssens": "Veltemdorp 7",
        "Jozef Vermeulen": "Kerkstraat 12",
        "Mira Claes": "Wilselsesteenweg 3",
    }
    for text in texts:
        name = next(n for n in expected if n in text)
        assert expected[name] in text
        assert "3020" in text
        assert "Budgetbegeleiding" in text
        assert "pagina 1 van 1" in text
        others = [n for n in expected if n != name]
        assert not any(other in text for other in others)  # one household per letter
        del expected[name]
    assert not expected


def test_audit_events_and_the_chain_after_a_round(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    rounds.approve_round(db, s.approver, CATALOG, prepared.id, today=TODAY)
    assert _events(db, "granting_round.prepared") == 1
    assert _events(db, "granting_round.proposed") == 3
    assert _events(db, "granting_round.approved") == 1
    assert _events(db, "decision.recorded") == 3
    assert _events(db, "letter.printed") == 3
    listed = rounds.rounds(db, s.approver, CATALOG)
    assert [r.status for r in listed] == ["approved"]
    assert listed[0].approved_by == "Bart Maes"
    report = verify(db)
    assert report.sound and report.broken is None and not report.missing_guards
    assert report.verified == _count(db, AuditEvent)


def test_a_decision_recorded_meanwhile_stops_the_approval(db: Database) -> None:
    from sociaalhuis.cases.decisions import DecisionService
    from sociaalhuis.cases.records import DecisionInput

    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    with db.write() as session:
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
    DecisionService(db, CATALOG).record(
        worker,
        s.households["Mira Claes"],
        DecisionInput(RIGHT, "declined", TODAY),
        "",  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationError):
        rounds.approve_round(db, s.approver, CATALOG, prepared.id, today=TODAY)
    assert _count(db, Letter) == 0
    assert _count(db, Decision) == 1


def test_approval_refuses_strangers_an_empty_choice_and_another_catalog(db: Database) -> None:
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    stranger = s.households["Piet Peeters"]  # screened, but not eligible: not in the round
    for chosen in ({stranger}, set()):
        with pytest.raises(ValidationError, match="approved"):
            rounds.approve_round(db, s.approver, CATALOG, prepared.id, chosen, TODAY)  # type: ignore[arg-type]
    newer = replace(CATALOG, version=CATALOG.version + "-next")
    with pytest.raises(ValidationError, match="catalog"):
        rounds.approve_round(db, s.approver, newer, prepared.id, today=TODAY)
    assert _count(db, Decision) == 0
    assert _count(db, Letter) == 0
    with db.read() as session:
        assert session.get(GrantingRound, prepared.id).status == "prepared"  # type: ignore[union-attr]


def test_only_rights_the_sociaal_huis_grants_get_a_round(db: Database) -> None:
    s = _setting(db)
    for right_id in ("sociaal_tarief_energie", "verhoogde_tegemoetkoming", "no_such_right"):
        with pytest.raises(ValidationError, match="right_id"):
            rounds.prepare_round(db, s.preparer, CATALOG, right_id, TODAY)
    # A grantable right nobody is eligible for: no empty round is stored.
    with pytest.raises(ValidationError, match="no household"):
        rounds.prepare_round(db, s.preparer, CATALOG, "noodwoning", TODAY)
    assert _count(db, GrantingRound) == 0


def test_the_award_letter_says_what_the_client_still_does() -> None:
    uitpas = next(r for r in CATALOG.rights if r.id == "uitpas_kansentarief")
    assert "UiTPAS-balie" in uitpas.after_grant
    base = AwardLetter(
        reference="TR-2026-0000ABCD",
        date=TODAY,
        sender=Sender(),
        client_name="Mira Claes",
        address_lines=("Kerkstraat 12", "3020 Herent"),
        right_name=uitpas.name,
        summary=uitpas.summary,
        value_note="",
        after_grant=uitpas.after_grant,
        validity="",
        reasons=("verhoogde tegemoetkoming",),
        contact="",
        signed_by="Bart Maes",
    )
    (fetch,) = pages(render_award_letters([base]))
    assert "UiTPAS-balie" in " ".join(fetch.split())
    assert "U hoeft niets aan te vragen" not in fetch
    (nothing,) = pages(render_award_letters([replace(base, after_grant="")]))
    assert "U hoeft niets aan te vragen" in nothing


def test_each_award_letter_numbers_its_own_pages() -> None:
    def letter(name: str, reasons: int) -> AwardLetter:
        return AwardLetter(
            reference="TR-2026-0000ABCD",
            date=TODAY,
            sender=Sender(),
            client_name=name,
            address_lines=("Kerkstraat 12", "3020 Herent"),
            right_name="Budgetbegeleiding",
            summary="U beheert zelf uw geld.",
            value_note="",
            after_grant="",
            validity="",
            reasons=tuple(f"voorwaarde {n}" for n in range(reasons)),
            contact="",
            signed_by="Bart Maes",
        )

    texts = pages(render_award_letters([letter("Lang Verhaal", 90), letter("Kort Verhaal", 1)]))
    long_pages = [text for text in texts if "Kort Verhaal" not in text]
    total = len(long_pages)
    assert total >= 2
    for number, text in enumerate(long_pages, start=1):
        assert f"pagina {number} van {total}" in text
    assert texts[-1].count("Kort Verhaal") >= 1 and "pagina 1 van 1" in texts[-1]


def test_two_approvers_at_once_grant_once(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other approver's commit lands between our read of the round and our write: the
    round's version moved on, so ours is refused and rolled back."""
    s = _setting(db)
    prepared = rounds.prepare_round(db, s.preparer, CATALOG, RIGHT, TODAY)
    check = rounds._check_still_open

    def meanwhile(session: Session, right_id: str, household_ids: set[object]) -> None:
        session.execute(
            update(GrantingRound)
            .where(GrantingRound.id == prepared.id)
            .values(version=GrantingRound.version + 1)
            .execution_options(synchronize_session=False)
        )
        check(session, right_id, household_ids)  # type: ignore[arg-type]

    monkeypatch.setattr(rounds, "_check_still_open", meanwhile)
    with pytest.raises(ConflictError):
        rounds.approve_round(db, s.approver, CATALOG, prepared.id, today=TODAY)
    assert _count(db, Decision) == 0
    assert _count(db, Letter) == 0
