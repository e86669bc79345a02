"""Verified backups of the database: take, list, keep a sensible number (restoring one: db/restore.py).

Copies go through SQLite's online backup API (db/copies.py), so they are consistent even while the
app is writing. Each copy is checked with ``PRAGMA integrity_check`` before it counts as a backup.
"""
from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from schooldesk.db.copies import replace_atomically, snapshot
from schooldesk.db.failures import as_storage_error, known_failures
from schooldesk.db.photo_store import PHOTO_DIRNAME
from schooldesk.db.uri import read_only_uri
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

BACKUP_DIRNAME = "backups"  # beside the database: the data folder's own, rotated backups
KEEP_LAST = 14
KEEP_MONTHLY = 12
_NAME = re.compile(r"schooldesk-(\d{8}-\d{6})-([a-z-]+)(?:\.\d+)?\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"
DAMAGE_SIGNS = ("file is not a database", "malformed", "corrupt")
CLOCK_WRONG = QT_TRANSLATE_NOOP("Errors", "The computer's clock may be wrong: it is earlier than the newest backup. "
                                          "Check the date and time; old backups are kept until it is right.")
CLOCK_RIGHT_AGAIN = QT_TRANSLATE_NOOP("Errors", "%1 backups were made while the computer's clock was set forward (to %2); "
                                                "they are dated now, and old backups are rotated again as usual.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    photos: int = 0  # evidence photos the backup refers to, present and verified beside it
    clock_behind: bool = False  # the PC's clock is earlier than a backup already there: rotation holds off
    redated: tuple[str, ...] = ()  # backups made while the clock was set forward, dated now (said once)


def photo_names(db_file: Path) -> list[str]:
    """File names of the photos a database (or backup) refers to; none before photos existed."""
    conn = sqlite3.connect(read_only_uri(db_file), uri=True)
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
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5)
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
    with known_failures(db_path):  # something to back up: a non-empty SQLite file with tables (a file from
        has_tables = bool(table_names(db_path))  # before the first migration counts: it is copied before migrating)
    if not has_tables:
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "%1 is empty or not a SchoolDesk database; there is nothing to "
                                                       "back up."), db_path)
    remove_partial_copies(backup_dir)
    newest = next(iter(list_backups(backup_dir)), None)
    stem = f"schooldesk-{created.strftime(STAMP)}-{reason}"
    target = backup_dir / f"{stem}.sqlite3"
    counter = 1
    while target.exists():  # two in one second: never overwrite a backup
        counter += 1
        target = backup_dir / f"{stem}.{counter}.sqlite3"
    try:
        snapshot(db_path, target)
    except (OSError, sqlite3.Error) as error:
        known = as_storage_error(error, db_path)  # locked by another program: the busy message, after a wait
        if known is not None:
            raise known from error
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
    clock_behind, redated = _against_the_clock(backup_dir, target, created, newest)
    return BackupInfo(target, created, reason, target.stat().st_size, photos, clock_behind=clock_behind,
                      redated=redated)


def clock_right_again(info: BackupInfo) -> SchoolDeskError:
    """What to say once, when *info* re-dated backups made with the clock set forward."""
    latest = max((_NAME.match(name)[1] for name in info.redated if _NAME.match(name)), default="")
    when = datetime.strptime(latest, STAMP).strftime("%Y-%m-%d") if latest else "?"
    return SchoolDeskError(CLOCK_RIGHT_AGAIN, str(len(info.redated)), when)


