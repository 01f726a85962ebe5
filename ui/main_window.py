"""The main window: find or start a client, then the intake page for that household.

Keyboard: Ctrl+F search, Ctrl+N new client, Ctrl+S save, Ctrl+D decision on the selected
right, Ctrl+1 quick scan, Ctrl+2 full intake, F9 client view (screen turned to the client),
Ctrl+Shift+S screening of all households (in the background), Ctrl+Alt+L lock (Ctrl+L is
taken by referring).
"""

from __future__ import annotations

import html
import sys
import uuid
from collections.abc import Callable
from datetime import date
from types import TracebackType
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis import __version__
from sociaalhuis.access.accounts import LoginRefused, current_actor
from sociaalhuis.access.actors import may
from sociaalhuis.access.permissions import REGISTER_CLIENT, RUN_SCREENING, SEARCH_CLIENTS
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.demo.loader import is_demo
from sociaalhuis.errors import BreakGlassRequired, NotFoundError, PermissionDenied
from sociaalhuis.screening.review import screen_caseload
from sociaalhuis.screening.runner import ScreenSummary
from sociaalhuis.storage.database import Database
from sociaalhuis.sync.conflicts import conflict_count
from ui.admin.menu import add_management_menu
from ui.intake.intake_page import IntakePage, Services
from ui.lock.idle_lock import IdleLock
from ui.screening.screening_dialog import ScreeningDialog
from ui.search.search_view import SearchView
from ui.startup import AppContext
from ui.widgets.formats import show_date
from ui.window_settings import WindowSettings

SETTINGS_NAME = "main"
DEFAULT_SIZE = (1280, 800)
DEMO_BANNER_STYLE = (
    "background: #fff3cd; color: #5c4400; border: 1px solid #e0b000;"
    " border-radius: 4px; padding: 8px;"
)


