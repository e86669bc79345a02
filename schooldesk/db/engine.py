"""Engine set-up: the pragmas every connection needs and real transactions around DDL."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from schooldesk.db.uri import read_only_uri

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # pysqlite's own transaction handling skips DDL; we emit BEGIN ourselves (see _on_begin).
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")  # an office PC loses power: durability first
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_connect_read_only(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    dbapi_conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the SQLite file *path* with WAL, foreign keys, busy timeout and transactional DDL; or,
    *read_only*, one that changes nothing (a file on read-only media, e.g. a write-protected USB stick)."""
    # hide_parameters: an error names the statement, never the values (names, birth dates) it carried
    # URL.create, not "sqlite:///{path}": a URL string reads "#" and "%20" in a folder's name as URL syntax
    url = URL.create("sqlite", database=str(path))
    if read_only:
        uri = read_only_uri(path, immutable=True)
        engine = create_engine(url, hide_parameters=True,
                               creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    else:
        engine = create_engine(url, hide_parameters=True)
    event.listen(engine, "connect", _on_connect_read_only if read_only else _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
