"""Start-up failures in Dutch: a headline for people, the core's reason as detail.

The core explains in English what is wrong (`StorageError.reason`, the settings file and
line); here that becomes a message box that also says where and that nothing changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from sociaalhuis.errors import SociaalHuisError, StorageError
from sociaalhuis.settings import SettingsError, settings_file

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate
DETAILS_WIDTH_CHARS = 60


@dataclass(frozen=True)
class StartupMessage:
    """What went wrong at start-up, ready to show: Dutch headline, location, reason."""

    headline: str
    location: str
    reason: str
    unchanged: bool

    def details(self) -> str:
        """Everything below the headline, as plain text."""
        lines = []
        if self.location:
            where = translate("StartupError", "Location: {location}")
            lines.append(where.format(location=self.location))
        lines.append(translate("StartupError", "Reason: {reason}").format(reason=self.reason))
        if self.unchanged:
            lines += ["", translate("StartupError", "Nothing was changed.")]
        return "\n".join(lines)

    def text(self) -> str:
        return f"{self.headline}\n\n{self.details()}"


def describe(exc: SociaalHuisError) -> StartupMessage:
    """The message for a domain error raised while starting."""
    if isinstance(exc, SettingsError):
        headline = translate("StartupError", "The settings file cannot be used.")
        path = str(settings_file(os.environ))
        return StartupMessage(headline, path, exc.message.removeprefix(f"{path}: "), True)
    if isinstance(exc, StorageError):
        headline = translate("StartupError", "The database cannot be opened.")
        return StartupMessage(headline, exc.location, storage_reason(exc), True)
    headline = translate("StartupError", "Sociaal Huis could not start.")
    return StartupMessage(headline, "", exc.message, False)


def storage_reason(exc: StorageError) -> str:
    """What is wrong with the database file, in the user's language where the core says
    which problem it is; otherwise the core's own reason."""
    if exc.kind == "empty":
        return translate("StartupError", "The file is empty (0 bytes); it is not a database.")
    if exc.kind == "not_sqlite":
        return translate("StartupError", "The file is not a database.")
    if exc.kind == "foreign":
        return translate(
            "StartupError", "The file is a database of another program, not of Sociaal Huis."
        )
    if exc.kind == "read_only":
        return translate(
            "StartupError",
            "The file is read-only; Sociaal Huis must be able to write to it. "
            "Make it writable or open a copy.",
        )
    if exc.kind == "damaged":
        return translate(
            "StartupError",
            "The file is damaged: some of its pages cannot be read. Restore it from a backup.",
        )
    return encryption_reason(exc)


def encryption_reason(exc: StorageError) -> str:
    """What is wrong with an encrypted database or its key file; otherwise the core's reason."""
    if exc.kind == "needs_passphrase":
        return translate(
            "StartupError", "The database is encrypted; it cannot be opened without its passphrase."
        )
    if exc.kind == "wrong_passphrase":
        return translate(
            "StartupError",
            "The passphrase is wrong. The security officer can set a new one with the "
            "recovery key.",
        )
    if exc.kind == "damaged_keys":
        return translate(
            "StartupError",
            "The key file beside the database is damaged or is not a key file. "
            "Restore it from a backup.",
        )
    if exc.kind == "missing_keys":
        return translate(
            "StartupError",
            "The file is not a plain database and has no key file beside it. If it is an "
            "encrypted database, put its key file (.keys) back beside it.",
        )
    if exc.kind == "not_encrypted":
        return translate(
            "StartupError",
            "A key file lies beside the database, but the database is not encrypted. It is not "
            "opened: it may have been swapped.",
        )
    return exc.reason


def error_box(message: StartupMessage) -> QMessageBox:
    """A critical message box for `message`, not yet shown."""
    title = translate("StartupError", "Sociaal Huis")
    box = QMessageBox(QMessageBox.Icon.Critical, title, message.headline)
    box.setInformativeText(message.details())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    details = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if details is not None:
        # Wide enough that an ordinary file path stays on one line.
        details.setMinimumWidth(details.fontMetrics().averageCharWidth() * DETAILS_WIDTH_CHARS)
    return box


def show_startup_error(message: StartupMessage) -> None:
    """Show `message` and wait until it is closed (main()'s default error handler)."""
    error_box(message).exec()
