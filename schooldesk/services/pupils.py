"""The pupil register: add, edit, list for a school year (with class and care categories)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import ColumnElement, ScalarSelect, func, select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Enrolment, Guardian, Pupil, PupilStatus, SchoolClass
from schooldesk.domain.care import care_kind
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.id_number import birth_date_of, gender_of, normalise, validate_id_number
from schooldesk.domain.people import validate_gender, validate_person_name, validate_phone
from schooldesk.domain.pinyin_search import search_keys
from schooldesk.domain.sorting import name_key
from schooldesk.domain.pupils import (
    ARRIVED, BOARDING, ETHNICITIES, ID_CARD, ID_TYPES, IN_SCHOOL, ON_ROLL, RELATIONS, STATUSES, WAYS_TO_SCHOOL,
    status_on, validate_choice, validate_student_number, validate_text,
)
from schooldesk.services.access import masking, require_record_keeper, sees_full_id_numbers


@dataclass(frozen=True)
class GuardianInput:
    name: str = ""
    relation: str = ""
    phone: str = ""
    workplace: str = ""


@dataclass(frozen=True)
class PupilInput:
    """What the pupil form (and a row of an import) edits. *class_id* is the class in *school_year*."""

    name: str
    gender: str
    birth_date: date | None = None
    ethnicity: str = "汉族"
    id_type: str = ID_CARD
    id_number: str = ""
    student_number: str = ""
    status: str = IN_SCHOOL
    status_date: date | None = None
    household_registration: str = ""
    address: str = ""
    boarding: str = ""
    distance_km: float | None = None
    way_to_school: str = ""
    school_year: int | None = None
    class_id: int | None = None
    guardians: tuple[GuardianInput, ...] = field(default=(GuardianInput(), GuardianInput()))


@dataclass(frozen=True)
class PupilRow:
    """A line of the pupil list. ID numbers are masked; the full one is only in ``PupilInput``."""

    id: int
    name: str
    name_keys: str
    gender: str
    birth_date: date | None
    id_number_masked: str
    student_number_masked: str
    status: str
    class_id: int | None
    class_name: str
    grade: int | None
    care_kinds: tuple[str, ...]  # codes of the categories open today
    coming_status: str = ""  # a change dated later: 毕业（2026-07-10起）
    numbers: str = ""  # full ID and student numbers, for the find box only; never shown

    @property
    def care_names(self) -> str:
        return "、".join(care_kind(code).name_zh for code in self.care_kinds)

    @property
    def active(self) -> bool:
        """Still on the school's roll (the list hides pupils who left unless asked)."""
        return self.status in ON_ROLL


def clean_pupil(data: PupilInput) -> PupilInput:
    """Check every field; the ID number must agree with the birth date and gender (GB 11643)."""
    name = validate_person_name(data.name)
    id_type = validate_choice(data.id_type, ID_TYPES, "id_type") or ID_CARD
    gender = data.gender.strip()
    id_number = "".join(data.id_number.split())
    birth_date = data.birth_date
    if id_number and id_type == ID_CARD:
        id_number = validate_id_number(id_number, birth_date=birth_date, gender=gender or None)
        birth_date = birth_date or birth_date_of(id_number)
        gender = gender or gender_of(id_number)
    elif len(id_number) > 18:
        raise ValidationError("id_number", QT_TRANSLATE_NOOP("Errors", "At most %1 characters."), 18)
    gender = validate_gender(gender)
    if birth_date is not None and not date(1990, 1, 1) <= birth_date <= date.today():
        raise ValidationError("birth_date", QT_TRANSLATE_NOOP("Errors", "The birth date is not plausible for a pupil."))
    if data.distance_km is not None and not 0 <= data.distance_km <= 200:
        raise ValidationError("distance_km", QT_TRANSLATE_NOOP("Errors", "The distance must be 0 to 200 km."))
    guardians = tuple(
        GuardianInput(
            name=validate_person_name(g.name, f"guardian{slot}_name") if g.name.strip() else "",
            relation=validate_choice(g.relation, RELATIONS, f"guardian{slot}_relation"),
            phone=validate_phone(g.phone, f"guardian{slot}_phone"),
            workplace=validate_text(g.workplace, f"guardian{slot}_workplace"),
        )
        for slot, g in enumerate(data.guardians, start=1)
    )
    return replace(
        data,
        name=name, gender=gender, birth_date=birth_date, id_type=id_type, id_number=id_number,
        student_number=validate_student_number(data.student_number, id_number if id_type == ID_CARD else ""),
        ethnicity=validate_choice(data.ethnicity, ETHNICITIES, "ethnicity"),
        status=validate_choice(data.status, STATUSES, "status", required=True),
        household_registration=validate_text(data.household_registration, "household_registration"),
        address=validate_text(data.address, "address"),
        boarding=validate_choice(data.boarding, BOARDING, "boarding"),
        way_to_school=validate_choice(data.way_to_school, WAYS_TO_SCHOOL, "way_to_school"),
        guardians=guardians,
    )


