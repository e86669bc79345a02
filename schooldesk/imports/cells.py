"""Turning messy spreadsheet cells into values: text, dates in many forms, yes/no, coded labels."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (20000, 60000)  # 1954 … 2064 as Excel serial numbers
YES = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "对"})
NO = frozenset({"否", "无", "没有", "n", "no", "false", "0", "×", "不是"})
_DATE_TEXT = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_CODE_PREFIX = re.compile(r"^\d{1,3}\s*[-－:：.、]\s*")


def text(value: Any) -> str:
    """Cell as clean text: full-width letters and digits made ASCII (NFKC), outer and doubled spaces gone.

    Whole floats lose their ".0" (Excel stores 3 as 3.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    return " ".join(unicodedata.normalize("NFKC", str(value)).split())


def parse_date(value: Any) -> date | None:
    """A real date, a serial number, or text as 2015-03-04, 2015.3.4, 2015/3/4, 2015年3月4日, 20150304.

    Raises ValueError when the cell holds something else; None when it is empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == int(value) and 19000101 <= value <= 21001231:
            return parse_date(str(int(value)))
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueError(value)
    cleaned = text(value).replace(" ", "")
    for pattern in _DATE_TEXT:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    raise ValueError(value)


_MONTH_TEXT = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})$"),
)


def parse_year_month(value: Any) -> date | None:
    """A month as 入学年月 is written: 202109, 2021-09, 2021.9, 2021年9月, or a full date; the first day of it.

    Raises ValueError for anything else; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == int(value) \
            and 190001 <= value <= 210012:
        value = str(int(value))
    cleaned = text(value).replace(" ", "") if not isinstance(value, (date, datetime)) else value
    if isinstance(cleaned, str):
        for pattern in _MONTH_TEXT:
            match = pattern.match(cleaned)
            if match:
                year, month = (int(g) for g in match.groups())
                return date(year, month, 1)
    return parse_date(value).replace(day=1)  # type: ignore[union-attr]


def parse_yes_no(value: Any) -> bool | None:
    """是/否, Y/N, 1/0, 有/无 … ; None when empty; ValueError for anything else."""
    cleaned = strip_code(text(value)).lower()
    if not cleaned:
        return None
    if cleaned in YES:
        return True
    if cleaned in NO:
        return False
    raise ValueError(value)


def strip_code(label: str) -> str:
    """`1-单亲留守儿童` → `单亲留守儿童`: the student-status system's code-label form."""
    return _CODE_PREFIX.sub("", label)


def parse_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    cleaned = text(value).replace("公里", "").replace("km", "").replace("千米", "").strip()
    return float(cleaned) if cleaned else None
