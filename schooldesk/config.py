"""Where things live: the data folder (database, backups) and the files shipped with the app."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "SchoolDesk"
DATA_DIR_ENV = "SCHOOLDESK_DATA_DIR"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def full_path(path: str | os.PathLike[str]) -> Path:
    """*path* absolute, links followed. Where Windows cannot name the final path (Wine, past 260 characters,
    answers ERROR_MORE_DATA), absolute as written: the folder is the same one."""
    try:
        return Path(path).resolve()
    except OSError:
        return Path(path).absolute()


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``$SCHOOLDESK_DATA_DIR``, then the user's data folder."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV) or user_data_dir(APP_NAME, appauthor=False)
    return full_path(Path(chosen).expanduser())


def install_root() -> Path:
    """The folder holding ``translations/`` and ``resources/``: the PyInstaller bundle or the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else Path(__file__).resolve().parent.parent


def translations_dir() -> Path:
    return install_root() / "translations"


def resources_dir() -> Path:
    return install_root() / "resources"
LANGUAGE_KEY = "ui/language"  # QSettings key of the language chosen in Settings
