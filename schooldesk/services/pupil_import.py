"""Import a pupil roster: match pupils already on file, report every problem, write in one transaction.

The same function previews (``dry_run``: everything is done, counted and rolled back) and imports,
so what the preview promises is what the import does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Pupil, School, SchoolClass
from schooldesk.domain.errors import SchoolDeskError, ValidationError
from schooldesk.domain.grades import class_name_zh, grade_from_entry, grade_name_zh
from schooldesk.domain.semester import school_year_label_zh
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.imports.pupil_rows import Problem, Roster, RosterRow, read_roster
from schooldesk.imports.spreadsheet import read_sheet
from schooldesk.services.pupils import GuardianInput, PupilInput, clean_pupil, pupil_input, write_pupil
from schooldesk.services.access import require_record_keeper
from schooldesk.services.import_counts import ImportCounts
from schooldesk.services.semesters import list_semesters

Steps = Callable[[int, int], None]  # (done, total); may raise Cancelled to stop and roll back


@dataclass(frozen=True)
class Duplicate:
    row: int
    first_row: int


@dataclass
class ImportReport(ImportCounts):
    duplicates: list[Duplicate] = field(default_factory=list)
    classes_created: list[str] = field(default_factory=list)
    categories_added: int = 0
    school_year: int = 0  # the year the classes were filled for, named in the preview
    foreign_school_codes: list[str] = field(default_factory=list)  # 学校标识码 in the file other than the school's

    @property
    def skipped(self) -> int:
        """Rows not imported: those with an error and repeats of an earlier row."""
        return super().skipped + len(self.duplicates)


def import_pupil_file(db: Database, path: Path, school_year: int, *, dry_run: bool, today: date | None = None,
                      sheet_name: str | None = None, progress: Steps | None = None) -> tuple[Roster, ImportReport]:
    """Read *path* (its visible active sheet, or *sheet_name*; UnreadableFileError if it cannot be read at
    all) and import or preview it. *progress* hears (rows done, rows in all): checking the rows is the
    first half, importing them the second."""
    sheet = read_sheet(path, sheet_name)
    total = 2 * max(1, len(sheet.rows))
    roster = read_roster(sheet, progress=(lambda done, _n: progress(done, total)) if progress else None)
    after = (lambda done, _n: progress(len(sheet.rows) + done, total)) if progress else None
    return roster, import_roster(db, roster, school_year, dry_run=dry_run, today=today, progress=after)


def check_school_year(db: Database, school_year: int) -> None:
    """Classes belong to a school year the school has set up (else pupils land in a year nobody sees)."""
    years = sorted({s.key.school_year for s in list_semesters(db)})
    if school_year not in years:
        raise ValidationError("school_year", QT_TRANSLATE_NOOP(
            "Errors", "The school year %1 has not been set up; the school's years are: %2."), school_year,
            "、".join(str(y) for y in years) or "-")


def report_as_dict(report: ImportReport, translate: Callable[[SchoolDeskError], str]) -> dict[str, object]:
    """The report in the shape scripts rely on (keys fixed by the import-students interface)."""
    return {
        **report.as_dict(translate),
        "duplicates": [{"row": d.row, "first_row": d.first_row} for d in report.duplicates],
        "classes_created": report.classes_created,
        "categories_added": report.categories_added,
        "school_year": report.school_year,
        "foreign_school_codes": report.foreign_school_codes,
    }


def import_roster(db: Database, roster: Roster, school_year: int, *, dry_run: bool,
                  today: date | None = None, progress: Steps | None = None) -> ImportReport:
    """Import (or, with *dry_run*, rehearse) the rows in one transaction; *progress* may raise Cancelled,
    which rolls the whole import back."""
    require_record_keeper(db)
    check_school_year(db, school_year)
    today = today or date.today()
    report = ImportReport(rows_read=len(roster.rows), dry_run=dry_run, sheet=roster.sheet.name,
                          school_year=school_year)
    if not dry_run and any(not row.errors for row in roster.rows):
        from schooldesk.db.backups import take_rotated_backup

        take_rotated_backup(db.path, "pre-import")  # the app and the command line alike
    for row in roster.rows:
        report.errors.extend(row.errors)
        report.warnings.extend(row.warnings)
    with db.transaction(rehearse=dry_run) as session:
        importer = _Importer(session, roster, school_year, today, report)
        kept = _without_duplicates(roster.rows, report)
        for done, row in enumerate(kept, 1):
            importer.import_row(row)
            if progress is not None:
                progress(done, len(kept))
        session.flush()
        if progress is not None:
            progress(len(kept), len(kept))  # the last chance to stop: before the commit, not after
    report.errors.sort(key=lambda p: p.row)
    report.warnings.sort(key=lambda p: p.row)
    return report


def _without_duplicates(rows: list[RosterRow], report: ImportReport) -> list[RosterRow]:
    """The same pupil (ID number or student number) twice in one file: the later rows are reported."""
    first_seen: dict[str, int] = {}
    kept = []
    for row in rows:
        if row.errors:  # reported already; a broken row is nobody's "first"
            continue
        keys = [f"{kind}:{value}" for kind, value in zip(("id", "sn"), row.key_numbers, strict=True) if value]
        earlier = next((first_seen[k] for k in keys if k in first_seen), None)
        if earlier is not None:
            report.duplicates.append(Duplicate(row.row, earlier))
            continue
        for key in keys:
            first_seen[key] = row.row
        kept.append(row)
    return kept


class _Importer:
    def __init__(self, session: Session, roster: Roster, school_year: int, today: date, report: ImportReport) -> None:
        self.session, self.roster, self.year, self.today, self.report = session, roster, school_year, today, report
        pupils = session.scalars(
            select(Pupil).options(selectinload(Pupil.guardians), selectinload(Pupil.enrolments))
        ).all()
        self.by_id = {p.id_number: p for p in pupils if p.id_number}
        self.by_number = {p.student_number: p for p in pupils if p.student_number}
        self.classes = {
            (c.grade, c.number): c
            for c in session.scalars(select(SchoolClass).where(SchoolClass.school_year == school_year))
        }
        open_care = session.execute(
            select(CareRecord.pupil_id, CareRecord.kind)
            .where((CareRecord.end_date.is_(None)) | (CareRecord.end_date >= today))
        )
        self.open_care = {(pupil_id, kind) for pupil_id, kind in open_care}
        from schooldesk.domain.moving_up import SCHOOL_GRADES, SCHOOL_TYPES
        from schooldesk.services.new_school_year import read_school_type, stored_school_type

        kind = read_school_type(session)
        self.kind_zh, self.grades = SCHOOL_TYPES[kind], SCHOOL_GRADES[kind]
        self.checks_grades = stored_school_type(session) is not None  # a guess never refuses a row
        school = session.scalars(select(School)).first()
        self.school_code = school.code if school else ""

    def error(self, row: RosterRow, field_name: str, code: str, error: SchoolDeskError) -> None:
        self.report.errors.append(Problem(row.row, self.roster.headers.get(field_name, ""), code, error))

    def import_row(self, row: RosterRow) -> None:
        values = row.values
        if row.school_code and self.school_code and row.school_code != self.school_code \
                and row.school_code not in self.report.foreign_school_codes:
            self.report.foreign_school_codes.append(row.school_code)
        if not values.get("id_number") and not values.get("student_number"):
            self.error(row, "id_number", "missing_identifier", SchoolDeskError(QT_TRANSLATE_NOOP(
                "Errors", "The row has neither an ID number nor a student number, so the pupil cannot be matched."
            )))
            return
        existing = self.by_id.get(values.get("id_number", "")) or self.by_number.get(values.get("student_number", ""))
        before = pupil_input(existing, self.year) if existing else None
        merged = self._merge(before or PupilInput(name="", gender=""), row)
        try:
            cleaned = clean_pupil(merged)
        except ValidationError as error:
            code = "missing_gender" if error.field == "gender" and not merged.gender else f"invalid_{error.field}"
            self.error(row, error.field, code, error)
            return
        existing = existing or self.by_id.get(cleaned.id_number)  # a 15-digit number upgraded to 18
        if not self._owns_numbers(row, existing, cleaned):
            return
        grade = self._grade(row)
        if grade is not None and self.checks_grades and grade not in self.grades:
            self.error(row, "class" if "class" in self.roster.headers else "entry_month", "grade_beyond_school",
                       SchoolDeskError(QT_TRANSLATE_NOOP(
                           "Errors", "%1 in %2 is not a grade of this %3 (%4 to %5): is the roster of another school "
                                     "year? The row was not imported."), grade_name_zh(grade),
                           school_year_label_zh(self.year), self.kind_zh, grade_name_zh(self.grades[0]),
                           grade_name_zh(self.grades[-1])))
            return
        class_id = self._class_id(grade, row.class_number) if grade else (before.class_id if before else None)
        cleaned = replace(cleaned, school_year=self.year, class_id=class_id)
        pupil = existing or Pupil()
        if existing is None:
            self.session.add(pupil)
        new_care = [(k, d) for k, d in row.care if existing is None or (existing.id, k) not in self.open_care]
        changed = before is None or cleaned != replace(before, school_year=self.year) or new_care
        write_pupil(self.session, pupil, cleaned)
        self._index(pupil)
        for kind, details in new_care:
            record = CareRecord(kind=kind, start_date=self.today, details=details)
            if existing is None:
                pupil.care_records.append(record)
            else:
                record.pupil_id = existing.id
                self.session.add(record)
                self.open_care.add((existing.id, kind))
            self.report.categories_added += 1
        if existing is None:
            self.report.new += 1
        elif changed:
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def _merge(self, base: PupilInput, row: RosterRow) -> PupilInput:
        """The file's values over what is on file; an empty cell never erases a stored value."""
        guardians = list(base.guardians) + [GuardianInput()] * (2 - len(base.guardians))
        for slot, parts in row.guardians.items():
            guardians[slot - 1] = replace(guardians[slot - 1], **parts)
        return replace(base, **row.values, guardians=tuple(guardians))

    def _owns_numbers(self, row: RosterRow, pupil: Pupil | None, data: PupilInput) -> bool:
        for field_name, owner in (("id_number", self.by_id.get(data.id_number)),
                                  ("student_number", self.by_number.get(data.student_number))):
            if owner is not None and owner is not pupil:
                self.error(row, field_name, "number_taken", SchoolDeskError(QT_TRANSLATE_NOOP(
                    "Errors", "This number belongs to another pupil on file (%1)."), owner.name))
                return False
        return True

    def _grade(self, row: RosterRow) -> int | None:
        """The file's 年级, else the one 入学年月 gives in the school year imported into."""
        if row.grade or row.class_number is None or row.entered is None:
            return row.grade
        grade = grade_from_entry(row.entered, self.year, self.grades[0])
        if grade is None:
            self.report.warnings.append(Problem(row.row, self.roster.headers.get("entry_month", ""), "no_grade",
                                                SchoolDeskError(QT_TRANSLATE_NOOP(
                "Errors", "入学年月 %1 gives no grade of compulsory education in %2; the pupil was imported without "
                          "a class."), f"{row.entered:%Y-%m}", school_year_label_zh(self.year))))
        return grade

    def _class_id(self, grade: int, number: int | None) -> int:
        key = (grade, number)
        school_class = self.classes.get(key)
        if school_class is None:
            name = class_name_zh(*key)  # type: ignore[arg-type]
            school_class = SchoolClass(school_year=self.year, grade=grade, number=number, name=name)
            self.session.add(school_class)
            self.session.flush()
            self.classes[key] = school_class  # type: ignore[index]
            self.report.classes_created.append(name)
        return school_class.id

    def _index(self, pupil: Pupil) -> None:
        if pupil.id_number:
            self.by_id[pupil.id_number] = pupil
        if pupil.student_number:
            self.by_number[pupil.student_number] = pupil
