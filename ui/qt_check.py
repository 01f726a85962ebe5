"""Is this PySide6 safe for a long session? `check_runtime()` at start, `probe()` in the tests.

PySide6 6.12.0 on Python 3.11 takes one reference away from `None` (and from `True` and
`False`) in many void bindings the screens call on every refresh, and a `Signal(object, str)`
emitted with `True` ends in `Fatal Python error: bool_dealloc`: the desk crashes hours later,
far from the cause. On Python 3.12 and newer these objects are immortal and the defect is
harmless; 6.11.3 measures clean. `pyproject.toml` pins below 6.12, and `ui.launch.build()`
refuses a known-bad combination with a message instead of starting.

`probe()` measures the drift of the three reference counts per call for each binding the
refresh paths use; `python -m ui.qt_check` prints it as a table.
"""

from __future__ import annotations

import ctypes
import gc
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from sociaalhuis.collector import gc_paused
from sociaalhuis.errors import SociaalHuisError

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate

Version = tuple[int, ...]
CONSTANTS: dict[str, object] = {"None": None, "True": True, "False": False}
# A lost reference per call measures -1.00; a clean binding 0.00.
TOLERANCE = 0.5
START_CALLS = 200
# Giving a parentless widget its first parent adds references to None that nothing takes
# back (+5 per call on 6.11.3, +3 on 6.12.0; no object or memory grows). A count that only
# rises cannot free None, so this gain is harmless; every other drift is a defect.
PARENTLESS_ROW = "QFormLayout.addRow(parentless widgets)+removeRow"
HARMLESS_GAINS = frozenset({PARENTLESS_ROW})
ROUND = 50  # calls between checks for lost references


@dataclass(frozen=True)
class KnownBad:
    """PySide6 versions from `pyside_from` up to (not including) `pyside_below`, on Python
    below `python_below`."""

    pyside_from: Version
    pyside_below: Version
    python_below: Version
    defect: str

    def matches(self, pyside: Version, python: Version) -> bool:
        return self.pyside_from <= pyside < self.pyside_below and python < self.python_below


KNOWN_BAD: tuple[KnownBad, ...] = (
    # Measured on 6.12.0; the rest of 6.12.x counts as bad until a release is shown fixed.
    KnownBad(
        (6, 12, 0),
        (6, 13),
        (3, 12),
        "void bindings drop a reference to None/True/False per call (none_dealloc, bool_dealloc)",
    ),
)


class UnsafeQtRuntime(SociaalHuisError):
    """This PySide6 and Python would crash a long session; the message says what to install."""


def version_tuple(text: str) -> Version:
    """`"6.12.0"` → (6, 12, 0); a suffix such as `a1` or `+local` is ignored."""
    match = re.match(r"\d+(?:\.\d+)*", text.strip())
    return tuple(int(part) for part in match.group().split(".")) if match else ()


def running_versions() -> tuple[str, str]:
    """The PySide6 and Python versions in use, as text."""
    return PySide6.__version__, ".".join(str(part) for part in sys.version_info[:3])


def known_bad(pyside: str, python: str) -> KnownBad | None:
    """The entry of KNOWN_BAD that covers this combination, if any."""
    pyside_version, python_version = version_tuple(pyside), version_tuple(python)
    return next((bad for bad in KNOWN_BAD if bad.matches(pyside_version, python_version)), None)


def refusal(pyside: str, python: str) -> str:
    """The message for a combination that must not run, in the installed language."""
    return translate(
        "QtCheck",
        "PySide6 {pyside} on Python {python} loses references to None, True and False and "
        "makes Sociaal Huis crash after a while. Install a PySide6 below 6.12 "
        '(pip install "PySide6-Essentials>=6.8,<6.12"; 6.11.3 is known to work) or use '
        "Python 3.12 or newer.",
    ).format(pyside=pyside, python=python)


def check_runtime() -> str | None:
    """A message when this PySide6 and Python must not run the desk; None when they may.

    A version comparison with KNOWN_BAD; when a QApplication exists, also a short probe of
    `QTreeWidgetItem.setData`, so an unlisted release with the same defect is refused too.
    """
    pyside, python = running_versions()
    if known_bad(pyside, python) is not None:
        return refusal(pyside, python)
    if isinstance(QApplication.instance(), QApplication):
        with repaying():
            item = QTreeWidgetItem()
            drift = measure(lambda: item.setData(0, Qt.ItemDataRole.UserRole, None), START_CALLS)
        if any(value <= -TOLERANCE for value in drift.values()):
            return refusal(pyside, python)
    return None


