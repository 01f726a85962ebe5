"""Every screen of the desk, walked widget by widget (tests/ui/a11y_walk.py): no input without an
accessible name, no label of an input without a buddy, Tab in reading order.

To add a window: write a function `def _my_dialog(desk: Desk) -> QWidget` that builds it
(without exec()) and decorate it with `@screen("my-dialog")`. The test shows it at
1366×768 at most, walks it, and closes it.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from pathlib import Path

import pytest
from a11y_walk import problems
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTabWidget, QWidget
from pytestqt.qtbot import QtBot

from sociaalhuis.access import accounts
from sociaalhuis.access.actors import Actor, ensure_user
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import load
from sociaalhuis.screening.runner import run_screen
from sociaalhuis.storage.database import Database
from ui.main_window import MainWindow
from ui.startup import AppContext
from ui.window_settings import WindowSettings

TODAY = date(2026, 12, 3)
PASSWORD = "toegankelijk-wachtwoord"
Build = Callable[["Desk"], QWidget]
SCREENS: dict[str, Build] = {}


def screen(name: str) -> Callable[[Build], Build]:
    """Register a window for the walk under `name` (the test id)."""

    def register(build: Build) -> Build:
        SCREENS[name] = build
        return build

    return register


class Desk:
    """What the windows need, made when first asked: the main window with a saved household,
    a team lead with screened demo households, an administrator."""

    def __init__(self, qtbot: QtBot, db: Database, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.db = db
        self.tmp_path = tmp_path
        self.opened: list[QWidget] = []

    @cached_property
    def catalog(self) -> Catalog:
        return loader.load(today=TODAY)

    @cached_property
    def worker(self) -> Actor:
        with self.db.write() as session:
            return ensure_user(session, "lien", "Lien Peeters", "social_worker")

    @cached_property
    def lead(self) -> Actor:
        with self.db.write() as session:
            system = ensure_user(session, "system", "Systeem", "system")
            lead = ensure_user(session, "tine", "Tine Lead", "team_lead")
        load(self.db, system, households=12, seed=2026, today=TODAY)
        run_screen(self.db, self.catalog, TODAY)
        return lead

    @cached_property
    def admin(self) -> Actor:
        with self.db.write() as session:
            accounts.create_first_admin(session, "beheer", "An Beheer", "diensthoofd", PASSWORD)
        return accounts.authenticate(self.db, "beheer", PASSWORD)

    def context(self, actor: Actor, name: str = "Lien Peeters") -> AppContext:
        return AppContext(db=self.db, actor=actor, user_name=name, site="Herent")

    def settings(self, name: str) -> WindowSettings:
        path = self.tmp_path / f"{name}.ini"
        return WindowSettings(QSettings(str(path), QSettings.Format.IniFormat))

    @cached_property
    def main(self) -> MainWindow:
        """The main window on the search page."""
        main = MainWindow(self.context(self.worker), self.settings("main"), today=TODAY)
        self.qtbot.addWidget(main)
        main.resize(1366, 768)
        main.show()
        self.qtbot.waitExposed(main)
        return main

    @cached_property
    def household(self) -> uuid.UUID:
        """A household of two saved through the intake page, open in the main window."""
        main = self.main
        main.new_household()
        editor = main.intake.editor
        editor.street.setText("Kerkstraat")
        editor.street.textEdited.emit("Kerkstraat")
        editor.house_number.setText("4")
        editor.house_number.textEdited.emit("4")
        for index, (given, birth) in enumerate((("Sara", "01031988"), ("Tom", "12052015"))):
            if index:
                editor.add_member()
            row = editor.rows[index]
            for field, text in ((row.given, given), (row.family, "Maes"), (row.birth, birth)):
                field.setText(text)
                field.textEdited.emit(text)
                field.editingFinished.emit()
        assert main.intake.save()
        household_id = main.intake.draft.household_id
        assert household_id is not None
        return household_id

    def close_all(self) -> None:
        for widget in self.opened:
            if isinstance(widget, QDialog):
                widget.done(QDialog.DialogCode.Rejected)
            widget.close()
        if "main" in self.__dict__:
            self.main.intake.draft.mark_saved()
            self.main.search.wait_for_searches()
            if self.main.screening is not None:
                self.main.screening.stop_and_wait()


# --- the main window ------------------------------------------------------------------


@screen("main-search")
def _main_search(desk: Desk) -> QWidget:
    desk.main.go_search()
    return desk.main


@screen("main-intake-full")
def _main_intake(desk: Desk) -> QWidget:
    desk.household  # noqa: B018 - opens it
    desk.main.set_quick(False)
    desk.main.intake.rights.select_first()
    return desk.main


@screen("main-intake-quick")
def _main_quick(desk: Desk) -> QWidget:
    desk.household  # noqa: B018 - opens it
    desk.main.set_quick(True)
    return desk.main


@screen("main-client-view")
def _main_client(desk: Desk) -> QWidget:
    desk.household  # noqa: B018 - opens it
    desk.main.toggle_client_mode()
    return desk.main


@screen("main-administrator")
def _main_admin(desk: Desk) -> QWidget:
    main = MainWindow(desk.context(desk.admin, "An Beheer"), desk.settings("admin"), TODAY)
    main.resize(1366, 768)
    return main


# --- the client's file ------------------------------------------------------------------


@screen("decision")
def _decision(desk: Desk) -> QWidget:
    from ui.intake.dialogs import DecisionDialog

    return DecisionDialog(desk.catalog.right("leefloon"), TODAY, desk.main)


@screen("conversation")
def _conversation(desk: Desk) -> QWidget:
    from ui.intake.dialogs import ContactDialog

    return ContactDialog("Herent", desk.main, "CAW Oost-Brabant", "Schuldbemiddeling")


@screen("referral")
def _referral(desk: Desk) -> QWidget:
    from ui.referral.referral_dialog import ReferralDialog

    desk.household  # noqa: B018 - opens it
    right = desk.catalog.right("verhoogde_tegemoetkoming")
    return ReferralDialog(desk.main.intake, right, TODAY, desk.main)


@screen("letters-archive")
def _letters(desk: Desk) -> QWidget:
    from ui.referral.letters_archive import LettersArchive

    return LettersArchive(desk.main.services, desk.household, desk.main)


@screen("letter-preview")
def _letter_preview(desk: Desk) -> QWidget:
    from sociaalhuis.letters import render_referral_letter
    from sociaalhuis.letters.demo import referral_letter
    from ui.referral.letter_preview import LetterPreview

    return LetterPreview(render_referral_letter(referral_letter("nl")), "brief", "brief.pdf")


@screen("break-glass-reason")
def _break_glass_reason(desk: Desk) -> QWidget:
    from ui.intake.break_glass_dialog import BreakGlassDialog

    return BreakGlassDialog(desk.main)


@screen("screening")
def _screening(desk: Desk) -> QWidget:
    from ui.screening.screening_dialog import ScreeningDialog

    return ScreeningDialog(desk.db, desk.catalog, TODAY, desk.main)


# --- partners ---------------------------------------------------------------------------


def _partner(desk: Desk) -> uuid.UUID:
    """A partner with one service, made once."""
    from sociaalhuis.referrals.directory import DirectoryService
    from sociaalhuis.referrals.records import OrganisationInput, ServiceInput

    if "partner" not in desk.__dict__:
        directory = DirectoryService(desk.db)
        caw = directory.create_organisation(
            desk.worker,
            OrganisationInput(name="CAW Oost-Brabant", description="Onthaal en begeleiding."),
        )
        directory.save_service(desk.worker, caw.id, ServiceInput("Schuldbemiddeling", "Schulden."))
        desk.__dict__["partner"] = caw.id
    return desk.__dict__["partner"]


@screen("directory")
def _directory(desk: Desk) -> QWidget:
    from sociaalhuis.referrals.directory import DirectoryService
    from ui.directory.directory_view import DirectoryDialog

    _partner(desk)
    dialog = DirectoryDialog(DirectoryService(desk.db), desk.worker)
    dialog.search.search_now()
    desk.qtbot.waitUntil(lambda: dialog.search.model.rowCount() > 0)
    dialog.search.table.selectRow(0)
    return dialog


@screen("service")
def _service(desk: Desk) -> QWidget:
    from sociaalhuis.referrals.directory import DirectoryService
    from ui.directory.service_dialog import ServiceDialog

    return ServiceDialog(DirectoryService(desk.db), desk.worker, _partner(desk), partner="CAW")


# --- the team lead ------------------------------------------------------------------------


@screen("review")
def _review(desk: Desk) -> QWidget:
    from ui.review.review_window import ReviewWindow

    window = ReviewWindow(desk.context(desk.lead, "Tine Lead"), desk.catalog, TODAY)
    window.resize(1366, 768)
    return window


@screen("follow-up")
def _follow_up(desk: Desk) -> QWidget:
    from ui.review.follow_up_dialog import FollowUpDialog

    return FollowUpDialog([(desk.worker.user_id, "Lien Peeters")], 3, TODAY)


@screen("granting-round")
def _round(desk: Desk) -> QWidget:
    from ui.review.round_dialog import RoundDialog

    return RoundDialog(desk.context(desk.lead, "Tine Lead"), desk.catalog, TODAY)


@screen("audit-trail")
def _trail(desk: Desk) -> QWidget:
    from ui.audit.trail_window import TrailWindow

    return TrailWindow(desk.context(desk.lead, "Tine Lead"))


@screen("break-glass-log")
def _break_glass_log(desk: Desk) -> QWidget:
    from ui.access.break_glass_view import BreakGlassView

    return BreakGlassView(desk.db, desk.lead)


# --- management -------------------------------------------------------------------------


@screen("accounts")
def _accounts(desk: Desk) -> QWidget:
    from ui.admin.users_dialog import UsersDialog

    return UsersDialog(desk.context(desk.admin, "An Beheer"))


@screen("new-account")
def _new_account(desk: Desk) -> QWidget:
    from ui.admin.users_dialog import AccountDialog

    return AccountDialog(desk.context(desk.admin, "An Beheer"))


@screen("password")
def _password(desk: Desk) -> QWidget:
    from ui.admin.users_dialog import PasswordDialog

    return PasswordDialog(desk.context(desk.admin, "An Beheer"), "beheer")


@screen("direct-contact")
def _direct_contact(desk: Desk) -> QWidget:
    from ui.admin.users_dialog import DirectContactDialog

    context = desk.context(desk.admin, "An Beheer")
    with desk.db.read() as session:
        account = next(a for a in accounts.list_users(session) if a.username == "beheer")
    return DirectContactDialog(context, account)


@screen("letterhead")
def _letterhead(desk: Desk) -> QWidget:
    from ui.admin.letterhead_dialog import LetterheadDialog

    return LetterheadDialog(desk.context(desk.admin, "An Beheer"))


@screen("sync-central")
def _sync(desk: Desk) -> QWidget:
    from ui.sync.sync_dialog import SyncDialog

    return SyncDialog(desk.db, desk.settings("sync"))


@screen("sync-laptop")
def _sync_laptop(desk: Desk) -> QWidget:
    from sociaalhuis.sync import site
    from ui.sync.sync_dialog import SyncDialog

    with desk.db.write() as session:
        site.set_site(session, name="Veltem", role="laptop")
    return SyncDialog(desk.db, desk.settings("sync"))


@screen("sync-conflicts")
def _conflicts(desk: Desk) -> QWidget:
    from ui.sync.conflicts_dialog import ConflictsDialog

    return ConflictsDialog(desk.context(desk.worker))


@screen("status-list")
def _statuses(desk: Desk) -> QWidget:
    from ui.admin.statuses_dialog import StatusesDialog

    return StatusesDialog(desk.context(desk.lead, "Tine Lead"), catalog=desk.catalog)


@screen("returned-referrals")
def _returned(desk: Desk) -> QWidget:
    from ui.referral.returned_dialog import ReturnedDialog

    return ReturnedDialog(desk.db, desk.worker)


@screen("give-consent")
def _give_consent(desk: Desk) -> QWidget:
    from ui.privacy.consents_box import GiveConsentDialog

    return GiveConsentDialog(TODAY, desk.main)


# --- before the main window ---------------------------------------------------------------


@screen("login")
def _login(desk: Desk) -> QWidget:
    from ui.login.login_dialog import LoginDialog

    return LoginDialog(desk.db)


@screen("first-administrator")
def _first_admin(desk: Desk) -> QWidget:
    from ui.login.login_dialog import FirstAdminDialog

    return FirstAdminDialog(desk.db, offer_demo_accounts=True)


@screen("passphrase")
def _passphrase(desk: Desk) -> QWidget:
    from ui.login.passphrase_dialog import PassphraseDialog

    path = desk.tmp_path / "versleuteld.db"
    return PassphraseDialog(f"sqlite:///{path.as_posix()}", str(path))


@screen("unlock")
def _unlock(desk: Desk) -> QWidget:
    from ui.lock.idle_lock import UnlockDialog

    return UnlockDialog(desk.db, desk.worker, "Lien Peeters")


# --- the walk -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _collect_what_the_walk_left(qapp: QApplication) -> Iterator[None]:
    """Delete the walk's windows here, after pytest-qt closed them, instead of in a garbage
    collection during some later test (a clean run once crashed in one)."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def desk(qtbot: QtBot, db: Database, tmp_path: Path, dutch: QApplication) -> Iterator[Desk]:
    made = Desk(qtbot, db, tmp_path)
    yield made
    made.close_all()


