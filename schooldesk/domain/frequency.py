"""How often the school must hold each kind of activity (频次要求): "at least N per semester / school year /
month", or "in the week of a date" (活动周), for the school or for each group (each 教研组, each class). The
targets are school rules kept with their history: a period is judged by the version in force on its first day.
Also the calendar of what is due (报送日历): the dates the school keeps, with their own history."""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import months_of
from schooldesk.domain.versions import in_force

SEMESTER, YEAR, MONTH, WEEK_OF = "semester", "year", "month", "week_of"
PERIODS = {SEMESTER: "每学期", YEAR: "每学年", MONTH: "每月", WEEK_OF: "活动周"}
MAX_TIMES = 60
EPOCH = date(2000, 1, 1)


@dataclass(frozen=True, kw_only=True)
class FrequencyTarget:
    """At least *times* activities of kind *kind_code* per *per*; for WEEK_OF, in the Monday-to-Sunday week of
    *week_of* ("05-25") each year. With *group_field*, each group named in *groups* (the values of that field,
    e.g. the 教研组 of 教研活动) must reach it on its own."""

    kind_code: str
    times: int
    per: str = SEMESTER
    week_of: str = ""
    group_field: str = ""
    groups: tuple[str, ...] = ()

    def describe(self, kind_name: str) -> str:
        """每学期至少1次校际教研 / 语文组、数学组各每月至少2次教研活动 / 5月25日所在周至少1次心理健康教育."""
        who = f"{'、'.join(self.groups)}各" if self.groups else ""
        if self.per == WEEK_OF:
            month, day = (int(part) for part in self.week_of.split("-"))
            return f"{who}{month}月{day}日所在周至少{self.times}次{kind_name}"
        return f"{who}{PERIODS[self.per]}至少{self.times}次{kind_name}"


@dataclass(frozen=True, kw_only=True)
class FrequencyVersion:
    """The whole set of targets in force from *effective_from* (a later version replaces it)."""

    effective_from: date
    targets: tuple[FrequencyTarget, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Period:
    """One span a target is counted over, with the day it is due (its last day)."""

    start: date
    end: date
    label: str


def validate_target(target: FrequencyTarget) -> FrequencyTarget:
    if target.per not in PERIODS:
        raise ValidationError("per", QT_TRANSLATE_NOOP("Errors", "Choose how often from the list."))
    if not 1 <= target.times <= MAX_TIMES:
        raise ValidationError("times", QT_TRANSLATE_NOOP("Errors", "Give a number from %1 to %2."), 1, MAX_TIMES)
    if target.per == WEEK_OF:
        week_day(target.week_of, 2024)  # raises when the date is not a day of the year
    groups = tuple(dict.fromkeys(g.strip() for g in target.groups if g.strip()))
    if groups and not target.group_field:
        raise ValidationError("groups", QT_TRANSLATE_NOOP("Errors", "Choose the field that names the groups."))
    return FrequencyTarget(kind_code=target.kind_code, times=target.times, per=target.per,
                           week_of=target.week_of if target.per == WEEK_OF else "",
                           group_field=target.group_field if groups else "", groups=groups)


def week_day(text: str, year: int) -> date:
    """"05-25" in *year* (29 February in a common year is the 28th)."""
    try:
        month, day = (int(part) for part in text.strip().split("-"))
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except (ValueError, TypeError):
        raise ValidationError("week_of", QT_TRANSLATE_NOOP("Errors", "Give the day as MM-DD, e.g. 05-25.")) from None


def version_for(day: date, versions: Sequence[FrequencyVersion]) -> FrequencyVersion:
    return in_force(day, versions, FrequencyVersion(effective_from=EPOCH))


def month_periods(start: date, end: date) -> list[Period]:
    """The calendar months a term touches, each cut to the term."""
    return [Period(start=max(first, start), label=f"{first.year}年{first.month}月",
                   end=min(end, first.replace(day=calendar.monthrange(first.year, first.month)[1])))
            for first in months_of(start, end)]


def periods_in_term(target: FrequencyTarget, term_start: date, term_end: date, year_start: date,
                    year_end: date) -> list[Period]:
    """The spans of *target* the term shows: its own, its months, the week of the date when it falls in the term,
    and the whole school year (due at the year's end, so shown in each term but judged late only in the last)."""
    if target.per == SEMESTER:
        return [Period(start=term_start, end=term_end, label="本学期")]
    if target.per == YEAR:
        return [Period(start=year_start, end=year_end, label="本学年")]
    if target.per == MONTH:
        return month_periods(term_start, term_end)
    found = []
    for year in sorted({term_start.year, term_end.year}):
        day = week_day(target.week_of, year)
        monday = day - timedelta(days=day.weekday())
        if term_start <= day <= term_end:
            found.append(Period(start=monday, end=monday + timedelta(days=6), label=f"{day.month}月{day.day}日所在周"))
    return found


# The calendar of what is due (报送日历).
@dataclass(frozen=True, kw_only=True)
class DueDates:
    """When the school hands things in; kept with history like the other rules."""

    effective_from: date = EPOCH
    monthly_report_day: int = 5  # the month's 月报 is due on this day of the next month
    bundle_days_before_end: int = 7  # the semester's 报送材料, this many days before the term ends
    summary_days_before_end: int = 7  # the work summaries (每学期结束前上报)
    survey_rounds: tuple[str, ...] = ("09-30", "03-31")  # 适龄儿童摸底 rounds ("MM-DD"), each in its term


def validate_due_dates(dates: DueDates) -> DueDates:
    if not 1 <= dates.monthly_report_day <= 28:
        raise ValidationError("monthly_report_day", QT_TRANSLATE_NOOP("Errors", "Give a number from %1 to %2."), 1, 28)
    for name, value in (("bundle_days_before_end", dates.bundle_days_before_end),
                        ("summary_days_before_end", dates.summary_days_before_end)):
        if not 0 <= value <= 60:
            raise ValidationError(name, QT_TRANSLATE_NOOP("Errors", "Give a number from %1 to %2."), 0, 60)
    rounds = tuple(dict.fromkeys(r.strip() for r in dates.survey_rounds if r.strip()))
    for text in rounds:
        week_day(text, 2024)
    return DueDates(effective_from=dates.effective_from, monthly_report_day=dates.monthly_report_day,
                    bundle_days_before_end=dates.bundle_days_before_end,
                    summary_days_before_end=dates.summary_days_before_end, survey_rounds=rounds)


def due_dates_for(day: date, versions: Sequence[DueDates]) -> DueDates:
    return in_force(day, versions, DueDates())


@dataclass(frozen=True, kw_only=True)
class Preset:
    """A target the seeds' plans set, offered in Settings: the kind is made when the school has none of that name."""

    kind_name: str
    target: FrequencyTarget = field(default_factory=lambda: FrequencyTarget(kind_code="", times=1))


PRESETS = (
    Preset(kind_name="质量分析会", target=FrequencyTarget(kind_code="", times=2, per=YEAR)),
    Preset(kind_name="校际教研", target=FrequencyTarget(kind_code="", times=1, per=SEMESTER)),
    Preset(kind_name="心理健康教育", target=FrequencyTarget(kind_code="", times=1, per=WEEK_OF, week_of="05-25")),
    Preset(kind_name="家长会", target=FrequencyTarget(kind_code="", times=1, per=SEMESTER)),
)
