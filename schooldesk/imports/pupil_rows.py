"""Turn the rows of a pupil roster into checked pupil records, each problem tied to row and column."""
from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

from schooldesk.domain.care import DISABILITY_TYPES, DISABLED, LEFT_BEHIND, MIGRANT, ORPHAN, SINGLE_PARENT
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.grades import GRADE_NAMES_ZH, MAX_CLASS_NUMBER
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.id_number import normalise
from schooldesk.domain.pupils import (
    BOARDING, ETHNICITIES, ID_CARD, ID_TYPES, RELATIONS, STATUSES, WAYS_TO_SCHOOL,
)
from schooldesk.imports.cells import parse_date, parse_number, parse_year_month, parse_yes_no, strip_code, text
from schooldesk.imports.pupil_headers import find_header
from schooldesk.imports.spreadsheet import CellError, Sheet, UnreadableFileError

TOTALS_WORDS = ("合计", "总计", "小计", "共计", "总人数", "人数合计")
PUPIL_FIELDS = (
    "name", "gender", "birth_date", "ethnicity", "id_type", "id_number", "student_number", "status",
    "household_registration", "address", "boarding", "distance_km", "way_to_school",
)
GUARDIAN_PARTS = ("name", "relation", "phone", "workplace")
_GENDER_CODES = {"1": "男", "2": "女", "男性": "男", "女性": "女", "m": "男", "f": "女"}
_RELATION_WORDS = {"父": "父亲", "母": "母亲", "爸爸": "父亲", "妈妈": "母亲", "爷爷": "祖父", "奶奶": "祖母",
                   "外公": "外祖父", "外婆": "外祖母", "姥爷": "外祖父", "姥姥": "外祖母", "哥哥": "兄姐", "姐姐": "兄姐"}
_STATUS_WORDS = {"在校": "在读", "正常": "在读", "在籍": "在读"}
_ID_TYPE_WORDS = {"身份证": ID_CARD, "居民身份证(户口簿)": ID_CARD, "户口簿": ID_CARD}
_LEFT_BEHIND = {"非留守儿童": None, "非留守": None, "单亲留守儿童": "单亲外出", "单亲留守": "单亲外出",
                "双亲留守儿童": "双亲外出", "双亲留守": "双亲外出", "0": None, "1": "单亲外出", "2": "双亲外出"}
_DISABILITY_CODES = dict(zip("1234567", DISABILITY_TYPES, strict=True))
_NO_DISABILITY = {"无残疾", "无", "非残疾", "否", "0", "非随班就读"}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_JUNIOR = {"初一": 7, "初二": 8, "初三": 9}
_GRADE = re.compile(r"([一二三四五六七八九1-9])年级")
_NUMBER = re.compile(r"\((\d{1,2})\)|(\d{1,2})\s*班|^(\d{1,2})$")


@dataclass(frozen=True)
class Problem:
    """Something wrong in one cell: *row* is the spreadsheet's 1-based row, *column* its header."""

    row: int
    column: str
    code: str
    error: SchoolDeskError


@dataclass
class RosterRow:
    """One pupil as the file has them; only fields with a value in the file are in *values*."""

    row: int
    values: dict[str, Any] = field(default_factory=dict)
    guardians: dict[int, dict[str, str]] = field(default_factory=dict)
    grade: int | None = None
    class_number: int | None = None
    entered: date | None = None  # 入学年月: the grade follows from it and the school year when no 年级 is given
    school_code: str = ""  # 学校标识码 when the file has it: a roster of another school is flagged
    care: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def key_numbers(self) -> tuple[str, str]:
        return self.values.get("id_number", ""), self.values.get("student_number", "")


@dataclass(frozen=True)
class Roster:
    header_row: int  # 1-based
    headers: dict[str, str]  # field → header text as written
    rows: list[RosterRow]
    sheet: Sheet


def read_roster(sheet: Sheet, progress: Callable[[int, int], None] | None = None) -> Roster:
    """Find the header, then read each data row; blank lines and a totals line are skipped."""
    found = find_header(sheet.rows)
    if found is None:
        raise UnreadableFileError(QT_TRANSLATE_NOOP(
            "Errors", "No header row was found in sheet %1: the first rows must name the columns, "
                      "including 姓名 and at least two of 性别, 出生日期, 身份证件号, 学籍号, 班级."
        ), sheet.name)
    header_index, columns = found
    headers = {f: text(sheet.rows[header_index][c]) for f, c in columns.items()}
    rows = []
    for index in range(header_index + 1, len(sheet.rows)):
        cells = sheet.rows[index]
        if all(text(c) == "" for c in cells) or _is_totals(cells):
            continue
        rows.append(_read_row(index + 1, cells, columns, headers))
        if progress is not None:
            progress(index + 1, len(sheet.rows))
    return Roster(header_index + 1, headers, rows, sheet)


def _is_totals(cells: list[Any]) -> bool:
    first = [text(c) for c in cells[:4]]
    return any(word in cell for cell in first for word in TOTALS_WORDS)