def show(desk: Desk, widget: QWidget) -> None:
    if widget not in desk.opened and widget is not desk.__dict__.get("main"):
        desk.qtbot.addWidget(widget)
        desk.opened.append(widget)
    if widget.width() > 1366 or widget.height() > 768:
        widget.resize(min(widget.width(), 1366), min(widget.height(), 768))
    widget.show()
    desk.qtbot.waitExposed(widget)
    QApplication.processEvents()


def walk(desk: Desk, widget: QWidget) -> list[str]:
    """The faults of `widget` as shown, then on every page of each of its tab widgets."""
    show(desk, widget)
    found = problems(widget)
    for tabs in widget.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            if not tabs.isTabVisible(index):
                continue
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            found += [f for f in problems(widget) if f not in found]
    return found


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_input_is_named_labelled_and_in_tab_order(desk: Desk, name: str) -> None:
    widget = SCREENS[name](desk)
    found = walk(desk, widget)
    background = getattr(widget, "background", None)
    if background is not None and hasattr(background, "wait"):
        background.wait()
    assert not found, "\n".join([f"{name}:", *found])


def test_the_walk_finds_an_unnamed_input_and_a_label_without_buddy(qtbot: QtBot) -> None:
    """The walker itself: a bare form fails on both counts, then passes once mended."""
    from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

    form = QWidget()
    layout = QFormLayout(form)
    first, second, third = QLineEdit(), QLineEdit(), QLineEdit()
    label = QLabel("Naam:")
    layout.addRow(label, first)
    layout.addRow("Straat:", second)
    layout.addRow("Gemeente:", third)
    qtbot.addWidget(form)
    form.show()
    found = problems(form)
    assert len([f for f in found if f.startswith("no accessible name")]) == 3
    assert "label without buddy: 'Naam:'" in found
    for field, name in ((first, "Naam"), (second, "Straat"), (third, "Gemeente")):
        field.setAccessibleName(name)
    label.setBuddy(first)
    assert problems(form) == []  # addRow with a text sets the buddy itself
    QWidget.setTabOrder(first, third)  # Tab jumps from the first row to the third
    assert [f for f in problems(form) if f.startswith("tab order")] == [
        "tab order: QLineEdit 'Straat' (row 1) comes after QLineEdit 'Gemeente' (row 2)"
    ]


