"""One SchoolDesk at a time per data folder (two writers on one office PC is how files get mixed up)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

LOCK_NAME = "schooldesk.lock"


def lock_data_dir(data_dir: Path) -> QLockFile:
    """Take the folder's lock or raise; keep the returned object alive as long as the lock is needed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)  # a crashed app's lock is detected by its dead PID, not by age
    if not lock.tryLock(100):
        raise SchoolDeskError(
            QT_TRANSLATE_NOOP("Errors", "SchoolDesk is already open on this data folder (%1). Use that window, or close it first."),
            data_dir,
        )
    return lock
