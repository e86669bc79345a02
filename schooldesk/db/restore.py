"""Restoring a backup: checked first, the database as it was kept (a verified backup, or its bytes when it is
damaged), then swapped in by one rename, so a crash leaves it as it was before or as it is after."""
from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from schooldesk.db.backups import STAMP, copy_photos, integrity_ok, photo_names, table_names, take_backup
from schooldesk.db.copies import replace_atomically, snapshot
from schooldesk.db.failures import BUSY, known_failures
from schooldesk.db.photo_store import PHOTO_DIRNAME
from schooldesk.db.schema import KNOWN_TABLES, known_revisions
from schooldesk.db.uri import read_only_uri
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


def check_backup(backup: Path) -> str:
    """The schema revision of *backup*, after making sure it is a sound SchoolDesk database this version can
    read; anything else raises with what is wrong (and nothing has been touched)."""
    not_ours = QT_TRANSLATE_NOOP("Errors", "%1 is not a SchoolDesk backup; nothing was changed.")
    if not backup.is_file() or backup.stat().st_size == 0:
        raise SchoolDeskError(not_ours, backup)
    with open(backup, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise SchoolDeskError(not_ours, backup)
    if not integrity_ok(backup):
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "%1 is not a sound SchoolDesk backup; nothing was changed."),
                              backup)
    if not KNOWN_TABLES | {"alembic_version"} <= table_names(backup):
        raise SchoolDeskError(not_ours, backup)
    conn = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    if revision is None:
        raise SchoolDeskError(not_ours, backup)
    if revision[0] not in known_revisions():
        raise SchoolDeskError(QT_TRANSLATE_NOOP(
            "Errors", "This backup comes from a newer version of SchoolDesk (%1); nothing was changed. Install that "
                      "version, or choose an older backup."), revision[0])
    return str(revision[0])


def keep_aside(db_path: Path, backup_dir: Path, now: datetime | None = None) -> Path:
    """Copy the database file and its WAL byte for byte into *backup_dir* (for a file too damaged to back up
    through SQLite: whatever is still readable in it stays somewhere)."""
    stamp = (now or datetime.now()).strftime(STAMP)
    target = backup_dir / f"schooldesk-{stamp}-damaged-before-restore.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{db_path}{suffix}")
        if source.exists():
            replace_atomically(Path(f"{target}{suffix}"), lambda partial: shutil.copyfile(source, partial),
                               make_folder=True)
    return target


def _checkpoint(db_path: Path) -> None:
    """Move what is committed in the WAL into the database file and empty the WAL, so that the file alone
    holds everything before it is swapped."""
    conn = sqlite3.connect(db_path, timeout=5)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise StorageError(BUSY, db_path)


def _keep_current(db_path: Path, backup_dir: Path) -> Path | None:
    """Keep the database about to be replaced: a verified backup when sound (after a checkpoint, so the file
    alone holds everything), else its bytes as they are."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    with known_failures(db_path):  # held by another program: the busy message, after the wait
        sound = integrity_ok(db_path)
        if sound:
            _checkpoint(db_path)
    return take_backup(db_path, backup_dir, reason="pre-restore").path if sound else keep_aside(db_path, backup_dir)


def _swap(incoming: Path, db_path: Path) -> None:
    """Rename *incoming* over *db_path*, its WAL and shared-memory files moved aside first (empty after the
    checkpoint, or kept aside with a damaged file) and deleted last. Windows refuses to rename or delete a file
    another program holds open (a second SchoolDesk, an antivirus scan): then everything is put back as it was
    and the clerk is told the database is busy."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                aside = Path(f"{incoming}{suffix}")
                os.replace(side, aside)
                moved.append((aside, side))
        os.replace(incoming, db_path)
    except PermissionError as error:
        for aside, side in reversed(moved):
            os.replace(aside, side)
        raise StorageError(BUSY, db_path) from error
    for aside, _side in moved:
        aside.unlink(missing_ok=True)


def restore_backup(backup: Path, db_path: Path, backup_dir: Path) -> Path | None:
    """Replace the database with *backup*, keeping the current one first: a verified backup when it is sound,
    else the file itself byte for byte. The swap is one rename, after the WAL was checkpointed (or kept
    aside), so a crash leaves the database as it was before or as it is after, never older than both.

    The caller must hold the data folder's lock and have closed every connection to *db_path*. Photos the
    backup refers to and the data folder lacks are copied back from the ``photos`` folder beside it. Returns
    where the database as it was is kept (a verified backup, or the byte-for-byte copy of a damaged file).
    """
    check_backup(backup)
    incoming = db_path.with_name(db_path.name + ".restoring")
    snapshot(backup, incoming)  # before anything is touched: a stick pulled out now changes nothing
    try:
        safety = _keep_current(db_path, backup_dir)
        _swap(incoming, db_path)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    copy_photos(photo_names(db_path), backup.parent / PHOTO_DIRNAME, db_path.parent / PHOTO_DIRNAME)
    return safety
