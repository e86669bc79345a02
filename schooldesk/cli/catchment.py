"""Command-line 适龄儿童摸底: import the villages' 户籍 list, the report of where every child is, and the 学籍核查
against a fresh export of the 学籍 system."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, import_options, open_existing, out_path, say, say_written


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    catchment = commands.add_parser("import-catchment", parents=[common],
                                    help="import the villages' 户籍 list of children (.xlsx/.xls) and reconcile it "
                                         "with the register")
    import_options(catchment)
    catchment.add_argument("--school-year", type=int,
                           help="school year whose 31 August decides compulsory age, e.g. 2025 (default: the current one)")
    report = commands.add_parser("catchment-report", parents=[common],
                                 help="the 适龄儿童摸底 report: counts by 去向 and village, 本在外 with proof, 外在本, "
                                      "to verify")
    report.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    report.add_argument("--out", metavar="FILE.xlsx|FILE.pdf", help="where to write it")
    report.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    report.add_argument("--full-ids", action="store_true", help="full ID numbers (recorded in the audit trail)")
    check = commands.add_parser("check-student-status", parents=[common],
                                help="学籍核查: compare the register with a 学籍 system export (.xlsx/.xls)")
    check.add_argument("file", help="the 学籍 system's export")
    check.add_argument("--json", action="store_true", help="print the differences as one JSON object")
    check.add_argument("--sheet", help="the sheet to read (default: the one shown when the file opens)")


def cmd_import_catchment(args: argparse.Namespace) -> int:
    from schooldesk.cli.imports import read_import, say_import, say_problems
    from schooldesk.i18n import error_text
    from schooldesk.services.catchment_import import import_catchment_file
    from schooldesk.services.school import get_school
    from schooldesk.services.semesters import working_school_year

    db = open_existing(args)
    try:
        year = args.school_year or working_school_year(db)
        school = get_school(db)
        _, report = read_import(args, lambda: import_catchment_file(
            db, Path(args.file), year, dry_run=args.dry_run, sheet_name=args.sheet, county=school.county if school else ""))
    finally:
        db.close()
    result = report.as_json(error_text)
    if say_import(args, report, result):
        say(QCoreApplication.translate(
            "CommandLine", "Matched by ID number: %1; by name and birth date (to confirm): %2; not on the register: "
                           "%3; not of compulsory age: %4; ID number wrong or blank (flagged): %5."),
            report.matched_by_id, report.matched_by_name_and_birth, report.unmatched, report.not_of_compulsory_age,
            report.flagged)
        say_problems(report, result)
    return EXIT_OK


def report_counts(report: Any) -> dict[str, object]:
    """catchment-report --json: the counts by 去向 and village, 本在外 with proof, 外在本, to verify."""
    return {
        "semester": report.semester.code, "as_of": report.as_of.isoformat(), "children": len(report.children),
        "not_of_compulsory_age": report.not_of_age,
        "by_destination": {name: count for name, _group, count in report.by_destination},
        "by_village": [{"village": v.village, "children": v.children, "in_school": v.in_school,
                        "out_of_school": v.out_of_school, "not_counted": v.not_counted, "to_verify": v.to_verify}
                       for v in report.by_village],
        "elsewhere": len(report.elsewhere), "elsewhere_with_proof": report.elsewhere_with_proof,
        "elsewhere_proof_rate": report.proof_rate, "outside_pupils": len(report.outside_pupils),
        "to_verify": len(report.to_verify), "suspected_out_of_school": len(report.suspected),
        "flagged": len(report.flagged), "enrolment_rate": report.enrolment_rate,
        "disabled_enrolment_rate": report.disabled_rate,
    }


def cmd_catchment_report(args: argparse.Namespace) -> int:
    from schooldesk.services.catchment_report import catchment_report
    from schooldesk.services.semesters import chosen_semester

    out = out_path(args) if args.out else None
    db = open_existing(args)
    try:
        report = catchment_report(db, chosen_semester(db, args.semester), full_ids=args.full_ids)
        if out is not None:
            if out.suffix.lower() == ".pdf":
                from schooldesk.exports.catchment_sheets import write_catchment_pdf
                from schooldesk.services.print_settings import pdf_font_path

                result: Any = write_catchment_pdf(out, report, font_path=pdf_font_path(db))
            else:
                from schooldesk.exports.catchment_sheets import write_catchment_xlsx

                result = write_catchment_xlsx(out, report)
    finally:
        db.close()
    if args.json:
        print(json.dumps(report_counts(report), ensure_ascii=False, indent=1))
    else:
        say(QCoreApplication.translate(
            "CommandLine", "Children of compulsory age: %1; to verify: %2; 本在外: %3 (with proof: %4); 外在本: %5; "
                           "enrolment rate: %6."),
            len(report.children), len(report.to_verify), len(report.elsewhere), report.elsewhere_with_proof,
            len(report.outside_pupils), report.enrolment_rate)
        for name, _group, count in report.by_destination:
            if count:
                say("  %1: %2", name, count)
    if out is not None and not args.json:
        say_written(result)
    return EXIT_OK


def cmd_check_student_status(args: argparse.Namespace) -> int:
    from schooldesk.services.semesters import working_school_year
    from schooldesk.services.student_status_check import FIELDS, check_student_status_file

    db = open_existing(args)
    try:
        check = check_student_status_file(db, Path(args.file), working_school_year(db), sheet_name=args.sheet)
    finally:
        db.close()
    if args.json:
        print(json.dumps(check.as_dict(), ensure_ascii=False, indent=1))
        return EXIT_OK
    say(QCoreApplication.translate(
        "CommandLine", "Rows read: %1; pupils on roll: %2; only in the file: %3; only in the register: %4; "
                       "differences: %5."),
        check.rows_read, check.on_roll, len(check.only_in_file), len(check.only_in_register), len(check.differences))
    for missing in check.only_in_file:
        say(QCoreApplication.translate("CommandLine", "Only in the file (row %1): %2 %3"), missing.row, missing.name,
            missing.detail)
    for missing in check.only_in_register:
        say(QCoreApplication.translate("CommandLine", "Only in the register: %1 %2"), missing.name, missing.detail)
    for difference in check.differences:
        say(QCoreApplication.translate("CommandLine", "%1 (row %2): %3 is %4 here, %5 in the file"), difference.name,
            difference.row, FIELDS[difference.field], difference.ours or "—", difference.theirs)
    return EXIT_OK


COMMANDS = {"import-catchment": Command(cmd_import_catchment, writes=True),
            "catchment-report": Command(cmd_catchment_report),
            "check-student-status": Command(cmd_check_student_status)}
