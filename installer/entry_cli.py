"""schooldesk-cli.exe: the command line (a console program), e.g. ``schooldesk-cli backup --out E:\\``."""
from schooldesk.cli import main

raise SystemExit(main())
