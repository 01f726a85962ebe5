"""The words of the letters, read from `resources/letters/<language>.toml` and checked.

Every file must hold every key of `KEYS`, each a string using exactly the placeholders
listed for it; anything else is a `LetterTextError` naming the file and the key. Texts are
plain text, not markup: `markup()` escapes the template and the values it fills in. In
French texts the space before ? ! : ; (and inside « ») is made non-breaking, so a line
never starts with a lone question mark.
"""

from __future__ import annotations

import re
import string
import threading
import tomllib
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from sociaalhuis.errors import SociaalHuisError
from sociaalhuis.letters.documents import CONSENT_HOW, LANGUAGES
from sociaalhuis.letters.shaping import visual
from sociaalhuis.resources import resource_path

# key -> the placeholders its text must use (all of them, and no others)
KEYS: dict[str, frozenset[str]] = {
    f"{section}.{name}": frozenset(fields)
    for section, names in {
        "common": {
            "page": ("page", "pages"),
            "date": (),
            "reference": (),
            "contact": (),
            "phone": (),
            "email": (),
            "website": (),
            "hours": (),
        },
        "referral": {
            "title": (),
            "confidential": (),
            "subject": (),
            "salutation": (),
            "intro": (),
            "client": (),
            "client_name": (),
            "birth_date": (),
            "reason": (),
            "facts": (),
            "fact_label": (),
            "fact_value": (),
            "no_facts": (),
            "note": (),
            "consent": (),
            "consent_statement": ("date", "how", "recorded_by", "partner", "purpose"),
            "secrecy": (),
            "closing": (),
            "regards": (),
            "footer": ("reference",),
        },
        "consent_how": {how: () for how in CONSENT_HOW},
        "overview": {
            "title": (),
            "for_client": ("client",),
            "intro": (),
            "names_note": (),
            "what_to_do": (),
            "where": (),
            "documents": (),
            "no_documents": (),
            "value": (),
            "automatic_title": (),
            "automatic_intro": (),
            "empty": (),
            "questions": ("organisation",),
            "contact_person": ("worker",),
            "footer": ("date",),
        },
        "award": {
            "title": ("right",),
            "salutation": ("client",),
            "intro": ("right",),
            "decided": ("date",),
            "meaning": (),
            "validity": ("validity",),
            "why": (),
            "why_intro": (),
            "next": (),
            "nothing_to_do": (),
            "next_text": (),
            "questions": (),
            "questions_text": ("contact",),
            "questions_office": ("organisation",),
            "reach": (),
            "closing": (),
            "on_behalf": ("organisation",),
            "footer": ("reference",),
            "batch_title": ("reference",),
        },
        "actions": {
            "grant": (),
            "apply": (),
            "automatic": (),
            "refer": (),
        },
    }.items()
    for name, fields in names.items()
}


class LetterTextError(SociaalHuisError):
    """A letter text file is missing, unreadable, or lacks or misuses a key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}: {f'key {key!r}: ' if key else ''}{message}")
        self.file = file
        self.key = key
        self.reason = message


class Texts:
    """The checked texts of one language."""

    def __init__(self, language: str, values: dict[str, str]) -> None:
        self.language = language
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def plain(self, key: str, **values: object) -> str:
        """The text of `key` with its placeholders filled in, as plain text."""
        return self._values[key].format(**{k: str(v) for k, v in values.items()})

    def markup(self, key: str, **values: object) -> str:
        """The text of `key` as Paragraph markup: template and values are both escaped."""
        filled = {k: escape(visual(str(v))) for k, v in values.items()}
        return escape(self._values[key]).format(**filled)


# French puts a space before ? ! : ; and inside « »; it must not break the line there.
_FRENCH_SPACE = re.compile(r" (?=[?!:;»])|(?<=«) ")

_cache: dict[tuple[Path, str], Texts] = {}
_lock = threading.Lock()


def load(language: str, folder: Path | None = None) -> Texts:
    """The checked texts for `language` (nl, fr or en), read once per process and folder."""
    if language not in LANGUAGES:
        raise LetterTextError(
            f"{language}.toml",
            "",
            f"no letter texts for language {language!r}; choose one of {', '.join(LANGUAGES)}",
        )
    root = folder if folder is not None else resource_path("letters")
    with _lock:
        texts = _cache.get((root, language))
        if texts is None:
            texts = _cache[(root, language)] = _read(root / f"{language}.toml", language)
    return texts


def _read(path: Path, language: str) -> Texts:
    name = str(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        raise LetterTextError(name, "", "file not found") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LetterTextError(name, "", f"cannot be read: {exc}") from None
    flat = _flatten(data)
    for key, fields in KEYS.items():
        if key not in flat:
            raise LetterTextError(name, key, "missing")
        _check(name, key, flat[key], fields)
    unknown = sorted(set(flat) - set(KEYS))
    if unknown:
        raise LetterTextError(name, unknown[0], "unknown key (a typo?)")
    values = {key: flat[key] for key in KEYS}
    if language == "fr":
        values = {key: _FRENCH_SPACE.sub("\u00a0", value) for key, value in values.items()}
    return Texts(language, values)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _check(name: str, key: str, value: Any, fields: frozenset[str]) -> None:
    if not isinstance(value, str):
        raise LetterTextError(name, key, f"must be text, not {type(value).__name__}")
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
    except ValueError as exc:
        raise LetterTextError(name, key, f"braces do not match ({exc})") from None
    if used != fields:
        wanted = ", ".join(f"{{{f}}}" for f in sorted(fields)) or "no placeholders"
        raise LetterTextError(name, key, f"must use {wanted}; found {sorted(used) or 'none'}")