# --- high contrast and 200 % -----------------------------------------------------------------

COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})")
BACKGROUND = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})")
# Text colours given to items outside a style sheet: (file, constant).
ITEM_COLOURS = (("ui/search/search_view.py", "RESTRICTED_COLOUR"),)


def stylesheet_colours() -> list[tuple[str, str, str | None]]:
    """Every text colour written into a style sheet under ui/: (where, colour, its own
    background or None when the window's shows through)."""
    found = []
    for path in sorted(Path("ui").rglob("*.py")):
        if path.name == "contrast.py":  # the high-contrast look itself: black and yellow
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            for match in COLOUR.finditer(line):
                nearby = " ".join(lines[max(number - 1, 0) : number + 2])
                background = BACKGROUND.search(nearby)
                found.append(
                    (f"{path}:{number + 1}", match.group(1), background and background.group(1))
                )
    for file, constant in ITEM_COLOURS:
        value = re.search(rf'{constant} = "(#[0-9a-fA-F]{{6}})"', Path(file).read_text())
        assert value is not None, (file, constant)
        found.append((f"{file} {constant}", value.group(1), None))
    return found


def test_every_status_colour_reads_at_4_5_to_1_in_both_palettes(qapp: QApplication) -> None:
    from PySide6.QtGui import QColor, QPalette

    from ui.contrast import contrast_ratio, high_contrast_palette

    colours = stylesheet_colours()
    assert len(colours) >= 6  # the red error lines, the notes, the demo banner, …
    roles = (QPalette.ColorRole.Window, QPalette.ColorRole.Base)
    palettes = {"normal": qapp.style().standardPalette(), "high": high_contrast_palette()}
    weak = []
    for where, colour, own in colours:
        for name, palette in palettes.items():
            backgrounds = [QColor(own)] if own else [palette.color(role) for role in roles]
            for background in backgrounds:
                ratio = contrast_ratio(QColor(colour), background)
                if ratio < 4.5:
                    weak.append(f"{where}: {colour} on {background.name()} ({name}) {ratio:.2f}")
    assert not weak, "\n".join(weak)


