"""Dutch names of audit actions and record types for the trail browser (English in source)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate


def action_names() -> dict[str, str]:
    """Readable names of the actions the services record; others are shown as stored."""
    return {
        "household.created": translate("AuditLabels", "Client registered"),
        "household.updated": translate("AuditLabels", "Client file changed"),
        "household.facts_recorded": translate("AuditLabels", "Answers recorded"),
        "household.viewed": translate("AuditLabels", "Client file opened"),
        "household.searched": translate("AuditLabels", "Clients searched"),
        "case.assigned": translate("AuditLabels", "Case assigned"),
        "contact.recorded": translate("AuditLabels", "Conversation recorded"),
        "contact.note_added": translate("AuditLabels", "Case note written"),
        "contact.listed": translate("AuditLabels", "Conversations read"),
        "consent.withdrawn": translate("AuditLabels", "Consent withdrawn"),
        "consent.listed": translate("AuditLabels", "Consents read"),
        "decision.recorded": translate("AuditLabels", "Decision recorded"),
        "decision.listed": translate("AuditLabels", "Decisions read"),
        "referral.created": translate("AuditLabels", "Referral made"),
        "referral.status": translate("AuditLabels", "Referral followed up"),
        "letter.printed": translate("AuditLabels", "Letter printed"),
        "letter.listed": translate("AuditLabels", "Letters read"),
        "break_glass.log_viewed": translate("AuditLabels", "Break-glass log read"),
        "login": translate("AuditLabels", "Logged in"),
        "login_failed": translate("AuditLabels", "Failed login"),
        "account_locked": translate("AuditLabels", "Account locked"),
        "screen_locked": translate("AuditLabels", "Screen locked"),
        "screen_unlocked": translate("AuditLabels", "Screen unlocked"),
        "user_created": translate("AuditLabels", "Account added"),
        "user_deactivated": translate("AuditLabels", "Account switched off"),
        "password_reset": translate("AuditLabels", "Password reset"),
        "permission_refused": translate("AuditLabels", "Refused: no permission"),
        "audit.viewed": translate("AuditLabels", "Audit trail read"),
        "audit.exported": translate("AuditLabels", "Audit trail exported"),
        "review.non_take_up": translate("AuditLabels", "Non-take-up review read"),
        "review.screen_caseload": translate("AuditLabels", "Caseload screened"),
        "letterhead.updated": translate("AuditLabels", "Letterhead changed"),
        "demo.loaded": translate("AuditLabels", "Demo data loaded"),
        "sync_conflict_settled": translate("AuditLabels", "Sync conflict settled"),
        "official_statuses.imported": translate("AuditLabels", "Status list read in"),
        "household.official_statuses": translate("AuditLabels", "Official statuses read in"),
    }


def record_names() -> dict[str, str]:
    """Readable names of the record types events are about."""
    return {
        "household": translate("AuditLabels", "client"),
        "user": translate("AuditLabels", "account"),
        "audit_trail": translate("AuditLabels", "audit trail"),
        "permission": translate("AuditLabels", "permission"),
        "contact": translate("AuditLabels", "conversation"),
        "decision": translate("AuditLabels", "decision"),
        "referral": translate("AuditLabels", "referral"),
        "letter": translate("AuditLabels", "letter"),
        "organisation": translate("AuditLabels", "partner"),
        "service": translate("AuditLabels", "service"),
        "status_import": translate("AuditLabels", "status list"),
    }


def action_name(action: str) -> str:
    return action_names().get(action, action)


def details_text(detail: str) -> str:
    """`key: value` pairs of an event's stored detail, nested filters flattened."""
    try:
        value: Any = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(value, dict):
        return detail
    parts = []
    for key, item in sorted(value.items()):
        if isinstance(item, dict):
            parts += [f"{key}.{inner}: {item[inner]}" for inner in sorted(item)]
        elif isinstance(item, list):
            parts.append(f"{key}: {', '.join(map(str, item))}")
        else:
            parts.append(f"{key}: {item}")
    return "; ".join(parts)
