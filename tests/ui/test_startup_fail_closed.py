"""The window refuses an empty, foreign, read-only or damaged database file with the Dutch
start-up message, naming the file and the reason, and leaves the file untouched (issue 14,
point 7); also on the default location, which is otherwise created and migrated."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from sociaalhuis.access.actors import Actor
from sociaalhuis.cli import COUNTED, main
from sociaalhuis.errors import StorageError
from sociaalhuis.storage.database import Database
from tests.storage.test_fail_closed import CASES, IDS
from ui import app as ui_app
from ui.startup_errors import StartupMessage
from ui.widgets.errors import error_text


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filled") / "filled.db"
    url = f"sqlite:///{path.as_posix()}"
    assert main(["--database", url, "init"]) == 0
    assert main(["--database", url, "demo", "--households", "200", "--seed", "7"]) == 0
    return path


def reading_login(db: Database) -> Actor | None:
    """Stands in for the login and the first window: reads every counted table."""
    with db.read() as session:
        for cls in COUNTED:
            session.scalar(select(func.count()).select_from(cls))
    raise AssertionError("a file that cannot be used got as far as the login")


DUTCH = {
    "empty": "Het bestand is leeg (0 bytes); het is geen database.",
    "foreign": "Het bestand is een database van een ander programma, niet van Sociaal Huis.",
    "read-only": "Het bestand is alleen-lezen; Sociaal Huis moet erin kunnen schrijven. "
    "Maak het schrijfbaar of open een kopie.",
    "header": "Het bestand is beschadigd: sommige pagina's zijn onleesbaar. "
    "Zet een reservekopie terug.",
}
DUTCH["pages"] = DUTCH["header"]
DUTCH_CASES = [(make, DUTCH[name]) for (make, _), name in zip(CASES, IDS, strict=True)]


@pytest.mark.parametrize(("make", "reason"), DUTCH_CASES, ids=IDS)
@pytest.mark.parametrize("via", ["--database", "default location"])
def test_the_window_refuses_the_file_in_dutch_and_leaves_it_alone(
    isolated_folders: Path, filled: Path, make, reason, via
) -> None:
    folder = isolated_folders / "data"
    folder.mkdir()
    made = make(folder, filled)
    if via == "--database":
        path, argv = made, ["--database", f"sqlite:///{made.as_posix()}"]
    else:
        path, argv = folder / "sociaalhuis.db", []
        shutil.move(made, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    messages: list[StartupMessage] = []

    assert ui_app.main(argv, show_error=messages.append, login=reading_login) == 1

    [message] = messages
    assert message.headline == "De database kan niet geopend worden."
    assert message.location == str(path)
    assert message.reason == reason
    assert "Er is niets gewijzigd." in message.text()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_a_page_found_damaged_later_is_told_in_dutch_too(dutch, qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    error = StorageError("/data/sociaalhuis.db", "is damaged: ...", "damaged")
    assert error_text(widget, error) == f"/data/sociaalhuis.db: {DUTCH['pages']}"