class _RowReader:
    def __init__(self, number: int, cells: list[Any], columns: dict[str, int], headers: dict[str, str]) -> None:
        self.out = RosterRow(number)
        self._cells, self._columns, self._headers = cells, columns, headers

    def raw(self, field: str) -> Any:
        column = self._columns.get(field)
        if column is None or column >= len(self._cells):
            return None
        return self._cells[column]

    def text(self, field: str) -> str:
        return text(self.raw(field))

    def problem(self, field: str, code: str, message: str, *args: object) -> Problem:
        return Problem(self.out.row, self._headers.get(field, ""), code, SchoolDeskError(message, *args))

    def error(self, field: str, code: str, message: str, *args: object) -> None:
        self.out.errors.append(self.problem(field, code, message, *args))

    def warn(self, field: str, code: str, message: str, *args: object) -> None:
        self.out.warnings.append(self.problem(field, code, message, *args))

    def choice(self, field: str, choices: tuple[str, ...], words: dict[str, str] | None = None) -> str:
        """A value from *choices* (code-label forms accepted); unknown ones are warned about and left out."""
        value = strip_code(self.text(field))
        if not value:
            return ""
        value = (words or {}).get(value, value)
        if value in choices:
            return value
        self.warn(field, "unknown_value", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not one of the known values (%2); the cell was left out."
        ), value, "、".join(choices[:8]) + ("…" if len(choices) > 8 else ""))
        return ""


