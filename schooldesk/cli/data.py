"""Command-line care of the data itself: check it, back it up (to a stick, sealed or not), restore it.

Messages go through ``QCoreApplication.translate("CommandLine", ...)`` written out in full, as in cli/main.py.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, EXIT_UNHEALTHY, Command, read_password, say, say_warnings
from schooldesk.config import data_dir, full_path
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    commands.add_parser("check", parents=[common], help="check the database; exit 0 when healthy")
    backup = commands.add_parser("backup", parents=[common], help="take a verified backup now")
    backup.add_argument("--out", help="folder to write it to, e.g. a USB stick (default: the data folder's backups/)")
    backup.add_argument("--password-file", help="with --out: seal the backup and its photos in an AES-256 zip "
                                                "with the password on this file's first line")
    restore = commands.add_parser("restore", parents=[common],
                                  help="replace the database with a backup (the current one is backed up first)")
    restore.add_argument("file", help="a backup file (schooldesk-*.sqlite3, or a sealed schooldesk-*.zip)")
    restore.add_argument("--password-file", help="the password of a sealed backup, on this file's first line")


def cmd_check(args: argparse.Namespace) -> int:
    from schooldesk.db.copies import can_write
    from schooldesk.db.database import Database, database_path
    from schooldesk.db.failures import known_failures
    from schooldesk.services.health import check_database

    path = database_path(data_dir(args.data_dir))
    if not path.is_file():
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "There is no SchoolDesk database at %1."), path)
    if path.stat().st_size == 0:
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "The database file %1 is empty (0 bytes): it holds no school. "
                                                          "Restore a backup."), path)
    db = Database(path, read_only=not can_write(path.parent) or not os.access(path, os.W_OK))
    try:
        with known_failures(path):  # a damaged file fails in many ways; name the known ones
            report = check_database(db)
    finally:
        db.close()
    say(QCoreApplication.translate("CommandLine", "Database: %1"), report.path)
    say(QCoreApplication.translate("CommandLine", "Schema version: %1 (expected %2)"),
        report.schema_revision or "-", report.expected_revision)
    if report.schema_revision != report.expected_revision:
        say(QCoreApplication.translate("CommandLine", "This database is from another version of SchoolDesk: opened in "
                                                      "this version it is upgraded (after a backup); records are not "
                                                      "counted here."))
    say(QCoreApplication.translate("CommandLine", "Integrity check: %1"), "; ".join(report.integrity[:5]))
    say(QCoreApplication.translate("CommandLine", "Foreign key problems: %1"), report.foreign_key_problems)
    if report.audit is not None:
        from schooldesk.i18n import error_text
        from schooldesk.services.audit import chain_status

        say(error_text(chain_status(report.audit)))
    for name, count in report.counts.items():
        say("  %1: %2", QCoreApplication.translate("Health", name), count)
    if report.healthy:
        say(QCoreApplication.translate("CommandLine", "The database is healthy."))
        return EXIT_OK
    say(QCoreApplication.translate("CommandLine", "The database has problems: make no changes and restore a backup or ask for help."),
        error=True)
    return EXIT_UNHEALTHY


def cmd_backup(args: argparse.Namespace) -> int:
    from schooldesk.db.database import database_path
    from schooldesk.services.backups import back_up, clock_warnings, sha256

    folder = data_dir(args.data_dir)
    path = database_path(folder)
    if not path.is_file():
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "There is no SchoolDesk database at %1."), path)
    target = full_path(args.out) if args.out else None
    if target is not None and not target.exists():
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "The folder %1 does not exist (is the USB stick plugged in?)."),
                              target)
    if args.password_file and target is None:
        raise SchoolDeskError(QT_TRANSLATE_NOOP("Errors", "A sealed backup is for a USB stick: give --out too."))
    password = read_password(Path(args.password_file)) if args.password_file else ""
    info = back_up(path, reason="manual", folder=target, password=password)
    say_warnings(clock_warnings(info))
    say(QCoreApplication.translate("CommandLine", "Backup written and verified: %1 (%2 bytes)"), info.path, info.size)
    say("SHA-256: %1", sha256(info.path))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from schooldesk.services.backups import restore

    folder = data_dir(args.data_dir)
    password = read_password(Path(args.password_file)) if args.password_file else ""
    safety = restore(folder, full_path(args.file), password=password)
    say(QCoreApplication.translate("CommandLine", "Restored %1."), Path(args.file).name)
    if safety:
        say(QCoreApplication.translate("CommandLine", "The database as it was before is kept in %1."), safety)
    return EXIT_OK


COMMANDS = {"check": Command(cmd_check), "backup": Command(cmd_backup, writes=True),
            "restore": Command(cmd_restore, writes=True)}
