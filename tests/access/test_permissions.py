"""Every cell of the role × action matrix, enforced by the real service on a real database.

For each action of `access.permissions` and each service method that checks it, every role
calls the method: an allowed role succeeds; a refused role gets PermissionDenied and the
database is left exactly as it was. Also: forged roles, another user's identity with a higher
role, deactivated users, and the matrix in docs/ACCESS.md.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from builders import family, household, person, single
from sqlalchemy import select, table, text, update
from sqlalchemy.orm import Session

from sociaalhuis.access import accounts, need_to_know, trail
from sociaalhuis.access.actors import Actor, authorize, effective_role, ensure_user
from sociaalhuis.access.permissions import ACTIONS, ROLES, allowed
from sociaalhuis.cases.contacts import ContactService
from sociaalhuis.cases.decisions import DecisionService
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.cases.intake import IntakeFact, IntakeService
from sociaalhuis.cases.records import (
    ConsentInput,
    ContactInput,
    DecisionInput,
    FactInput,
    HouseholdInput,
    MemberInput,
)
from sociaalhuis.catalog import loader
from sociaalhuis.errors import PermissionDenied
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.official import importer
from sociaalhuis.privacy import retention
from sociaalhuis.privacy.consents import ConsentService
from sociaalhuis.referrals import hsds_export, hsds_import, partners, reply_file, reply_rates
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import LocationInput, OrganisationInput, ServiceInput
from sociaalhuis.referrals.referrals import ReferralInput, ReferralService
from sociaalhuis.referrals.replies import ReplyInput, ReplyService
from sociaalhuis.review import export, followups, lists, rounds
from sociaalhuis.screening import review
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import (
    GrantingRound,
    GrantingRoundItem,
    Household,
    Screening,
    StoredFinding,
    User,
)

ROOT = Path(__file__).resolve().parents[2]
CATALOG = loader.load()
TODAY = date(2026, 11, 22)
HSDS_EXAMPLE = ROOT / "tests" / "data" / "hsds-example"
STATUS_LIST = ROOT / "docs" / "examples" / "official-statuses-20261201.csv"
ACCESS_DOC = ROOT / "docs" / "ACCESS.md"
# Refusals may be written to the audit trail (issue 12, point 4): that is the one table a
# refused call may add to (and the chain head it moves).
# The site row counts the outbox rows of audit events too (`sync_outbox` is filtered below).
AUDIT_TABLES = {"audit_events", "audit_chain_head", "sync_site"}
# A second social worker, whose case the others open only through break-glass.
COLLEAGUE = "collega"
# Two more referrals of the case, both sent: one the partner declined (its reply is marked
# handled), one still waiting for an answer (answered by hand or from a file).
SENT_ON = date(2026, 11, 10)
DECLINED_ON = date(2026, 11, 15)


@dataclass
class World:
    """One database with a household, its contact, consent, decision, referrals (one draft,
    one declined by the partner, one waiting for an answer) and partners."""

    db: Database
    folder: Path
    users: dict[str, Actor]
    household: uuid.UUID
    household_version: int
    member: uuid.UUID
    contact: uuid.UUID
    consent: uuid.UUID
    referral: uuid.UUID
    referral_version: int
    partner: uuid.UUID
    partner_version: int
    location: uuid.UUID
    location_version: int
    service: uuid.UUID
    service_version: int
    colleague: Actor
    colleagues_case: uuid.UUID
    declined_reply: uuid.UUID
    waiting: uuid.UUID
    waiting_version: int
    waiting_reference: str


def _build(folder: Path) -> Path:
    """A template database holding one user per role and a case with everything around it,
    and a second social worker with a case of their own."""
    path = folder / "template.db"
    db = Database.open(f"sqlite:///{path.as_posix()}", create=True)
    try:
        with db.write() as session:
            system = ensure_user(session, "system", "Systeem", "system")
            for role in ROLES:
                if role != "system":
                    ensure_user(session, role, f"Gebruiker {role}", role)
            colleague = ensure_user(session, COLLEAGUE, "Collega Claes", "social_worker")
        intake = IntakeService(db)
        household = intake.save(
            system,
            None,
            None,
            family(),
            [
                IntakeFact("household_income", "money", Decimal("21400.00")),
                IntakeFact("tenure", "choice", "private_rent"),
            ],
        )
        directory = DirectoryService(db)
        caw = directory.create_organisation(
            system, OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True)
        )
        directory.save_location(system, caw.id, LocationInput("Onthaal Leuven"))
        directory.save_service(system, caw.id, ServiceInput("Budgethulp"))
        ContactService(db).record(
            system,
            household.id,
            ContactInput(
                question="Hulp bij energie",
                note="Vertrouwelijke nota",
                consents=(ConsentInput("CAW Oost-Brabant", "budgethulp"),),
            ),
        )
        DecisionService(db, CATALOG).record(
            system, household.id, DecisionInput("verhoogde_tegemoetkoming", "applied", TODAY), ""
        )
        referrals = ReferralService(db, CATALOG)
        referrals.create(
            system,
            household.id,
            ReferralInput(caw.id, "Budgethulp", None, follow_up_on=date(2026, 11, 1)),
            TODAY,
        )
        _sent_referrals(db, system, referrals, household.id, caw.id)
        theirs = intake.save(system, None, None, single())
        need_to_know.assign(db, system, theirs.id, colleague.user_id)
        _granting_round(db, system, household.id)
    finally:
        db.close()
    return path


def _sent_referrals(
    db: Database,
    system: Actor,
    referrals: ReferralService,
    household_id: uuid.UUID,
    partner_id: uuid.UUID,
) -> None:
    """A referral the partner declined, and one sent and not answered yet."""
    for need in ("Schuldhulp", "Woonbegeleiding"):
        draft = referrals.create(system, household_id, ReferralInput(partner_id, need, None), TODAY)
        sent = referrals.set_status(system, draft.id, draft.version, "sent", SENT_ON)
        if need == "Schuldhulp":
            ReplyService(db).record(
                system, sent.id, sent.version, ReplyInput("declined", DECLINED_ON, "reden"), TODAY
            )


def _granting_round(db: Database, system: Actor, household_id: uuid.UUID) -> None:
    """The household eligible for budget guidance by its stored findings (for preparing a
    round), and a round for the mantelzorgtoelage prepared by the system (for deciding one)."""
    with db.write() as session:
        version = session.get(Household, household_id).version  # type: ignore[union-attr]
        session.add(
            Screening(
                household_id=household_id,
                catalog_version=CATALOG.version,
                evaluated_on=TODAY,
                household_version=version,
                digest=bytes(16),
                screened_at=datetime(2026, 11, 22, tzinfo=UTC),
            )
        )
        session.flush()
        session.add(
            StoredFinding(
                household_id=household_id,
                right_id="budgetbegeleiding",
                verdict="eligible",
                missing="",
            )
        )
        row = GrantingRound(
            right_id="mantelzorgtoelage",
            catalog_version=CATALOG.version,
            status="prepared",
            prepared_by_id=system.user_id,
            reason="",
        )
        row.items.append(GrantingRoundItem(household_id=household_id, explanation="Test: ja."))
        session.add(row)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("matrix"))


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[World]:
    """A copy of the template, so every cell starts from the same rows and versions."""
    path = tmp_path / "cell.db"
    shutil.copy(template, path)
    db = Database.open(f"sqlite:///{path.as_posix()}")
    try:
        yield _world(db, tmp_path)
    finally:
        db.close()


def _world(db: Database, folder: Path) -> World:
    with db.read() as session:
        users = {
            user.role: Actor(user.id, user.username, user.role)
            for user in session.scalars(select(User).where(User.username != COLLEAGUE))
        }
        found = session.scalars(select(User).where(User.username == COLLEAGUE)).one()
        colleague = Actor(found.id, found.username, found.role)

        def one(sql: str) -> Any:
            return session.execute(text(sql)).one()

        assigned = "(SELECT household_id FROM case_assignments)"
        household = one(f"SELECT id, version FROM households WHERE id NOT IN {assigned}")
        theirs = one("SELECT household_id FROM case_assignments")
        member = one(
            "SELECT person_id FROM household_members WHERE role = 'applicant' "
            f"AND household_id NOT IN {assigned}"
        )
        contact = one("SELECT id FROM contacts")
        consent = one("SELECT id FROM consents")
        referral = one("SELECT id, version FROM referrals WHERE sent_on IS NULL")
        declined = one("SELECT id FROM referral_replies")
        waiting = one(
            "SELECT id, version, reference FROM referrals WHERE sent_on IS NOT NULL "
            "AND id NOT IN (SELECT referral_id FROM referral_replies)"
        )
        partner = one("SELECT id, version FROM organisations")
        location = one("SELECT id, version FROM locations")
        service = one("SELECT id, version FROM services")

    def ident(value: Any) -> uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))

    return World(
        db,
        folder,
        users,
        ident(household[0]),
        household[1],
        ident(member[0]),
        ident(contact[0]),
        ident(consent[0]),
        ident(referral[0]),
        referral[1],
        ident(partner[0]),
        partner[1],
        ident(location[0]),
        location[1],
        ident(service[0]),
        service[1],
        colleague,
        ident(theirs[0]),
        ident(declined[0]),
        ident(waiting[0]),
        waiting[1],
        waiting[2],
    )


Call = Callable[[World, Actor], object]


def newcomer() -> HouseholdInput:
    return household(MemberInput(person("Jan", "Peeters", date(1970, 1, 1), 5), "applicant"))


def moved(w: World) -> HouseholdInput:
    """The case's applicant alone at a new address."""
    applicant = replace(person("Sarah", "Janssens", date(1986, 4, 2), 2), person_id=w.member)
    return household(MemberInput(applicant, "applicant"), street="Dorpstraat")


