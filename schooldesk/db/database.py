"""The open database: one engine, and transactions that turn environment failures into known errors."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from schooldesk.db.engine import make_engine
from schooldesk.db.failures import as_storage_error
from schooldesk.db.migrate import upgrade_to_head
from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

DB_FILENAME = "schooldesk.sqlite3"
BACKUP_DIRNAME = "backups"


class Database:
    """A SchoolDesk database file; services do their work inside ``transaction()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back entirely if it raises."""
        try:
            with self._sessions.begin() as session:
                yield session
        except sa_exc.DBAPIError as error:
            known = as_storage_error(error, self.path)
            if known is None:
                raise
            raise known from error

    def close(self) -> None:
        self.engine.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


def open_database(data_dir: Path) -> Database:
    """Open (creating if needed) and migrate the database in *data_dir*."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The data folder %1 cannot be created: %2"), data_dir, error.strerror
        ) from error
    db = Database(database_path(data_dir))
    try:
        upgrade_to_head(db.engine, db.path, data_dir / BACKUP_DIRNAME)
    except sa_exc.DBAPIError as error:
        db.close()
        known = as_storage_error(error, db.path)
        if known is None:
            raise
        raise known from error
    except BaseException:
        db.close()
        raise
    return db
