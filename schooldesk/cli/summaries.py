"""Command-line work summaries and the calendar of what is due: draft-summary writes a family's 工作总结 as an
editable Word document from the records; due-dates lists what the office must hand in and whether it is done."""
from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, out_path, say

FAMILY_CHOICES = ("dropout", "home-teaching", "observation", "mentorship", "activities")


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    draft = commands.add_parser("draft-summary", parents=[common],
                                help="draft a family's work summary (工作总结) from the records as a Word document")
    draft.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    draft.add_argument("--family", required=True, choices=FAMILY_CHOICES, help="which records the summary is about")
    draft.add_argument("--out", required=True, metavar="FILE.docx", help="where to write it")
    draft.add_argument("--json", action="store_true", help="print the path and every figure the summary states")
    due = commands.add_parser("due-dates", parents=[common],
                              help="the calendar of what is due this semester (月报, 报送材料, 工作总结, 摸底, 频次要求)")
    due.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    due.add_argument("--json", action="store_true", help="print the items as one JSON object")


def cmd_draft_summary(args: argparse.Namespace) -> int:
    from schooldesk.exports.summary_docx import write_summary_docx
    from schooldesk.services.hand_ins import note_hand_in, summary_key
    from schooldesk.services.semesters import chosen_semester
    from schooldesk.services.work_summary import work_summary

    out = out_path(args, (".docx",))
    db = open_existing(args)
    try:
        semester = chosen_semester(db, args.semester)
        summary = work_summary(db, semester, args.family)
        path = write_summary_docx(out, summary)
        note_hand_in(db, summary_key(args.family, semester))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"path": str(path), "figures": summary.figures}, ensure_ascii=False, indent=1))
        return EXIT_OK
    say(QCoreApplication.translate("CommandLine", "Written: %1 (%2 figures; complete the parts marked 【请补充】)."),
        path, len(summary.figures))
    return EXIT_OK


def cmd_due_dates(args: argparse.Namespace) -> int:
    from schooldesk.services.due_dates import due_items
    from schooldesk.services.semesters import chosen_semester

    db = open_existing(args)
    try:
        items = due_items(db, chosen_semester(db, args.semester))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"items": [i.as_json() for i in items]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    today = date.today()
    for item in items:
        state = (QCoreApplication.translate("CommandLine", "done") if item.done else
                 QCoreApplication.translate("CommandLine", "overdue") if item.date < today else
                 QCoreApplication.translate("CommandLine", "to do"))
        say("%1  %2  %3", item.date.isoformat(), state, item.what)
    return EXIT_OK


COMMANDS = {"draft-summary": Command(cmd_draft_summary), "due-dates": Command(cmd_due_dates)}
