"""听课统计: how many lessons each teacher must observe this semester, has observed, and was observed in.

Quotas are school rules kept with their history (like the 送教上门 rule); each version holds from a date.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Observation, Teacher
from schooldesk.domain.observation import (
    QuotaVersion, due_by, duties_on, quotas_on, required_observations, validate_quotas, weeks_left,
)
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_admin
from schooldesk.services.semesters import semester_dates
from schooldesk.services.rule_store import read_versions, save_version
from schooldesk.services.teacher_duties import read_spells

QUOTAS_KEY = "observation_quotas"


def _load(v: dict[str, Any]) -> QuotaVersion:
    return QuotaVersion(effective_from=date.fromisoformat(v["effective_from"]), quotas=dict(v["quotas"]))


def _dump(v: QuotaVersion) -> dict[str, Any]:
    return {"effective_from": v.effective_from.isoformat(), "quotas": dict(v.quotas)}


def _day(v: QuotaVersion) -> date:
    return v.effective_from


def read_quota_versions(session: Session) -> list[QuotaVersion]:
    return read_versions(session, QUOTAS_KEY, _load, _day)


def quota_versions(db: Database) -> list[QuotaVersion]:
    """Every version the school set, oldest first (none: the default quotas hold)."""
    with db.transaction() as session:
        return read_quota_versions(session)


def quotas_in_force(db: Database, day: date) -> dict[str, int]:
    return dict(quotas_on(day, quota_versions(db)))


def set_quotas(db: Database, version: QuotaVersion) -> QuotaVersion:
    """The quotas hold from *version.effective_from* on; a version from the same day is replaced and later
    ones dropped (the school has just said what holds from then)."""
    require_admin(db)
    version = validate_quotas(version)
    with db.transaction() as session:
        save_version(session, QUOTAS_KEY, version, dump=_dump, load=_load, day_of=_day)
    return version


@dataclass(frozen=True, kw_only=True)
class QuotaRow:
    """One teacher's line of the 听课统计 (JSON: teacher, roles, observed, required, observed_by_others);
    *observed_by_others* counts observers from outside the school too (the teacher was observed)."""

    teacher_id: int
    teacher: str
    roles: tuple[str, ...]
    observed: int
    required: int
    observed_by_others: int
    due_now: int  # at an even pace, by the day the table is for
    weeks_left: int

    @property
    def missing(self) -> int:
        return max(0, self.required - self.observed)

    @property
    def behind(self) -> bool:
        """Fewer lessons observed than an even pace through the term asks for by now."""
        return self.observed < self.due_now


def quota_table(db: Database, semester: SemesterKey, today: date) -> list[QuotaRow]:
    """Every active teacher (and any other who observed this term): those behind first, most missing first."""
    with db.transaction() as session:
        term = semester_dates(session, semester)
        start, end = term.start_date, term.end_date
        in_term = (Observation.date >= start, Observation.date <= end)
        observed = Counter(dict(session.execute(select(Observation.observer_id, func.count())
                                                .where(*in_term).group_by(Observation.observer_id)).all()))
        seen = Counter(dict(session.execute(select(Observation.taught_teacher_id, func.count())
                                            .where(*in_term).group_by(Observation.taught_teacher_id)).all()))
        teachers = [t for t in session.scalars(select(Teacher).where(Teacher.outside.is_(False)).order_by(Teacher.name))
                    if t.active or observed[t.id] or seen[t.id]]  # observers from outside: no quota, never a row
        spells = read_spells(session, [t.id for t in teachers])
        versions = read_quota_versions(session)
    on = min(max(today, start), end)
    rows = []
    for teacher in teachers:
        held = spells.get(teacher.id, [])
        required = required_observations(start, end, held, versions)
        rows.append(QuotaRow(
            teacher_id=teacher.id, teacher=teacher.name, roles=duties_on(on, held), observed=observed[teacher.id],
            required=required, observed_by_others=seen[teacher.id], due_now=due_by(required, start, end, today),
            weeks_left=weeks_left(end, today)))
    return sorted(rows, key=lambda r: (not r.behind, -(r.due_now - r.observed), -r.missing))


def behind_on_observations(db: Database, semester: SemesterKey, today: date) -> list[QuotaRow]:
    """The home page's list: teachers behind the pace of their quota this semester."""
    return [row for row in quota_table(db, semester, today) if row.behind]