def require_safe_runtime() -> None:
    """Raise UnsafeQtRuntime when check_runtime() objects (start-up calls this)."""
    message = check_runtime()
    if message is not None:
        raise UnsafeQtRuntime(message)


@contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic collector off, so it cannot free objects holding None in the middle."""
    gc.collect()
    with gc_paused():
        yield


def counts() -> dict[str, int]:
    return {name: sys.getrefcount(value) for name, value in CONSTANTS.items()}


def repay(before: dict[str, int]) -> None:
    """Give None, True and False back the references lost since `before` was counted.

    A bad PySide6 takes references it never had; without this, probing it would itself bring
    a count to zero and abort the process (none_dealloc, bool_dealloc), if not at once then
    at exit. A plain Python holder would not do: it lets go at exit.
    """
    for name, value in CONSTANTS.items():
        for _ in range(before[name] - sys.getrefcount(value)):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


@contextmanager
def repaying() -> Iterator[None]:
    """Whatever the block takes from None, True and False is given back at its end."""
    before = counts()
    try:
        yield
    finally:
        repay(before)


def measure(step: Callable[[], object], calls: int) -> dict[str, float]:
    """The change of the reference counts of None, True and False per call of `step`.

    Runs in rounds and stops early once references are being lost, and gives them back
    afterwards, so the probe survives the defect it looks for.
    """
    with repaying():
        step()  # first call: lazy type set-up and caches stay out of the figures
        with no_collection():
            before = counts()
            done = 0
            while done < calls:
                batch = min(ROUND, calls - done)
                for _ in range(batch):
                    step()
                done += batch
                now = counts()
                if any(before[name] - now[name] >= TOLERANCE * done for name in CONSTANTS):
                    break
            after = counts()
    return {name: (after[name] - before[name]) / done for name in CONSTANTS}


class Emitter(QObject):
    """The signal shapes the screens use, each connected to a Python slot."""

    value_evidence = Signal(object, str)  # FactField.edited
    answered = Signal(object, str, object, str)  # QuestionsPanel.answered
    hit_focus = Signal(object, bool)  # directory SearchPanel.open_requested
    search_done = Signal(int, str, object)  # search worker: generation, text, results
    text = Signal(str)  # title_changed, decide_requested
    plain = Signal()  # changed, saved

    def __init__(self) -> None:
        super().__init__()
        self.received: object = None
        for signal in (
            self.value_evidence,
            self.answered,
            self.hit_focus,
            self.search_done,
            self.text,
            self.plain,
        ):
            signal.connect(self.receive)

    def receive(self, *arguments: object) -> None:
        self.received = arguments


def steps() -> Iterator[tuple[str, Callable[[], object]]]:
    """(binding, one call of it) for each binding the refresh paths use: rights tree,
    questions form, household editor, intake page lists, search results, and their signals."""
    role = Qt.ItemDataRole.UserRole
    tree = QTreeWidget()
    tree.setColumnCount(2)
    item = QTreeWidgetItem(["right", "note"])
    tree.addTopLevelItem(item)
    group = QTreeWidgetItem(["group"])
    font = QFont()
    font.setBold(True)
    yield "QTreeWidgetItem.setData(None)", lambda: item.setData(0, role, None)
    yield "QTreeWidgetItem.setData(True)", lambda: item.setData(0, role, True)
    yield "QTreeWidgetItem.setData(False)", lambda: item.setData(0, role, False)
    yield "QTreeWidgetItem.setData(str)", lambda: item.setData(0, role, "leefloon")
    yield "QTreeWidgetItem.data", lambda: item.data(0, role)
    yield "QTreeWidgetItem.setToolTip", lambda: item.setToolTip(0, "tip")
    yield "QTreeWidgetItem.setText", lambda: item.setText(1, "note")
    yield "QTreeWidgetItem.setFont", lambda: item.setFont(0, font)
    yield "QTreeWidgetItem.setFlags", lambda: item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    yield "QTreeWidgetItem.setExpanded", lambda: item.setExpanded(True)
    yield "QTreeWidgetItem.isExpanded", item.isExpanded

    def add_and_clear_tree() -> None:
        tree.addTopLevelItem(QTreeWidgetItem(["group"]))
        tree.clear()

    yield "QTreeWidget.addTopLevelItem+clear", add_and_clear_tree
    yield "QTreeWidgetItem.addChild", lambda: group.addChild(QTreeWidgetItem(["child"]))
    kept = QTreeWidgetItem(["kept"])
    tree.addTopLevelItem(kept)
    yield "QTreeWidget.setCurrentItem", lambda: tree.setCurrentItem(kept)
    yield "QTreeWidget.blockSignals", lambda: tree.blockSignals(False)

    items = QListWidget()

    def add_and_clear_list() -> None:
        entry = QListWidgetItem("referral")
        entry.setData(role, None)
        items.addItem(entry)
        items.addItem("contact")
        items.clear()

    yield "QListWidget.addItem+clear", add_and_clear_list
    entry = QListWidgetItem("referral")
    entry.setData(role, True)
    yield "QListWidgetItem.data", lambda: entry.data(role)

    model = QStandardItemModel()
    model.setColumnCount(2)
    brush = QBrush(QColor("gray"))

    def append_and_remove_rows() -> None:
        model.appendRow([QStandardItem("household"), QStandardItem("street")])
        model.removeRows(0, model.rowCount())

    yield "QStandardItemModel.appendRow+removeRows", append_and_remove_rows
    cell = QStandardItem("hit")
    cell.setData(None, role)
    yield "QStandardItem.setData", lambda: cell.setData(None, role)
    yield "QStandardItem.data", lambda: cell.data(role)
    yield "QStandardItem.setToolTip", lambda: cell.setToolTip("tip")
    yield "QStandardItem.setForeground", lambda: cell.setForeground(brush)

    label = QLabel()
    yield "QLabel.setText", lambda: label.setText("3 rights")
    line = QLineEdit()
    yield "QLineEdit.setText", lambda: line.setText("12/03/1961")
    yield "QLineEdit.setPlaceholderText", lambda: line.setPlaceholderText("dd/mm/yyyy")
    browser = QTextBrowser()
    yield "QTextBrowser.setHtml", lambda: browser.setHtml("<p>leefloon</p>")

    combo = QComboBox()

    def fill_and_clear_combo() -> None:
        combo.addItem("unknown", None)
        combo.addItem("yes", True)
        combo.addItem("no", False)
        combo.clear()

    yield "QComboBox.addItem+clear", fill_and_clear_combo
    choice = QComboBox()
    for text, data in (("unknown", None), ("yes", True), ("no", False)):
        choice.addItem(text, data)
    yield "QComboBox.setCurrentIndex", lambda: choice.setCurrentIndex(1)
    yield "QComboBox.setItemText", lambda: choice.setItemText(1, "yes")
    yield "QComboBox.findData", lambda: choice.findData(True)
    yield "QComboBox.currentData(None)", lambda: (choice.setCurrentIndex(0), choice.currentData())
    yield "QComboBox.currentData(True)", lambda: (choice.setCurrentIndex(1), choice.currentData())
    yield "QComboBox.currentData(False)", lambda: (choice.setCurrentIndex(2), choice.currentData())

    widget = QWidget()
    button = QPushButton("Re&fer…")
    yield "QWidget.setEnabled(True)", lambda: widget.setEnabled(True)
    yield "QWidget.setEnabled(False)", lambda: widget.setEnabled(False)
    yield "QWidget.setVisible(True)", lambda: widget.setVisible(True)
    yield "QWidget.setVisible(False)", lambda: widget.setVisible(False)
    yield "QWidget.isVisible", widget.isVisible
    yield "QWidget.setToolTip", lambda: widget.setToolTip("tip")
    yield "QWidget.setStyleSheet", lambda: widget.setStyleSheet("color: #c0392b;")
    yield "QWidget.setWindowTitle", lambda: widget.setWindowTitle("Sociaal Huis")
    yield "QPushButton.setEnabled", lambda: button.setEnabled(False)
    box = QGroupBox()
    yield "QGroupBox.setTitle", lambda: box.setTitle("Partner")

    body = QWidget()
    form = QFormLayout(body)

    def add_and_remove_form_row() -> None:
        form.addRow(QLabel("question", body), QLineEdit(body))
        form.removeRow(0)

    def add_and_remove_parentless_row() -> None:
        form.addRow(QLabel("question"), QLineEdit())  # as QuestionsPanel does
        form.removeRow(0)

    yield "QFormLayout.addRow+removeRow", add_and_remove_form_row
    yield PARENTLESS_ROW, add_and_remove_parentless_row

    tabs = QTabWidget()
    pages = [QWidget(), QWidget()]
    for page in pages:
        tabs.addTab(page, "page")
    yield "QTabWidget.setTabVisible", lambda: tabs.setTabVisible(1, True)
    yield "QTabWidget.setCurrentIndex", lambda: tabs.setCurrentIndex(0)
    stack = QStackedWidget()
    stack.addWidget(pages[0])
    yield "QStackedWidget.setCurrentWidget", lambda: stack.setCurrentWidget(pages[0])

    emitter = Emitter()
    yield "Signal(object, str).emit(True)", lambda: emitter.value_evidence.emit(True, "statement")
    yield "Signal(object, str).emit(False)", lambda: emitter.value_evidence.emit(False, "document")
    yield "Signal(object, str).emit(None)", lambda: emitter.value_evidence.emit(None, "statement")
    yield (
        "Signal(object, str, object, str).emit(None, True)",
        lambda: emitter.answered.emit(None, "has_income", True, "statement"),
    )
    yield (
        "Signal(object, str, object, str).emit(None, None)",
        lambda: emitter.answered.emit(None, "has_income", None, "statement"),
    )
    yield "Signal(object, bool).emit(True)", lambda: emitter.hit_focus.emit(None, True)
    yield "Signal(int, str, object).emit(None)", lambda: emitter.search_done.emit(1, "pe", None)
    yield "Signal(str).emit", lambda: emitter.text.emit("Peeters")
    yield "Signal().emit", emitter.plain.emit


def probe(calls: int = 1000) -> dict[str, float]:
    """Reference-count drift per call, keyed `"<binding> [None|True|False]"`.

    0.00 everywhere on a sound PySide6; -1.00 is one reference lost per call. On Python 3.12
    and newer the three objects are immortal, their counts constant, and every figure 0.
    Needs no window on screen; creates the QApplication if there is none.
    """
    if QApplication.instance() is None:
        QApplication([sys.argv[0] if sys.argv else "qt_check"])
    drift: dict[str, float] = {}
    with repaying():  # also what setting up the widgets took
        for binding, step in steps():
            for name, value in measure(step, calls).items():
                drift[f"{binding} [{name}]"] = value
    return drift


def table(drift: dict[str, float]) -> str:
    """`probe()`'s figures as a plain-text table, one binding a row."""
    rows: dict[str, dict[str, float]] = {}
    for key, value in drift.items():
        binding, _, name = key.rpartition(" [")
        rows.setdefault(binding, {})[name.rstrip("]")] = value
    width = max(len(binding) for binding in rows)
    lines = [f"{'binding':<{width}}  {'None':>6}  {'True':>6}  {'False':>6}"]
    for binding, values in rows.items():
        figures = "  ".join(f"{values[name]:>6.2f}" for name in CONSTANTS)
        lines.append(f"{binding:<{width}}  {figures}")
    return "\n".join(lines)


def defects(drift: dict[str, float]) -> dict[str, float]:
    """The figures of `probe()` beyond noise: every loss, and gains outside HARMLESS_GAINS."""
    return {
        key: value
        for key, value in drift.items()
        if value <= -TOLERANCE
        or (value >= TOLERANCE and key.rpartition(" [")[0] not in HARMLESS_GAINS)
    }


def main() -> int:
    """Print the versions, whether they are known bad, and the probe's table; 1 on a defect."""
    pyside, python = running_versions()
    bad = known_bad(pyside, python)
    verdict = f"KNOWN BAD: {bad.defect}" if bad else "not known bad"
    print(f"PySide6 {pyside}, Python {python}: {verdict}")
    drift = probe()
    print(table(drift))
    found = defects(drift)
    print(f"{len(found)} figure(s) beyond ±{TOLERANCE} per call outside the harmless gains")
    return 1 if found or bad else 0


if __name__ == "__main__":
    import os

    # Nothing is shown; no display needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
