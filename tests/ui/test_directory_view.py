"""The sociale kaart dialog driven as a social worker would: offscreen, with pytest-qt.

Partners are seeded through DirectoryService; the tests search by typing, open and edit a
partner, meet a colleague's save (conflict) and a refused value (validation), add services
and are asked before unsaved edits are lost. Texts are checked through the dialog's own
labels and the core's reasons, so the tests hold in every language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from keyboard import when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.referrals.directory import DirectoryService
from sociaalhuis.referrals.records import OrganisationInput, OrganisationView, ServiceInput
from sociaalhuis.storage.database import Database
from ui.directory.directory_view import DirectoryDialog
from ui.directory.partner_form import SERVICE_ROLE
from ui.directory.search_panel import HIT_ROLE
from ui.directory.service_dialog import ServiceDialog

CAW = OrganisationInput(
    name="CAW Oost-Brabant",
    description="Centrum Algemeen Welzijnswerk: onthaal en begeleiding bij welzijnsvragen.",
    alternate_name="Centrum Algemeen Welzijnswerk",
    email="onthaal@cawoostbrabant.be",
    phone="016 50 50 50",
    bound_by_professional_secrecy=True,
)
HALFWEG = OrganisationInput(
    name="vzw HalfWeg", description="Voedselbedeling in de pastorij van Veltem."
)
CTRL = Qt.KeyboardModifier.ControlModifier


def answer(button: QMessageBox.StandardButton, seen: list[str] | None = None) -> None:
    """Press `button` on the next message box, noting its text in `seen`."""

    def press(box: QWidget) -> None:
        assert isinstance(box, QMessageBox), type(box).__name__
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        box.button(button).click()

    when_modal(press)


@pytest.fixture
def directory(db: Database) -> DirectoryService:
    return DirectoryService(db)


@pytest.fixture
def admin(db: Database) -> Actor:
    """An administrator: the one role that marks a partner as bound by professional secrecy."""
    with db.write() as session:
        return ensure_user(session, "beheer", "An Beheerder", "admin")


@pytest.fixture
def partners(
    directory: DirectoryService, actor: Actor, admin: Actor
) -> dict[str, OrganisationView]:
    caw = directory.create_organisation(admin, CAW)
    directory.save_service(
        actor, caw.id, ServiceInput("Schuldbemiddeling", "Hulp bij schulden.", "schuld@caw.be")
    )
    directory.save_service(
        actor,
        caw.id,
        ServiceInput("Budgetbegeleiding", "Samen het budget beheren.", None, None, "inactive"),
    )
    halfweg = directory.create_organisation(actor, HALFWEG)
    directory.save_service(actor, halfweg.id, ServiceInput("Voedselpakketten"))
    return {"caw": caw, "halfweg": halfweg}


def shown_for(qtbot: QtBot, directory: DirectoryService, who: Actor) -> DirectoryDialog:
    shown = DirectoryDialog(directory, who)
    # Closed before pytest-qt closes it, so unsaved edits of a test ask nothing at the end.
    qtbot.addWidget(shown, before_close_func=lambda w: w.done(QDialog.DialogCode.Rejected))
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def dialog(
    qtbot: QtBot, directory: DirectoryService, actor: Actor, partners: dict[str, OrganisationView]
) -> Iterator[DirectoryDialog]:
    shown = shown_for(qtbot, directory, actor)
    yield shown
    shown.search.wait_for_searches()


@pytest.fixture
def admin_dialog(
    qtbot: QtBot, directory: DirectoryService, admin: Actor, partners: dict[str, OrganisationView]
) -> Iterator[DirectoryDialog]:
    shown = shown_for(qtbot, directory, admin)
    yield shown
    shown.search.wait_for_searches()


def labels(dialog: DirectoryDialog) -> list[str]:
    return [
        dialog.search.model.item(row, 0).text() for row in range(dialog.search.model.rowCount())
    ]


def remarks(dialog: DirectoryDialog, label: str) -> str:
    row = labels(dialog).index(label)
    return dialog.search.model.item(row, 1).text()


def service_names(dialog: DirectoryDialog) -> list[str]:
    items = (
        dialog.services.service_list.item(row)
        for row in range(dialog.services.service_list.count())
    )
    return [item.data(SERVICE_ROLE).name for item in items if item.data(SERVICE_ROLE)]


def focus_on_dialog(qtbot: QtBot, dialog: QWidget) -> None:
    """Offscreen a window becomes active lazily; shortcuts such as Ctrl+S need it."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


