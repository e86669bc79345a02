"""The teacher's 实绩 file (教师专业成长档案) for a semester or a school year: what the printed file, the
command's --json and the all-teachers sheet show. Nothing is typed twice: lessons observed and received
come from the 听课 records (the same counts as the quota table), 家访 from the activity records, 送教上门
from the visit logs, 师徒结对 from the pairs; training, 师德, honours and exchanges from the teacher's own
records (services/teacher_records.py)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import (
    Activity, ActivityKind, ActivityTeacher, GuidanceRecord, HomeTeachingPlan, HomeTeachingVisit,
    HomeTeachingVisitTeacher, MentorshipPair, Observation, Teacher,
)
from schooldesk.domain.activities import HOME_VISIT
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import duties_on
from schooldesk.domain.semester import SemesterKey, school_year_label_zh, school_year_of, validate_school_year
from schooldesk.services.access import current_actor, require_record_keeper
from schooldesk.services.observations import ObservationRow, observation_rows
from schooldesk.services.rows import TeacherRow
from schooldesk.services.school import get_school
from schooldesk.services.semesters import chosen_semester, semester_dates
from schooldesk.services.teacher_duties import read_spells
from schooldesk.services.teacher_records import (
    TeacherRecord, TeacherRecords, leads_school, records_of_teachers, teacher_records,
)


@dataclass(frozen=True, kw_only=True)
class FilePeriod:
    """The semester or school year a file covers."""

    label: str
    start: date
    end: date

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        return start <= self.end and (end is None or end >= self.start)


def file_period(db: Database, semester: str | None = None, year: str | None = None,
                today: date | None = None) -> FilePeriod:
    """--semester 2025-2026-1, or --year 2025 (or 2025-2026): the whole school year; neither: this semester."""
    with db.transaction() as session:
        if year:
            try:
                first = validate_school_year(int(year.strip().split("-")[0]), "year")
            except ValueError:
                raise ValidationError("year", QT_TRANSLATE_NOOP("Errors", "Give the school year as 2025 or 2025-2026."))
            terms = []
            for term in (1, 2):
                try:
                    terms.append(semester_dates(session, SemesterKey(first, term)))
                except NotFoundError:
                    continue
            if not terms:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "%1 has not been set up; set its dates in Settings first."),
                                    school_year_label_zh(first))
            return FilePeriod(label=school_year_label_zh(first), start=min(t.start_date for t in terms),
                              end=max(t.end_date for t in terms))
    key = chosen_semester(db, semester, today)
    with db.transaction() as session:
        term = semester_dates(session, key)
        return FilePeriod(label=key.label_zh, start=term.start_date, end=term.end_date)


@dataclass(frozen=True, kw_only=True)
class TeacherFigures:
    """One teacher's counts for the period: the --json keys and the all-teachers sheet's columns."""

    teacher_id: int
    teacher: str
    duties: tuple[str, ...]
    lessons_observed: int = 0
    lessons_received: int = 0
    lessons_received_from_outside: int = 0
    training_count: int = 0
    training_hours: float = 0.0
    honours: int = 0
    home_visits: int = 0
    home_teaching_visits: int = 0
    mentor_of: int = 0
    apprentice_of: int = 0
    guidance_records: int = 0
    exchanges: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"teacher": self.teacher, "duties": list(self.duties), "lessons_observed": self.lessons_observed,
                "lessons_received": self.lessons_received,
                "lessons_received_from_outside": self.lessons_received_from_outside,
                "training_count": self.training_count, "training_hours": self.training_hours,
                "honours": self.honours, "home_visits": self.home_visits,
                "home_teaching_visits": self.home_teaching_visits, "mentor_of": self.mentor_of,
                "apprentice_of": self.apprentice_of, "guidance_records": self.guidance_records,
                "exchanges": self.exchanges}


@dataclass(frozen=True, kw_only=True)
class PairLine:
    role: str  # 师傅 or 徒弟
    partner: str
    subject: str
    school_year: int
    status: str
    guidance_records: int


@dataclass(frozen=True, kw_only=True)
class HomeTeachingLine:
    date: date
    pupil: str
    minutes: int
    content: str


@dataclass(frozen=True, kw_only=True)
class HomeVisitLine:
    date: date
    pupils: str
    title: str
    content: str


@dataclass(frozen=True, kw_only=True)
class TeacherFile:
    """One teacher's file as printed: 基本信息, 培训, 师德 (None when the reader may not see it), 荣誉, 听课
    given and received, 师徒结对, 家访 and 送教上门, each with its counts."""

    school_name: str
    printed: date
    period: FilePeriod
    teacher: TeacherRow
    figures: TeacherFigures
    training: tuple[TeacherRecord, ...]
    ethics: tuple[TeacherRecord, ...] | None
    honours: tuple[TeacherRecord, ...]
    exchanges: tuple[TeacherRecord, ...]
    observed: tuple[ObservationRow, ...]
    received: tuple[ObservationRow, ...]
    pairs: tuple[PairLine, ...]
    home_visits: tuple[HomeVisitLine, ...]
    home_teaching: tuple[HomeTeachingLine, ...]

    @property
    def file_name(self) -> str:
        return document_name("教师专业成长档案", self.teacher.name, self.period.label, suffix=".pdf")


def _in(column: Any, period: FilePeriod) -> Any:
    return column.between(period.start, period.end)


def _figures(session: Session, teachers: list[Teacher], period: FilePeriod, records: dict[int, TeacherRecords]
             ) -> list[TeacherFigures]:
    ids = [t.id for t in teachers]
    observed = Counter(dict(session.execute(select(Observation.observer_id, func.count()).where(
        _in(Observation.date, period), Observation.observer_id.in_(ids)).group_by(Observation.observer_id)).all()))
    outside_ids = select(Teacher.id).where(Teacher.outside.is_(True))
    received: Counter[int] = Counter()
    from_outside: Counter[int] = Counter()
    for taught, observer_outside, count in session.execute(
            select(Observation.taught_teacher_id, Observation.observer_id.in_(outside_ids), func.count()).where(
                _in(Observation.date, period), Observation.taught_teacher_id.in_(ids))
            .group_by(Observation.taught_teacher_id, Observation.observer_id.in_(outside_ids))):
        received[taught] += count
        if observer_outside:
            from_outside[taught] += count
    home_visits: Counter[int] = Counter()
    seen: dict[int, set[int]] = {}
    for activity_id, organiser, teacher in session.execute(
            select(Activity.id, Activity.organiser_id, ActivityTeacher.teacher_id)
            .join(ActivityKind, ActivityKind.id == Activity.kind_id)
            .outerjoin(ActivityTeacher, ActivityTeacher.activity_id == Activity.id)
            .where(ActivityKind.code == HOME_VISIT, _in(Activity.date, period))):
        for who in {organiser, teacher} - {None}:
            seen.setdefault(who, set()).add(activity_id)
    home_visits.update({who: len(found) for who, found in seen.items()})
    home_teaching = Counter(dict(session.execute(
        select(HomeTeachingVisitTeacher.teacher_id, func.count()).join(
            HomeTeachingVisit, HomeTeachingVisit.id == HomeTeachingVisitTeacher.visit_id)
        .where(_in(HomeTeachingVisit.date, period), HomeTeachingVisitTeacher.teacher_id.in_(ids))
        .group_by(HomeTeachingVisitTeacher.teacher_id)).all()))
    years = {school_year_of(period.start)}
    pairs = session.scalars(select(MentorshipPair).where(MentorshipPair.school_year.in_(years), or_(
        MentorshipPair.mentor_id.in_(ids), MentorshipPair.apprentice_id.in_(ids)))).all()
    guidance = Counter(dict(session.execute(select(GuidanceRecord.pair_id, func.count()).where(
        _in(GuidanceRecord.date, period), GuidanceRecord.pair_id.in_([p.id for p in pairs]))
        .group_by(GuidanceRecord.pair_id)).all())) if pairs else Counter()
    spells = read_spells(session, ids)
    on = min(max(date.today(), period.start), period.end)
    figures = []
    for t in teachers:
        mine = records[t.id]
        figures.append(TeacherFigures(
            teacher_id=t.id, teacher=t.name, duties=duties_on(on, spells.get(t.id, [])),
            lessons_observed=observed[t.id], lessons_received=received[t.id],
            lessons_received_from_outside=from_outside[t.id], training_count=len(mine.training),
            training_hours=mine.training_hours, honours=len(mine.honours), home_visits=home_visits[t.id],
            home_teaching_visits=home_teaching[t.id], mentor_of=sum(1 for p in pairs if p.mentor_id == t.id),
            apprentice_of=sum(1 for p in pairs if p.apprentice_id == t.id),
            guidance_records=sum(guidance[p.id] for p in pairs if t.id in (p.mentor_id, p.apprentice_id)),
            exchanges=len(mine.exchanges)))
    return figures


def _within(records: TeacherRecords, period: FilePeriod) -> TeacherRecords:
    """The teacher's own records that fall in the period (an exchange that overlaps it)."""
    return replace(
        records,
        training=tuple(r for r in records.training if period.holds(r.start_date)),
        honours=tuple(r for r in records.honours if period.holds(r.date)),
        exchanges=tuple(r for r in records.exchanges if period.overlaps(r.start_date, r.end_date)),
        ethics=None if records.ethics is None else tuple(r for r in records.ethics if period.holds(r.date)))


