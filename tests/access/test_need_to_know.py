"""Need to know: assigned, unassigned and colleagues' cases for every role; break-glass with a
reason, its expiry and its log; search results that reveal no more than the user may open;
national register numbers masked, revealed with an audit event, never overwritten by a mask.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from builders import family, single
from sqlalchemy import func, select, table, text, update
from sqlalchemy.exc import DBAPIError

from sociaalhuis.access import need_to_know
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.cases import national_number
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeService
from sociaalhuis.cases.records import (
    AddressInput,
    ContactInput,
    HouseholdInput,
    HouseholdView,
    MemberInput,
    PersonInput,
)
from sociaalhuis.catalog import loader
from sociaalhuis.errors import BreakGlassRequired, PermissionDenied, ValidationError
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import AuditEvent, BreakGlassGrant, CaseAssignment, Person

CATALOG = loader.load()
REASON = "Cliënt aan de balie, collega met verlof"


@dataclass
class Team:
    """Users of every role, a second social worker, and three cases: lien's own, a colleague's,
    and one nobody has yet."""

    db: Database
    system: Actor
    intake: Actor
    lien: Actor
    colleague: Actor
    lead: Actor
    admin: Actor
    own: HouseholdView
    theirs: HouseholdView
    unassigned: HouseholdView


@pytest.fixture
def team(db: Database) -> Team:
    with db.write() as session:
        system = ensure_user(session, "system", "Systeem", "system")
        intake = ensure_user(session, "onthaal", "Omar Onthaal", "intake")
        lien = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        colleague = ensure_user(session, "karel", "Karel Claes", "social_worker")
        lead = ensure_user(session, "tina", "Tina Teamleider", "team_lead")
        admin = ensure_user(session, "beheer", "Bert Beheer", "admin")
    service = HouseholdService(db)
    own = service.create(lien, family())
    theirs = service.create(colleague, single())
    unassigned = service.create(intake, single("Maria", "Wouters", 41))
    ContactService(db).record(colleague, theirs.id, ContactInput("Huurpremie", note="Nota"))
    return Team(db, system, intake, lien, colleague, lead, admin, own, theirs, unassigned)


def snapshot(db: Database) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table, audit trail included: a refused open writes nothing. The
    outbox rows of audit events and the site's change counter are filed with the trail."""
    with db.read() as session:
        found = {
            name: sorted(
                tuple(str(value) for value in row)
                for row in session.execute(select(text("*")).select_from(table(name)))
            )
            for name in db.table_names()
        }
    outbox = found.pop("sync_outbox")
    found["sync_outbox"] = [row for row in outbox if "audit_events" not in row]
    found["audit:sync_outbox"] = [row for row in outbox if "audit_events" in row]
    found["audit:sync_site"] = found.pop("sync_site")
    return found


def events(db: Database, action: str) -> list[Any]:
    """The audit events of one action, oldest first, as plain rows."""
    with db.read() as session:
        columns = (AuditEvent.user_id, AuditEvent.entity_id, AuditEvent.detail)
        query = select(*columns).where(AuditEvent.action == action).order_by(AuditEvent.seq)
        return list(session.execute(query).all())


def stored_number(db: Database, person_id: uuid.UUID) -> str | None:
    with db.read() as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.national_number


# -- assignment -------------------------------------------------------------------------------


def test_a_household_is_assigned_to_the_social_worker_who_registers_it(team: Team) -> None:
    with team.db.read() as session:
        assert need_to_know.case_worker(session, team.own.id) == team.lien.user_id
        assert need_to_know.case_worker(session, team.theirs.id) == team.colleague.user_id
        assert need_to_know.case_worker(session, team.unassigned.id) is None
    assert team.own.case_worker == team.lien.user_id
    saved = IntakeService(team.db).save(team.lien, None, None, single("Jan", "Maes", 51))
    assert saved.case_worker == team.lien.user_id
    assert [e.entity_id for e in events(team.db, "case.assigned")][-1] == saved.id


