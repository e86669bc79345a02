"""Teachers: list, add, edit, deactivate (never delete: old records keep their names)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Teacher
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.people import TEACHER_TITLES, validate_gender, validate_person_name, validate_phone
from schooldesk.services.rows import TeacherInput, TeacherRow
from schooldesk.services.access import require_record_keeper

MAX_SUBJECTS_LENGTH = 100


def _row(teacher: Teacher) -> TeacherRow:
    return TeacherRow(
        id=teacher.id, name=teacher.name, gender=teacher.gender, subjects=teacher.subjects,
        title=teacher.title, phone=teacher.phone, active=teacher.active,
    )


def clean_teacher(data: TeacherInput) -> TeacherInput:
    subjects = "、".join(s for s in data.subjects.replace(",", "、").replace("，", "、").split("、") if s.strip())
    if len(subjects) > MAX_SUBJECTS_LENGTH:
        raise ValidationError("subjects", QT_TRANSLATE_NOOP("Errors", "The list of subjects is too long."))
    title = data.title.strip()
    if title and title not in TEACHER_TITLES:
        raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "Choose a title from the list."))
    return TeacherInput(
        name=validate_person_name(data.name),
        gender=validate_gender(data.gender),
        subjects=subjects,
        title=title,
        phone=validate_phone(data.phone),
    )


def _get(session: Session, teacher_id: int) -> Teacher:
    teacher = session.get(Teacher, teacher_id)
    if teacher is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The teacher no longer exists."))
    return teacher


def _school_teacher(session: Session, teacher_id: int) -> Teacher:
    teacher = _get(session, teacher_id)
    if teacher.outside:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The teacher no longer exists."))
    return teacher


def list_teachers(db: Database, *, include_inactive: bool = True) -> list[TeacherRow]:
    """The school's teachers in name order (observers from outside never among them); active ones only when
    asked."""
    with db.transaction() as session:
        query = select(Teacher).where(Teacher.outside.is_(False)).order_by(Teacher.active.desc(), Teacher.name)
        if not include_inactive:
            query = query.where(Teacher.active.is_(True))
        return [_row(t) for t in session.scalars(query)]


def add_teacher(db: Database, data: TeacherInput) -> TeacherRow:
    require_record_keeper(db)
    data = clean_teacher(data)
    with db.transaction() as session:
        teacher = Teacher(**vars(data), active=True)
        session.add(teacher)
        session.flush()
        return _row(teacher)


def update_teacher(db: Database, teacher_id: int, data: TeacherInput) -> TeacherRow:
    require_record_keeper(db)
    data = clean_teacher(data)
    with db.transaction() as session:
        teacher = _school_teacher(session, teacher_id)
        for field, value in vars(data).items():
            setattr(teacher, field, value)
        return _row(teacher)


def set_teacher_active(db: Database, teacher_id: int, active: bool) -> TeacherRow:
    """Deactivate a teacher who left (or bring one back)."""
    require_record_keeper(db)
    with db.transaction() as session:
        teacher = _school_teacher(session, teacher_id)
        teacher.active = active
        return _row(teacher)
