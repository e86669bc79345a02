"""Teachers' 职务 (校长, 教研组长, 班主任 …) with the dates they hold them: they set observation quotas."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Teacher, TeacherDuty
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.observation import DUTIES, EARLIEST, PLAIN_TEACHER, DutySpell, duties_on
from schooldesk.services.access import require_record_keeper


def read_spells(session: Session, teacher_ids: Sequence[int] | None = None) -> dict[int, list[DutySpell]]:
    """Teacher id → every 职务 they held or hold, oldest first."""
    query = select(TeacherDuty).order_by(TeacherDuty.start_date)
    if teacher_ids is not None:
        query = query.where(TeacherDuty.teacher_id.in_(list(teacher_ids)))
    found: dict[int, list[DutySpell]] = defaultdict(list)
    for row in session.scalars(query):
        found[row.teacher_id].append(DutySpell(duty=row.duty, start=row.start_date, end=row.end_date))
    return found


def duty_spells(db: Database, teacher_id: int) -> list[DutySpell]:
    with db.transaction() as session:
        return read_spells(session, [teacher_id]).get(teacher_id, [])


def duties_now(db: Database, today: date) -> dict[int, tuple[str, ...]]:
    """Teacher id → the 职务 they hold on *today* (教师 when none)."""
    with db.transaction() as session:
        return {t: duties_on(today, spells) for t, spells in read_spells(session).items()}


def set_teacher_duties(db: Database, teacher_id: int, duties: Sequence[str], since: date) -> tuple[str, ...]:
    """From *since* on the teacher holds exactly *duties*: those given up end the day before, new ones
    start that day. A teacher's first 职务 ever recorded count from the start (the school had kept none)."""
    require_record_keeper(db)
    wanted = [d for d in DUTIES if d in set(duties) and d != PLAIN_TEACHER]
    unknown = [d for d in duties if d not in DUTIES]
    if unknown:
        raise ValidationError("duties", QT_TRANSLATE_NOOP("Errors", "“%1” is not one of the choices."), unknown[0])
    with db.transaction() as session:
        if session.get(Teacher, teacher_id) is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The teacher no longer exists."))
        return write_duties(session, teacher_id, wanted, since)


def write_duties(session: Session, teacher_id: int, wanted: Sequence[str], since: date) -> tuple[str, ...]:
    """set_teacher_duties inside the caller's transaction (*wanted*: known duties, 教师 left out)."""
    wanted = list(wanted)
    rows = list(session.scalars(select(TeacherDuty).where(TeacherDuty.teacher_id == teacher_id)))
    first_ever = not rows
    start = EARLIEST if first_ever else since
    for row in rows:
        holds = row.end_date is None or row.end_date >= since
        if not holds:
            continue
        if row.duty in wanted:
            wanted.remove(row.duty)  # still held, from when it began
            row.end_date = None
        elif row.start_date >= since:
            session.delete(row)  # given up before it began: a mistake corrected
        else:
            row.end_date = since - timedelta(days=1)
    for duty in wanted:
        session.add(TeacherDuty(teacher_id=teacher_id, duty=duty, start_date=start))
    session.flush()
    return duties_on(since, read_spells(session, [teacher_id]).get(teacher_id, []))
