"""The French and English right texts: complete for the shipped catalog, and a catalog check
that fails naming the right and the field when one is missing."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from sociaalhuis.catalog import loader, translations
from sociaalhuis.cli import main

SHIPPED = loader.DEFAULT_FOLDER


@pytest.fixture(scope="module")
def catalog():
    return loader.load()


def copy_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    shutil.copytree(SHIPPED, root)
    return root


def drop(path: Path, right_id: str, field: str | None = None) -> None:
    """Remove a right's table, or one field of it, from a translation file (text edit, so
    the rest of the file stays as written)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"[{right_id}]\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    if field is None:
        del lines[start:end]
    else:
        lines = [
            line
            for i, line in enumerate(lines)
            if not (start < i < end and line.startswith(f"{field} = "))
        ]
    path.write_text("".join(lines), encoding="utf-8")


def test_every_right_has_french_and_english_texts(catalog) -> None:
    assert translations.check(catalog) == []
    for language in translations.LANGUAGES:
        with (SHIPPED / "translations" / f"{language}.toml").open("rb") as file:
            data = tomllib.load(file)
        assert set(data) == {right.id for right in catalog.rights}
        for right in catalog.rights:
            entry = data[right.id]
            assert entry["name"].strip() and entry["name"] != right.name
            assert len(entry["documents"]) == len(right.documents)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | dict):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def test_french_texts_keep_their_punctuation_on_the_line() -> None:
    """French puts a space before ; : ? ! — a non-breaking one, or a printed line can start
    with the punctuation mark."""
    with (SHIPPED / "translations" / "fr.toml").open("rb") as file:
        data = tomllib.load(file)
    breaking = [text for text in _strings(data) for mark in ";:?!»" if f" {mark}" in text]
    assert breaking == []


def test_texts_are_translated_and_dutch_stays_dutch(catalog) -> None:
    leefloon = next(right for right in catalog.rights if right.id == "leefloon")
    french = translations.texts(catalog, leefloon, "fr")
    english = translations.texts(catalog, leefloon, "en")
    dutch = translations.texts(catalog, leefloon, "nl")
    assert french.name == "Revenu d'intégration (leefloon)"
    assert english.documents == (
        "proof of income and expenses for the means test",
        "identity card",
    )
    assert "par mois" in french.value_note and "per month" in english.value_note
    assert dutch.name == leefloon.name and dutch.documents == tuple(leefloon.documents)


def test_check_fails_naming_the_missing_right(tmp_path: Path, capsys) -> None:
    root = copy_catalog(tmp_path)
    drop(root / "translations" / "fr.toml", "rap_op_stap")
    assert main(["catalog", "check", "--catalog", str(root), "--date", "2026-11-22"]) == 1
    err = capsys.readouterr().err
    assert "translations/fr.toml: error: right 'rap_op_stap': translation missing" in err
    assert "1 error(s)" in err
    assert "en.toml" not in err


def test_check_fails_naming_the_missing_field(tmp_path: Path, capsys) -> None:
    root = copy_catalog(tmp_path)
    drop(root / "translations" / "en.toml", "leefloon", "value_note")
    assert main(["catalog", "check", "--catalog", str(root), "--date", "2026-11-22"]) == 1
    err = capsys.readouterr().err
    assert "translations/en.toml: error: right 'leefloon': field 'value_note' missing" in err


def test_check_fails_on_a_documents_list_that_does_not_match(tmp_path: Path) -> None:
    root = copy_catalog(tmp_path)
    path = root / "translations" / "en.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            '["identity card", "bank account number", "name and address of your doctor"]',
            '["identity card"]',
        ),
        encoding="utf-8",
    )
    problems = translations.check(loader.load(root))
    assert [str(p) for p in problems] == [
        "translations/en.toml: error: right 'parkeerkaart': field 'documents' has 1 item(s); "
        "the catalog lists 3"
    ]


def test_a_missing_translation_falls_back_to_dutch(tmp_path: Path) -> None:
    root = copy_catalog(tmp_path)
    drop(root / "translations" / "en.toml", "leefloon")
    catalog = loader.load(root)
    leefloon = next(right for right in catalog.rights if right.id == "leefloon")
    assert translations.texts(catalog, leefloon, "en").name == leefloon.name


def test_a_catalog_without_translations_is_dutch_only(tmp_path: Path) -> None:
    root = copy_catalog(tmp_path)
    shutil.rmtree(root / "translations")
    assert translations.check(loader.load(root)) == []
