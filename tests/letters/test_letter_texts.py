"""The letter texts: complete in every language, and clear errors for a broken file."""

from __future__ import annotations

import shutil

import pytest

from sociaalhuis.letters.texts import KEYS, LetterTextError, load
from sociaalhuis.resources import resource_path


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_shipped_texts_are_complete(language):
    texts = load(language)
    for key in KEYS:
        assert isinstance(texts[key], str)
    assert texts.plain("common.page", page=2, pages=3).count("2") == 1


@pytest.fixture
def folder(tmp_path):
    shutil.copy(resource_path("letters", "nl.toml"), tmp_path / "nl.toml")
    return tmp_path


def _edit(folder, old, new):
    path = folder / "nl.toml"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def test_a_missing_key_names_the_file_and_the_key(folder):
    _edit(folder, 'where = "Waar?"\n', "")
    with pytest.raises(LetterTextError) as error:
        load("nl", folder)
    assert error.value.key == "overview.where"
    assert str(folder / "nl.toml") in error.value.message
    assert "'overview.where'" in error.value.message and "missing" in error.value.message


def test_a_lost_placeholder_is_an_error(folder):
    _edit(folder, "met als doel: {purpose}.", "met als doel.")
    with pytest.raises(LetterTextError, match=r"referral\.consent_statement.*\{purpose\}"):
        load("nl", folder)


def test_an_unknown_placeholder_is_an_error(folder):
    _edit(folder, 'page = "pagina {page} van {pages}"', 'page = "pagina {page} van {totaal}"')
    with pytest.raises(LetterTextError, match=r"common\.page"):
        load("nl", folder)


def test_an_unknown_key_is_an_error(folder):
    _edit(folder, "[common]\n", '[common]\npagina = "x"\n')
    with pytest.raises(LetterTextError, match=r"common\.pagina.*unknown key"):
        load("nl", folder)


def test_a_missing_or_broken_file_is_an_error(folder):
    with pytest.raises(LetterTextError, match=r"fr\.toml: file not found"):
        load("fr", folder)
    _edit(folder, "[common]", "[common")
    with pytest.raises(LetterTextError, match="cannot be read"):
        load("nl", folder)


def test_escaping_applies_to_template_and_values():
    texts = load("nl")
    markup = texts.markup("overview.contact_person", worker="<b>Jan & Co</b>")
    assert markup == "Uw contactpersoon: &lt;b&gt;Jan &amp; Co&lt;/b&gt;"


def test_french_punctuation_never_starts_a_line():
    texts = load("fr")
    assert texts["overview.what_to_do"] == "Que faire\xa0?"
    assert " ?" not in "".join(texts[key] for key in KEYS)