# --- searching ----------------------------------------------------------------------------


def test_opens_with_every_partner_listed_and_the_search_field_focused(
    dialog: DirectoryDialog, qtbot: QtBot
) -> None:
    assert labels(dialog) == ["CAW Oost-Brabant", "vzw HalfWeg"]  # empty text: organisations
    assert remarks(dialog, "CAW Oost-Brabant") == dialog.search.tr("professional secrecy")
    assert remarks(dialog, "vzw HalfWeg") == ""
    assert dialog.focusWidget() is dialog.search.field
    assert not dialog.form.isEnabled() and dialog.hint.isVisible()


def test_typing_searches_partners_and_services_with_their_markers(
    dialog: DirectoryDialog, qtbot: QtBot
) -> None:
    qtbot.keyClicks(dialog.search.field, "budget")
    qtbot.waitUntil(lambda: labels(dialog) == ["CAW Oost-Brabant — Budgetbegeleiding"])
    marks = remarks(dialog, "CAW Oost-Brabant — Budgetbegeleiding")
    assert (
        dialog.search.tr("professional secrecy") in marks and dialog.search.tr("inactive") in marks
    )

    dialog.search.field.clear()
    qtbot.keyClicks(dialog.search.field, "voedsel")
    qtbot.waitUntil(lambda: "vzw HalfWeg — Voedselpakketten" in labels(dialog))
    assert remarks(dialog, "vzw HalfWeg — Voedselpakketten") == ""

    qtbot.keyClicks(dialog.search.field, "xq")  # nobody does "voedselxq"
    qtbot.waitUntil(lambda: dialog.search.model.rowCount() == 0)
    assert "voedselxq" in dialog.search.search_status.text()

    dialog.search.field.clear()  # empty again: every partner
    qtbot.waitUntil(lambda: dialog.search.model.rowCount() == 2)


def test_opening_a_service_shows_its_partner_with_the_service_selected(
    dialog: DirectoryDialog, qtbot: QtBot
) -> None:
    qtbot.keyClicks(dialog.search.field, "schuld")
    dialog.search.search_now()
    hit = dialog.search.model.item(0, 0).data(HIT_ROLE)
    assert hit.service_name == "Schuldbemiddeling"
    assert dialog.open_organisation(hit.organisation_id, hit.service_id)
    assert dialog.form.name.text() == "CAW Oost-Brabant"
    assert dialog.form.alternate_name.text() == "Centrum Algemeen Welzijnswerk"
    assert dialog.form.secrecy.isChecked() and dialog.form.secrecy.toolTip()
    assert service_names(dialog) == ["Budgetbegeleiding", "Schuldbemiddeling"]
    assert dialog.services.service_list.currentItem().data(SERVICE_ROLE).name == "Schuldbemiddeling"
    assert not dialog.dirty


# --- the keyboard -------------------------------------------------------------------------


def test_keyboard_only_find_open_edit_save_and_close(
    dialog: DirectoryDialog,
    qtbot: QtBot,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    focus_on_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.search.field, "halfweg")
    qtbot.waitUntil(lambda: labels(dialog) == ["vzw HalfWeg"])
    qtbot.keyClick(dialog.search.field, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.search.table
    qtbot.keyClick(dialog.search.table, Qt.Key.Key_Up)  # Up on the first line: back to the search
    assert QApplication.focusWidget() is dialog.search.field
    qtbot.keyClick(dialog.search.field, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.table, Qt.Key.Key_Return)
    assert dialog.current is not None and dialog.current.id == partners["halfweg"].id
    assert QApplication.focusWidget() is dialog.form.name

    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Tab)  # the other name
    qtbot.keyClicks(QApplication.focusWidget(), "HalfWeg Veltem")
    assert dialog.dirty and dialog.windowTitle().endswith("*")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert not dialog.dirty
    assert directory.get_organisation(actor, partners["halfweg"].id).alternate_name == (
        "HalfWeg Veltem"
    )

    qtbot.keyClick(dialog.form.name, Qt.Key.Key_Escape)  # nothing unsaved: closes at once
    assert not dialog.isVisible()


