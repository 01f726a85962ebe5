"""The message a stale save gets at the desk: what someone else changed, and the choice to
reload their version or keep editing (nothing of the worker's was written either way)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from sociaalhuis.cases.draft import IntakeDraft
from sociaalhuis.errors import ConflictError
from ui.widgets.inputs import isolate

translate = QCoreApplication.translate


def ask_reload(parent: QWidget, error: ConflictError, draft: IntakeDraft) -> bool:
    """Tell the worker the save was refused and what changed; True when they choose to reload
    (giving up their changes on screen), False to keep editing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("ConflictBox", "Saved by someone else"))
    box.setText(
        " ".join(
            (
                translate(
                    "ConflictBox",
                    "This household or this person was changed by another user "
                    "while you were editing.",
                ),
                what_changed(error, draft),
                translate(
                    "ConflictBox",
                    "Nothing of yours was saved and nothing of theirs was overwritten.",
                ),
            )
        )
    )
    box.setInformativeText(
        translate(
            "ConflictBox",
            "Reload their version? Your changes on screen will be "
            "lost; note them down first if you need them.",
        )
    )
    reload = box.addButton(translate("ConflictBox", "&Reload"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("ConflictBox", "&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is reload


def what_changed(error: ConflictError, draft: IntakeDraft) -> str:
    """One sentence naming the record someone else changed, the person by name when known."""
    if error.entity == "person":
        member = next((m for m in draft.members if m.person_id == error.entity_id), None)
        if member is not None and member.name:
            return translate(
                "ConflictBox", "The details of {name} were changed by someone else."
            ).format(name=isolate(member.name))
        return translate("ConflictBox", "A member's details were changed by someone else.")
    if error.entity == "membership":
        return translate(
            "ConflictBox", "A member's place in this household was changed by someone else."
        )
    return translate(
        "ConflictBox",
        "The address, the members or the facts of this household were changed by someone else.",
    )
