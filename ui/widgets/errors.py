"""What a refused or failed service call means, for the person at the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from sociaalhuis.errors import PermissionDenied, SociaalHuisError, StorageError, ValidationError
from sociaalhuis.sync.conflicts import InConflictError
from ui.privacy.consent_texts import consent_refusal
from ui.startup_errors import storage_reason

translate = QCoreApplication.translate


def error_text(widget: QWidget, error: SociaalHuisError) -> str:
    """A refusal explained in Dutch by the main window (switched-off account, changed role,
    a colleague's case, a role that may not), a case waiting for a sync conflict to be
    settled; other errors as the service words them."""
    window = widget.window()
    explain = getattr(window, "explain_refusal", None)
    if isinstance(error, PermissionDenied) and callable(explain):
        return str(explain(error))
    if isinstance(error, StorageError) and error.kind:
        # A page found damaged long after start-up is told as at start-up.
        return f"{error.location}: {storage_reason(error)}"
    if isinstance(error, ValidationError) and error.field == "consent_id":
        return consent_refusal(error.reason)
    if isinstance(error, InConflictError):
        return translate(
            "Errors",
            "This case has a conflict after synchronisation. Settle it first in Conflicts.",
        )
    return error.message
