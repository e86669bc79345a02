"""Helper for the kill tests: an export's PDF workers, started as the export starts them, busy with a long
PDF when the export is killed.

    pool_orphan.py FILE     starts one worker (spawn, the export's initializer) that appends a line to FILE
                            every tenth of a second; prints "working" once the first line is there, then waits
                            to be killed
"""
from __future__ import annotations

import multiprocessing
import sys
import time
from pathlib import Path

from schooldesk.exports.bundle_pool import end_with_parent


def write_on(file: str) -> None:
    """A PDF that takes two minutes: a line every tenth of a second."""
    for _ in range(1200):
        with open(file, "a", encoding="utf-8") as stream:
            stream.write("page\n")
        time.sleep(0.1)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    pool = multiprocessing.get_context("spawn").Pool(1, initializer=end_with_parent)
    pool.apply_async(write_on, (str(target),))
    while not target.exists():
        time.sleep(0.05)
    print("working", flush=True)
    time.sleep(300)
