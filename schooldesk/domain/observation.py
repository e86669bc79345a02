"""听课评课: the words of the forms, 一听二看三查阅, and the quota rule — how many lessons each 职务 must observe.

Quotas are school rules with history, and a teacher's 职务 change during a term (a 教研组长 named in
November). A semester's requirement is therefore weighed by day: each day of the term asks for the
highest quota among the 职务 held that day, under the quota version in force that day, and the term asks
for the average over its days, rounded half up. A rule or 职务 that held the whole term gives its number.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.versions import in_force

LESSON_TYPES = ("新授课", "复习课", "练习课", "讲评课", "实验课", "公开课", "汇报课", "示范课")
OBSERVATION_KINDS = ("推门听课", "公开课", "教研听课", "师徒听课", "视导听课")
DUTIES = ("校长", "副校长", "教导主任", "教研组长", "班主任", "教师")
PLAIN_TEACHER = "教师"  # a teacher with no other 职务
DEFAULT_QUOTAS = {"校长": 14, "副校长": 12, "教导主任": 14, "教研组长": 14, "班主任": 12, "教师": 12}
MAX_QUOTA, MAX_PERIOD = 60, 12
EARLIEST = date(2000, 1, 1)

# 一听二看三查阅: after the lesson, look at the plans and the homework, check the teacher's records.
PLAN_ITEMS = ("有无教案", "与课堂一致", "二次备课/反思")
HOMEWORK_ITEMS = ("作业量", "批改", "错题订正", "批语")
RECORD_ITEMS = ("听课记录", "教研记录", "学困生辅导记录", "成绩册")
LOOK_RATINGS = ("好", "一般", "差", "无")
PRESENCE = ("有", "无")
CHECK_GROUPS = (("平时备课", PLAN_ITEMS, LOOK_RATINGS), ("作业批改", HOMEWORK_ITEMS, LOOK_RATINGS),
                ("查阅记录", RECORD_ITEMS, PRESENCE))
CHECK_ITEMS = {item: ratings for _group, items, ratings in CHECK_GROUPS for item in items}


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    """One thing looked at beside the lesson: 批改 — 一般 — 个别本子未批."""

    item: str
    rating: str
    comment: str = ""


def validate_checks(checks: Sequence[CheckResult]) -> tuple[CheckResult, ...]:
    """Known items, each once, each with a rating from its own list (in the form's order)."""
    seen: dict[str, CheckResult] = {}
    for check in checks:
        if check.item not in CHECK_ITEMS:
            raise ValidationError("checks", QT_TRANSLATE_NOOP("Errors", "“%1” is not one of the choices."), check.item)
        if check.rating not in CHECK_ITEMS[check.item]:
            raise ValidationError("checks", QT_TRANSLATE_NOOP("Errors", "Rate “%1” with one of %2."), check.item,
                                  "、".join(CHECK_ITEMS[check.item]))
        seen[check.item] = check
    return tuple(seen[item] for item in CHECK_ITEMS if item in seen)


def check_summary(group: str, checks: Sequence[CheckResult]) -> str:
    """One evaluation as the printed form writes it: 有无教案：好；批改：一般（个别未批）."""
    items = next(items for name, items, _ in CHECK_GROUPS if name == group)
    return "；".join(f"{c.item}：{c.rating}" + (f"（{c.comment}）" if c.comment else "")
                    for c in checks if c.item in items)


# ---- quotas -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class QuotaVersion:
    """Lessons each 职务 observes per semester, from *effective_from* on."""

    effective_from: date
    quotas: Mapping[str, int]


@dataclass(frozen=True, kw_only=True)
class DutySpell:
    """A 职务 held from *start* until *end* (None: still held)."""

    duty: str
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


DEFAULT_QUOTA_VERSION = QuotaVersion(effective_from=EARLIEST, quotas=DEFAULT_QUOTAS)


def validate_quotas(version: QuotaVersion) -> QuotaVersion:
    quotas = {duty: version.quotas.get(duty, DEFAULT_QUOTAS[duty]) for duty in DUTIES}
    for duty, quota in quotas.items():
        if not 0 <= quota <= MAX_QUOTA:
            raise ValidationError(f"quota_{DUTIES.index(duty)}", QT_TRANSLATE_NOOP(
                "Errors", "The lessons for %1 must be from %2 to %3."), duty, 0, MAX_QUOTA)
    return QuotaVersion(effective_from=version.effective_from, quotas=quotas)


def quotas_on(day: date, versions: Sequence[QuotaVersion]) -> Mapping[str, int]:
    return in_force(day, versions, DEFAULT_QUOTA_VERSION).quotas


def duties_on(day: date, spells: Sequence[DutySpell]) -> tuple[str, ...]:
    held = {s.duty for s in spells if s.covers(day)}
    return tuple(d for d in DUTIES if d in held) or (PLAIN_TEACHER,)


def required_observations(start: date, end: date, spells: Sequence[DutySpell], versions: Sequence[QuotaVersion]) -> int:
    """Lessons to observe in the term *start*–*end*: the highest quota of the 职务 held each day, averaged
    over the term's days and rounded half up (see the module's docstring). Computed by stretches between the
    days anything changes (a 职务 begins or ends, a quota version starts), not day by day."""
    days = (end - start).days + 1
    changes = {start, end + timedelta(days=1)}
    changes |= {s.start for s in spells} | {s.end + timedelta(days=1) for s in spells if s.end is not None}
    changes |= {v.effective_from for v in versions}
    edges = sorted(d for d in changes if start <= d <= end + timedelta(days=1))
    total = 0
    for first, following in zip(edges, edges[1:]):
        quotas = quotas_on(first, versions)
        quota = max(quotas.get(duty, quotas.get(PLAIN_TEACHER, 0)) for duty in duties_on(first, spells))
        total += quota * (following - first).days
    return int((Decimal(total) / Decimal(days)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def due_by(required: int, start: date, end: date, today: date) -> int:
    """Lessons that should be observed by *today* at an even pace (all of them once the term is over)."""
    if today >= end:
        return required
    if today < start:
        return 0
    return math.floor(required * ((today - start).days + 1) / ((end - start).days + 1))


def weeks_left(end: date, today: date) -> int:
    return max(0, math.ceil(((end - today).days + 1) / 7)) if today <= end else 0


@dataclass(frozen=True, kw_only=True)
class LessonScore:
    total: float
    maximum: float


def lesson_average(scores: Sequence[LessonScore]) -> float | None:
    """The lesson's mark from several observers: the mean of their totals, or, when they scored on rubrics
    of different maxima, the mean on a scale of 100."""
    if not scores:
        return None
    from schooldesk.domain.rubrics import round1

    if len({s.maximum for s in scores}) == 1:
        return round1(sum(s.total for s in scores) / len(scores))
    return round1(sum(s.total * 100 / s.maximum for s in scores) / len(scores))


def validate_period(period: int) -> int:
    if not 1 <= period <= MAX_PERIOD:
        raise ValidationError("period", QT_TRANSLATE_NOOP("Errors", "The lesson period must be from %1 to %2."), 1, MAX_PERIOD)
    return period
