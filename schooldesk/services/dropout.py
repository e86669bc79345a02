"""Dropout cases (辍学/失学) and persuade-to-return visits (劝返记录); closed cases stay on file."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import DropoutCase, ReturnVisit
from schooldesk.domain.care import CONFIRMED_DROPOUT, DROPOUT_STAGES, DROPOUT_OUTCOMES, DROPOUT_REASONS, RETURNED_TO_SCHOOL, TRANSFERRED, VISIT_RESULTS
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.pupils import DROPPED_OUT, HOME_TAUGHT, IN_SCHOOL, validate_choice, validate_text
from schooldesk.services.pupils import load_pupil, set_status
from schooldesk.services.access import require_record_keeper
from schooldesk.services.photos import PhotoRef, link_photos, new_photos, photos_of, unlink_record

MAX_TEXT = 2000
VISIT_PHOTOS = "return_visit"  # the photo service's record kind of a 劝返 visit not recorded as a 家访


@dataclass(frozen=True)
class CaseInput:
    started_on: date
    reason: str
    reason_note: str = ""
    stage: str = CONFIRMED_DROPOUT  # 疑似辍学: absent past the school's limit, not yet confirmed


@dataclass(frozen=True)
class VisitInput:
    date: date
    visitors: str
    met_with: str = ""
    conversation: str = ""
    result: str = ""
    photo_ids: tuple[int, ...] = ()  # kept photos (a visit recorded as a 家访 keeps them on the activity)
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True)
class VisitRow:
    id: int
    date: date
    visitors: str
    met_with: str
    conversation: str
    result: str
    activity_id: int | None = None  # recorded as a 家访 on the 活动记录 page, which keeps it in step
    photos: tuple[PhotoRef, ...] = ()


@dataclass(frozen=True)
class CaseRow:
    id: int
    pupil_id: int
    started_on: date
    stage: str
    reason: str
    reason_note: str
    closed_on: date | None
    outcome: str
    outcome_note: str
    visits: tuple[VisitRow, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def _shown(session: Session, db: Database, case: DropoutCase) -> CaseRow:
    """The case with each visit's photos (one query)."""
    return _row(case, photos_of(session, db, VISIT_PHOTOS, [v.id for v in case.visits]))


def _row(case: DropoutCase, photos: dict[int, tuple[PhotoRef, ...]] | None = None) -> CaseRow:
    return CaseRow(
        id=case.id, pupil_id=case.pupil_id, started_on=case.started_on, stage=case.stage, reason=case.reason,
        reason_note=case.reason_note, closed_on=case.closed_on, outcome=case.outcome,
        outcome_note=case.outcome_note,
        visits=tuple(VisitRow(v.id, v.date, v.visitors, v.met_with, v.conversation, v.result, v.activity_id,
                              (photos or {}).get(v.id, ())) for v in case.visits),
    )


def _get(session: Session, case_id: int) -> DropoutCase:
    case = session.scalar(select(DropoutCase).where(DropoutCase.id == case_id).options(selectinload(DropoutCase.visits)))
    if case is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return case


def _not_future(day: date, field: str) -> None:
    if day > date.today():
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "The date is in the future."))


def open_case(db: Database, pupil_id: int, data: CaseInput) -> CaseRow:
    """Open a case and mark the pupil 辍学 (the register must show where every child is); a suspected
    case (疑似辍学) leaves the status until :func:`confirm_dropout`."""
    require_record_keeper(db)
    _not_future(data.started_on, "started_on")
    reason = validate_choice(data.reason, DROPOUT_REASONS, "reason", required=True)
    with db.transaction() as session:
        pupil = load_pupil(session, pupil_id)
        already = session.scalar(
            select(DropoutCase.id).where(DropoutCase.pupil_id == pupil_id, DropoutCase.closed_on.is_(None))
        )
        if already is not None:
            raise ValidationError(
                "started_on", QT_TRANSLATE_NOOP("Errors", "This pupil already has an open case; add a visit to it.")
            )
        case = DropoutCase(pupil_id=pupil_id, started_on=data.started_on, reason=reason,
                           stage=validate_choice(data.stage, DROPOUT_STAGES, "stage", required=True),
                           reason_note=validate_text(data.reason_note, "reason_note", MAX_TEXT))
        session.add(case)
        if case.stage == CONFIRMED_DROPOUT:  # a suspected dropout is still on the register as before
            set_status(pupil, DROPPED_OUT, data.started_on)
        session.flush()
        return _shown(session, db, case)