def test_assign_all_unassigned_gives_every_case_without_a_worker_once(team: Team) -> None:
    assert need_to_know.assign_all_unassigned(team.db, team.system, team.lien.user_id) == 1
    assert need_to_know.assign_all_unassigned(team.db, team.system, team.lien.user_id) == 0
    with team.db.read() as session:
        assert need_to_know.case_worker(session, team.unassigned.id) == team.lien.user_id
        assert need_to_know.case_worker(session, team.theirs.id) == team.colleague.user_id
        assert need_to_know.count_assigned(session, team.lien.user_id) == 2
    with pytest.raises(PermissionDenied):
        need_to_know.assign_all_unassigned(team.db, team.lien, team.lien.user_id)
    with pytest.raises(ValidationError, match="user_id"):
        need_to_know.assign_all_unassigned(team.db, team.system, team.intake.user_id)


def test_take_an_unassigned_case_but_not_a_colleagues(team: Team) -> None:
    need_to_know.take(team.db, team.lien, team.unassigned.id)
    with team.db.read() as session:
        assert need_to_know.case_worker(session, team.unassigned.id) == team.lien.user_id
    before = snapshot(team.db)
    with pytest.raises(ValidationError, match="already assigned"):
        need_to_know.take(team.db, team.lien, team.theirs.id)
    with pytest.raises(PermissionDenied):
        need_to_know.take(team.db, team.intake, team.unassigned.id)
    assert {k: v for k, v in snapshot(team.db).items() if "audit" not in k} == {
        k: v for k, v in before.items() if "audit" not in k
    }


def test_a_team_lead_reassigns_and_the_history_stays(team: Team) -> None:
    need_to_know.assign(team.db, team.lead, team.theirs.id, team.lien.user_id)
    HouseholdService(team.db).get(team.lien, team.theirs.id)
    with pytest.raises(BreakGlassRequired):
        HouseholdService(team.db).get(team.colleague, team.theirs.id)
    with team.db.read() as session:
        rows = session.scalars(
            select(CaseAssignment.user_id).where(CaseAssignment.household_id == team.theirs.id)
        ).all()
    assert sorted(rows) == sorted([team.colleague.user_id, team.lien.user_id])
    detail = json.loads(events(team.db, "case.assigned")[-1].detail)
    assert detail == {
        "previous_user_id": str(team.colleague.user_id),
        "user_id": str(team.lien.user_id),
    }
    with pytest.raises(PermissionDenied):
        need_to_know.assign(team.db, team.lien, team.theirs.id, team.lien.user_id)


def test_assignments_and_grants_are_append_only_in_the_database(team: Team) -> None:
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON)
    for model in (CaseAssignment, BreakGlassGrant):
        with pytest.raises(DBAPIError), team.db.write() as session:
            session.execute(update(model).values(user_id=team.lien.user_id))
        with pytest.raises(DBAPIError), team.db.write() as session:
            session.execute(model.__table__.delete())


# -- who may open what ------------------------------------------------------------------------

# (role, case) → what HouseholdService.get does: "opens", "break_glass" or "refused" (matrix).
EXPECTED = {
    ("lien", "own"): "opens",
    ("lien", "unassigned"): "opens",
    ("lien", "theirs"): "break_glass",
    ("intake", "own"): "opens",
    ("intake", "theirs"): "opens",
    ("intake", "unassigned"): "opens",
    ("lead", "own"): "opens",
    ("lead", "theirs"): "opens",
    ("lead", "unassigned"): "opens",
    ("admin", "own"): "refused",
    ("admin", "theirs"): "refused",
    ("admin", "unassigned"): "refused",
}


def _reads(team: Team, who: Actor, household_id: uuid.UUID) -> list[Any]:
    """Every household-scoped read: the file, case notes, consents and decisions."""
    contacts = ContactService(team.db)
    return [
        lambda: HouseholdService(team.db).get(who, household_id),
        lambda: contacts.list_for(who, household_id),
        lambda: contacts.consents_for(who, household_id),
        lambda: DecisionService(team.db, CATALOG).current(who, household_id),
    ]