def _edit_facts(w: World, a: Actor) -> object:
    facts = [FactInput(key="tenure", kind="choice", value="social_rent")]
    return HouseholdService(w.db).record_facts(a, w.household, w.household_version, facts)


def _refer_with_letter(w: World, a: Actor) -> object:
    data = ReferralInput(w.partner, "Budgethulp", w.consent, shared_facts=("household_income",))
    return ReferralService(w.db, CATALOG).refer(a, w.household, data, "Lien Peeters", TODAY)


def _import_replies(w: World, a: Actor) -> object:
    """The partner's file answering the waiting referral (layout: docs/REFERRAL-REPLIES.md)."""
    path = w.folder / "antwoorden.csv"
    path.write_text(
        f"referentie;uitkomst;datum;reden\n{w.waiting_reference};aanvaard;2026-11-20;\n",
        encoding="utf-8",
    )
    return reply_file.import_replies(w.db, a, path, TODAY)


def _caw(**changes: Any) -> OrganisationInput:
    return replace(
        OrganisationInput("CAW Oost-Brabant", bound_by_professional_secrecy=True), **changes
    )


# Every service method per action: the matrix test fails for an action missing here.
CALLS: dict[str, dict[str, Call]] = {
    "register_client": {
        "HouseholdService.create": lambda w, a: HouseholdService(w.db).create(a, newcomer()),
        "IntakeService.save": lambda w, a: IntakeService(w.db).save(a, None, None, newcomer()),
    },
    "edit_household": {
        "HouseholdService.update": lambda w, a: HouseholdService(w.db).update(
            a, w.household, w.household_version, moved(w)
        ),
        "HouseholdService.record_facts": _edit_facts,
        "IntakeService.save": lambda w, a: IntakeService(w.db).save(
            a, w.household, w.household_version, moved(w)
        ),
        "retention.close_file": lambda w, a: retention.close_file(
            w.db, a, w.household, TODAY, "Verhuisd naar een andere gemeente"
        ),
    },
    "open_client_file": {
        "HouseholdService.get": lambda w, a: HouseholdService(w.db).get(a, w.household),
        "HouseholdService.reveal_national_number": lambda w, a: HouseholdService(
            w.db
        ).reveal_national_number(a, w.household, w.member),
    },
    "search_clients": {
        "HouseholdService.find": lambda w, a: HouseholdService(w.db).find(a, "Janssens"),
    },
    "record_contact": {
        "ContactService.record": lambda w, a: ContactService(w.db).record(
            a, w.household, ContactInput(question="Vraag naar huurpremie")
        ),
        "ConsentService.give": lambda w, a: ConsentService(w.db).give(
            a, w.household, "follow_up", given_on=TODAY
        ),
    },
    "read_case_notes": {
        "ContactService.list_for": lambda w, a: ContactService(w.db).list_for(a, w.household),
    },
    "write_case_note": {
        "ContactService.add_note": lambda w, a: ContactService(w.db).add_note(
            a, w.contact, "Opvolging"
        ),
    },
    "read_consents": {
        "ContactService.consents_for": lambda w, a: ContactService(w.db).consents_for(
            a, w.household
        ),
        "ConsentService.current": lambda w, a: ConsentService(w.db).current(a, w.household),
    },
    "withdraw_consent": {
        "ContactService.withdraw_consent": lambda w, a: ContactService(w.db).withdraw_consent(
            a, w.consent
        ),
        "ConsentService.withdraw": lambda w, a: ConsentService(w.db).withdraw(a, w.consent),
    },
    "read_decisions": {
        "DecisionService.current": lambda w, a: DecisionService(w.db, CATALOG).current(
            a, w.household
        ),
    },
    "record_decision": {
        "DecisionService.record": lambda w, a: DecisionService(w.db, CATALOG).record(
            a, w.household, DecisionInput("verhoogde_tegemoetkoming", "declined", TODAY), ""
        ),
    },
    "print_overview": {
        "ReferralService.print_overview": lambda w, a: ReferralService(
            w.db, CATALOG
        ).print_overview(a, w.household, ("verhoogde_tegemoetkoming",), "Lien", TODAY),
    },
    "refer": {
        "ReferralService.create": lambda w, a: ReferralService(w.db, CATALOG).create(
            a, w.household, ReferralInput(w.partner, "Schuldhulp", None), TODAY
        ),
        "ReferralService.refer": _refer_with_letter,
    },
    "follow_up_referral": {
        "ReferralService.set_status": lambda w, a: ReferralService(w.db, CATALOG).set_status(
            a, w.referral, w.referral_version, "sent", TODAY
        ),
        "ReplyService.record": lambda w, a: ReplyService(w.db).record(
            a, w.waiting, w.waiting_version, ReplyInput("accepted", TODAY), TODAY
        ),
        "ReplyService.mark_handled": lambda w, a: ReplyService(w.db).mark_handled(
            a, w.declined_reply, "Nieuwe doorverwijzing naar het OCMW"
        ),
        "reply_file.import_replies": _import_replies,
    },
    "read_referrals": {
        "ReferralService.for_household": lambda w, a: ReferralService(w.db, CATALOG).for_household(
            a, w.household
        ),
        "ReferralService.overdue": lambda w, a: ReferralService(w.db, CATALOG).overdue(a, TODAY),
        "ReplyService.for_referral": lambda w, a: ReplyService(w.db).for_referral(a, w.waiting),
        "ReplyService.current": lambda w, a: ReplyService(w.db).current(a, w.waiting),
        "ReplyService.returned": lambda w, a: ReplyService(w.db).returned(a),
    },
    "read_letters": {
        "ReferralService.letters_for": lambda w, a: ReferralService(w.db, CATALOG).letters_for(
            a, w.household
        ),
    },
    "browse_directory": {
        "DirectoryService.find": lambda w, a: DirectoryService(w.db).find(a, "caw"),
        "DirectoryService.get_organisation": lambda w, a: DirectoryService(w.db).get_organisation(
            a, w.partner
        ),
        "DirectoryService.services_of": lambda w, a: DirectoryService(w.db).services_of(
            a, w.partner
        ),
    },
    "export_directory": {
        "hsds_export.export_package": lambda w, a: hsds_export.export_package(
            w.db, a, w.folder / "export"
        ),
    },
    "edit_partners": {
        "DirectoryService.create_organisation": lambda w, a: DirectoryService(
            w.db
        ).create_organisation(a, OrganisationInput("vzw HalfWeg")),
        "DirectoryService.update_organisation": lambda w, a: DirectoryService(
            w.db
        ).update_organisation(a, w.partner, w.partner_version, _caw(phone="016 00 00 00")),
        "DirectoryService.save_service": lambda w, a: DirectoryService(w.db).save_service(
            a, w.partner, ServiceInput("Budgetbeheer"), w.service, w.service_version
        ),
        "DirectoryService.save_location": lambda w, a: DirectoryService(w.db).save_location(
            a, w.partner, LocationInput("Onthaal Herent"), w.location, w.location_version
        ),
    },
    "import_directory": {
        "hsds_import.import_package": lambda w, a: hsds_import.import_package(
            w.db, a, HSDS_EXAMPLE
        ),
        "partners.load_partners": lambda w, a: partners.load_partners(w.db, a),
    },
    "import_statuses": {
        "importer.import_statuses": lambda w, a: importer.import_statuses(
            w.db, a, STATUS_LIST, file_date=TODAY
        ),
    },
    "set_partner_secrecy": {
        "DirectoryService.create_organisation": lambda w, a: DirectoryService(
            w.db
        ).create_organisation(a, _caw(name="Huis van het Kind")),
        "DirectoryService.update_organisation": lambda w, a: DirectoryService(
            w.db
        ).update_organisation(
            a, w.partner, w.partner_version, _caw(bound_by_professional_secrecy=False)
        ),
    },
    "run_screening": {
        "review.screen_caseload": lambda w, a: review.screen_caseload(w.db, a, CATALOG, TODAY),
    },
    "view_non_take_up": {
        "review.non_take_up": lambda w, a: review.non_take_up(w.db, a),
        "lists.review": lambda w, a: lists.review(w.db, a, CATALOG, "overdue", today=TODAY),
        "lists.counts": lambda w, a: lists.counts(w.db, a, CATALOG, today=TODAY),
        "lists.take_up": lambda w, a: lists.take_up(w.db, a, CATALOG, today=TODAY),
        "lists.take_up_trend": lambda w, a: lists.take_up_trend(w.db, a, CATALOG, today=TODAY),
        "export.export_review": lambda w, a: export.export_review(
            w.db, a, CATALOG, "eligible", lists.NO_FILTERS, w.folder / "lijst.csv", "csv", TODAY
        ),
        "reply_rates.reply_rates": lambda w, a: reply_rates.reply_rates(w.db, a, TODAY),
    },
    "assign_follow_up": {
        "followups.assign_follow_up": lambda w, a: followups.assign_follow_up(
            w.db,
            a,
            [(w.household, "budgetbegeleiding")],
            w.users["social_worker"].user_id,
            TODAY,
            "Bellen over budgetbegeleiding",
            today=TODAY,
        ),
    },
    "prepare_round": {
        "rounds.prepare_round": lambda w, a: rounds.prepare_round(
            w.db, a, CATALOG, "budgetbegeleiding", TODAY
        ),
        "rounds.rounds": lambda w, a: rounds.rounds(w.db, a),
    },
    "approve_round": {
        "rounds.approve_round": lambda w, a: rounds.approve_round(
            w.db, a, CATALOG, _open_round(w), today=TODAY
        ),
        "rounds.reject_round": lambda w, a: rounds.reject_round(
            w.db, a, _open_round(w), "Eerst de inkomens nakijken"
        ),
    },
    "assign_case": {
        "need_to_know.assign": lambda w, a: need_to_know.assign(
            w.db, a, w.household, w.users["social_worker"].user_id
        ),
        "need_to_know.assign_all_unassigned": lambda w, a: need_to_know.assign_all_unassigned(
            w.db, a, w.users["social_worker"].user_id
        ),
    },
    "take_case": {
        "need_to_know.take": lambda w, a: need_to_know.take(w.db, a, w.household),
    },
    "break_glass": {
        "need_to_know.break_glass": lambda w, a: need_to_know.break_glass(
            w.db, a, w.colleagues_case, "Collega ziek, cliënt aan de balie"
        ),
    },
    "view_break_glass": {
        "need_to_know.break_glass_log": lambda w, a: need_to_know.break_glass_log(
            w.db, a, datetime(2026, 1, 1, tzinfo=UTC)
        ),
    },
    "view_audit_trail": {
        "trail.browse": lambda w, a: trail.browse(w.db, a),
        "trail.export_csv": lambda w, a: trail.export_csv(w.db, a, w.folder / "trail.csv"),
    },
    "manage_users": {
        "accounts.add_user": lambda w, a: _in_write(
            w,
            lambda s: accounts.add_user(
                s, a, "nieuw", "Nieuwe Collega", "intake", "onthaal", "een goed wachtwoord"
            ),
        ),
        "accounts.deactivate_user": lambda w, a: _in_write(
            w, lambda s: accounts.deactivate_user(s, a, w.users["intake"].username)
        ),
        "accounts.reset_password": lambda w, a: _in_write(
            w,
            lambda s: accounts.reset_password(
                s, a, w.users["intake"].username, "een nieuw wachtwoord"
            ),
        ),
    },
    "manage_letterhead": {
        "LetterheadService.update": lambda w, a: LetterheadService(w.db).update(
            a, Sender("Sociaal Huis Herent", ("3020 Herent",)), 0
        ),
    },
}


