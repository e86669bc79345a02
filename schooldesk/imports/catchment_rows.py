"""Read the 户籍 list a village committee or the police station gives the school (村（组）, 姓名, 性别, 出生日期,
公民身份号码, 户主姓名, 与户主关系 …). A row whose ID number is wrong or blank is kept and flagged
(信息错误待更正), never dropped: in real 核查 nearly half the "missing" children were only wrong numbers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.id_number import birth_date_of, gender_of, normalise, validate_id_number
from schooldesk.imports.cells import parse_date
from schooldesk.imports.list_rows import Cells, Line, SheetList, gender, read_list
from schooldesk.imports.pupil_rows import Problem
from schooldesk.imports.spreadsheet import Sheet

SYNONYMS: dict[str, tuple[str, ...]] = {
    "village": ("村（组）", "村(组)", "村组", "村", "所在村", "村民小组", "组别", "村别", "村委会", "行政村", "所属村"),
    "name": ("姓名", "儿童姓名", "学生姓名"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "id_number": ("公民身份号码", "身份证号", "身份证号码", "身份证件号", "身份证件号码", "证件号码"),
    "householder": ("户主姓名", "户主"),
    "relation": ("与户主关系", "与户主的关系", "关系"),
    "phone": ("联系电话", "电话", "家长电话", "手机号码", "联系方式"),
    "disability": ("残疾类别", "残疾类型", "残疾情况"),
    "note": ("备注", "说明"),
}
TEMPLATE_HEADERS = ("村（组）", "姓名", "性别", "出生日期", "公民身份号码", "户主姓名", "与户主关系", "联系电话", "备注")
FLAGGED = "信息错误待更正"


@dataclass
class ChildLine(Line):
    """One child as the list has them. *id_problem* set: the number is wrong or blank (kept, flagged)."""

    id_valid: bool = False
    id_problem: str = ""


ChildList = SheetList[ChildLine]


def read_child_list(sheet: Sheet) -> ChildList:
    return read_list(sheet, SYNONYMS, 3, QT_TRANSLATE_NOOP(
        "Errors", "No header row was found in sheet %1: the first rows must name the columns, including 姓名 "
                  "and at least two of 村（组）, 性别, 出生日期, 公民身份号码."), ChildLine, _read_line)


def _read_line(cells: Cells, line: ChildLine) -> None:
    for key in ("village", "householder", "relation", "phone", "disability", "note"):
        if cells.text(key):
            line.values[key] = cells.text(key)
    value, wrong = gender(cells)
    if value:
        line.values["gender"] = value
    elif wrong:
        line.warnings.append(cells.problem("gender", "invalid_gender", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a gender; write 男 or 女."), wrong))
    birth: date | None = None
    try:
        birth = parse_date(cells.raw("birth_date"))
    except (ValueError, OverflowError):
        line.warnings.append(cells.problem("birth_date", "invalid_date", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a date; write it as 2015-03-04."), cells.text("birth_date")))
    id_cell = cells.raw("id_number")
    if isinstance(id_cell, (int, float)) and not isinstance(id_cell, bool) and len(str(int(id_cell))) >= 15:
        line.id_problem = "wrong"  # Excel kept 15 digits of it: the rest is gone, the row is kept and flagged
        line.warnings.append(cells.problem("id_number", "id_number_as_number", QT_TRANSLATE_NOOP(
            "Errors", "Excel stored this ID number as a number and lost its last digits (it shows %1). "
                      "Format the column as text and type the number again."), f"{int(id_cell)}"))
    else:
        _read_id(line, cells.text("id_number"), birth, cells)
    if birth is None and line.id_valid:
        birth = birth_date_of(line.values["id_number"])
    if birth is not None:
        line.values["birth_date"] = birth
    if "gender" not in line.values and line.id_valid:
        line.values["gender"] = gender_of(line.values["id_number"])


def _read_id(line: ChildLine, raw: str, birth: date | None, cells: Cells) -> None:
    """Keep the number as written (normalised); a wrong or blank one flags the row, it never drops it."""
    number = normalise(raw)
    if number:
        line.values["id_number"] = number[:30]
    if not number:
        line.id_problem = "blank"
        line.warnings.append(cells.problem("id_number", "id_blank", QT_TRANSLATE_NOOP(
            "Errors", "The ID number is blank: the child is kept and flagged 信息错误待更正.")))
        return
    try:
        line.values["id_number"] = validate_id_number(number, birth_date=birth)
        line.id_valid = True
    except ValidationError as error:  # its own message says what is wrong; the row is kept, flagged
        line.id_problem = "wrong"
        line.warnings.append(Problem(line.row, cells.headers.get("id_number", ""), "id_wrong", error))
