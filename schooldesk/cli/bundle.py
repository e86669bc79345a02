"""Command-line 报送材料: export a semester's bundle to a folder or USB stick, and verify one."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_OK, EXIT_UNHEALTHY, Command, note_handed_in, open_existing, read_password, say


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser("export", parents=[common],
                                 help="write a semester's bundle for the bureau (workbooks, PDFs, photos, manifest)")
    export.add_argument("--semester", help="e.g. 2025-2026-1 (default: the current semester)")
    export.add_argument("--out", required=True, metavar="DIR", help="the folder or USB stick to write the bundle into")
    export.add_argument("--zip", action="store_true", help="one .zip instead of a folder")
    export.add_argument("--password-file", help="with --zip: AES-256 encrypt it with the password on this file's first line")
    export.add_argument("--full-ids", action="store_true", help="full ID numbers (recorded in the audit trail)")
    export.add_argument("--json", action="store_true", help="print files (path, size, sha256), counts and warnings as JSON")
    export.add_argument("--workers", type=int, metavar="N",
                        help="share the PDFs with N other processes (default for a large school: one per core but this one; 0: none)")
    verify = commands.add_parser("verify", parents=[common],
                                 help="check a bundle (folder or zip) against its manifest; exit 0 intact, 1 not, 2 unreadable")
    verify.add_argument("path", help="the bundle's folder or .zip")
    verify.add_argument("--password-file", help="the password of an encrypted zip, on this file's first line")


def cmd_export(args: argparse.Namespace) -> int:
    from schooldesk.config import full_path
    from schooldesk.exports.bundle_writing import write_bundle
    from schooldesk.services.bundle import bundle_contents
    from schooldesk.services.bundle_seal import school_seal_key
    from schooldesk.services.print_settings import pdf_font_path
    from schooldesk.services.semesters import chosen_semester

    password = read_password(Path(args.password_file)) if args.password_file else ""
    db = open_existing(args)
    try:
        contents = bundle_contents(db, chosen_semester(db, args.semester), full_ids=args.full_ids)
        font = pdf_font_path(db)
        seal_key = school_seal_key(db)
    finally:
        db.close()
    result = write_bundle(contents, full_path(args.out), as_zip=args.zip or bool(password), password=password,
                          font_path=font, data_folder=db.path.parent, workers=args.workers, seal_key=seal_key)
    from schooldesk.services.hand_ins import bundle_key

    note_handed_in(args, bundle_key(contents.semester))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return EXIT_OK
    say(QCoreApplication.translate("CommandLine", "Written and checked: %1 (%2 files)."), result.path, len(result.files))
    for warning in result.warnings:
        say(QCoreApplication.translate("CommandLine", "Incomplete: %1"), warning, error=True)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from schooldesk.exports.bundle_writing import verify_bundle

    password = read_password(Path(args.password_file)) if args.password_file else ""
    key, school_code = _school_key(args)
    report = verify_bundle(Path(args.path), password, key, school_code)
    for label, names in ((QCoreApplication.translate("CommandLine", "missing"), report.missing),
                         (QCoreApplication.translate("CommandLine", "changed"), report.changed),
                         (QCoreApplication.translate("CommandLine", "extra"), report.extra)):
        for name in names:
            say("%1: %2", label, name)
    if report.sealed is True:
        say(QCoreApplication.translate("CommandLine", "Sealed by this school: the manifest is the one SchoolDesk "
                                                      "wrote, unchanged."))
    elif report.sealed is False:
        say(QCoreApplication.translate("CommandLine", "The seal does not hold: the manifest was changed after this "
                                                      "school's SchoolDesk wrote it, or its seal was removed."))
    else:
        say(QCoreApplication.translate("CommandLine", "The seal was not checked: this PC does not hold the key of "
                                                      "the school that made the bundle."))
    if report.intact:
        say(QCoreApplication.translate("CommandLine", "Intact: %1 files match the manifest."), report.files)
        return EXIT_OK
    return EXIT_UNHEALTHY


def _school_key(args: argparse.Namespace) -> tuple[bytes | None, str]:
    """The seal key and 学校标识码 of the school in the data folder, when there is one on this PC."""
    from schooldesk.config import data_dir
    from schooldesk.db.database import database_path, open_database
    from schooldesk.domain.errors import SchoolDeskError
    from schooldesk.services.bundle_seal import read_seal_key

    path = database_path(data_dir(args.data_dir))
    if not path.is_file():
        return None, ""
    try:
        db = open_database(path.parent)
    except SchoolDeskError:
        return None, ""  # (damaged, or held: the files are still checked)
    try:
        return read_seal_key(db)
    finally:
        db.close()


COMMANDS = {"export": Command(cmd_export), "verify": Command(cmd_verify)}
