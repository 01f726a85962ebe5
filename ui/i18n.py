"""Installing the Qt Linguist translations: ours from `resources/i18n`, Qt's own from Qt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resources import resource_path

DEFAULT_LANGUAGE = "nl"
TRANSLATOR_NAME = "sociaalhuis-translator"


def install_translations(app: QCoreApplication, language: str) -> list[str]:
    """Replace any translators installed earlier with those for `language`; returns the
    catalogues loaded. English is the source language, so it needs none."""
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    # Numbers and dates as in Belgium (1.234,5), whatever the language.
    QLocale.setDefault(QLocale(f"{language}_BE"))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [
        (f"qtbase_{language}", qt_folder),
        (f"sociaalhuis_{language}", str(resource_path("i18n"))),
    ]
    loaded = []
    for name, folder in candidates:
        try:
            data = (Path(folder) / f"{name}.qm").read_bytes()
        except OSError:
            continue
        # Parented to the application so it lives exactly as long as the application.
        translator = MemoryTranslator(app, data)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(translator.data):
            app.installTranslator(translator)
            loaded.append(name)
        else:
            translator.deleteLater()
    return loaded


class MemoryTranslator(QTranslator):
    """Translates from a copy of the .qm in memory, which it keeps: Qt otherwise maps the file,
    and an update rewriting it under a running desk would kill the program (SIGBUS)."""

    def __init__(self, parent: QCoreApplication, data: bytes) -> None:
        super().__init__(parent)
        self.data = data
