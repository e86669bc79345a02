"""The teacher's own records (教师专业成长档案): training, 师德, honours and competitions, exchanges — add,
correct, delete and list, with photos of certificates.

Who may: a teacher writes and reads their own training, honours and exchanges; the office any teacher's.
师德 is written by the office and read only by the principal and the office (domain/teacher_growth.py).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Teacher, TeacherEthics, TeacherExchange, TeacherHonour, TeacherTraining
from schooldesk.domain.access import AccessDenied, NOT_YOURS
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import duties_on
from schooldesk.domain.pupils import validate_long_text, validate_text
from schooldesk.domain.teacher_growth import (
    ETHICS_GRADES, ETHICS_KINDS, EXCHANGE_KINDS, HONOUR_LEVELS, LEADING_DUTIES, TRAINING_LEVELS, check_hours, check_span,
    choose, sees_ethics,
)
from schooldesk.services.access import current_actor, require_own, require_record_keeper
from schooldesk.services.photos import PhotoRef, link_photos, new_photos, photos_of, remove_files, unlink_record, unused_photos
from schooldesk.services.teacher_duties import read_spells

MAX_TEXT = 2000


@dataclass(frozen=True, kw_only=True)
class TrainingInput:
    teacher_id: int
    programme: str
    level: str
    start_date: date
    end_date: date
    hours: float
    organiser: str = ""
    certificate: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EthicsInput:
    teacher_id: int
    kind: str
    date: date
    grade: str = ""
    content: str = ""
    handling: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class HonourInput:
    teacher_id: int
    title: str
    level: str
    date: date
    award: str = ""
    issuer: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ExchangeInput:
    teacher_id: int
    kind: str
    place: str
    start_date: date
    end_date: date | None = None
    note: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


RecordInput = Union[TrainingInput, EthicsInput, HonourInput, ExchangeInput]


@dataclass(frozen=True, kw_only=True)
class TeacherRecord:
    """One record of any of the four kinds as the lists and the file show it: *data* is what the form
    edits (so a dialog opens on it), *photos* the certificates kept with it."""

    id: int
    family: str  # the table: teacher_training, teacher_ethics, teacher_honour, teacher_exchange
    data: Any
    photos: tuple[PhotoRef, ...] = ()

    def __getattr__(self, name: str) -> Any:  # row.hours, row.title … read through to the data
        if name.startswith("__") or name == "data":  # (no data yet while unpickling)
            raise AttributeError(name)
        return getattr(self.data, name)


@dataclass(frozen=True, kw_only=True)
class TeacherRecords:
    """Everything of one teacher's own records; *ethics* is None for whoever may not read 师德."""

    teacher_id: int
    training: tuple[TeacherRecord, ...] = ()
    honours: tuple[TeacherRecord, ...] = ()
    exchanges: tuple[TeacherRecord, ...] = ()
    ethics: tuple[TeacherRecord, ...] | None = None

    @property
    def training_hours(self) -> float:
        return sum(r.data.hours for r in self.training)


def _training(row: TeacherTraining, data: TrainingInput, today: date) -> None:
    check_span(data.start_date, data.end_date, today)
    programme = validate_text(data.programme, "programme", 100)
    if not programme:
        raise ValidationError("programme", QT_TRANSLATE_NOOP("Errors", "Name the training programme."))
    row.programme, row.level = programme, choose(data.level, TRAINING_LEVELS, "level")
    row.start_date, row.end_date, row.hours = data.start_date, data.end_date, check_hours(data.hours)
    row.organiser = validate_text(data.organiser, "organiser", 100)
    row.certificate = validate_text(data.certificate, "certificate", 60)


def _ethics(row: TeacherEthics, data: EthicsInput, today: date) -> None:
    check_span(data.date, None, today)
    row.kind, row.date = choose(data.kind, ETHICS_KINDS, "kind"), data.date
    row.grade = choose(data.grade, ETHICS_GRADES, "grade") if row.kind == "年度考核" else ""
    row.content = validate_long_text(data.content, "content", MAX_TEXT)
    row.handling = validate_long_text(data.handling, "handling", MAX_TEXT) if row.kind == "违规" else ""
    if row.kind == "违规" and not row.content:
        raise ValidationError("content", QT_TRANSLATE_NOOP("Errors", "Say what happened."))


