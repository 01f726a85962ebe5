"""Which rights go on the client's overview, in the client's words, and its reference.

Only what the client can still claim: a verdict of eligible or possibly eligible, not a
right the household already receives, and not one a decision has already settled.
Names, summaries, documents and value notes come from the catalog (Dutch) or its
translations (French, English); the reference is the same in every language.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol

from sociaalhuis.catalog import translations
from sociaalhuis.catalog.model import Catalog, RightDef
from sociaalhuis.letters.documents import OverviewRight
from sociaalhuis.letters.texts import Texts

CLAIMABLE = ("eligible", "possibly_eligible")

# A source the worker reads, not the client: "(cm.be)", "(parameters leefloon_*, …)".
_SOURCE_NOTE = re.compile(
    r"\s*\((?=[^()]*(?:\.be\b|\.com\b|\.org\b|parameters?\b|bron))[^()]*\)", re.IGNORECASE
)
# A long aside between brackets is detail for the worker ("voor kinderen geboren vanaf …").
_LONG_ASIDE = re.compile(r"\s*\([^()]{40,}\)")
_SPACES = re.compile(r"\s+([,.;])")
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZÀ-Ý])")


class VerdictLike(Protocol):
    """What the overview needs of an eligibility verdict."""

    @property
    def verdict(self) -> str: ...

    @property
    def receives(self) -> bool: ...

    @property
    def right(self) -> RightDef: ...


def rights_to_claim(verdicts: Iterable[VerdictLike], settled: Collection[str]) -> tuple[str, ...]:
    """The ids of the rights the client may claim and does not have yet, in catalog order."""
    return tuple(
        v.right.id
        for v in verdicts
        if v.verdict in CLAIMABLE and not v.receives and v.right.id not in settled
    )


def client_value(text: str) -> str:
    """A catalog value note as the client reads it: its first sentence up to a semicolon,
    without the sources the worker reads in brackets (the rest is for the worker)."""
    plain = _SPACES.sub(r"\1", _LONG_ASIDE.sub("", _SOURCE_NOTE.sub("", text))).strip()
    first = _SENTENCE_END.split(plain, maxsplit=1)[0].split("; ", 1)[0].strip().rstrip(".")
    return f"{first}."


def overview_rights(
    catalog: Catalog,
    right_ids: Sequence[str],
    texts: Texts,
    places: Mapping[str, str] | None = None,
) -> tuple[OverviewRight, ...]:
    """The overview's rights in `texts.language`; `places` gives per right id where to go
    (from the sociale kaart), else the catalog's provider stands in."""
    by_id = {right.id: right for right in catalog.rights}
    chosen = [by_id[right_id] for right_id in dict.fromkeys(right_ids) if right_id in by_id]
    return tuple(
        _right(catalog, right, texts, (places or {}).get(right.id, "")) for right in chosen
    )


def _right(catalog: Catalog, right: RightDef, texts: Texts, place: str) -> OverviewRight:
    words = translations.texts(catalog, right, texts.language)
    value = words.value_note if texts.language != "nl" else client_value(words.value_note)
    return OverviewRight(
        name=words.name,
        what_to_do=texts[f"actions.{right.obtained}"],
        where=place or _provider(right.provider),
        documents=words.documents,
        summary=words.summary,
        value=value,
        automatic=right.obtained == "automatic",
    )


def _provider(provider: str) -> str:
    # The catalog explains its providers between brackets, in Dutch and for the worker.
    return re.sub(r"\s*\([^()]*\)", "", provider).strip() or provider


def reference(household_id: uuid.UUID, day: date, right_ids: Iterable[str]) -> str:
    """The overview's reference, e.g. `OV-20261122-3F9A2C`: from the household, the date and
    the rights listed, never the language, so nl, fr and en prints carry the same one."""
    content = "|".join([str(household_id), day.isoformat(), *sorted(set(right_ids))])
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:6].upper()
    return f"OV-{day:%Y%m%d}-{digest}"
