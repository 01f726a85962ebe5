"""The accessibility walker: every widget under a window, checked for what a screen reader and
a keyboard-only worker need. `problems(root)` returns one line per fault, empty when all is well.

What counts (docs/ACCESSIBILITY.md says the same for people):

- An *input* is a QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, any spin or date box, an item
  view (table, list, tree), a slider, or a button without text (a check box or tool button
  whose only face is an icon). Qt's own parts of a compound widget (the line edit inside a spin
  box or editable drop-down, a table's header, scroll bars, a tab bar's arrows, a calendar's
  cells) are not inputs of their own: the compound is.
- Every input has an explicit accessible name. Date boxes, and line edits with a placeholder or
  an input mask, also have an accessible description (the format or example the placeholder
  shows disappears as soon as one types, and a screen reader does not read a mask).
- A QLabel *describes an input* when it is the label of a QFormLayout row whose field holds an
  input, or when its text ends with ':' and the next item in its layout (the next box item, or
  the grid cell to its right, or else below it) holds exactly one input (a heading over a
  group of labelled inputs is not the label of one). Such a label has a buddy, and
  the buddy is one of those inputs (so Alt+mnemonic and the screen reader land on it).
- Tab order: every visible, enabled input takes focus by Tab (it is in the window's focus chain
  with a Tab focus policy), and within each QFormLayout the chain visits the rows' inputs top to
  bottom; within each QGridLayout by row, then column. Inputs inside one row may come in
  any order among themselves, but never after an input of a later row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QBoxLayout,
    QCalendarWidget,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INPUTS = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
)
# Widgets whose children are Qt's own parts, named through the compound.
COMPOUNDS = (
    QComboBox,
    QLineEdit,  # its clear button
    QAbstractSpinBox,
    QCalendarWidget,
    QTabBar,
    QScrollBar,
    QHeaderView,
    QAbstractItemView,
    QMenu,
)
TAG = re.compile(r"<[^>]+>")


def is_internal(widget: QWidget) -> bool:
    """A part Qt builds inside a compound widget (or names qt_…), not one of ours."""
    if widget.objectName().startswith("qt_") and not isinstance(widget, QAbstractItemView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, COMPOUNDS):
            return True
        parent = parent.parentWidget()
    return False


def is_input(widget: QWidget) -> bool:
    if is_internal(widget) or isinstance(widget, QScrollBar):
        return False
    if isinstance(widget, INPUTS):
        return True
    return isinstance(widget, QAbstractButton) and not widget.text().strip()


def describe(widget: QWidget) -> str:
    """How a fault names the widget: class, object name or accessible name, and window."""
    name = widget.accessibleName() or widget.objectName()
    if not name and isinstance(widget, QLineEdit | QAbstractButton):
        name = widget.placeholderText() if isinstance(widget, QLineEdit) else widget.toolTip()
    path = []
    parent = widget.parentWidget()
    while parent is not None and len(path) < 3:
        if parent.accessibleName() or parent.objectName():
            path.append(parent.accessibleName() or parent.objectName())
        parent = parent.parentWidget()
    where = f" in {' / '.join(path)}" if path else ""
    return f"{type(widget).__name__} {name!r}{where}"


def plain(text: str) -> str:
    return TAG.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def widgets_of(item: QLayoutItem | None) -> list[QWidget]:
    """The widget an item holds, or every widget of the layout it holds (nested included)."""
    if item is None:
        return []
    widget = item.widget()
    if widget is not None:
        return [widget]
    layout = item.layout()
    if layout is None:
        return []
    found: list[QWidget] = []
    for index in range(layout.count()):
        found += widgets_of(layout.itemAt(index))
    return found


def inputs_in(widgets: Iterable[QWidget]) -> list[QWidget]:
    """The inputs among `widgets` and their descendants."""
    found: list[QWidget] = []
    for widget in widgets:
        for candidate in (widget, *widget.findChildren(QWidget)):
            if is_input(candidate) and candidate not in found:
                found.append(candidate)
    return found


def labelled_inputs(layout: QLayout) -> list[tuple[QLabel, list[QWidget]]]:
    """The labels of `layout` that describe inputs, each with the inputs it describes."""
    pairs: list[tuple[QLabel, list[QWidget]]] = []
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = label.widget() if label is not None else None
            if isinstance(widget, QLabel):
                inputs = inputs_in(widgets_of(field))
                if inputs:
                    pairs.append((widget, inputs))
        return pairs
    for index in range(layout.count()):
        widget = layout.itemAt(index).widget()
        if not isinstance(widget, QLabel) or not plain(widget.text()).endswith(":"):
            continue
        after: list[QLayoutItem | None] = []
        if isinstance(layout, QGridLayout):
            row, column, rows, columns = layout.getItemPosition(index)
            after = [
                layout.itemAtPosition(row, column + columns),
                layout.itemAtPosition(row + rows, column),
            ]
        elif isinstance(layout, QBoxLayout) and index + 1 < layout.count():
            after = [layout.itemAt(index + 1)]
        for item in after:
            inputs = inputs_in(widgets_of(item))
            if len(inputs) == 1:
                pairs.append((widget, inputs))
                break
    return pairs


def name_problems(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not is_input(widget):
            continue
        if not widget.accessibleName().strip():
            found.append(f"no accessible name: {describe(widget)}")
        hinted = isinstance(widget, QDateTimeEdit) or (
            isinstance(widget, QLineEdit) and (widget.placeholderText() or widget.inputMask())
        )
        if hinted and not widget.accessibleDescription().strip():
            found.append(f"no accessible description (format hint): {describe(widget)}")
    return found


def buddy_problems(root: QWidget) -> list[str]:
    found = []
    for layout in root.findChildren(QLayout):
        for label, inputs in labelled_inputs(layout):
            if is_internal(label):
                continue
            buddy = label.buddy()
            if buddy is None:
                found.append(f"label without buddy: {plain(label.text())!r}")
            elif buddy not in inputs:
                found.append(
                    f"label {plain(label.text())!r} has buddy {describe(buddy)}, "
                    f"not the input beside it"
                )
    return found


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits in `root`'s window, in order: shown, enabled, Tab focus policy;
    a compound's inner part stands for the compound."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    for _ in range(10_000):
        if widget is root:
            break
        owner = widget
        while owner is not None and is_internal(owner):
            owner = owner.parentWidget()
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if (
            owner is not None
            and tabbable
            and widget.isVisible()
            and widget.isEnabled()
            and (owner is root or root.isAncestorOf(owner))
            and owner not in chain
        ):
            chain.append(owner)
        widget = widget.nextInFocusChain()
    return chain


def shown_inputs(widgets: Iterable[QWidget]) -> list[QWidget]:
    return [w for w in widgets if w.isVisible() and w.isEnabled()]


def order_problems(root: QWidget) -> list[str]:
    chain = focus_chain(root)
    found = [
        f"not reachable by Tab: {describe(widget)}"
        for widget in shown_inputs(inputs_in([root]))
        if widget not in chain
    ]
    position = {widget: index for index, widget in enumerate(chain)}
    for layout in root.findChildren(QLayout):
        places: list[tuple[tuple[int, int], list[QWidget]]] = []
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                for role in QFormLayout.ItemRole:
                    widgets = widgets_of(layout.itemAt(row, role))
                    places.append(((row, 0), shown_inputs(inputs_in(widgets))))
        elif isinstance(layout, QGridLayout):
            for index in range(layout.count()):
                row, column, _rows, _columns = layout.getItemPosition(index)
                widgets = widgets_of(layout.itemAt(index))
                places.append(((row, column), shown_inputs(inputs_in(widgets))))
        visits = sorted(
            (
                (position[widget], place, widget)
                for place, widgets in places
                for widget in widgets
                if widget in position
            ),
            key=lambda visit: visit[0],
        )
        for (_, before, first), (_, after, second) in itertools.pairwise(visits):
            if after < before:
                found.append(
                    f"tab order: {describe(second)} (row {after[0]}) comes after "
                    f"{describe(first)} (row {before[0]})"
                )
    return found


def problems(root: QWidget) -> list[str]:
    """Every fault under `root`: names and descriptions, buddies, and (for what is shown)
    the Tab order."""
    return [*name_problems(root), *buddy_problems(root), *order_problems(root)]


def clipped_labels(root: QWidget) -> list[str]:
    """Shown, one-line labels of a form that are narrower than their text needs (cut off)."""
    found = []
    for layout in root.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or not label.isVisible() or label.wordWrap():
                continue
            if label.sizeHint().width() > label.width() + 1:
                found.append(
                    f"label cut off: {plain(label.text())!r} needs {label.sizeHint().width()} "
                    f"px, has {label.width()}"
                )
    return found


def scaled_run(folder: str) -> dict[str, list[str]]:
    """Run under QT_SCALE_FACTOR=2 in a process of its own: the demo desk at 1366×768 logical
    pixels, its main screens saved as PNG in `folder`, every cut-off label and every window
    whose minimum size exceeds the screen reported per screen."""
    import os
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QSettings, QSize

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="sociaalhuis-a11y-")
    os.environ["SOCIAALHUIS_DATA_DIR"] = str(Path(scratch) / "data")
    os.environ["SOCIAALHUIS_CONFIG_DIR"] = str(Path(scratch) / "config")
    os.environ.pop("SOCIAALHUIS_DATABASE_URL", None)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    from PySide6.QtWidgets import QApplication

    from ui.launch import build
    from ui.screenshots import DEMO_SEARCH, _pick, demo_login

    app, window = build(["-platform", "offscreen"], login=demo_login)
    assert window is not None
    prefix = os.environ.get("A11Y_PREFIX", "a11y-200")
    if os.environ.get("A11Y_CONTRAST"):
        window.set_contrast(True, remember=False)
    report: dict[str, list[str]] = {}
    screen = QSize(1366, 768)

    def check(name: str, widget: QWidget) -> None:
        widget.resize(min(max(widget.width(), 900), 1366), min(max(widget.height(), 600), 768))
        widget.show()
        for _ in range(3):
            app.processEvents()
        found = clipped_labels(widget)
        hint = widget.minimumSizeHint()
        if hint.width() > screen.width() or hint.height() > screen.height():
            found.append(f"minimum size {hint.width()}x{hint.height()} exceeds 1366x768")
        report[name] = found
        widget.grab().save(str(out / f"{prefix}-{name}.png"))

    try:
        window.resize(1366, 768)
        window.go_search()
        window.search.field.setText(DEMO_SEARCH)
        window.search.search_now()
        window.search.wait_for_searches()
        check("search", window)
        window.open_household(_pick(window))
        window.set_quick(False)
        check("intake", window)
        from ui.intake.dialogs import ContactDialog
        from ui.referral.referral_dialog import ReferralDialog

        dialogs = {
            "referral": ReferralDialog(window.intake, None, window.intake.today, window),
            "conversation": ContactDialog("Herent", window),
        }
        for name, dialog in dialogs.items():
            check(name, dialog)
            dialog.close()
    finally:
        window.intake.draft.mark_saved()
        window.close()
        window.context.db.close()
        QApplication.processEvents()
    return report


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(scaled_run(sys.argv[1])))
