"""What every command shares: messages in the user's language, exit codes, the password file, opening the data
folder's database with the rights the runner gave, the options of a spreadsheet import, and how a command
declares itself (its function and whether it writes: the data-folder lock follows from that)."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.config import data_dir
from schooldesk.domain.errors import SchoolDeskError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP, fill

EXIT_OK, EXIT_UNHEALTHY, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class Command:
    """One command: what runs it, and whether it changes the data folder (then it runs under the folder's
    lock, one writer at a time, as the app does)."""

    run: Callable[[argparse.Namespace], int]
    writes: bool = False


def say(text: str, *args: object, error: bool = False) -> None:
    """Print an already translated message with %1 … filled in."""
    print(fill(text, tuple(str(a) for a in args)), file=sys.stderr if error else sys.stdout)


def say_warnings(warnings: Sequence[SchoolDeskError]) -> None:
    """What a finished export wants the user to know, on stderr, one line each."""
    from schooldesk.i18n import error_text

    for warning in warnings:
        say(QCoreApplication.translate("CommandLine", "Warning: %1"), error_text(warning), error=True)


def read_password(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise SchoolDeskError(
            QT_TRANSLATE_NOOP("Errors", "The password file %1 cannot be read: %2"), path, reason
        ) from error
    return lines[0] if lines else ""


def open_for_command(args: argparse.Namespace, folder: Path | None = None):  # -> Database
    """Open (and migrate) the database of *folder* (the data folder) with the rights the command runner gave
    this command; a command not run by the runner has none, and the services refuse it."""
    from schooldesk.db.database import open_database

    db = open_database(folder or data_dir(args.data_dir))
    db.actor = getattr(args, "rights", None)
    return db


def open_existing(args: argparse.Namespace):  # -> Database
    """Open (and migrate) the data folder's database; a folder without one is an error, not a new school."""
    from schooldesk.db.database import database_path

    path = database_path(data_dir(args.data_dir))
    if not path.is_file():
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "There is no SchoolDesk database at %1."), path)
    return open_for_command(args, path.parent)


def import_options(command: argparse.ArgumentParser) -> None:
    """What every import of a spreadsheet takes: the file, a dry run, JSON, the sheet."""
    command.add_argument("file", help="the spreadsheet")
    command.add_argument("--dry-run", action="store_true", help="check and count only; write nothing")
    command.add_argument("--json", action="store_true", help="print the report as one JSON object")
    command.add_argument("--sheet", help="the sheet to read (default: the one shown when the file opens)")


def out_path(args: argparse.Namespace, kinds: tuple[str, ...] = (".xlsx", ".pdf")) -> Path:
    """--out checked: one of *kinds*, and never inside the data folder (exports/files.check_output)."""
    from schooldesk.exports.files import check_output

    path = Path(args.out)
    if path.suffix.lower() not in kinds:
        raise ValidationError("out", QT_TRANSLATE_NOOP("Errors", "The file name must end in %1."), " / ".join(kinds))
    return check_output(path, data_dir(args.data_dir))


def say_written(result: Any) -> None:
    """What a written PDF or workbook holds, and its warnings."""
    if hasattr(result, "pages"):
        say(QCoreApplication.translate("CommandLine", "Written: %1 (%2 pages)."), result.path, result.pages)
        say_warnings(result.warnings)
    else:
        say(QCoreApplication.translate("CommandLine", "Written: %1 (%2 rows)."), result.path, sum(result.rows.values()))
        for where in getattr(result, "replaced", ()):  # text stored before the forms dropped pasted control characters
            say(QCoreApplication.translate("CommandLine", "Warning: %1 held a character no workbook can hold; it is "
                                           "written as □. Correct that record."), where, error=True)


def note_handed_in(args: argparse.Namespace, key: str) -> None:
    """The calendar of what is due marks it done (services/hand_ins.py)."""
    from schooldesk.services.hand_ins import note_hand_in

    db = open_existing(args)
    try:
        note_hand_in(db, key)
    finally:
        db.close()
