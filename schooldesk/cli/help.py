"""The command line's help in the user's language. Every help text of the parser is listed here so lupdate finds
it (a test keeps the list whole); when help is asked for, the parser's texts and argparse's own words are put in
the chosen language before they are printed."""
from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

ARGPARSE = (  # argparse's own words (it asks gettext for them)
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
)
HELP = (
    QT_TRANSLATE_NOOP("CommandHelp", "SchoolDesk records desk"),
    QT_TRANSLATE_NOOP("CommandHelp", "data folder (default: $SCHOOLDESK_DATA_DIR or the user data folder)"),
    QT_TRANSLATE_NOOP("CommandHelp", "interface language (default: zh_CN)"),
    QT_TRANSLATE_NOOP("CommandHelp", "open the desktop app (the default)"),
    QT_TRANSLATE_NOOP("CommandHelp", "set up a school without the wizard"),
    QT_TRANSLATE_NOOP("CommandHelp", "create a demo school with synthetic data"),
    QT_TRANSLATE_NOOP("CommandHelp", "check the database; exit 0 when healthy"),
    QT_TRANSLATE_NOOP("CommandHelp", "take a verified backup now"),
    QT_TRANSLATE_NOOP("CommandHelp", "replace the database with a backup (the current one is backed up first)"),
    QT_TRANSLATE_NOOP("CommandHelp", "import pupils from an .xlsx/.xls roster (student-status system export)"),
    QT_TRANSLATE_NOOP("CommandHelp", "import teachers from an .xlsx/.xls list (姓名, 性别, 任教学科, 联系电话, 职务)"),
    QT_TRANSLATE_NOOP("CommandHelp", "set a new administrator password with the recovery code from set-up"),
    QT_TRANSLATE_NOOP("CommandHelp", "import the villages' 户籍 list of children (.xlsx/.xls) and reconcile it with the register"),
    QT_TRANSLATE_NOOP("CommandHelp", "school year whose 31 August decides compulsory age, e.g. 2025 (default: the current one)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the 适龄儿童摸底 report: counts by 去向 and village, 本在外 with proof, 外在本, to verify"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the counts as one JSON object"),
    QT_TRANSLATE_NOOP("CommandHelp", "学籍核查: compare the register with a 学籍 system export (.xlsx/.xls)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the 学籍 system's export"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the differences as one JSON object"),
    QT_TRANSLATE_NOOP("CommandHelp", "receive photos from a phone on the school's network onto a record"),
    QT_TRANSLATE_NOOP("CommandHelp", "activity, home-teaching-visit, observation, return-visit, support or catchment, "
                                     "and the record's number, e.g. activity:12"),
    QT_TRANSLATE_NOOP("CommandHelp", "the port to listen on (default: any free one)"),
    QT_TRANSLATE_NOOP("CommandHelp", "stop listening after this long (at most 900, the default)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the address to listen on (default: this PC's address on the school's network)"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the address, then the counts, as JSON lines"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a register (台账) of a semester as .xlsx or .pdf"),
    QT_TRANSLATE_NOOP("CommandHelp", "write the 控辍保学月报 of a month as .xlsx or .pdf"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a pupil's file (学生档案), or one dropout case's 劝返记录表, as PDF"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a 送教上门 PDF: a child's semester log, one visit, or a blank visit form"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a 听课记录 as PDF: one observation, a blank form, or a teacher's semester"),
    QT_TRANSLATE_NOOP("CommandHelp", "each teacher's lessons observed against their quota for a semester"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a semester's observations and quota table as .xlsx"),
    QT_TRANSLATE_NOOP("CommandHelp", "each 师徒结对 pair's targets against what was done in a semester"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a pair's agreement, semester record or assessment form as PDF"),
    QT_TRANSLATE_NOOP("CommandHelp", "write an activity record as PDF (or a blank 家访记录表, or the semester's summary)"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a semester's bundle for the bureau (workbooks, PDFs, photos, manifest)"),
    QT_TRANSLATE_NOOP("CommandHelp", "check a bundle (folder or zip) against its manifest; exit 0 intact, 1 not, 2 unreadable"),
    QT_TRANSLATE_NOOP("CommandHelp", "start a school year: its terms, classes one grade up, pupils moved, the top grade graduated (after a backup)"),
    QT_TRANSLATE_NOOP("CommandHelp", "open the main window offscreen on a temporary data folder (inside --data-dir if given)"),
    QT_TRANSLATE_NOOP("CommandHelp", "10-digit 学校标识码"),
    QT_TRANSLATE_NOOP("CommandHelp", "school year start, e.g. 2025 for 2025—2026"),
    QT_TRANSLATE_NOOP("CommandHelp", "administrator user name"),
    QT_TRANSLATE_NOOP("CommandHelp", "file whose first line is the password"),
    QT_TRANSLATE_NOOP("CommandHelp", "小学, 初级中学, 九年一贯制学校 or 教学点 (else guessed from the classes)"),
    QT_TRANSLATE_NOOP("CommandHelp", "folder to write it to, e.g. a USB stick (default: the data folder's backups/)"),
    QT_TRANSLATE_NOOP("CommandHelp", "with --out: seal the backup and its photos in an AES-256 zip with the password on this file's first line"),
    QT_TRANSLATE_NOOP("CommandHelp", "a backup file (schooldesk-*.sqlite3, or a sealed schooldesk-*.zip)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the password of a sealed backup, on this file's first line"),
    QT_TRANSLATE_NOOP("CommandHelp", "the spreadsheet"),
    QT_TRANSLATE_NOOP("CommandHelp", "check and count only; write nothing"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the report as one JSON object"),
    QT_TRANSLATE_NOOP("CommandHelp", "the sheet to read (default: the one shown when the file opens)"),
    QT_TRANSLATE_NOOP("CommandHelp", "school year the classes belong to, e.g. 2025 (default: the current one)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the recovery code written down at set-up"),
    QT_TRANSLATE_NOOP("CommandHelp", "administrator user name (created if missing)"),
    QT_TRANSLATE_NOOP("CommandHelp", "file whose first line is the new password"),
    QT_TRANSLATE_NOOP("CommandHelp", "the register (see --list), or all"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the register names and stop"),
    QT_TRANSLATE_NOOP("CommandHelp", "e.g. 2025-2026-1 (default: the current semester)"),
    QT_TRANSLATE_NOOP("CommandHelp", "where to write it"),
    QT_TRANSLATE_NOOP("CommandHelp", "full ID numbers instead of masked ones (recorded in the audit trail)"),
    QT_TRANSLATE_NOOP("CommandHelp", "e.g. 2026-10"),
    QT_TRANSLATE_NOOP("CommandHelp", "full ID numbers (recorded in the audit trail)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the pupil's student number (学籍号) or ID number"),
    QT_TRANSLATE_NOOP("CommandHelp", "print this dropout case's 劝返记录表 instead"),
    QT_TRANSLATE_NOOP("CommandHelp", "the child's student number (学籍号) or ID number"),
    QT_TRANSLATE_NOOP("CommandHelp", "print this one visit"),
    QT_TRANSLATE_NOOP("CommandHelp", "a blank visit form to fill in by hand"),
    QT_TRANSLATE_NOOP("CommandHelp", "where to write the PDF"),
    QT_TRANSLATE_NOOP("CommandHelp", "the observation to print"),
    QT_TRANSLATE_NOOP("CommandHelp", "a blank 听课记录表 in the school's default rubric"),
    QT_TRANSLATE_NOOP("CommandHelp", "this teacher's 听课记录汇总 for --semester"),
    QT_TRANSLATE_NOOP("CommandHelp", "one JSON object per teacher"),
    QT_TRANSLATE_NOOP("CommandHelp", "write a teacher's file (教师专业成长档案) for a semester or a school year as PDF"),
    QT_TRANSLATE_NOOP("CommandHelp", "merge schools' semester bundles (folders or zips) into one store and workbooks (汇总)"),
    QT_TRANSLATE_NOOP("CommandHelp", "a bundle folder or zip, or a folder holding several (a stick's root)"),
    QT_TRANSLATE_NOOP("CommandHelp", "where the merged workbooks (and the SQLite store) go"),
    QT_TRANSLATE_NOOP("CommandHelp", "the store on a server instead, e.g. postgresql://user:password@server/county"),
    QT_TRANSLATE_NOOP("CommandHelp", "the semester merged, e.g. 2025-2026-1 (default: that of most bundles)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the list of schools expected (.xlsx/.csv: 学校标识码, 学校名称, 乡镇)"),
    QT_TRANSLATE_NOOP("CommandHelp", "who merges, for the titles (e.g. 某某县教育局, 青山镇中心校)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the password of encrypted zips, on this file's first line"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the outcome as one JSON object"),
    QT_TRANSLATE_NOOP("CommandHelp", "the teacher's name"),
    QT_TRANSLATE_NOOP("CommandHelp", "a whole school year, e.g. 2025 (for 2025—2026)"),
    QT_TRANSLATE_NOOP("CommandHelp", "where to write the PDF (may be left out with --json)"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the counts as JSON (lessons_observed, training_hours, home_visits …)"),
    QT_TRANSLATE_NOOP("CommandHelp", "e.g. 2025 for 2025—2026 (default: the semester's)"),
    QT_TRANSLATE_NOOP("CommandHelp", "one JSON object per pair"),
    QT_TRANSLATE_NOOP("CommandHelp", "the pair's number"),
    QT_TRANSLATE_NOOP("CommandHelp", "the 师徒结对协议书"),
    QT_TRANSLATE_NOOP("CommandHelp", "the pair's record for --semester"),
    QT_TRANSLATE_NOOP("CommandHelp", "the year-end 考核表"),
    QT_TRANSLATE_NOOP("CommandHelp", "for --record, e.g. 2025-2026-1 (default: the current semester)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the activity to print"),
    QT_TRANSLATE_NOOP("CommandHelp", "a blank 家访记录表 with this pupil's details, to fill in on the visit"),
    QT_TRANSLATE_NOOP("CommandHelp", "the semester's 活动记录汇总 (.pdf or .xlsx)"),
    QT_TRANSLATE_NOOP("CommandHelp", "for --summary, e.g. 2025-2026-1 (default: the current semester)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the folder or USB stick to write the bundle into"),
    QT_TRANSLATE_NOOP("CommandHelp", "one .zip instead of a folder"),
    QT_TRANSLATE_NOOP("CommandHelp", "with --zip: AES-256 encrypt it with the password on this file's first line"),
    QT_TRANSLATE_NOOP("CommandHelp", "print files (path, size, sha256), counts and warnings as JSON"),
    QT_TRANSLATE_NOOP("CommandHelp", "share the PDFs with N other processes (default for a large school: one per core but this one; 0: none)"),
    QT_TRANSLATE_NOOP("CommandHelp", "the bundle's folder or .zip"),
    QT_TRANSLATE_NOOP("CommandHelp", "the password of an encrypted zip, on this file's first line"),
    QT_TRANSLATE_NOOP("CommandHelp", "the new school year's start, e.g. 2026 for 2026—2027"),
    QT_TRANSLATE_NOOP("CommandHelp", "show what would happen; write nothing"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the plan as one JSON object"),
    QT_TRANSLATE_NOOP("CommandHelp", "draft a family's work summary (工作总结) from the records as a Word document"),
    QT_TRANSLATE_NOOP("CommandHelp", "which records the summary is about"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the path and every figure the summary states"),
    QT_TRANSLATE_NOOP("CommandHelp", "the calendar of what is due this semester (月报, 报送材料, 工作总结, 摸底, 频次要求)"),
    QT_TRANSLATE_NOOP("CommandHelp", "print the items as one JSON object"),
)


def localise_argparse() -> None:
    """argparse's own words through our translations (before the parser is built: -h's help is set then)."""
    argparse._ = lambda text: QCoreApplication.translate("argparse", text)  # type: ignore[attr-defined]


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every description and help text of *parser* and its commands, once each."""
    texts = (getattr(part, attribute, None) for part, attribute in _parts(parser))
    return list(dict.fromkeys(t for t in texts if t and t != argparse.SUPPRESS))


def localise(parser: argparse.ArgumentParser) -> None:
    """Put every description and help text of *parser* in the language installed."""
    for part, attribute in _parts(parser):
        text = getattr(part, attribute, None)
        if text and text != argparse.SUPPRESS:
            setattr(part, attribute, QCoreApplication.translate("CommandHelp", text))


def _parts(parser: argparse.ArgumentParser, seen: set[int] | None = None) -> list[tuple[object, str]]:
    seen = set() if seen is None else seen
    if id(parser) in seen:
        return []
    seen.add(id(parser))
    parts: list[tuple[object, str]] = [(parser, "description")]
    for action in parser._actions:  # noqa: SLF001 - argparse keeps them there
        parts.append((action, "help"))
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            parts += [(choice, "help") for choice in action._choices_actions]  # noqa: SLF001
            for sub in action.choices.values():
                parts += _parts(sub, seen)
    return parts
