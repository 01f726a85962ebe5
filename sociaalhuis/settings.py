"""Where the database lives, which site this is, and the language: read once, passed down.

Order of precedence: environment (`SOCIAALHUIS_DATABASE_URL`, `SOCIAALHUIS_SITE`,
`SOCIAALHUIS_DATA_DIR`), then `settings.toml` in the user's config folder, then the
default: an SQLite file in the user's data folder (platformdirs). `idle_lock_minutes` (a whole
number, 0 = never) and the scheduled backup (`backup_dir`, `backup_every_hours`,
`backup_keep`; see docs/BACKUP.md) and `retention_years` (docs/PRIVACY.md) are read from the
file only.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from sociaalhuis.errors import SociaalHuisError

APP_NAME = "sociaalhuis"
APP_AUTHOR = "SociaalHuis"
DATABASE_FILE = "sociaalhuis.db"
KNOWN_KEYS = {
    "database_url",
    "site",
    "language",
    "idle_lock_minutes",
    "backup_dir",
    "backup_every_hours",
    "backup_keep",
    "retention_years",
    "high_contrast",
}
BOOL_KEYS = {"high_contrast"}
NUMBER_KEYS = {"idle_lock_minutes", "backup_every_hours", "backup_keep", "retention_years"}
DEFAULT_IDLE_LOCK_MINUTES = 10
# A working day; a longer wait is a typo, and an unlocked screen all day is what the lock prevents.
MAX_IDLE_LOCK_MINUTES = 480
DEFAULT_BACKUP_EVERY_HOURS = 24
DEFAULT_BACKUP_KEEP = 14
# Years a closed file is kept before `privacy anonymise` (docs/PRIVACY.md says why five).
DEFAULT_RETENTION_YEARS = 5
# key: (lowest, highest, what the number counts) for the whole-number settings
NUMBER_RANGES = {
    "idle_lock_minutes": (0, MAX_IDLE_LOCK_MINUTES, "minutes from 0 (never)"),
    "backup_every_hours": (1, 24 * 366, "hours from 1"),
    "backup_keep": (1, 10_000, "backups from 1"),
    "retention_years": (1, 100, "years from 1"),
}


class SettingsError(SociaalHuisError):
    """The settings file cannot be used; names the file and line."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    site: str
    language: str
    data_dir: Path
    uses_default_database: bool
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    backup_dir: Path | None = None
    backup_every_hours: int = DEFAULT_BACKUP_EVERY_HOURS
    backup_keep: int = DEFAULT_BACKUP_KEEP
    retention_years: int = DEFAULT_RETENTION_YEARS
    high_contrast: bool = False


def default_data_dir(env: Mapping[str, str]) -> Path:
    override = env.get("SOCIAALHUIS_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def settings_file(env: Mapping[str, str]) -> Path:
    override = env.get("SOCIAALHUIS_CONFIG_DIR")
    base = Path(override) if override else Path(user_config_dir(APP_NAME, APP_AUTHOR))
    return base / "settings.toml"


def _read_file(path: Path) -> dict[str, str | int]:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read ({exc})") from None
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    for key, value in data.items():
        if key in NUMBER_KEYS:
            # bool is an int to Python, but `true` is no number of minutes.
            low, high, unit = NUMBER_RANGES[key]
            if type(value) is not int or not low <= value <= high:
                raise SettingsError(
                    f"{path}: {key} must be a whole number of {unit} to {high}, without quotes"
                )
        elif key in BOOL_KEYS:
            if type(value) is not bool:
                raise SettingsError(f"{path}: {key} must be true or false, without quotes")
        elif not isinstance(value, str):
            raise SettingsError(f"{path}: {key} must be a text between quotes")
    return data


def load(env: Mapping[str, str] | None = None) -> Settings:
    """The settings in force for this process."""
    env = os.environ if env is None else env
    data_dir = default_data_dir(env)
    from_file = _read_file(settings_file(env))
    texts = {key: value for key, value in from_file.items() if isinstance(value, str)}
    url = env.get("SOCIAALHUIS_DATABASE_URL") or texts.get("database_url")
    idle = from_file.get("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)
    return Settings(
        database_url=url or f"sqlite:///{(data_dir / DATABASE_FILE).as_posix()}",
        site=env.get("SOCIAALHUIS_SITE") or texts.get("site", "Herent"),
        language=texts.get("language", "nl"),
        data_dir=data_dir,
        uses_default_database=url is None,
        idle_lock_minutes=int(idle),
        backup_dir=Path(texts["backup_dir"]).expanduser() if texts.get("backup_dir") else None,
        backup_every_hours=int(from_file.get("backup_every_hours", DEFAULT_BACKUP_EVERY_HOURS)),
        backup_keep=int(from_file.get("backup_keep", DEFAULT_BACKUP_KEEP)),
        retention_years=int(from_file.get("retention_years", DEFAULT_RETENTION_YEARS)),
        high_contrast=from_file.get("high_contrast") is True,
    )
