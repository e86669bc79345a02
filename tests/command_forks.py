"""Helper for the kill tests: `schooldesk` commands forked from one process that has imported SchoolDesk once
(POSIX), so a command killed at a random moment is killed in its work, not in Python's start-up.

    command_forks.py     reads one command a line (JSON: its arguments and the file for its output); forks it,
                         prints "started PID", and once it has ended "ended CODE" (negative: the signal)
"""
from __future__ import annotations

import json
import os
import sys

import schooldesk.cli.exports  # noqa: F401 - what an export runs, imported before the forks
import schooldesk.exports.bundle  # noqa: F401
import schooldesk.services.bundle  # noqa: F401
from schooldesk.cli.main import main


def say(line: str) -> None:
    os.write(1, f"{line}\n".encode())


def run(arguments: list[str], output: str) -> None:
    """In the child: the command as `python -m schooldesk ARGUMENTS` runs it, its output into *output*."""
    code = 1
    try:
        target = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, 1)
        os.dup2(target, 2)
        try:
            code = main(arguments)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve() -> None:
    say("serving")
    for line in sys.stdin:
        if not line.strip():
            break
        arguments, output = json.loads(line)
        child = os.fork()  # type: ignore[attr-defined,unused-ignore]
        if child == 0:
            run(arguments, output)
        say(f"started {child}")
        _pid, status = os.waitpid(child, 0)
        say(f"ended {os.waitstatus_to_exitcode(status)}")


if __name__ == "__main__":
    serve()
