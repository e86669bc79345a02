"""Verified backups of the database: take, list, keep a sensible number, restore.

Copies go through SQLite's online backup API (db/copies.py), so they are consistent even while the
app is writing. Each copy is checked with ``PRAGMA integrity_check`` before it counts as a backup.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from schooldesk.db.copies import replace_atomically, snapshot
from schooldesk.db.photo_store import PHOTO_DIRNAME
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

KEEP_LAST = 14
KEEP_MONTHLY = 12
_NAME = re.compile(r"schooldesk-(\d{8}-\d{6})-([a-z-]+)(?:\.\d+)?\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"
DAMAGE_SIGNS = ("file is not a database", "malformed", "corrupt")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    photos: int = 0  # evidence photos the backup refers to, present and verified beside it


def photo_names(db_file: Path) -> list[str]:
    """File names of the photos a database (or backup) refers to; none before photos existed."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT file_name FROM photo")]
    except sqlite3.OperationalError:
        return []  # a backup from before migration 0004
    finally:
        conn.close()


def copy_photos(names: list[str], source: Path, target: Path) -> int:
    """Copy the named photos from one photo folder to another, each checked against the SHA-256 its name
    is; photos already there are kept (they never change). Returns how many are present in *target*."""
    present = 0
    for name in names:
        relative = Path(name[:2]) / name
        destination = target / relative
        if destination.is_file() and sha256(destination) == Path(name).stem:
            present += 1
            continue
        origin = source / relative
        if not origin.is_file() or sha256(origin) != Path(name).stem:
            continue  # lost or damaged at the source: the others still count
        replace_atomically(destination, lambda partial: shutil.copyfile(origin, partial), make_folder=True)
        present += sha256(destination) == Path(name).stem
    return present


def integrity_ok(path: Path) -> bool:
    """True when SQLite's full integrity check passes on *path* (opened read-only)."""
    return _check(path, "integrity_check")


def quick_check_ok(path: Path) -> bool:
    """The cheaper check run at every start-up."""
    return _check(path, "quick_check")


def _check(path: Path, pragma: str) -> bool:
    """False when the file is damaged or not a database; environment failures (locked, unreadable) raise,
    because a busy database must never be mistaken for a damaged one and moved aside."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        return conn.execute(f"PRAGMA {pragma}").fetchall() == [("ok",)]
    except sqlite3.DatabaseError as error:
        if any(sign in str(error).lower() for sign in DAMAGE_SIGNS):
            return False
        raise
    finally:
        conn.close()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def take_backup(db_path: Path, backup_dir: Path, *, reason: str = "manual", now: datetime | None = None) -> BackupInfo:
    """Copy the live database into *backup_dir* and verify the copy; a bad copy is removed and reported."""
    created = (now or datetime.now()).replace(microsecond=0)
    stem = f"schooldesk-{created.strftime(STAMP)}-{reason}"
    target = backup_dir / f"{stem}.sqlite3"
    counter = 1
    while target.exists():  # two in one second: never overwrite a backup
        counter += 1
        target = backup_dir / f"{stem}.{counter}.sqlite3"
    try:
        snapshot(db_path, target)
    except (OSError, sqlite3.Error) as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The backup could not be written to %1: %2"),
            backup_dir, getattr(error, "strerror", None) or error,
        ) from error
    if not integrity_ok(target):
        target.unlink(missing_ok=True)
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The backup copy in %1 failed its check and was removed."), backup_dir)
    try:  # photos the snapshot refers to go beside it, shared by every backup in the folder
        photos = copy_photos(photo_names(target), db_path.parent / PHOTO_DIRNAME, backup_dir / PHOTO_DIRNAME)
    except OSError as error:
        raise StorageError(
            QT_TRANSLATE_NOOP("Errors", "The backup's photos could not be written to %1: %2"),
            backup_dir, error.strerror or error,
        ) from error
    return BackupInfo(target, created, reason, target.stat().st_size, photos)


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in *backup_dir*, newest first."""
    found = []
    for path in backup_dir.glob("schooldesk-*.sqlite3") if backup_dir.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            found.append(BackupInfo(path, datetime.strptime(match[1], STAMP), match[2], path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def backup_due(backup_dir: Path, now: datetime) -> bool:
    """The daily rule: no backup has been taken today yet."""
    return not any(b.created.date() == now.date() for b in list_backups(backup_dir))


def backups_to_keep(backups: list[BackupInfo], *, keep_last: int = KEEP_LAST, keep_monthly: int = KEEP_MONTHLY) -> set[Path]:
    """The newest *keep_last*, plus the newest of each of the latest *keep_monthly* months."""
    newest_first = sorted(backups, key=lambda b: b.created, reverse=True)
    keep = {b.path for b in newest_first[:keep_last]}
    months: dict[tuple[int, int], Path] = {}
    for backup in newest_first:
        months.setdefault((backup.created.year, backup.created.month), backup.path)
    keep.update(list(months.values())[:keep_monthly])
    return keep


def prune_backups(backup_dir: Path, **limits: int) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted."""
    backups = list_backups(backup_dir)
    keep = backups_to_keep(backups, **limits)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore_backup(backup: Path, db_path: Path, backup_dir: Path) -> BackupInfo | None:
    """Replace the database with *backup*, after backing up the current one (when it is readable).

    The caller must have closed every connection to *db_path*. Photos the backup refers to and the data
    folder lacks are copied back from the ``photos`` folder beside it. Returns the safety copy taken.
    """
    if not backup.is_file() or not integrity_ok(backup):
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "%1 is not a sound SchoolDesk backup; nothing was changed."), backup)
    safety = take_backup(db_path, backup_dir, reason="pre-restore") if db_path.is_file() and integrity_ok(db_path) else None
    incoming = db_path.with_name(db_path.name + ".restoring")
    snapshot(backup, incoming)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(incoming, db_path)
    copy_photos(photo_names(db_path), backup.parent / PHOTO_DIRNAME, db_path.parent / PHOTO_DIRNAME)
    return safety