def _honour(row: TeacherHonour, data: HonourInput, today: date) -> None:
    check_span(data.date, None, today)
    title = validate_text(data.title, "title", 100)
    if not title:
        raise ValidationError("title", QT_TRANSLATE_NOOP("Errors", "Name the honour or the competition."))
    row.title, row.level, row.date = title, choose(data.level, HONOUR_LEVELS, "level"), data.date
    row.award, row.issuer = validate_text(data.award, "award", 20), validate_text(data.issuer, "issuer", 100)


def _exchange(row: TeacherExchange, data: ExchangeInput, today: date) -> None:
    check_span(data.start_date, data.end_date, today)
    place = validate_text(data.place, "place", 100)
    if not place:
        raise ValidationError("place", QT_TRANSLATE_NOOP("Errors", "Say where the teacher went."))
    row.kind, row.place = choose(data.kind, EXCHANGE_KINDS, "kind"), place
    row.start_date, row.end_date, row.note = data.start_date, data.end_date, validate_long_text(data.note, "note", MAX_TEXT)


@dataclass(frozen=True)
class _Family:
    model: type
    input: type
    write: Callable[[Any, Any, date], None]
    order: Any
    office_only: bool = False


FAMILIES: dict[str, _Family] = {
    "teacher_training": _Family(TeacherTraining, TrainingInput, _training, TeacherTraining.start_date),
    "teacher_ethics": _Family(TeacherEthics, EthicsInput, _ethics, TeacherEthics.date, office_only=True),
    "teacher_honour": _Family(TeacherHonour, HonourInput, _honour, TeacherHonour.date),
    "teacher_exchange": _Family(TeacherExchange, ExchangeInput, _exchange, TeacherExchange.start_date),
}
_BY_INPUT = {family.input: kind for kind, family in FAMILIES.items()}


def _as_input(kind: str, row: Any) -> Any:
    family = FAMILIES[kind]
    names = {f.name for f in fields(family.input)} - {"photo_ids", "new_photos"}
    return family.input(**{name: getattr(row, name) for name in names})


def _records(session: Session, db: Database, kind: str, rows: Sequence[Any]) -> tuple[TeacherRecord, ...]:
    photos = photos_of(session, db, kind, [r.id for r in rows])
    return tuple(TeacherRecord(id=r.id, family=kind, data=_as_input(kind, r), photos=photos.get(r.id, ())) for r in rows)


def leads_school(session: Session, teacher_id: int | None, today: date) -> bool:
    """The teacher holds 校长 or 副校长 on *today*."""
    if teacher_id is None:
        return False
    return any(d in LEADING_DUTIES for d in duties_on(today, read_spells(session, [teacher_id]).get(teacher_id, [])))


def may_read_ethics(db: Database, today: date | None = None) -> bool:
    actor = current_actor(db)
    with db.transaction() as session:
        duties = LEADING_DUTIES if leads_school(session, actor.teacher_id, today or date.today()) else ()
    return sees_ethics(actor, duties)


def require_file_reader(db: Database, teacher_id: int, today: date | None = None) -> None:
    """A teacher reads only their own file; the office and the principal (校长, 副校长) any."""
    actor = current_actor(db)
    if actor.keeps_records or actor.teacher_id == teacher_id:
        return
    with db.transaction() as session:
        if leads_school(session, actor.teacher_id, today or date.today()):
            return
    raise AccessDenied(NOT_YOURS)


def teacher_records(db: Database, teacher_id: int, *, today: date | None = None) -> TeacherRecords:
    require_file_reader(db, teacher_id, today)
    ethics = may_read_ethics(db, today)
    found: dict[str, tuple[TeacherRecord, ...]] = {}
    with db.transaction() as session:
        for kind, family in FAMILIES.items():
            if family.office_only and not ethics:
                continue
            rows = session.scalars(select(family.model).where(family.model.teacher_id == teacher_id)
                                   .order_by(family.order, family.model.id)).all()
            found[kind] = _records(session, db, kind, rows)
    return TeacherRecords(teacher_id=teacher_id, training=found["teacher_training"], honours=found["teacher_honour"],
                          exchanges=found["teacher_exchange"], ethics=found.get("teacher_ethics"))


