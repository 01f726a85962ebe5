"""Who may do what: every action a service checks, and the role × action matrix as data.

`docs/ACCESS.md` ("Wie mag wat") shows this matrix; a test keeps the two equal, and another
calls every service method with every role.
"""

from __future__ import annotations

from dataclasses import dataclass

from sociaalhuis.storage.models import ROLES

# `system` is the program itself (demo data, command line, startup), held by no person.
PEOPLE_ROLES = tuple(role for role in ROLES if role != "system")


@dataclass(frozen=True)
class Action:
    """One thing a user may or may not do, with its Dutch name and the services that check it."""

    name: str
    dutch: str
    services: tuple[str, ...]
    roles: frozenset[str]


_DESK = frozenset({"intake", "social_worker", "team_lead", "system"})
_CASEWORK = frozenset({"social_worker", "team_lead", "system"})
_EVERYONE = frozenset(ROLES)
_LEADS = frozenset({"team_lead", "admin", "system"})
_ADMIN = frozenset({"admin", "system"})

REGISTER_CLIENT = "register_client"
EDIT_HOUSEHOLD = "edit_household"
OPEN_CLIENT_FILE = "open_client_file"
SEARCH_CLIENTS = "search_clients"
RECORD_CONTACT = "record_contact"
READ_CASE_NOTES = "read_case_notes"
WRITE_CASE_NOTE = "write_case_note"
READ_CONSENTS = "read_consents"
WITHDRAW_CONSENT = "withdraw_consent"
READ_DECISIONS = "read_decisions"
RECORD_DECISION = "record_decision"
PRINT_OVERVIEW = "print_overview"
REFER = "refer"
FOLLOW_UP_REFERRAL = "follow_up_referral"
READ_REFERRALS = "read_referrals"
READ_LETTERS = "read_letters"
BROWSE_DIRECTORY = "browse_directory"
EXPORT_DIRECTORY = "export_directory"
EDIT_PARTNERS = "edit_partners"
IMPORT_DIRECTORY = "import_directory"
IMPORT_STATUSES = "import_statuses"
SET_PARTNER_SECRECY = "set_partner_secrecy"
RUN_SCREENING = "run_screening"
VIEW_NON_TAKE_UP = "view_non_take_up"
ASSIGN_FOLLOW_UP = "assign_follow_up"
VIEW_AUDIT_TRAIL = "view_audit_trail"
MANAGE_USERS = "manage_users"
MANAGE_LETTERHEAD = "manage_letterhead"
ASSIGN_CASE = "assign_case"
TAKE_CASE = "take_case"
BREAK_GLASS = "break_glass"
VIEW_BREAK_GLASS = "view_break_glass"
PREPARE_ROUND = "prepare_round"
APPROVE_ROUND = "approve_round"

