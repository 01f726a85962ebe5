"""The main window: for now an overview of the database, its households and the user."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis import __version__
from sociaalhuis.cases.households import HouseholdService
from sociaalhuis.demo.loader import is_demo
from ui.startup import AppContext
from ui.window_settings import WindowSettings

SETTINGS_NAME = "main"
DEFAULT_SIZE = (960, 640)
DEMO_BANNER_STYLE = (
    "background: #fff3cd; color: #5c4400; border: 1px solid #e0b000;"
    " border-radius: 4px; padding: 8px;"
)


class MainWindow(QMainWindow):
    """The application's main window; the intake screens will take the central place."""

    def __init__(self, context: AppContext, window_settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.window_settings = window_settings if window_settings is not None else WindowSettings()
        self.demo = is_demo(context.db)
        self.setWindowTitle(self._title())
        self.setCentralWidget(self._overview(HouseholdService(context.db).count()))
        self._create_menus()
        self.database_status = QLabel(self.tr("Database: {location}").format(location=self._where))
        self.statusBar().addWidget(self.database_status, 1)
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
        coming = QLabel(self.tr("The screens for intake, rights and referrals will appear here."))
        coming.setWordWrap(True)
        layout = QVBoxLayout()
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        for widget in (heading, subheading, self.demo_banner):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(coming)
        layout.addStretch(1)
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
        self.menuBar().addMenu(self.tr("&File")).addAction(self.quit_action)
        self.menuBar().addMenu(self.tr("&Help")).addAction(self.about_action)

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

    def _restore_layout(self) -> None:
        geometry = self.window_settings.geometry(SETTINGS_NAME)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
        state = self.window_settings.state(SETTINGS_NAME)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_settings.set_geometry(SETTINGS_NAME, self.saveGeometry())
        self.window_settings.set_state(SETTINGS_NAME, self.saveState())
        self.window_settings.sync()
        super().closeEvent(event)


def _value_label(text: str) -> QLabel:
    """A value people may want to copy, such as the database path."""
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
