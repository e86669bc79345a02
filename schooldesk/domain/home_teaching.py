"""送教上门: the visit rule a county sets, lesson periods, and whether a month's visits meet the rule.

Counties differ (2 visits a month of 2 periods; 2 a week; 10 periods a semester of 30 minutes), so the
rule is data. A school may tighten or relax it; each version applies from a month on, and every month
is judged by the version in force at its start, so a change never rewrites last month's verdict.
"""
from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import months_of

# What a plan's goals and a visit's content are about (the forms counties hand out use these).
CONTENT_KINDS = ("文化知识", "康复训练", "生活自理", "心理疏导", "社会适应", "艺术体育")

PER_MONTH, PER_WEEK, PER_SEMESTER = "month", "week", "semester"
RULE_UNITS = {PER_MONTH: "每月", PER_WEEK: "每周", PER_SEMESTER: "每学期"}
WEEK_DAYS = 7
EARLIEST = date(2000, 1, 1)
MET, BEHIND, IN_PROGRESS, NOT_YET = "met", "behind", "in_progress", "not_yet"  # MonthCompliance.state()


@dataclass(frozen=True)
class VisitRule:
    """At least *min_visits* per *per*, each of at least *periods_per_visit* lesson periods of
    *minutes_per_period* minutes; in force from the month of *effective_from*."""

    per: str = PER_MONTH
    min_visits: int = 2
    periods_per_visit: int = 2
    minutes_per_period: int = 40
    effective_from: date = EARLIEST

    @property
    def label_zh(self) -> str:
        """每月不少于2次，每次不少于2课时（每课时40分钟）."""
        return (f"{RULE_UNITS[self.per]}不少于{self.min_visits}次，每次不少于{self.periods_per_visit}课时"
                f"（每课时{self.minutes_per_period}分钟）")


DEFAULT_RULE = VisitRule()


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def validate_rule(rule: VisitRule) -> VisitRule:
    if rule.per not in RULE_UNITS:
        raise ValidationError("per", QT_TRANSLATE_NOOP("Errors", "Choose how often from the list."))
    if not 1 <= rule.min_visits <= 31:
        raise ValidationError("min_visits", QT_TRANSLATE_NOOP("Errors", "The number of visits must be between %1 and %2."), 1, 31)
    if not 1 <= rule.periods_per_visit <= 8:
        raise ValidationError("periods_per_visit",
                              QT_TRANSLATE_NOOP("Errors", "The lesson periods per visit must be between %1 and %2."), 1, 8)
    if not 20 <= rule.minutes_per_period <= 60:
        raise ValidationError("minutes_per_period",
                              QT_TRANSLATE_NOOP("Errors", "A lesson period must last between %1 and %2 minutes."), 20, 60)
    return VisitRule(rule.per, rule.min_visits, rule.periods_per_visit, rule.minutes_per_period,
                     first_of_month(rule.effective_from))


def rule_for(month: date, rules: Sequence[VisitRule]) -> VisitRule:
    """The version in force on the first of *month* (the default before any version)."""
    start = first_of_month(month)
    chosen = DEFAULT_RULE
    for rule in sorted(rules, key=lambda r: r.effective_from):
        if first_of_month(rule.effective_from) <= start:
            chosen = rule
    return chosen


def visit_minutes(start: time, end: time) -> int:
    """Length of a visit in whole minutes; a visit ends after it starts, on the same day."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise ValidationError("end_time", QT_TRANSLATE_NOOP("Errors", "The visit must end after it starts."))
    return minutes


def period_tenths(minutes: int, minutes_per_period: int) -> int:
    """One visit's lesson periods in tenths, rounded down: 90 minutes of 40-minute periods is 22 (2.2 课时).

    The one rounding rule: each visit is rounded, and a month's or a semester's periods are the sum of its
    visits' figures, so the column of visits adds up to the total printed under it on every sheet and page."""
    return minutes * 10 // minutes_per_period


