"""Helpers for the letter tests: sample letters with the hard names, and reading PDFs back."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import pypdf

from sociaalhuis.letters import (
    ClientOverview,
    ConsentStatement,
    OverviewRight,
    Recipient,
    ReferralLetter,
    Sender,
)

ARABIC = "محمد"
HARD_NAMES = ("Wiśniewska", "Öztürk", "Nguyễn", "Ђорђевић", ARABIC)
MARKUP = "<b>Jan & Co</b>"
DAY = date(2026, 11, 22)


def referral(**changes: object) -> ReferralLetter:
    """A referral letter whose texts contain the hard names; `changes` replace fields."""
    fields: dict[str, object] = {
        "reference": "DV-2026-0007",
        "date": DAY,
        "sender": Sender(address_lines=("3020 Herent",)),
        "worker_name": "Thi Lan Nguyễn",
        "recipient": Recipient("CAW Oost-Brabant", "Onthaal", ("Leuven",)),
        "client_name": "Aleksandra Wiśniewska",
        "client_birth_date": date(1988, 3, 14),
        "reason": "Hulp bij een huurachterstand en een afbetalingsplan.",
        "shared_facts": (
            ("Gezin", f"partner Emre Öztürk, zoon {ARABIC} Öztürk, grootmoeder Danica Ђорђевић"),
            ("Woonsituatie", "private huurwoning"),
        ),
        "consent": ConsentStatement(
            DAY,
            "verbal",
            "Thi Lan Nguyễn",
            "CAW Oost-Brabant",
            "begeleiding bij de huurachterstand",
        ),
    }
    fields.update(changes)
    return ReferralLetter(**fields)  # type: ignore[arg-type]


def overview(language: str = "nl", **changes: object) -> ClientOverview:
    """A client overview with two rights; `changes` replace fields."""
    fields: dict[str, object] = {
        "client_name": "Aleksandra Wiśniewska",
        "date": DAY,
        "language": language,
        "rights": (
            OverviewRight("Sociaal tarief water", "Doe niets.", "waterbedrijf", ()),
            OverviewRight(
                "UiTPAS met kansentarief",
                "Vraag het aan.",
                "UiTPAS-balie",
                ("identiteitskaart", "bewijs van het statuut"),
            ),
        ),
        "worker_name": "Thi Lan Nguyễn",
    }
    fields.update(changes)
    return ClientOverview(**fields)  # type: ignore[arg-type]


def pages(pdf: bytes) -> list[str]:
    """The text of every page, NFKC-normalised (joined Arabic letter forms become plain
    letters, a no-break space a space), whitespace runs folded to one space.

    pypdf puts right-to-left runs back in logical order, so محمد reads as محمد again.
    """
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [_fold(page.extract_text()) for page in reader.pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def squashed(value: str) -> str:
    """`value` without any whitespace, to compare texts that mix scripts: the extraction
    drops the space after a right-to-left run."""
    return re.sub(r"\s+", "", _fold(value))


def _fold(value: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value))


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use: its base name and whether its glyphs are embedded."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: dict[str, bool] = {}
    for page in reader.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found
