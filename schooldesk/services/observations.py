"""听课评课: add, correct, delete and list observations; a teacher writes only those they observed.

A lesson watched by several observers is several records (each keeps their own); rows carry the lesson's
average. Totals and grades come from the rubric version each record was scored with, never from today's.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import Observation, ObservationCheck, ObservationScore, RubricVersion, SchoolClass, Semester, Teacher
from schooldesk.db.photo_store import StoredPhoto
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import (
    LESSON_TYPES, OBSERVATION_KINDS, CheckResult, LessonScore, lesson_average, validate_checks, validate_period,
)
from schooldesk.domain.pupils import validate_choice, validate_long_text, validate_text
from schooldesk.domain.rubrics import RubricDefinition, Scored, score
from schooldesk.domain.semester import SemesterKey, TermDates, semester_for
from schooldesk.services.access import require_own
from schooldesk.services.rows import TeacherRef
from schooldesk.services.semesters import semester_dates
from schooldesk.services.outside_observers import shown_name
from schooldesk.services.photos import PhotoRef, link_photos, photos_of, remove_files, new_photos, unlink_record, unused_photos
from schooldesk.services.rubrics import version_definition

OBSERVATION_PHOTOS = "observation"  # the record kind of an observation's photo links
MAX_RECORD, MAX_TEXT = 5000, 1000


@dataclass(frozen=True, kw_only=True)
class ObservationInput:
    """What the observation form edits. *scores* are the rubric's items as entered, in its order ("" for
    none; all blank keeps the record unscored). *photo_ids* are kept photos, *new_photos* files to add."""

    observer_id: int
    taught_teacher_id: int
    class_id: int | None
    subject: str
    topic: str
    lesson_type: str
    kind: str
    date: date
    period: int
    process_record: str = ""
    rubric_version_id: int | None = None
    scores: tuple[str, ...] = ()
    highlights: str = ""
    suggestions: str = ""
    checks: tuple[CheckResult, ...] = ()
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ObservationRow:
    id: int
    observer: TeacherRef
    taught: TeacherRef
    class_id: int | None
    class_name: str
    subject: str
    topic: str
    lesson_type: str
    kind: str
    date: date
    period: int
    process_record: str
    rubric_version_id: int | None
    rubric: RubricDefinition | None
    scores: tuple[str, ...]
    scored: Scored | None
    highlights: str
    suggestions: str
    checks: tuple[CheckResult, ...] = ()
    photos: tuple[PhotoRef, ...] = ()
    lesson_average: float | None = None  # over every observer of this lesson who scored it
    lesson_observers: int = 1

    @property
    def total(self) -> float | None:
        return self.scored.total if self.scored else None

    @property
    def grade(self) -> str:
        return self.scored.grade if self.scored else ""

    @property
    def lesson_key(self) -> tuple[int, date, int]:
        return self.taught.id, self.date, self.period


@dataclass(frozen=True, kw_only=True)
class ObservationFilter:
    """What the list page narrows to; empty means any."""

    observer_id: int | None = None
    taught_teacher_id: int | None = None
    subject: str = ""
    kind: str = ""
    teacher_id: int | None = None  # observer or observed (a teacher's 听课记录汇总 and own view)
    ids: tuple[int, ...] = field(default=())


# ---- reading -------------------------------------------------------------------------------------------

def _definitions(session: Session, observations: Sequence[Observation]) -> dict[int, RubricDefinition]:
    ids = {o.rubric_version_id for o in observations if o.rubric_version_id}
    versions = session.scalars(select(RubricVersion).where(RubricVersion.id.in_(ids))).all() if ids else []
    return {v.id: version_definition(v) for v in versions}


def _scored(definition: RubricDefinition | None, observation: Observation) -> Scored | None:
    if definition is None or not observation.scores:
        return None
    return score(definition, [s.value for s in observation.scores])


def observation_rows(session: Session, db: Database, observations: Sequence[Observation]) -> list[ObservationRow]:
    definitions = _definitions(session, observations)
    photos = photos_of(session, db, OBSERVATION_PHOTOS, [o.id for o in observations])
    rows = []
    for o in observations:
        definition = definitions.get(o.rubric_version_id) if o.rubric_version_id else None
        rows.append(ObservationRow(
            id=o.id, observer=TeacherRef(o.observer_id, shown_name(o.observer)), taught=TeacherRef(o.taught_teacher_id,
            o.taught_teacher.name), class_id=o.class_id, class_name=o.school_class.name if o.school_class else "",
            subject=o.subject, topic=o.topic, lesson_type=o.lesson_type, kind=o.kind, date=o.date, period=o.period,
            process_record=o.process_record, rubric_version_id=o.rubric_version_id, rubric=definition,
            scores=tuple(s.value for s in o.scores), scored=_scored(definition, o), highlights=o.highlights,
            suggestions=o.suggestions, photos=photos.get(o.id, ()),
            checks=tuple(CheckResult(item=c.item, rating=c.rating, comment=c.comment) for c in o.checks),
        ))
    return _with_lesson_averages(session, rows)


def _with_lesson_averages(session: Session, rows: list[ObservationRow]) -> list[ObservationRow]:
    """Each row gets the average of every observer of its lesson (same teacher, day and period)."""
    if not rows:
        return rows
    days = {r.date for r in rows}
    others = session.scalars(select(Observation).where(Observation.date.in_(days))
                             .options(selectinload(Observation.scores))).all()
    definitions = _definitions(session, others)
    lessons: dict[tuple[int, date, int], list[LessonScore]] = defaultdict(list)
    observers: dict[tuple[int, date, int], int] = defaultdict(int)
    for other in others:
        key = (other.taught_teacher_id, other.date, other.period)
        observers[key] += 1
        scored = _scored(definitions.get(other.rubric_version_id or 0), other)
        if scored is not None:
            lessons[key].append(LessonScore(total=scored.total, maximum=scored.maximum))
    from dataclasses import replace

    return [replace(r, lesson_average=lesson_average(lessons[r.lesson_key]), lesson_observers=observers[r.lesson_key])
            for r in rows]


def _query_semester(session: Session, semester: SemesterKey):  # type: ignore[no-untyped-def]
    term = semester_dates(session, semester)
    return (select(Observation).where(Observation.date >= term.start_date, Observation.date <= term.end_date)
            .options(selectinload(Observation.scores), selectinload(Observation.checks),
                     selectinload(Observation.observer), selectinload(Observation.taught_teacher),
                     selectinload(Observation.school_class)))


def list_observations(db: Database, semester: SemesterKey, where: ObservationFilter | None = None) -> list[ObservationRow]:
    """The semester's observations (narrowed by *where*), newest first."""
    where = where or ObservationFilter()
    with db.transaction() as session:
        query = _query_semester(session, semester)
        if where.observer_id:
            query = query.where(Observation.observer_id == where.observer_id)
        if where.taught_teacher_id:
            query = query.where(Observation.taught_teacher_id == where.taught_teacher_id)
        if where.teacher_id:
            query = query.where((Observation.observer_id == where.teacher_id)
                                | (Observation.taught_teacher_id == where.teacher_id))
        if where.subject:
            query = query.where(Observation.subject == where.subject)
        if where.kind:
            query = query.where(Observation.kind == where.kind)
        if where.ids:
            query = query.where(Observation.id.in_(where.ids))
        found = session.scalars(query.order_by(Observation.date.desc(), Observation.period.desc(), Observation.id)).all()
        return observation_rows(session, db, found)