def lesson_periods(minutes: int, minutes_per_period: int) -> float:
    """One visit's lesson periods (课时), to one decimal: 90 minutes of 40-minute periods is 2.2."""
    return period_tenths(minutes, minutes_per_period) / 10


def hours_text(minutes: int) -> str:
    """1小时30分钟 — how a form writes a visit's length."""
    hours, rest = divmod(minutes, 60)
    return (f"{hours}小时" if hours else "") + (f"{rest}分钟" if rest or not hours else "")


@dataclass(frozen=True)
class VisitTime:
    """What compliance needs of one visit."""

    day: date
    minutes: int


@dataclass(frozen=True)
class MonthCompliance:
    """One calendar month of a plan: what the rule asked for and what was done."""

    month: date  # first day of the month
    covered_days: int  # days of the month inside the plan
    rule: VisitRule
    required_visits: int
    visits: int
    minutes: int
    short_visits: int  # visits shorter than the rule's periods per visit
    period_tenths: int  # the sum of the visits' periods (each rounded down to a tenth)

    @property
    def required_minutes(self) -> int:
        return self.required_visits * self.rule.periods_per_visit * self.rule.minutes_per_period

    @property
    def required_periods(self) -> int:
        return self.required_visits * self.rule.periods_per_visit

    @property
    def periods(self) -> float:
        """The month's lesson periods: its visits' figures added up (two visits of 90 minutes are 4.4, not 4.5)."""
        return self.period_tenths / 10

    @property
    def qualifying_visits(self) -> int:
        """Visits of at least the rule's periods: a 70-minute visit under 每次不少于2课时 does not count."""
        return self.visits - self.short_visits

    @property
    def met(self) -> bool:
        return self.qualifying_visits >= self.required_visits and self.minutes >= self.required_minutes

    @property
    def visits_missing(self) -> int:
        """Qualifying visits still needed this month."""
        return max(0, self.required_visits - self.qualifying_visits)

    @property
    def visits_zh(self) -> str:
        """2次 / 2次，其中1次不足2课时 — the visits made, short ones named, as the month table shows them."""
        if not self.short_visits:
            return f"{self.visits}次"
        return f"{self.visits}次，其中{self.short_visits}次不足{self.rule.periods_per_visit}课时"

    @property
    def label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    def state(self, today: date) -> str:
        """MET; else NOT_YET for a month still to come, IN_PROGRESS for this month, BEHIND for a month gone."""
        if self.met:
            return MET
        if self.month > today:
            return NOT_YET
        return IN_PROGRESS if self.month == first_of_month(today) else BEHIND

    def met_zh(self, today: date) -> str:
        """是 / 否 for a month that is over; 进行中 for the month under way and 未到 for one to come (a month
        cannot fail before it has ended) — the 是否达标 column of a sheet."""
        return {MET: "是", BEHIND: "否", IN_PROGRESS: "进行中", NOT_YET: "未到"}[self.state(today)]

    def verdict_zh(self, today: date) -> str:
        """达标 / 未达标，差1次 / 本月进行中，尚差1次 / 未到 — as the printed log says it."""
        state = self.state(today)
        if state in (MET, NOT_YET):
            return "达标" if state == MET else "未到"
        short = f"差{self.visits_missing}次" if self.visits_missing else "课时不足"
        return f"本月进行中，尚{short}" if state == IN_PROGRESS else f"未达标，{short}"


def default_plan_start(semester_start: date, semester_end: date, today: date, placed_on: date | None = None) -> date:
    """Where a new plan starts unless the clerk says otherwise: the child's 送教上门 placement when it began
    inside the semester, else today while the semester is under way, else the semester's first day. A plan
    made in late November must not start on 1 September and fail September and October at once."""
    if placed_on is not None and semester_start < placed_on <= semester_end:
        return placed_on
    if semester_start < today <= semester_end:
        return today
    return semester_start


