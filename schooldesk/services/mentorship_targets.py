"""Targets of 师徒结对 kept with their history, and each pair's progress against them for a semester."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import MentorshipPair
from schooldesk.domain.mentorship import (
    ACTIVE, Target, TargetProgress, TargetVersion, progress, school_year_bounds, validate_targets,
)
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_admin
from schooldesk.services.semesters import semester_dates
from schooldesk.services.mentorship import PairRow, load_pair, pair_evidence, pair_row
from schooldesk.services.rule_store import read_versions, save_version

TARGETS_KEY = "mentorship_targets"


def _load(v: dict[str, Any]) -> TargetVersion:
    return TargetVersion(effective_from=date.fromisoformat(v["effective_from"]), targets=tuple(
        Target(name=t["name"], per=t["per"], minimum=int(t["minimum"]), kinds=tuple(t.get("kinds", ())),
               observes=t.get("observes", ""), lesson_types=tuple(t.get("lesson_types", ())))
        for t in v["targets"]))


def _dump(v: TargetVersion) -> dict[str, Any]:
    return {"effective_from": v.effective_from.isoformat(),
            "targets": [{**asdict(t), "kinds": list(t.kinds), "lesson_types": list(t.lesson_types)} for t in v.targets]}


def _day(v: TargetVersion) -> date:
    return v.effective_from


def read_target_versions(session: Session) -> list[TargetVersion]:
    return read_versions(session, TARGETS_KEY, _load, _day)


def target_versions(db: Database) -> list[TargetVersion]:
    with db.transaction() as session:
        return read_target_versions(session)


def set_targets(db: Database, version: TargetVersion) -> TargetVersion:
    """The targets hold from *version.effective_from* on; later versions are dropped."""
    require_admin(db)
    version = validate_targets(version)
    with db.transaction() as session:
        save_version(session, TARGETS_KEY, version, dump=_dump, load=_load, day_of=_day)
    return version


@dataclass(frozen=True, kw_only=True)
class PairProgress:
    """One pair's line: what its targets ask for this semester and what was done (JSON: mentor, apprentice,
    subject, status, targets)."""

    pair: PairRow
    targets: tuple[TargetProgress, ...]

    @property
    def behind(self) -> bool:
        return self.pair.status == ACTIVE and any(t.behind for t in self.targets)

    @property
    def summary(self) -> str:
        return "；".join(f"{t.name} {t.done}/{t.required}" for t in self.targets)


def _progress(session: Session, pair: MentorshipPair, semester: SemesterKey, today: date) -> PairProgress:
    term = semester_dates(session, semester)
    row = pair_row(pair)
    found = progress(pair=row.period, semester=(term.start_date, term.end_date),
                     year=school_year_bounds(pair.school_year), evidence=pair_evidence(session, pair),
                     versions=read_target_versions(session), today=today)
    return PairProgress(pair=row, targets=tuple(found))


def pair_progress(db: Database, pair_id: int, semester: SemesterKey, today: date) -> PairProgress:
    with db.transaction() as session:
        return _progress(session, load_pair(session, pair_id), semester, today)


def year_progress(db: Database, school_year: int, semester: SemesterKey, today: date) -> list[PairProgress]:
    """Every pair of the school year with its progress in *semester*, those behind first."""
    with db.transaction() as session:
        pairs = session.scalars(select(MentorshipPair).where(MentorshipPair.school_year == school_year)
                                .options(selectinload(MentorshipPair.records)).order_by(MentorshipPair.id)).all()
        rows = [_progress(session, p, semester, today) for p in pairs]
    return sorted(rows, key=lambda r: not r.behind)


def pairs_behind(db: Database, semester: SemesterKey, today: date) -> list[PairProgress]:
    """The home page's list: pairs in force whose targets are behind an even pace this semester."""
    return [r for r in year_progress(db, semester.school_year, semester, today) if r.behind]
