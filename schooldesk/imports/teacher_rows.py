"""Read a school's list of teachers (教师名单: 姓名, 性别, 任教学科, 联系电话, 职务 …) from a sheet, each value
checked where it stands: the headers vary from office to office, so columns are found by name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import DUTIES, PLAIN_TEACHER
from schooldesk.domain.people import TEACHER_TITLES
from schooldesk.imports.list_rows import Cells, Line, SheetList, gender, read_list
from schooldesk.imports.spreadsheet import Sheet

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "教师姓名", "教职工姓名"),
    "gender": ("性别",),
    "subjects": ("任教学科", "学科", "所教学科", "任教科目", "科目", "任教课程"),
    "phone": ("联系电话", "电话", "手机", "手机号码", "手机号", "联系方式"),
    "duties": ("职务", "担任职务", "行政职务", "现任职务"),
    "title": ("职称", "专业技术职务", "专技职称"),
}
TEMPLATE_HEADERS = ("姓名", "性别", "任教学科", "联系电话", "职务", "职称")
_SEPARATORS = re.compile(r"[、,，/；;\s]+")


@dataclass
class TeacherLine(Line):
    """One teacher as the list has them; only fields with a value are in *values*."""

    duties: tuple[str, ...] = ()


TeacherList = SheetList[TeacherLine]


def read_teacher_list(sheet: Sheet) -> TeacherList:
    """Find the header (姓名 and one more known column among the top rows), then read each teacher."""
    return read_list(sheet, SYNONYMS, 2, QT_TRANSLATE_NOOP(
        "Errors", "No header row was found in sheet %1: the first rows must name the columns, including 姓名 "
                  "and at least one of 性别, 任教学科, 联系电话, 职务."), TeacherLine, _read_line)


def _read_line(cells: Cells, line: TeacherLine) -> None:
    value, wrong = gender(cells)
    if wrong:
        line.errors.append(cells.problem("gender", "invalid_gender", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a gender; write 男 or 女."), wrong))
    elif value:
        line.values["gender"] = value
    for key in ("subjects", "phone"):
        if cells.text(key):
            line.values[key] = cells.text(key)
    title = cells.text("title")
    if title:
        if title in TEACHER_TITLES:
            line.values["title"] = title
        else:
            line.warnings.append(cells.problem("title", "unknown_value", QT_TRANSLATE_NOOP(
                "Errors", "\"%1\" is not one of the known values (%2); the cell was left out."), title,
                "、".join(TEACHER_TITLES)))
    duties = [d for d in _SEPARATORS.split(cells.text("duties")) if d]
    unknown = [d for d in duties if d not in DUTIES]
    if unknown:
        line.warnings.append(cells.problem("duties", "unknown_value", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a duty SchoolDesk knows (%2); it was left out, the others kept."),
            "、".join(unknown), "、".join(DUTIES)))
    line.duties = tuple(d for d in DUTIES if d in duties and d != PLAIN_TEACHER)