def check_unique(session: Session, data: PupilInput, pupil_id: int | None) -> None:
    for column, value, fieldname, message in (
        (Pupil.id_number, data.id_number, "id_number",
         QT_TRANSLATE_NOOP("Errors", "Another pupil (%1) already has this ID number.")),
        (Pupil.student_number, data.student_number, "student_number",
         QT_TRANSLATE_NOOP("Errors", "Another pupil (%1) already has this student number.")),
    ):
        if not value:
            continue
        other = session.scalar(select(Pupil).where(column == value, Pupil.id != (pupil_id or 0)))
        if other is not None:
            raise ValidationError(fieldname, message, other.name)


def write_pupil(session: Session, pupil: Pupil, data: PupilInput) -> None:
    """Copy cleaned *data* onto *pupil* (new or existing), its guardians and its class for the year."""
    if not pupil.statuses or (pupil.status, pupil.status_date) != (data.status, data.status_date):
        # a change with no date of its own is dated the day it is recorded (history before it stays)
        set_status(pupil, data.status, data.status_date or (date.today() if pupil.statuses else None))
    for name in ("name", "gender", "birth_date", "ethnicity", "id_type", "status", "status_date",
                 "household_registration", "address", "boarding", "distance_km", "way_to_school"):
        setattr(pupil, name, getattr(data, name))
    pupil.id_number = data.id_number or None
    pupil.student_number = data.student_number or None
    pupil.name_keys = search_keys(data.name)
    by_slot = {g.slot: g for g in pupil.guardians}
    for slot, g in enumerate(data.guardians, start=1):
        row = by_slot.get(slot)
        if not any(vars(g).values()):
            if row is not None:
                pupil.guardians.remove(row)
            continue
        if row is None:
            row = Guardian(slot=slot)
            pupil.guardians.append(row)
        row.name, row.relation, row.phone, row.workplace = g.name, g.relation, g.phone, g.workplace
    if data.school_year is not None:
        set_class(session, pupil, data.school_year, data.class_id)


def set_class(session: Session, pupil: Pupil, school_year: int, class_id: int | None) -> None:
    current = next((e for e in pupil.enrolments if e.school_year == school_year), None)
    if class_id is None:
        if current is not None:
            pupil.enrolments.remove(current)
        return
    school_class = session.get(SchoolClass, class_id)
    if school_class is None or school_class.school_year != school_year:
        raise ValidationError("class_id", QT_TRANSLATE_NOOP("Errors", "Choose a class of this school year."))
    if current is None:
        pupil.enrolments.append(Enrolment(school_year=school_year, class_id=class_id))
    else:
        current.class_id = class_id


def add_pupil(db: Database, data: PupilInput) -> int:
    require_record_keeper(db)
    data = clean_pupil(data)
    with db.transaction() as session:
        check_unique(session, data, None)
        pupil = Pupil()
        session.add(pupil)
        write_pupil(session, pupil, data)
        session.flush()
        return pupil.id


def update_pupil(db: Database, pupil_id: int, data: PupilInput) -> int:
    require_record_keeper(db)
    data = clean_pupil(data)
    with db.transaction() as session:
        pupil = load_pupil(session, pupil_id)
        check_unique(session, data, pupil_id)
        write_pupil(session, pupil, data)
        return pupil.id


