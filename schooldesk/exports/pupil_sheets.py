"""Pupil import helpers in Excel: the blank template and the rows a preview found problems in."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from schooldesk.exports.files import write_atomically
from schooldesk.imports.pupil_headers import TEMPLATE_HEADERS
from schooldesk.imports.pupil_rows import Roster

BOLD = Font(bold=True)
PROBLEM_FILL = PatternFill("solid", fgColor="FFF2CC")
TEXT_FIELDS = {"id_number", "student_number", "guardian1_phone", "guardian2_phone"}
NOTES = {
    "id_number": "18位身份证号，请把此列设为“文本”格式，否则Excel会丢掉最后几位",
    "birth_date": "如 2015-03-04",
    "class": "如 三年级(2)班",
    "left_behind": "非留守儿童 / 单亲留守儿童 / 双亲留守儿童",
    "regular_class": "非随班就读 / 视力残疾随班就读 / 智力残疾随班就读 …",
    "disability_type": "无残疾 / 视力 / 听力 / 言语 / 肢体 / 智力 / 精神 / 多重",
}
INSTRUCTIONS = (
    "学生导入模板使用说明",
    "1. 第一行是列名，请勿修改；不需要的列可以删除，列的顺序可以调整。",
    "2. 每行一名学生。身份证件号和学籍号至少填一项，已在系统中的学生会按身份证件号或学籍号更新，不会重复。",
    "3. 身份证件号、学籍号、电话请使用“文本”格式。",
    "4. 日期可写作 2015-03-04、2015.3.4、2015年3月4日 或 20150304。",
    "5. 空白单元格不会清除系统中已有的内容。",
)


def _header_row(sheet: Any, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(header) * 2 + 4)


def write_template(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "学生名册"
    fields = list(TEMPLATE_HEADERS)
    _header_row(sheet, [TEMPLATE_HEADERS[f] for f in fields])
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        if field in TEXT_FIELDS:
            for row in range(2, 2001):
                sheet[f"{letter}{row}"].number_format = "@"
        if field in NOTES:
            sheet[f"{letter}1"].comment = Comment(NOTES[field], "SchoolDesk")
    sheet.column_dimensions[get_column_letter(fields.index("id_number") + 1)].width = 22
    help_sheet = workbook.create_sheet("说明")
    for line in INSTRUCTIONS:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 90
    return write_atomically(path, workbook.save)


def write_problem_rows(path: Path, roster: Roster, notes: dict[int, list[str]]) -> Path:
    """The rows that were not imported (or imported with a warning), as the file had them, with a
    问题 column holding *notes* (spreadsheet row → messages): fix them here and import this file again."""
    by_row = notes
    sheet_rows = roster.sheet.rows
    header = ["原行号", "问题", *["" if c is None else str(c) for c in sheet_rows[roster.header_row - 1]]]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "待修改"
    _header_row(sheet, header)
    sheet.column_dimensions["B"].width = 60
    for row in sorted(by_row):
        cells = sheet_rows[row - 1] if row - 1 < len(sheet_rows) else []
        sheet.append([row, "；".join(by_row[row]), *cells])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a cell typed as =HYPERLINK(…) comes back as text, never a live formula
        for cell in sheet[sheet.max_row][:2]:
            cell.fill = PROBLEM_FILL
    return write_atomically(path, workbook.save)