def _open_round(w: World) -> uuid.UUID:
    with w.db.read() as session:
        return session.scalars(select(GrantingRound.id)).one()


def _in_write(w: World, work: Callable[[Session], object]) -> object:
    with w.db.write() as session:
        return work(session)


CELLS = [
    pytest.param(role, action, method, id=f"{action}-{method}-{role}")
    for action in ACTIONS
    for method in CALLS.get(action, {"(missing)": lambda w, a: None})
    for role in ROLES
]


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the audit trail, in a stable order."""
    with db.read() as session:
        return {
            name: sorted(
                (tuple(str(value) for value in row) for row in session.execute(_all_rows(name))),
            )
            for name in db.table_names()
            if name not in AUDIT_TABLES
        }


def _all_rows(name: str) -> Any:
    query = select(text("*")).select_from(table(name))
    if name == "sync_outbox":
        # A refusal is audited, so its audit event is in the outbox too; nothing else may be.
        query = query.where(text("table_name <> 'audit_events'"))
    return query


def test_every_action_with_a_service_has_its_calls() -> None:
    wanted = set(ACTIONS)
    assert set(CALLS) == wanted
    for action in wanted:
        named = {name.split(" ")[0] for name in ACTIONS[action].services}
        assert named == set(CALLS[action]), action


@pytest.mark.parametrize(("role", "action", "method"), CELLS)
def test_each_cell_of_the_matrix_is_enforced(
    world: World, role: str, action: str, method: str
) -> None:
    call = CALLS[action][method]
    actor = world.users[role]
    if allowed(role, action):
        call(world, actor)
        return
    before = snapshot(world.db)
    with pytest.raises(PermissionDenied) as refused:
        call(world, actor)
    assert f"role {role!r} may not" in refused.value.message
    assert snapshot(world.db) == before


def test_only_team_leads_and_admins_review_non_take_up_and_the_audit_trail() -> None:
    for action in ("view_non_take_up", "view_audit_trail"):
        assert {r for r in ROLES if allowed(r, action)} == {"team_lead", "admin", "system"}
    for action in ("manage_users", "manage_letterhead", "set_partner_secrecy"):
        assert {r for r in ROLES if allowed(r, action)} == {"admin", "system"}
    assert allowed("intake", "register_client") and allowed("intake", "record_contact")
    assert not allowed("intake", "read_case_notes")


# -- a curious insider ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["superuser", "", "ADMIN", "system "])
def test_a_forged_role_may_nothing(world: World, role: str) -> None:
    real = world.users["social_worker"]
    forged = Actor(real.user_id, real.username, role)
    before = snapshot(world.db)
    for action, calls in CALLS.items():
        for method, call in calls.items():
            with pytest.raises(PermissionDenied):
                call(world, forged)
            assert snapshot(world.db) == before, (action, method)


def test_another_users_identity_with_a_higher_role_is_refused(world: World) -> None:
    """The intake worker's id with a role that would allow the call: the users table decides."""
    intake = world.users["intake"]
    for role in ("social_worker", "team_lead", "admin", "system"):
        borrowed = Actor(intake.user_id, intake.username, role)
        with world.db.read() as session:
            assert effective_role(session, borrowed) == "intake"
        before = snapshot(world.db)
        higher = [a for a in CALLS if allowed(role, a) and not allowed("intake", a)]
        assert higher, role
        for action in higher:
            for call in CALLS[action].values():
                with pytest.raises(PermissionDenied, match="does not hold role"):
                    call(world, borrowed)
        assert snapshot(world.db) == before