def _load(session: Session, observation_id: int) -> Observation:
    observation = session.get(Observation, observation_id)
    if observation is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return observation


def get_observation(db: Database, observation_id: int) -> ObservationRow:
    with db.transaction() as session:
        return observation_rows(session, db, [_load(session, observation_id)])[0]


def observation_subjects(db: Database) -> list[str]:
    """Subjects already used, for the filter and the form's suggestions."""
    with db.transaction() as session:
        return sorted(s for s in session.scalars(select(Observation.subject).distinct()) if s)


# ---- writing -------------------------------------------------------------------------------------------

def _teacher(session: Session, teacher_id: int, field_name: str) -> Teacher:
    teacher = session.get(Teacher, teacher_id) if teacher_id else None
    if teacher is None:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Choose a teacher from the list."))
    return teacher


def _check_date(session: Session, day: date, today: date) -> None:
    if day > today:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    terms = [TermDates(SemesterKey(s.school_year, s.term), s.start_date, s.end_date)
             for s in session.scalars(select(Semester))]
    key = semester_for(day, terms)
    term = next((t for t in terms if t.key == key), None)
    if term is None or not term.contains(day):
        raise ValidationError("date", QT_TRANSLATE_NOOP(
            "Errors", "%1 is not within a semester; lessons are observed in term time (terms are set in Settings)."),
            day.isoformat())


