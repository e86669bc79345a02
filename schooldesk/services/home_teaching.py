"""送教上门: a plan per child and semester, the visit log, and who is behind the rule this month."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import (
    HomeTeachingPlan, HomeTeachingPlanTeacher, HomeTeachingVisit, HomeTeachingVisitTeacher, Teacher,
)
from schooldesk.db.photo_store import StoredPhoto
from schooldesk.services.photos import (
    PhotoRef, link_photos, photos_of, remove_files, new_photos, unlink_record, unused_photos,
)
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.home_teaching import (
    CONTENT_KINDS, MonthCompliance, PlanStanding, VisitRule, VisitTime, first_of_month, month_compliance,
    plan_standing as standing_of, visit_minutes,
)
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_text
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching_rules import read_visit_rules
from schooldesk.services.pupils import class_names, load_pupil
from schooldesk.services.access import require_own, require_record_keeper
from schooldesk.services.rows import TeacherRef
from schooldesk.services.semesters import semester_dates

MAX_TEXT = 2000
VISIT_PHOTOS = "home_teaching_visit"  # the record kind of a visit's photo links



@dataclass(frozen=True)
class PlanInput:
    start_date: date
    end_date: date
    teacher_ids: tuple[int, ...]
    goals: tuple[str, ...]
    goal_notes: str = ""
    schedule: str = ""


@dataclass(frozen=True)
class PlanRow:
    id: int
    pupil_id: int
    pupil_name: str
    semester: SemesterKey
    start_date: date
    end_date: date
    teachers: tuple[TeacherRef, ...]
    goals: tuple[str, ...]
    goal_notes: str
    schedule: str

    @property
    def teacher_names(self) -> str:
        return "、".join(t.name for t in self.teachers)


@dataclass(frozen=True)
class VisitInput:
    """What the visit form edits. *photo_ids* are photos already stored (kept, in this order);
    *new_photos* are files to add after them."""

    date: date
    start_time: time
    end_time: time
    teacher_ids: tuple[int, ...]
    content_kinds: tuple[str, ...]
    content: str
    performance: str = ""
    guardian_feedback: str = ""
    next_steps: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True)
class VisitRow:
    id: int
    plan_id: int
    date: date
    start_time: time
    end_time: time
    minutes: int
    teachers: tuple[TeacherRef, ...]
    content_kinds: tuple[str, ...]
    content: str
    performance: str
    guardian_feedback: str
    next_steps: str
    photos: tuple[PhotoRef, ...] = ()

    @property
    def teacher_names(self) -> str:
        return "、".join(t.name for t in self.teachers)

    @property
    def time_text(self) -> str:
        return f"{self.start_time:%H:%M}—{self.end_time:%H:%M}"


@dataclass(frozen=True)
class PlanSummary:
    """One line of the 送教上门 page: the child, the plan, and how the visits stand."""

    plan: PlanRow
    class_name: str
    visits: int
    minutes: int
    months: tuple[MonthCompliance, ...]
    this_month: MonthCompliance | None

    @property
    def months_met(self) -> int:
        return sum(1 for m in self.months if m.met)


# ---- reading ---------------------------------------------------------------------------------------

def _teachers(links: Iterable[HomeTeachingPlanTeacher | HomeTeachingVisitTeacher]) -> tuple[TeacherRef, ...]:
    return tuple(TeacherRef(link.teacher_id, link.teacher.name) for link in links)


def plan_row(plan: HomeTeachingPlan) -> PlanRow:
    return PlanRow(
        plan.id, plan.pupil_id, plan.pupil.name, SemesterKey(plan.school_year, plan.term), plan.start_date,
        plan.end_date, _teachers(plan.teachers), tuple(plan.goals), plan.goal_notes, plan.schedule,
    )


def visit_rows(session: Session, db: Database, visits: Sequence[HomeTeachingVisit]) -> list[VisitRow]:
    photos = photos_of(session, db, VISIT_PHOTOS, [v.id for v in visits])
    return [VisitRow(
        visit.id, visit.plan_id, visit.date, visit.start_time, visit.end_time,
        visit_minutes(visit.start_time, visit.end_time), _teachers(visit.teachers), tuple(visit.content_kinds),
        visit.content, visit.performance, visit.guardian_feedback, visit.next_steps, photos.get(visit.id, ()),
    ) for visit in visits]


def load_plan(session: Session, plan_id: int) -> HomeTeachingPlan:
    plan = session.get(HomeTeachingPlan, plan_id)
    if plan is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The plan no longer exists."))
    return plan


def plan_months(plan: HomeTeachingPlan, rules: Sequence[VisitRule]) -> list[MonthCompliance]:
    """Each month of *plan* against the rule in force then (visits loaded with the plan)."""
    return month_compliance(plan.start_date, plan.end_date, (
        VisitTime(v.date, visit_minutes(v.start_time, v.end_time)) for v in plan.visits
    ), rules)


def plan_standing(plan: HomeTeachingPlan, rules: Sequence[VisitRule], today: date) -> PlanStanding:
    """The plan's figures on *today* (visits loaded with the plan), as every paper prints them."""
    return standing_of(plan_months(plan, rules), today)


