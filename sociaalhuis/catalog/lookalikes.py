"""Characters that look like Latin letters but are not, named so a maintainer can find them.

Ids and conditions are plain ASCII; a Cyrillic `а` typed in `household_income` looks right
on screen and fails as an unknown name. The table is small on purpose: the Cyrillic and
Greek letters that are drawn like a Latin one in ordinary fonts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

LATIN_TWINS: dict[str, str] = {
    # Cyrillic, small
    "\u0430": "a",
    "\u0432": "b",  # в: like a small capital B
    "\u0435": "e",
    "\u043a": "k",
    "\u043c": "m",
    "\u043d": "h",  # н: like a small capital H
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0442": "t",  # т: like a small capital T
    "\u0443": "y",
    "\u0445": "x",
    "\u0455": "s",
    "\u0456": "i",
    "\u0458": "j",
    "\u04bb": "h",
    "\u04cf": "l",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    # Cyrillic, capital
    "\u0410": "A",
    "\u0412": "B",
    "\u0415": "E",
    "\u041a": "K",
    "\u041c": "M",
    "\u041d": "H",
    "\u041e": "O",
    "\u0420": "P",
    "\u0421": "C",
    "\u0422": "T",
    "\u0423": "Y",
    "\u0425": "X",
    "\u0405": "S",
    "\u0406": "I",
    "\u0408": "J",
    # Greek, small
    "\u03b1": "a",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u03c1": "p",
    "\u03c5": "u",
    "\u03c7": "x",
    # Greek, capital
    "\u0391": "A",
    "\u0392": "B",
    "\u0395": "E",
    "\u0396": "Z",
    "\u0397": "H",
    "\u0399": "I",
    "\u039a": "K",
    "\u039c": "M",
    "\u039d": "N",
    "\u039f": "O",
    "\u03a1": "P",
    "\u03a4": "T",
    "\u03a5": "Y",
    "\u03a7": "X",
    # Latin letters that pass for plain ones
    "\u0131": "i",  # dotless i
    "\u0261": "g",  # script g
}

_WORD = re.compile(r"\w+")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


def first_foreign(text: str) -> int | None:
    """The index of the first character outside ASCII, or None."""
    for index, char in enumerate(text):
        if not char.isascii():
            return index
    return None


def latin(text: str) -> str:
    """The text with every look-alike replaced by its Latin twin."""
    return "".join(LATIN_TWINS.get(char, char) for char in text)


def describe(char: str) -> str:
    """`U+0430 CYRILLIC SMALL LETTER A, which looks like the Latin 'a'`."""
    name = unicodedata.name(char, "")
    text = f"U+{ord(char):04X} {name}".rstrip()
    twin = LATIN_TWINS.get(char)
    return f"{text}, which looks like the Latin '{twin}'" if twin else text


def word_at(text: str, index: int) -> str:
    """The run of letters, digits and underscores holding the character at `index`."""
    for match in _WORD.finditer(text):
        if match.start() <= index < match.end():
            return match.group()
    return text[index]


def note(text: str, index: int, known: Collection[str] = ()) -> str:
    """What the character at `index` is, and the known name its word resembles, if any."""
    found = describe(text[index])
    word = word_at(text, index)
    intended = latin(word)
    if intended != word and intended in known:
        found += f"; did you mean '{intended}'?"
    return found


def id_problem(name: str, known: Collection[str] = ()) -> str:
    """For an id holding characters outside ASCII: which one, and the id it should be."""
    index = first_foreign(name)
    if index is None:
        return ""
    found = describe(name[index])
    intended = latin(name)
    if intended in known:
        return f"{found}; did you mean '{intended}'?"
    if intended != name and IDENTIFIER.match(intended):
        return f"{found}; write '{intended}'"
    return found