def pupil_input(pupil: Pupil, school_year: int | None) -> PupilInput:
    """A stored pupil as the form edits it (the full ID number: only for editing screens)."""
    by_slot = {g.slot: g for g in pupil.guardians}
    guardians = tuple(
        GuardianInput(g.name, g.relation, g.phone, g.workplace) if (g := by_slot.get(slot)) else GuardianInput()
        for slot in (1, 2)
    )
    enrolment = next((e for e in pupil.enrolments if e.school_year == school_year), None)
    return PupilInput(
        name=pupil.name, gender=pupil.gender, birth_date=pupil.birth_date, ethnicity=pupil.ethnicity,
        id_type=pupil.id_type, id_number=pupil.id_number or "", student_number=pupil.student_number or "",
        status=pupil.status, status_date=pupil.status_date, household_registration=pupil.household_registration,
        address=pupil.address, boarding=pupil.boarding, distance_km=pupil.distance_km,
        way_to_school=pupil.way_to_school, school_year=school_year,
        class_id=enrolment.class_id if enrolment else None, guardians=guardians,
    )


def get_pupil(db: Database, pupil_id: int, school_year: int | None) -> PupilInput:
    """What the edit form shows, full ID number included: for office staff and administrators only."""
    require_record_keeper(db)
    with db.transaction() as session:
        return pupil_input(load_pupil(session, pupil_id), school_year)


def list_pupils(db: Database, school_year: int, today: date | None = None) -> list[PupilRow]:
    """Every pupil, with their class in *school_year* and the categories open on *today*.

    Three queries whatever the number of pupils, so 3,000 rows list in a blink.
    """
    today = today or date.today()
    full_numbers = sees_full_id_numbers(db)  # a teacher cannot find a pupil by a number they may not see
    mask_id, mask_number = masking(db)
    with db.transaction() as session:
        classes = {
            pupil_id: school_class
            for pupil_id, school_class in session.execute(
                select(Enrolment.pupil_id, SchoolClass)
                .join(SchoolClass, Enrolment.class_id == SchoolClass.id)
                .where(Enrolment.school_year == school_year)
            )
        }
        care: dict[int, list[str]] = {}
        for pupil_id, kind in session.execute(
            select(CareRecord.pupil_id, CareRecord.kind)
            .where(CareRecord.start_date <= today)
            .where((CareRecord.end_date.is_(None)) | (CareRecord.end_date >= today))
            .order_by(CareRecord.start_date)
        ):
            if kind not in care.setdefault(pupil_id, []):
                care[pupil_id].append(kind)
        history = status_histories(session)
        rows = []
        for p in sorted(session.scalars(select(Pupil)), key=lambda p: name_key(p.name)):  # 曹 < 陈 < 曾
            school_class = classes.get(p.id)
            rows.append(PupilRow(
                id=p.id, name=p.name, name_keys=p.name_keys, gender=p.gender, birth_date=p.birth_date,
                id_number_masked=mask_id(p.id_number or ""),
                student_number_masked=mask_number(p.student_number or ""),
                status=status_on(history.get(p.id, ()), today) or p.status,
                coming_status=_coming(history.get(p.id, ()), today),
                class_id=school_class.id if school_class else None,
                class_name=school_class.name if school_class else "",
                grade=school_class.grade if school_class else None,
                care_kinds=tuple(care.get(p.id, ())),
                numbers=f"{p.id_number or ''} {p.student_number or ''}" if full_numbers else "",
            ))
        return rows