@pytest.mark.parametrize(("who", "case"), sorted(EXPECTED))
def test_who_opens_which_case(team: Team, who: str, case: str) -> None:
    actor: Actor = getattr(team, who)
    household: HouseholdView = getattr(team, case)
    expected = EXPECTED[(who, case)]
    if expected == "opens":
        opened = HouseholdService(team.db).get(actor, household.id)
        assert opened.id == household.id
        basis = json.loads(events(team.db, "household.viewed")[-1].detail)["access"]
        assert basis == {"lien": "assigned" if case == "own" else "unassigned"}.get(who, "role")
        return
    before = snapshot(team.db)
    error = BreakGlassRequired if expected == "break_glass" else PermissionDenied
    for read in _reads(team, actor, household.id):
        with pytest.raises(error):
            read()
    if expected == "break_glass":
        # Refused by need to know: nothing at all is written, not even to the audit trail.
        assert snapshot(team.db) == before


def test_the_desk_opens_a_colleagues_household_but_never_its_notes(team: Team) -> None:
    HouseholdService(team.db).get(team.intake, team.theirs.id)
    with pytest.raises(PermissionDenied) as refused:
        ContactService(team.db).list_for(team.intake, team.theirs.id)
    assert not isinstance(refused.value, BreakGlassRequired)


def test_changes_to_a_colleagues_case_need_break_glass_too(team: Team) -> None:
    service = HouseholdService(team.db)
    before = snapshot(team.db)
    with pytest.raises(BreakGlassRequired):
        service.update(team.lien, team.theirs.id, team.theirs.version, _as_input(team.theirs))
    with pytest.raises(BreakGlassRequired):
        IntakeService(team.db).save(
            team.lien, team.theirs.id, team.theirs.version, _as_input(team.theirs)
        )
    with pytest.raises(BreakGlassRequired):
        ContactService(team.db).record(team.lien, team.theirs.id, ContactInput("Vraag"))
    assert snapshot(team.db) == before


# -- break-glass ------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "dringend", "   kort     ", "\n\n  123456789 \t"])
def test_break_glass_needs_a_reason_of_ten_characters(team: Team, reason: str) -> None:
    before = snapshot(team.db)
    with pytest.raises(ValidationError) as refused:
        need_to_know.break_glass(team.db, team.lien, team.theirs.id, reason)
    assert refused.value.field == "reason"
    assert "10 characters" in refused.value.reason
    assert snapshot(team.db) == before


@pytest.mark.parametrize(
    ("reason", "problem"),
    [("w" * 1_001, "1000 characters"), (REASON + "\x00", "NUL"), (REASON + "\x07", "control")],
)
def test_break_glass_refuses_an_overlong_or_broken_reason(
    team: Team, reason: str, problem: str
) -> None:
    before = snapshot(team.db)
    with pytest.raises(ValidationError) as refused:
        need_to_know.break_glass(team.db, team.lien, team.theirs.id, reason)
    assert refused.value.field == "reason" and problem in refused.value.reason
    assert snapshot(team.db) == before
    two_lines = "Cliënt aan de balie.\nCollega met verlof."
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, two_lines)
    with team.db.read() as session:
        assert session.scalars(select(BreakGlassGrant.reason)).all() == [two_lines]


def test_break_glass_opens_the_case_for_an_hour_and_is_recorded(team: Team) -> None:
    service = HouseholdService(team.db)
    ends = need_to_know.break_glass(team.db, team.lien, team.theirs.id, f"  {REASON}  ")
    assert timedelta(minutes=59) < ends - datetime.now(UTC) <= timedelta(minutes=60)
    assert service.get(team.lien, team.theirs.id).id == team.theirs.id
    assert len(ContactService(team.db).list_for(team.lien, team.theirs.id)) == 1
    granted = events(team.db, "break_glass")
    assert len(granted) == 1
    assert granted[0].user_id == team.lien.user_id
    assert granted[0].entity_id == team.theirs.id
    detail = json.loads(granted[0].detail)
    assert detail["reason_length"] == len(REASON)
    assert detail["minutes"] == 60
    assert REASON not in granted[0].detail and "balie" not in granted[0].detail
    viewed = json.loads(events(team.db, "household.viewed")[-1].detail)
    assert viewed == {"access": "break_glass"}
    with team.db.read() as session:
        reasons = session.scalars(select(BreakGlassGrant.reason)).all()
    assert reasons == [REASON]


