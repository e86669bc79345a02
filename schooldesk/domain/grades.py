"""Grades (年级) of compulsory education and class names such as 三年级(2)班."""
from __future__ import annotations

from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import school_year_of

GRADE_NAMES_ZH = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "七年级", "八年级", "九年级")
MAX_CLASS_NUMBER = 30


def grade_name_zh(grade: int) -> str:
    """一年级 … 九年级."""
    return GRADE_NAMES_ZH[validate_grade(grade) - 1]


def class_name_zh(grade: int, number: int) -> str:
    """三年级(2)班 — the form the student-status system prints."""
    return f"{grade_name_zh(grade)}({validate_class_number(number)})班"


def validate_grade(grade: int) -> int:
    if not 1 <= grade <= len(GRADE_NAMES_ZH):
        raise ValidationError("grade", QT_TRANSLATE_NOOP("Errors", "The grade must be between 1 and 9."))
    return grade


def validate_class_number(number: int) -> int:
    if not 1 <= number <= MAX_CLASS_NUMBER:
        raise ValidationError(
            "number",
            QT_TRANSLATE_NOOP("Errors", "The class number must be between 1 and %1."),
            MAX_CLASS_NUMBER,
        )
    return number


def grade_in_year(grade: int, school_year: int, target_year: int) -> int | None:
    """The grade a class of *grade* in *school_year* is in during *target_year* (classes move up
    each September); None when it has not started yet or has left compulsory education."""
    moved = grade + (target_year - school_year)
    return moved if 1 <= moved <= len(GRADE_NAMES_ZH) else None


def grade_from_entry(entered: date, school_year: int, first_grade: int = 1) -> int | None:
    """The grade in *school_year* of a pupil who entered the school in the month *entered* (入学年月), in the
    school's first grade (七年级 for a junior middle school): entered September 2021 → 五年级 in 2025—2026.
    None when that is not a grade of compulsory education (a typing mistake, or a pupil long gone)."""
    grade = school_year - school_year_of(entered) + first_grade
    return grade if 1 <= grade <= len(GRADE_NAMES_ZH) else None


def entry_year(grade: int, school_year: int) -> int:
    """The cohort (级): the school year the class started grade 1, e.g. 2023级."""
    return school_year - (validate_grade(grade) - 1)
