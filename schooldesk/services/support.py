"""Support records (帮扶记录) and who is overdue for one."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.photo_store import StoredPhoto
from schooldesk.db.models import (
    Activity, ActivityPupil, CareRecord, HomeTeachingPlan, HomeTeachingVisit, Pupil, SupportRecord, Teacher,
)
from schooldesk.domain.care import SUPPORT_KINDS, care_kind
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import validate_choice, validate_text
from schooldesk.services.access import require_own
from schooldesk.services.photos import PhotoRef, link_photos, new_photos, photos_of, unlink_record
from schooldesk.services.pupils import class_names, load_pupil, on_roll_on
from schooldesk.services.school_rules import read_support_intervals

MAX_RECORD_TEXT = 2000


@dataclass(frozen=True)
class SupportInput:
    date: date
    teacher_id: int | None
    kind: str
    content: str
    outcome: str = ""
    photo_ids: tuple[int, ...] = ()  # kept photos, in order
    new_photos: tuple[Path, ...] = ()


FIELDS = ("date", "teacher_id", "kind", "content", "outcome")  # what the table holds; photos are linked
PHOTOS = "support_record"  # the photo service's record kind


@dataclass(frozen=True)
class SupportRow:
    id: int
    pupil_id: int
    date: date
    teacher_id: int | None
    teacher_name: str
    kind: str
    content: str
    outcome: str
    photos: tuple[PhotoRef, ...] = ()


@dataclass(frozen=True)
class OverdueSupport:
    """A pupil whose categories need a support record and who has had none for too long."""

    pupil_id: int
    pupil_name: str
    class_name: str
    category: str
    responsible_teacher: str
    last_record: date | None
    due: date


def _row(record: SupportRecord, photos: tuple[PhotoRef, ...] = ()) -> SupportRow:
    return SupportRow(
        id=record.id, pupil_id=record.pupil_id, date=record.date, teacher_id=record.teacher_id,
        teacher_name=record.teacher.name if record.teacher else "", kind=record.kind,
        content=record.content, outcome=record.outcome, photos=photos,
    )


def _columns(data: SupportInput) -> dict[str, object]:
    return {name: getattr(data, name) for name in FIELDS}


def _with_photos(session: Session, db: Database, record: SupportRecord, data: SupportInput,
                 stored: list[StoredPhoto]) -> SupportRow:
    link_photos(session, PHOTOS, record.id, data.photo_ids, stored)
    return _row(record, photos_of(session, db, PHOTOS, [record.id]).get(record.id, ()))


def _clean(session: Session, data: SupportInput) -> SupportInput:
    if data.date > date.today():
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    if data.teacher_id is None or session.get(Teacher, data.teacher_id) is None:
        raise ValidationError("teacher", QT_TRANSLATE_NOOP(
            "Errors", "Choose the teacher who gave the support from the list. A teacher not on it is added with "
                      "“New teacher…” at the end of the list, or on the Teachers page (several at once from Excel)."))
    content = validate_text(data.content, "content", MAX_RECORD_TEXT)
    if not content:
        raise ValidationError("content", QT_TRANSLATE_NOOP("Errors", "Say what was done."))
    return SupportInput(
        data.date, data.teacher_id, validate_choice(data.kind, SUPPORT_KINDS, "kind", required=True),
        content, validate_text(data.outcome, "outcome", MAX_RECORD_TEXT),
    )


def add_support(db: Database, pupil_id: int, data: SupportInput) -> SupportRow:
    require_own(db, [data.teacher_id])  # a teacher records only support they gave
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        load_pupil(session, pupil_id)
        record = SupportRecord(pupil_id=pupil_id, **_columns(_clean(session, data)))
        session.add(record)
        session.flush()
        return _with_photos(session, db, record, data, stored)


def _load(session: Session, record_id: int) -> SupportRecord:
    record = session.get(SupportRecord, record_id)
    if record is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return record


def update_support(db: Database, record_id: int, data: SupportInput) -> SupportRow:
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        record = _load(session, record_id)
        require_own(db, [record.teacher_id])  # theirs now …
        require_own(db, [data.teacher_id])  # … and still theirs after the change
        for name, value in _columns(_clean(session, data)).items():
            setattr(record, name, value)
        session.flush()
        return _with_photos(session, db, record, data, stored)


def delete_support(db: Database, record_id: int) -> None:
    """Remove a record entered by mistake; a teacher only their own, as for adding (the audit keeps it)."""
    with db.transaction() as session:
        record = _load(session, record_id)
        require_own(db, [record.teacher_id])
        unlink_record(session, PHOTOS, record.id)
        session.delete(record)


def list_support(db: Database, pupil_id: int) -> list[SupportRow]:
    with db.transaction() as session:
        records = list(session.scalars(
            select(SupportRecord).where(SupportRecord.pupil_id == pupil_id).order_by(SupportRecord.date)))
        photos = photos_of(session, db, PHOTOS, [r.id for r in records])
        return [_row(r, photos.get(r.id, ())) for r in records]


def overdue_support(db: Database, today: date, school_year: int) -> list[OverdueSupport]:
    """Pupils on roll in an open category whose last support record, 送教上门 visit or 家访 (an activity of a
    kind that counts as contact) — or their earliest open category's start, if none since — is older than the
    strictest interval of their categories; longest overdue first."""
    from schooldesk.services.activity_kinds import read_kinds

    with db.transaction() as session:
        intervals = read_support_intervals(session)
        contact_kinds = [kind_id for kind_id, kind in read_kinds(session).items() if kind.counts_as_contact]
        in_care_now = (  # an open category of a pupil on roll
            CareRecord.start_date <= today, (CareRecord.end_date.is_(None)) | (CareRecord.end_date >= today),
            on_roll_on(today),
        )
        in_care = select(CareRecord.pupil_id).join(Pupil, CareRecord.pupil_id == Pupil.id).where(*in_care_now)
        last: dict[int, date] = {}
        for pupil_id, day in session.execute(  # a 送教上门 visit is support too: the teachers were at the child's home
            select(SupportRecord.pupil_id, func.max(SupportRecord.date))
            .where(SupportRecord.date <= today, SupportRecord.pupil_id.in_(in_care)).group_by(SupportRecord.pupil_id)
            .union_all(
                select(HomeTeachingPlan.pupil_id, func.max(HomeTeachingVisit.date))
                .join(HomeTeachingVisit, HomeTeachingVisit.plan_id == HomeTeachingPlan.id)
                .where(HomeTeachingVisit.date <= today).group_by(HomeTeachingPlan.pupil_id),
                select(ActivityPupil.pupil_id, func.max(Activity.date))  # a 家访 is contact too
                .join(Activity, Activity.id == ActivityPupil.activity_id)
                .where(Activity.date <= today, Activity.kind_id.in_(contact_kinds)).group_by(ActivityPupil.pupil_id),
            )
        ).all():  # only the pupils in care now: ten years of former pupils' records are not read
            last[pupil_id] = max(day, last.get(pupil_id, day))
        classes = class_names(session, school_year)
        open_care: dict[int, list[CareRecord]] = {}
        pupils: dict[int, Pupil] = {}
        query = (
            select(CareRecord, Pupil)
            .join(Pupil, CareRecord.pupil_id == Pupil.id)
            .where(*in_care_now)
            .options(selectinload(CareRecord.responsible_teacher))
            .order_by(CareRecord.start_date)
        )
        for care, pupil in session.execute(query):
            open_care.setdefault(pupil.id, []).append(care)
            pupils[pupil.id] = pupil
        result = []
        for pupil_id, records in open_care.items():
            last_record = last.get(pupil_id)
            since = max(d for d in (last_record, records[0].start_date) if d is not None)
            due = since + timedelta(days=min(intervals[r.kind] for r in records))
            if due < today:
                teachers = dict.fromkeys(r.responsible_teacher.name for r in records if r.responsible_teacher)
                result.append(OverdueSupport(
                    pupil_id, pupils[pupil_id].name, classes.get(pupil_id, ""),
                    "、".join(dict.fromkeys(care_kind(r.kind).name_zh for r in records)),
                    "、".join(teachers), last_record, due,
                ))
        return sorted(result, key=lambda o: (o.due, o.pupil_name))
