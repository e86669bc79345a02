"""The open database: one engine, and transactions that turn environment failures into known errors."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from schooldesk.db.audit import ACTOR_KEY
from schooldesk.db.audit import install as install_audit
from schooldesk.db.copies import make_private, private_folder, protect_folder, tighten_folders
from schooldesk.db.backups import BACKUP_DIRNAME, integrity_ok, list_backups, quick_check_ok
from schooldesk.db.engine import make_engine
from schooldesk.db.failures import known_failures
from schooldesk.db.migrate import upgrade_to_head
from schooldesk.db.peek import DB_FILENAME
from schooldesk.db.photo_store import PHOTO_DIRNAME, PhotoStore
from schooldesk.domain.access import Actor
from schooldesk.domain.errors import StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP



class Database:
    """A SchoolDesk database file; services do their work inside ``transaction()``."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        if path.name == DB_FILENAME:
            protect_folder(path.parent)  # no export (PDF, workbook) may ever replace the live file or a backup
        self.engine = make_engine(path, read_only=read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_audit(self._sessions)
        self.actor: Actor | None = None  # the signed-in user: checked by services, named in the audit trail

    @contextmanager
    def transaction(self, *, rehearse: bool = False) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back entirely if it raises.

        With *rehearse* the work is done and then rolled back: an import's preview counts exactly
        what the real run will do without writing it."""
        with known_failures(self.path), self._sessions.begin() as session:
            session.info[ACTOR_KEY] = self.actor.username if self.actor else None
            yield session
            if rehearse:
                session.rollback()

    @property
    def photos(self) -> PhotoStore:
        """Evidence photos live beside the database file, referenced from it by SHA-256."""
        return PhotoStore(self.path.parent / PHOTO_DIRNAME)

    def close(self) -> None:
        self.engine.dispose()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_FILENAME


class DamagedDatabaseError(StorageError):
    """The file failed the start-up check; it was moved aside, never overwritten."""

    def __init__(self, moved_to: Path, newest_backup: Path | None) -> None:
        self.moved_to = moved_to
        self.newest_backup = newest_backup
        super().__init__(
            QT_TRANSLATE_NOOP("Errors", "The database was damaged. It was moved to %1 and nothing in it was overwritten."),
            moved_to,
        )


def move_aside_if_damaged(path: Path) -> None:
    """Start-up check: a file that fails ``quick_check`` is renamed (with its WAL) and reported."""
    if not path.is_file() or path.stat().st_size == 0 or quick_check_ok(path):
        return
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved_to = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    for suffix in ("-wal", "-shm", ""):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{moved_to}{suffix}"))
    good = next((b.path for b in list_backups(path.parent / BACKUP_DIRNAME) if integrity_ok(b.path)), None)
    raise DamagedDatabaseError(moved_to, good)


def open_database(data_dir: Path) -> Database:
    """Open (creating if needed), check and migrate the database in *data_dir*."""
    try:
        private_folder(data_dir)
        tighten_folders(data_dir, (PHOTO_DIRNAME, BACKUP_DIRNAME))
    except OSError as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The data folder %1 cannot be created: %2"), data_dir, error.strerror
        ) from error
    with known_failures(database_path(data_dir)):
        move_aside_if_damaged(database_path(data_dir))
    db = Database(database_path(data_dir))
    try:
        with known_failures(db.path):
            upgrade_to_head(db.engine, db.path, data_dir / BACKUP_DIRNAME)
        for suffix in ("", "-wal", "-shm"):  # SQLite gives its WAL and index the main file's permissions
            make_private(Path(f"{db.path}{suffix}"))
    except BaseException:
        db.close()
        raise
    configure_mappers()  # once, at opening: the first save is then as quick as the others
    return db
