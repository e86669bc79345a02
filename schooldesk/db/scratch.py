"""Private scratch folders for work that holds minors' data for a moment (a bundle being staged, the contents
handed to PDF workers, a backup being sealed or unsealed): inside the data folder, private like it, never in the
system's temp folder, where a killed export would have left names, ID numbers and photos for anyone to read.

Each scratch folder holds ``.in-use``, kept locked by its process while the folder is used (an exclusive
``flock`` on POSIX; on Windows the open handle itself forbids deleting the file). What a killed run left has no
holder, and the next run removes it."""
from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from schooldesk.db.copies import SCRATCH_DIRNAME, private_folder

IN_USE = ".in-use"


def _held(lock: Path) -> bool:
    """Whether a live process holds *lock* (a scratch folder in use)."""
    if sys.platform == "win32":
        try:
            lock.unlink()  # refused while its process has it open
        except FileNotFoundError:
            return False
        except PermissionError:
            return True
        return False
    import fcntl

    try:
        with open(lock, "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def clear_left(base: Path) -> list[str]:
    """Remove from *base* what killed runs left (folders whose lock no process holds); the names removed."""
    removed = []
    for entry in sorted(base.iterdir()) if base.is_dir() else ():
        if entry.is_dir() and _held(entry / IN_USE):
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            try:
                entry.unlink()
            except OSError:
                continue
        removed.append(entry.name)
    return removed


def _hold(lock: Path) -> IO[str]:
    handle = open(lock, "w")  # noqa: SIM115 - held open for the folder's life
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


@contextmanager
def private_scratch(data_folder: Path | None, prefix: str) -> Iterator[Path]:
    """A new empty folder in *data_folder*/scratch (private: 0700, on Windows the user's profile ACLs), removed
    afterwards; what killed runs left there is removed first. The system's temp folder only when no data
    folder is known (a test's own files)."""
    base = None
    if data_folder is not None:
        base = private_folder(data_folder / SCRATCH_DIRNAME)
        clear_left(base)
    with tempfile.TemporaryDirectory(prefix=prefix, dir=base, ignore_cleanup_errors=True) as folder:
        lock = _hold(Path(folder) / IN_USE)
        try:
            yield Path(folder)
        finally:
            lock.close()
