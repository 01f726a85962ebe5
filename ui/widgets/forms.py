"""Pieces every form window shares: the red line that says what is wrong, and the button row."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

ERROR_STYLE = "color: #a4000f;"
Standard = QDialogButtonBox.StandardButton
Named = TypeVar("Named", bound=QWidget)


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


def hint(field: QLineEdit | QWidget, text: str) -> None:
    """Grey example text in an empty field, also given to screen readers as the field's
    description: the placeholder disappears as soon as one types."""
    field.setPlaceholderText(text)  # type: ignore[attr-defined]
    field.setAccessibleDescription(text)


def named(widget: Named, name: str, description: str = "") -> Named:
    """`widget` with the name (and description) a screen reader announces for it."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def label_inputs(root: QWidget) -> None:
    """Give every input under `root` that a label describes the label's text as its accessible
    name (when it has none), and make that label its buddy: a form row's label then names its
    field for screen readers and Alt+mnemonic jumps to it."""
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            text = label.widget() if label is not None else None
            if isinstance(text, QLabel) and text.buddy() is None and field is not None:
                target = field.widget()
                if target is None and field.layout() is not None and field.layout().count():
                    target = field.layout().itemAt(0).widget()
                if target is not None and target.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    text.setBuddy(target)
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and not buddy.accessibleName():
            buddy.setAccessibleName(label_text(label.text()))


def label_text(text: str) -> str:
    """A label's text as a name: no markup, no mnemonic ampersand, no closing colon."""
    plain = re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return plain.strip().rstrip(":").strip()
