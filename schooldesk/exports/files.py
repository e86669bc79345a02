"""Writing files the clerk keeps: temp name beside the target, flushed to disk, then renamed.

A full or unplugged USB stick leaves the old file (or nothing), never half a workbook.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from schooldesk.config import full_path
from schooldesk.db.copies import is_protected, replace_atomically
from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


def check_output(path: Path, data_folder: Path | None = None) -> Path:
    """*path* as a place to write an export: a new file or a regular one, never inside the data folder
    (an export must not replace the database or a backup)."""
    path = full_path(path)
    if path.exists() and not path.is_file():
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "%1 is not a file that can be written to."), path)
    if data_folder is not None and path.is_relative_to(full_path(data_folder)):
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "Do not save exports inside SchoolDesk's data folder (%1); "
                                                       "choose another folder."), data_folder)
    if not path.parent.is_dir():
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The folder %1 does not exist (is the USB stick plugged in?)."),
                           path.parent)
    return path


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Call *write* with a temporary path next to *path*, fsync it, rename it over *path*. Refused: anything
    but a regular file or a new path (a device, a folder), and anything in SchoolDesk's data folder."""
    if path.exists() and not path.is_file():
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "%1 is not a file that can be written to."), path)
    if is_protected(path):
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "Do not save exports inside SchoolDesk's data folder (%1); "
                                                       "choose another folder."), path.parent)
    try:
        replace_atomically(path, write)
    except PermissionError as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "%1 could not be written: it may be open in Excel or another program, or the "
                                        "folder is read-only. Close it and try again."), path
        ) from error
    except OSError as error:
        raise cannot_write(path, error) from error
    return path


def cannot_write(path: Path, error: OSError) -> StorageError:
    """What the clerk is told when *path* (a file or a folder) cannot be written for *error*."""
    return StorageError(QT_TRANSLATE_NOOP("Errors", "%1 could not be written: %2. Check that the disk or USB stick is "
                                                    "plugged in, writable and not full."), path, error.strerror or error)
