"""schooldesk-cli.exe: the command line (a console program), e.g. ``schooldesk-cli backup --out E:\\``."""
import multiprocessing

from schooldesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a worker laying out the bundle's PDFs runs its job here and exits
    raise SystemExit(main())
