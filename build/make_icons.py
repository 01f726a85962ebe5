"""Render resources/icons/sociaalhuis.svg to the PNG sizes the desktop and the window use,
and to the Windows .ico: `python build/make_icons.py` (outputs are committed; run it again
after changing the SVG)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, target: Path) -> None:
    """One square PNG of `size` pixels, transparent outside the tile."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"make_icons: could not write {target}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = ICONS / "sociaalhuis.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"sociaalhuis-{size}.png")
    largest = Image.open(ICONS / "sociaalhuis-256.png")
    largest.save(ICONS / "sociaalhuis.ico", sizes=[(s, s) for s in SIZES])
    print(f"make_icons: {len(SIZES)} PNGs and sociaalhuis.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