def list_visits(db: Database, plan_id: int) -> list[VisitRow]:
    with db.transaction() as session:
        return visit_rows(session, db, load_plan(session, plan_id).visits)


def plan_compliance(db: Database, plan_id: int) -> list[MonthCompliance]:
    with db.transaction() as session:
        return plan_months(load_plan(session, plan_id), read_visit_rules(session))


def list_plans(db: Database, semester: SemesterKey, today: date) -> list[PlanSummary]:
    """Every plan of *semester* with its visits so far and this month's standing, by child's name."""
    with db.transaction() as session:
        rules = read_visit_rules(session)
        plans = session.scalars(
            select(HomeTeachingPlan)
            .where(HomeTeachingPlan.school_year == semester.school_year, HomeTeachingPlan.term == semester.term)
            .options(selectinload(HomeTeachingPlan.visits), selectinload(HomeTeachingPlan.teachers))
        ).all()
        classes = class_names(session, semester.school_year, [p.pupil_id for p in plans])
        result = []
        for plan in sorted(plans, key=lambda p: p.pupil.name_keys):
            months = plan_months(plan, rules)
            this_month = next((m for m in months if m.month == first_of_month(today)), None)
            result.append(PlanSummary(
                plan_row(plan), classes.get(plan.pupil_id, ""), len(plan.visits),
                sum(m.minutes for m in months), tuple(months), this_month,  # every visit lies in one of its months
            ))
        return result


def behind_this_month(db: Database, today: date) -> list[PlanSummary]:
    """Children whose plan covers *today* and whose visits this month do not yet meet the rule."""
    with db.transaction() as session:
        keys = session.execute(
            select(HomeTeachingPlan.school_year, HomeTeachingPlan.term)
            .where(HomeTeachingPlan.start_date <= today, HomeTeachingPlan.end_date >= today).distinct()
        ).all()
    found = [s for year, term in keys for s in list_plans(db, SemesterKey(year, term), today)]
    return [s for s in found if s.this_month is not None and not s.this_month.met
            and s.plan.start_date <= today <= s.plan.end_date]


# ---- plans -------------------------------------------------------------------------------------------

def _teacher_ids(session: Session, ids: Sequence[int], field_name: str) -> tuple[int, ...]:
    unique = tuple(dict.fromkeys(ids))
    if not unique:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Choose at least one teacher."))
    for teacher_id in unique:
        if session.get(Teacher, teacher_id) is None:
            raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "A chosen teacher no longer exists."))
    return unique


def _kinds(kinds: Sequence[str], field_name: str) -> list[str]:
    unknown = [k for k in kinds if k not in CONTENT_KINDS]
    if unknown:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "“%1” is not one of the choices."), unknown[0])
    return [k for k in CONTENT_KINDS if k in kinds]


def _write_plan(session: Session, plan: HomeTeachingPlan, data: PlanInput) -> None:
    semester = semester_dates(session, SemesterKey(plan.school_year, plan.term))
    if data.end_date < data.start_date:
        raise ValidationError("end_date", QT_TRANSLATE_NOOP("Errors", "The plan must end after it starts."))
    if data.start_date < semester.start_date or data.end_date > semester.end_date:
        raise ValidationError("start_date" if data.start_date < semester.start_date else "end_date",
                              QT_TRANSLATE_NOOP("Errors", "The plan must lie within the semester (%1 to %2)."),
                              semester.start_date.isoformat(), semester.end_date.isoformat())
    outside = [v.date for v in plan.visits if not data.start_date <= v.date <= data.end_date]
    if outside:
        raise ValidationError("start_date" if outside[0] < data.start_date else "end_date",
                              QT_TRANSLATE_NOOP("Errors", "A visit on %1 would fall outside the plan."),
                              outside[0].isoformat())
    teacher_ids = _teacher_ids(session, data.teacher_ids, "teachers")
    goals = _kinds(data.goals, "goals")
    if not goals:
        raise ValidationError("goals", QT_TRANSLATE_NOOP("Errors", "Tick at least one goal."))
    plan.start_date, plan.end_date = data.start_date, data.end_date
    plan.goals = goals
    plan.goal_notes = validate_text(data.goal_notes, "goal_notes", MAX_TEXT)
    plan.schedule = validate_text(data.schedule, "schedule", 500)
    plan.teachers = [HomeTeachingPlanTeacher(teacher_id=t, position=i) for i, t in enumerate(teacher_ids)]


