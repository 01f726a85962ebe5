"""The bundled fonts: shipped with their licence, and able to draw the names we meet."""

from __future__ import annotations

import pytest

from sociaalhuis.letters import fonts
from sociaalhuis.resources import resource_path
from tests.letters.pdf_checks import HARD_NAMES


def test_the_fonts_ship_with_their_licence():
    folder = resource_path("fonts")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (folder / name).stat().st_size > 500_000
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence


@pytest.mark.parametrize("font", [fonts.REGULAR, fonts.BOLD])
@pytest.mark.parametrize("name", [*HARD_NAMES, "Ørsted-Łukasiewicz", "Çağlar", "€ 1.200,50"])
def test_the_font_has_every_glyph_of_the_names(font, name):
    assert fonts.missing_glyphs(name, font) == set()


def test_missing_glyphs_are_reported():
    assert fonts.missing_glyphs("王芳 Jan") == {"王", "芳"}
