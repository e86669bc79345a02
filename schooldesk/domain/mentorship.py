"""师徒结对 (青蓝工程): pairing words, the targets a pair's agreement sets, and how they are counted.

Targets are school rules with history. Each target counts some kinds of guidance record and, where the
evidence is a lesson, the observations between the two (徒弟 observing 师傅, or 师傅 observing 徒弟) — one
observation recorded once counts for the pair. A target is per month, semester or school year:

- per month: each calendar month counts when the pair is active on its 15th, under the version in force on
  the 1st of that month;
- per semester: the version in force on the first day of the term the pair is active in;
- per year: the version in force on the first day of the pair's school year, counted over the whole year.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import due_by
from schooldesk.domain.rubrics import Band, Bands, RubricDefinition, RubricItem, POINTS, round1
from schooldesk.domain.versions import in_force

PAIRING_TYPES = ("入门式", "协作式", "提高式")
ACTIVE, FINISHED, ENDED = "进行中", "期满", "解除"
STATUSES = (ACTIVE, FINISHED, ENDED)
GUIDANCE_KINDS = ("徒弟听师傅课", "师傅听评徒弟课", "备课指导/教案审阅", "试卷与质量分析", "公开课指导", "论文指导",
                  "班主任工作指导", "谈心交流", "其他")
APPRENTICE_OBSERVES, MENTOR_OBSERVES = "apprentice", "mentor"  # who observed whom, in an observation
PER_MONTH, PER_SEMESTER, PER_YEAR = "month", "semester", "year"
PERIODS = {PER_MONTH: "每月", PER_SEMESTER: "每学期", PER_YEAR: "每学年"}
MID_MONTH = 15
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True, kw_only=True)
class Target:
    """At least *minimum* per *per*: guidance records of *kinds*, and observations in which *observes*
    (the apprentice or the mentor) watched the other, narrowed to *lesson_types* when given."""

    name: str
    per: str
    minimum: int
    kinds: tuple[str, ...] = ()
    observes: str = ""
    lesson_types: tuple[str, ...] = ()

    @property
    def label_zh(self) -> str:
        return f"{self.name}：{PERIODS[self.per]}不少于{self.minimum}次"


PRESETS: dict[str, tuple[Target, ...]] = {
    "听课与教案": (
        Target(name="徒弟听师傅课", per=PER_SEMESTER, minimum=8, kinds=("徒弟听师傅课",), observes=APPRENTICE_OBSERVES),
        Target(name="师傅听徒弟课", per=PER_SEMESTER, minimum=8, kinds=("师傅听评徒弟课",), observes=MENTOR_OBSERVES),
        Target(name="教案审阅", per=PER_SEMESTER, minimum=3, kinds=("备课指导/教案审阅",)),
    ),
    "协议书（研讨与公开课）": (
        Target(name="研讨", per=PER_MONTH, minimum=2, kinds=("备课指导/教案审阅", "试卷与质量分析", "班主任工作指导", "谈心交流")),
        Target(name="徒弟听师傅课", per=PER_MONTH, minimum=2, kinds=("徒弟听师傅课",), observes=APPRENTICE_OBSERVES),
        Target(name="试验课", per=PER_SEMESTER, minimum=2, kinds=("师傅听评徒弟课",), observes=MENTOR_OBSERVES),
        Target(name="公开课", per=PER_YEAR, minimum=1, kinds=("公开课指导",), observes=MENTOR_OBSERVES,
               lesson_types=("公开课", "汇报课", "示范课")),
        Target(name="论文", per=PER_SEMESTER, minimum=1, kinds=("论文指导",)),
    ),
}
DEFAULT_PRESET = "听课与教案"


@dataclass(frozen=True, kw_only=True)
class TargetVersion:
    effective_from: date
    targets: tuple[Target, ...]


DEFAULT_VERSION = TargetVersion(effective_from=EARLIEST, targets=PRESETS[DEFAULT_PRESET])


def validate_targets(version: TargetVersion) -> TargetVersion:
    if not version.targets:
        raise ValidationError("targets", QT_TRANSLATE_NOOP("Errors", "Keep at least one target."))
    for target in version.targets:
        if not target.name.strip() or target.per not in PERIODS or not 1 <= target.minimum <= 99:
            raise ValidationError("targets", QT_TRANSLATE_NOOP("Errors", "Each target needs a name, how often, and a "
                                                                         "number from 1 to 99."))
        if any(k not in GUIDANCE_KINDS for k in target.kinds):
            raise ValidationError("targets", QT_TRANSLATE_NOOP("Errors", "Choose the kinds of record from the list."))
    return version


def targets_on(day: date, versions: Sequence[TargetVersion]) -> tuple[Target, ...]:
    return in_force(day, versions, DEFAULT_VERSION).targets


# ---- counting --------------------------------------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Evidence:
    """One thing that may count: a guidance record (*kind*) or an observation (*observes*, *lesson_type*)."""

    day: date
    kind: str = ""
    observes: str = ""
    lesson_type: str = ""
    observation_kind: str = ""

    def counts_for(self, target: Target) -> bool:
        if self.kind:
            return self.kind in target.kinds
        if not self.observes or self.observes != target.observes:
            return False
        return not target.lesson_types or bool({self.lesson_type, self.observation_kind} & set(target.lesson_types))


@dataclass(frozen=True, kw_only=True)
class TargetProgress:
    name: str
    per: str
    required: int
    done: int
    due_now: int

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def behind(self) -> bool:
        return self.done < self.due_now


def months_counted(start: date, end: date) -> list[date]:
    """First days of the months whose 15th lies in *start*–*end*."""
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        if start <= day.replace(day=MID_MONTH) <= end:
            months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> tuple[date, date] | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start <= end else None


def progress(*, pair: tuple[date, date], semester: tuple[date, date], year: tuple[date, date],
             evidence: Iterable[Evidence], versions: Sequence[TargetVersion], today: date) -> list[TargetProgress]:
    """Each target of the pair for the semester (per-year ones over the school year), against what was done.

    *pair* is when the pair is in force (agreement to end), *semester* the term's dates, *year* the school
    year's first and last day. The targets are those in force when the pair's part of the term begins."""
    found = list(evidence)
    window, year_window = _overlap(pair, semester), _overlap(pair, year)
    if window is None or year_window is None:
        return []
    months = months_counted(*window)
    rows = []
    for target in targets_on(window[0], versions):
        if target.per == PER_YEAR:
            yearly = next((t for t in targets_on(year_window[0], versions)
                           if t.name == target.name and t.per == PER_YEAR), target)
            rows.append(_count(yearly, yearly.minimum, year_window, found, today, [yearly]))
        elif target.per == PER_MONTH:
            monthly = [t for m in months for t in targets_on(m, versions) if t.name == target.name and t.per == PER_MONTH]
            rows.append(_count(target, sum(t.minimum for t in monthly), window, found, today, monthly or [target]))
        else:
            rows.append(_count(target, target.minimum, window, found, today, [target]))
    return rows


def _count(target: Target, required: int, window: tuple[date, date], evidence: Sequence[Evidence], today: date,
           counted: Sequence[Target]) -> TargetProgress:
    done = sum(1 for e in evidence if window[0] <= e.day <= window[1] and any(e.counts_for(t) for t in counted))
    return TargetProgress(name=target.name, per=target.per, required=required, done=done,
                          due_now=due_by(required, *window, today))


# ---- the year-end assessment (考核) ---------------------------------------------------------------------------

APPRENTICE_PART, MENTOR_PART = "徒弟", "师傅"
# Items measured from the counts: item name → the target whose completion pre-fills it.
MEASURED = {"徒弟：听课": "徒弟听师傅课", "徒弟：上课": "师傅听徒弟课", "徒弟：教案上交": "教案审阅",
            "徒弟：反思与论文": "论文", "徒弟：公开课": "公开课", "师傅：听课评课": "师傅听徒弟课",
            "师傅：指导记录完整": "研讨"}
ASSESSMENT_FORM = RubricDefinition(
    name="师徒结对考核表", mode=POINTS,
    items=tuple(RubricItem(name=n, weight=w) for n, w in (
        ("徒弟：听课", 15), ("徒弟：上课", 15), ("徒弟：教案上交", 10), ("徒弟：反思与论文", 10), ("徒弟：公开课", 10),
        ("师傅：听课评课", 10), ("师傅：计划与总结", 10), ("师傅：指导记录完整", 10), ("师傅：徒弟进步", 10))),
    bands=Bands(steps=(Band(label="优秀", at_least=85), Band(label="合格", at_least=60)), otherwise="不合格"),
)


def prefilled_scores(form: RubricDefinition, done: dict[str, tuple[int, int]]) -> tuple[str, ...]:
    """Scores for the measured items from the year's counts (target → (done, required)): the item's weight
    times the share done, at most the weight; items not measured stay blank for the school to score."""
    values = []
    for item in form.items:
        target = MEASURED.get(item.name)
        counts = done.get(target) if target else None
        if counts is None or counts[1] <= 0:
            values.append("")
            continue
        share = min(1.0, counts[0] / counts[1])
        values.append(f"{round1(item.weight * share):g}")
    return tuple(values)


def school_year_bounds(school_year: int) -> tuple[date, date]:
    """1 September to 31 August: the school year a pair is made for."""
    return date(school_year, 9, 1), date(school_year + 1, 8, calendar.monthrange(school_year + 1, 8)[1])