def _school_teacher(session: Session, teacher_id: int) -> Teacher:
    teacher = session.get(Teacher, teacher_id)
    if teacher is None or teacher.outside:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The teacher no longer exists."))
    return teacher


def teacher_file(db: Database, teacher_id: int, period: FilePeriod, *, today: date | None = None) -> TeacherFile:
    """What one teacher's printed file shows; a teacher may print only their own (师德 left out for them)."""
    today = today or date.today()
    records = _within(teacher_records(db, teacher_id, today=today), period)
    school = get_school(db)
    with db.transaction() as session:
        teacher = _school_teacher(session, teacher_id)
        figures = _figures(session, [teacher], period, {teacher_id: records})[0]
        found = session.scalars(select(Observation).where(_in(Observation.date, period), or_(
            Observation.observer_id == teacher_id, Observation.taught_teacher_id == teacher_id))
            .order_by(Observation.date, Observation.period, Observation.id)).all()
        rows = observation_rows(session, db, found)
        pairs = _pair_lines(session, teacher_id, period)
        visits = _home_visits(session, teacher_id, period)
        teaching = _home_teaching(session, teacher_id, period)
        row = TeacherRow(id=teacher.id, name=teacher.name, gender=teacher.gender, subjects=teacher.subjects,
                         title=teacher.title, phone=teacher.phone, active=teacher.active)
    return TeacherFile(
        school_name=school.name if school else "", printed=today, period=period, teacher=row, figures=figures,
        training=records.training, ethics=records.ethics, honours=records.honours, exchanges=records.exchanges,
        observed=tuple(r for r in rows if r.observer.id == teacher_id),
        received=tuple(r for r in rows if r.taught.id == teacher_id), pairs=pairs, home_visits=visits,
        home_teaching=teaching)


