"""Take-up at a glance, drawn with QtCharts: per right the eligible households with those
acted on over them, and the trend by month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap
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
ROW_HEIGHT = 26  # pixels per right in the bar chart
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def acted_labels() -> tuple[str, str, str, str]:
    return (
        translate("TakeUpChart", "granted"),
        translate("TakeUpChart", "applied"),
        translate("TakeUpChart", "referred"),
        translate("TakeUpChart", "already receives"),
    )


def _chart() -> QChart:
    chart = QChart()
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    return chart


def _value_axis(most: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, _nice_ceiling(most))
    axis.setTickCount(5)
    axis.setLabelFormat("%d")
    return axis


class TakeUpBars(QChartView):
    """Per right one bar as long as its eligible households: the part acted on in a colour per
    kind of action, the rest (no action yet) light; the right's name on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TakeUp] = []
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_rows([])

    def set_rows(self, rows: Sequence[TakeUp]) -> None:
        # Rights nobody is eligible for would only make the chart longer; the most eligible on
        # top (a horizontal chart draws its first category at the bottom).
        self.rows = sorted(
            (row for row in rows if row.eligible or row.acted_on),
            key=lambda row: (-row.eligible, row.right_name),
        )
        chart = _chart()
        if not self.rows:
            chart.setTitle(translate("TakeUpChart", "No households in these filters."))
        shown = list(reversed(self.rows))
        bars = QHorizontalStackedBarSeries()
        bars.setBarWidth(0.7)
        parts = [
            (label, color, [getattr(row, field) for row in shown])
            for label, color, field in zip(
                acted_labels(),
                ACTED_COLORS,
                ("granted", "applied", "referred", "receives"),
                strict=True,
            )
        ]
        waiting = [max(row.eligible - row.acted_on, 0) for row in shown]
        parts.append((translate("TakeUpChart", "eligible, no action yet"), ELIGIBLE_COLOR, waiting))
        for label, color, values in parts:
            part = QBarSet(label)
            part.setColor(color)
            part.setBorderColor(color)
            part.append(values)
            bars.append(part)
        names = QBarCategoryAxis()
        names.append([_short(row.right_name) for row in shown] or [""])
        most = max((max(row.eligible, row.acted_on) for row in self.rows), default=0)
        counts = _value_axis(most)
        chart.addSeries(bars)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(names)
        bars.attachAxis(counts)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(640, 90 + max(1, len(self.rows)) * ROW_HEIGHT)


class TrendChart(QChartView):
    """A line per month: eligible findings open at the month's end, and actions that month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[date, int, int]] = []
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.set_points([])

    def set_points(self, points: Sequence[tuple[date, int, int]]) -> None:
        self.points = list(points)
        chart = _chart()
        months = QCategoryAxis()
        months.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        months.setRange(-0.5, max(len(self.points), 1) - 0.5)
        for x, (month, _, _) in enumerate(self.points):
            months.append(MONTHS[month.month - 1], x)
        if self.points:
            # The years under the months, so twelve labels fit beside each other.
            first, last = self.points[0][0], self.points[-1][0]
            months.setTitleText(
                f"{MONTHS[first.month - 1]} {first.year} – {MONTHS[last.month - 1]} {last.year}"
            )
        most = max((max(open_, acted) for _, open_, acted in self.points), default=0)
        counts = _value_axis(most)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        labels = (
            translate("TakeUpChart", "eligible, open at month end"),
            translate("TakeUpChart", "acted on in the month"),
        )
        for index, (label, color) in enumerate(zip(labels, TREND_COLORS, strict=True)):
            line = QLineSeries()
            line.setName(label)
            line.setPen(QPen(color, 2))
            line.setPointsVisible(True)
            for x, point in enumerate(self.points):
                line.append(x, point[1 + index])
            chart.addSeries(line)
            line.attachAxis(months)
            line.attachAxis(counts)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()

    def sizeHint(self) -> QSize:
        return QSize(640, 260)


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


def _short(name: str, most: int = 42) -> str:
    """A right's name cut to fit beside the bars (the full names are in the lists)."""
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


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
