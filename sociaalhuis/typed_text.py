"""Text as it was typed: logical Unicode in NFC, never the shaped forms a PDF draws.

A keyboard types Arabic as logical letters (U+0600…) in reading order. Text copied from a PDF,
or from anything drawn by `letters.shaping.visual`, holds Arabic presentation forms (U+FB50–
U+FDFF, U+FE70–U+FEFC) and often in visual order, right-to-left runs reversed; stored so, a name
is not the name typed and a search for it finds nothing. `as_typed` turns such text back into
logical letters in reading order, then composes it (NFC) so `é` typed either way is one text.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

# U+FEFF (zero width no-break space) ends the block but is no presentation form.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
# A shaped right-to-left run: presentation forms, the vowel signs drawn with them and the spaces
# between words. Typed letters and digits end a run: a drawn line keeps the order of digits, so
# text like `مريم ٢٠٢٦` comes back with the number first.
_SHAPED = "\u064b-\u065f\u0670\ufb50-\ufdff\ufe70-\ufefc"
# Words of a drawn run may be joined by no-break spaces: `letters.shaping` keeps a name on one
# line so. They are ordinary spaces in the text as typed.
_RUN = re.compile(f"[{_SHAPED}]+(?:[ \u00a0]+[{_SHAPED}]+)*")
_STARTS_A_WORD = ("<initial>", "<isolated>")
_ENDS_A_WORD = ("<final>", "<isolated>")
_JOINS_NEXT = ("<initial>", "<medial>")
_JOINED_TO_PREVIOUS = ("<medial>", "<final>")


def as_typed(text: str) -> str:
    """`text` in logical Unicode, NFC: Arabic presentation forms back to letters, in reading
    order when they were stored as drawn (`ﺪﻤﺤﻣ` → `محمد`)."""
    if _PRESENTATION.search(text):
        text = _RUN.sub(_logical_run, text)
    return unicodedata.normalize("NFC", text)


def _logical_run(match: re.Match[str]) -> str:
    run = match.group().replace("\u00a0", " ")
    if _PRESENTATION.search(run) and _drawn_order(run):
        run = run[::-1]
    return "".join(
        unicodedata.normalize("NFKC", ch) if _PRESENTATION.match(ch) else ch for ch in run
    )


def _drawn_order(run: str) -> bool:
    """Whether the shaped words of `run` read better backwards: fewer letters whose shape
    contradicts its neighbours (a joining letter must be followed by one joined to it).

    Words of letters that never join (`داود`) look the same both ways; they are taken as
    drawn, the way text copied from a PDF comes.
    """
    forward = backward = 0
    for word in run.split():
        forms = [form for ch in word if (form := _form(ch))]
        forward += _misfits(forms)
        backward += _misfits(forms[::-1])
    return backward <= forward


def _misfits(forms: list[str]) -> int:
    """Shapes out of place when `forms` is read as one word in reading order."""
    if not forms:
        return 0
    misfits = (forms[0] not in _STARTS_A_WORD) + (forms[-1] not in _ENDS_A_WORD)
    for before, after in pairwise(forms):
        misfits += (before in _JOINS_NEXT) != (after in _JOINED_TO_PREVIOUS)
    return misfits


def _form(ch: str) -> str:
    """`<initial>`, `<medial>`, `<final>` or `<isolated>` for a shaped letter, else ``."""
    if not _PRESENTATION.match(ch) or not unicodedata.normalize("NFKC", ch).isalpha():
        return ""  # a vowel sign or a space with one: no place in a word
    tag = unicodedata.decomposition(ch).split(" ", 1)[0]
    return tag if tag in ("<initial>", "<medial>", "<final>", "<isolated>") else ""
