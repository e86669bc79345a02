"""Command-line 活动记录: print an activity, the blank 家访记录表 for a pupil, or the semester's summary."""
from __future__ import annotations

import argparse
from typing import Any

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, out_path, say_written


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    printing = commands.add_parser("print-activity", parents=[common],
                                   help="write an activity record as PDF (or a blank 家访记录表, or the semester's summary)")
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, metavar="N", help="the activity to print")
    which.add_argument("--blank-home-visit", metavar="STUDENT_NUMBER_OR_ID",
                       help="a blank 家访记录表 with this pupil's details, to fill in on the visit")
    which.add_argument("--summary", action="store_true", help="the semester's 活动记录汇总 (.pdf or .xlsx)")
    printing.add_argument("--semester", help="for --summary, e.g. 2025-2026-1 (default: the current semester)")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")


def cmd_print_activity(args: argparse.Namespace) -> int:
    from schooldesk.exports import activity_pdf as pdf
    from schooldesk.services import activity_print as documents
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.semesters import chosen_semester

    out = out_path(args, (".pdf", ".xlsx") if args.summary else (".pdf",))
    db = open_existing(args)
    try:
        font = pdf_font_path(db)
        if args.id is not None:
            sheet = documents.activity_sheet(db, args.id)
            write: Any = lambda: pdf.write_activity_pdf(out, sheet, font_path=font)  # noqa: E731
        elif args.blank_home_visit:
            from schooldesk.services.pupils import find_pupil_id
            from schooldesk.services.semesters import working_school_year

            blank = documents.blank_home_visit(db, find_pupil_id(db, args.blank_home_visit), working_school_year(db))
            write = lambda: pdf.write_blank_home_visit_pdf(out, blank, font_path=font)  # noqa: E731
        else:
            summary = documents.activity_summary(db, chosen_semester(db, args.semester))
            write = (lambda: pdf.write_activity_summary_xlsx(out, summary)) if out.suffix.lower() == ".xlsx" else (
                lambda: pdf.write_activity_summary_pdf(out, summary, font_path=font))
    finally:
        db.close()
    say_written(write())
    return EXIT_OK


COMMANDS = {"print-activity": Command(cmd_print_activity)}
