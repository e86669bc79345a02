"""师徒结对: pairs per school year (made by the office), guidance records (the pair's own), and the
observations between the two that count for the pair without being entered twice."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import GuidanceRecord, MentorshipPair, Observation, Teacher
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.mentorship import (
    ACTIVE, APPRENTICE_OBSERVES, ENDED, GUIDANCE_KINDS, MENTOR_OBSERVES, PAIRING_TYPES, STATUSES, Evidence,
    school_year_bounds,
)
from schooldesk.domain.pupils import validate_choice, validate_long_text, validate_text
from schooldesk.services.access import require_own, require_record_keeper
from schooldesk.services.rows import TeacherRef
from schooldesk.services.photos import PhotoRef, link_photos, photos_of, remove_files, new_photos, unlink_record, unused_photos

GUIDANCE_PHOTOS = "guidance_record"
MAX_TEXT = 2000


@dataclass(frozen=True, kw_only=True)
class PairInput:
    school_year: int
    mentor_id: int
    apprentice_id: int
    subject: str
    pairing_type: str
    agreement_date: date
    goals: str = ""
    content: str = ""
    measures: str = ""
    status: str = ACTIVE
    status_date: date | None = None
    status_reason: str = ""


@dataclass(frozen=True, kw_only=True)
class PairRow:
    id: int
    school_year: int
    mentor: TeacherRef
    apprentice: TeacherRef
    subject: str
    pairing_type: str
    agreement_date: date
    goals: str
    content: str
    measures: str
    status: str
    status_date: date | None
    status_reason: str
    carried_from_id: int | None = None

    @property
    def period(self) -> tuple[date, date]:
        """When the pair is in force: from the agreement to its end (期满/解除), else the school year's end."""
        end = school_year_bounds(self.school_year)[1]
        if self.status != ACTIVE and self.status_date is not None:
            end = min(end, self.status_date)
        return self.agreement_date, end

    @property
    def names(self) -> str:
        return f"{self.mentor.name}—{self.apprentice.name}"


@dataclass(frozen=True, kw_only=True)
class GuidanceInput:
    date: date
    kind: str
    topic: str
    content: str = ""
    advice: str = ""
    reflection: str = ""
    photo_ids: tuple[int, ...] = ()
    new_photos: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PairActivity:
    """One line of a pair's record in date order: a guidance record, or an observation between the two."""

    date: date
    kind: str
    topic: str
    content: str
    advice: str = ""
    reflection: str = ""
    guidance_id: int | None = None
    observation_id: int | None = None
    photos: tuple[PhotoRef, ...] = ()
    score: str = ""  # an observation's total and grade

    @property
    def is_observation(self) -> bool:
        return self.observation_id is not None


def pair_row(pair: MentorshipPair) -> PairRow:
    return PairRow(
        id=pair.id, school_year=pair.school_year, mentor=TeacherRef(pair.mentor_id, pair.mentor.name),
        apprentice=TeacherRef(pair.apprentice_id, pair.apprentice.name), subject=pair.subject,
        pairing_type=pair.pairing_type, agreement_date=pair.agreement_date, goals=pair.goals, content=pair.content,
        measures=pair.measures, status=pair.status, status_date=pair.status_date, status_reason=pair.status_reason,
        carried_from_id=pair.carried_from_id)


def load_pair(session: Session, pair_id: int) -> MentorshipPair:
    pair = session.get(MentorshipPair, pair_id)
    if pair is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The pair no longer exists."))
    return pair


def list_pairs(db: Database, school_year: int) -> list[PairRow]:
    with db.transaction() as session:
        pairs = session.scalars(select(MentorshipPair).where(MentorshipPair.school_year == school_year)
                                .options(selectinload(MentorshipPair.mentor), selectinload(MentorshipPair.apprentice))
                                .order_by(MentorshipPair.id)).all()
        return [pair_row(p) for p in pairs]


def get_pair(db: Database, pair_id: int) -> PairRow:
    with db.transaction() as session:
        return pair_row(load_pair(session, pair_id))


# ---- the evidence that counts ------------------------------------------------------------------------------

def pair_observations(session: Session, row: PairRow) -> list[Observation]:
    """Observations between the two within the pair's period, oldest first."""
    start, end = row.period
    m, a = row.mentor.id, row.apprentice.id
    return list(session.scalars(select(Observation).where(
        Observation.date >= start, Observation.date <= end,
        or_(and_(Observation.observer_id == a, Observation.taught_teacher_id == m),
            and_(Observation.observer_id == m, Observation.taught_teacher_id == a)),
    ).order_by(Observation.date, Observation.period)))