class MainWindow(QMainWindow):
    """The application's main window; the intake screens will take the central place."""

    def __init__(
        self,
        context: AppContext,
        window_settings: WindowSettings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.window_settings = window_settings if window_settings is not None else WindowSettings()
        self.demo = is_demo(context.db)
        # Saves refresh the household's stored findings as of the page's date.
        clock = (lambda: today) if today else date.today
        self.services = Services.create(
            context.db, context.actor, context.site, loader.load(), clock
        )
        self.client_mode = False
        self.screening: ScreeningDialog | None = None
        self.search = SearchView(self.services.households, context.actor)
        self.intake = IntakePage(self.services, today, context.user_name)
        home = self._overview(self.services.households.count())
        home.layout().addWidget(self.search)  # type: ignore[union-attr]
        if not may(context.actor, SEARCH_CLIENTS):
            # An administrator manages accounts and settings, not client files.
            self.search.hide()
            hint = QLabel(self.tr("As administrator you work from the Management menu."))
            home.layout().addWidget(hint)  # type: ignore[union-attr]
            home.layout().addStretch(1)  # type: ignore[union-attr]
        self.home = home
        self.stack = QStackedWidget()
        self.stack.addWidget(home)
        self.stack.addWidget(self.intake)
        self.setCentralWidget(self.stack)
        self.search.open_requested.connect(self.open_household)
        self.search.new_requested.connect(self.new_household)
        self.intake.title_changed.connect(self._household_title)
        self.intake.saved.connect(self._after_save)
        self.idle_lock = IdleLock(
            self, context.db, context.actor, context.user_name, context.idle_lock_minutes
        )
        self._create_menus()
        self.database_status = QLabel(self.tr("Database: {location}").format(location=self._where))
        self.statusBar().addWidget(self.database_status, 1)
        # Shown only while records wait for a worker to settle a sync conflict.
        self.conflicts_button = QPushButton()
        self.conflicts_button.setFlat(True)
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.statusBar().addPermanentWidget(self.conflicts_button)
        self.refresh_conflicts()
        self.setWindowTitle(self._title())
        self._restore_layout()

    @property
    def _where(self) -> str:
        return self.context.db.location

    def _title(self) -> str:
        if self.demo:
            return self.tr("Sociaal Huis {site} — DEMO DATA").format(site=self.context.site)
        return self.tr("Sociaal Huis {site}").format(site=self.context.site)

    def _overview(self, household_count: int) -> QWidget:
        heading = QLabel(self.tr("Sociaal Huis {site}").format(site=self.context.site))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        subheading = QLabel(self.tr("Intake and rights desk"))
        self.demo_banner = QLabel(
            self.tr(
                "Demo data: the households in this database are invented. "
                "Do not record real clients here."
            )
        )
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(DEMO_BANNER_STYLE)
        self.demo_banner.setVisible(self.demo)
        self.database_label = _value_label(self._where)
        self.household_count_label = _value_label(QLocale().toString(household_count))
        self.user_label = _value_label(self._user_text())
        form = QFormLayout()
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Households:"), self.household_count_label)
        form.addRow(self.tr("Logged in as:"), self.user_label)
        layout = QVBoxLayout()
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        for widget in (heading, subheading, self.demo_banner):
            layout.addWidget(widget)
        layout.addLayout(form)
        page = QWidget()
        page.setLayout(layout)
        return page

    def _user_text(self) -> str:
        actor, name = self.context.actor, self.context.user_name
        role = self._role_name(actor.role)
        if name == actor.username:
            return self.tr("{username}, {role}").format(username=actor.username, role=role)
        return self.tr("{name} ({username}), {role}").format(
            name=name, username=actor.username, role=role
        )

    def _role_name(self, role: str) -> str:
        names = {
            "intake": self.tr("intake desk worker"),
            "social_worker": self.tr("social worker"),
            "team_lead": self.tr("team lead"),
            "admin": self.tr("administrator"),
            "system": self.tr("system"),
        }
        return names.get(role, role)

    def _create_menus(self) -> None:
        self.quit_action = QAction(self.tr("E&xit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About Sociaal Huis"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.search_action = self._action(self.tr("&Find a client"), "Ctrl+F", self.go_search)
        self.new_action = self._action(self.tr("&New client"), "Ctrl+N", self.new_household)
        self.save_action = self._action(self.tr("&Save"), "Ctrl+S", self.intake.save)
        self.decide_action = self._action(self.tr("Record &decision…"), "Ctrl+D", self._decide)
        self.refer_action = self._action(self.tr("Re&fer…"), "Ctrl+L", self._refer)
        self.overview_action = self._action(
            self.tr("Rights &overview for the client…"), "Ctrl+P", self.intake.print_overview
        )
        self.directory_action = self._action(
            self.tr("&Sociale kaart…"), "Ctrl+Shift+K", self.show_directory
        )
        self.overdue_action = self._action(
            self.tr("O&verdue referrals…"), "Ctrl+Shift+O", self.show_overdue
        )
        self.returned_action = self._action(self.tr("&Back from partners…"), "", self.show_returned)
        self.replies_action = self._action(
            self.tr("&Import partner replies…"), "", self.import_replies
        )
        self.letters_action = self._action(
            self.tr("Le&tters…"), "Ctrl+Shift+L", self.intake.show_letters
        )
        self.contact_action = self._action(
            self.tr("New con&versation…"), "Ctrl+K", self.intake.record_contact
        )
        self.consents_action = self._action(
            self.tr("&Consents…"), "Ctrl+Shift+T", self.intake.show_consents
        )
        self.export_client_action = self._action(
            self.tr("Export client data (&access request)…"),
            "Ctrl+Shift+E",
            self.intake.export_client_data,
        )
        self.quick_action = self._action(
            self.tr("&Quick scan"), "Ctrl+1", lambda: self.set_quick(True)
        )
        self.full_action = self._action(
            self.tr("&Full intake"), "Ctrl+2", lambda: self.set_quick(False)
        )
        pace = QActionGroup(self)
        for action in (self.quick_action, self.full_action):
            action.setCheckable(True)
            pace.addAction(action)
        self.full_action.setChecked(True)
        self.questions_action = self._action(
            self.tr("Next &question"), "Ctrl+J", self.intake.focus_questions
        )
        self.rights_action = self._action(self.tr("&Rights"), "Ctrl+R", self.intake.focus_rights)
        self.client_action = self._action(self.tr("C&lient view"), "F9", self.toggle_client_mode)
        self.client_action.setCheckable(True)
        self.screen_action = self._action(
            self.tr("Screen all &households…"), "Ctrl+Shift+S", self.screen_all
        )
        self.lock_action = self._action(self.tr("&Lock"), "Ctrl+Alt+L", self.idle_lock.lock_now)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in (self.search_action, self.new_action, self.save_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.screen_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        client_menu = self.menuBar().addMenu(self.tr("&Client"))
        client_menu.addAction(self.questions_action)
        client_menu.addAction(self.rights_action)
        client_menu.addAction(self.decide_action)
        client_menu.addAction(self.refer_action)
        client_menu.addAction(self.overview_action)
        client_menu.addAction(self.letters_action)
        client_menu.addAction(self.contact_action)
        client_menu.addAction(self.consents_action)
        client_menu.addAction(self.export_client_action)
        partners_menu = self.menuBar().addMenu(self.tr("&Partners"))
        partners_menu.addAction(self.directory_action)
        partners_menu.addAction(self.overdue_action)
        partners_menu.addAction(self.returned_action)
        partners_menu.addAction(self.replies_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for action in (self.quick_action, self.full_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.client_action)
        self.contrast_action = self._action(self.tr("High &contrast"), "", self.set_contrast)
        self.contrast_action.setCheckable(True)
        view_menu.addAction(self.contrast_action)
        self.management_menu = add_management_menu(self, self.context)
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.about_action)
        self._update_actions()

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- navigation -------------------------------------------------------------------

    def go_search(self) -> None:
        if self.client_mode:
            return
        if self.stack.currentWidget() is self.intake and not self.intake.may_leave():
            return
        self.stack.setCurrentWidget(self.home)
        self.search.focus_search()
        self.setWindowTitle(self._title())
        self._update_actions()

    def new_household(self) -> None:
        if self.client_mode:
            return
        if self.stack.currentWidget() is self.intake and not self.intake.may_leave():
            return
        self.stack.setCurrentWidget(self.intake)
        self.intake.new_household()
        self._update_actions()

    def open_household(self, household_id: uuid.UUID) -> None:
        if self.stack.currentWidget() is self.intake and not self.intake.may_leave():
            return
        try:
            if not self.intake.open_household(household_id):
                return  # break-glass cancelled: stay where we were
        except NotFoundError:
            QMessageBox.warning(
                self, self.tr("Not found"), self.tr("This household no longer exists.")
            )
            return
        self.stack.setCurrentWidget(self.intake)
        self.intake.focus_start()
        self.window_settings.set_text("last_household", str(household_id))
        self._update_actions()

    def show_directory(self) -> None:
        if self.client_mode:
            return
        from ui.directory.directory_view import DirectoryDialog

        DirectoryDialog(self.services.directory, self.context.actor, self).exec()

    def show_overdue(self) -> None:
        """Open referrals whose follow-up date has passed, over all clients."""
        if self.client_mode:
            return
        from ui.intake.case_boxes import referral_status_names

        names = referral_status_names()
        overdue = self.services.referrals.overdue(self.context.actor, self.intake.today)
        lines = [
            f"{r.reference} — {r.organisation_name} — {names.get(r.status, r.status)} — "
            + self.tr("follow up on {date}").format(date=show_date(r.follow_up_on))
            for r in overdue
            if r.follow_up_on is not None
        ]
        # Declined and no-show referrals come back to the worker until acted on.
        from sociaalhuis.referrals.replies import ReplyService
        from ui.referral.returned_dialog import returned_line

        back = ReplyService(self.context.db).returned(self.context.actor)
        lines += [returned_line(item) for item in back]
        text = "\n".join(lines) or self.tr("No referral is overdue.")
        QMessageBox.information(self, self.tr("Overdue referrals"), text)

    def show_returned(self) -> None:
        """The worker's referrals a partner declined or the client did not go to."""
        if self.client_mode:
            return
        from ui.referral.returned_dialog import ReturnedDialog

        dialog = ReturnedDialog(self.context.db, self.context.actor, self)
        if dialog.exec() and dialog.household_id is not None:
            self.open_household(dialog.household_id)

    def import_replies(self) -> None:
        """Take in a CSV of partner replies (docs/REFERRAL-REPLIES.md)."""
        if self.client_mode:
            return
        from ui.referral.returned_dialog import import_reply_file

        if import_reply_file(self.context.db, self.context.actor, self):
            self.intake.referrals_box.reload()

    def screen_all(self) -> None:
        """Bring every household's stored findings up to date in the background."""
        if self.client_mode:
            return
        if self.screening is not None and self.screening.running:
            self.screening.raise_()
            return
        actor = self.context.actor

        def run(db: Database, catalog: Catalog, on: date, **options: Any) -> ScreenSummary:
            # The service checks the role; the window only offers the action.
            return screen_caseload(db, actor, catalog, on, **options)

        self.screening = ScreeningDialog(
            self.context.db, self.services.catalog, self.intake.today, self, run=run
        )
        self.screening.start()

    def _refer(self) -> None:
        if self.stack.currentWidget() is self.intake:
            self.intake.refer(self.intake.rights.current_right)

    def _decide(self) -> None:
        right = self.intake.rights.current_right
        if self.stack.currentWidget() is self.intake and right:
            self.intake.decide(right)

    def _household_title(self, name: str) -> None:
        if self.stack.currentWidget() is self.intake:
            self.setWindowTitle(f"{name} — {self._title()}")

    def _after_save(self) -> None:
        self.household_count_label.setText(QLocale().toString(self.services.households.count()))
        self.refresh_conflicts()
        if self.intake.draft.household_id is not None:
            self.window_settings.set_text("last_household", str(self.intake.draft.household_id))

    def refresh_conflicts(self) -> None:
        """The count of records in a sync conflict in the status bar; hidden at none."""
        with self.context.db.read() as session:
            count = conflict_count(session)
        self.conflicts_button.setText(
            self.tr("Conflicts: {count}").format(count=QLocale().toString(count))
        )
        self.conflicts_button.setVisible(count > 0)

    def show_conflicts(self) -> None:
        from ui.sync.conflicts_dialog import show_conflicts

        show_conflicts(self, self.context)
        self.refresh_conflicts()

    def set_quick(self, quick: bool) -> None:
        self.intake.set_quick(quick)
        (self.quick_action if quick else self.full_action).setChecked(True)
        self.window_settings.set_text("pace", "quick" if quick else "full")

    def start_contrast(self, configured: bool) -> None:
        """High contrast at start: settings.toml, else the user's last choice, else the
        platform's preference."""
        from ui.contrast import platform_wants_high_contrast

        remembered = self.window_settings.text("contrast")
        app = QApplication.instance()
        wanted = configured or remembered == "high"
        if not remembered and isinstance(app, QApplication):
            wanted = wanted or platform_wants_high_contrast(app)
        self.set_contrast(wanted, remember=False)

    def set_contrast(self, on: bool, remember: bool = True) -> None:
        """The high-contrast palette on or off for the whole application (View menu)."""
        from ui.contrast import apply_contrast

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_contrast(app, on)
        self.contrast_action.setChecked(on)
        if remember:
            self.window_settings.set_text("contrast", "high" if on else "normal")

    def toggle_client_mode(self) -> None:
        """Turn the screen to the client: only this household, no internal notes; F9 again
        returns."""
        on = not self.client_mode
        if on and self.stack.currentWidget() is not self.intake:
            self.client_action.setChecked(False)
            return
        self.client_mode = on
        self.client_action.setChecked(on)
        self.intake.set_client_mode(on)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        self._update_actions()

    def _update_actions(self) -> None:
        on_intake = self.stack.currentWidget() is self.intake
        actor = self.context.actor
        for action, permission in (
            (self.search_action, SEARCH_CLIENTS),
            (self.new_action, REGISTER_CLIENT),
            (self.screen_action, RUN_SCREENING),
        ):
            action.setEnabled(not self.client_mode and may(actor, permission))
        for action in (
            self.save_action,
            self.decide_action,
            self.contact_action,
            self.questions_action,
            self.rights_action,
            self.consents_action,
            self.export_client_action,
        ):
            action.setEnabled(on_intake and not self.client_mode)

    def show_about(self) -> None:
        text = self.tr(
            "<h3>Sociaal Huis {site}</h3>"
            "<p>Intake and rights desk, version {version}.</p>"
            "<p>Database: {location}</p>"
        ).format(
            site=html.escape(self.context.site),
            version=__version__,
            location=html.escape(self._where),
        )
        QMessageBox.about(self, self.tr("About Sociaal Huis"), text)

    def explain_refusal(self, refused: PermissionDenied) -> str:
        """Why a service refused, for the person at the keyboard: the account as the database
        has it now says whether it was switched off or given another role."""
        if isinstance(refused, BreakGlassRequired):
            return self.tr(
                "This case is assigned to a colleague. Nothing was changed. Open it again from "
                "the search list to give a reason for opening it."
            )
        role = self.context.actor.role
        try:
            with self.context.db.read() as session:
                now = current_actor(session, self.context.actor.user_id)
        except LoginRefused:
            return self.tr(
                "Your account has been switched off, so Sociaal Huis refused this. Nothing "
                "was changed. Ask an administrator if this is a mistake."
            )
        if now.role != role:
            return self.tr(
                "Your role has been changed to {role}. Sociaal Huis refused this because you "
                "are still logged in with your old role. Nothing was changed. Close Sociaal "
                "Huis and log in again."
            ).format(role=self._role_name(now.role))
        return self.tr(
            "As {role} you may not do this. Nothing was changed. Ask a colleague or a team "
            "lead if it has to be done."
        ).format(role=self._role_name(role))

    def report_refusal(self, refused: PermissionDenied) -> None:
        QMessageBox.warning(self, self.tr("Not allowed"), self.explain_refusal(refused))

    def _restore_layout(self) -> None:
        geometry = self.window_settings.geometry(SETTINGS_NAME)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = self.window_settings.state(SETTINGS_NAME)
        if state is not None:
            self.restoreState(state)
        for name, splitter in self._splitters().items():
            saved = self.window_settings.splitter(name)
            if saved is not None:
                splitter.restoreState(saved)
        self.set_quick(self.window_settings.text("pace") == "quick")
        if self.window_settings.text("screen") == "intake":
            last = self.window_settings.text("last_household")
            try:
                self.open_household(uuid.UUID(last))
            except ValueError:
                self.stack.setCurrentWidget(self.home)
        self._update_actions()

    def _splitters(self) -> dict[str, object]:
        return {
            "intake": self.intake.splitter,
            "intake_right": self.intake.right_splitter,
            "rights": self.intake.rights.splitter,
        }

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stack.currentWidget() is self.intake and not self.intake.may_leave():
            event.ignore()
            return
        self.window_settings.set_geometry(SETTINGS_NAME, self.saveGeometry())
        self.window_settings.set_state(SETTINGS_NAME, self.saveState())
        on_intake = self.stack.currentWidget() is self.intake
        self.window_settings.set_text("screen", "intake" if on_intake else "search")
        for name, splitter in self._splitters().items():
            self.window_settings.set_splitter(name, splitter.saveState())  # type: ignore[attr-defined]
        self.window_settings.sync()
        self.search.wait_for_searches()  # before the database closes
        if self.screening is not None:
            self.screening.stop_and_wait()
        super().closeEvent(event)


Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def report_refusals(window: MainWindow, previous: Hook | None = None) -> Hook:
    """An excepthook that shows a refusal nobody caught (a save or an action after the
    account was switched off or its role changed) as a Dutch message; others go on to
    `previous`."""
    fallback = previous or sys.excepthook

    def hook(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> object:
        if isinstance(error, PermissionDenied):
            window.report_refusal(error)
            return None
        return fallback(kind, error, traceback)

    return hook


def _value_label(text: str) -> QLabel:
    """A value people may want to copy, such as the database path."""
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
