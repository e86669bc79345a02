"""The command line: the same services as the GUI, for scripts, tests and technicians.

Messages go through ``QCoreApplication.translate("CommandLine", ...)`` written out in full, the
form lupdate finds; errors go to stderr in the user's language with exit code 2.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from schooldesk import __version__
from schooldesk.config import DEFAULT_LANGUAGE, LANGUAGES, data_dir
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill

EXIT_OK, EXIT_UNHEALTHY, EXIT_ERROR = 0, 1, 2


def say(text: str, *args: object, error: bool = False) -> None:
    """Print an already translated message with %1 … filled in."""
    print(fill(text, tuple(str(a) for a in args)), file=sys.stderr if error else sys.stdout)


def say_warnings(warnings: Sequence[SchoolDeskError]) -> None:
    """What a finished export wants the user to know, on stderr, one line each."""
    from schooldesk.i18n import error_text

    for warning in warnings:
        say(QCoreApplication.translate("CommandLine", "Warning: %1"), error_text(warning), error=True)


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
    init = commands.add_parser("init", parents=[common], help="set up a school without the wizard")
    init.add_argument("--school-name", required=True)
    init.add_argument("--school-code", required=True, help="10-digit 学校标识码")
    init.add_argument("--year", required=True, type=int, help="school year start, e.g. 2025 for 2025—2026")
    init.add_argument("--admin", required=True, help="administrator user name")
    init.add_argument("--password-file", required=True, help="file whose first line is the password")
    init.add_argument("--county", default="")
    init.add_argument("--township", default="")
    init.add_argument("--school-type", choices=("primary", "junior", "nine_year", "teaching_point"),
                      help="小学, 初级中学, 九年一贯制学校 or 教学点 (else guessed from the classes)")
    commands.add_parser("demo", parents=[common], help="create a demo school with synthetic data")
    commands.add_parser("check", parents=[common], help="check the database; exit 0 when healthy")
    backup = commands.add_parser("backup", parents=[common], help="take a verified backup now")
    backup.add_argument("--out", help="folder to write it to, e.g. a USB stick (default: the data folder's backups/)")
    backup.add_argument("--password-file", help="with --out: seal the backup and its photos in an AES-256 zip "
                                                "with the password on this file's first line")
    restore = commands.add_parser("restore", parents=[common],
                                  help="replace the database with a backup (the current one is backed up first)")
    restore.add_argument("file", help="a backup file (schooldesk-*.sqlite3, or a sealed schooldesk-*.zip)")
    restore.add_argument("--password-file", help="the password of a sealed backup, on this file's first line")
    students = commands.add_parser("import-students", parents=[common],
                                   help="import pupils from an .xlsx/.xls roster (student-status system export)")
    _import_options(students)
    students.add_argument("--school-year", type=int,
                          help="school year the classes belong to, e.g. 2025 (default: the current one)")
    teachers = commands.add_parser("import-teachers", parents=[common],
                                   help="import teachers from an .xlsx/.xls list (姓名, 性别, 任教学科, 联系电话, 职务)")
    _import_options(teachers)
    recover = commands.add_parser("recover-admin", parents=[common],
                                  help="set a new administrator password with the recovery code from set-up")
    recover.add_argument("--code", required=True, help="the recovery code written down at set-up")
    recover.add_argument("--admin", required=True, help="administrator user name (created if missing)")
    recover.add_argument("--password-file", required=True, help="file whose first line is the new password")
    from schooldesk import (
        cli_activities, cli_bundle, cli_catchment, cli_exports, cli_mentorship, cli_observations, cli_photos, cli_school,
        cli_summaries,
    )

    cli_exports.add_parsers(commands, common)
    cli_catchment.add_parsers(commands, common)
    cli_photos.add_parsers(commands, common)
    cli_observations.add_parsers(commands, common)
    cli_mentorship.add_parsers(commands, common)
    cli_activities.add_parsers(commands, common)
    cli_summaries.add_parsers(commands, common)
    cli_bundle.add_parsers(commands, common)
    cli_school.add_parsers(commands, common)
    commands.add_parser("selftest", parents=[common],
                        help="open the main window offscreen on a temporary data folder (inside --data-dir if given)")
    return parser


def _import_options(command: argparse.ArgumentParser) -> None:
    """What every import of a spreadsheet takes: the file, a dry run, JSON, the sheet."""
    command.add_argument("file", help="the spreadsheet")
    command.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")
    command.add_argument("--json", action="store_true", help="print the report as one JSON object")
    command.add_argument("--sheet", help="the sheet to read (default: the one shown when the file opens)")


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
        from schooldesk.cli_help import localise, localise_argparse

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


WRITING_COMMANDS = frozenset({"init", "demo", "backup", "restore", "import-students", "import-teachers",
                              "import-catchment", "receive-photos", "recover-admin",
                              "new-school-year"})


def _writes(args: argparse.Namespace) -> bool:
    """Commands that change the data folder, and exports that record full ID numbers in the audit trail."""
    return args.command in WRITING_COMMANDS or bool(getattr(args, "full_ids", False))


def _run_console(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from schooldesk.i18n import error_text

    from schooldesk.diagnostics import log, start_logging, stop_logging

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
        if _writes(args):
            from schooldesk.instance_lock import COMMAND_WAIT_MS, lock_data_dir

            lock = lock_data_dir(folder, COMMAND_WAIT_MS)  # the app's lock: one writer per data folder
        from schooldesk.services.access import command_line_rights

        args.rights = command_line_rights()  # given to each database the command opens (open_for_command)
        return command(args)
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


def _read_password(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SchoolDeskError(
            QT_TRANSLATE_NOOP("Errors", "The password file %1 cannot be read: %2"), path, reason
        ) from error
    return lines[0] if lines else ""


def _cmd_init(args: argparse.Namespace) -> int:
    from schooldesk.domain.semester import default_term_dates, validate_school_year
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    password = _read_password(Path(args.password_file))
    term1, term2 = default_term_dates(validate_school_year(args.year))
    details = SchoolDetails(args.school_name, args.school_code, county=args.county, township=args.township)
    db = open_for_command(args)
    try:
        code = set_up_school(db, school=details, term1=term1, term2=term2,
                             admin_username=args.admin, admin_password=password, school_type=args.school_type)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "School “%1” set up in %2."), args.school_name.strip(), db.path.parent)
    say(QCoreApplication.translate("CommandLine", "Recovery code (write it down; it is shown only now): %1"), code)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from schooldesk.services.demo import DEMO_ADMIN, DEMO_PASSWORD, DEMO_SCHOOL, create_demo_school

    db = open_for_command(args)
    try:
        create_demo_school(db)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "Demo school “%1” created in %2."), DEMO_SCHOOL.name, db.path.parent)
    say(QCoreApplication.translate("CommandLine", "Log in as %1 with the password %2."), DEMO_ADMIN, DEMO_PASSWORD)
    return EXIT_OK


def open_for_command(args: argparse.Namespace, folder: Path | None = None):  # -> Database
    """Open (and migrate) the database of *folder* (the data folder) with the rights the command runner gave
    this command; a command not run by the runner has none, and the services refuse it."""
    from schooldesk.db.database import open_database

    db = open_database(folder or data_dir(args.data_dir))
    db.actor = getattr(args, "rights", None)
    return db


def _open_existing(args: argparse.Namespace):  # -> Database
    """Open (and migrate) the data folder's database; a folder without one is an error, not a new school."""
    from schooldesk.db.database import database_path

    path = database_path(data_dir(args.data_dir))
    if not path.is_file():
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "There is no SchoolDesk database at %1."), path)
    return open_for_command(args, path.parent)


