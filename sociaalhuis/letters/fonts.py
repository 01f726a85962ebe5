"""The bundled DejaVu Sans fonts, registered with ReportLab once and embedded in every PDF.

The TrueType files ship in `resources/fonts/` (licence beside them), so a machine without
any fonts installed prints the same letters. ReportLab embeds the subset of glyphs a
document uses. `missing_glyphs()` tells which characters of a text the font cannot draw,
so a caller can warn before printing a name as empty boxes.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sociaalhuis.letters.shaping import visual
from sociaalhuis.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False


def register() -> None:
    """Register the regular and bold faces (and <b>/<i> mappings) with ReportLab, once."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
        # No oblique face is bundled: <i> falls back to the upright faces.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


def missing_glyphs(text: str, font: str = REGULAR) -> set[str]:
    """The characters of `text` (as it will be drawn) that `font` has no glyph for."""
    register()
    face = pdfmetrics.getFont(font).face
    return {c for c in visual(text) if c.isprintable() and ord(c) not in face.charToGlyph}
