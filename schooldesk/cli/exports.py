"""Command-line exports of the dropout-prevention files: registers, the monthly report, a pupil's file,
送教上门 logs and visit forms.

The commands choose where a document goes; services say what it shows and the kit in exports/ lays it
out. The output's kind follows its suffix (.xlsx or .pdf).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, note_handed_in, open_existing, out_path, say, say_written
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    register = commands.add_parser("export-register", parents=[common],
                                   help="write a register (台账) of a semester as .xlsx or .pdf")
    register.add_argument("name", nargs="?", metavar="NAME", help="the register (see --list), or all")
    register.add_argument("--list", action="store_true", help="print the register names and stop")
    register.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    register.add_argument("--out", metavar="FILE.xlsx|FILE.pdf", help="where to write it")
    register.add_argument("--full-ids", action="store_true",
                          help="full ID numbers instead of masked ones (recorded in the audit trail)")
    monthly = commands.add_parser("monthly-report", parents=[common],
                                  help="write the 控辍保学月报 of a month as .xlsx or .pdf")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help="e.g. 2026-10")
    monthly.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    monthly.add_argument("--full-ids", action="store_true", help="full ID numbers (recorded in the audit trail)")
    pupil = commands.add_parser("print-pupil", parents=[common],
                                help="write a pupil's file (学生档案), or one dropout case's 劝返记录表, as PDF")
    pupil.add_argument("--student", required=True, metavar="STUDENT_OR_ID_NUMBER",
                       help="the pupil's student number (学籍号) or ID number")
    pupil.add_argument("--case", type=int, metavar="CASE_ID", help="print this dropout case's 劝返记录表 instead")
    pupil.add_argument("--out", required=True, metavar="FILE.pdf")
    pupil.add_argument("--full-ids", action="store_true", help="full ID numbers (recorded in the audit trail)")
    printing = commands.add_parser("print-home-teaching", parents=[common],
                                   help="write a 送教上门 PDF: a child's semester log, one visit, or a blank visit form")
    printing.add_argument("--student", required=True, metavar="STUDENT_NUMBER_OR_ID",
                          help="the child's student number (学籍号) or ID number")
    printing.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    which = printing.add_mutually_exclusive_group()
    which.add_argument("--visit", type=int, metavar="VISIT_ID", help="print this one visit")
    which.add_argument("--blank", action="store_true", help="a blank visit form to fill in by hand")
    printing.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")


def cmd_export_register(args: argparse.Namespace) -> int:
    from schooldesk.exports.registers import REGISTERS, register_spec, write_registers_pdf, write_registers_xlsx
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.registers import register_book
    from schooldesk.services.semesters import chosen_semester

    if args.list:
        for spec in REGISTERS:
            say("%1\t%2", spec.name, spec.title)
        say("all\t%1", QCoreApplication.translate("CommandLine", "every register, one sheet each"))
        return EXIT_OK
    if not args.name or not args.out:
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "Name a register and give --out (schooldesk export-register "
                                                          "--list shows the names)."))
    specs = list(REGISTERS) if args.name == "all" else [register_spec(args.name)]
    out = out_path(args)
    db = open_existing(args)
    try:
        semester = chosen_semester(db, args.semester)
        book = register_book(db, semester, full_ids=args.full_ids)
        font = pdf_font_path(db)
    finally:
        db.close()
    if out.suffix.lower() == ".pdf":
        say_written(write_registers_pdf(out, book, specs, font_path=font))
    else:
        say_written(write_registers_xlsx(out, book, specs))
    return EXIT_OK


def cmd_monthly_report(args: argparse.Namespace) -> int:
    from schooldesk.exports.monthly_report import write_monthly_report_pdf, write_monthly_report_xlsx
    from schooldesk.services.hand_ins import monthly_key
    from schooldesk.services.monthly_report import monthly_report, parse_month
    from schooldesk.services.print_settings import pdf_font_path

    month = parse_month(args.month)
    out = out_path(args)
    db = open_existing(args)
    try:
        report = monthly_report(db, month, full_ids=args.full_ids)
        font = pdf_font_path(db)
    finally:
        db.close()
    if out.suffix.lower() == ".pdf":
        say_written(write_monthly_report_pdf(out, report, font_path=font))
    else:
        say_written(write_monthly_report_xlsx(out, report))
    note_handed_in(args, monthly_key(report.month))
    return EXIT_OK


def cmd_print_pupil(args: argparse.Namespace) -> int:
    from schooldesk.exports.pupil_file_pdf import write_case_pdf, write_pupil_file_pdf
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.pupil_file import pupil_file
    from schooldesk.services.pupils import find_pupil_id
    from schooldesk.services.semesters import working_school_year

    out = out_path(args, (".pdf",))
    db = open_existing(args)
    try:
        file = pupil_file(db, find_pupil_id(db, args.student), working_school_year(db), full_ids=args.full_ids)
        font = pdf_font_path(db)
    finally:
        db.close()
    if args.case is not None:
        say_written(write_case_pdf(out, file, args.case, font_path=font))
    else:
        say_written(write_pupil_file_pdf(out, file, font_path=font))
    return EXIT_OK


def cmd_print_home_teaching(args: argparse.Namespace) -> int:
    from schooldesk.config import data_dir
    from schooldesk.exports.files import check_output
    from schooldesk.exports.home_teaching_pdf import write_blank_form_pdf, write_semester_log_pdf, write_visit_pdf
    from schooldesk.services.home_teaching_log import find_plan, home_teaching_log
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.semesters import chosen_semester

    out = check_output(Path(args.out), data_dir(args.data_dir))
    db = open_existing(args)
    try:
        semester = chosen_semester(db, args.semester)
        log = home_teaching_log(db, find_plan(db, args.student, semester))
        font = pdf_font_path(db)
    finally:
        db.close()
    if args.visit is not None:
        say_written(write_visit_pdf(out, log, args.visit, font_path=font))
    elif args.blank:
        say_written(write_blank_form_pdf(out, log, font_path=font))
    else:
        say_written(write_semester_log_pdf(out, log, font_path=font))
    return EXIT_OK


COMMANDS = {"export-register": Command(cmd_export_register), "monthly-report": Command(cmd_monthly_report),
            "print-pupil": Command(cmd_print_pupil), "print-home-teaching": Command(cmd_print_home_teaching)}
