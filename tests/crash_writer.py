"""Helper for test_crash_safety: saves teachers through the real service in a loop, printing each id
only after its commit returned, until it is killed.

    crash_writer.py FOLDER PREFIX    one writer (Windows: a process per kill)
    crash_writer.py FOLDER --forks   POSIX: imports once, then for each prefix read on stdin forks a writer
                                     (which prints "ready PID" and its ids) and prints "gone" once it is dead,
                                     so a kill costs milliseconds rather than a Python start-up
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from schooldesk.db.database import open_database
from schooldesk.services.access import command_line_rights
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher

# forks.py lies beside this script; the embeddable Windows python does not put a script's folder on the path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from forks import say, serve_forks  # noqa: E402


def write(folder: Path, prefix: str) -> None:
    db = open_database(folder)
    db.actor = command_line_rights()  # a writer acts as a command does
    say(f"ready {os.getpid()}")
    number = 0
    while True:
        number += 1
        row = add_teacher(db, TeacherInput(name=f"{prefix}-{number}", gender="男", subjects="语文、数学" * 3))
        say(str(row.id))


if __name__ == "__main__":
    if sys.argv[2] == "--forks":
        serve_forks(lambda prefix: write(Path(sys.argv[1]), prefix))
    else:
        write(Path(sys.argv[1]), sys.argv[2])
