"""Setting up a data folder from the command line: a school without the wizard, the demo school, and a new
administrator password with the recovery code."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, Command, open_existing, open_for_command, read_password, say


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser("init", parents=[common], help="set up a school without the wizard")
    init.add_argument("--school-name", required=True)
    init.add_argument("--school-code", required=True, help="10-digit 学校标识码")
    init.add_argument("--year", required=True, type=int, help="school year start, e.g. 2025 for 2025—2026")
    init.add_argument("--admin", required=True, help="administrator user name")
    init.add_argument("--password-file", required=True, help="file whose first line is the password")
    init.add_argument("--county", default="")
    init.add_argument("--township", default="")
    init.add_argument("--school-type", choices=("primary", "junior", "nine_year", "teaching_point"),
                      help="小学, 初级中学, 九年一贯制学校 or 教学点 (else guessed from the classes)")
    commands.add_parser("demo", parents=[common], help="create a demo school with synthetic data")
    recover = commands.add_parser("recover-admin", parents=[common],
                                  help="set a new administrator password with the recovery code from set-up")
    recover.add_argument("--code", required=True, help="the recovery code written down at set-up")
    recover.add_argument("--admin", required=True, help="administrator user name (created if missing)")
    recover.add_argument("--password-file", required=True, help="file whose first line is the new password")


def cmd_init(args: argparse.Namespace) -> int:
    from schooldesk.domain.semester import default_term_dates, validate_school_year
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    password = read_password(Path(args.password_file))
    term1, term2 = default_term_dates(validate_school_year(args.year))
    details = SchoolDetails(args.school_name, args.school_code, county=args.county, township=args.township)
    db = open_for_command(args)
    try:
        code = set_up_school(db, school=details, term1=term1, term2=term2,
                             admin_username=args.admin, admin_password=password, school_type=args.school_type)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "School “%1” set up in %2."), args.school_name.strip(), db.path.parent)
    say(QCoreApplication.translate("CommandLine", "Recovery code (write it down; it is shown only now): %1"), code)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from schooldesk.services.demo import DEMO_ADMIN, DEMO_PASSWORD, DEMO_SCHOOL, create_demo_school

    db = open_for_command(args)
    try:
        create_demo_school(db)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "Demo school “%1” created in %2."), DEMO_SCHOOL.name, db.path.parent)
    say(QCoreApplication.translate("CommandLine", "Log in as %1 with the password %2."), DEMO_ADMIN, DEMO_PASSWORD)
    return EXIT_OK


def cmd_recover_admin(args: argparse.Namespace) -> int:
    from schooldesk.services.users import recover_admin

    password = read_password(Path(args.password_file))
    db = open_existing(args)
    try:
        code = recover_admin(db, args.code, args.admin, password)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "The password of administrator %1 was set."), args.admin.strip())
    say(QCoreApplication.translate("CommandLine", "The old recovery code is used up. New recovery code (write it down): %1"), code)
    return EXIT_OK


COMMANDS = {"init": Command(cmd_init, writes=True), "demo": Command(cmd_demo, writes=True),
            "recover-admin": Command(cmd_recover_admin, writes=True)}