def confirm_dropout(db: Database, case_id: int) -> CaseRow:
    """A suspected dropout (疑似辍学) turns out to be one: the case goes on as a confirmed 辍学."""
    require_record_keeper(db)
    with db.transaction() as session:
        case = _get(session, case_id)
        case.stage = CONFIRMED_DROPOUT
        pupil = load_pupil(session, case.pupil_id)
        set_status(pupil, DROPPED_OUT, case.started_on)
        session.flush()
        return _shown(session, db, case)


def write_visit(visit: ReturnVisit, case: DropoutCase, data: VisitInput) -> None:
    """A 劝返 visit checked and written (also for one recorded as a 家访, kept in step with it)."""
    _not_future(data.date, "date")
    visitors = validate_text(data.visitors, "visitors")
    if not visitors:
        raise ValidationError("visitors", QT_TRANSLATE_NOOP("Errors", "Say who went."))
    if data.date < case.started_on:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The visit is before the case started."))
    visit.date, visit.visitors = data.date, visitors
    visit.met_with = validate_text(data.met_with, "met_with", 100)
    visit.conversation = validate_text(data.conversation, "conversation", MAX_TEXT)
    visit.result = validate_choice(data.result, VISIT_RESULTS, "result")


def _visit_and_case(session: Session, visit_id: int) -> tuple[ReturnVisit, DropoutCase]:
    visit = session.get(ReturnVisit, visit_id)
    if visit is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    if visit.activity_id is not None:  # one fact, one place to change it
        raise ValidationError("visit", QT_TRANSLATE_NOOP(
            "Errors", "This visit was recorded as a home visit (家访); correct or delete it on the activity records page."))
    return visit, _get(session, visit.case_id)


def add_visit(db: Database, case_id: int, data: VisitInput) -> CaseRow:
    require_record_keeper(db)
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        case = _get(session, case_id)
        visit = ReturnVisit()
        write_visit(visit, case, data)
        case.visits.append(visit)
        session.flush()
        link_photos(session, VISIT_PHOTOS, visit.id, data.photo_ids, stored)
        case.visits.sort(key=lambda v: v.date)
        return _shown(session, db, case)


def update_visit(db: Database, visit_id: int, data: VisitInput) -> CaseRow:
    """Correct a 劝返 visit (same roles as adding one; audited field by field)."""
    require_record_keeper(db)
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        visit, case = _visit_and_case(session, visit_id)
        write_visit(visit, case, data)
        session.flush()
        if visit.activity_id is None:  # one recorded as a 家访 keeps its photos on the activity
            link_photos(session, VISIT_PHOTOS, visit.id, data.photo_ids, stored)
        case.visits.sort(key=lambda v: v.date)
        return _shown(session, db, case)


def delete_visit(db: Database, visit_id: int) -> CaseRow:
    require_record_keeper(db)
    with db.transaction() as session:
        visit, case = _visit_and_case(session, visit_id)
        unlink_record(session, VISIT_PHOTOS, visit.id)
        case.visits.remove(visit)
        session.delete(visit)
        session.flush()
        return _shown(session, db, case)


def close_case(db: Database, case_id: int, closed_on: date, outcome: str, note: str = "") -> CaseRow:
    """Close with an outcome; 返校 puts the pupil back 在读, 转学 (which needs the destination
    school) marks them 转出, 送教上门 marks them taught at home; 其他 leaves the status to the clerk."""
    require_record_keeper(db)
    _not_future(closed_on, "closed_on")
    outcome = validate_choice(outcome, DROPOUT_OUTCOMES, "outcome", required=True)
    note = validate_text(note, "outcome_note", MAX_TEXT)
    if outcome == TRANSFERRED and not note:
        raise ValidationError("outcome_note", QT_TRANSLATE_NOOP("Errors", "Enter the school the pupil moved to."))
    with db.transaction() as session:
        case = _get(session, case_id)
        if case.closed_on is not None:
            raise ValidationError("closed_on", QT_TRANSLATE_NOOP("Errors", "The case is already closed."))
        if closed_on < case.started_on:
            raise ValidationError("closed_on", QT_TRANSLATE_NOOP("Errors", "The case cannot close before it started."))
        case.closed_on, case.outcome, case.outcome_note = closed_on, outcome, note
        pupil = load_pupil(session, case.pupil_id)
        status = {RETURNED_TO_SCHOOL: IN_SCHOOL, TRANSFERRED: "转出", HOME_TAUGHT: HOME_TAUGHT}.get(outcome)
        if status is not None:
            set_status(pupil, status, closed_on)
        session.flush()
        return _shown(session, db, case)


def list_cases(db: Database, pupil_id: int) -> list[CaseRow]:
    with db.transaction() as session:
        return [_shown(session, db, c) for c in session.scalars(
            select(DropoutCase).where(DropoutCase.pupil_id == pupil_id)
            .options(selectinload(DropoutCase.visits)).order_by(DropoutCase.started_on)
        )]
