"""The command line: the same services as the GUI, for scripts, tests and technicians. ``main`` (cli/main.py)
reads the arguments and runs the command its family declares (cli/setup.py, data.py, imports.py, …); what every
command shares is in cli/shared.py."""
from schooldesk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
