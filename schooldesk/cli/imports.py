"""Command-line imports of a spreadsheet (the pupils' roster, the list of teachers): one way to report them, as
JSON for scripts or as counts and the problems by row for a technician.

Messages go through ``QCoreApplication.translate("CommandLine", ...)`` written out in full, as in cli/main.py.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, import_options, open_existing, say
from schooldesk.domain.i18n import fill

MAX_LISTED_PROBLEMS = 50
T = TypeVar("T")


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    students = commands.add_parser("import-students", parents=[common],
                                   help="import pupils from an .xlsx/.xls roster (student-status system export)")
    import_options(students)
    students.add_argument("--school-year", type=int,
                          help="school year the classes belong to, e.g. 2025 (default: the current one)")
    teachers = commands.add_parser("import-teachers", parents=[common],
                                   help="import teachers from an .xlsx/.xls list (姓名, 性别, 任教学科, 联系电话, 职务)")
    import_options(teachers)


def cmd_import_students(args: argparse.Namespace) -> int:
    from schooldesk.i18n import error_text
    from schooldesk.services.pupil_import import import_pupil_file, report_as_dict
    from schooldesk.services.semesters import working_school_year

    db = open_existing(args)
    try:
        year = args.school_year or working_school_year(db)
        _, report = read_import(args, lambda: import_pupil_file(db, Path(args.file), year, dry_run=args.dry_run,
                                                                sheet_name=args.sheet))
    finally:
        db.close()
    result = report_as_dict(report, error_text)
    if not say_import(args, report, result):
        return EXIT_OK
    if report.foreign_school_codes:
        say(QCoreApplication.translate("CommandLine", "Warning: the file is of another school (学校标识码 %1)."),
            "、".join(report.foreign_school_codes))
    say_problems(report, result, [
        fill(QCoreApplication.translate("CommandLine", "Row %1 repeats the pupil of row %2 and was skipped."),
             (str(d.row), str(d.first_row)))
        for d in report.duplicates
    ])
    return EXIT_OK


def read_import(args: argparse.Namespace, read: Callable[[], T]) -> T:
    """Run an import; a file that cannot be read at all is also said as JSON with --json, then raised (exit 2)."""
    from schooldesk.i18n import error_text
    from schooldesk.imports.spreadsheet import UnreadableFileError

    try:
        return read()
    except UnreadableFileError as error:
        if args.json:
            print(json.dumps({"error": {"code": "unreadable", "message": error_text(error)}}, ensure_ascii=False))
        raise


def say_import(args: argparse.Namespace, report: Any, result: dict[str, Any]) -> bool:
    """An import's report: as JSON with --json (False: nothing more to say), else its sheet and a dry run named."""
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return False
    say(QCoreApplication.translate("CommandLine", "Sheet read: %1"), report.sheet)
    if args.dry_run:
        say(QCoreApplication.translate("CommandLine", "Dry run: nothing was written."))
    return True


def say_problems(report: Any, result: dict[str, Any], more: Sequence[str] = ()) -> None:
    """An import's counts and its problems by row (the first ones; --json has them all)."""
    say(QCoreApplication.translate("CommandLine", "Rows read: %1; new: %2; updated: %3; unchanged: %4; skipped: %5."),
        report.rows_read, report.new, report.updated, report.unchanged, report.skipped)
    lines = [
        fill(QCoreApplication.translate("CommandLine", "%1, row %2, column %3: %4"), (kind, str(p["row"]),
             str(p["column"] or "-"), str(p["message"])))
        for kind, problems in ((QCoreApplication.translate("CommandLine", "Error"), result["errors"]),
                               (QCoreApplication.translate("CommandLine", "Warning"), result["warnings"]))
        for p in problems
    ] + list(more)
    for line in lines[:MAX_LISTED_PROBLEMS]:
        say(line)
    if len(lines) > MAX_LISTED_PROBLEMS:
        say(QCoreApplication.translate("CommandLine", "… and %1 more (use --json for the full list)."),
            len(lines) - MAX_LISTED_PROBLEMS)


def cmd_import_teachers(args: argparse.Namespace) -> int:
    from schooldesk.i18n import error_text
    from schooldesk.services.teacher_import import import_teacher_file

    db = open_existing(args)
    try:
        _, report = import_teacher_file(db, Path(args.file), dry_run=args.dry_run, sheet_name=args.sheet)
    finally:
        db.close()
    result = report.as_dict(error_text)
    if say_import(args, report, result):
        say_problems(report, result)
    return EXIT_OK


COMMANDS = {"import-students": Command(cmd_import_students, writes=True),
            "import-teachers": Command(cmd_import_teachers, writes=True)}
