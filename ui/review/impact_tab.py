"""The impact of a catalog change: pick another catalog folder and a date, see who would gain
or lose which right (the screening engine's comparison), and export the listing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sociaalhuis.access import audit
from sociaalhuis.access.actors import Actor, authorize
from sociaalhuis.access.permissions import VIEW_NON_TAKE_UP
from sociaalhuis.catalog import loader
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.errors import PermissionDenied, SociaalHuisError
from sociaalhuis.locale_format import format_number
from sociaalhuis.screening.commands import as_csv, as_json, as_text
from sociaalhuis.screening.compare import GAIN, LOSS, Change, Comparison, compare
from sociaalhuis.storage.database import Database
from ui.widgets.formats import show_date
from ui.widgets.forms import hint, label_inputs

translate = QCoreApplication.translate
ModelIndex = QModelIndex | QPersistentModelIndex
WRITERS = {"csv": as_csv, "json": as_json, "txt": as_text}


def change_label(kind: str) -> str:
    labels = {
        GAIN: translate("ImpactTab", "gains"),
        LOSS: translate("ImpactTab", "loses"),
    }
    return labels.get(kind, translate("ImpactTab", "changes"))


def verdict_label(word: str) -> str:
    labels = {
        "eligible": translate("ImpactTab", "eligible"),
        "possibly_eligible": translate("ImpactTab", "possibly eligible"),
        "not_eligible": translate("ImpactTab", "not eligible"),
        "receives": translate("ImpactTab", "already receives"),
        "absent": translate("ImpactTab", "not in the catalog"),
    }
    return labels.get(word, word)


class ChangesModel(QAbstractTableModel):
    """The changes of one comparison, read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: tuple[Change, ...] = ()
        self.names: dict[str, str] = {}
        self._headers = (
            translate("ImpactTab", "Client"),
            translate("ImpactTab", "Right"),
            translate("ImpactTab", "Change"),
            translate("ImpactTab", "Now"),
            translate("ImpactTab", "With the other catalog"),
        )

    def show(self, changes: tuple[Change, ...], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.changes = changes
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self.changes)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        change = self.changes[index.row()]
        cells = (
            change.applicant,
            self.names.get(change.right_id, change.right_id),
            change_label(change.kind),
            verdict_label(change.before),
            verdict_label(change.after),
        )
        return cells[index.column()]


class ImpactTab(QWidget):
    """Folder and date, a Compare button, the per-right summary and the changes."""

    def __init__(
        self,
        db: Database,
        actor: Actor,
        current: Catalog,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.current = current
        self.result: Comparison | None = None
        self.folder = QLineEdit()
        hint(self.folder, self.tr("Folder of the other catalog"))
        self.browse = QPushButton(self.tr("&Choose folder…"))
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setAccessibleDescription(self.tr("day/month/year"))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd/MM/yyyy")
        self.run_button = QPushButton(self.tr("C&ompare"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setEnabled(False)
        self.summary = QLabel(
            self.tr("Choose the folder of another catalog version and a date, then Compare.")
        )
        self.summary.setWordWrap(True)
        self.model = ChangesModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Impact per right"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        folder_label = QLabel(self.tr("Other &catalog:"))
        folder_label.setBuddy(self.folder)
        date_label = QLabel(self.tr("On &date:"))
        date_label.setBuddy(self.on)
        top.addWidget(folder_label)
        top.addWidget(self.folder, 1)
        top.addWidget(self.browse)
        top.addWidget(date_label)
        top.addWidget(self.on)
        top.addWidget(self.run_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.browse.clicked.connect(self.choose_folder)
        self.run_button.clicked.connect(self.run)
        self.export_button.clicked.connect(self.ask_export)
        self.folder.returnPressed.connect(self.run)
        label_inputs(self)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a catalog folder"))
        if folder:
            self.folder.setText(folder)

    def day(self) -> date:
        chosen = self.on.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def run(self) -> None:
        """Load the other catalog, check it, and compare it with the current one."""
        folder = Path(self.folder.text().strip())
        if not self.folder.text().strip() or not folder.is_dir():
            self._problem(self.tr("Choose an existing catalog folder first."))
            return
        on = self.day()
        try:
            authorize(self.db, self.actor, VIEW_NON_TAKE_UP)
        except PermissionDenied:
            self._problem(self.tr("Your role may not view the non-take-up review."))
            return
        other, problems = loader.check(folder, today=on)
        if other is None:
            errors = [str(p) for p in problems if p.severity == "error"]
            self._problem(
                self.tr("The catalog in this folder does not load (%n error(s)):", "", len(errors))
                + "\n\n"
                + "\n".join(errors[:10])
            )
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = compare(self.db, self.current, other, on)
        except SociaalHuisError as error:
            QApplication.restoreOverrideCursor()
            self._problem(str(error))
            return
        QApplication.restoreOverrideCursor()
        self.show_result(found, other)

    def show_result(self, found: Comparison, other: Catalog) -> None:
        self.result = found
        names = {right.id: right.name for right in self.current.rights}
        names |= {right.id: right.name for right in other.rights if right.id not in names}
        self.model.show(tuple(found.changes), names)
        per_right = found.per_right()
        gains = sum(counts[GAIN] for counts in per_right.values())
        losses = sum(counts[LOSS] for counts in per_right.values())
        lines = [
            self.tr("Catalog %1 → %2 on %3: %4 households evaluated.")
            .replace("%1", found.before_version)
            .replace("%2", found.after_version)
            .replace("%3", show_date(found.on))
            .replace("%4", format_number(found.households)),
            self.tr("%Ln right(s) gained", "", gains)
            + ", "
            + self.tr("%Ln right(s) lost", "", losses)
            + ".",
        ]
        if found.only_after:
            lines.append(self.tr("New rights: %1").replace("%1", ", ".join(found.only_after)))
        if found.only_before:
            lines.append(self.tr("Rights dropped: %1").replace("%1", ", ".join(found.only_before)))
        self.summary.setText(" ".join(lines))
        self.table.resizeColumnsToContents()
        self.export_button.setEnabled(True)

    def ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export comparison"),
            "catalogusimpact.csv",
            self.tr("CSV (*.csv);;JSON (*.json);;Text (*.txt)"),
        )
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> bool:
        """Write the comparison in the format of the file's suffix (csv, json, else text);
        recorded in the audit trail first, since the listing names clients."""
        if self.result is None:
            return False
        form = path.suffix.lower().lstrip(".")
        form = form if form in WRITERS else "txt"
        text = WRITERS[form](self.result)
        try:
            authorize(self.db, self.actor, VIEW_NON_TAKE_UP)
        except PermissionDenied:
            self._problem(self.tr("Your role may not view the non-take-up review."))
            return False
        with self.db.write() as session:
            audit.record(
                session,
                self.actor,
                "caseload.compared",
                "caseload",
                None,
                households=self.result.households,
                changes=len(self.result.changes),
                format="text" if form == "txt" else form,
                to="file",
            )
        try:
            path.write_text(text, encoding="utf-8", newline="")
        except OSError:
            self._problem(self.tr("The file could not be written there."))
            return False
        return True

    def _problem(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Catalog impact"), text)
