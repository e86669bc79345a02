"""Import the school's teachers from an Excel list: a teacher already on file (same name) is updated, a new
one added, with their 职务; every problem is reported by row. One function previews (``dry_run``: done,
counted, rolled back) and imports, so what the preview promises is what the import does."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Teacher
from schooldesk.domain.errors import SchoolDeskError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.pupil_rows import Problem
from schooldesk.imports.spreadsheet import read_sheet
from schooldesk.imports.teacher_rows import TeacherLine, TeacherList, read_teacher_list
from schooldesk.services.access import require_record_keeper
from schooldesk.services.import_counts import ImportCounts
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teacher_duties import read_spells, write_duties
from schooldesk.services.teachers import clean_teacher
from schooldesk.domain.observation import PLAIN_TEACHER, DutySpell, duties_on


class TeacherImportReport(ImportCounts):
    """A list of teachers imported: the counts every import reports, nothing more."""


def import_teacher_file(db: Database, path: Path, *, dry_run: bool, sheet_name: str | None = None,
                        today: date | None = None) -> tuple[TeacherList, TeacherImportReport]:
    """Read *path* (UnreadableFileError when it cannot be read at all) and import or preview its teachers."""
    listing = read_teacher_list(read_sheet(path, sheet_name))
    return listing, import_teachers(db, listing, dry_run=dry_run, today=today)


def import_teachers(db: Database, listing: TeacherList, *, dry_run: bool,
                    today: date | None = None) -> TeacherImportReport:
    require_record_keeper(db)
    today = today or date.today()
    report = TeacherImportReport(rows_read=len(listing.lines), dry_run=dry_run, sheet=listing.sheet.name)
    if not dry_run and any(not line.errors for line in listing.lines):
        from schooldesk.db.backups import take_rotated_backup

        take_rotated_backup(db.path, "pre-import")
    with db.transaction(rehearse=dry_run) as session:
        by_name = {t.name: t for t in session.scalars(select(Teacher).where(Teacher.outside.is_(False)))}
        spells = read_spells(session)
        seen: dict[str, int] = {}
        for line in listing.lines:
            report.warnings.extend(line.warnings)
            if line.errors:
                report.errors.extend(line.errors)
                continue
            name = line.values["name"]
            if name in seen:
                report.errors.append(Problem(line.row, listing.headers.get("name", ""), "duplicate", SchoolDeskError(
                    QT_TRANSLATE_NOOP("Errors", "%1 is on the list twice (row %2 too); this row was skipped."),
                    name, seen[name])))
                continue
            seen[name] = line.row
            _import_line(session, line, listing, by_name, spells, today, report)
        session.flush()
    report.errors.sort(key=lambda p: p.row)
    report.warnings.sort(key=lambda p: p.row)
    return report


def _import_line(session: Session, line: TeacherLine, listing: TeacherList, by_name: dict[str, Teacher],
                 spells: dict[int, list[DutySpell]], today: date, report: TeacherImportReport) -> None:
    existing: Teacher | None = by_name.get(line.values["name"])
    before = (TeacherInput(name=existing.name, gender=existing.gender, subjects=existing.subjects,
                           title=existing.title, phone=existing.phone) if existing else None)
    if before is None and "gender" not in line.values:
        report.errors.append(Problem(line.row, listing.headers.get("gender", ""), "missing_gender", SchoolDeskError(
            QT_TRANSLATE_NOOP("Errors", "The gender is empty; write 男 or 女."))))
        return
    merged = replace(before or TeacherInput(name="", gender=""), **line.values)  # an empty cell erases nothing
    try:
        cleaned = clean_teacher(merged)
    except ValidationError as error:
        report.errors.append(Problem(line.row, listing.headers.get(error.field, ""), f"invalid_{error.field}", error))
        return
    held = set(duties_on(today, spells.get(existing.id, []))) if existing else set()
    duties_change = bool(line.duties) and set(line.duties) != held - {PLAIN_TEACHER}
    teacher = existing or Teacher(active=True)
    for key, value in vars(cleaned).items():
        setattr(teacher, key, value)
    if existing is None:
        session.add(teacher)
        session.flush()
        by_name[cleaned.name] = teacher
        report.new += 1
    elif cleaned != before or duties_change:
        report.updated += 1
    else:
        report.unchanged += 1
    if duties_change:  # an empty 职务 cell keeps what is on file
        write_duties(session, teacher.id, line.duties, today)
