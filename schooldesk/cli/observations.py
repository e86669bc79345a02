"""Command-line 听课评课: print an observation (or the blank form, or a teacher's semester), the quota table,
and the semester's workbook."""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, out_path, say, say_written


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    printing = commands.add_parser("print-observation", parents=[common],
                                   help="write a 听课记录 as PDF: one observation, a blank form, or a teacher's semester")
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, metavar="N", help="the observation to print")
    which.add_argument("--blank", action="store_true", help="a blank 听课记录表 in the school's default rubric")
    which.add_argument("--teacher", metavar="NAME", help="this teacher's 听课记录汇总 for --semester")
    printing.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    printing.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    quotas = commands.add_parser("observation-quotas", parents=[common],
                                 help="each teacher's lessons observed against their quota for a semester")
    quotas.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    quotas.add_argument("--json", action="store_true", help="one JSON object per teacher")
    export = commands.add_parser("export-observations", parents=[common],
                                 help="write a semester's observations and quota table as .xlsx")
    export.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    export.add_argument("--out", required=True, metavar="FILE.xlsx")


def teacher_id_named(db: Any, name: str) -> int:
    """The one school teacher called *name* (an error when none or several are)."""
    from schooldesk.domain.errors import NotFoundError
    from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
    from schooldesk.services.teachers import list_teachers

    found = [t.id for t in list_teachers(db) if t.name == name.strip()]
    if len(found) != 1:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "No single teacher is called “%1”."), name)
    return found[0]


def cmd_print_observation(args: argparse.Namespace) -> int:
    from schooldesk.exports import observation_pdf as pdf
    from schooldesk.services import observation_print as documents
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.semesters import chosen_semester

    out = out_path(args, (".pdf",))
    db = open_existing(args)
    try:
        font = pdf_font_path(db)
        if args.id is not None:
            sheet = documents.observation_sheet(db, args.id)
            write = lambda: pdf.write_observation_pdf(out, sheet, font_path=font)  # noqa: E731
        elif args.blank:
            blank = documents.blank_observation_form(db, chosen_semester(db, args.semester))
            write = lambda: pdf.write_blank_observation_pdf(out, blank, font_path=font)  # noqa: E731
        else:
            log = documents.teacher_observation_log(db, teacher_id_named(db, args.teacher), chosen_semester(db, args.semester),
                                                    date.today())
            write = lambda: pdf.write_teacher_summary_pdf(out, log, font_path=font)  # noqa: E731
    finally:
        db.close()
    say_written(write())
    return EXIT_OK


def cmd_observation_quotas(args: argparse.Namespace) -> int:
    from schooldesk.services.observation_quotas import quota_table
    from schooldesk.services.semesters import chosen_semester

    db = open_existing(args)
    try:
        semester = chosen_semester(db, args.semester)
        rows = quota_table(db, semester, date.today())
    finally:
        db.close()
    if args.json:
        print(json.dumps([{"teacher": r.teacher, "roles": list(r.roles), "observed": r.observed, "required": r.required,
                           "observed_by_others": r.observed_by_others, "due_now": r.due_now, "behind": r.behind,
                           "weeks_left": r.weeks_left} for r in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    say(QCoreApplication.translate("CommandLine", "%1: lessons observed against each teacher's quota"), semester.label_zh)
    for r in rows:
        mark = QCoreApplication.translate("CommandLine", "behind") if r.behind else ""
        say("%1\t%2\t%3 / %4\t%5\t%6", r.teacher, "、".join(r.roles), r.observed, r.required, r.observed_by_others, mark)
    return EXIT_OK


def cmd_export_observations(args: argparse.Namespace) -> int:
    from schooldesk.exports.observation_pdf import write_observations_xlsx
    from schooldesk.services.observation_print import observation_book
    from schooldesk.services.semesters import chosen_semester

    out = out_path(args, (".xlsx",))
    db = open_existing(args)
    try:
        book = observation_book(db, chosen_semester(db, args.semester), date.today())
    finally:
        db.close()
    say_written(write_observations_xlsx(Path(out), book))
    return EXIT_OK


COMMANDS = {"print-observation": Command(cmd_print_observation),
            "observation-quotas": Command(cmd_observation_quotas),
            "export-observations": Command(cmd_export_observations)}
