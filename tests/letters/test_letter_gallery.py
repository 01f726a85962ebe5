"""Every kind of generated document, in nl, fr and en, for the demo household whose partner
has a name typed in Arabic script: drawn pages that fit, fonts embedded, the Arabic name
drawn joined and right-to-left and read back as typed, no placeholder (issue 14, point 8)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pypdf
import pypdfium2 as pdfium
import pytest

from sociaalhuis.cli import main
from sociaalhuis.letters import demo, render_client_overview, render_referral_letter
from sociaalhuis.letters.award import render_award_letters
from sociaalhuis.letters.documents import LANGUAGES
from sociaalhuis.typed_text import as_typed
from tests.letters.pdf_checks import fonts

MM = 72 / 25.4
PLACEHOLDER = re.compile(r"\[[^\]\n]*\]")
EMPTY_CONTACT = re.compile(
    r"^\s*(Tel\.|Tél\.|Phone|E-mail|Website|Site web|Openingsuren|Opening hours"
    r"|Heures d’ouverture)\s*:?\s*$",
    re.MULTILINE,
)

KINDS: dict[str, tuple[Callable[[str], bytes], int]] = {
    # kind: (render the demo document in a language, the most pages it may have)
    "referral": (lambda lang: render_referral_letter(demo.referral_letter(lang)), 1),
    "overview": (lambda lang: render_client_overview(demo.client_overview(lang)), 2),
    "award": (lambda lang: render_award_letters([demo.award_letter(lang)]), 1),
}
CASES = [(kind, language) for kind in KINDS for language in LANGUAGES]
IDS = [f"{kind}-{language}" for kind, language in CASES]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], bytes]:
    return {(kind, lang): KINDS[kind][0](lang) for kind, lang in CASES}


def raw_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(("kind", "language"), CASES, ids=IDS)
def test_pages_fonts_and_no_placeholder(rendered, kind, language):
    pdf = rendered[kind, language]
    document = pdfium.PdfDocument(pdf)
    assert 1 <= len(document) <= KINDS[kind][1]
    used = fonts(pdf)
    assert used and all(used.values()), used
    text = raw_text(pdf)
    assert not PLACEHOLDER.findall(text)
    assert not EMPTY_CONTACT.findall(text)
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title


@pytest.mark.parametrize(("kind", "language"), CASES, ids=IDS)
def test_the_arabic_name_reads_back_as_typed_and_is_drawn_joined(rendered, kind, language):
    pdf = rendered[kind, language]
    text = raw_text(pdf)
    assert demo.PARTNER_NAME in as_typed(text)
    # Drawn with the joining forms (initial, medial, final), not letter by letter.
    forms = {unicodedata.decomposition(char).split(" ")[0] for char in text}
    assert {"<initial>", "<medial>", "<final>"} <= forms


@pytest.mark.parametrize(("kind", "language"), CASES, ids=IDS)
def test_the_arabic_name_runs_right_to_left(rendered, kind, language):
    """pdfium reads the letters back in logical order; each next letter of a word stands
    to the left of the one before."""
    page = pdfium.PdfDocument(rendered[kind, language])[0].get_textpage()
    chars = page.get_text_range()
    for word in demo.PARTNER_NAME.split():
        start = chars.find(word)
        assert start >= 0, word
        lefts = [page.get_charbox(start + i)[0] for i in range(len(word))]
        assert lefts == sorted(lefts, reverse=True), (word, lefts)
        assert len(set(lefts)) == len(lefts)


@pytest.mark.parametrize(("kind", "language"), CASES, ids=IDS)
def test_nothing_is_drawn_outside_the_margins(rendered, kind, language):
    """Every page, drawn to an image: no ink within 12 mm of the sides and the top or 8 mm
    of the bottom, so nothing is clipped; and each page holds something."""
    for page in pdfium.PdfDocument(rendered[kind, language]):
        image = page.render(scale=1).to_pil().convert("L")
        width, height = image.size
        side, top, bottom = round(12 * MM), round(12 * MM), round(8 * MM)
        inner = image.crop((side, top, width - side, height - bottom))
        assert inner.getextrema()[0] < 128  # some dark ink on the page
        whole = image.getextrema()
        bands = [
            image.crop((0, 0, side, height)),
            image.crop((width - side, 0, width, height)),
            image.crop((0, 0, width, top)),
            image.crop((0, height - bottom, width, height)),
        ]
        assert whole[1] == 255
        assert all(band.getextrema()[0] > 200 for band in bands)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_texts_are_in_the_letter_language(rendered, language):
    """The award letter and the overview speak the language asked for, not Dutch."""
    award = " ".join(raw_text(rendered["award", language]).split())
    overview = " ".join(raw_text(rendered["overview", language]).split())
    expected = {
        "nl": ("Beslissing: u krijgt UiTPAS met kansentarief", "Uw rechten"),
        "fr": ("Décision : vous recevez UiTPAS au tarif réduit", "Vos droits"),
        "en": ("Decision: you receive UiTPAS with reduced rate", "Your rights"),
    }[language]
    assert expected[0] in award.replace("\u00a0", " ")
    assert expected[1] in overview
    if language != "nl":
        assert "Wat moet u nu doen?" not in award and "Wat brengt u mee?" not in overview
    if language == "fr":  # French puts a space before its colon
        assert "Vous pouvez nous joindre :" in award.replace("\u00a0", " ")


def test_letters_demo_writes_every_kind_in_every_language(tmp_path, capsys):
    assert main(["letters", "demo", str(tmp_path)]) == 0
    written = sorted(path.name for path in tmp_path.iterdir())
    assert written == sorted(
        f"{kind}-{language}.pdf"
        for kind in ("referral-letter", "client-overview", "award-letter")
        for language in LANGUAGES
    )
    assert len(capsys.readouterr().out.splitlines()) == 9