def pair_evidence(session: Session, pair: MentorshipPair) -> list[Evidence]:
    row = pair_row(pair)
    found = [Evidence(day=r.date, kind=r.kind) for r in pair.records]
    for o in pair_observations(session, row):
        observes = APPRENTICE_OBSERVES if o.observer_id == row.apprentice.id else MENTOR_OBSERVES
        found.append(Evidence(day=o.date, observes=observes, lesson_type=o.lesson_type, observation_kind=o.kind))
    return found


def pair_activities(db: Database, pair_id: int, window: tuple[date, date] | None = None) -> list[PairActivity]:
    """Guidance records and linked observations in date order (within *window* when given)."""
    from schooldesk.services.observations import observation_rows

    with db.transaction() as session:
        pair = load_pair(session, pair_id)
        row = pair_row(pair)
        photos = photos_of(session, db, GUIDANCE_PHOTOS, [r.id for r in pair.records])
        lines = [PairActivity(date=r.date, kind=r.kind, topic=r.topic, content=r.content, advice=r.advice,
                              reflection=r.reflection, guidance_id=r.id, photos=photos.get(r.id, ()))
                 for r in pair.records]
        for o in observation_rows(session, db, pair_observations(session, row)):
            who = "徒弟听师傅课" if o.observer.id == row.apprentice.id else "师傅听评徒弟课"
            lines.append(PairActivity(
                date=o.date, kind=f"{who}（听课记录）", topic=o.topic, content=o.process_record, advice=o.suggestions,
                observation_id=o.id, photos=o.photos, score=f"{o.total:g}分 {o.grade}" if o.scored else ""))
    lines.sort(key=lambda line: (line.date, line.is_observation, line.guidance_id or line.observation_id or 0))
    if window is not None:
        lines = [line for line in lines if window[0] <= line.date <= window[1]]
    return lines


# ---- pairs -------------------------------------------------------------------------------------------------

def _teacher(session: Session, teacher_id: int, field_name: str) -> Teacher:
    teacher = session.get(Teacher, teacher_id) if teacher_id else None
    if teacher is None:
        raise ValidationError(field_name, QT_TRANSLATE_NOOP("Errors", "Choose a teacher from the list."))
    return teacher


def _write_pair(session: Session, pair: MentorshipPair, data: PairInput) -> None:
    mentor = _teacher(session, data.mentor_id, "mentor")
    apprentice = _teacher(session, data.apprentice_id, "apprentice")
    if mentor.id == apprentice.id:
        raise ValidationError("apprentice", QT_TRANSLATE_NOOP("Errors", "The mentor and the apprentice must be two people."))
    twin = session.scalars(select(MentorshipPair).where(
        MentorshipPair.school_year == data.school_year, MentorshipPair.mentor_id == mentor.id,
        MentorshipPair.apprentice_id == apprentice.id, MentorshipPair.id != (pair.id or 0))).first()
    if twin is not None:
        raise ValidationError("apprentice", QT_TRANSLATE_NOOP("Errors", "%1 and %2 are already paired this school year."),
                              mentor.name, apprentice.name)
    first, last = school_year_bounds(data.school_year)
    if not first <= data.agreement_date <= last:
        raise ValidationError("agreement_date", QT_TRANSLATE_NOOP(
            "Errors", "The agreement date must lie within the school year (%1 to %2)."), first.isoformat(), last.isoformat())
    status = validate_choice(data.status, STATUSES, "status", required=True)
    if status != ACTIVE:
        if data.status_date is None or data.status_date < data.agreement_date:
            raise ValidationError("status_date", QT_TRANSLATE_NOOP(
                "Errors", "Give the date the pairing ended (on or after the agreement date)."))
        if status == ENDED and not data.status_reason.strip():
            raise ValidationError("status_reason", QT_TRANSLATE_NOOP("Errors", "Say why the pairing was ended."))
    outside = [r.date for r in pair.records if not data.agreement_date <= r.date <= (
        data.status_date if status != ACTIVE and data.status_date else last)]
    if outside:
        raise ValidationError("agreement_date", QT_TRANSLATE_NOOP("Errors", "A record on %1 would fall outside the pairing."),
                              outside[0].isoformat())
    subject = validate_text(data.subject, "subject", 20)
    if not subject:
        raise ValidationError("subject", QT_TRANSLATE_NOOP("Errors", "Give the subject."))
    pair.school_year, pair.mentor_id, pair.apprentice_id, pair.subject = data.school_year, mentor.id, apprentice.id, subject
    pair.pairing_type = validate_choice(data.pairing_type, PAIRING_TYPES, "pairing_type", required=True)
    pair.goals = validate_long_text(data.goals, "goals", MAX_TEXT)
    pair.content = validate_long_text(data.content, "content", MAX_TEXT)
    pair.measures = validate_long_text(data.measures, "measures", MAX_TEXT)
    pair.agreement_date, pair.status = data.agreement_date, status
    pair.status_date = data.status_date if status != ACTIVE else None
    pair.status_reason = validate_text(data.status_reason, "status_reason", 200) if status != ACTIVE else ""


