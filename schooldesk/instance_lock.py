"""One SchoolDesk at a time per data folder (two writers on one office PC is how files get mixed up)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile

from schooldesk.db.copies import private_folder
from schooldesk.domain.errors import SchoolDeskError, StorageError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

LOCK_NAME = "schooldesk.lock"


IN_USE = QT_TRANSLATE_NOOP("Errors", "SchoolDesk is using this data folder (%1): a window or a command has it open. "
                                     "Use that window or wait for the command to finish, then try again.")
COMMAND_WAIT_MS = 3000  # a command waits this long for another to finish before it gives up


_taken: list[QLockFile] = []  # the locks this process took (a lock file naming our PID may be one of them)


def _forget_if_left_by_our_pid(lock: QLockFile) -> None:
    """A lock file naming this very process, which this process does not hold, was left by an earlier one that
    had the same number: a program ended from Task Manager leaves its lock, and Windows (and Wine, at once) hands
    process numbers out again. Qt would see that number running, with our name, and refuse the folder for ever."""
    pid, _host, _app = lock.getLockInfo()  # (0, "", "") when there is none
    if pid != QCoreApplication.applicationPid():
        return
    _taken[:] = [taken for taken in _taken if taken.isLocked()]
    if not any(taken.fileName() == lock.fileName() for taken in _taken):
        lock.removeStaleLockFile()


def lock_data_dir(data_dir: Path, wait_ms: int = 100) -> QLockFile:
    """Take the folder's lock or raise; keep the returned object alive as long as the lock is needed. The app
    and every command that writes take the same lock, so a restore never swaps the file under an import."""
    try:
        private_folder(data_dir)
    except OSError as error:
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The data folder %1 cannot be created: %2"), data_dir,
                           error.strerror or error) from error
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)  # a crashed app's lock is detected by its dead PID, not by age
    _forget_if_left_by_our_pid(lock)
    if not lock.tryLock(wait_ms):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raise SchoolDeskError(IN_USE, data_dir)
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The data folder %1 cannot be written to (read-only, or no "
                                                       "permission)."), data_dir)
    _taken.append(lock)
    return lock