def _cmd_recover_admin(args: argparse.Namespace) -> int:
    from schooldesk.services.users import recover_admin

    password = _read_password(Path(args.password_file))
    db = _open_existing(args)
    try:
        code = recover_admin(db, args.code, args.admin, password)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "The password of administrator %1 was set."), args.admin.strip())
    say(QCoreApplication.translate("CommandLine", "The old recovery code is used up. New recovery code (write it down): %1"), code)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "recover-admin": _cmd_recover_admin,
    "init": _cmd_init,
    "demo": _cmd_demo,
}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    from schooldesk.cli_data import COMMANDS as DATA
    from schooldesk.cli_imports import COMMANDS as IMPORTS
    from schooldesk.cli_exports import COMMANDS as EXPORTS
    from schooldesk.cli_activities import COMMANDS as ACTIVITIES
    from schooldesk.cli_bundle import COMMANDS as BUNDLE
    from schooldesk.cli_catchment import COMMANDS as CATCHMENT
    from schooldesk.cli_photos import COMMANDS as PHOTOS
    from schooldesk.cli_mentorship import COMMANDS as MENTORSHIP
    from schooldesk.cli_observations import COMMANDS as OBSERVATIONS
    from schooldesk.cli_school import COMMANDS as SCHOOL
    from schooldesk.cli_summaries import COMMANDS as SUMMARIES

    return {**COMMANDS, **ACTIVITIES, **BUNDLE, **CATCHMENT, **PHOTOS, **DATA, **EXPORTS, **IMPORTS, **MENTORSHIP,
            **OBSERVATIONS, **SCHOOL, **SUMMARIES}[name]
