"""The catalog's right texts in French and English, for what the client reads.

`resources/catalog/translations/<language>.toml` holds one table per right id with `name`,
`summary`, `documents` (as many, in the same order, as the Dutch list) and `value_note`.
`check` names every right and field that is missing or wrong; `texts` gives a right's texts
in a language, falling back to the Dutch of the catalog where a translation is missing.
"""

from __future__ import annotations

import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sociaalhuis.catalog.model import Catalog, Place, Problem, RightDef

LANGUAGES = ("fr", "en")
FIELDS = ("name", "summary", "documents", "value_note")
FOLDER = "translations"


@dataclass(frozen=True)
class RightText:
    """What the client reads about one right, in one language."""

    name: str
    summary: str
    documents: tuple[str, ...]
    value_note: str


def dutch(right: RightDef) -> RightText:
    """The right's own (Dutch) texts from the catalog."""
    return RightText(right.name, right.summary, tuple(right.documents), right.value_note)


_cache: dict[tuple[Path, str], dict[str, Any]] = {}
_lock = threading.Lock()


def _read(folder: Path, language: str) -> dict[str, Any]:
    """The raw tables of one language file; empty when it is missing or unreadable (the
    catalog check reports that)."""
    key = (folder, language)
    with _lock:
        if key not in _cache:
            try:
                with (folder / f"{language}.toml").open("rb") as file:
                    _cache[key] = tomllib.load(file)
            except (OSError, tomllib.TOMLDecodeError):
                _cache[key] = {}
        return _cache[key]


def texts(catalog: Catalog, right: RightDef, language: str) -> RightText:
    """The texts of `right` in `language`; Dutch fields stand in for missing ones."""
    own = dutch(right)
    if language not in LANGUAGES:
        return own
    entry = _read(Path(catalog.folder) / FOLDER, language).get(right.id)
    if not isinstance(entry, dict) or _entry_problems(entry, right):
        return own
    return RightText(
        entry["name"], entry["summary"], tuple(entry["documents"]), entry["value_note"]
    )


def check(catalog: Catalog) -> list[Problem]:
    """Every missing or malformed translation of `catalog`, naming the file, right and field.

    A catalog without a `translations` folder is Dutch only and has nothing to check.
    """
    folder = Path(catalog.folder) / FOLDER
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    for language in LANGUAGES:
        name = f"{FOLDER}/{language}.toml"
        path = folder / f"{language}.toml"
        try:
            with path.open("rb") as file:
                data = tomllib.load(file)
        except FileNotFoundError:
            problems.append(Problem(Place(name), "missing: every right needs its translation"))
            continue
        except (OSError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem(Place(name), f"cannot be read: {exc}"))
            continue
        for right in catalog.rights:
            entry = data.get(right.id)
            if not isinstance(entry, dict):
                problems.append(Problem(Place(name), f"right {right.id!r}: translation missing"))
                continue
            for message in _entry_problems(entry, right):
                problems.append(Problem(Place(name), f"right {right.id!r}: {message}"))
        known = {right.id for right in catalog.rights}
        for key in sorted(set(data) - known):
            problems.append(Problem(Place(name), f"right {key!r}: not in the catalog (a typo?)"))
    return problems


def _entry_problems(entry: dict[str, Any], right: RightDef) -> list[str]:
    found: list[str] = []
    for field in FIELDS:
        value = entry.get(field)
        if value is None:
            found.append(f"field {field!r} missing")
        elif field == "documents":
            if not isinstance(value, list) or not all(isinstance(d, str) for d in value):
                found.append("field 'documents' must be a list of texts")
            elif len(value) != len(right.documents):
                found.append(
                    f"field 'documents' has {len(value)} item(s); the catalog lists "
                    f"{len(right.documents)}"
                )
        elif not isinstance(value, str):
            found.append(f"field {field!r} must be text")
        elif not value.strip() and getattr(right, field).strip():
            found.append(f"field {field!r} is empty")
    for field in sorted(set(entry) - set(FIELDS)):
        found.append(f"field {field!r} unknown (a typo?)")
    return found