def _rubric(session: Session, data: ObservationInput) -> tuple[RubricVersion | None, list[str]]:
    values = [v.strip() for v in data.scores]
    if data.rubric_version_id is None:
        if any(values):
            raise ValidationError("rubric", QT_TRANSLATE_NOOP("Errors", "Choose the rubric the scores are for."))
        return None, []
    version = session.get(RubricVersion, data.rubric_version_id)
    if version is None:
        raise ValidationError("rubric", QT_TRANSLATE_NOOP("Errors", "The rubric no longer exists."))
    scored = score(version_definition(version), [v or None for v in values] if values else
                   [None] * len(version.definition["items"]))
    return version, ([i.value for i in scored.items] if scored else [])


def _write(session: Session, observation: Observation, data: ObservationInput, stored: Sequence[StoredPhoto],
           today: date) -> None:
    observer = _teacher(session, data.observer_id, "observer")
    taught = _teacher(session, data.taught_teacher_id, "taught_teacher")
    if taught.outside:
        raise ValidationError("taught_teacher", QT_TRANSLATE_NOOP(
            "Errors", "The lesson must be taught by one of the school's teachers."))
    if observer.id == taught.id:
        raise ValidationError("taught_teacher", QT_TRANSLATE_NOOP("Errors", "A teacher cannot observe their own lesson."))
    if data.class_id is not None and session.get(SchoolClass, data.class_id) is None:
        raise ValidationError("class", QT_TRANSLATE_NOOP("Errors", "The class no longer exists."))
    _check_date(session, data.date, today)
    subject = validate_text(data.subject, "subject", 20)
    if not subject:
        raise ValidationError("subject", QT_TRANSLATE_NOOP("Errors", "Give the subject."))
    topic = validate_text(data.topic, "topic", 100)
    if not topic:
        raise ValidationError("topic", QT_TRANSLATE_NOOP("Errors", "Give the lesson's title (课题)."))
    version, scores = _rubric(session, data)
    observation.observer_id, observation.taught_teacher_id, observation.class_id = observer.id, taught.id, data.class_id
    observation.subject, observation.topic = subject, topic
    observation.lesson_type = validate_choice(data.lesson_type, LESSON_TYPES, "lesson_type", required=True)
    observation.kind = validate_choice(data.kind, OBSERVATION_KINDS, "kind", required=True)
    observation.date, observation.period = data.date, validate_period(data.period)
    observation.process_record = validate_long_text(data.process_record, "process_record", MAX_RECORD)
    observation.highlights = validate_long_text(data.highlights, "highlights", MAX_TEXT)
    observation.suggestions = validate_long_text(data.suggestions, "suggestions", MAX_TEXT)
    observation.rubric_version_id = version.id if version else None
    observation.scores = [ObservationScore(position=i, value=v) for i, v in enumerate(scores)]
    observation.checks = [ObservationCheck(item=c.item, position=i, rating=c.rating,
                                           comment=validate_text(c.comment, "checks", 200))
                          for i, c in enumerate(validate_checks(data.checks))]
    session.add(observation)
    session.flush()  # the id, for the photo links
    link_photos(session, OBSERVATION_PHOTOS, observation.id, data.photo_ids, stored)


def add_observation(db: Database, data: ObservationInput, *, today: date | None = None) -> ObservationRow:
    """A teacher records lessons they observed; the office and administrators anyone's."""
    require_own(db, [data.observer_id])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        observation = Observation()
        _write(session, observation, data, stored, today or date.today())
        session.expire(observation)
        return observation_rows(session, db, [_load(session, observation.id)])[0]


def update_observation(db: Database, observation_id: int, data: ObservationInput, *,
                       today: date | None = None) -> ObservationRow:
    require_own(db, [data.observer_id])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        observation = _load(session, observation_id)
        require_own(db, [observation.observer_id])
        _write(session, observation, data, stored, today or date.today())
        gone = unused_photos(session)
        session.expire(observation)
        row = observation_rows(session, db, [_load(session, observation_id)])[0]
    remove_files(db, gone)
    return row


def delete_observation(db: Database, observation_id: int) -> None:
    with db.transaction() as session:
        observation = _load(session, observation_id)
        require_own(db, [observation.observer_id])
        unlink_record(session, OBSERVATION_PHOTOS, observation.id)
        session.delete(observation)
        gone = unused_photos(session)
    remove_files(db, gone)
