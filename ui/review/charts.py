"""Take-up at a glance, painted with QPainter (QtCharts is not installed): per right the
eligible households next to those acted on, and the trend by month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from sociaalhuis.review.takeup import TakeUp

translate = QCoreApplication.translate

ELIGIBLE_COLOR = QColor("#c8d3e0")
# Acted on, in the order stacked: granted, applied, referred, already receives.
ACTED_COLORS = (QColor("#1b6e3c"), QColor("#3d8fd1"), QColor("#e0a030"), QColor("#7a5aa6"))
TREND_COLORS = (QColor("#3d6fa8"), QColor("#1b6e3c"))
BAR_HEIGHT = 16
ROW_GAP = 10
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def acted_labels() -> tuple[str, str, str, str]:
    return (
        translate("TakeUpChart", "granted"),
        translate("TakeUpChart", "applied"),
        translate("TakeUpChart", "referred"),
        translate("TakeUpChart", "already receives"),
    )


def _legend(painter: QPainter, x: float, y: float, items: Sequence[tuple[QColor, str]]) -> None:
    metrics = painter.fontMetrics()
    for color, label in items:
        painter.fillRect(QRectF(x, y - 10, 12, 12), color)
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(x + 16, y), label)
        x += 16 + metrics.horizontalAdvance(label) + 18


class TakeUpBars(QWidget):
    """Per right a light bar of the eligible households, with the acted-on stacked over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TakeUp] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: Sequence[TakeUp]) -> None:
        # Rights nobody is eligible for would only make the chart longer.
        self.rows = sorted(
            (row for row in rows if row.eligible or _acted(row)),
            key=lambda row: (-row.eligible, row.right_name),
        )
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 40 + max(1, len(self.rows)) * (BAR_HEIGHT + ROW_GAP) + 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        labels = acted_labels()
        legend = [(ELIGIBLE_COLOR, translate("TakeUpChart", "eligible"))]
        legend += list(zip(ACTED_COLORS, labels, strict=True))
        _legend(painter, 8, 18, legend)
        if not self.rows:
            painter.drawText(
                QRectF(0, 30, self.width(), 30),
                Qt.AlignmentFlag.AlignCenter,
                translate("TakeUpChart", "No households in these filters."),
            )
            painter.end()
            return
        metrics = QFontMetrics(painter.font())
        name_width = min(int(self.width() * 0.38), 320)
        number_width = metrics.horizontalAdvance("00.000 / 00.000") + 12
        left = name_width + 12
        span = max(40, self.width() - left - number_width - 8)
        most = max(max(row.eligible, _acted(row)) for row in self.rows) or 1
        y = 36
        for row in self.rows:
            name = metrics.elidedText(row.right_name, Qt.TextElideMode.ElideRight, name_width)
            painter.setPen(QColor("#222222"))
            painter.drawText(
                QRectF(4, y, name_width, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            painter.fillRect(
                QRectF(left, y, span * row.eligible / most, BAR_HEIGHT), ELIGIBLE_COLOR
            )
            x = float(left)
            for color, count in zip(
                ACTED_COLORS, (row.granted, row.applied, row.referred, row.receives), strict=True
            ):
                width = span * count / most
                painter.fillRect(QRectF(x, y + 4, width, BAR_HEIGHT - 8), color)
                x += width
            painter.drawText(
                QRectF(left + span + 6, y, number_width, BAR_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{_thousands(_acted(row))} / {_thousands(row.eligible)}",
            )
            y += BAR_HEIGHT + ROW_GAP
        painter.end()


class TrendChart(QWidget):
    """A line per month: eligible findings open at the month's end, and actions that month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[date, int, int]] = []
        self.setMinimumHeight(220)

    def set_points(self, points: Sequence[tuple[date, int, int]]) -> None:
        self.points = list(points)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        _legend(
            painter,
            8,
            18,
            [
                (TREND_COLORS[0], translate("TakeUpChart", "eligible, open at month end")),
                (TREND_COLORS[1], translate("TakeUpChart", "acted on in the month")),
            ],
        )
        if not self.points:
            painter.end()
            return
        metrics = painter.fontMetrics()
        most = _nice_ceiling(max(max(open_, acted) for _, open_, acted in self.points))
        left = metrics.horizontalAdvance(_thousands(most)) + 14
        top, bottom = 34.0, float(self.height() - metrics.height() - 10)
        right = float(self.width() - 30)  # room for the last month's label
        painter.setPen(QPen(QColor("#bbbbbb"), 1))
        for step in range(5):
            value = most * step / 4
            y = bottom - (bottom - top) * step / 4
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, y - 8, left - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _thousands(round(value)),
            )
            painter.setPen(QPen(QColor("#bbbbbb"), 1))
        count = len(self.points)
        step_x = (right - left) / max(1, count - 1)
        painter.setPen(QColor("#555555"))
        label_width = metrics.horizontalAdvance("mrt 26") + 10
        # On a narrow chart every second or third month is named, so no labels overlap.
        every = max(1, int(label_width // step_x) + 1) if count > 1 else 1
        for index, (month, _, _) in enumerate(self.points):
            if (count - 1 - index) % every:
                continue
            x = left + step_x * index if count > 1 else (left + right) / 2
            painter.drawText(
                QRectF(x - 30, bottom + 4, 60, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                f"{MONTHS[month.month - 1]} {month.year % 100:02d}",
            )
        for series, color in enumerate(TREND_COLORS):
            painter.setPen(QPen(color, 2))
            previous: QPointF | None = None
            for index, point in enumerate(self.points):
                x = left + step_x * index if count > 1 else (left + right) / 2
                y = bottom - (bottom - top) * point[1 + series] / most
                here = QPointF(x, y)
                if previous is not None:
                    painter.drawLine(previous, here)
                painter.setBrush(color)
                painter.drawEllipse(here, 3, 3)
                previous = here
        painter.end()


class ChartsTab(QWidget):
    """The bars (scrolling when there are many rights) beside the trend, and a button that
    saves both, whole, as one PNG."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars_title = QLabel(self.tr("<b>Take-up per right</b> (acted on / eligible)"))
        self.bars = TakeUpBars()
        self.trend_title = QLabel(self.tr("<b>Trend by month</b>"))
        self.trend = TrendChart()
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.bars)
        self.scroll.setWidgetResizable(True)
        self.save_button = QPushButton(self.tr("&Save as PNG…"))
        self.save_button.clicked.connect(self.ask_save)
        left = QVBoxLayout()
        left.addWidget(self.bars_title)
        left.addWidget(self.scroll, 1)
        right = QVBoxLayout()
        right.addWidget(self.trend_title)
        right.addWidget(self.trend)
        right.addStretch(1)
        charts = QHBoxLayout()
        charts.addLayout(left, 3)
        charts.addLayout(right, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(charts, 1)
        layout.addLayout(buttons)

    def show_figures(
        self, take_up: Sequence[TakeUp], trend: Sequence[tuple[date, int, int]]
    ) -> None:
        self.bars.set_rows(take_up)
        self.trend.set_points(trend)

    def image(self) -> QImage:
        """Both charts whole (not only the part scrolled into view), the trend under the bars."""
        width = max(self.bars.width(), 640)
        titles = (self.bars_title.text(), self.trend_title.text())
        bars = self.bars.grab()
        trend = self._trend_pixmap(width)
        line = self.fontMetrics().height() + 12
        image = QImage(width, line * 2 + bars.height() + trend.height(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#222222"))
        y = 0
        for title, pixmap in zip(titles, (bars, trend), strict=True):
            plain = title.replace("<b>", "").replace("</b>", "")
            painter.drawText(QRectF(8, y, width - 16, line), Qt.AlignmentFlag.AlignVCenter, plain)
            painter.drawPixmap(0, y + line, pixmap)
            y += line + pixmap.height()
        painter.end()
        return image

    def _trend_pixmap(self, width: int) -> QPixmap:
        # A chart of its own at the image's width, so the months are not squeezed.
        copy = TrendChart()
        copy.set_points(self.trend.points)
        copy.resize(width, 260)
        return copy.grab()

    def save_png(self, path: Path) -> bool:
        return self.image().save(str(path), "PNG")

    def ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), "benutting.png", self.tr("PNG image (*.png)")
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".png") else Path(name + ".png")
        if not self.save_png(path):
            QMessageBox.warning(
                self, self.tr("Save chart"), self.tr("The chart could not be saved there.")
            )


def _acted(row: TakeUp) -> int:
    return row.granted + row.applied + row.referred + row.receives


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 4, 5, 8 or 10 times a power of ten at or above `value`, so the
    four grid steps fall on round numbers."""
    if value <= 4:
        return 4
    power = 10 ** (len(str(value)) - 1)
    for factor in (1, 2, 4, 5, 8, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power  # pragma: no cover - factor 10 always suffices


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")
