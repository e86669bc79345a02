"""活动记录: add, correct, delete and list activities. Recorded once, counted everywhere: a 家访 to a pupil in
care counts as contact (services/support.py reads it), shows in the pupil's profile, and may be saved as an
open dropout case's 劝返 visit, kept in step with it and deleted with it."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import Activity, ActivityPupil, ActivityTeacher, DropoutCase, Enrolment, Pupil, ReturnVisit, Teacher
from schooldesk.domain.activities import KindSpec, clean_values
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_long_text, validate_text
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.access import require_own
from schooldesk.services.activity_kinds import kind_spec, load_kind
from schooldesk.services.dropout import VisitInput, write_visit
from schooldesk.services.photos import PhotoRef, link_photos, photos_of, remove_files, new_photos, unlink_record, unused_photos
from schooldesk.services.pupils import class_names
from schooldesk.services.rows import TeacherRef
from schooldesk.services.semesters import semester_dates

ACTIVITY_PHOTOS = "activity"
MAX_TEXT = 3000
RETURN_RESULTS = {"已返校": "同意返校", "承诺返校": "同意返校", "继续劝返": "考虑中", "上报": "其他"}


@dataclass(frozen=True, kw_only=True)
class ActivityInput:
    """What the activity form edits; *values* are the kind's own fields by key. *return_visit_case* saves a
    家访 as that dropout case's 劝返 visit too (None: not, or no longer)."""

    kind_id: int
    title: str
    date: date
    organiser_id: int | None
    teacher_ids: tuple[int, ...] = ()
    pupil_ids: tuple[int, ...] = ()
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    outside_people: str = ""
    content: str = ""
    outcome: str = ""
    values: dict[str, str] = field(default_factory=dict)
    return_visit_case: int | None = None
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()
    captions: dict[int, str] = field(default_factory=dict)  # photo id → caption
    new_captions: tuple[str, ...] = ()  # for new_photos, in order


@dataclass(frozen=True, kw_only=True)
class PupilRef:
    id: int
    name: str
    class_name: str = ""


@dataclass(frozen=True, kw_only=True)
class ActivityRow:
    id: int
    kind_id: int
    kind: KindSpec
    title: str
    date: date
    start_time: time | None
    end_time: time | None
    place: str
    organiser: TeacherRef | None
    teachers: tuple[TeacherRef, ...]
    pupils: tuple[PupilRef, ...]
    outside_people: str
    content: str
    outcome: str
    values: dict[str, str]
    photos: tuple[PhotoRef, ...] = ()
    return_visit_case: int | None = None

    @property
    def people(self) -> str:
        """Who took part, as a form writes it: teachers, then outside people."""
        return "、".join(filter(None, [*(t.name for t in self.teachers), self.outside_people]))

    @property
    def pupil_names(self) -> str:
        return "、".join(p.name for p in self.pupils)

    @property
    def teacher_ids(self) -> set[int]:
        return {t.id for t in self.teachers} | ({self.organiser.id} if self.organiser else set())


@dataclass(frozen=True, kw_only=True)
class ActivityFilter:
    kind_id: int | None = None
    teacher_id: int | None = None  # organised or took part
    class_id: int | None = None  # a pupil of the class took part
    pupil_id: int | None = None


# ---- reading ----------------------------------------------------------------------------------------------

def _options():  # type: ignore[no-untyped-def]
    return (selectinload(Activity.kind), selectinload(Activity.organiser),
            selectinload(Activity.teachers).selectinload(ActivityTeacher.teacher),
            selectinload(Activity.pupils).selectinload(ActivityPupil.pupil))


def activity_rows(session: Session, db: Database, activities: Sequence[Activity], school_year: int | None = None
                  ) -> list[ActivityRow]:
    photos = photos_of(session, db, ACTIVITY_PHOTOS, [a.id for a in activities])
    ids = [a.id for a in activities]
    cases = dict(session.execute(select(ReturnVisit.activity_id, ReturnVisit.case_id)
                                 .where(ReturnVisit.activity_id.in_(ids))).all()) if ids else {}
    pupil_ids = [p.pupil_id for a in activities for p in a.pupils]
    classes = class_names(session, school_year, pupil_ids) if school_year is not None and pupil_ids else {}
    return [ActivityRow(
        id=a.id, kind_id=a.kind_id, kind=kind_spec(a.kind), title=a.title, date=a.date, start_time=a.start_time,
        end_time=a.end_time, place=a.place, organiser=TeacherRef(a.organiser_id, a.organiser.name) if a.organiser else None,
        teachers=tuple(TeacherRef(t.teacher_id, t.teacher.name) for t in a.teachers),
        pupils=tuple(sorted((PupilRef(id=p.pupil_id, name=p.pupil.name, class_name=classes.get(p.pupil_id, ""))
                             for p in a.pupils), key=lambda p: p.name)),
        outside_people=a.outside_people, content=a.content, outcome=a.outcome, values=dict(a.values or {}),
        photos=photos.get(a.id, ()), return_visit_case=cases.get(a.id)) for a in activities]


