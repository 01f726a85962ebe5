"""The client's rights overview: in the client's language, every right with what to do,
where and what to bring."""

from __future__ import annotations

import pytest

from sociaalhuis.errors import ValidationError
from sociaalhuis.letters import OverviewRight, render_client_overview, sha256
from sociaalhuis.letters.texts import load
from tests.letters.pdf_checks import HARD_NAMES, MARKUP, fonts, overview, pages, text

EXPECTED = {
    "nl": (
        "Uw rechten: wat u kunt aanvragen",
        "Wat doet u?",
        "Waar?",
        "Wat brengt u mee?",
        "pagina 1 van 1",
        "Voor Aleksandra Wiśniewska",
    ),
    "fr": (
        "Vos droits : ce que vous pouvez demander",
        "Que faire ?",
        "Où ?",
        "Quoi apporter ?",
        "page 1 sur 1",
        "Pour Aleksandra Wiśniewska",
    ),
    "en": (
        "Your rights: what you can apply for",
        "What to do",
        "Where",
        "What to bring",
        "page 1 of 1",
        "For Aleksandra Wiśniewska",
    ),
}


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_overview_is_in_the_clients_language(language):
    printed_text = text(render_client_overview(overview(language)))
    for expected in EXPECTED[language]:
        assert expected in printed_text, expected
    intro_start = load(language)["overview.intro"].split(".")[0].replace("\xa0", " ")
    assert intro_start in printed_text
    others = [title for other, (title, *_) in EXPECTED.items() if other != language]
    assert not any(title in printed_text for title in others)


def test_every_right_shows_what_to_do_where_and_what_to_bring():
    document = overview()
    printed_text = text(render_client_overview(document))
    for right in document.rights:
        for value in (right.name, right.what_to_do, right.where, *right.documents):
            assert value in printed_text, value
    assert "Niets speciaals." in printed_text  # the right without documents
    assert "Uw contactpersoon: Thi Lan Nguyễn" in printed_text


def test_no_rights_says_so():
    printed_text = text(render_client_overview(overview(rights=())))
    assert "We vonden op dit moment geen rechten die u nog moet aanvragen." in printed_text
    assert "Hieronder staat per recht" not in printed_text  # no intro to a list that is not there


def test_user_text_is_literal_and_hard_names_print():
    right = OverviewRight(MARKUP, MARKUP, MARKUP, (MARKUP,), summary=MARKUP)
    names = " ".join(HARD_NAMES)
    pdf = render_client_overview(overview("en", client_name=names, rights=(right,)))
    printed_text = text(pdf)
    assert printed_text.count(MARKUP) == 5
    for name in HARD_NAMES:
        assert name in printed_text
    assert all(fonts(pdf).values())


def test_many_rights_flow_over_pages_numbered_and_reproducibly():
    rights = tuple(
        OverviewRight(f"Recht {n}", "Vraag het aan.", "Sociaal Huis", ("identiteitskaart",) * 3)
        for n in range(1, 31)
    )
    document = overview("en", rights=rights)
    pdf = render_client_overview(document)
    texts = pages(pdf)
    assert len(texts) >= 3
    for number, page in enumerate(texts, start=1):
        assert f"page {number} of {len(texts)}" in page
    assert "Recht 30" in texts[-1]
    assert sha256(render_client_overview(document)) == sha256(pdf)


def test_an_unknown_language_is_refused_with_a_clear_message():
    with pytest.raises(Exception, match="no letter texts for language 'de'"):
        render_client_overview(overview("de"))


def test_an_overview_without_a_client_name_is_refused():
    with pytest.raises(ValidationError):
        render_client_overview(overview(client_name=" "))
