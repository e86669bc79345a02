"""Command-line 师徒结对: each pair's progress against its targets, and its printed documents."""
from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, out_path, say, say_written


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    progress = commands.add_parser("mentorship-progress", parents=[common],
                                   help="each 师徒结对 pair's targets against what was done in a semester")
    progress.add_argument("--school-year", type=int, help="e.g. 2025 for 2025—2026 (default: the semester's)")
    progress.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    progress.add_argument("--json", action="store_true", help="one JSON object per pair")
    printing = commands.add_parser("print-mentorship", parents=[common],
                                   help="write a pair's agreement, semester record or assessment form as PDF")
    printing.add_argument("--pair", type=int, required=True, metavar="N", help="the pair's number")
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--agreement", action="store_true", help="the 师徒结对协议书")
    which.add_argument("--record", action="store_true", help="the pair's record for --semester")
    which.add_argument("--assessment", action="store_true", help="the year-end 考核表")
    printing.add_argument("--semester", help="for --record, e.g. 2025-2026-1 (default: the current semester)")
    printing.add_argument("--out", required=True, metavar="FILE.pdf")


def cmd_mentorship_progress(args: argparse.Namespace) -> int:
    from schooldesk.services.mentorship_targets import year_progress
    from schooldesk.services.semesters import chosen_semester

    db = open_existing(args)
    try:
        semester = chosen_semester(db, args.semester)
        rows = year_progress(db, args.school_year or semester.school_year, semester, date.today())
    finally:
        db.close()
    if args.json:
        print(json.dumps([{
            "pair": r.pair.id, "mentor": r.pair.mentor.name, "apprentice": r.pair.apprentice.name,
            "subject": r.pair.subject, "status": r.pair.status, "behind": r.behind,
            "targets": [{"name": t.name, "required": t.required, "done": t.done, "per": t.per} for t in r.targets],
        } for r in rows], ensure_ascii=False, indent=1))
        return EXIT_OK
    for r in rows:
        mark = QCoreApplication.translate("CommandLine", "behind") if r.behind else ""
        say("%1\t%2\t%3\t%4\t%5\t%6", r.pair.id, r.pair.names, r.pair.subject, r.pair.status, r.summary, mark)
    return EXIT_OK


def cmd_print_mentorship(args: argparse.Namespace) -> int:
    from schooldesk.exports import mentorship_pdf as pdf
    from schooldesk.services import mentorship_print as documents
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.semesters import chosen_semester

    out = out_path(args, (".pdf",))
    db = open_existing(args)
    try:
        font = pdf_font_path(db)
        if args.agreement:
            document: Any = documents.agreement_document(db, args.pair)
            writer: Any = pdf.write_agreement_pdf
        elif args.record:
            document = documents.pair_record_document(db, args.pair, chosen_semester(db, args.semester), date.today())
            writer = pdf.write_pair_record_pdf
        else:
            document = documents.assessment_document(db, args.pair, date.today())
            writer = pdf.write_assessment_pdf
    finally:
        db.close()
    say_written(writer(out, document, font_path=font))
    return EXIT_OK


COMMANDS = {"mentorship-progress": Command(cmd_mentorship_progress),
            "print-mentorship": Command(cmd_print_mentorship)}
