"""What the kill tests' helper scripts share: one line per write, and (POSIX) serving forks — the script
imports SchoolDesk once, then for each line read on stdin forks a child that does the work, and prints "gone"
once that child has ended (finished or killed), so a kill costs milliseconds rather than a Python start-up."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable


def say(line: str) -> None:
    """One line in one write: a kill never leaves half of it before the next line (print writes the end of
    line separately)."""
    os.write(1, f"{line}\n".encode())


def serve_forks(work: Callable[[str], None]) -> None:
    say("serving")
    for line in sys.stdin:
        request = line.strip()
        if not request:
            break
        child = os.fork()  # type: ignore[attr-defined,unused-ignore]
        if child == 0:
            try:
                work(request)
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        say("gone")