def add_plan(db: Database, pupil_id: int, semester: SemesterKey, data: PlanInput, *,
             rehearse: bool = False) -> PlanRow:
    """With *rehearse*, every rule is checked and nothing is written (the form asks about a past start after)."""
    require_record_keeper(db)
    with db.transaction(rehearse=rehearse) as session:
        pupil = load_pupil(session, pupil_id)
        existing = session.scalars(select(HomeTeachingPlan).where(
            HomeTeachingPlan.pupil_id == pupil_id, HomeTeachingPlan.school_year == semester.school_year,
            HomeTeachingPlan.term == semester.term)).first()
        if existing is not None:
            raise ValidationError("pupil", QT_TRANSLATE_NOOP("Errors", "%1 already has a plan for %2."),
                                  pupil.name, semester.label_zh)
        plan = HomeTeachingPlan(pupil=pupil, school_year=semester.school_year, term=semester.term, visits=[])
        _write_plan(session, plan, data)
        session.add(plan)
        session.flush()
        return plan_row(plan)


def update_plan(db: Database, plan_id: int, data: PlanInput, *, rehearse: bool = False) -> PlanRow:
    require_record_keeper(db)
    with db.transaction(rehearse=rehearse) as session:
        plan = load_plan(session, plan_id)
        _write_plan(session, plan, data)
        session.flush()
        return plan_row(plan)


def delete_plan(db: Database, plan_id: int) -> None:
    """Remove a plan made by mistake; one with visits logged is kept (its visits are the evidence)."""
    require_record_keeper(db)
    with db.transaction() as session:
        plan = load_plan(session, plan_id)
        if plan.visits:
            raise ValidationError("plan", QT_TRANSLATE_NOOP(
                "Errors", "This plan has %1 visits logged; delete them first if the plan really was a mistake."),
                len(plan.visits))
        session.delete(plan)


# ---- visits ------------------------------------------------------------------------------------------

def _write_visit(session: Session, visit: HomeTeachingVisit, plan: HomeTeachingPlan, data: VisitInput,
                 stored: Sequence[StoredPhoto], today: date) -> None:
    if data.date > today:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    if not plan.start_date <= data.date <= plan.end_date:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date must lie within the plan (%1 to %2)."),
                              plan.start_date.isoformat(), plan.end_date.isoformat())
    visit_minutes(data.start_time, data.end_time)
    twin = next((v for v in plan.visits if v is not visit and v.date == data.date
                 and v.start_time < data.end_time and data.start_time < v.end_time), None)
    if twin is not None:
        raise ValidationError("start_time", QT_TRANSLATE_NOOP("Errors", "A visit on %1 from %2 is already logged."),
                              data.date.isoformat(), twin.start_time.strftime("%H:%M"))
    teacher_ids = _teacher_ids(session, data.teacher_ids, "teachers")
    kinds = _kinds(data.content_kinds, "content_kinds")
    if not kinds:
        raise ValidationError("content_kinds", QT_TRANSLATE_NOOP("Errors", "Tick what the visit was about."))
    content = validate_text(data.content, "content", MAX_TEXT)
    if not content:
        raise ValidationError("content", QT_TRANSLATE_NOOP("Errors", "Say what was taught."))
    visit.date, visit.start_time, visit.end_time = data.date, data.start_time, data.end_time
    visit.content_kinds, visit.content = kinds, content
    visit.performance = validate_text(data.performance, "performance", MAX_TEXT)
    visit.guardian_feedback = validate_text(data.guardian_feedback, "guardian_feedback", MAX_TEXT)
    visit.next_steps = validate_text(data.next_steps, "next_steps", MAX_TEXT)
    visit.teachers = [HomeTeachingVisitTeacher(teacher_id=t, position=i) for i, t in enumerate(teacher_ids)]
    session.add(visit)
    session.flush()  # the visit's id, for its photo links
    link_photos(session, VISIT_PHOTOS, visit.id, data.photo_ids, stored)


def _load_visit(session: Session, visit_id: int) -> HomeTeachingVisit:
    visit = session.get(HomeTeachingVisit, visit_id)
    if visit is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return visit


def add_visit(db: Database, plan_id: int, data: VisitInput, today: date | None = None) -> VisitRow:
    require_own(db, data.teacher_ids)  # a teacher logs only visits they made
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        plan = load_plan(session, plan_id)
        visit = HomeTeachingVisit(plan_id=plan.id)
        _write_visit(session, visit, plan, data, stored, today or date.today())
        plan.visits.append(visit)
        session.flush()
        return visit_rows(session, db, [visit])[0]


def update_visit(db: Database, visit_id: int, data: VisitInput, today: date | None = None) -> VisitRow:
    require_own(db, data.teacher_ids)
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        visit = _load_visit(session, visit_id)
        require_own(db, [link.teacher_id for link in visit.teachers])
        require_own(db, data.teacher_ids)
        _write_visit(session, visit, visit.plan, data, stored, today or date.today())
        gone = unused_photos(session)
        row = visit_rows(session, db, [visit])[0]
    remove_files(db, gone)
    return row


def delete_visit(db: Database, visit_id: int) -> None:
    with db.transaction() as session:
        visit = _load_visit(session, visit_id)
        require_own(db, [link.teacher_id for link in visit.teachers])
        unlink_record(session, VISIT_PHOTOS, visit.id)
        session.delete(visit)
        gone = unused_photos(session)
    remove_files(db, gone)