def content_rank(path: Path) -> int:
    """How far the audit trail of the backup *path* goes (its last entry's number): what it holds, whatever
    the clock said when it was taken. 0 when it has no trail or cannot be read."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_entry").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _against_the_clock(backup_dir: Path, taken: Path, created: datetime, newest: BackupInfo | None
                       ) -> tuple[bool, tuple[str, ...]]:
    """The backup *taken* at *created*, against those dated later. Later-dated backups that hold less than it
    were made while the clock was set forward, when the timeline without them agrees with the clock (the
    backup before them in what they hold is dated before now): they are dated now, in the order of what they
    hold, and the clock is right again. Otherwise the clock is behind (a dead CMOS battery, a BIOS update):
    rotation holds off, and the clerk is told. Returns (clock behind, the names of the backups re-dated)."""
    if newest is None or newest.created <= created:
        return False, ()
    existing = [b for b in list_backups(backup_dir) if b.path != taken]
    ranks = {b.path: content_rank(b.path) for b in existing}
    held = content_rank(taken)
    later = [b for b in existing if b.created > created]
    if any(ranks[b.path] >= held for b in later):
        return True, ()
    lowest = min(ranks[b.path] for b in later)
    before = [b for b in existing if b.created <= created and ranks[b.path] < lowest]
    if not before:
        return True, ()  # nothing dated before now to tell which is wrong: the clock, most likely
    moved = []
    ordered = sorted(later, key=lambda b: (ranks[b.path], b.created))
    for position, backup in enumerate(ordered):
        when = created - timedelta(seconds=len(ordered) - position)
        target = backup.path.with_name(f"schooldesk-{when.strftime(STAMP)}-{backup.reason}.sqlite3")
        counter = 1
        while target.exists():
            counter += 1
            target = target.with_name(f"schooldesk-{when.strftime(STAMP)}-{backup.reason}.{counter}.sqlite3")
        os.replace(backup.path, target)
        moved.append(backup.path.name)
    return False, tuple(moved)




def table_names(path: Path) -> set[str]:
    """The tables in the SQLite file *path*; none for a missing, empty or damaged file."""
    if not path.is_file() or path.stat().st_size == 0:
        return set()
    conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=5)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as error:
        if any(sign in str(error).lower() for sign in DAMAGE_SIGNS):
            return set()
        raise
    finally:
        conn.close()


def _named(folder: Path, pattern: str) -> list[Path]:
    """The files in *folder* whose names match *pattern*. With ``os.listdir``: on Windows, ``glob`` and
    ``iterdir`` raise FileNotFoundError in the root of a freshly formatted stick (``E:\\`` holds no "." entry)."""
    try:
        names = os.listdir(folder)
    except OSError:  # not there, not a folder: nothing in it (writing there will say what is wrong)
        return []
    return [folder / name for name in fnmatch.filter(names, pattern)]


def remove_partial_copies(backup_dir: Path) -> list[Path]:
    """Hidden ``.….part`` files a killed backup left behind (a backup is taken under the data folder's lock,
    so no other backup is writing one now)."""
    found = _named(backup_dir, ".schooldesk-*.part")
    for path in found:
        path.unlink(missing_ok=True)
    return found


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Backups in *backup_dir*, newest first."""
    found = []
    for path in _named(backup_dir, "schooldesk-*.sqlite3"):
        match = _NAME.match(path.name)
        if match:
            found.append(BackupInfo(path, datetime.strptime(match[1], STAMP), match[2], path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def backup_due(backup_dir: Path, now: datetime) -> bool:
    """The daily rule: no backup has been taken today yet."""
    return not any(b.created.date() == now.date() for b in list_backups(backup_dir))


def backups_to_keep(backups: list[BackupInfo], *, keep_last: int = KEEP_LAST, keep_monthly: int = KEEP_MONTHLY,
                    ranks: dict[Path, int] | None = None) -> set[Path]:
    """The newest *keep_last*, plus the newest of each of the latest *keep_monthly* months; with *ranks*
    (``content_rank``) also the *keep_last* that hold the most, whatever their dates say."""
    newest_first = sorted(backups, key=lambda b: b.created, reverse=True)
    keep = {b.path for b in newest_first[:keep_last]}
    if ranks:
        keep.update(b.path for b in sorted(backups, key=lambda b: (ranks.get(b.path, 0), b.created),
                                            reverse=True)[:keep_last])
    months: dict[tuple[int, int], Path] = {}
    for backup in newest_first:
        months.setdefault((backup.created.year, backup.created.month), backup.path)
    keep.update(list(months.values())[:keep_monthly])
    return keep


def prune_backups(backup_dir: Path, *, just_taken: BackupInfo | None = None, **limits: int) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted. The backup *just_taken* is
    never deleted, and nothing is when it was taken with the clock behind an older backup (a dead CMOS
    battery sets the PC back years: by their names every new backup would look oldest)."""
    if just_taken is not None and just_taken.clock_behind:
        return []
    backups = list_backups(backup_dir)
    ranks = {b.path: content_rank(b.path) for b in backups}  # the ones holding most stay, whatever their dates
    keep = backups_to_keep(backups, ranks=ranks, **limits) | ({just_taken.path} if just_taken else set())
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def take_rotated_backup(db_path: Path, reason: str) -> BackupInfo:
    """A verified backup into the data folder's own backups, then the rotation: what the app, the command line
    and every change of many records (an import, a new school year) take."""
    backup_dir = db_path.parent / BACKUP_DIRNAME
    info = take_backup(db_path, backup_dir, reason=reason)
    prune_backups(backup_dir, just_taken=info)
    return info
