"""An encrypted database asks its passphrase at start-up: a wrong one is said in Dutch with
the tries left, the third wrong one ends the start with a Dutch message and nothing changed;
cancelling starts nothing; each new refusal kind has its Dutch sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import StorageError
from sociaalhuis.storage import conversion
from sociaalhuis.storage.database import Database
from tests.encryption.helpers import PASSPHRASE, folder_digest, make_plain
from ui import app as ui_app
from ui.login.passphrase_dialog import PassphraseDialog
from ui.startup_errors import StartupMessage, storage_reason

WRONG = "niet de juiste zin"


@pytest.fixture
def encrypted_file(isolated_folders: Path) -> Path:
    path = make_plain(isolated_folders / "laptop" / "antenne.db")
    conversion.encrypt(path, PASSPHRASE)
    return path


def answering(answers: list[str | None], seen: list[str]) -> Callable[[], None]:
    """Answers the passphrase dialog each time it is up: a passphrase, or None to cancel;
    records its red line before each answer."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PassphraseDialog) and answers:
            seen.append(dialog.error.text() if dialog.error.isVisibleTo(dialog) else "")
            given = answers.pop(0)
            if given is None:
                dialog.reject()
            else:
                dialog.passphrase.setText(given)
                dialog.accept()
        if answers:
            QTimer.singleShot(20, answer)

    return answer


def start(path: Path, answers: list[str | None], logins: list[Database]):
    seen: list[str] = []
    messages: list[StartupMessage] = []

    def login(db: Database) -> Actor | None:
        logins.append(db)
        return None  # stop at the login: the database was opened

    QTimer.singleShot(0, answering(answers, seen))
    code = ui_app.main(["--database", str(path)], show_error=messages.append, login=login)
    return code, seen, messages


def test_the_right_passphrase_after_a_wrong_one_opens_it(dutch, qtbot, encrypted_file):
    logins: list[Database] = []
    code, seen, messages = start(encrypted_file, [WRONG, PASSPHRASE], logins)
    assert (code, messages) == (0, [])
    assert seen == ["", "De wachtzin is onjuist. Nog 2 pogingen."]
    assert len(logins) == 1


def test_three_wrong_passphrases_end_the_start_in_dutch(dutch, qtbot, encrypted_file):
    before = folder_digest(encrypted_file.parent)
    logins: list[Database] = []
    code, seen, messages = start(encrypted_file, [WRONG, WRONG, WRONG], logins)
    assert code == 1 and logins == []
    assert seen == ["", "De wachtzin is onjuist. Nog 2 pogingen.",
                    "De wachtzin is onjuist. Nog 1 poging."]  # fmt: skip
    [message] = messages
    assert message.headline == "De database kan niet geopend worden."
    assert message.reason.startswith("De wachtzin is onjuist.")
    assert "Er is niets gewijzigd." in message.text()
    assert folder_digest(encrypted_file.parent) == before


def test_cancelling_starts_nothing(dutch, qtbot, encrypted_file):
    before = folder_digest(encrypted_file.parent)
    logins: list[Database] = []
    code, _seen, messages = start(encrypted_file, [None], logins)
    assert (code, messages, logins) == (0, [], [])
    assert folder_digest(encrypted_file.parent) == before


def test_the_dialog_refuses_an_empty_passphrase_without_trying(dutch, qtbot, encrypted_file):
    dialog = PassphraseDialog(f"sqlite:///{encrypted_file.as_posix()}", str(encrypted_file))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert (dialog.tries, dialog.db, dialog.result()) == (0, None, 0)
    assert dialog.windowTitle() == "Sociaal Huis — versleutelde database"


KINDS = ("needs_passphrase", "wrong_passphrase", "damaged_keys", "missing_keys", "not_encrypted")


def test_each_encryption_refusal_has_its_own_dutch_sentence(dutch):
    sentences = [storage_reason(StorageError("/x.db", "core reason", kind)) for kind in KINDS]
    assert len(set(sentences)) == len(KINDS)
    assert all(s != "core reason" and ("database" in s or "wachtzin" in s) for s in sentences)
    assert "sleutelbestand" in sentences[KINDS.index("damaged_keys")]
