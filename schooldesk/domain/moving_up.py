"""A new school year (升级): every class moves up a grade in September and the top grade leaves (毕业).

The school's type says which grade is the top one: 六年级 in a primary school, 九年级 in a nine-year school
or a junior middle school. A pupil who repeats a year (留级) stays in the grade; one who leaves (转出) is
not moved; a pupil of the top grade who repeats stays instead of graduating.
"""
from __future__ import annotations

from dataclasses import dataclass

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

PRIMARY, NINE_YEAR, JUNIOR, TEACHING_POINT = "primary", "nine_year", "junior", "teaching_point"
SCHOOL_TYPES = {PRIMARY: "小学", JUNIOR: "初级中学", NINE_YEAR: "九年一贯制学校", TEACHING_POINT: "教学点"}
# The grades each kind of school teaches (a 教学点 keeps the lower grades of a primary school; some keep all six).
SCHOOL_GRADES = {PRIMARY: range(1, 7), JUNIOR: range(7, 10), NINE_YEAR: range(1, 10), TEACHING_POINT: range(1, 7)}
TOP_GRADES = {code: grades[-1] for code, grades in SCHOOL_GRADES.items()}

MOVE_UP, REPEAT, LEAVE, GRADUATE = "move_up", "repeat", "leave", "graduate"
CHOICES = {MOVE_UP: "升级", REPEAT: "留级", LEAVE: "离校（转出）", GRADUATE: "毕业"}
GRADUATED, LEFT = "毕业", "转出"  # the statuses a pupil gets


def validate_school_type(code: str) -> str:
    if code not in SCHOOL_TYPES:
        raise ValidationError("school_type", QT_TRANSLATE_NOOP("Errors", "Choose the kind of school from the list."))
    return code


def guess_school_type(grades: set[int]) -> str:
    """Before the school has said: a school with classes above 六年级 is taken for a nine-year school."""
    return NINE_YEAR if any(g > 6 for g in grades) else PRIMARY


def default_choice(grade: int, top_grade: int) -> str:
    return GRADUATE if grade >= top_grade else MOVE_UP


def validate_choice(choice: str, grade: int, top_grade: int) -> str:
    """Move up below the top grade, graduate in it; repeat or leave anywhere."""
    allowed = {REPEAT, LEAVE, GRADUATE if grade >= top_grade else MOVE_UP}
    if choice not in allowed:
        raise ValidationError("choice", QT_TRANSLATE_NOOP("Errors", "%1 cannot be chosen for a pupil of this grade."),
                              CHOICES.get(choice, choice))
    return choice


def next_grade(grade: int, choice: str) -> int | None:
    """The grade a pupil is in next year, or None when they leave the school's roll."""
    if choice == MOVE_UP:
        return grade + 1
    if choice == REPEAT:
        return grade
    return None


@dataclass(frozen=True, kw_only=True)
class ClassMove:
    """One class of next year: where it comes from and who leads it."""

    grade: int
    number: int
    head_teacher_id: int | None
    from_class_id: int | None  # None for a class made only for pupils who repeat
