"""School years and terms (学年, 学期): labels and which term a date belongs to.

A school year starts in autumn: 2025—2026学年 runs from about September 2025 to July 2026.
Term 1 (第一学期) is the autumn term, term 2 (第二学期) the spring term. The school sets each
term's dates; a date in a holiday between two terms counts for the term that just ended, so a
home visit in the winter holiday is filed with the autumn term.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Sequence

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

TERM_NAMES_ZH = {1: "第一学期", 2: "第二学期"}
EM_DASH = "—"
FIRST_YEAR, LAST_YEAR = 2000, 2099
SCHOOL_YEAR_START_MONTH = 9
MAX_TERM_DAYS = 240


@dataclass(frozen=True, order=True)
class SemesterKey:
    """One term of one school year, e.g. 2025—2026学年第一学期 (school_year=2025, term=1)."""

    school_year: int
    term: int

    def __post_init__(self) -> None:
        if self.term not in (1, 2):
            raise ValueError(f"term must be 1 or 2, not {self.term}")

    @property
    def code(self) -> str:
        """The compact form scripts use: ``2025-2026-1``."""
        return f"{self.school_year}-{self.school_year + 1}-{self.term}"

    @property
    def label_zh(self) -> str:
        """The bureau's label: ``2025—2026学年第一学期``."""
        return f"{school_year_label_zh(self.school_year)}{TERM_NAMES_ZH[self.term]}"

    @classmethod
    def parse(cls, code: str) -> SemesterKey:
        """Read ``2025-2026-1`` (or ``2025-1``) as typed on a command line."""
        match = re.fullmatch(r"\s*(\d{4})\s*[-—–]\s*(?:(\d{4})\s*[-—–]\s*)?([12])\s*", code)
        if not match or (match[2] and int(match[2]) != int(match[1]) + 1):
            raise ValidationError(
                "semester",
                QT_TRANSLATE_NOOP("Errors", "“%1” is not a semester; write it like 2025-2026-1."),
                code,
            )
        return cls(int(match[1]), int(match[3]))


@dataclass(frozen=True)
class TermDates:
    """The dates the school set for one term."""

    key: SemesterKey
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def school_year_label_zh(school_year: int) -> str:
    """``2025—2026学年``."""
    return f"{school_year}{EM_DASH}{school_year + 1}学年"


def school_year_of(day: date) -> int:
    """The school year a date falls in by the calendar alone (September starts a new one)."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def default_term_dates(school_year: int) -> tuple[TermDates, TermDates]:
    """Dates to offer when the school has not set its own: Sep 1–Jan 31 and Feb 1–Jul 15."""
    return (
        TermDates(SemesterKey(school_year, 1), date(school_year, 9, 1), date(school_year + 1, 1, 31)),
        TermDates(SemesterKey(school_year, 2), date(school_year + 1, 2, 1), date(school_year + 1, 7, 15)),
    )


def validate_school_year(school_year: int, field: str = "school_year") -> int:
    """Refuse years that are surely typing mistakes."""
    if not FIRST_YEAR <= school_year <= LAST_YEAR:
        raise ValidationError(
            field,
            QT_TRANSLATE_NOOP("Errors", "The school year must be between %1 and %2."),
            FIRST_YEAR,
            LAST_YEAR,
        )
    return school_year


def validate_term_dates(term1: TermDates, term2: TermDates) -> None:
    """Check that a school year's two terms are in order, do not overlap and fit the year."""
    year = term1.key.school_year
    for term, field in ((term1, "term1"), (term2, "term2")):
        if term.end <= term.start:
            raise ValidationError(
                field, QT_TRANSLATE_NOOP("Errors", "The term must end after it starts.")
            )
        if (term.end - term.start).days > MAX_TERM_DAYS:
            raise ValidationError(
                field, QT_TRANSLATE_NOOP("Errors", "A term cannot be longer than %1 days."), MAX_TERM_DAYS
            )
        if not date(year, 7, 1) <= term.start <= date(year + 1, 8, 31) or term.end > date(year + 1, 8, 31):
            raise ValidationError(
                field,
                QT_TRANSLATE_NOOP("Errors", "The term's dates must lie between July %1 and August %2."),
                year,
                year + 1,
            )
    if term2.start <= term1.end:
        raise ValidationError(
            "term2", QT_TRANSLATE_NOOP("Errors", "The second term must start after the first term ends.")
        )


def semester_for(day: date, terms: Iterable[TermDates]) -> SemesterKey | None:
    """The term a record dated *day* belongs to.

    Inside a term: that term. In a holiday: the latest term that ended before it. Before the
    first known term: None (the school has not set that year up).
    """
    ordered: Sequence[TermDates] = sorted(terms, key=lambda t: t.start)
    chosen: SemesterKey | None = None
    for term in ordered:
        if term.start > day:
            break
        chosen = term.key
    return chosen


def months_of(start: date, end: date) -> list[date]:
    """First days of the calendar months that *start*–*end* touches."""
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months
