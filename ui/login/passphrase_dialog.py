"""Asking the passphrase of an encrypted database at start-up: three tries, then refused.

The dialog opens the database itself (one Argon2id derivation, a few tenths of a second,
under a wait cursor), so a wrong passphrase is said in the dialog and the user tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from sociaalhuis.errors import StorageError
from sociaalhuis.storage.database import Database
from ui.widgets.forms import dialog_buttons, error_label, label_inputs
from ui.widgets.inputs import guard_text

MAX_TRIES = 3
PASSPHRASE_LENGTH = 1024


class PassphraseDialog(QDialog):
    """The passphrase of the encrypted database at `url`; `db` holds it open once accepted,
    `failure` the refusal that ended the dialog (the last wrong passphrase, a damaged file)."""

    def __init__(self, url: str, location: str, *, migrate: bool = False) -> None:
        super().__init__()
        self.url = url
        self.migrate = migrate
        self.db: Database | None = None
        self.failure: StorageError | None = None
        self.tries = 0
        self.setWindowTitle(self.tr("Sociaal Huis — encrypted database"))
        intro = QLabel(self.tr("This database is encrypted. Enter its passphrase to open it."))
        intro.setWordWrap(True)
        where = QLabel(self.tr("Database: {location}").format(location=location))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = guard_text(QLineEdit(), PASSPHRASE_LENGTH)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        hint = QLabel(
            self.tr(
                "Forgotten? The security officer can set a new passphrase with the recovery key."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout = QVBoxLayout(self)
        for widget in (intro, where):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(dialog_buttons(self, self.tr("&Open"), self.tr("Cancel")))
        self.setMinimumWidth(460)
        self.passphrase.setFocus()
        label_inputs(self)

    def accept(self) -> None:
        if not self.passphrase.text():
            self.passphrase.setFocus()
            return
        text = self.passphrase.text()
        try:
            self.db = _busy(lambda: Database.open(self.url, migrate=self.migrate, passphrase=text))
        except StorageError as exc:
            self.tries += 1
            if exc.kind == "wrong_passphrase" and self.tries < MAX_TRIES:
                self.show_wrong(MAX_TRIES - self.tries)
                return
            self.failure = exc
            super().reject()
            return
        super().accept()

    def show_wrong(self, left: int) -> None:
        self.error.setText(self.tr("The passphrase is wrong. %n attempt(s) left.", "", left))
        self.error.show()
        self.passphrase.clear()
        self.passphrase.setFocus()


def _busy(work: Callable[[], Database]) -> Database:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QApplication.restoreOverrideCursor()


def ask_passphrase(url: str, location: str, migrate: bool) -> Database | None:
    """Show the dialog; the open database, None when cancelled. Raises the StorageError that
    ended it (three wrong passphrases, a damaged key file or database)."""
    dialog = PassphraseDialog(url, location, migrate=migrate)
    try:
        dialog.exec()
        if dialog.failure is not None:
            raise dialog.failure
        return dialog.db
    finally:
        dialog.deleteLater()