def test_an_expired_grant_no_longer_opens(team: Team) -> None:
    granted_at = datetime.now(UTC) - timedelta(hours=2)
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON, now=granted_at)
    with team.db.read() as session:
        for minutes, basis in ((1, "break_glass"), (59, "break_glass"), (60, None), (61, None)):
            moment = granted_at + timedelta(minutes=minutes)
            assert need_to_know.access_basis(session, team.lien, team.theirs.id, moment) == basis
        assert need_to_know.access_basis(session, team.lien, team.theirs.id, granted_at) == (
            "break_glass"
        )
    before = snapshot(team.db)
    with pytest.raises(BreakGlassRequired):
        HouseholdService(team.db).get(team.lien, team.theirs.id)
    assert snapshot(team.db) == before


def test_a_grant_opens_one_case_for_one_user(team: Team) -> None:
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON)
    with team.db.write() as session:
        other = ensure_user(session, "anke", "Anke Aerts", "social_worker")
    with pytest.raises(BreakGlassRequired):
        HouseholdService(team.db).get(other, team.theirs.id)
    with pytest.raises(BreakGlassRequired):
        HouseholdService(team.db).get(team.colleague, team.own.id)


def test_break_glass_is_only_for_a_colleagues_case_and_only_for_social_workers(
    team: Team,
) -> None:
    for household in (team.own, team.unassigned):
        with pytest.raises(ValidationError, match="not assigned to a colleague"):
            need_to_know.break_glass(team.db, team.lien, household.id, REASON)
    for who in (team.intake, team.lead, team.admin):
        with pytest.raises(PermissionDenied):
            need_to_know.break_glass(team.db, who, team.theirs.id, REASON)
    with pytest.raises(ValidationError, match="minutes"):
        need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON, minutes=0)
    assert events(team.db, "break_glass") == []


def test_the_break_glass_log_for_team_leads_and_administrators(team: Team) -> None:
    since = datetime.now(UTC) - timedelta(minutes=5)
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON)
    [entry] = need_to_know.break_glass_log(team.db, team.lead, since)
    assert entry.user_name == "Lien Peeters"
    assert entry.household_label == "Vermeulen, Jozef"
    assert entry.reason == REASON
    assert entry.expires_at - entry.granted_at == timedelta(minutes=60)
    [seen_by_admin] = need_to_know.break_glass_log(team.db, team.admin, since)
    assert "Vermeulen" not in seen_by_admin.household_label
    assert need_to_know.break_glass_log(team.db, team.lead, since + timedelta(hours=1)) == []
    assert len(events(team.db, "break_glass.log_viewed")) == 3
    for who in (team.lien, team.intake):
        with pytest.raises(PermissionDenied):
            need_to_know.break_glass_log(team.db, who, since)


# -- search -----------------------------------------------------------------------------------


def test_search_shows_a_colleagues_case_by_name_only(team: Team) -> None:
    service = HouseholdService(team.db)
    [line] = service.find(team.lien, "Vermeulen")
    assert line.id == team.theirs.id
    assert line.restricted
    assert line.applicant_name == "Vermeulen, Jozef"
    assert (line.address, line.deelgemeente, line.national_number) == (None, None, None)
    [own] = service.find(team.lien, "Janssens")
    assert not own.restricted and own.address == "Veltemdorp 7"
    assert own.national_number == "86.04.02-***.**"
    [for_lead] = service.find(team.lead, "Vermeulen")
    assert not for_lead.restricted and for_lead.address is not None
    need_to_know.break_glass(team.db, team.lien, team.theirs.id, REASON)
    [opened] = service.find(team.lien, "Vermeulen")
    assert not opened.restricted


def test_a_full_national_number_finds_a_colleagues_client_without_echoing_it(team: Team) -> None:
    number = stored_number(team.db, team.theirs.applicant.id)
    assert number
    for typed in (number, f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}"):
        [line] = HouseholdService(team.db).find(team.lien, typed)
        assert line.id == team.theirs.id and line.restricted
        assert number[6:] not in repr(line)
    [line] = HouseholdService(team.db).find(team.lead, number)
    assert line.national_number == national_number.mask(number)
    assert number[6:] not in repr(line)


# -- masked numbers ---------------------------------------------------------------------------


