"""Dutch names of the record kinds, conflict reasons and fields the conflict inbox shows
(English in source); a field without a name is shown as its column."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate

# The database's own bookkeeping and derived search columns: never shown, never settled.
HIDDEN_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})


def record_names() -> dict[str, str]:
    return {
        "households": translate("SyncConflicts", "Household"),
        "persons": translate("SyncConflicts", "Person"),
        "household_members": translate("SyncConflicts", "Household member"),
        "facts": translate("SyncConflicts", "Answer"),
        "contacts": translate("SyncConflicts", "Conversation"),
        "contact_notes": translate("SyncConflicts", "Case note"),
        "consents": translate("SyncConflicts", "Consent"),
        "decisions": translate("SyncConflicts", "Decision"),
        "referrals": translate("SyncConflicts", "Referral"),
        "letters": translate("SyncConflicts", "Letter"),
        "follow_ups": translate("SyncConflicts", "Follow-up"),
        "case_assignments": translate("SyncConflicts", "Case assignment"),
        "organisations": translate("SyncConflicts", "Partner"),
        "services": translate("SyncConflicts", "Service"),
    }


def reason_names() -> dict[str, str]:
    return {
        "both_changed": translate("SyncConflicts", "Changed on both sides"),
        "unsafe_field": translate(
            "SyncConflicts", "Income, status or decision changed on the other site"
        ),
        "deleted_vs_edited": translate(
            "SyncConflicts", "Deleted on one side, changed on the other"
        ),
        "both_inserted": translate("SyncConflicts", "Added on both sides"),
        "stale": translate("SyncConflicts", "Changed on an outdated version"),
    }


def field_names() -> dict[str, str]:
    return {
        "street": translate("SyncConflicts", "Street"),
        "house_number": translate("SyncConflicts", "House number"),
        "box": translate("SyncConflicts", "Box"),
        "postcode": translate("SyncConflicts", "Postcode"),
        "deelgemeente": translate("SyncConflicts", "Deelgemeente"),
        "given_name": translate("SyncConflicts", "Given name"),
        "family_name": translate("SyncConflicts", "Family name"),
        "birth_date": translate("SyncConflicts", "Birth date"),
        "national_number": translate("SyncConflicts", "National register number"),
        "language": translate("SyncConflicts", "Language"),
        "phone": translate("SyncConflicts", "Phone"),
        "email": translate("SyncConflicts", "Email"),
        "status": translate("SyncConflicts", "Status"),
        "reason": translate("SyncConflicts", "Reason"),
        "note": translate("SyncConflicts", "Note"),
        "action": translate("SyncConflicts", "Decision"),
        "decided_on": translate("SyncConflicts", "Decided on"),
        "follow_up_on": translate("SyncConflicts", "Follow up on"),
        "value_number": translate("SyncConflicts", "Amount"),
        "value_text": translate("SyncConflicts", "Answer"),
        "value_bool": translate("SyncConflicts", "Yes/no"),
        "value_date": translate("SyncConflicts", "Date"),
        "evidence": translate("SyncConflicts", "Evidence"),
        "valid_from": translate("SyncConflicts", "Valid from"),
        "valid_until": translate("SyncConflicts", "Valid until"),
    }


def shown(value: Any) -> str:
    """A field's JSON-form value as the worker reads it (nothing for an empty field)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return translate("SyncConflicts", "yes") if value else translate("SyncConflicts", "no")
    return str(value)