def add_pair(db: Database, data: PairInput) -> PairRow:
    require_record_keeper(db)
    with db.transaction() as session:
        pair = MentorshipPair(records=[])
        _write_pair(session, pair, data)
        session.add(pair)
        session.flush()
        return pair_row(load_pair(session, pair.id))


def update_pair(db: Database, pair_id: int, data: PairInput) -> PairRow:
    require_record_keeper(db)
    with db.transaction() as session:
        pair = load_pair(session, pair_id)
        _write_pair(session, pair, data)
        session.flush()
        session.expire(pair)
        return pair_row(load_pair(session, pair_id))


def delete_pair(db: Database, pair_id: int) -> None:
    """Remove a pair made by mistake; one with records is kept (end it with 解除 instead)."""
    require_record_keeper(db)
    with db.transaction() as session:
        pair = load_pair(session, pair_id)
        if pair.records:
            raise ValidationError("pair", QT_TRANSLATE_NOOP(
                "Errors", "This pair has %1 guidance records; end the pairing (解除) rather than delete it."), len(pair.records))
        session.delete(pair)


def carry_into_next_year(db: Database, pair_id: int) -> PairRow:
    """The same pair for the next school year, from its first day (this year's pair is marked 期满 then)."""
    require_record_keeper(db)
    with db.transaction() as session:
        old = load_pair(session, pair_id)
        year = old.school_year + 1
        first = school_year_bounds(year)[0]
        data = PairInput(school_year=year, mentor_id=old.mentor_id, apprentice_id=old.apprentice_id, subject=old.subject,
                         pairing_type=old.pairing_type, agreement_date=first, goals=old.goals, content=old.content,
                         measures=old.measures)
        new = MentorshipPair(records=[], carried_from_id=old.id)
        _write_pair(session, new, data)
        session.add(new)
        if old.status == ACTIVE:
            old.status, old.status_date = "期满", school_year_bounds(old.school_year)[1]
        session.flush()
        return pair_row(load_pair(session, new.id))


# ---- guidance records ----------------------------------------------------------------------------------------

def _write_record(session: Session, record: GuidanceRecord, pair: MentorshipPair, data: GuidanceInput,
                  stored: Sequence, today: date) -> None:  # type: ignore[type-arg]
    start, end = pair_row(pair).period
    if data.date > today:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date is in the future."))
    if not start <= data.date <= end:
        raise ValidationError("date", QT_TRANSLATE_NOOP("Errors", "The date must lie within the pairing (%1 to %2)."),
                              start.isoformat(), end.isoformat())
    record.date = data.date
    record.kind = validate_choice(data.kind, GUIDANCE_KINDS, "kind", required=True)
    record.topic = validate_text(data.topic, "topic", 100)
    if not record.topic:
        raise ValidationError("topic", QT_TRANSLATE_NOOP("Errors", "Give the lesson's title or the topic."))
    record.content = validate_long_text(data.content, "content", MAX_TEXT)
    record.advice = validate_long_text(data.advice, "advice", MAX_TEXT)
    record.reflection = validate_long_text(data.reflection, "reflection", MAX_TEXT)
    session.add(record)
    session.flush()
    link_photos(session, GUIDANCE_PHOTOS, record.id, data.photo_ids, stored)


def _members(pair: MentorshipPair) -> list[int]:
    return [pair.mentor_id, pair.apprentice_id]


def add_guidance(db: Database, pair_id: int, data: GuidanceInput, *, today: date | None = None) -> int:
    """The mentor or the apprentice records what they did; the office any pair's. Returns the record's id."""
    with db.transaction() as session:
        require_own(db, _members(load_pair(session, pair_id)))
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        pair = load_pair(session, pair_id)
        record = GuidanceRecord(pair_id=pair.id)
        _write_record(session, record, pair, data, stored, today or date.today())
        pair.records.append(record)
        return record.id


def _load_record(session: Session, record_id: int) -> GuidanceRecord:
    record = session.get(GuidanceRecord, record_id)
    if record is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))
    return record


def update_guidance(db: Database, record_id: int, data: GuidanceInput, *, today: date | None = None) -> int:
    with db.transaction() as session:
        require_own(db, _members(_load_record(session, record_id).pair))
    with new_photos(db, data.new_photos) as stored, db.transaction() as session:
        record = _load_record(session, record_id)
        _write_record(session, record, record.pair, data, stored, today or date.today())
        gone = unused_photos(session)
    remove_files(db, gone)
    return record_id


def delete_guidance(db: Database, record_id: int) -> None:
    with db.transaction() as session:
        record = _load_record(session, record_id)
        require_own(db, _members(record.pair))
        unlink_record(session, GUIDANCE_PHOTOS, record.id)
        session.delete(record)
        gone = unused_photos(session)
    remove_files(db, gone)
