"""A table model over the immutable rows of one non-take-up list, fetched a page at a time
so a list of 100,000 households opens and scrolls without stalls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)

from sociaalhuis.review.lists import ReviewRow
from ui.widgets.formats import money, show_date

PAGE = 200
ModelIndex = QModelIndex | QPersistentModelIndex
# offset, limit → at most `limit` rows, in the list's order
Fetch = Callable[[int, int], Sequence[ReviewRow]]

# lupdate only finds calls named `translate` whose context is a literal.
translate = QCoreApplication.translate
# The catalog spells levels in Dutch, the filters in English: both map to one label.
LEVEL_KEYS = {
    "federaal": "federal",
    "vlaams": "flemish",
    "provinciaal": "provincial",
    "lokaal": "local",
}


def level_label(level: str) -> str:
    """The translated name of a level, whichever spelling (catalog or filter) it comes in."""
    key = LEVEL_KEYS.get(level.lower(), level.lower())
    labels = {
        "federal": translate("ReviewModel", "Federal"),
        "flemish": translate("ReviewModel", "Flemish"),
        "provincial": translate("ReviewModel", "Provincial"),
        "local": translate("ReviewModel", "Local"),
    }
    return labels.get(key, level)


def headers() -> tuple[str, ...]:
    return (
        translate("ReviewModel", "Client"),
        translate("ReviewModel", "Sub-municipality"),
        translate("ReviewModel", "Right"),
        translate("ReviewModel", "Level"),
        translate("ReviewModel", "Provider"),
        translate("ReviewModel", "Value/year"),
        translate("ReviewModel", "Case worker"),
        translate("ReviewModel", "Open questions / follow-up"),
    )


def value_text(value: Decimal | None) -> str:
    return "" if value is None else money(value)


def follow_up_text(row: ReviewRow) -> str:
    """The last column: the open questions, or the follow-up that is due."""
    if row.questions:
        return "; ".join(row.questions)
    parts = []
    if row.follow_up_on is not None:
        parts.append(show_date(row.follow_up_on))
    if row.detail:
        parts.append(row.detail)
    return " · ".join(parts)


class ReviewModel(QAbstractTableModel):
    """Rows of `ReviewRow`, read-only; `fetchMore` asks `fetch` for the next page."""

    COLUMNS = 8
    VALUE_COLUMN = 5

    def __init__(self, fetch: Fetch, parent: Any = None, page: int = PAGE) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._page = page
        self._rows: tuple[ReviewRow, ...] = ()
        self._more = True
        self._headers = headers()

    def reset(self, fetch: Fetch | None = None) -> None:
        """Forget the rows (new list or filters); the view fetches the first page again."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._rows = ()
        self._more = True
        self.endResetModel()

    @property
    def rows(self) -> tuple[ReviewRow, ...]:
        """The rows fetched so far, in the order shown."""
        return self._rows

    def row_at(self, row: int) -> ReviewRow:
        return self._rows[row]

    def fetch_all(self) -> tuple[ReviewRow, ...]:
        """Fetch every remaining page (for an export of the whole view)."""
        while self.canFetchMore():
            self.fetchMore()
        return self._rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = tuple(self._fetch(len(self._rows), self._page))
        self._more = len(page) >= self._page
        if not page:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows += page
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section == self.VALUE_COLUMN
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VALUE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _text(self, row: ReviewRow, column: int) -> str:
        if column == 0:
            return row.applicant
        if column == 1:
            return row.deelgemeente
        if column == 2:
            return row.right_name
        if column == 3:
            return level_label(row.level)
        if column == 4:
            return row.provider
        if column == 5:
            return value_text(row.yearly_value)
        if column == 6:
            return row.worker or translate("ReviewModel", "(none)")
        return follow_up_text(row)


class _Job(QRunnable):
    def __init__(self, relay: Background, kind: str, generation: int, work: Callable[[], Any]):
        super().__init__()
        self.relay, self.kind, self.generation, self.work = relay, kind, generation, work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the window's thread, which explains it
            result = error
        self.relay.finished.emit(self.kind, self.generation, result)


class Background(QObject):
    """Runs slow reads (counts, charts) on Qt's thread pool; `finished(kind, generation,
    result or exception)` arrives on the window's thread, so the list stays usable meanwhile.

    Made without a parent and kept alive by its jobs: a window closed during a long count
    closes at once, and the late result finds no window connected any more."""

    finished = Signal(str, int, object)

    def __init__(self) -> None:
        super().__init__()
        self.running: dict[str, int] = {}

    def start(self, kind: str, generation: int, work: Callable[[], Any]) -> None:
        self.running[kind] = generation
        QThreadPool.globalInstance().start(_Job(self, kind, generation, work))

    @staticmethod
    def wait() -> None:
        """Block until every started read is done (before the database is closed)."""
        QThreadPool.globalInstance().waitForDone()