def list_activities(db: Database, semester: SemesterKey, where: ActivityFilter | None = None) -> list[ActivityRow]:
    """The semester's activities (by date, holidays after a term counted with it), narrowed by *where*."""
    where = where or ActivityFilter()
    with db.transaction() as session:
        term = semester_dates(session, semester)
        query = select(Activity).where(Activity.date >= term.start_date, Activity.date <= term.end_date).options(*_options())
        if where.kind_id:
            query = query.where(Activity.kind_id == where.kind_id)
        if where.teacher_id:
            took_part = select(ActivityTeacher.activity_id).where(ActivityTeacher.teacher_id == where.teacher_id)
            query = query.where((Activity.organiser_id == where.teacher_id) | Activity.id.in_(took_part))
        if where.pupil_id:
            query = query.where(Activity.id.in_(select(ActivityPupil.activity_id).where(ActivityPupil.pupil_id == where.pupil_id)))
        if where.class_id:
            in_class = select(Enrolment.pupil_id).where(Enrolment.class_id == where.class_id)
            query = query.where(Activity.id.in_(select(ActivityPupil.activity_id).where(ActivityPupil.pupil_id.in_(in_class))))
        found = session.scalars(query.order_by(Activity.date.desc(), Activity.id.desc())).all()
        return activity_rows(session, db, found, semester.school_year)


def _load(session: Session, activity_id: int) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return activity


def get_activity(db: Database, activity_id: int, school_year: int | None = None) -> ActivityRow:
    with db.transaction() as session:
        return activity_rows(session, db, [_load(session, activity_id)], school_year)[0]


def pupil_activities(db: Database, pupil_id: int) -> list[ActivityRow]:
    """Every activity a pupil took part in (家访, 班会 …), oldest first, for their profile and file."""
    with db.transaction() as session:
        found = session.scalars(select(Activity).where(Activity.id.in_(
            select(ActivityPupil.activity_id).where(ActivityPupil.pupil_id == pupil_id))).options(*_options())
            .order_by(Activity.date)).all()
        return activity_rows(session, db, found)


# ---- writing -----------------------------------------------------------------------------------------------

def _people(session: Session, data: ActivityInput) -> tuple[list[int], list[int]]:
    teachers = list(dict.fromkeys(data.teacher_ids))
    if data.organiser_id is None and not teachers:
        raise ValidationError("organiser", QT_TRANSLATE_NOOP("Errors", "Choose the organiser or a teacher who took part."))
    for teacher_id in [*teachers, *([data.organiser_id] if data.organiser_id else [])]:
        if session.get(Teacher, teacher_id) is None:
            raise ValidationError("teachers", QT_TRANSLATE_NOOP("Errors", "A chosen teacher no longer exists."))
    pupils = list(dict.fromkeys(data.pupil_ids))
    for pupil_id in pupils:
        if session.get(Pupil, pupil_id) is None:
            raise ValidationError("pupils", QT_TRANSLATE_NOOP("Errors", "A chosen pupil no longer exists."))
    return teachers, pupils


