"""The worker's referrals back from partners (declined, client did not come), and taking in a
file of partner replies; both reached from the Partners menu."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access.actors import Actor
from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.referrals.replies import ReplyService, ReturnedReferral
from sociaalhuis.referrals.reply_file import ReplyFileError, import_replies
from sociaalhuis.storage.database import Database
from ui.widgets.errors import error_text
from ui.widgets.formats import show_date
from ui.widgets.forms import named

SHOWN_PROBLEMS = 12
translate = QCoreApplication.translate


def returned_line(item: ReturnedReferral) -> str:
    """`SH-2026-00042 · 28/11/2026 · Terug bij jou: geweigerd door CAW — Geen plaats`."""
    if item.outcome == "declined":
        text = translate("ReturnedDialog", "Back with you: declined by {partner} — {reason}")
    else:
        text = translate("ReturnedDialog", "Back with you: client did not go to {partner}")
    text = text.format(partner=item.organisation_name, reason=item.reason)
    return f"{item.reference} · {show_date(item.replied_on)} · {text}"


class ReturnedDialog(QDialog):
    """Lists the declined and no-show referrals of the worker's cases; Open case closes the
    dialog with `household_id` set, Mark handled takes one off the list."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.replies = ReplyService(db)
        self.actor = actor
        self.household_id: uuid.UUID | None = None
        self.setWindowTitle(self.tr("Back from partners"))
        self.list = named(QListWidget(), self.tr("Referrals back from partners"))
        self.list.itemActivated.connect(lambda _item: self.open_case())
        label = QLabel(self.tr("&Referrals the partner declined or the client did not go to:"))
        label.setBuddy(self.list)
        label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open case"))
        self.open_button.clicked.connect(self.open_case)
        self.handled_button = QPushButton(self.tr("Mark &handled…"))
        self.handled_button.clicked.connect(self.mark_handled)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.handled_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for item in self.replies.returned(self.actor):
            row = QListWidgetItem(returned_line(item))
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(row)
        if self.list.count() == 0:
            self.list.addItem(QListWidgetItem(self.tr("Nothing came back from partners.")))
            self.list.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.list.setCurrentRow(0)
        chosen = self.chosen() is not None
        self.open_button.setEnabled(chosen)
        self.handled_button.setEnabled(chosen)

    def chosen(self) -> ReturnedReferral | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, ReturnedReferral) else None

    def open_case(self) -> None:
        item = self.chosen()
        if item is not None:
            self.household_id = item.household_id
            self.accept()

    def mark_handled(self) -> None:
        item = self.chosen()
        if item is None:
            return
        note, ok = QInputDialog.getText(
            self,
            self.tr("Mark handled"),
            self.tr("What was done (optional):"),
        )
        if not ok:
            return
        try:
            self.replies.mark_handled(self.actor, item.reply_id, note)
        except SociaalHuisError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), error_text(self, exc))
        self.reload()


def import_reply_file(db: Database, actor: Actor, parent: QWidget) -> bool:
    """Ask for a CSV of partner replies and take it in; the report is shown either way.
    True when the file was taken in."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("ReturnedDialog", "Import partner replies"),
        "",
        translate("ReturnedDialog", "CSV files (*.csv);;All files (*)"),
    )
    if not chosen:
        return False
    title = translate("ReturnedDialog", "Import partner replies")
    try:
        report = import_replies(db, actor, Path(chosen))
    except ReplyFileError as exc:
        shown = "\n".join(exc.problems[:SHOWN_PROBLEMS])
        if len(exc.problems) > SHOWN_PROBLEMS:
            shown += "\n" + translate("ReturnedDialog", "… and {count} more").format(
                count=len(exc.problems) - SHOWN_PROBLEMS
            )
        QMessageBox.warning(
            parent,
            title,
            translate("ReturnedDialog", "The file was not imported; nothing was changed.")
            + "\n\n"
            + shown,
        )
        return False
    except SociaalHuisError as exc:
        QMessageBox.warning(parent, title, error_text(parent, exc))
        return False
    words = {
        "matched": translate("ReturnedDialog", "recorded"),
        "unknown": translate("ReturnedDialog", "unknown reference"),
        "already_recorded": translate("ReturnedDialog", "already recorded"),
    }
    lines = [
        translate("ReturnedDialog", "Line {line}: {reference}: {result}").format(
            line=line.line, reference=line.reference, result=words[line.result]
        )
        for line in report.lines[:SHOWN_PROBLEMS]
    ]
    summary = translate(
        "ReturnedDialog",
        "{matched} recorded, {unknown} unknown reference(s), {already} already recorded.",
    ).format(
        matched=report.count("matched"),
        unknown=report.count("unknown"),
        already=report.count("already_recorded"),
    )
    QMessageBox.information(parent, title, summary + "\n\n" + "\n".join(lines))
    return True
