"""Test data builders: valid ID numbers and messy spreadsheets written with real writers."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from schooldesk.domain.id_number import check_digit


def make_id(birth: date, gender: str, region: str = "4113", serial: int = 1) -> str:
    """A valid 18-character ID number, distinct for each *serial* (up to 50,000): the serial picks the
    county digits and the sequence; the sequence's last digit is odd for 男, even for 女."""
    county, rest = divmod(serial, 500)
    sequence = rest * 2 + (1 if gender == "男" else 0)
    first17 = f"{region}{county:02d}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)


def write_xlsx(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "学生名册"
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def write_xls(path: Path, rows: list[list[Any]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> Path:
    """An old-format .xls (BIFF8), as the student-status system and older WPS still produce."""
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("学生名册")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged_cells = {(r, c) for r0, r1, c0, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r0, r1, c0, c1 in merges:
        sheet.write_merge(r0, r1, c0, c1, rows[r0][c0])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) in merged_cells or value is None:
                continue
            if isinstance(value, date):
                sheet.write(r, c, value, dated)
            else:
                sheet.write(r, c, value)
    workbook.save(str(path))
    return path


NATIONAL_HEADER = ["姓名", "性别", "出生日期", "民族", "身份证件类型", "身份证件号", "学籍号", "年级", "班级",
                   "是否留守儿童", "随班就读", "残疾人类型", "是否进城务工人员随迁子女", "是否孤儿",
                   "成员1姓名", "成员1关系", "成员1联系电话"]