def test_enter_in_the_search_field_opens_the_first_hit(
    dialog: DirectoryDialog, qtbot: QtBot
) -> None:
    qtbot.keyClicks(dialog.search.field, "welzijn")
    qtbot.keyClick(dialog.search.field, Qt.Key.Key_Return)
    assert dialog.current is not None and dialog.current.name == "CAW Oost-Brabant"
    assert dialog.isVisible()  # Enter opened, it did not press a button


def test_exec_as_the_main_window_calls_it_and_escape_closes(
    qtbot: QtBot, directory: DirectoryService, actor: Actor, partners: dict
) -> None:
    shown = DirectoryDialog(directory, actor)
    qtbot.addWidget(shown)
    focused: list[QWidget | None] = []

    def look_and_leave(widget: QWidget) -> None:
        assert widget is shown
        focused.append(widget.focusWidget())
        qtbot.keyClick(widget.focusWidget(), Qt.Key.Key_Escape)

    when_modal(look_and_leave)
    assert shown.exec() == QDialog.DialogCode.Rejected
    assert focused == [shown.search.field]


# --- saving -------------------------------------------------------------------------------


def test_edit_and_save_reaches_the_database(
    admin_dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    dialog = admin_dialog  # an administrator: the secrecy flag changes too
    caw = partners["caw"]
    dialog.open_organisation(caw.id)
    dialog.form.phone.setText("016 29 77 00")
    dialog.form.website.setText("https://www.caw.be/oost-brabant")
    dialog.form.address.setText("Vital Decosterstraat 44, 3000 Leuven")
    dialog.form.description.setPlainText("Onthaal, begeleiding en schuldhulp.\nOok voor jongeren.")
    dialog.form.secrecy.setChecked(False)
    assert dialog.dirty and dialog.save_button.isEnabled()
    assert dialog.save()
    saved = directory.get_organisation(actor, caw.id)
    assert saved.version == caw.version + 1 == dialog.current.version
    assert saved.phone == "016 29 77 00" and saved.website == "https://www.caw.be/oost-brabant"
    assert saved.address == "Vital Decosterstraat 44, 3000 Leuven"
    assert saved.description == "Onthaal, begeleiding en schuldhulp.\nOok voor jongeren."
    assert not saved.bound_by_professional_secrecy
    assert saved.email == CAW.email  # untouched fields stay
    assert not dialog.dirty and not dialog.save_button.isEnabled()
    assert remarks(dialog, "CAW Oost-Brabant") == ""  # the list follows the save

    dialog.form.name.setText("CAW Oost-Brabant (Leuven)")
    assert dialog.save()  # the version from the first save is the one handed back
    assert directory.get_organisation(actor, caw.id).name == "CAW Oost-Brabant (Leuven)"
    assert "CAW Oost-Brabant (Leuven)" in labels(dialog)


def test_a_colleagues_save_gives_a_conflict_and_may_be_reloaded(
    dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    caw = partners["caw"]
    dialog.open_organisation(caw.id)
    directory.update_organisation(actor, caw.id, caw.version, replace(CAW, phone="016 11 11 11"))
    dialog.form.phone.setText("016 22 22 22")

    seen: list[str] = []
    when_modal(
        lambda box: (seen.append(box.text()), box.buttons()[-1].click())  # keep my screen
    )
    assert dialog.save() is False
    assert seen, "no conflict message"
    assert directory.get_organisation(actor, caw.id).phone == "016 11 11 11"  # not overwritten
    assert dialog.form.phone.text() == "016 22 22 22" and dialog.dirty  # ours still on screen

    when_modal(lambda box: box.buttons()[0].click())  # reload
    assert dialog.save() is False
    assert dialog.form.phone.text() == "016 11 11 11" and not dialog.dirty
    assert dialog.current is not None and dialog.current.version == caw.version + 1

    dialog.form.phone.setText("016 22 22 22")  # now on their version: saves
    assert dialog.save()
    assert directory.get_organisation(actor, caw.id).phone == "016 22 22 22"


def test_a_refused_value_names_the_field_and_keeps_what_was_typed(
    dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    halfweg = partners["halfweg"]
    dialog.open_organisation(halfweg.id)
    dialog.form.alternate_name.setText("HalfWeg Veltem")
    dialog.form.email.setText("halfweg at veltem")
    seen: list[str] = []
    answer(QMessageBox.StandardButton.Ok, seen)
    assert dialog.save() is False
    assert dialog.form.field_label("email") in seen[0] and "not an e-mail address" in seen[0]
    assert dialog.form.email.text() == "halfweg at veltem"
    assert dialog.form.alternate_name.text() == "HalfWeg Veltem" and dialog.dirty
    assert dialog.focusWidget() is dialog.form.email
    assert directory.get_organisation(actor, halfweg.id).email is None

    dialog.form.email.setText("info@halfweg.be")
    assert dialog.save()
    assert directory.get_organisation(actor, halfweg.id).email == "info@halfweg.be"


def test_a_new_partner_is_created_and_a_duplicate_name_refused(
    admin_dialog: DirectoryDialog, directory: DirectoryService, actor: Actor
) -> None:
    dialog = admin_dialog  # an administrator: the new partner is bound by secrecy
    dialog.new_partner()
    assert dialog.form.isEnabled() and dialog.current is None
    assert dialog.focusWidget() is dialog.form.name
    dialog.form.name.setText("caw oost-brabant")
    seen: list[str] = []
    answer(QMessageBox.StandardButton.Ok, seen)
    assert dialog.save() is False
    assert dialog.form.field_label("name") in seen[0] and "already on the sociale kaart" in seen[0]

    dialog.form.name.setText("Huis van het Kind Herent")
    dialog.form.secrecy.setChecked(True)
    assert dialog.save()
    assert dialog.current is not None
    created = directory.get_organisation(actor, dialog.current.id)
    assert created.name == "Huis van het Kind Herent" and created.bound_by_professional_secrecy
    assert "Huis van het Kind Herent" in labels(dialog)


# --- services -----------------------------------------------------------------------------


def test_add_a_service_with_a_bad_address_first(
    dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    halfweg = partners["halfweg"]
    dialog.open_organisation(halfweg.id)
    seen: list[str] = []

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, ServiceDialog)
        widget.name.setText("Sociale kruidenier")
        widget.description.setPlainText("Winkel met verlaagde prijzen.")
        widget.email.setText("winkel@halfweg.be")
        widget.url.setText("www.halfweg.be")  # no http(s)://
        widget.status.setCurrentIndex(widget.status.findData("inactive"))
        answer(QMessageBox.StandardButton.Ok, seen)
        widget.accept()
        assert widget.isVisible() and widget.name.text() == "Sociale kruidenier"  # kept
        widget.url.setText("https://www.halfweg.be")
        widget.accept()

    when_modal(fill)
    dialog.add_service()
    assert seen and "is not a web address" in seen[0]
    services = {s.name: s for s in directory.services_of(actor, halfweg.id)}
    added = services["Sociale kruidenier"]
    assert (added.email, added.url, added.status) == (
        "winkel@halfweg.be",
        "https://www.halfweg.be",
        "inactive",
    )
    assert service_names(dialog) == ["Sociale kruidenier", "Voedselpakketten"]
    assert dialog.services.service_list.currentItem().data(SERVICE_ROLE).id == added.id


def test_a_service_is_changed_keeping_its_locations(
    dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    from sociaalhuis.referrals.records import LocationInput

    halfweg = partners["halfweg"]
    place = directory.save_location(actor, halfweg.id, LocationInput("Pastorij Veltem"))
    pakketten = directory.services_of(actor, halfweg.id)[0]
    directory.save_service(
        actor,
        halfweg.id,
        ServiceInput(pakketten.name, location_ids=(place.id,)),
        pakketten.id,
        pakketten.version,
    )
    dialog.open_organisation(halfweg.id)

    def stop_it(widget: QWidget) -> None:
        assert isinstance(widget, ServiceDialog)
        assert widget.name.text() == "Voedselpakketten"
        widget.status.setCurrentIndex(widget.status.findData("inactive"))
        widget.accept()

    when_modal(stop_it)
    dialog._edit_service(dialog.services.service_list.item(0))
    changed = directory.services_of(actor, halfweg.id)[0]
    assert changed.status == "inactive" and [loc.name for loc in changed.locations] == [
        "Pastorij Veltem"
    ]


def test_add_service_on_a_new_partner_saves_the_partner_first(
    dialog: DirectoryDialog, directory: DirectoryService, actor: Actor
) -> None:
    dialog.new_partner()
    dialog.form.name.setText("OCMW-vereniging Herent")

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, ServiceDialog)
        widget.reject()

    when_modal(cancel)
    dialog.add_service()
    assert dialog.current is not None and not dialog.dirty
    assert directory.get_organisation(actor, dialog.current.id).name == "OCMW-vereniging Herent"


# --- the unsaved-changes guard ------------------------------------------------------------


def test_unsaved_changes_are_guarded_when_switching_and_closing(
    dialog: DirectoryDialog,
    directory: DirectoryService,
    actor: Actor,
    partners: dict[str, OrganisationView],
) -> None:
    caw, halfweg = partners["caw"], partners["halfweg"]
    dialog.open_organisation(caw.id)
    dialog.form.phone.setText("016 99 99 99")

    answer(QMessageBox.StandardButton.Cancel)
    assert dialog.open_organisation(halfweg.id) is False
    assert dialog.current.id == caw.id and dialog.form.phone.text() == "016 99 99 99"

    answer(QMessageBox.StandardButton.Discard)
    assert dialog.open_organisation(halfweg.id)
    assert dialog.current.id == halfweg.id
    assert directory.get_organisation(actor, caw.id).phone == CAW.phone  # discarded

    dialog.form.address.setText("Dorpsstraat 1, 3020 Veltem-Beisem")
    answer(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible()

    answer(QMessageBox.StandardButton.Save)
    dialog.reject()  # Escape and the Close button
    assert not dialog.isVisible()
    saved = directory.get_organisation(actor, halfweg.id)
    assert saved.address == "Dorpsstraat 1, 3020 Veltem-Beisem"


def test_a_save_that_fails_in_the_guard_keeps_the_dialog_open(
    dialog: DirectoryDialog, partners: dict[str, OrganisationView]
) -> None:
    dialog.open_organisation(partners["caw"].id)
    dialog.form.website.setText("caw.be")
    seen: list[str] = []

    def save_it(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        answer(QMessageBox.StandardButton.Ok, seen)  # then the refused web address
        box.button(QMessageBox.StandardButton.Save).click()

    when_modal(save_it)
    dialog.reject()
    assert seen and "is not a web address" in seen[0]
    assert dialog.isVisible() and dialog.form.website.text() == "caw.be"


# --- who may change -----------------------------------------------------------------------


def test_the_intake_desk_may_read_but_not_change(
    qtbot: QtBot, db: Database, directory: DirectoryService, partners: dict[str, OrganisationView]
) -> None:
    with db.write() as session:
        reader = ensure_user(session, "jef", "Jef Claes", "intake")
    shown = DirectoryDialog(directory, reader)
    qtbot.addWidget(shown)
    assert labels(shown) == ["CAW Oost-Brabant", "vzw HalfWeg"]
    shown.open_organisation(partners["caw"].id)
    assert shown.form.name.isReadOnly() and not shown.form.secrecy.isEnabled()
    assert not shown.new_button.isEnabled() and not shown.save_button.isEnabled()
    assert not shown.services.add_service_button.isEnabled()
    assert shown.save() is False


def test_a_social_worker_edits_partners_but_not_their_secrecy(
    dialog: DirectoryDialog, directory: DirectoryService, actor: Actor, partners
) -> None:
    dialog.open_organisation(partners["caw"].id)
    assert not dialog.form.name.isReadOnly() and not dialog.form.secrecy.isEnabled()
    dialog.form.phone.setText("016 29 77 00")
    assert dialog.save()
    saved = directory.get_organisation(actor, partners["caw"].id)
    assert saved.phone == "016 29 77 00" and saved.bound_by_professional_secrecy