def test_views_carry_the_number_masked(team: Team) -> None:
    opened = HouseholdService(team.db).get(team.lien, team.own.id)
    for member in opened.members:
        stored = stored_number(team.db, member.person.id)
        assert stored and member.person.national_number_known
        assert member.person.national_number == (f"{stored[:2]}.{stored[2:4]}.{stored[4:6]}-***.**")
        assert stored[6:] not in repr(opened)
    assert national_number.is_masked(opened.applicant.national_number)


def test_reveal_returns_the_number_and_records_who_saw_it(team: Team) -> None:
    service = HouseholdService(team.db)
    applicant = team.own.applicant
    number = service.reveal_national_number(team.lien, team.own.id, applicant.id)
    assert number == stored_number(team.db, applicant.id)
    [revealed] = events(team.db, "national_number.revealed")
    assert revealed.user_id == team.lien.user_id and revealed.entity_id == team.own.id
    assert json.loads(revealed.detail) == {"person": str(applicant.id)}
    assert number not in revealed.detail and number[6:] not in revealed.detail
    before = snapshot(team.db)
    with pytest.raises(BreakGlassRequired):
        service.reveal_national_number(team.lien, team.theirs.id, team.theirs.applicant.id)
    with pytest.raises(PermissionDenied):
        service.reveal_national_number(team.admin, team.own.id, applicant.id)
    with pytest.raises(ValidationError, match="person_id"):
        service.reveal_national_number(team.lien, team.own.id, team.theirs.applicant.id)
    assert {k: v for k, v in snapshot(team.db).items() if "audit" not in k} == {
        k: v for k, v in before.items() if "audit" not in k
    }


def _as_input(view: HouseholdView, **person_changes: Any) -> HouseholdInput:
    """The household as the desk sends it back: every field as shown, masks included."""
    return HouseholdInput(
        AddressInput(view.street, view.house_number, view.deelgemeente, view.postcode, view.box),
        tuple(
            MemberInput(
                replace(
                    PersonInput(
                        m.person.given_name,
                        m.person.family_name,
                        m.person.birth_date,
                        m.person.national_number,
                        m.person.language,
                        m.person.phone,
                        m.person.email,
                        m.person.id,
                    ),
                    **person_changes,
                ),
                m.role,
            )
            for m in view.members
        ),
    )


def test_saving_the_masked_text_keeps_every_number(team: Team) -> None:
    numbers = {m.person.id: stored_number(team.db, m.person.id) for m in team.own.members}
    service = HouseholdService(team.db)
    moved = replace(_as_input(team.own), address=AddressInput("Dorpstraat", "3", "Herent"))
    updated = service.update(team.lien, team.own.id, team.own.version, moved)
    assert updated.street == "Dorpstraat"
    saved = IntakeService(team.db).save(team.lien, team.own.id, updated.version, moved)
    kept = service.update(
        team.lien,
        team.own.id,
        saved.version,
        _as_input(saved, national_number=None, keep_national_number=True),
    )
    assert {m.person.id: stored_number(team.db, m.person.id) for m in kept.members} == numbers


def test_a_mask_is_never_stored_and_an_empty_field_still_clears(team: Team) -> None:
    service = HouseholdService(team.db)
    with pytest.raises(ValidationError, match="in full"):
        service.create(
            team.lien,
            HouseholdInput(
                AddressInput("Kerkstraat", "1", "Herent"),
                (
                    MemberInput(
                        PersonInput("Piet", "Pieters", date(1980, 1, 1), "80.01.01-***.**"),
                        "applicant",
                    ),
                ),
            ),
        )
    with team.db.read() as session:
        masks = session.scalar(
            select(func.count()).select_from(Person).where(Person.national_number.like("%*%"))
        )
    assert masks == 0
    cleared = service.update(
        team.lien, team.own.id, team.own.version, _as_input(team.own, national_number=None)
    )
    assert not any(m.person.national_number_known for m in cleared.members)


def test_a_kept_number_must_still_match_a_changed_birth_date(team: Team) -> None:
    with pytest.raises(ValidationError, match="national_number"):
        HouseholdService(team.db).update(
            team.lien,
            team.own.id,
            team.own.version,
            _as_input(team.own, birth_date=date(1999, 9, 9)),
        )