def test_an_unknown_user_id_is_refused(world: World) -> None:
    stranger = Actor(uuid.uuid4(), "niemand", "team_lead")
    with pytest.raises(PermissionDenied, match="not an active user"):
        CALLS["search_clients"]["HouseholdService.find"](world, stranger)


def test_a_deactivated_user_may_nothing(world: World) -> None:
    worker = world.users["social_worker"]
    with world.db.write() as session:
        session.execute(update(User).where(User.id == worker.user_id).values(active=False))
    with world.db.read() as session:
        assert effective_role(session, worker) is None
    before = snapshot(world.db)
    for calls in CALLS.values():
        for call in calls.values():
            with pytest.raises(PermissionDenied):
                call(world, worker)
    assert snapshot(world.db) == before


def test_refusals_on_every_backend(db: Database) -> None:
    """A few cells on each backend under test (PostgreSQL too when one is configured)."""
    with db.write() as session:
        intake = ensure_user(session, "onthaal", "Omar Onthaal", "intake")
        worker = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        inactive = ensure_user(session, "inactief", "Ina Actief", "team_lead")
        session.execute(update(User).where(User.id == inactive.user_id).values(active=False))
    household = IntakeService(db).save(worker, None, None, family())
    contacts = ContactService(db)
    contacts.record(worker, household.id, ContactInput(question="Vraag", note="Nota"))
    with pytest.raises(PermissionDenied):
        contacts.list_for(intake, household.id)
    with pytest.raises(PermissionDenied):
        review.non_take_up(db, worker)
    with pytest.raises(PermissionDenied, match="not an active user"):
        authorize(db, inactive, "search_clients")
    with pytest.raises(PermissionDenied, match="does not hold role"):
        contacts.list_for(replace(intake, role="team_lead"), household.id)
    assert len(contacts.list_for(worker, household.id)) == 1


# -- the documented matrix ------------------------------------------------------------------


def documented_matrix() -> dict[str, dict[str, bool]]:
    """The table of section "Wie mag wat" in docs/ACCESS.md: action → role → allowed."""
    section = ACCESS_DOC.read_text(encoding="utf-8").split("## Wie mag wat", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip().strip("`") for cell in rows[0].strip("|").split("|")]
    roles = header[2:]
    table_: dict[str, dict[str, bool]] = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        action = re.search(r"`([a-z_]+)`", cells[0])
        assert action, line
        table_[action.group(1)] = {
            role: mark == "ja" for role, mark in zip(roles, cells[2:], strict=True)
        }
    return table_


def test_the_documented_matrix_is_the_enforced_one() -> None:
    documented = documented_matrix()
    assert set(documented) == set(ACTIONS)
    for action, by_role in documented.items():
        assert set(by_role) == set(ROLES), action
        for role, mark in by_role.items():
            assert mark == allowed(role, action), (action, role)
