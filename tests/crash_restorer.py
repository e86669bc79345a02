"""Helper for test_crash_safety: restores a backup over the data folder's database through the real code,
announcing when it starts, so the test can kill it at any moment of the swap.

    crash_restorer.py BACKUP FOLDER            one restore (Windows: a process per kill)
    crash_restorer.py BACKUP FOLDER --forks    POSIX: imports once, then for each line read on stdin forks a
                                               restorer (which prints "ready PID", then "done") and prints
                                               "gone" once it has ended, so a kill costs no Python start-up
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from schooldesk.db.restore import restore_backup
from schooldesk.db.database import BACKUP_DIRNAME, database_path


def say(line: str) -> None:
    os.write(1, f"{line}\n".encode())  # one write: a kill never leaves half a line


def restore(backup: Path, data_dir: Path) -> None:
    say(f"ready {os.getpid()}")
    restore_backup(backup, database_path(data_dir), data_dir / BACKUP_DIRNAME)
    say("done")


def serve(backup: Path, data_dir: Path) -> None:
    say("serving")
    for line in sys.stdin:
        if not line.strip():
            break
        child = os.fork()  # type: ignore[attr-defined,unused-ignore]
        if child == 0:
            try:
                restore(backup, data_dir)
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        say("gone")


if __name__ == "__main__":
    if sys.argv[3:] == ["--forks"]:
        serve(Path(sys.argv[1]), Path(sys.argv[2]))
    else:
        restore(Path(sys.argv[1]), Path(sys.argv[2]))