def records_of_teachers(session: Session, teacher_ids: Sequence[int], *, ethics: bool) -> dict[int, TeacherRecords]:
    """Every teacher's own records in one read per kind, without their photos (the all-teachers sheet counts
    them; the caller has checked who may read)."""
    found: dict[str, dict[int, list[TeacherRecord]]] = {kind: {} for kind in FAMILIES}
    for kind, family in FAMILIES.items():
        if family.office_only and not ethics:
            continue
        for row in session.scalars(select(family.model).where(family.model.teacher_id.in_(list(teacher_ids)))
                                   .order_by(family.order, family.model.id)):
            found[kind].setdefault(row.teacher_id, []).append(TeacherRecord(id=row.id, family=kind,
                                                                            data=_as_input(kind, row)))
    return {t: TeacherRecords(teacher_id=t, training=tuple(found["teacher_training"].get(t, ())),
                              honours=tuple(found["teacher_honour"].get(t, ())),
                              exchanges=tuple(found["teacher_exchange"].get(t, ())),
                              ethics=tuple(found["teacher_ethics"].get(t, ())) if ethics else None)
            for t in teacher_ids}


def _check_writer(db: Database, kind: str, teacher_ids: Sequence[int]) -> None:
    if FAMILIES[kind].office_only:
        require_record_keeper(db)
    require_own(db, teacher_ids)


def _load(session: Session, kind: str, record_id: int) -> Any:
    row = session.get(FAMILIES[kind].model, record_id)
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return row


def _school_teacher(session: Session, teacher_id: int) -> None:
    teacher = session.get(Teacher, teacher_id)
    if teacher is None or teacher.outside:
        raise ValidationError("teacher", QT_TRANSLATE_NOOP("Errors", "Choose one of the school's teachers."))


def add_teacher_record(db: Database, data: RecordInput, *, today: date | None = None) -> TeacherRecord:
    kind = _BY_INPUT[type(data)]
    _check_writer(db, kind, [data.teacher_id])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        _school_teacher(session, data.teacher_id)
        row = FAMILIES[kind].model(teacher_id=data.teacher_id)
        FAMILIES[kind].write(row, data, today or date.today())
        session.add(row)
        session.flush()
        link_photos(session, kind, row.id, data.photo_ids, stored)
        return _records(session, db, kind, [row])[0]


def update_teacher_record(db: Database, record_id: int, data: RecordInput, *, today: date | None = None) -> TeacherRecord:
    kind = _BY_INPUT[type(data)]
    with db.transaction() as session:
        _check_writer(db, kind, [_load(session, kind, record_id).teacher_id, data.teacher_id])
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        _school_teacher(session, data.teacher_id)
        row = _load(session, kind, record_id)
        row.teacher_id = data.teacher_id
        FAMILIES[kind].write(row, data, today or date.today())
        link_photos(session, kind, row.id, data.photo_ids, stored)
        gone = unused_photos(session)
        session.flush()
        record = _records(session, db, kind, [row])[0]
    remove_files(db, gone)
    return record


def delete_teacher_record(db: Database, kind: str, record_id: int) -> None:
    with db.transaction() as session:
        row = _load(session, kind, record_id)
        _check_writer(db, kind, [row.teacher_id])
        unlink_record(session, kind, record_id)
        session.delete(row)
        gone = unused_photos(session)
    remove_files(db, gone)


def blank_input(kind: str, teacher_id: int, today: date) -> Any:
    """What a new record's form starts with."""
    return {
        "teacher_training": lambda: TrainingInput(teacher_id=teacher_id, programme="", level="校本", start_date=today,
                                                  end_date=today, hours=2.0),
        "teacher_ethics": lambda: EthicsInput(teacher_id=teacher_id, kind="年度考核", date=today, grade="合格"),
        "teacher_honour": lambda: HonourInput(teacher_id=teacher_id, title="", level="县级", date=today),
        "teacher_exchange": lambda: ExchangeInput(teacher_id=teacher_id, kind="支教", place="", start_date=today),
    }[kind]()

