"""The command line: the same services as the GUI, for scripts, tests and technicians.

Messages go through ``QCoreApplication.translate("CommandLine", ...)`` written out in full, the
form lupdate finds; errors go to stderr in the user's language with exit code 2.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from PySide6.QtCore import QCoreApplication

from schooldesk import __version__
from schooldesk.cli.shared import EXIT_ERROR, EXIT_OK, Command, say
from schooldesk.config import DEFAULT_LANGUAGE, LANGUAGES, data_dir
from schooldesk.domain.errors import SchoolDeskError

# The command families, each a module of schooldesk/cli/ with add_parsers() and COMMANDS (name → Command), in the
# order their commands are listed by --help.
FAMILIES = ("setup", "data", "imports", "exports", "catchment", "photos", "observations", "mentorship", "activities",
            "teachers", "summaries", "bundle", "county", "school")


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes in the user's language with exit code 2."""

    language = DEFAULT_LANGUAGE  # set by main() before parsing, from a --lang among the arguments

    def error(self, message: str) -> None:  # type: ignore[override]
        _console_translations(self.language)
        self.print_usage(sys.stderr)
        say(QCoreApplication.translate("CommandLine", "Command line error: %1. Run “schooldesk --help” for help."),
            message, error=True)
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the command must not be reset by the command's own default.
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="data folder (default: $SCHOOLDESK_DATA_DIR or the user data folder)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help="interface language (default: zh_CN)")
    parser = _Parser(prog="schooldesk", description="SchoolDesk records desk", parents=[common])
    parser.add_argument("--version", action="version", version=f"SchoolDesk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    for family in FAMILIES:
        import_module(f"schooldesk.cli.{family}").add_parsers(commands, common)
    commands.add_parser("selftest", parents=[common],
                        help="open the main window offscreen on a temporary data folder (inside --data-dir if given)")
    return parser


def _language_in(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return DEFAULT_LANGUAGE


def _console_streams() -> None:
    """Chinese on every console. Python writes a Windows console in UTF-16 whatever its code page; a pipe or a
    file gets the ANSI code page, which on an English or European Windows (1252) cannot hold Chinese: UTF-8
    there rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue  # the windowed SchoolDesk.exe has no console
        try:
            "学校档案（）—".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            stream.reconfigure(encoding="utf-8")


def _reader_gone(error: OSError) -> bool:
    """`schooldesk backup | head -1`: the reader closed the pipe. Windows raises that as a bare EINVAL (as it
    does for a bad file name), so there the pipe itself is tried."""
    if isinstance(error, BrokenPipeError):
        return True
    if sys.platform != "win32" or error.errno != errno.EINVAL or error.filename is not None:
        return False
    import ctypes
    import msvcrt

    try:
        handle = msvcrt.get_osfhandle(sys.stdout.fileno())
    except (OSError, ValueError):
        return False
    kernel = ctypes.WinDLL("kernel32", use_last_error=True)
    written = ctypes.c_ulong(0)  # writing nothing succeeds while the reader is there
    broken = not kernel.WriteFile(ctypes.c_void_p(handle), b"", 0, ctypes.byref(written), None)
    return broken and ctypes.get_last_error() in (109, 232)  # ERROR_BROKEN_PIPE, ERROR_NO_DATA


def main(argv: Sequence[str] | None = None) -> int:
    _console_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    _Parser.language = _language_in(argv)
    if {"-h", "--help"} & set(argv):  # help in the user's language (only then: the rest starts as fast as before)
        from schooldesk.cli.help import localise, localise_argparse

        _console_translations(_Parser.language)
        localise_argparse()
        parser = build_parser()
        localise(parser)
    else:
        parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "data_dir", None)
    args.lang = getattr(args, "lang", None)  # None: the GUI uses the language chosen in Settings
    if args.command in (None, "gui"):
        from schooldesk.app import run_gui

        return run_gui(data_dir(args.data_dir), args.lang)
    if args.command == "selftest":
        from schooldesk.selftest import run_selftest

        return run_selftest(args.data_dir, args.lang)
    return _run_console(_command(args.command), args)


def _console_translations(language: str) -> None:
    """A QCoreApplication with translators, for commands that show no window."""
    from schooldesk.i18n import install_translations

    global _console_app
    _console_app = QCoreApplication.instance() or QCoreApplication(["schooldesk"])
    install_translations(language)


_console_app: QCoreApplication | None = None


def _writes(command: Command, args: argparse.Namespace) -> bool:
    """Commands that change the data folder (as they declare), and exports that record full ID numbers in the
    audit trail."""
    return command.writes or bool(getattr(args, "full_ids", False))


def _run_console(command: Command, args: argparse.Namespace) -> int:
    from schooldesk.diagnostics import log, start_logging, stop_logging
    from schooldesk.i18n import error_text

    _console_translations(args.lang or DEFAULT_LANGUAGE)
    folder = data_dir(args.data_dir)
    if folder.is_dir():
        try:
            start_logging(folder)
        except OSError:
            pass  # a read-only folder: the command itself will say what is wrong
    log.info("command %s", args.command)
    lock = None
    try:
        if _writes(command, args):
            from schooldesk.instance_lock import COMMAND_WAIT_MS, lock_data_dir

            lock = lock_data_dir(folder, COMMAND_WAIT_MS)  # the app's lock: one writer per data folder
        from schooldesk.services.access import command_line_rights

        args.rights = command_line_rights()  # given to each database the command opens (open_for_command)
        return command.run(args)
    except SchoolDeskError as error:
        log.warning("command %s refused: %s", args.command, error.message)
        say(error_text(error), error=True)
        return EXIT_ERROR
    except Exception as error:  # a bug: say so plainly rather than dump a traceback on the clerk
        if isinstance(error, OSError) and _reader_gone(error):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the reader has what it wanted
            return EXIT_OK
        log.exception("command %s failed", args.command)
        say(QCoreApplication.translate("CommandLine", "Unexpected error (%1). Please report it with the steps that led to it."),
            type(error).__name__, error=True)
        return EXIT_ERROR
    finally:
        if lock is not None:
            lock.unlock()
        stop_logging()


def _command(name: str) -> Command:
    """The command *name* as its family declares it (each family module's COMMANDS)."""
    return next(family.COMMANDS[name] for family in map(import_module, (f"schooldesk.cli.{f}" for f in FAMILIES))
                if name in family.COMMANDS)
