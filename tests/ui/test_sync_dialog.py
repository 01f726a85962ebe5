"""The sync window on an antennepost laptop and at the central: a direct sync on a worker
thread with a summary in Dutch, stopping it before the central writes, a bundle carried from
the laptop to the central and back, and a tampered bundle refused with nothing changed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy.engine import make_url

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.storage.database import Database
from sociaalhuis.storage.models import Person
from sociaalhuis.sync import outbox
from sociaalhuis.sync.keys import new_key, write_key_file
from sociaalhuis.sync.transport import SyncError, confirmed_seq
from tests.sync.db_sites import content, edit, new_case, new_laptop, person_of
from ui.sync import sync_dialog
from ui.sync.sync_dialog import KEY_FILE_KEY, URL_KEY, SyncDialog
from ui.window_settings import WindowSettings

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

PHONE = "016 22 33 44"
WAIT_MS = 60_000


class Sites:
    """The central (the test's database), its laptop with one case and one unsent edit."""

    def __init__(self, central: Database, actor: Actor, folder: Path) -> None:
        self.central = central
        self.household = new_case(central, actor)
        self.laptop = new_laptop(folder, central, [actor], "veltem")
        self.sarah = person_of(self.laptop, self.household, "Sarah")
        edit(self.laptop, Person, self.sarah, phone=PHONE)
        with self.laptop.read() as session:
            self.unsent = len(outbox.changes(session, after_seq=confirmed_seq(session)))
        self.key_file = folder / "gedeeld.key"
        write_key_file(self.key_file, new_key())
        self.folder = folder

    def central_phone(self) -> str | None:
        with self.central.read() as session:
            return session.get(Person, self.sarah).phone


@pytest.fixture
def sites(db: Database, actor: Actor, tmp_path: Path, dutch: QApplication) -> Any:
    made = Sites(db, actor, tmp_path)
    yield made
    made.laptop.close()


def open_dialog(qtbot: QtBot, db: Database, folder: Path, **remembered: str) -> SyncDialog:
    settings = WindowSettings(QSettings(str(folder / "sync.ini"), QSettings.Format.IniFormat))
    for key, value in remembered.items():
        settings.set_text(key, value)
    dialog = SyncDialog(db, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def finished(qtbot: QtBot, dialog: SyncDialog) -> str:
    qtbot.waitUntil(lambda: not dialog.running and dialog.summary.text() != "", timeout=WAIT_MS)
    return dialog.summary.text()


def choose_files(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file windows answer `path`, as a worker picking it would."""
    answer = staticmethod(lambda *_args, **_kwargs: (str(path), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)


class Gate:
    """A sync_direct that holds its worker thread just before the central writes."""

    def __init__(self) -> None:
        self.held = threading.Event()
        self.open = threading.Event()
        self.real = sync_dialog.sync_direct

    def __call__(self, laptop: Database, central: Database, *, progress: Any, **kw: Any) -> Any:
        def hold(step: str, done: int, total: int) -> None:
            if step == "send" and done == 0:
                self.held.set()
                self.open.wait(20)  # never hang the run, whatever the test does
            progress(step, done, total)

        return self.real(laptop, central, progress=hold, **kw)


def central_url(db: Database, folder: Path) -> str:
    return f"sqlite:///{(folder / 'ui.db').as_posix()}"


def test_a_direct_sync_runs_on_a_thread_and_sums_up_in_dutch(qtbot, sites, monkeypatch):
    gate = Gate()
    monkeypatch.setattr(sync_dialog, "sync_direct", gate)
    url = central_url(sites.central, sites.folder)
    dialog = open_dialog(qtbot, sites.laptop, sites.folder, **{URL_KEY: url})
    assert dialog.url_edit.text() == url  # remembered from the last sync
    assert "veltem (laptop)" in dialog.site_label.text()
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    # The click returned while the work waits on its thread: the window answers meanwhile.
    qtbot.waitUntil(gate.held.is_set, timeout=WAIT_MS)
    assert dialog.running and dialog.progress_box.isVisible()
    assert not dialog.close_button.isEnabled() and not dialog.direct_button.isEnabled()
    assert dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the window stays while the work runs
    assert dialog.isVisible() and sites.central_phone() != PHONE
    gate.open.set()
    text = finished(qtbot, dialog)
    assert text.startswith(f"Wijzigingen verstuurd: {sites.unsent}.\n")
    assert f"Ontvangen en toegepast: {sites.unsent}." in text
    assert "Nieuwe conflicten: 0 (open: 0)." in text
    assert "verwijderd van deze laptop: 0" in text
    assert sites.central_phone() == PHONE
    assert dialog.close_button.isEnabled() and not dialog.progress_box.isVisible()
    # A second sync has nothing left to send.
    gate.open.set()
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    assert finished(qtbot, dialog).startswith("Wijzigingen verstuurd: 0.\n")


def test_stopping_before_the_central_writes_changes_nothing(qtbot, sites, monkeypatch):
    gate = Gate()
    monkeypatch.setattr(sync_dialog, "sync_direct", gate)
    url = central_url(sites.central, sites.folder)
    dialog = open_dialog(qtbot, sites.laptop, sites.folder, **{URL_KEY: url})
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(gate.held.is_set, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled()
    gate.open.set()
    text = finished(qtbot, dialog)
    assert text == "Gestopt voordat er iets verstuurd werd. Er is niets gewijzigd."
    assert sites.central_phone() != PHONE
    with sites.laptop.read() as session:
        assert len(outbox.changes(session, after_seq=confirmed_seq(session))) == sites.unsent


def test_a_central_that_cannot_be_opened_is_named(qtbot, sites):
    missing = sites.folder / "nergens.db"
    url = f"sqlite:///{missing.as_posix()}"
    dialog = open_dialog(qtbot, sites.laptop, sites.folder, **{URL_KEY: url})
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, dialog)
    assert text.startswith("Database ") and "nergens.db" in text
    assert text.endswith("Er is niets gewijzigd.")
    assert sites.central_phone() != PHONE


def test_a_bundle_goes_from_the_laptop_to_the_central_and_back(qtbot, sites, monkeypatch):
    key = {KEY_FILE_KEY: str(sites.key_file)}
    changes = sites.folder / "veltem.bundle"
    choose_files(monkeypatch, changes)
    laptop_dialog = open_dialog(qtbot, sites.laptop, sites.folder, **key)
    qtbot.mouseClick(laptop_dialog.export_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, laptop_dialog)
    assert text == f"Geëxporteerd naar {changes}. Wijzigingen: {sites.unsent}."
    assert changes.exists() and sites.central_phone() != PHONE

    central_dialog = open_dialog(qtbot, sites.central, sites.folder, **key)
    assert "centrale database" in central_dialog.site_label.text()
    qtbot.mouseClick(central_dialog.import_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, central_dialog)
    assert text.startswith(f"Bundel {changes} ingelezen.\nOntvangen en toegepast: {sites.unsent}.")
    assert sites.central_phone() == PHONE

    snapshot = sites.folder / "voor-veltem.bundle"
    choose_files(monkeypatch, snapshot)
    assert central_dialog.laptop_combo.currentText() == "veltem"
    qtbot.mouseClick(central_dialog.snapshot_button, Qt.MouseButton.LeftButton)
    assert finished(qtbot, central_dialog).startswith(
        f"Bundel voor veltem geschreven naar {snapshot}"
    )
    qtbot.mouseClick(laptop_dialog.import_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, laptop_dialog)
    assert text.startswith(f"Bundel {snapshot} ingelezen.\nGegevens bijgewerkt: ")
    with sites.laptop.read() as session:  # the central confirmed the edit
        assert outbox.changes(session, after_seq=confirmed_seq(session)) == []
    again = sites.folder / "nog-eens.bundle"
    choose_files(monkeypatch, again)
    qtbot.mouseClick(laptop_dialog.export_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, laptop_dialog)
    assert text == "Er zijn geen nieuwe wijzigingen om te versturen; er is geen bestand geschreven."
    assert not again.exists()


def test_a_tampered_bundle_is_refused_and_changes_nothing(qtbot, sites, monkeypatch):
    key = {KEY_FILE_KEY: str(sites.key_file)}
    bundle = sites.folder / "veltem.bundle"
    choose_files(monkeypatch, bundle)
    laptop_dialog = open_dialog(qtbot, sites.laptop, sites.folder, **key)
    qtbot.mouseClick(laptop_dialog.export_button, Qt.MouseButton.LeftButton)
    finished(qtbot, laptop_dialog)
    data = bytearray(bundle.read_bytes())
    data[-20] ^= 0x01  # inside the last chunk
    bundle.write_bytes(bytes(data))
    before = content(sites.central)
    central_dialog = open_dialog(qtbot, sites.central, sites.folder, **key)
    qtbot.mouseClick(central_dialog.import_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, central_dialog)
    assert text == (
        f"Bundel {bundle}: De bundel is beschadigd of werd gewijzigd nadat hij gemaakt werd. "
        "Er is niets gewijzigd."
    )
    assert content(sites.central) == before


def test_a_missing_key_file_is_named_before_any_file_is_asked(qtbot, sites, monkeypatch):
    missing = sites.folder / "weg.key"
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a))
    dialog = open_dialog(qtbot, sites.laptop, sites.folder, **{KEY_FILE_KEY: str(missing)})
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    text = dialog.summary.text()
    assert text == f"Sleutelbestand {missing}: Het bestand bestaat niet. Er is niets gewijzigd."
    assert asked == []
    damaged = sites.folder / "kapot.key"
    damaged.write_text(sites.key_file.read_text().replace('"key": "', '"key": "00'))
    dialog.key_edit.setText(str(damaged))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == (
        f"Sleutelbestand {damaged}: Het sleutelbestand is beschadigd; vraag een kopie van het "
        "gedeelde sleutelbestand. Er is niets gewijzigd."
    )
    assert asked == [] and not dialog.running


def test_a_central_typed_in_with_its_password_apart_on_each_backend(
    qtbot, database_url: str, tmp_path: Path, dutch: QApplication
):
    central = Database.open(database_url, create=True)
    try:
        with central.write() as session:
            actor = ensure_user(session, "lien", "Lien Peeters", "social_worker")
        sites = Sites(central, actor, tmp_path)
        url = make_url(database_url)
        typed = database_url.replace(f":{url.password}@", "@") if url.password else database_url
        dialog = open_dialog(qtbot, sites.laptop, tmp_path)
        assert dialog.url_edit.text() == ""
        qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
        assert dialog.summary.text() == "Geef het adres (URL) van de centrale database."
        assert not dialog.running
        qtbot.keyClicks(dialog.url_edit, typed)
        if url.password:
            qtbot.keyClicks(dialog.password_edit, url.password)
        qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
        assert finished(qtbot, dialog).startswith(f"Wijzigingen verstuurd: {sites.unsent}.\n")
        assert sites.central_phone() == PHONE
        # Remembered for the next time, without the password.
        remembered = dialog.settings.text(URL_KEY)
        assert remembered == typed
        assert make_url(remembered).password is None
        sites.laptop.close()
    finally:
        central.close()


def test_a_failure_after_the_central_wrote_says_so_and_the_next_sync_mends_it(
    qtbot, sites, monkeypatch
):
    real = sync_dialog.sync_direct

    def cut_before_taking(laptop: Database, central: Database, *, progress: Any, **kw: Any):
        def cut(step: str, done: int, total: int) -> None:
            if step == "take":
                raise SyncError("the connection was cut", "cut")
            progress(step, done, total)

        return real(laptop, central, progress=cut, **kw)

    monkeypatch.setattr(sync_dialog, "sync_direct", cut_before_taking)
    url = central_url(sites.central, sites.folder)
    dialog = open_dialog(qtbot, sites.laptop, sites.folder, **{URL_KEY: url})
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    assert finished(qtbot, dialog) == (
        "De wijzigingen zijn op het kantoor aangekomen, maar het ophalen van de dossiers is "
        "mislukt: the connection was cut Synchroniseer opnieuw; er gaat niets verloren."
    )
    assert sites.central_phone() == PHONE
    monkeypatch.setattr(sync_dialog, "sync_direct", real)
    qtbot.mouseClick(dialog.direct_button, Qt.MouseButton.LeftButton)
    text = finished(qtbot, dialog)
    # The central says what it has: nothing is sent twice, the snapshot confirms the edit.
    assert text.startswith("Wijzigingen verstuurd: 0.\nOntvangen en toegepast: 0.")
    with sites.laptop.read() as session:
        assert outbox.changes(session, after_seq=confirmed_seq(session)) == []