def _pair_lines(session: Session, teacher_id: int, period: FilePeriod) -> tuple[PairLine, ...]:
    year = school_year_of(period.start)
    lines = []
    for pair in session.scalars(select(MentorshipPair).where(MentorshipPair.school_year == year, or_(
            MentorshipPair.mentor_id == teacher_id, MentorshipPair.apprentice_id == teacher_id))):
        count = session.scalar(select(func.count()).select_from(GuidanceRecord).where(
            GuidanceRecord.pair_id == pair.id, _in(GuidanceRecord.date, period))) or 0
        mentor = pair.mentor_id == teacher_id
        lines.append(PairLine(role="师傅" if mentor else "徒弟", partner=(pair.apprentice if mentor else pair.mentor).name,
                              subject=pair.subject, school_year=pair.school_year, status=pair.status,
                              guidance_records=count))
    return tuple(lines)


def _home_visits(session: Session, teacher_id: int, period: FilePeriod) -> tuple[HomeVisitLine, ...]:
    took_part = select(ActivityTeacher.activity_id).where(ActivityTeacher.teacher_id == teacher_id)
    found = session.scalars(select(Activity).join(ActivityKind, ActivityKind.id == Activity.kind_id).where(
        ActivityKind.code == HOME_VISIT, _in(Activity.date, period),
        or_(Activity.organiser_id == teacher_id, Activity.id.in_(took_part))).order_by(Activity.date, Activity.id)).all()
    return tuple(HomeVisitLine(date=a.date, pupils="、".join(p.pupil.name for p in a.pupils), title=a.title,
                               content=a.content) for a in found)


def _home_teaching(session: Session, teacher_id: int, period: FilePeriod) -> tuple[HomeTeachingLine, ...]:
    found = session.execute(select(HomeTeachingVisit, HomeTeachingPlan).join(
        HomeTeachingPlan, HomeTeachingPlan.id == HomeTeachingVisit.plan_id).where(
        _in(HomeTeachingVisit.date, period), HomeTeachingVisit.id.in_(select(HomeTeachingVisitTeacher.visit_id).where(
            HomeTeachingVisitTeacher.teacher_id == teacher_id))).order_by(HomeTeachingVisit.date)).all()
    lines = []
    for visit, plan in found:
        minutes = (visit.end_time.hour * 60 + visit.end_time.minute) - (visit.start_time.hour * 60 + visit.start_time.minute)
        lines.append(HomeTeachingLine(date=visit.date, pupil=plan.pupil.name, minutes=minutes,
                                      content="、".join(visit.content_kinds or []) or visit.content[:40]))
    return tuple(lines)


def all_teachers_figures(db: Database, period: FilePeriod) -> list[TeacherFigures]:
    """One row per active teacher of the school (and any who left but did something in the period): the
    教师发展 sheet. For the office and the principal."""
    actor = current_actor(db)
    with db.transaction() as session:
        if not actor.keeps_records and not leads_school(session, actor.teacher_id, date.today()):
            require_record_keeper(db)
        teachers = list(session.scalars(select(Teacher).where(Teacher.outside.is_(False)).order_by(Teacher.name)))
        ids = [t.id for t in teachers]
        records = {t: _within(r, period) for t, r in records_of_teachers(session, ids, ethics=False).items()}
        figures = _figures(session, teachers, period, records)
        active = {t.id for t in teachers if t.active}
    return [f for f in figures if f.teacher_id in active or any(
        (f.lessons_observed, f.lessons_received, f.training_count, f.home_visits, f.home_teaching_visits))]