def class_names(session: Session, school_year: int, pupil_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Pupil id → the name of their class in *school_year* (all pupils, or those in *pupil_ids*)."""
    query = (select(Enrolment.pupil_id, SchoolClass.name)
             .join(SchoolClass, Enrolment.class_id == SchoolClass.id).where(Enrolment.school_year == school_year))
    if pupil_ids is not None:
        query = query.where(Enrolment.pupil_id.in_(list(pupil_ids)))
    return dict(session.execute(query).all())


def class_name_of(pupil: Pupil, school_year: int) -> str:
    """The pupil's class in *school_year*, else the latest they were in (a former pupil); enrolments loaded."""
    enrolments = sorted(pupil.enrolments, key=lambda e: (e.school_year != school_year, -e.school_year))
    return enrolments[0].school_class.name if enrolments else ""


def load_pupil(session: Session, pupil_id: int) -> Pupil:
    """For other services: the pupil with guardians and enrolments loaded, or NotFoundError."""
    pupil = session.scalar(
        select(Pupil).where(Pupil.id == pupil_id).options(selectinload(Pupil.guardians), selectinload(Pupil.enrolments))
    )
    if pupil is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The pupil no longer exists."))
    return pupil


def set_status(pupil: Pupil, status: str, on: date | None) -> None:
    """*pupil* is *status* from *on* (None: since before anything was recorded). What the history said from
    that day on is replaced, what it said before stays: December's report still counts a pupil whose 毕业
    is dated next July, and a corrected date leaves no trace of the wrong one."""
    if not pupil.statuses and on is not None and status != ARRIVED:
        pupil.statuses.append(PupilStatus(status=IN_SCHOOL, from_date=None))  # on roll before leaving
    for old in [s for s in pupil.statuses if on is None or (s.from_date is not None and s.from_date >= on)]:
        pupil.statuses.remove(old)
    pupil.statuses.append(PupilStatus(status=status, from_date=on))
    pupil.status, pupil.status_date = status, on


def status_histories(session: Session, ids: Iterable[int] | None = None) -> dict[int, list[tuple[str, date | None]]]:
    """Pupil id → their statuses from their days on, as ``domain.pupils.status_on`` reads them."""
    query = select(PupilStatus.pupil_id, PupilStatus.status, PupilStatus.from_date).order_by(PupilStatus.id)
    if ids is not None:
        query = query.where(PupilStatus.pupil_id.in_(list(ids)))
    found: dict[int, list[tuple[str, date | None]]] = {}
    for pupil_id, status, since in session.execute(query):
        found.setdefault(pupil_id, []).append((status, since))
    return found


def _coming(history: Sequence[tuple[str, date | None]], today: date) -> str:
    """The latest change dated after *today*: 毕业（2026-07-10起）."""
    later = [(since, status) for status, since in history if since is not None and since > today]
    return f"{max(later)[1]}（{max(later)[0].isoformat()}起）" if later else ""


def status_in_force(day: date) -> ScalarSelect[str]:
    """SQL for the status in force on *day* (see ``domain.pupils.status_on``); NULL before the pupil came."""
    since = func.coalesce(PupilStatus.from_date, date(1900, 1, 1))
    return (select(PupilStatus.status).where(PupilStatus.pupil_id == Pupil.id, since <= day)
            .order_by(since.desc(), PupilStatus.id.desc()).limit(1).scalar_subquery())


def on_roll_on(day: date) -> ColumnElement[bool]:
    """SQL: the pupil is the school's on *day* (a 毕业 dated next July still counts in December)."""
    return status_in_force(day).in_(ON_ROLL)


def count_pupils_on_roll(db: Database, today: date | None = None) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Pupil).where(on_roll_on(today or date.today()))) or 0


def find_pupil(session: Session, db: Database, student: str) -> Pupil:
    """The pupil with this student number (学籍号) or ID number; looking up by an ID number, or a G number
    that carries one, needs a role that may see full numbers (a teacher could confirm a guessed number)."""
    wanted, full = normalise(student), sees_full_id_numbers(db)
    embeds_id = wanted.startswith("G") and len(wanted) == 19  # a G number is the ID number behind a G
    pupil = session.scalars(select(Pupil).where(Pupil.student_number == wanted)).first() \
        if full or not embeds_id else None
    if pupil is None and full:
        pupil = session.scalars(select(Pupil).where(Pupil.id_number == wanted)).first()
    if pupil is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "No pupil has the student or ID number %1."), student)
    return pupil


def find_pupil_id(db: Database, student: str) -> int:
    with db.transaction() as session:
        return find_pupil(session, db, student).id
