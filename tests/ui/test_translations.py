"""The Dutch translation is complete, matches the sources, and its compiled .qm is current.

Refresh both files with `scripts/translations` after changing any user-visible text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from ui.i18n import install_translations
from ui.resources import resource_path

TS_FILE = resource_path("i18n", "sociaalhuis_nl.ts")
QM_FILE = resource_path("i18n", "sociaalhuis_nl.qm")
UI_FOLDER = Path(__file__).resolve().parents[2] / "ui"
PLACEHOLDER = re.compile(r"\{\w*\}")

Message = tuple[str, str, ET.Element]


def messages(ts_file: Path) -> list[Message]:
    """(context, source text, <translation> element) for every message in `ts_file`."""
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r}"
            found.append((name, message.findtext("source", ""), translation))
    return found


def forms(translation: ET.Element) -> list[str]:
    """The translated text, or each plural form of a `%n` message."""
    plural = translation.findall("numerusform")
    if plural:
        return [form.text or "" for form in plural]
    return [translation.text or ""]


def accelerators(text: str) -> int:
    return len(re.findall(r"&[^&\s]", text.replace("&&", "")))


def test_every_message_has_a_finished_dutch_translation() -> None:
    problems = [
        f"{context}: {source!r}"
        for context, source, translation in messages(TS_FILE)
        if translation.get("type") or not all(text.strip() for text in forms(translation))
    ]
    assert messages(TS_FILE), "the translation file has no messages"
    assert problems == [], "unfinished, obsolete or empty translations"


def test_translations_keep_placeholders_and_shortcut_keys() -> None:
    for context, source, translation in messages(TS_FILE):
        where = f"{context}: {source!r}"
        for text in forms(translation):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
            assert accelerators(text) == accelerators(source), where
            assert ("%n" in text) == ("%n" in source), where


def test_translation_file_lists_exactly_the_texts_in_the_sources(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = Path(shutil.which("pyside6-lupdate") or "missing")
    assert lupdate.exists(), "pyside6-lupdate comes with PySide6; reinstall the project"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in UI_FOLDER.rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", fresh], check=True, capture_output=True)

    def texts(ts_file: Path) -> set[tuple[str, str]]:
        return {(context, source) for context, source, _ in messages(ts_file)}

    assert texts(fresh) == texts(TS_FILE), "run scripts/translations"


def test_compiled_translations_are_current() -> None:
    translator = QTranslator()

    assert translator.load(str(QM_FILE)), f"{QM_FILE} is missing or unreadable"
    assert translator.translate("MainWindow", "&File") == "&Bestand"
    for context, source, translation in messages(TS_FILE):
        # Without a count Qt gives the first (singular) form of a plural message.
        expected = forms(translation)[0]
        assert translator.translate(context, source) == expected, "run scripts/translations"


def test_application_gets_our_and_qts_dutch_translations(qapp: QApplication) -> None:
    loaded = install_translations(qapp, "nl")

    assert "sociaalhuis_nl" in loaded
    assert QCoreApplication.translate("MainWindow", "&Help") == "&Help"
    assert QCoreApplication.translate("MainWindow", "E&xit") == "&Afsluiten"
    if "qtbase_nl" in loaded:  # Qt's own texts, such as the standard dialog buttons
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