def _read_row(number: int, cells: list[Any], columns: dict[str, int], headers: dict[str, str]) -> RosterRow:
    r = _RowReader(number, cells, columns, headers)
    values = r.out.values
    for field_name in columns:
        if isinstance(r.raw(field_name), CellError):
            r.error(field_name, "error_cell", QT_TRANSLATE_NOOP(
                "Errors", "The cell holds the Excel error %1 (a formula that failed); correct it and import again."),
                r.raw(field_name).code)
    if r.out.errors:
        return r.out
    name = r.text("name")
    if not name:
        r.error("name", "missing_name", QT_TRANSLATE_NOOP("Errors", "The name is empty."))
    else:
        values["name"] = name
    _read_gender(r)
    _read_id_number(r)
    try:
        birth_date = parse_date(r.raw("birth_date"))
    except ValueError:
        r.error("birth_date", "invalid_date", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a date; write it as 2015-03-04."), r.text("birth_date"))
    else:
        if birth_date is not None:
            values["birth_date"] = birth_date
    student_number = "".join(r.text("student_number").split()).upper()
    if student_number:
        values["student_number"] = student_number
    ethnicity = strip_code(r.text("ethnicity"))
    if ethnicity and not ethnicity.endswith("族") and ethnicity + "族" in ETHNICITIES:
        ethnicity += "族"
    if ethnicity:
        values["ethnicity"] = ethnicity if ethnicity in ETHNICITIES else r.choice("ethnicity", ETHNICITIES)
    for field_name, choices, words in (
        ("id_type", ID_TYPES, _ID_TYPE_WORDS), ("status", STATUSES, _STATUS_WORDS),
        ("way_to_school", WAYS_TO_SCHOOL, None),
    ):
        value = r.choice(field_name, choices, words)
        if value:
            values[field_name] = value
    _read_boarding(r)
    for text_field in ("household_registration", "address"):
        if r.text(text_field):
            values[text_field] = r.text(text_field)
    try:
        distance = parse_number(r.raw("distance_km"))
    except ValueError:
        r.warn("distance_km", "unknown_value", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a distance in km; the cell was left out."), r.text("distance_km"))
    else:
        if distance is not None:
            values["distance_km"] = distance
    for slot in (1, 2):
        guardian = {}
        for part in GUARDIAN_PARTS:
            key = f"guardian{slot}_{part}"
            value = r.choice(key, RELATIONS, _RELATION_WORDS) if part == "relation" else r.text(key)
            if value:
                guardian[part] = value
        if guardian:
            r.out.guardians[slot] = guardian
    _read_class(r)
    _read_care(r)
    r.out.school_code = "".join(r.text("school_code").split())
    return r.out


def _read_gender(r: _RowReader) -> None:
    value = strip_code(r.text("gender"))
    if not value:
        return
    value = _GENDER_CODES.get(value.lower(), value)
    if value in ("男", "女"):
        r.out.values["gender"] = value
    else:
        r.error("gender", "invalid_gender", QT_TRANSLATE_NOOP("Errors", "\"%1\" is not a gender; write 男 or 女."), value)


def _read_id_number(r: _RowReader) -> None:
    raw = r.raw("id_number")
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and len(str(int(raw))) >= 15:
        r.error("id_number", "id_number_as_number", QT_TRANSLATE_NOOP(
            "Errors", "Excel stored this ID number as a number and lost its last digits (it shows %1). "
                      "Format the column as text and type the number again."
        ), f"{int(raw)}")
        return
    number = normalise(text(raw))
    if number:
        r.out.values["id_number"] = number


def _read_boarding(r: _RowReader) -> None:
    value = strip_code(r.text("boarding"))
    if not value:
        return
    if value in BOARDING:
        r.out.values["boarding"] = value
        return
    try:
        yes = parse_yes_no(value)
    except ValueError:
        r.choice("boarding", BOARDING)
        return
    if yes is not None:  # a 是否住校 column
        r.out.values["boarding"] = "住校" if yes else "走读"


def _grade_of(value: str) -> int | None:
    if value in _JUNIOR:
        return _JUNIOR[value]
    for name_index, name in enumerate(GRADE_NAMES_ZH, start=1):
        if value.startswith(name):
            return name_index
    match = _GRADE.search(value)
    if match:
        digit = match.group(1)
        return _CN_DIGITS.get(digit) or int(digit)
    return int(value) if value.isdigit() and 1 <= int(value) <= 9 else None


def _read_class(r: _RowReader) -> None:
    """年级 + 班级 (三年级(2)班), or the national template's 班号 beside 入学年月. A grade is never read out of
    a bare class number: 班号 2 says nothing about the grade."""
    grade_text, class_text = r.text("grade"), r.text("class").replace("（", "(").replace("）", ")")
    number_text = r.text("class_number")
    _read_entry(r)
    if not grade_text and not class_text and not number_text:
        return
    grade = _grade_of(grade_text) if grade_text else None
    if grade is None and class_text and not class_text.isdigit():
        grade = _grade_of(class_text)
    number = None
    match = _NUMBER.search((class_text or number_text).replace(" ", ""))
    if match:
        number = int(next(g for g in match.groups() if g))
    shown = " ".join(filter(None, (grade_text, class_text or number_text)))
    field_name = "class" if class_text else ("class_number" if number_text else "grade")
    if number is None or not 1 <= number <= MAX_CLASS_NUMBER or (grade is None and grade_text):
        r.warn(field_name, "unknown_class", QT_TRANSLATE_NOOP(
            "Errors", "The class \"%1\" was not understood (write e.g. 三年级(2)班); the pupil was imported without a class."
        ), shown)
        return
    if grade is None and r.out.entered is None:
        r.warn(field_name, "no_grade", QT_TRANSLATE_NOOP(
            "Errors", "Class %1 is given without a grade (no 年级 and no 入学年月), so it is not known which class "
                      "it is; the pupil was imported without a class."), shown)
        return
    r.out.grade, r.out.class_number = grade, number


def _read_entry(r: _RowReader) -> None:
    try:
        r.out.entered = parse_year_month(r.raw("entry_month"))
    except ValueError:
        r.warn("entry_month", "invalid_entry_month", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not a month (write e.g. 2021-09 or 202109)."), r.text("entry_month"))


def _yes(r: _RowReader, field_name: str) -> bool:
    try:
        return bool(parse_yes_no(r.raw(field_name)))
    except ValueError:
        r.warn(field_name, "unknown_value", QT_TRANSLATE_NOOP(
            "Errors", "\"%1\" is not yes or no (是/否); the cell was left out."), r.text(field_name))
        return False


def _read_care(r: _RowReader) -> None:
    care = r.out.care
    left = strip_code(r.text("left_behind"))
    if left:
        if left in _LEFT_BEHIND:
            if _LEFT_BEHIND[left]:
                care.append((LEFT_BEHIND, {"kind": _LEFT_BEHIND[left]}))
        elif _yes(r, "left_behind"):
            care.append((LEFT_BEHIND, {}))
    disability: dict[str, str] = {}
    placement = strip_code(r.text("regular_class"))
    if placement and placement not in _NO_DISABILITY:
        kind = next((t for t in DISABILITY_TYPES if placement.startswith(t)), None)
        kind = kind or _DISABILITY_CODES.get(placement)
        if kind or placement.endswith("随班就读") or placement in ("是", "1", "其他残疾随班就读"):
            disability["placement"] = "随班就读"
            if kind:
                disability["type"] = kind
        else:
            r.choice("regular_class", ("非随班就读", *(f"{t}残疾随班就读" for t in DISABILITY_TYPES)))
    kind_text = strip_code(r.text("disability_type")).removesuffix("残疾")
    other_disability = False
    if kind_text and kind_text not in _NO_DISABILITY:
        kind = _DISABILITY_CODES.get(kind_text, kind_text)
        if kind in DISABILITY_TYPES:
            disability["type"] = kind
        elif kind_text in ("其他", "8"):
            other_disability = True
        else:
            r.choice("disability_type", ("无残疾", *DISABILITY_TYPES, "其他残疾"))
    if disability or other_disability:
        care.append((DISABLED, disability))
    for field_name, kind_code, details in (
        ("migrant", MIGRANT, {}), ("orphan", ORPHAN, {"kind": "孤儿"}), ("single_parent", SINGLE_PARENT, {}),
    ):
        if r.text(field_name) and _yes(r, field_name):
            care.append((kind_code, details))

