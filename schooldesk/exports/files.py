"""Writing files the clerk keeps: temp name beside the target, flushed to disk, then renamed.

A full or unplugged USB stick leaves the old file (or nothing), never half a workbook.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from schooldesk.db.copies import replace_atomically
from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call *write* with a temporary path next to *path*, fsync it, rename it over *path*."""
    try:
        replace_atomically(path, write)
    except OSError as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "%1 could not be written: %2. Check that the disk or USB stick is "
                                        "plugged in, writable and not full."), path, error.strerror or error
        ) from error
    return path
