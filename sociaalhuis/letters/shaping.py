"""Right-to-left text (Arabic, Hebrew) in visual order, with Arabic letters joined.

ReportLab draws characters one by one, left to right, without shaping. A name like محمد
would come out as isolated letters in the wrong order. `visual()` joins Arabic letters into
their contextual forms (arabic-reshaper) and reorders right-to-left runs (python-bidi) in a
left-to-right line. Text without right-to-left characters is returned as it is, cheaply.

Shaping is for drawing only: what `visual` returns never goes back into the database. Text
is stored as typed, and `typed_text.as_typed` turns drawn text (pasted from a PDF) back into
it, so `as_typed(visual(name)) == name` for an Arabic name without vowel signs.

The reordering is done before ReportLab wraps lines, so a right-to-left run that wrapped
would show its words on the wrong lines. The spaces of a run up to `UNBROKEN` characters (any
name) are drawn non-breaking: the run moves to the next line whole. A longer right-to-left
paragraph can still wrap in the wrong order; letters in this application are Dutch, French or
English.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements and
# presentation forms.
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL = re.compile(f"[{_RTL_CHARS}]")
# Right-to-left words with the spaces between them, as drawn.
_RTL_WORDS = re.compile(f"[{_RTL_CHARS}]+(?: +[{_RTL_CHARS}]+)+")
UNBROKEN = 40  # characters: longer than any name, shorter than a line


def visual(text: str) -> str:
    """`text` as it must be drawn left to right; unchanged when it has no RTL characters."""
    if not _RTL.search(text):
        return text
    return _reorder(text)


@lru_cache(maxsize=4096)
def _reorder(text: str) -> str:
    import arabic_reshaper
    from bidi import get_display

    lines = []
    for line in text.split("\n"):
        shaped = arabic_reshaper.reshape(line)
        drawn = _mirror_pairs(shaped, get_display(shaped, base_dir="L"))
        lines.append(_RTL_WORDS.sub(_unbroken, drawn))
    return "\n".join(lines)


def _unbroken(match: re.Match[str]) -> str:
    run = match.group()
    return run.replace(" ", "\u00a0") if len(run) <= UNBROKEN else run


# A bracket pair python-bidi reversed in a right-to-left run, drawn closing bracket first.
_REVERSED_PAIRS = [
    (opening, closing, re.compile(rf"\{closing}([^\{opening}\{closing}\n]*)\{opening}"))
    for opening, closing in ("()", "[]", "{}")
]


def _mirror_pairs(logical: str, drawn: str) -> str:
    """python-bidi moves a bracket pair of a right-to-left run but does not mirror it (the
    Rust crate leaves mirroring to the caller): `son محمد (12)` would be drawn as
    `son )12( دمحم`. A pair drawn closing-first is put right when the logical line holds
    that pair with the same content, as written or reversed."""
    for opening, closing, pattern in _REVERSED_PAIRS:

        def mirrored(match: re.Match[str], opening: str = opening, closing: str = closing) -> str:
            inner = match.group(1)
            if (
                f"{opening}{inner}{closing}" in logical
                or f"{opening}{inner[::-1]}{closing}" in logical
            ):
                return f"{opening}{inner}{closing}"
            return match.group()

        drawn = pattern.sub(mirrored, drawn)
    return drawn
