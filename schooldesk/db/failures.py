"""Turn environment failures of SQLite into known errors with a plain message (cf. qutebrowser's sql.py).

Anything not recognised here is a bug and is left to propagate.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc

from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

BUSY = QT_TRANSLATE_NOOP("Errors", "The database %1 is busy in another program. Close it and try again.")
_KNOWN = (
    ("file is not a database", QT_TRANSLATE_NOOP("Errors", "The database file %1 is damaged or is not a SchoolDesk database.")),
    ("database disk image is malformed", QT_TRANSLATE_NOOP("Errors", "The database file %1 is damaged or is not a SchoolDesk database.")),
    ("database is locked", BUSY),
    ("unable to open database file", QT_TRANSLATE_NOOP("Errors", "The database %1 cannot be opened. Check that the folder exists and you may write to it.")),
    ("readonly database", QT_TRANSLATE_NOOP("Errors", "The database %1 is read-only. Check the file's permissions.")),
    ("database or disk is full", QT_TRANSLATE_NOOP("Errors", "The disk holding %1 is full. Free some space and try again.")),
    ("disk i/o error", QT_TRANSLATE_NOOP("Errors", "The disk holding %1 could not be read or written.")),
)


@contextmanager
def known_failures(path: Path) -> Iterator[None]:
    """Inside the block, an environment failure of SQLite (locked, damaged, read-only, full …) raises as the
    known error with its plain message; anything else propagates unchanged."""
    try:
        yield
    except (sqlite3.Error, sa_exc.DBAPIError) as error:
        known = as_storage_error(error, path)
        if known is None:
            raise
        raise known from error


def as_storage_error(error: BaseException, path: Path) -> StorageError | None:
    """The known error *error* stands for, or None when it is not an environment failure."""
    if isinstance(error, sa_exc.DBAPIError):
        error = error.orig or error
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    text = str(error).lower()
    for fragment, message in _KNOWN:
        if fragment in text:
            return StorageError(message, path)
    return None
