"""The referral letter: what it must say, what it must not, fonts, pages, reproducibility."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import unicodedata

import pytest

from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import ConsentStatement, render_referral_letter, sha256
from sociaalhuis.letters.shaping import visual
from tests.letters.pdf_checks import (
    ARABIC,
    DAY,
    HARD_NAMES,
    MARKUP,
    fonts,
    pages,
    referral,
    squashed,
    text,
)


def test_the_letter_says_who_to_whom_about_whom_why_and_on_which_consent():
    letter = referral()
    printed_text = text(render_referral_letter(letter))
    for expected in (
        "Sociaal Huis Herent",
        "3020 Herent",
        "DV-2026-0007",
        "22/11/2026",
        "Thi Lan Nguyễn",
        "CAW Oost-Brabant",
        "Onthaal",
        "Leuven",
        "Aleksandra Wiśniewska",
        "14/03/1988",
        letter.reason,
        "Doorverwijzing",
        "Gedeelde gegevens",
        "Met vriendelijke groeten,",
        "pagina 1 van 1",
    ):
        assert expected in printed_text, expected
    for label, value in letter.shared_facts:
        assert squashed(label) in squashed(printed_text)
        assert squashed(value) in squashed(printed_text)
    assert (
        "Op 22/11/2026 gaf de cliënt mondeling toestemming aan Thi Lan Nguyễn om de gegevens "
        "in deze brief te delen met CAW Oost-Brabant, met als doel: begeleiding bij de "
        "huurachterstand." in printed_text
    )


def test_the_hard_names_are_printed_and_arabic_is_joined_right_to_left():
    printed_text = text(render_referral_letter(referral()))
    for name in HARD_NAMES:
        assert name in printed_text, name
    # Drawn as joined letter forms (not isolated letters), right to left.
    shaped = visual(ARABIC)
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
    assert unicodedata.normalize("NFKC", shaped)[::-1] == ARABIC


def test_only_the_selected_facts_are_shared():
    facts = {
        "Woonsituatie": "private huurwoning",
        "Schulden": "energieleverancier € 1.200",
        "Medische toestand": "diabetes type 2",
    }
    selected = ("Woonsituatie", "Schulden")
    letter = referral(shared_facts=tuple((k, v) for k, v in facts.items() if k in selected))
    printed_text = text(render_referral_letter(letter))
    assert "energieleverancier € 1.200" in printed_text
    assert "Medische toestand" not in printed_text
    assert "diabetes" not in printed_text


def test_no_facts_selected_says_so():
    printed_text = text(render_referral_letter(referral(shared_facts=())))
    assert "Buiten de naam en de geboortedatum delen we geen gegevens." in printed_text


def test_user_text_is_printed_literally_never_as_markup():
    letter = referral(
        client_name=MARKUP,
        worker_name=MARKUP,
        reason=f"{MARKUP} & <i>x</i> <br/> &amp; {{date}}",
        recipient=dataclasses.replace(referral().recipient, organisation=MARKUP),
        shared_facts=((MARKUP, MARKUP),),
        reference="<font size=40>R&D</font>",
    )
    printed_text = text(render_referral_letter(letter))
    assert printed_text.count(MARKUP) >= 6
    assert f"{MARKUP} & <i>x</i> <br/> &amp; {{date}}" in printed_text
    assert "<font size=40>R&D</font>" in printed_text


def test_fonts_are_embedded_and_no_other_font_is_used():
    used = fonts(render_referral_letter(referral()))
    assert {name.split("+")[-1] for name in used} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(used.values()), used


def test_the_same_letter_gives_the_same_bytes_and_hash():
    letter = referral()
    first = render_referral_letter(letter)
    render_referral_letter(referral(reason="iets anders"))
    again = render_referral_letter(letter)
    assert first == again
    assert sha256(first) == sha256(again) == hashlib.sha256(first).hexdigest()
    assert sha256(render_referral_letter(referral(reference="DV-2026-0008"))) != sha256(first)


def test_a_reprint_in_another_process_has_the_same_hash():
    script = (
        "from tests.letters.pdf_checks import referral\n"
        "from sociaalhuis.letters import render_referral_letter, sha256\n"
        "print(sha256(render_referral_letter(referral())))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout.strip() == sha256(render_referral_letter(referral()))


def test_the_pdf_is_dated_with_the_letter_date():
    pdf = render_referral_letter(referral())
    assert b"D:20261122000000+00'00'" in pdf
    assert DAY.isoformat() not in pdf.decode("latin-1")


def test_a_long_note_flows_over_pages_with_numbers():
    note = "\n\n".join(f"Alinea {n}: " + "zin met wat uitleg " * 40 for n in range(1, 41))
    texts = pages(render_referral_letter(referral(note=note)))
    total = len(texts)
    assert total >= 3
    for number, page in enumerate(texts, start=1):
        assert f"pagina {number} van {total}" in page
        assert "DV-2026-0007" in page  # the footer names the letter on every page
    assert "Alinea 1:" in texts[0]
    assert "Alinea 40:" not in texts[0]
    assert any("Alinea 40:" in page for page in texts[1:])
    assert "Met vriendelijke groeten," in texts[-1]


def test_a_very_long_fact_splits_inside_its_row():
    value = " ".join(f"woord{n}" for n in range(1500))
    texts = pages(render_referral_letter(referral(shared_facts=(("Verslag", value),))))
    assert len(texts) >= 3
    assert "woord0 " in " ".join(texts) and "woord1499" in texts[-2] + texts[-1]


def test_a_letter_in_french_uses_the_french_texts():
    letter = referral(language="fr", consent=dataclasses.replace(referral().consent, how="written"))
    printed_text = text(render_referral_letter(letter))
    for expected in ("Orientation", "Notre référence", "Données partagées", "page 1 sur 1"):
        assert expected in printed_text
    assert "Le 22/11/2026, l’usager a donné par écrit son accord à Thi Lan Nguyễn" in printed_text
    assert "Gedeelde gegevens" not in printed_text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": ConsentStatement(DAY, "by pigeon", "x", "y", "z")}, "consent.how"),
        ({"reason": "  "}, "reason"),
        ({"client_name": ""}, "client_name"),
    ],
)
def test_an_incomplete_letter_is_refused(changes, field):
    with pytest.raises(ValidationError) as error:
        render_referral_letter(referral(**changes))
    assert error.value.field == field
