"""Command-line 汇总: a 中心校 or the county bureau merges many schools' semester bundles into its own store and
the merged workbooks. It never opens a school's data folder: a receiver may have none."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from schooldesk.cli.shared import EXIT_ERROR, EXIT_OK, EXIT_UNHEALTHY, Command, read_password, say
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

NOTHING_GIVEN = QT_TRANSLATE_NOOP("Errors", "No bundle was found in the paths given.")


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    merge = commands.add_parser("county-merge", parents=[common],
                                help="merge schools' semester bundles (folders or zips) into one store and workbooks (汇总)")
    merge.add_argument("bundles", nargs="+", metavar="BUNDLE",
                       help="a bundle folder or zip, or a folder holding several (a stick's root)")
    merge.add_argument("--out", required=True, metavar="FOLDER", help="where the merged workbooks (and the SQLite store) go")
    merge.add_argument("--database", metavar="URL",
                       help="the store on a server instead, e.g. postgresql://user:password@server/county")
    merge.add_argument("--semester", help="the semester merged, e.g. 2025-2026-1 (default: that of most bundles)")
    merge.add_argument("--schools", metavar="FILE", help="the list of schools expected (.xlsx/.csv: 学校标识码, 学校名称, 乡镇)")
    merge.add_argument("--receiver", default="", help="who merges, for the titles (e.g. 某某县教育局, 青山镇中心校)")
    merge.add_argument("--password-file", help="the password of encrypted zips, on this file's first line")
    merge.add_argument("--json", action="store_true", help="print the outcome as one JSON object")


def cmd_county_merge(args: argparse.Namespace) -> int:
    from schooldesk.domain.errors import SchoolDeskError
    from schooldesk.exports.county_merge import bundles_in
    from schooldesk.exports.county_sheets import merge_to_folder
    from schooldesk.i18n import error_text
    from schooldesk.imports.school_list import read_school_list

    if args.semester:
        from schooldesk.domain.semester import SemesterKey

        args.semester = SemesterKey.parse(args.semester).code  # a mistyped one said plainly, before any reading
    paths = bundles_in([Path(p) for p in args.bundles])
    if not paths:
        raise SchoolDeskError(NOTHING_GIVEN)
    expected = read_school_list(Path(args.schools)) if args.schools else []
    password = read_password(Path(args.password_file)) if args.password_file else ""
    merge, written = merge_to_folder(paths, Path(args.out), database=args.database, receiver=args.receiver,
                                     semester=args.semester, expected=expected, password=password, explain=error_text)
    if args.json:
        print(json.dumps({**merge.as_json(), "files": [str(w.path) for w in written]}, ensure_ascii=False, indent=1))
    else:
        say(QCoreApplication.translate("CommandLine", "%1: %2 schools merged (%3 pupils on roll), %4 bundles refused."),
            merge.semester_label, len(merge.schools), merge.pupils, len(merge.rejected))
        for refused in merge.rejected:
            say("  %1: %2", refused.path, refused.reason)
        for replaced in merge.replaced:
            say(QCoreApplication.translate("CommandLine", "  %1: replaces the bundle exported %2"), replaced.school,
                replaced.before)
        say(QCoreApplication.translate("CommandLine", "On roll at two schools: %1; 本在外 not on the named school's "
                                                      "roll: %2; schools missing: %3"),
            len(merge.duplicates), len(merge.not_on_roll), "、".join(s.name for s in merge.missing_schools) or "0")
        for result in written:
            say(QCoreApplication.translate("CommandLine", "Written: %1 (%2 rows)."), result.path, sum(result.rows.values()))
    if merge.merged_now == 0 and merge.rejected:
        return EXIT_ERROR  # nothing could be merged
    return EXIT_UNHEALTHY if merge.rejected else EXIT_OK


COMMANDS = {"county-merge": Command(cmd_county_merge)}
