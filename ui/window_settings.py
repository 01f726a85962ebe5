"""Per-user window state (geometry, toolbar and dock layout) in QSettings, behind typed methods.

Only how windows look lives here; anything that changes a client's outcome belongs in
the database or the catalog.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings


class WindowSettings:
    """Typed access to the window state stored under `windows/<name>/` in QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        # The default QSettings follows the organisation and application names set in main().
        self._settings = settings if settings is not None else QSettings()

    def geometry(self, window: str) -> QByteArray | None:
        return self._bytes(f"windows/{window}/geometry")

    def set_geometry(self, window: str, value: QByteArray) -> None:
        self._settings.setValue(f"windows/{window}/geometry", value)

    def state(self, window: str) -> QByteArray | None:
        """The toolbar and dock layout of a QMainWindow (`saveState()`)."""
        return self._bytes(f"windows/{window}/state")

    def set_state(self, window: str, value: QByteArray) -> None:
        self._settings.setValue(f"windows/{window}/state", value)

    def text(self, key: str) -> str:
        """A short remembered choice (last screen, pace); "" when none."""
        value = self._settings.value(f"choices/{key}")
        return value if isinstance(value, str) else ""

    def set_text(self, key: str, value: str) -> None:
        self._settings.setValue(f"choices/{key}", value)

    def splitter(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitters/{name}")

    def set_splitter(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"splitters/{name}", value)

    def sync(self) -> None:
        self._settings.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        # A hand-edited or foreign settings file may hold anything; ignore what is not bytes.
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None
