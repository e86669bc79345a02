"""Command-line teacher's file (教师专业成长档案): print one teacher's file for a semester or a school year,
with its counts as JSON for scripts."""
from __future__ import annotations

import argparse
import json
from typing import Any

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, out_path, say_written


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    printing = commands.add_parser("print-teacher", parents=[common],
                                   help="write a teacher's file (教师专业成长档案) for a semester or a school year as PDF")
    printing.add_argument("--teacher", required=True, metavar="NAME", help="the teacher's name")
    period = printing.add_mutually_exclusive_group()
    period.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    period.add_argument("--year", metavar="Y", help="a whole school year, e.g. 2025 (for 2025—2026)")
    printing.add_argument("--out", metavar="FILE.pdf", help="where to write the PDF (may be left out with --json)")
    printing.add_argument("--json", action="store_true",
                          help="print the counts as JSON (lessons_observed, training_hours, home_visits …)")


def cmd_print_teacher(args: argparse.Namespace) -> int:
    from schooldesk.cli.observations import teacher_id_named
    from schooldesk.domain.errors import ValidationError
    from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.teacher_file import file_period, teacher_file

    if not args.out and not args.json:
        raise ValidationError("out", QT_TRANSLATE_NOOP("Errors", "Give --out FILE.pdf (or --json for the counts only)."))
    out = out_path(args, (".pdf",)) if args.out else None
    db = open_existing(args)
    try:
        period = file_period(db, args.semester, args.year)
        file = teacher_file(db, teacher_id_named(db, args.teacher), period)
        font = pdf_font_path(db)
    finally:
        db.close()
    written = None
    if out is not None:
        from schooldesk.exports.teacher_file_pdf import write_teacher_file_pdf

        written = write_teacher_file_pdf(out, file, font_path=font)
    if args.json:
        print(json.dumps({**file.figures.as_json(), "period": period.label, "start": period.start.isoformat(),
                          "end": period.end.isoformat(), "file": str(written.path) if written else None,
                          "pages": written.pages if written else None}, ensure_ascii=False, indent=1))
    elif written is not None:
        say_written(written)
    return EXIT_OK


COMMANDS = {"print-teacher": Command(cmd_print_teacher)}
