"""Table models of the conflict inbox: the open conflicts, and one conflict's fields side by
side (base, this database, the other site) with the worker's resolution."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from sociaalhuis.sync.conflicts import OpenConflict, Side
from ui.sync.conflict_labels import HIDDEN_FIELDS, field_names, reason_names, record_names, shown

ModelIndex = QModelIndex | QPersistentModelIndex
translate = QCoreApplication.translate
ROOT = QModelIndex()


class ConflictListModel(QAbstractTableModel):
    """One row per open conflict: household, record kind, reason, fields in question."""

    COL_HOUSEHOLD, COL_RECORD, COL_REASON, COL_FIELDS = range(4)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OpenConflict] = []
        self.names: dict[str, str] = {}

    def load(self, rows: Sequence[OpenConflict], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.names = list(rows), dict(names)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            translate("SyncConflicts", "Client"),
            translate("SyncConflicts", "Record"),
            translate("SyncConflicts", "Conflict"),
            translate("SyncConflicts", "Fields"),
        )[section]

    def data(self, index: ModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == self.COL_HOUSEHOLD:
            return self.names.get(row.household_id or "", row.household_id or "—")
        if column == self.COL_RECORD:
            return record_names().get(row.table, row.table)
        if column == self.COL_REASON:
            return reason_names().get(row.reason, row.reason)
        labels = field_names()
        return ", ".join(labels.get(name, name) for name in row.fields)


def differing_fields(conflict: OpenConflict) -> list[str]:
    """The fields in question and every other field the three versions disagree on."""
    sides = [side for side in (conflict.base, conflict.mine, conflict.theirs) if side]
    names = list(conflict.fields)
    for side in sides:
        for name in side.fields:
            if name in names or name in HIDDEN_FIELDS or name.startswith("search_"):
                continue
            if len({repr(other.fields.get(name)) for other in sides}) > 1:
                names.append(name)
    return [name for name in names if name not in HIDDEN_FIELDS]


class ConflictFieldsModel(QAbstractTableModel):
    """One row per field that differs; the resolution column is edited by the worker."""

    COL_FIELD, COL_BASE, COL_MINE, COL_THEIRS, COL_RESOLUTION = range(5)

    def __init__(self) -> None:
        super().__init__()
        self.conflict: OpenConflict | None = None
        self.names: list[str] = []
        self.resolution: dict[str, str] = {}
        self.deleted = False
        self.editable = False

    def load(self, conflict: OpenConflict | None, editable: bool) -> None:
        """Show a conflict, the resolution filled in from this database's version."""
        self.beginResetModel()
        self.conflict, self.editable = conflict, editable
        self.names = differing_fields(conflict) if conflict else []
        self.endResetModel()
        if conflict is not None:
            self.take(conflict.mine)

    def take(self, side: Side) -> None:
        """Fill the resolution with one side's values (and its deletion)."""
        self.resolution = {name: shown(side.fields.get(name)) for name in self.names}
        self.deleted = side.deleted
        self._resolution_changed()

    def resolved(self) -> dict[str, Any]:
        """The resolution in JSON form: a value typed as one of the versions shows it keeps
        that version's value (and type); other text is taken as typed, empty as no value."""
        assert self.conflict is not None
        sides = [s for s in (self.conflict.mine, self.conflict.theirs, self.conflict.base) if s]
        fields: dict[str, Any] = {}
        for name in self.names:
            text = self.resolution.get(name, "")
            known = [s.fields[name] for s in sides if name in s.fields]
            same = [value for value in known if shown(value) == text]
            fields[name] = same[0] if same else (text.strip() or None)
        return fields

    def rowCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.names)

    def columnCount(self, parent: ModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            translate("SyncConflicts", "Field"),
            translate("SyncConflicts", "Common base"),
            translate("SyncConflicts", "This database"),
            translate("SyncConflicts", "Other site"),
            translate("SyncConflicts", "Resolution"),
        )[section]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() == self.COL_RESOLUTION:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = 0) -> Any:
        if not index.isValid() or self.conflict is None:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        name = self.names[index.row()]
        column = index.column()
        if column == self.COL_FIELD:
            return field_names().get(name, name)
        if column == self.COL_RESOLUTION:
            if self.deleted and role == Qt.ItemDataRole.DisplayRole:
                return translate("SyncConflicts", "(deleted)")
            return self.resolution.get(name, "")
        side = {
            self.COL_BASE: self.conflict.base,
            self.COL_MINE: self.conflict.mine,
            self.COL_THEIRS: self.conflict.theirs,
        }[column]
        if side is None:
            return translate("SyncConflicts", "(none)")
        if side.deleted:
            return translate("SyncConflicts", "(deleted)")
        return shown(side.fields.get(name))

    def setData(self, index: ModelIndex, value: Any, role: int = 2) -> bool:
        if not self.editable or index.column() != self.COL_RESOLUTION:
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        self.resolution[self.names[index.row()]] = str(value)
        # Typing a value means the record stays, whatever side was taken before.
        self.deleted = False
        self._resolution_changed()
        return True

    def _resolution_changed(self) -> None:
        if self.names:
            top = self.index(0, self.COL_RESOLUTION)
            bottom = self.index(len(self.names) - 1, self.COL_RESOLUTION)
            self.dataChanged.emit(top, bottom)
