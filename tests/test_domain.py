"""Pure rules: semesters, grades, school codes, names (no Qt, no database)."""
from __future__ import annotations

from datetime import date

import pytest

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.grades import class_name_zh, entry_year, grade_in_year, grade_name_zh
from schooldesk.domain.people import validate_person_name, validate_phone
from schooldesk.domain.school_code import validate_school_code
from schooldesk.domain.semester import (
    SemesterKey, TermDates, default_term_dates, school_year_of, semester_for, validate_term_dates,
)

TERMS_2025 = default_term_dates(2025)
TERMS_2024 = default_term_dates(2024)


def test_semester_label_and_code() -> None:
    key = SemesterKey(2025, 1)
    assert key.label_zh == "2025—2026学年第一学期"
    assert SemesterKey(2025, 2).label_zh == "2025—2026学年第二学期"
    assert key.code == "2025-2026-1"
    assert SemesterKey.parse("2025-2026-2") == SemesterKey(2025, 2)
    assert SemesterKey.parse(" 2025—2026—1 ") == key
    assert SemesterKey.parse("2025-1") == key


@pytest.mark.parametrize("text", ["2025-2027-1", "2025-2026-3", "spring", ""])
def test_semester_code_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        SemesterKey.parse(text)
    assert caught.value.field == "semester"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 1), SemesterKey(2025, 1)),  # first day
        (date(2026, 1, 31), SemesterKey(2025, 1)),  # last day
        (date(2026, 2, 1), SemesterKey(2025, 2)),
        (date(2026, 7, 15), SemesterKey(2025, 2)),
        (date(2026, 8, 10), SemesterKey(2025, 2)),  # summer holiday: the term that just ended
        (date(2025, 8, 20), SemesterKey(2024, 2)),
        (date(2024, 8, 31), None),  # before any term the school set up
    ],
)
def test_semester_for_date(day: date, expected: SemesterKey | None) -> None:
    assert semester_for(day, [*TERMS_2025, *TERMS_2024]) == expected


def test_semester_for_uses_the_schools_own_dates() -> None:
    term1 = TermDates(SemesterKey(2025, 1), date(2025, 8, 25), date(2026, 1, 20))
    term2 = TermDates(SemesterKey(2025, 2), date(2026, 2, 24), date(2026, 7, 5))
    assert semester_for(date(2025, 8, 26), [term1, term2]) == SemesterKey(2025, 1)
    assert semester_for(date(2026, 2, 10), [term1, term2]) == SemesterKey(2025, 1)  # winter holiday
    assert semester_for(date(2026, 2, 24), [term1, term2]) == SemesterKey(2025, 2)


def test_school_year_of() -> None:
    assert school_year_of(date(2025, 9, 1)) == 2025
    assert school_year_of(date(2026, 3, 1)) == 2025
    assert school_year_of(date(2026, 8, 31)) == 2025


@pytest.mark.parametrize(
    ("term1", "term2", "field"),
    [
        ((date(2025, 9, 1), date(2025, 8, 1)), (date(2026, 2, 1), date(2026, 7, 1)), "term1"),
        ((date(2025, 9, 1), date(2026, 2, 10)), (date(2026, 2, 1), date(2026, 7, 1)), "term2"),
        ((date(2025, 9, 1), date(2026, 1, 20)), (date(2026, 2, 1), date(2027, 7, 1)), "term2"),
        ((date(2024, 9, 1), date(2025, 1, 20)), (date(2025, 2, 1), date(2025, 7, 1)), "term1"),
    ],
)
def test_term_dates_rules(term1: tuple[date, date], term2: tuple[date, date], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_term_dates(TermDates(SemesterKey(2025, 1), *term1), TermDates(SemesterKey(2025, 2), *term2))
    assert caught.value.field == field


def test_default_terms_are_valid() -> None:
    validate_term_dates(*TERMS_2025)


def test_grades_and_class_names() -> None:
    assert grade_name_zh(1) == "一年级"
    assert grade_name_zh(9) == "九年级"
    assert class_name_zh(3, 2) == "三年级(2)班"
    assert grade_in_year(3, 2025, 2026) == 4  # classes move up each September
    assert grade_in_year(6, 2025, 2026) == 7
    assert grade_in_year(9, 2025, 2026) is None  # left compulsory education
    assert grade_in_year(1, 2025, 2024) is None
    assert entry_year(3, 2025) == 2023
    with pytest.raises(ValidationError):
        grade_name_zh(10)
    with pytest.raises(ValidationError):
        class_name_zh(1, 0)


def test_school_code() -> None:
    assert validate_school_code(" 2141051203 ") == "2141051203"
    assert validate_school_code("２１４１０５１２０３") == "2141051203"  # full-width digits from WPS
    for bad, fragment in [("", "Enter"), ("214105120", "10 digits"), ("21410512O3", "10 digits"),
                          ("9941051203", "school kind"), ("2199051203", "province")]:
        with pytest.raises(ValidationError) as caught:
            validate_school_code(bad)
        assert fragment in str(caught.value)


def test_names_and_phones() -> None:
    assert validate_person_name(" 张 三 ") == "张三"
    assert validate_person_name("Ali  Khan") == "Ali Khan"
    with pytest.raises(ValidationError):
        validate_person_name("   ")
    assert validate_phone("0379-6612345") == "0379-6612345"
    assert validate_phone("") == ""
    with pytest.raises(ValidationError):
        validate_phone("call me")