def _write(session: Session, activity: Activity, data: ActivityInput, stored: Sequence, today: date) -> KindSpec:  # type: ignore[type-arg]
    kind_row = load_kind(session, data.kind_id)
    kind = kind_spec(kind_row)
    if kind.hidden and activity.kind_id != kind_row.id:
        raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "This kind is no longer used; choose another."))
    if data.date > today:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    if data.start_time and data.end_time and data.end_time <= data.start_time:
        raise ValidationError("end_time", QT_TRANSLATE_NOOP("Errors", "The activity must end after it starts."))
    title = validate_text(data.title, "title", 100)
    if not title:
        raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "Give the activity a title."))
    teachers, pupils = _people(session, data)
    if kind.pupils and kind.counts_as_contact and not pupils:
        raise ValidationError("pupils", QT_TRANSLATE_NOOP("Errors", "Choose the pupil or pupils visited."))
    activity.kind_id, activity.title, activity.date = kind_row.id, title, data.date
    activity.start_time, activity.end_time = data.start_time, data.end_time
    activity.place = validate_text(data.place, "place", 100)
    activity.organiser_id = data.organiser_id
    activity.outside_people = validate_text(data.outside_people, "outside_people", 200)
    activity.content = validate_long_text(data.content, "content", MAX_TEXT)
    activity.outcome = validate_long_text(data.outcome, "outcome", MAX_TEXT)
    activity.values = clean_values(kind, data.values, activity.values or {})
    activity.teachers = [ActivityTeacher(teacher_id=t, position=i) for i, t in enumerate(teachers)]
    activity.pupils = [ActivityPupil(pupil_id=p) for p in pupils]
    session.add(activity)
    session.flush()
    new_ids = link_photos(session, ACTIVITY_PHOTOS, activity.id, data.photo_ids, stored, data.captions)
    if data.new_captions:
        fresh = [p.id for p in new_ids[len(data.photo_ids):]]
        link_photos(session, ACTIVITY_PHOTOS, activity.id, [p.id for p in new_ids], [],
                    {**data.captions, **dict(zip(fresh, data.new_captions))})
    return kind


def _sync_return_visit(session: Session, activity: Activity, kind: KindSpec, data: ActivityInput) -> None:
    """The 家访 as the case's 劝返 visit: written from the activity, or removed when no longer wanted."""
    linked = session.scalars(select(ReturnVisit).where(ReturnVisit.activity_id == activity.id)).first()
    if data.return_visit_case is None:
        if linked is not None:
            session.delete(linked)
        return
    case = session.get(DropoutCase, data.return_visit_case)
    if not kind.return_visit or case is None or case.pupil_id not in {p.pupil_id for p in activity.pupils}:
        raise ValidationError("return_visit", QT_TRANSLATE_NOOP(
            "Errors", "Only a home visit to the pupil of an open dropout case can be its persuade-to-return visit."))
    if case.closed_on is not None and (linked is None or linked.case_id != case.id):
        raise ValidationError("return_visit", QT_TRANSLATE_NOOP("Errors", "The case is already closed."))
    if linked is not None and linked.case_id != case.id:
        session.delete(linked)
        session.flush()
        linked = None
    names = [t.teacher.name for t in activity.teachers] or ([activity.organiser.name] if activity.organiser else [])
    values = activity.values or {}
    met_with = "".join(filter(None, (values.get("met_with", ""), f"（{values['relation']}）" if values.get("relation") else "")))
    visit = linked or ReturnVisit(case_id=case.id, activity_id=activity.id)
    write_visit(visit, case, VisitInput(
        date=activity.date, visitors="、".join(filter(None, [*names, activity.outside_people]))[:200], met_with=met_with[:100],
        conversation=activity.content[:2000], result=RETURN_RESULTS.get(values.get("result", ""), "")))
    session.add(visit)


def add_activity(db: Database, data: ActivityInput, *, today: date | None = None) -> ActivityRow:
    """A teacher records activities they organised or took part in; the office any."""
    require_own(db, [data.organiser_id, *data.teacher_ids])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        activity = Activity(values={})
        kind = _write(session, activity, data, stored, today or date.today())
        _sync_return_visit(session, activity, kind, data)
        session.flush()
        return activity_rows(session, db, [activity])[0]


def update_activity(db: Database, activity_id: int, data: ActivityInput, *, today: date | None = None) -> ActivityRow:
    require_own(db, [data.organiser_id, *data.teacher_ids])
    with db.transaction() as session:
        current = _load(session, activity_id)
        require_own(db, [current.organiser_id, *(t.teacher_id for t in current.teachers)])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        activity = _load(session, activity_id)
        kind = _write(session, activity, data, stored, today or date.today())
        _sync_return_visit(session, activity, kind, data)
        gone = unused_photos(session)
        session.flush()
        session.expire(activity)
        row = activity_rows(session, db, [_load(session, activity_id)])[0]
    remove_files(db, gone)
    return row


def delete_activity(db: Database, activity_id: int) -> None:
    """Remove a record made by mistake; a 劝返 visit it was saved as goes with it."""
    with db.transaction() as session:
        activity = _load(session, activity_id)
        require_own(db, [activity.organiser_id, *(t.teacher_id for t in activity.teachers)])
        for visit in session.scalars(select(ReturnVisit).where(ReturnVisit.activity_id == activity.id)):
            session.delete(visit)
        unlink_record(session, ACTIVITY_PHOTOS, activity.id)
        session.delete(activity)
        gone = unused_photos(session)
    remove_files(db, gone)
