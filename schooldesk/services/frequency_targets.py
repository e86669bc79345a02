"""The school's frequency targets for activity kinds (频次要求), kept with history in the one rule store, and a
semester's standing against them: done / required per period (and per group), for the activities register, the
home page, the 报送前检查 and the work summaries."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Activity, ActivityKind, Semester
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.frequency import (
    PRESETS, FrequencyTarget, FrequencyVersion, periods_in_term, validate_target, version_for,
)
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_admin
from schooldesk.services.rule_store import read_versions, save_version
from schooldesk.services.semesters import semester_dates

TARGETS_KEY = "frequency_targets"


def _load(value: dict[str, Any]) -> FrequencyVersion:
    return FrequencyVersion(effective_from=date.fromisoformat(value["effective_from"]), targets=tuple(
        FrequencyTarget(kind_code=t["kind_code"], times=int(t["times"]), per=t["per"], week_of=t.get("week_of", ""),
                        group_field=t.get("group_field", ""), groups=tuple(t.get("groups", ())))
        for t in value["targets"]))


def _dump(version: FrequencyVersion) -> dict[str, Any]:
    return {"effective_from": version.effective_from.isoformat(), "targets": [
        {"kind_code": t.kind_code, "times": t.times, "per": t.per, "week_of": t.week_of,
         "group_field": t.group_field, "groups": list(t.groups)} for t in version.targets]}


def _day(version: FrequencyVersion) -> date:
    return version.effective_from


def read_frequency_versions(session: Session) -> list[FrequencyVersion]:
    return read_versions(session, TARGETS_KEY, _load, _day)


def frequency_versions(db: Database) -> list[FrequencyVersion]:
    with db.transaction() as session:
        return read_frequency_versions(session)


def frequency_targets_on(db: Database, day: date) -> FrequencyVersion:
    with db.transaction() as session:
        return version_for(day, read_frequency_versions(session))


def set_frequency_targets(db: Database, version: FrequencyVersion) -> FrequencyVersion:
    """In force from *version.effective_from* on (administrators); each kind must be one the school has."""
    require_admin(db)
    targets = tuple(validate_target(t) for t in version.targets)
    with db.transaction() as session:
        codes = set(session.scalars(select(ActivityKind.code)))
        if any(t.kind_code not in codes for t in targets):
            raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "The kind of activity no longer exists."))
        version = FrequencyVersion(effective_from=version.effective_from, targets=targets)
        save_version(session, TARGETS_KEY, version, dump=_dump, load=_load, day_of=_day)
    return version


def seed_targets(db: Database) -> tuple[FrequencyTarget, ...]:
    """The seeds' targets (质量分析会 twice a year, 校际教研 each semester, 心理健康教育 in the week of 25 May,
    家长会 each semester), each for a kind the school has: one it lacks is made first (administrators)."""
    from schooldesk.services.activity_kinds import add_kind, list_kinds

    require_admin(db)
    kinds = {spec.name: spec.code for spec in list_kinds(db, include_hidden=True).values()}
    return tuple(FrequencyTarget(kind_code=kinds.get(p.kind_name) or add_kind(db, p.kind_name)[1].code,
                                 times=p.target.times, per=p.target.per, week_of=p.target.week_of) for p in PRESETS)


def with_presets(targets: Sequence[FrequencyTarget], presets: Sequence[FrequencyTarget]) -> tuple[FrequencyTarget, ...]:
    """*targets* and each preset whose kind has none yet (the school's own target for a kind stays)."""
    return (*targets, *(p for p in presets if not any(t.kind_code == p.kind_code for t in targets)))


def preset_targets(db: Database, effective_from: date) -> FrequencyVersion:
    """The seeds' targets added to those in force and saved from *effective_from*."""
    presets = seed_targets(db)
    current = frequency_targets_on(db, effective_from)
    return set_frequency_targets(db, FrequencyVersion(effective_from=effective_from,
                                                      targets=with_presets(current.targets, presets)))


@dataclass(frozen=True, kw_only=True)
class FrequencyRow:
    """One target over one period (and group): what was held against what is required, and when it is due."""

    kind_code: str
    kind_name: str
    rule: str  # the target in words (每学期至少1次校际教研)
    group: str
    period: str  # 本学期 / 2025年10月 / 5月25日所在周
    start: date
    due: date
    done: int
    required: int
    in_term: bool = True  # due by the term's last day (a school-year target is not late in the autumn)

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def what(self) -> str:
        """校际教研（本学期）/ 教研活动·语文组（2025年10月）."""
        return f"{self.kind_name}{'·' + self.group if self.group else ''}（{self.period}）"

    def behind_on(self, today: date) -> bool:
        """Short and already due, or short and not started it all (the home page's 未完成)."""
        return not self.met and self.start <= today


def frequency_standing(db: Database, semester: SemesterKey) -> tuple[FrequencyRow, ...]:
    """Every target period ending in *semester*, judged by the version in force on the period's first day."""
    with db.transaction() as session:
        return read_frequency_standing(session, semester)


def read_frequency_standing(session: Session, semester: SemesterKey) -> tuple[FrequencyRow, ...]:
    year_terms = session.scalars(select(Semester).where(Semester.school_year == semester.school_year)).all()
    term = next((t for t in year_terms if t.term == semester.term), None) or semester_dates(session, semester)
    year_start = min((t.start_date for t in year_terms), default=term.start_date)
    year_end = max((t.end_date for t in year_terms), default=term.end_date)
    versions = read_frequency_versions(session)
    if not versions:
        return ()
    kinds = {k.code: (k.id, k.name) for k in session.scalars(select(ActivityKind))}
    earliest = min(year_start, term.start_date.replace(day=1))
    held = session.execute(select(Activity.kind_id, Activity.date, Activity.values).where(
        Activity.date >= earliest, Activity.date <= term.end_date)).all()
    rows: list[FrequencyRow] = []
    seen: set[tuple[str, str, date]] = set()
    candidates = [t for v in versions for t in v.targets]
    for target in candidates:
        if target.kind_code not in kinds:
            continue
        kind_id, kind_name = kinds[target.kind_code]
        for period in periods_in_term(target, term.start_date, term.end_date, year_start, year_end):
            key = (target.kind_code, target.per, period.start)
            rule = next((t for t in version_for(period.start, versions).targets
                         if t.kind_code == target.kind_code and t.per == target.per and t.week_of == target.week_of), None)
            if key in seen or rule is None:  # counted already, or not a target on the period's first day
                continue
            seen.add(key)
            counted: Counter[str] = Counter()
            for kind, day, values in held:
                if kind == kind_id and period.start <= day <= period.end:
                    counted[str((values or {}).get(rule.group_field, "")).strip() if rule.groups else ""] += 1
            for group in rule.groups or ("",):
                rows.append(FrequencyRow(kind_code=rule.kind_code, kind_name=kind_name, rule=rule.describe(kind_name),
                                         group=group, period=period.label, start=period.start, due=period.end,
                                         done=counted[group], required=rule.times,
                                         in_term=period.end <= term.end_date))
    return tuple(sorted(rows, key=lambda r: (r.due, r.kind_name, r.group)))


def frequency_behind(db: Database, semester: SemesterKey, today: date, *, due_in_term: bool = False,
                     standing: Sequence[FrequencyRow] | None = None) -> list[FrequencyRow]:
    """Periods begun by *today* still short of their target: the home page's list; with *due_in_term*, only those
    due by the term's last day (the 报送前检查: a school-year target is not late in the autumn). *standing*: the
    semester's rows when read already (the bundle's activities summary)."""
    rows = frequency_standing(db, semester) if standing is None else standing
    return [row for row in rows if row.behind_on(today) and (not due_in_term or row.in_term)]
