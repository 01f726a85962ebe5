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
