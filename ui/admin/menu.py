"""The management menu ("Beheer"): the audit trail, break-glass accesses, accounts, the
letterhead and the sync conflicts, each shown only to the roles the permission matrix allows."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from sociaalhuis.access.actors import may
from sociaalhuis.access.permissions import (
    EDIT_HOUSEHOLD,
    IMPORT_STATUSES,
    MANAGE_LETTERHEAD,
    MANAGE_USERS,
    PREPARE_ROUND,
    VIEW_AUDIT_TRAIL,
    VIEW_BREAK_GLASS,
    VIEW_NON_TAKE_UP,
)
from ui.startup import AppContext

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate


def _review(parent: QMainWindow, context: AppContext) -> None:
    from ui.review.review_window import show_review

    def open_case(household_id: uuid.UUID) -> None:
        opener = getattr(parent, "open_household", None)
        if callable(opener):
            opener(household_id)
            parent.raise_()
            parent.activateWindow()

    # Kept on the main window: a non-modal window without a Python reference would vanish.
    parent._review_window = show_review(parent, context, open_case)  # type: ignore[attr-defined]


def _rounds(parent: QMainWindow, context: AppContext) -> None:
    from ui.review.round_dialog import show_rounds

    parent._rounds_dialog = show_rounds(parent, context)  # type: ignore[attr-defined]


def _audit_trail(parent: QMainWindow, context: AppContext) -> None:
    from ui.audit.trail_window import show_audit_trail

    show_audit_trail(parent, context)


def _break_glass(parent: QMainWindow, context: AppContext) -> None:
    from ui.access.break_glass_view import show_break_glass_log

    show_break_glass_log(parent, context)


def _accounts(parent: QMainWindow, context: AppContext) -> None:
    from ui.admin.users_dialog import UsersDialog

    UsersDialog(context, parent).exec()


def _letterhead(parent: QMainWindow, context: AppContext) -> None:
    from ui.admin.letterhead_dialog import LetterheadDialog

    LetterheadDialog(context, parent).exec()


def _statuses(parent: QMainWindow, context: AppContext) -> None:
    from ui.admin.statuses_dialog import show_statuses

    show_statuses(parent, context)


def _sync_conflicts(parent: QMainWindow, context: AppContext) -> None:
    opener = getattr(parent, "show_conflicts", None)
    if callable(opener):  # the main window also refreshes its count afterwards
        opener()
        return
    from ui.sync.conflicts_dialog import show_conflicts

    show_conflicts(parent, context)


def _synchronise(parent: QMainWindow, context: AppContext) -> None:
    from ui.sync.sync_dialog import show_sync

    show_sync(parent, context.db)


def entries() -> list[tuple[str, str, str, Callable[[QMainWindow, AppContext], None]]]:
    """(permission, text, shortcut, opener) of every management window."""
    return [
        (
            VIEW_NON_TAKE_UP,
            translate("Management", "&Non-take-up review…"),
            "Ctrl+Shift+R",
            _review,
        ),
        (
            PREPARE_ROUND,
            translate("Management", "&Granting rounds…"),
            "Ctrl+Shift+G",
            _rounds,
        ),
        (VIEW_AUDIT_TRAIL, translate("Management", "&Audit trail…"), "Ctrl+Shift+A", _audit_trail),
        (
            VIEW_BREAK_GLASS,
            translate("Management", "&Break-glass accesses…"),
            "Ctrl+Shift+B",
            _break_glass,
        ),
        (MANAGE_USERS, translate("Management", "A&ccounts…"), "Ctrl+Shift+U", _accounts),
        (MANAGE_LETTERHEAD, translate("Management", "&Letterhead…"), "", _letterhead),
        (
            IMPORT_STATUSES,
            translate("Management", "Read in o&fficial statuses…"),
            "",
            _statuses,
        ),
        # Settling writes the client's record, so it takes the right to edit a household.
        (EDIT_HOUSEHOLD, translate("Management", "&Sync conflicts…"), "", _sync_conflicts),
        # Syncing writes clients' records on both sites: the right to edit a household.
        (EDIT_HOUSEHOLD, translate("Management", "S&ynchronise…"), "", _synchronise),
    ]


def add_management_menu(window: QMainWindow, context: AppContext) -> QMenu | None:
    """Add the menu with what the logged-in role may open; None (no menu) for the others."""
    allowed = [entry for entry in entries() if may(context.actor, entry[0])]
    if not allowed:
        return None
    menu = window.menuBar().addMenu(translate("Management", "&Management"))
    for _permission, text, shortcut, opener in allowed:
        action = QAction(text, window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, o=opener: o(window, context))
        window.addAction(action)
        menu.addAction(action)
    return menu
