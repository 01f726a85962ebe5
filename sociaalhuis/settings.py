"""Where the database lives, which site this is, and the language: read once, passed down.

Order of precedence: environment (`SOCIAALHUIS_DATABASE_URL`, `SOCIAALHUIS_SITE`,
`SOCIAALHUIS_DATA_DIR`), then `settings.toml` in the user's config folder, then the
default: an SQLite file in the user's data folder (platformdirs). `idle_lock_minutes` (a whole
number, 0 = never) is read from the file only.
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
KNOWN_KEYS = {"database_url", "site", "language", "idle_lock_minutes"}
NUMBER_KEYS = {"idle_lock_minutes"}
DEFAULT_IDLE_LOCK_MINUTES = 10
# A working day; a longer wait is a typo, and an unlocked screen all day is what the lock prevents.
MAX_IDLE_LOCK_MINUTES = 480


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
            if type(value) is not int or not 0 <= value <= MAX_IDLE_LOCK_MINUTES:
                raise SettingsError(
                    f"{path}: {key} must be a whole number of minutes from 0 (never) to "
                    f"{MAX_IDLE_LOCK_MINUTES}, without quotes"
                )
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
    )
