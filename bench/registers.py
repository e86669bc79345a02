"""Benchmark: every register of a 3,000-pupil school (400 in categories, 2,000 support records) as one
workbook in the bureau's layout, against a floor measured in the same run: the same cell values written
with bare openpyxl in write-only mode (no styles, no layout). Target: ≤ 1.5x the floor.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/registers.py
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_and_search import roster  # noqa: E402

IN_CARE, SUPPORT, TRIES, TARGET = 400, 2000, 3, 1.5
KINDS = ("left_behind", "struggling", "hardship", "disabled", "migrant")


def fill(db) -> None:  # type: ignore[no-untyped-def]
    """400 pupils in categories (with the left-behind form's fields) and 2,000 support records this term."""
    from sqlalchemy import select

    from schooldesk.db.models import CareRecord, Pupil, SupportRecord, Teacher

    rng = random.Random(7)
    with db.transaction() as session:
        teacher = Teacher(name="王老师", gender="女")
        session.add(teacher)
        session.flush()
        pupils = list(session.scalars(select(Pupil.id).limit(IN_CARE)))
        for index, pupil in enumerate(pupils):
            session.add(CareRecord(pupil_id=pupil, kind=KINDS[index % len(KINDS)], start_date=date(2025, 9, 1),
                                   responsible_teacher_id=teacher.id, details={
                                       "kind": "双亲外出", "father_work": "广东东莞", "father_phone": "13900000001",
                                       "carer_name": "祖父母", "guardianship": "监护情况一般"}))
        for index in range(SUPPORT):
            session.add(SupportRecord(pupil_id=pupils[index % len(pupils)], teacher_id=teacher.id, kind="学业辅导",
                                      date=date(2025, 9, 2) + timedelta(days=rng.randint(0, 100)),
                                      content="讲解错题，布置练习" * 3, outcome="有进步"))


def floor(path: Path, sheets) -> float:  # type: ignore[no-untyped-def]
    """The same values, bare openpyxl write-only: what writing these cells costs at the least."""
    from openpyxl import Workbook

    from schooldesk.exports.sheets import cell_value

    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.name)
        ws.append([c.label for c in sheet.columns])
        for row in sheet.rows:
            ws.append([cell_value(c, row) for c in sheet.columns])
    workbook.save(path)
    return time.perf_counter() - started


def main() -> int:
    from schooldesk.db.database import open_database
    from schooldesk.services.access import command_line_rights
    from schooldesk.domain.semester import SemesterKey, default_term_dates
    from schooldesk.exports.registers import REGISTERS, write_registers_xlsx
    from schooldesk.services.pupil_import import import_pupil_file
    from schooldesk.services.registers import register_book
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "data")
        db.actor = command_line_rights()  # it acts as a command would
        set_up_school(db, school=SchoolDetails("测试小学", "2141051203"), term1=default_term_dates(2025)[0],
                      term2=default_term_dates(2025)[1], admin_username="admin", admin_password="correct horse")
        import_pupil_file(db, roster(Path(folder) / "roster.xlsx"), 2025, dry_run=False)
        fill(db)
        semester = SemesterKey(2025, 1)
        read = min(_timed(lambda: register_book(db, semester)) for _ in range(TRIES))
        book = register_book(db, semester)
        sheets = [spec.sheet(book) for spec in REGISTERS]
        rows = sum(len(s.rows) for s in sheets)
        ours = min(_timed(lambda: write_registers_xlsx(Path(folder) / "ours.xlsx", book)) for _ in range(TRIES))
        bare = min(floor(Path(folder) / f"bare{i}.xlsx", sheets) for i in range(TRIES))
        db.close()
    ratio = ours / bare
    print(f"registers: {len(REGISTERS)} sheets, {rows} rows of a 3,000-pupil school")
    print(f"  reading the semester's register book: {read:.3f} s")
    print(f"  floor (bare openpyxl write-only, same values): {bare:.3f} s")
    print(f"  SchoolDesk workbook (bureau layout, styles, atomic write): {ours:.3f} s = {ratio:.2f}x the floor "
          f"(target ≤ {TARGET}x) {'met' if ratio <= TARGET else 'NOT met'}")
    return 0


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
