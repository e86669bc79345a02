"""Consistent copies of a live database through SQLite's online backup API (never a raw file copy)."""
from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from schooldesk.config import full_path
from schooldesk.db.uri import read_only_uri

_protected: set[Path] = set()


SCRATCH_DIRNAME = "scratch"  # the data folder's staging place for exports (db/scratch.py)


def protect_folder(folder: Path) -> None:
    """Mark a data folder as SchoolDesk's own: no export may be written into it (see exports/files.py)."""
    _protected.add(full_path(folder))


def is_protected(path: Path) -> bool:
    """Inside a data folder, but not in its scratch (where an export is staged, see db/scratch.py)."""
    target = full_path(path)
    return any(target.is_relative_to(folder) and not target.is_relative_to(folder / SCRATCH_DIRNAME)
               for folder in _protected)


PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700  # minors' records: readable by the clerk's account only (POSIX)


def make_private(path: Path) -> None:
    """Owner-only permissions on POSIX; on Windows the per-user folder's inherited ACL already is."""
    if os.name == "posix" and path.exists():
        try:
            path.chmod(PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE)
        except OSError:
            pass  # read-only media, or not ours: what can be read there is unchanged, and writing will say why


def private_folder(folder: Path) -> Path:
    """Create *folder* private to the user, and each missing folder on the way to it (``mkdir(parents=True)``
    would make those 0755: ``photos/`` on the way to ``photos/ab/``); an existing *folder* is made private."""
    missing = []
    step = folder
    while not step.exists() and step.parent != step:
        missing.append(step)
        step = step.parent
    for path in reversed(missing):
        path.mkdir(exist_ok=True, mode=PRIVATE_FOLDER)
        make_private(path)  # (mkdir's mode passes through the umask; chmod sets it exactly)
    if not folder.is_dir():  # a file in the way: refused as mkdir refuses it
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
    make_private(folder)
    return folder


def tighten_folders(data_dir: Path, names: tuple[str, ...]) -> int:
    """Folders of *data_dir* made 0755 by an older SchoolDesk (``photos/`` and its two-letter folders …) made
    private; checked with one stat each time the database opens, walked only when loose. How many were."""
    if os.name != "posix":
        return 0
    loose = 0
    for name in names:
        top = data_dir / name
        if not top.is_dir() or not top.stat().st_mode & 0o077:
            continue
        for folder in [top, *(p for p in top.rglob("*") if p.is_dir())]:
            if folder.stat().st_mode & 0o077:
                make_private(folder)
                loose += 1
    return loose


def can_write(folder: Path) -> bool:
    """Whether a file can be made in *folder*, found by making (and removing) one: ``os.access`` only reads
    permission bits, and on Windows it misses a write-protected stick, a read-only share and a folder an
    administrator locked."""
    probe = folder / f".schooldesk-probe-{os.getpid()}"
    try:
        with open(probe, "xb") as handle:
            handle.write(b"")
    except OSError:
        return False
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def flush_file(path: Path) -> None:
    """Make sure *path*'s bytes are on the disk, not in a cache (a stick pulled out right after keeps them).
    Through a writable handle: Windows' FlushFileBuffers refuses a read-only one."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def replace_atomically(target: Path, write: Callable[[Path], object], *, make_folder: bool = False) -> Path:
    """Have *write* fill a temporary file beside *target*, sync it to disk, rename it over *target*: a
    power cut or a full disk leaves the old file (or none), never half a new one. OSError propagates
    (callers say what failed in the user's words); the temporary file is removed. *make_folder* creates
    a missing folder (for the app's own folders; never for a USB stick that was pulled out)."""
    if make_folder:
        private_folder(target.parent)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        write(partial)
        make_private(partial)
        flush_file(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


BUSY_SECONDS = 5.0


def snapshot(source: Path, target: Path) -> Path:
    """Copy the SQLite database *source* into *target* atomically through the online backup API."""
    def copy(partial: Path) -> None:
        src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_SECONDS)
        try:
            # Take the read lock first: it waits the busy timeout and then fails, where the backup API itself
            # would retry for ever while another program holds the database exclusively.
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_master").fetchall()
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()

    return replace_atomically(target, copy, make_folder=True)
