"""Classes (班级) per school year, each with an optional head teacher (班主任)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolClass, Teacher
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.grades import class_name_zh, validate_class_number, validate_grade
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import validate_school_year
from schooldesk.services.rows import ClassInput, ClassRow
from schooldesk.services.access import require_record_keeper

MAX_CLASS_NAME = 30


def _row(school_class: SchoolClass) -> ClassRow:
    head = school_class.head_teacher
    return ClassRow(
        id=school_class.id, school_year=school_class.school_year, grade=school_class.grade,
        number=school_class.number, name=school_class.name,
        head_teacher_id=school_class.head_teacher_id, head_teacher_name=head.name if head else "",
        active=school_class.active,
    )


def _clean(session: Session, data: ClassInput, class_id: int | None) -> ClassInput:
    validate_school_year(data.school_year)
    validate_grade(data.grade)
    validate_class_number(data.number)
    name = data.name.strip() or class_name_zh(data.grade, data.number)
    if len(name) > MAX_CLASS_NAME:
        raise ValidationError("name", QT_TRANSLATE_NOOP("Errors", "The class name is too long."))
    clash = session.scalar(
        select(SchoolClass.id).where(
            SchoolClass.school_year == data.school_year,
            SchoolClass.grade == data.grade,
            SchoolClass.number == data.number,
            SchoolClass.id != (class_id or 0),
        )
    )
    if clash is not None:
        raise ValidationError("number", QT_TRANSLATE_NOOP("Errors", "%1 already exists in this school year."), name)
    current = _get(session, class_id) if class_id else None
    unchanged = current is not None and current.head_teacher_id == data.head_teacher_id
    if data.head_teacher_id is not None and not unchanged:
        teacher = session.get(Teacher, data.head_teacher_id)
        if teacher is None or not teacher.active:
            raise ValidationError("head_teacher", QT_TRANSLATE_NOOP("Errors", "Choose an active teacher."))
    return ClassInput(data.school_year, data.grade, data.number, name, data.head_teacher_id)


def _get(session: Session, class_id: int) -> SchoolClass:
    school_class = session.get(SchoolClass, class_id)
    if school_class is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The class no longer exists."))
    return school_class


def list_classes(db: Database, school_year: int) -> list[ClassRow]:
    with db.transaction() as session:
        query = (
            select(SchoolClass)
            .where(SchoolClass.school_year == school_year)
            .order_by(SchoolClass.active.desc(), SchoolClass.grade, SchoolClass.number)
        )
        return [_row(c) for c in session.scalars(query)]


def add_class(db: Database, data: ClassInput) -> ClassRow:
    require_record_keeper(db)
    with db.transaction() as session:
        school_class = SchoolClass(**vars(_clean(session, data, None)))
        session.add(school_class)
        session.flush()
        return _row(school_class)


def update_class(db: Database, class_id: int, data: ClassInput) -> ClassRow:
    require_record_keeper(db)
    with db.transaction() as session:
        school_class = _get(session, class_id)
        for field, value in vars(_clean(session, data, class_id)).items():
            setattr(school_class, field, value)
        session.flush()
        session.expire(school_class, ["head_teacher"])
        return _row(school_class)


def set_class_active(db: Database, class_id: int, active: bool) -> ClassRow:
    """Deactivate a class that was merged or closed; its records stay."""
    require_record_keeper(db)
    with db.transaction() as session:
        school_class = _get(session, class_id)
        school_class.active = active
        return _row(school_class)
