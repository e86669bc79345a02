"""What the sign-in window needs before the database is opened: is a school set up here, and its name.

Read with the standard library's sqlite3, read-only, so the sign-in window is on screen before SQLAlchemy,
the start-up check and migrations have loaded; the real opening follows while the clerk types."""
from __future__ import annotations

import sqlite3
from pathlib import Path

DB_FILENAME = "schooldesk.sqlite3"  # the one name (database.py uses this too)


def school_name_in(data_dir: Path) -> str | None:
    """The school's name when *data_dir* holds a set-up school; None when it does not, or cannot tell (a
    damaged or locked file goes the long way, through the start-up check)."""
    path = data_dir / DB_FILENAME
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            row = connection.execute("SELECT name FROM school ORDER BY id LIMIT 1").fetchone()
            users = connection.execute("SELECT count(*) FROM app_user").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and users and users[0] else None
