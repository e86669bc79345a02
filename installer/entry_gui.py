"""SchoolDesk.exe: the desktop app (windowed: no console, so sys.stdout and sys.stderr are None).

Command-line arguments still work (``SchoolDesk.exe selftest`` reports through its exit code); anything a
command would print goes nowhere instead of failing on a missing console."""
import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

import multiprocessing  # noqa: E402

from schooldesk.cli import main  # noqa: E402

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker laying out the bundle's PDFs runs its job here and exits
    raise SystemExit(main())
