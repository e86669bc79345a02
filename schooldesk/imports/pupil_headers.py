"""Header names the student-status system and schools use, per field of the pupil register.

Columns are matched by name, never by position; names are compared after removing spaces, "*"
required-marks and a bracketed unit such as （公里）.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "学生姓名", "儿童姓名"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日"),
    "ethnicity": ("民族",),
    "id_type": ("身份证件类型", "证件类型"),
    "id_number": ("身份证件号", "身份证件号码", "身份证号", "身份证号码", "公民身份号码", "证件号码", "证件号"),
    "student_number": ("学籍号", "全国学籍号", "学籍号码", "全国学籍号码"),
    "grade": ("年级",),
    "class": ("班级", "班级名称", "班级名", "所在班级"),
    "class_number": ("班号", "班级号"),  # a bare number: the grade comes from 年级 or 入学年月, never from it
    "entry_month": ("入学年月", "入学日期", "入学时间"),
    "status": ("学籍状态", "就读状态", "学生状态", "在校状态"),
    "household_registration": ("户口所在地", "户籍所在地", "户口所在地行政区划", "户籍地址", "户口地址"),
    "address": ("现住址", "家庭住址", "住址", "家庭地址", "通信地址", "居住地址"),
    "boarding": ("就读方式", "是否住校", "住校/走读"),
    "distance_km": ("上下学距离", "上学距离", "离校距离", "家校距离"),
    "way_to_school": ("上下学方式", "上学方式", "交通方式"),
    "guardian1_name": ("成员1姓名", "家庭成员1姓名", "监护人1姓名", "监护人姓名", "监护人", "家长姓名"),
    "guardian1_relation": ("成员1关系", "家庭成员1关系", "监护人1关系", "与学生关系", "监护人关系", "关系"),
    "guardian1_phone": ("成员1联系电话", "成员1电话", "家庭成员1联系电话", "监护人1电话", "监护人电话",
                        "联系电话", "家长电话", "手机号码", "联系方式"),
    "guardian1_workplace": ("成员1工作单位", "家庭成员1工作单位", "监护人1工作单位", "工作单位", "务工地点"),
    "guardian2_name": ("成员2姓名", "家庭成员2姓名", "监护人2姓名"),
    "guardian2_relation": ("成员2关系", "家庭成员2关系", "监护人2关系"),
    "guardian2_phone": ("成员2联系电话", "成员2电话", "家庭成员2联系电话", "监护人2电话"),
    "guardian2_workplace": ("成员2工作单位", "家庭成员2工作单位", "监护人2工作单位"),
    "left_behind": ("是否留守儿童", "留守儿童", "留守儿童类型"),
    "regular_class": ("随班就读", "是否随班就读"),
    "disability_type": ("残疾人类型", "残疾类型", "残疾类别"),
    "migrant": ("是否进城务工人员随迁子女", "随迁子女", "是否随迁子女"),
    "orphan": ("是否孤儿", "孤儿"),
    "single_parent": ("是否单亲", "单亲家庭", "是否单亲家庭"),
    "school_code": ("学校标识码", "学校代码", "学校识别码"),  # whose roster it is: checked, not stored
}

# The template's header for each field: the first synonym, as the student-status system spells it.
TEMPLATE_HEADERS = {field: names[0] for field, names in SYNONYMS.items() if field != "school_code"}
_BY_NAME = {name: field for field, names in SYNONYMS.items() for name in names}
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
MAX_HEADER_SEARCH = 20
MIN_HEADERS = 3


def normalise_header(value: Any) -> str:
    if value is None:
        return ""
    cleaned = unicodedata.normalize("NFKC", str(value))
    cleaned = "".join(cleaned.split()).replace("*", "").replace("＊", "")
    return cleaned


def field_for(header: Any) -> str | None:
    name = normalise_header(header)
    if not name:
        return None
    return _BY_NAME.get(name) or _BY_NAME.get(_BRACKETS.sub("", name))


def find_header(rows: list[list[Any]], known: Callable[[Any], str | None] | None = None,
                least: int = MIN_HEADERS) -> tuple[int, dict[str, int]] | None:
    """The first row among the top ones naming the name and at least *least* known fields in all (*known*: a
    header's field, the pupil register's by default): (row index, field → column index). A column named twice
    keeps its first place."""
    known = known or field_for
    for index, row in enumerate(rows[:MAX_HEADER_SEARCH]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            field = known(cell)
            if field and field not in columns:
                columns[field] = column
        if "name" in columns and len(columns) >= least:
            return index, columns
    return None
