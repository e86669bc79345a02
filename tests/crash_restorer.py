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

# forks.py lies beside this script; the embeddable Windows python does not put a script's folder on the path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from forks import say, serve_forks  # noqa: E402


def restore(backup: Path, data_dir: Path) -> None:
    say(f"ready {os.getpid()}")
    restore_backup(backup, database_path(data_dir), data_dir / BACKUP_DIRNAME)
    say("done")


if __name__ == "__main__":
    if sys.argv[3:] == ["--forks"]:
        serve_forks(lambda _line: restore(Path(sys.argv[1]), Path(sys.argv[2])))
    else:
        restore(Path(sys.argv[1]), Path(sys.argv[2]))
