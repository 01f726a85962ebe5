"""The administrator's windows: the letterhead and the accounts, used with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor
from sociaalhuis.letters.documents import Sender
from sociaalhuis.letters.letterhead import LetterheadService
from sociaalhuis.storage.database import Database
from ui.admin import letterhead_dialog
from ui.admin.letterhead_dialog import LetterheadDialog
from ui.admin.users_dialog import AccountDialog, PasswordDialog, UsersDialog
from ui.startup import AppContext

PASSWORD = "herent-2026-veilig"


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.write() as session:
        return accounts.create_first_admin(session, "beheer", "An Beheerder", "ICT", PASSWORD)


@pytest.fixture
def admin_context(db: Database, admin: Actor) -> AppContext:
    return AppContext(db=db, actor=admin, user_name="An Beheerder", site="Herent")


def type_into(qtbot: QtBot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_the_letterhead_is_typed_saved_and_printed_from_then_on(
    qtbot: QtBot, admin_context: AppContext, dutch: QApplication, tmp_path: Path
) -> None:
    dialog = LetterheadDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(1366 // 2, 400)
    assert dialog.organisation.text() == "Sociaal Huis Herent"  # the built-in default
    type_into(qtbot, dialog.address, "Wijgmaalsesteenweg 2")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "3020 Herent")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Tab)  # Tab leaves the address, as in a form
    assert dialog.focusWidget() is dialog.phone
    qtbot.keyClicks(dialog.phone, "016 85 30 00")
    type_into(qtbot, dialog.email, "sociaalhuis-herent.be")
    dialog.grab().save(str(tmp_path / "letterhead.png"))
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    assert dialog.isVisible() or dialog.result() == 0
    assert "e-mail" in dialog.error.text().lower() and dialog.focusWidget() is dialog.email
    assert LetterheadService(admin_context.db).get().version == 0  # nothing saved
    dialog.email.selectAll()
    qtbot.keyClicks(dialog.email, "sociaalhuis@herent.be")
    qtbot.keyClick(dialog.email, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert LetterheadService(admin_context.db).get().sender == Sender(
        "Sociaal Huis Herent",
        ("Wijgmaalsesteenweg 2", "3020 Herent"),
        "016 85 30 00",
        "sociaalhuis@herent.be",
    )


def test_a_social_worker_cannot_save_a_letterhead(
    qtbot: QtBot, context: AppContext, dutch: QApplication
) -> None:
    dialog = LetterheadDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.phone, "016 00 00 00")
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)
    assert "beheerder" in dialog.error.text()
    assert LetterheadService(context.db).get().version == 0


def test_an_administrator_adds_switches_off_and_resets_an_account(
    qtbot: QtBot, admin_context: AppContext, dutch: QApplication, monkeypatch
) -> None:
    db = admin_context.db
    add = AccountDialog(admin_context)
    qtbot.addWidget(add)
    add.show()
    type_into(qtbot, add.display_name, "Lien Peeters")
    for field, text in (
        (add.function_title, "maatschappelijk werker"),
        (add.username, "lien"),
        (add.password, PASSWORD),
        (add.repeat, PASSWORD + "x"),
    ):
        qtbot.keyClick(add.focusWidget(), Qt.Key.Key_Tab)
        if field is add.password:  # the role box sits between user name and password
            qtbot.keyClick(add.focusWidget(), Qt.Key.Key_Tab)
        assert add.focusWidget() is field
        qtbot.keyClicks(field, text)
    qtbot.keyClick(add.repeat, Qt.Key.Key_Return)
    assert "wachtwoorden" in add.error.text()
    add.repeat.selectAll()
    qtbot.keyClicks(add.repeat, PASSWORD)
    qtbot.keyClick(add.repeat, Qt.Key.Key_Return)
    assert add.result() == add.DialogCode.Accepted
    assert accounts.authenticate(db, "lien", PASSWORD).role == "social_worker"

    again = AccountDialog(admin_context)
    qtbot.addWidget(again)
    again.show()
    for field, text in (
        (again.display_name, "Andere Lien"),
        (again.function_title, "onthaal"),
        (again.username, "LIEN"),
        (again.password, PASSWORD),
        (again.repeat, PASSWORD),
    ):
        type_into(qtbot, field, text)
    qtbot.keyClick(again.repeat, Qt.Key.Key_Return)
    assert "bestaat al" in again.error.text() or "al in gebruik" in again.error.text()

    users = UsersDialog(admin_context)
    qtbot.addWidget(users)
    users.show()
    assert [row.username for row in users.rows] == ["beheer", "lien"]
    users.table.selectRow(1)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    users.off_button.click()
    assert not users.rows[1].active
    assert users.table.item(1, 4).text() == "uitgeschakeld"
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate(db, "lien", PASSWORD)

    users.table.selectRow(0)
    users.off_button.click()  # the last administrator stays on
    assert users.rows[0].active and "beheerder" in users.error.text()

    reset = PasswordDialog(admin_context, "beheer")
    qtbot.addWidget(reset)
    reset.show()
    type_into(qtbot, reset.password, "kort")
    type_into(qtbot, reset.repeat, "kort")
    qtbot.keyClick(reset.repeat, Qt.Key.Key_Return)
    assert "10" in reset.error.text()


def test_the_administrator_chooses_previews_and_removes_the_logo(
    qtbot: QtBot,
    admin_context: AppContext,
    dutch: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    logo, broken = tmp_path / "logo.png", tmp_path / "kapot.png"
    image = QImage(240, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    assert image.save(str(logo), "PNG")
    broken.write_bytes(logo.read_bytes()[:200])
    chosen = [str(broken)]
    monkeypatch.setattr(
        letterhead_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (chosen[0], "")
    )
    dialog = LetterheadDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.logo_preview.pixmap().isNull() and not dialog.remove_logo_button.isEnabled()
    assert dialog.choose_logo_button.text().replace("&", "") == "Logo kiezen…"
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert "kapot.png" in dialog.error.text() and dialog.error.isVisible()
    assert dialog.logo == b""
    chosen[0] = str(logo)
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isHidden() and dialog.logo_preview.pixmap().height() == 48
    for button in (dialog.choose_logo_button, dialog.remove_logo_button):
        assert button.width() >= button.sizeHint().width(), f"{button.text()} is cut off"
    qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = LetterheadService(admin_context.db).get()
    assert saved.sender.logo == logo.read_bytes() and saved.sender.logo_type == "image/png"

    again = LetterheadDialog(admin_context)
    qtbot.addWidget(again)
    again.show()
    assert again.logo_preview.pixmap().height() == 48
    assert again.remove_logo_button.text().replace("&", "") == "Logo verwijderen"
    qtbot.mouseClick(again.remove_logo_button, Qt.MouseButton.LeftButton)
    assert again.logo_preview.pixmap().isNull() and not again.remove_logo_button.isEnabled()
    qtbot.keyClick(again.organisation, Qt.Key.Key_Return)
    assert again.result() == again.DialogCode.Accepted
    assert LetterheadService(admin_context.db).get().sender.logo == b""


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "het bestand is leeg"),
        (b"x" * (512 * 1024 + 1), "groter dan 512 kB"),
        (b"GIF89a" + b"\0" * 64, "geen PNG- of JPEG-afbeelding"),
    ],
)
def test_a_refused_logo_file_is_named_with_why(
    qtbot: QtBot,
    admin_context: AppContext,
    dutch: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / "logo-gemeente.png"
    path.write_bytes(content)
    monkeypatch.setattr(
        letterhead_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "")
    )
    dialog = LetterheadDialog(admin_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_logo_button, Qt.MouseButton.LeftButton)
    assert "logo-gemeente.png" in dialog.error.text()
    assert expected in dialog.error.text()
    assert dialog.logo == b""