def test_high_contrast_from_the_view_menu_applies_and_is_remembered(desk: Desk) -> None:
    from PySide6.QtGui import QColor, QPalette

    from ui.contrast import apply_contrast, contrast_ratio, is_high_contrast

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    main = desk.main
    view = next(m for m in main.menuBar().findChildren(QMenu) if m.title() == "B&eeld")
    assert main.contrast_action in view.actions()
    assert main.contrast_action.text() == "Hoog &contrast"
    try:
        main.contrast_action.trigger()
        palette = app.palette()
        assert is_high_contrast(app) and main.contrast_action.isChecked()
        assert palette.color(QPalette.ColorRole.Window) == QColor("#ffffff")
        assert palette.color(QPalette.ColorRole.Text) == QColor("#000000")
        assert palette.color(QPalette.ColorRole.Highlight) == QColor("#ffff00")
        assert main.palette().color(QPalette.ColorRole.Window) == QColor("#ffffff")
        assert "#ffff00" in app.styleSheet()  # the focused field turns yellow
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert contrast_ratio(disabled, QColor("#ffffff")) >= 4.5
        assert main.window_settings.text("contrast") == "high"
        main.contrast_action.trigger()
        assert not is_high_contrast(app) and app.styleSheet() == ""
        assert main.window_settings.text("contrast") == "normal"
        main.start_contrast(configured=True)  # settings.toml high_contrast = true wins
        assert is_high_contrast(app)
    finally:
        apply_contrast(app, False)


def test_high_contrast_in_settings_toml(isolated_folders: Path) -> None:
    from sociaalhuis import settings

    config = isolated_folders / "config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text("high_contrast = true\n", encoding="utf-8")
    assert settings.load().high_contrast is True
    (config / "settings.toml").write_text('high_contrast = "ja"\n', encoding="utf-8")
    with pytest.raises(settings.SettingsError, match="high_contrast must be true or false"):
        settings.load()


def test_at_200_percent_no_form_label_is_cut_off_and_every_window_fits(tmp_path: Path) -> None:
    """QT_SCALE_FACTOR is read when the application starts: a process of its own."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QT_SCALE_FACTOR": "2",
        "PYTHONPATH": str(Path.cwd()),
    }
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("a11y_walk.py")), str(tmp_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(report) == {"search", "intake", "referral", "conversation"}
    assert report == {key: [] for key in report}
    from PySide6.QtGui import QImage

    shot = QImage(str(tmp_path / "a11y-200-intake.png"))
    assert (shot.width(), shot.height()) == (2732, 1536)  # 1366×768 logical at 200 %