_ALL = (
    Action(
        REGISTER_CLIENT,
        "Cliënt registreren (nieuw gezin)",
        ("HouseholdService.create", "IntakeService.save (nieuw)"),
        _DESK,
    ),
    Action(
        EDIT_HOUSEHOLD,
        "Gezin en gegevens wijzigen",
        (
            "HouseholdService.update",
            "HouseholdService.record_facts",
            "IntakeService.save (bestaand)",
            "retention.close_file",
        ),
        _DESK,
    ),
    Action(
        OPEN_CLIENT_FILE,
        "Cliëntdossier openen",
        ("HouseholdService.get", "HouseholdService.reveal_national_number"),
        _DESK,
    ),
    Action(SEARCH_CLIENTS, "Cliënten zoeken", ("HouseholdService.find",), _DESK),
    Action(
        RECORD_CONTACT,
        "Onthaalvraag registreren",
        ("ContactService.record", "ConsentService.give"),
        _DESK,
    ),
    Action(READ_CASE_NOTES, "Dossiernota's lezen", ("ContactService.list_for",), _CASEWORK),
    Action(WRITE_CASE_NOTE, "Dossiernota toevoegen", ("ContactService.add_note",), _CASEWORK),
    Action(
        READ_CONSENTS,
        "Toestemmingen inzien",
        ("ContactService.consents_for", "ConsentService.current"),
        _DESK,
    ),
    Action(
        WITHDRAW_CONSENT,
        "Intrekking van toestemming registreren",
        ("ContactService.withdraw_consent", "ConsentService.withdraw"),
        _DESK,
    ),
    Action(READ_DECISIONS, "Beslissingen inzien", ("DecisionService.current",), _DESK),
    Action(RECORD_DECISION, "Beslissing over een recht", ("DecisionService.record",), _CASEWORK),
    Action(
        PRINT_OVERVIEW,
        "Rechtenoverzicht afdrukken",
        ("ReferralService.print_overview",),
        _DESK,
    ),
    Action(
        REFER,
        "Doorverwijzen (met brief)",
        ("ReferralService.create", "ReferralService.refer"),
        _CASEWORK,
    ),
    Action(
        FOLLOW_UP_REFERRAL,
        "Doorverwijzing opvolgen",
        (
            "ReferralService.set_status",
            "ReplyService.record",
            "ReplyService.mark_handled",
            "reply_file.import_replies",
        ),
        _CASEWORK,
    ),
    Action(
        READ_REFERRALS,
        "Doorverwijzingen inzien",
        (
            "ReferralService.for_household",
            "ReferralService.overdue",
            "ReplyService.for_referral",
            "ReplyService.current",
            "ReplyService.returned",
        ),
        _CASEWORK,
    ),
    Action(
        READ_LETTERS, "Gearchiveerde brieven inzien", ("ReferralService.letters_for",), _CASEWORK
    ),
    Action(
        BROWSE_DIRECTORY,
        "Sociale kaart raadplegen",
        (
            "DirectoryService.find",
            "DirectoryService.get_organisation",
            "DirectoryService.services_of",
        ),
        _EVERYONE,
    ),
    Action(
        EXPORT_DIRECTORY,
        "Sociale kaart exporteren (HSDS)",
        ("hsds_export.export_package",),
        _EVERYONE,
    ),
    Action(
        EDIT_PARTNERS,
        "Partners op de sociale kaart bewerken",
        (
            "DirectoryService.create_organisation",
            "DirectoryService.update_organisation",
            "DirectoryService.save_service",
            "DirectoryService.save_location",
        ),
        frozenset({"social_worker", "team_lead", "admin", "system"}),
    ),
    Action(
        IMPORT_DIRECTORY,
        "Sociale kaart importeren of vullen",
        ("hsds_import.import_package", "partners.load_partners"),
        _LEADS,
    ),
    Action(
        IMPORT_STATUSES,
        "Officiële statussen inlezen (KSZ-lijst)",
        ("importer.import_statuses",),
        _LEADS,
    ),
    Action(
        SET_PARTNER_SECRECY,
        "Beroepsgeheim van een partner aanduiden",
        ("DirectoryService.create_organisation", "DirectoryService.update_organisation"),
        _ADMIN,
    ),
    Action(
        RUN_SCREENING, "Alle gezinnen screenen", ("review.screen_caseload",), _CASEWORK | _LEADS
    ),
    Action(
        ASSIGN_CASE,
        "Dossier toewijzen",
        ("need_to_know.assign", "need_to_know.assign_all_unassigned"),
        _LEADS,
    ),
    Action(
        TAKE_CASE,
        "Niet-toegewezen dossier opnemen",
        ("need_to_know.take",),
        frozenset({"social_worker", "team_lead"}),
    ),
    Action(
        BREAK_GLASS,
        "Noodtoegang tot het dossier van een collega",
        ("need_to_know.break_glass",),
        frozenset({"social_worker"}),
    ),
    Action(
        VIEW_BREAK_GLASS,
        "Noodtoegang (break-glass) bekijken",
        ("need_to_know.break_glass_log",),
        _LEADS,
    ),
    Action(
        VIEW_NON_TAKE_UP,
        "Onderbescherming bekijken en exporteren",
        (
            "review.non_take_up",
            "lists.review",
            "lists.counts",
            "lists.take_up",
            "lists.take_up_trend",
            "export.export_review",
            "reply_rates.reply_rates",
        ),
        _LEADS,
    ),
    Action(
        ASSIGN_FOLLOW_UP,
        "Opvolging toewijzen vanuit de onderbescherming",
        ("followups.assign_follow_up",),
        frozenset({"team_lead", "system"}),
    ),
    # A granting round is the team lead's proposal for the bijzonder comité; the program
    # (system) may prepare one too, e.g. monthly. Approving grants rights to clients: only a
    # team lead, never the program or an administrator (who manages accounts, not cases),
    # and never the one who prepared the round (four eyes, checked in `review.rounds`).
    Action(
        PREPARE_ROUND,
        "Toekenningsronde voorbereiden",
        ("rounds.prepare_round", "rounds.rounds"),
        frozenset({"team_lead", "system"}),
    ),
    Action(
        APPROVE_ROUND,
        "Toekenningsronde goedkeuren of afwijzen (vier ogen)",
        ("rounds.approve_round", "rounds.reject_round"),
        frozenset({"team_lead"}),
    ),
    Action(
        VIEW_AUDIT_TRAIL,
        "Audittrail bekijken en exporteren",
        ("trail.browse", "trail.export_csv"),
        _LEADS,
    ),
    Action(
        MANAGE_USERS,
        "Gebruikers beheren",
        ("accounts.add_user", "accounts.deactivate_user", "accounts.reset_password"),
        _ADMIN,
    ),
    Action(
        MANAGE_LETTERHEAD,
        "Briefhoofd van het Sociaal Huis beheren",
        ("LetterheadService.update",),
        _ADMIN,
    ),
)

ACTIONS: dict[str, Action] = {action.name: action for action in _ALL}


def allowed(role: str, action: str) -> bool:
    """Whether `role` may perform `action`; unknown roles and unknown actions may nothing."""
    entry = ACTIONS.get(action)
    return entry is not None and role in entry.roles
