"""Brackets in a right-to-left run are drawn mirrored: `son محمد (12)` shows `(12)`, not
`)12(` (python-bidi reorders the pair but leaves the mirroring to the caller)."""

from __future__ import annotations

import pytest

from sociaalhuis.letters.shaping import visual
from sociaalhuis.typed_text import as_typed


@pytest.mark.parametrize(
    ("typed", "drawn_typed"),
    [
        # The number belongs to the Arabic run: drawn to its left, brackets the right way.
        ("son محمد العلوي (12) and", "son (12) محمد العلوي and"),
        ("zoon محمد (12 jaar)", "zoon محمد (12 jaar)"),
        ("محمد (علي) x", "(علي) محمد x"),
        ("محمد [12] en {3}", "[12] محمد en {3}"),
        # Left-to-right context keeps its own brackets, paired or not.
        ("Jan (محمد) Peeters", "Jan (محمد) Peeters"),
        ("a) eerst محمد b (c)", "a) eerst محمد b (c)"),
    ],
)
def test_a_bracket_pair_is_never_drawn_closing_first(typed, drawn_typed):
    drawn = visual(typed)
    assert as_typed(drawn) == drawn_typed
    for opening, closing in ("()", "[]", "{}"):
        first_open, first_close = drawn.find(opening), drawn.find(closing)
        if opening in typed and not typed.startswith("a)"):
            assert first_open < first_close


def test_text_without_right_to_left_letters_is_untouched():
    assert visual("a) b ( c ) d)") == "a) b ( c ) d)"


NAME = "عبد الرحمن بن محمد العلوي"


def test_a_right_to_left_name_is_drawn_on_one_line_and_reads_back_as_typed():
    from reportlab.platypus import Paragraph

    from sociaalhuis.letters.layout import Styles, markup

    text = f"Voor Aleksandra Wiśniewska en {NAME}, met de kinderen"
    paragraph = Paragraph(markup(text), Styles().body)
    # Narrow enough that the name reaches past the end of the first line.
    _width, _height = paragraph.wrap(220, 500)
    lines = [" ".join(str(word) for word in line[1]) for line in paragraph.blPara.lines]
    assert len(lines) > 1
    holding = [line for line in lines if any("\ufe70" <= ch <= "\ufefc" for ch in line)]
    assert len(holding) == 1  # the whole name on one line, its words in drawn order
    assert as_typed(visual(text)) == text


def test_a_long_right_to_left_paragraph_may_still_wrap():
    long_run = " ".join([NAME] * 3)
    assert " " in visual(long_run)  # longer than any name: breakable, not one endless word
    assert "\u00a0" in visual(NAME)
