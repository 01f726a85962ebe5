"""Pieces every form window shares: the red line that says what is wrong, and the button row."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

ERROR_STYLE = "color: #a4000f;"
Standard = QDialogButtonBox.StandardButton


def error_label() -> QLabel:
    """A hidden, wrapping, red label for what the user has to fix."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setAccessibleName("error")
    label.hide()
    return label


def dialog_buttons(
    dialog: QDialog, ok_text: str, cancel_text: str, ok: Standard = Standard.Ok
) -> QDialogButtonBox:
    """OK (or `ok`, e.g. Save) and Cancel with the given texts, wired to accept and reject."""
    buttons = QDialogButtonBox(ok | Standard.Cancel)
    buttons.button(ok).setText(ok_text)
    buttons.button(Standard.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