def judged_months(start: date, end: date, today: date) -> list[date]:
    """The months of a plan from *start* that are already gone or under way on *today*: what a start date in
    the past puts up for judging at once."""
    return months_of(start, min(end, today)) if start <= today else []


def required_visits(rule: VisitRule, covered_days: int, month_days: int, plan_days: int, days_before: int) -> int:
    """The rule pro rata for the *covered_days* a plan has in one month: a whole month under 每月2次 asks
    for 2, ten days of a 31-day month for 1; 每周 counts weeks. 每学期 is shared out over the plan's
    months by running total (*days_before* = plan days in earlier months), so the months add up to the
    semester's figure exactly."""
    if covered_days <= 0:
        return 0
    if rule.per == PER_SEMESTER:
        def due_by(days: int) -> int:
            return math.ceil(rule.min_visits * days / plan_days - 1e-9)
        return due_by(days_before + covered_days) - due_by(days_before)
    unit_days = month_days if rule.per == PER_MONTH else WEEK_DAYS
    return max(1, math.ceil(rule.min_visits * covered_days / unit_days - 1e-9))


def month_compliance(plan_start: date, plan_end: date, visits: Iterable[VisitTime],
                     rules: Sequence[VisitRule]) -> list[MonthCompliance]:
    """Month by month over the plan, each month judged by the rule in force at its start."""
    by_month: dict[date, list[VisitTime]] = {}
    for visit in visits:
        by_month.setdefault(first_of_month(visit.day), []).append(visit)
    plan_days = (plan_end - plan_start).days + 1
    result: list[MonthCompliance] = []
    days_before = 0
    for month in months_of(plan_start, plan_end):
        month_days = calendar.monthrange(month.year, month.month)[1]
        last = month.replace(day=month_days)
        covered = (min(last, plan_end) - max(month, plan_start)).days + 1
        rule = rule_for(month, rules)
        done = by_month.get(month, [])
        shortest = rule.periods_per_visit * rule.minutes_per_period
        result.append(MonthCompliance(
            month, covered, rule, required_visits(rule, covered, month_days, plan_days, days_before), len(done),
            sum(v.minutes for v in done), sum(1 for v in done if v.minutes < shortest),
            sum(period_tenths(v.minutes, rule.minutes_per_period) for v in done),
        ))
        days_before += covered
    return result


@dataclass(frozen=True, kw_only=True)
class PlanStanding:
    """A plan's figures on a day: the one place the register, the bundle's sheets, the printed log and the
    pupil's file take them from, so that no two papers disagree about a child."""

    visits: int
    short_visits: int
    required_visits: int  # over the whole plan, as the printed log's 要求N次
    minutes: int
    period_tenths: int
    required_periods: int
    months_met: int
    months_past: int  # months over by that day (the one under way is not judged yet)

    @property
    def periods(self) -> float:
        return self.period_tenths / 10

    @property
    def months_text(self) -> str:
        """1/2 — months met of the months already over; 未到评定 while none is over yet (never 0/0)."""
        return f"{self.months_met}/{self.months_past}" if self.months_past else "未到评定"

    @property
    def months_sentence(self) -> str:
        """The log's sentence on the months: 已过去的2个月中1个月达到要求 / 尚无已结束的月份."""
        if not self.months_past:
            return "尚无已结束的月份，本月进行中"
        return f"已过去的{self.months_past}个月中{self.months_met}个月达到要求"


def plan_standing(months: Sequence[MonthCompliance], today: date) -> PlanStanding:
    """Add up a plan's months as they stand on *today*."""
    past = [m for m in months if m.state(today) in (MET, BEHIND)]
    return PlanStanding(
        visits=sum(m.visits for m in months), short_visits=sum(m.short_visits for m in months),
        required_visits=sum(m.required_visits for m in months), minutes=sum(m.minutes for m in months),
        period_tenths=sum(m.period_tenths for m in months),
        required_periods=sum(m.required_periods for m in months),
        months_met=sum(1 for m in past if m.met), months_past=len(past))
