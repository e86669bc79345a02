"""Benchmark: import and reconcile a 3,000-child village list against a 1,500-pupil register, against the floor of
the roster import of 3,000 rows measured in the same run (issue 26: within 1.5x of it). The list has what real
ones have: half the children on the register, one in ten with a wrong check digit, one in twenty with no ID,
children outside compulsory age.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/catchment.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.import_and_search import GIVEN, SURNAMES, roster  # noqa: E402
from tests.builders import make_id, write_xlsx  # noqa: E402

CHILDREN, PUPILS = 3000, 1500
HEADERS = ["村（组）", "姓名", "性别", "出生日期", "公民身份号码", "户主姓名", "与户主关系", "联系电话", "备注"]


def village_list(path: Path) -> Path:
    """Children 1 … 3,000: the first half are the roster's pupils 1 … 1,500 (same names, births and IDs)."""
    rows: list[list[object]] = [["示范镇适龄儿童花名册"], HEADERS]
    for i in range(1, CHILDREN + 1):
        gender = "男" if i % 2 else "女"
        birth = date(2013, 9, 1) + timedelta(days=i % 2000) if i <= PUPILS else date(2006, 1, 1) + timedelta(days=i * 2)
        number = make_id(birth, gender, serial=i)
        if i % 10 == 3:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")  # a wrong check digit
        elif i % 20 == 7:
            number = ""
        rows.append([f"第{1 + i % 12}村民小组", SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)], gender,
                     birth.isoformat(), number, "户主", "子", "13800001111", ""])
    return write_xlsx(path, rows, merges=("A1:I1",))


def _school(folder: Path):  # -> Database
    from schooldesk.db.database import open_database
    from schooldesk.domain.semester import default_term_dates
    from schooldesk.services.access import command_line_rights
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    db = open_database(folder)
    db.actor = command_line_rights()
    term1, term2 = default_term_dates(2025)
    set_up_school(db, school=SchoolDetails("测试小学", "2141051203"), term1=term1, term2=term2,
                  admin_username="admin", admin_password="correct horse")
    return db


def main() -> int:
    import bench.import_and_search as roster_bench
    from schooldesk.services.catchment_import import import_catchment_file
    from schooldesk.services.pupil_import import import_pupil_file

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        roster_bench.ROWS = CHILDREN
        floor_file = roster(base / "roster3000.xlsx")
        roster_bench.ROWS = PUPILS
        register_file = roster(base / "roster1500.xlsx")
        children_file = village_list(base / "villages.xlsx")

        floor_db = _school(base / "floor")
        started = time.perf_counter()
        _, floor_report = import_pupil_file(floor_db, floor_file, 2025, dry_run=False)
        floor_s = time.perf_counter() - started
        floor_db.close()

        db = _school(base / "school")
        import_pupil_file(db, register_file, 2025, dry_run=False)
        started = time.perf_counter()
        _, report = import_catchment_file(db, children_file, 2025, dry_run=False)
        catchment_s = time.perf_counter() - started
        started = time.perf_counter()
        _, again = import_catchment_file(db, children_file, 2025, dry_run=False)
        again_s = time.perf_counter() - started
        db.close()
    print(f"floor: roster import of {floor_report.rows_read} rows: {floor_s:.2f} s")
    print(f"village list of {report.rows_read} children against {PUPILS} pupils: {catchment_s:.2f} s "
          f"= {catchment_s / floor_s:.2f}x the floor (target ≤ 1.5x)")
    print(f"  matched by ID {report.matched_by_id}, by name and birth {report.matched_by_name_and_birth}, "
          f"unmatched {report.unmatched}, not of compulsory age {report.not_of_compulsory_age}, flagged {report.flagged}")
    print(f"re-import of the same list (all on file): {again_s:.2f} s = {again_s / floor_s:.2f}x the floor; "
          f"new {again.new}, unchanged {again.unchanged}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
