"""家访 targets (optional school rules kept with history): each left-behind child visited by their responsible
teacher N times a semester, each teacher making M home visits; who has not been visited, who is behind."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import Activity, CareRecord, Pupil, Teacher
from schooldesk.domain.activities import VisitTargets, targets_for, validate_visit_targets
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_admin
from schooldesk.services.activity_kinds import read_kinds
from schooldesk.services.pupils import class_names, on_roll_on
from schooldesk.services.rule_store import read_versions, save_version
from schooldesk.services.semesters import semester_dates

TARGETS_KEY = "visit_targets"


def _load(v: dict[str, Any]) -> VisitTargets:
    return VisitTargets(per_child=int(v["per_child"]), per_teacher=int(v["per_teacher"]),
                        effective_from=date.fromisoformat(v["effective_from"]))


def _dump(v: VisitTargets) -> dict[str, Any]:
    return {"per_child": v.per_child, "per_teacher": v.per_teacher, "effective_from": v.effective_from.isoformat()}


def _day(v: VisitTargets) -> date:
    return v.effective_from


def read_visit_targets(session: Session) -> list[VisitTargets]:
    return read_versions(session, TARGETS_KEY, _load, _day)


def visit_targets_on(db: Database, day: date) -> VisitTargets:
    with db.transaction() as session:
        return targets_for(day, read_visit_targets(session))


def set_visit_targets(db: Database, targets: VisitTargets) -> VisitTargets:
    """In force from *targets.effective_from*: a semester is judged by the version in force on its first day."""
    require_admin(db)
    targets = validate_visit_targets(targets)
    with db.transaction() as session:
        save_version(session, TARGETS_KEY, targets, dump=_dump, load=_load, day_of=_day)
    return targets


@dataclass(frozen=True, kw_only=True)
class ChildVisits:
    pupil_id: int
    pupil_name: str
    class_name: str
    teacher: str  # the responsible teacher
    visits: int  # 家访 by the responsible teacher this semester
    required: int

    @property
    def behind(self) -> bool:
        return self.visits < self.required


@dataclass(frozen=True, kw_only=True)
class TeacherVisits:
    teacher_id: int
    teacher: str
    visits: int
    required: int

    @property
    def behind(self) -> bool:
        return self.visits < self.required


@dataclass(frozen=True, kw_only=True)
class VisitStanding:
    """The semester's home visits against the targets: children not yet visited first."""

    targets: VisitTargets
    children: tuple[ChildVisits, ...]
    teachers: tuple[TeacherVisits, ...]

    @property
    def not_visited(self) -> int:
        return sum(1 for c in self.children if c.visits == 0)

    @property
    def children_behind(self) -> int:
        return sum(1 for c in self.children if c.behind)


def visit_standing(db: Database, semester: SemesterKey) -> VisitStanding:
    with db.transaction() as session:
        term = semester_dates(session, semester)
        start, end = term.start_date, term.end_date
        targets = targets_for(start, read_visit_targets(session))
        kinds = [k for k, spec in read_kinds(session).items() if spec.counts_as_contact]
        visits = session.scalars(select(Activity).where(Activity.date >= start, Activity.date <= end,
                                                        Activity.kind_id.in_(kinds))
                                 .options(selectinload(Activity.teachers), selectinload(Activity.pupils))).all()
        by_child: Counter[tuple[int, int]] = Counter()  # (pupil, teacher) → visits
        by_teacher: Counter[int] = Counter()
        for visit in visits:
            teachers = {t.teacher_id for t in visit.teachers} | ({visit.organiser_id} if visit.organiser_id else set())
            for teacher in teachers:
                by_teacher[teacher] += 1
                for pupil in visit.pupils:
                    by_child[(pupil.pupil_id, teacher)] += 1
        children = []
        if targets.per_child:
            care = session.execute(
                select(CareRecord, Pupil).join(Pupil, Pupil.id == CareRecord.pupil_id)
                .where(CareRecord.kind == LEFT_BEHIND, CareRecord.start_date <= end,
                       (CareRecord.end_date.is_(None)) | (CareRecord.end_date >= start), on_roll_on(start))
                .options(selectinload(CareRecord.responsible_teacher))).all()
            classes = class_names(session, semester.school_year, [p.id for _c, p in care])
            seen: set[int] = set()
            for record, pupil in care:
                if pupil.id in seen:
                    continue
                seen.add(pupil.id)
                teacher_id = record.responsible_teacher_id
                children.append(ChildVisits(
                    pupil_id=pupil.id, pupil_name=pupil.name, class_name=classes.get(pupil.id, ""),
                    teacher=record.responsible_teacher.name if record.responsible_teacher else "",
                    visits=by_child[(pupil.id, teacher_id)] if teacher_id else 0, required=targets.per_child))
        teachers = []
        if targets.per_teacher:
            teachers = [TeacherVisits(teacher_id=t.id, teacher=t.name, visits=by_teacher[t.id], required=targets.per_teacher)
                        for t in session.scalars(select(Teacher).where(Teacher.active.is_(True), Teacher.outside.is_(False)).order_by(Teacher.name))]
    return VisitStanding(targets=targets, children=tuple(sorted(children, key=lambda c: (c.visits, c.class_name))),
                         teachers=tuple(sorted(teachers, key=lambda t: (not t.behind, t.visits))))
