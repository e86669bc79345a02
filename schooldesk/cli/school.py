"""Command-line changes to the school's calendar: starting a new school year (升级)."""
from __future__ import annotations

import argparse
import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, say


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    year = commands.add_parser("new-school-year", parents=[common],
                               help="start a school year: its terms, classes one grade up, pupils moved, "
                                    "the top grade graduated (after a backup)")
    year.add_argument("--year", required=True, type=int, help="the new school year's start, e.g. 2026 for 2026—2027")
    year.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    year.add_argument("--json", action="store_true", help="print the plan as one JSON object")


def cmd_new_school_year(args: argparse.Namespace) -> int:
    from schooldesk.services.new_school_year import plan_as_dict, start_new_school_year

    db = open_existing(args)
    try:
        plan = start_new_school_year(db, args.year, dry_run=args.dry_run)
    finally:
        db.close()
    if args.json:
        print(json.dumps(plan_as_dict(plan, dry_run=args.dry_run), ensure_ascii=False, indent=1))
        return EXIT_OK
    for move in plan.classes:
        say(QCoreApplication.translate("CommandLine", "%1 → %2: %3 pupils (%4 repeat, %5 leave)"),
            move.from_name, move.to_name, len(move.pupils), move.count("repeat"), move.count("leave"))
    say(QCoreApplication.translate("CommandLine", "%1: %2 pupils move up, %3 graduate on %4; %5 classes."),
        plan.label_zh, plan.count("move_up"), plan.count("graduate"), plan.graduation_date.isoformat(),
        len(plan.new_classes))
    if args.dry_run:
        say(QCoreApplication.translate("CommandLine", "Dry run: nothing was written."))
    else:
        say(QCoreApplication.translate("CommandLine", "The new school year was started; a backup was taken first."))
    return EXIT_OK


COMMANDS = {"new-school-year": Command(cmd_new_school_year, writes=True)}
