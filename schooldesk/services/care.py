"""Care categories of a pupil (留守儿童, 残疾儿童 …): add, edit, end; each with a responsible teacher."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Teacher
from schooldesk.domain.care import KIND_BY_CODE, care_kind, describe_details
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_text
from schooldesk.services.pupils import load_pupil
from schooldesk.services.access import require_record_keeper


@dataclass(frozen=True)
class CareInput:
    kind: str
    start_date: date
    end_date: date | None = None
    responsible_teacher_id: int | None = None
    details: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CareRow:
    id: int
    pupil_id: int
    kind: str
    start_date: date
    end_date: date | None
    responsible_teacher_id: int | None
    responsible_teacher_name: str
    details: dict[str, str]

    @property
    def name_zh(self) -> str:
        return care_kind(self.kind).name_zh

    @property
    def summary(self) -> str:
        return describe_details(self.kind, self.details)

    def open_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


def care_row(record: CareRecord) -> CareRow:
    teacher = record.responsible_teacher
    return CareRow(
        id=record.id, pupil_id=record.pupil_id, kind=record.kind, start_date=record.start_date,
        end_date=record.end_date, responsible_teacher_id=record.responsible_teacher_id,
        responsible_teacher_name=teacher.name if teacher else "", details=dict(record.details or {}),
    )


def clean_care(session: Session, data: CareInput) -> CareInput:
    if data.kind not in KIND_BY_CODE:
        raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "Choose a category."))
    if data.end_date is not None and data.end_date < data.start_date:
        raise ValidationError("end_date", QT_TRANSLATE_NOOP("Errors", "The end date is before the start date."))
    if data.responsible_teacher_id is not None:
        teacher = session.get(Teacher, data.responsible_teacher_id)
        if teacher is None:
            raise ValidationError("responsible_teacher", QT_TRANSLATE_NOOP("Errors", "Choose an active teacher."))
    details: dict[str, str] = {}
    for detail in care_kind(data.kind).details:
        value = validate_text(data.details.get(detail.key, ""), f"{data.kind}.{detail.key}")
        if value and detail.choices and value not in detail.choices:
            raise ValidationError(
                f"{data.kind}.{detail.key}", QT_TRANSLATE_NOOP("Errors", "Choose one of: %1."), "、".join(detail.choices)
            )
        if value:
            details[detail.key] = value
    return CareInput(data.kind, data.start_date, data.end_date, data.responsible_teacher_id, details)


def _get(session: Session, record_id: int) -> CareRecord:
    record = session.get(CareRecord, record_id)
    if record is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return record


def _check_overlap(session: Session, pupil_id: int, data: CareInput, record_id: int | None) -> None:
    """A pupil is in a category once at a time; a second open 留守儿童 record would double-count."""
    for other in session.scalars(
        select(CareRecord).where(CareRecord.pupil_id == pupil_id, CareRecord.kind == data.kind,
                                 CareRecord.id != (record_id or 0))
    ):
        other_end = other.end_date or date.max
        this_end = data.end_date or date.max
        if other.start_date <= this_end and data.start_date <= other_end:
            raise ValidationError(
                "start_date",
                QT_TRANSLATE_NOOP("Errors", "The pupil is already in this category from %1; edit or end that record."),
                other.start_date.isoformat(),
            )


def add_care(db: Database, pupil_id: int, data: CareInput) -> CareRow:
    require_record_keeper(db)
    with db.transaction() as session:
        load_pupil(session, pupil_id)
        data = clean_care(session, data)
        _check_overlap(session, pupil_id, data, None)
        record = CareRecord(pupil_id=pupil_id, **vars(data))
        session.add(record)
        session.flush()
        return care_row(record)


def update_care(db: Database, record_id: int, data: CareInput) -> CareRow:
    require_record_keeper(db)
    with db.transaction() as session:
        record = _get(session, record_id)
        data = clean_care(session, data)
        _check_overlap(session, record.pupil_id, data, record_id)
        for name, value in vars(data).items():
            setattr(record, name, value)
        session.flush()
        return care_row(record)


def list_care(db: Database, pupil_id: int) -> list[CareRow]:
    with db.transaction() as session:
        return [care_row(r) for r in session.scalars(
            select(CareRecord).where(CareRecord.pupil_id == pupil_id).order_by(CareRecord.start_date)
        )]
