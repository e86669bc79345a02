"""What the dropout-prevention registers (台账) of one semester show, read in one transaction.

Each line is a frozen record the Excel and PDF writers lay out; ID numbers are masked unless a user
who may see them in full asks for them, and that request is written to the audit trail.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.audit import record_export
from schooldesk.db.database import Database
from schooldesk.db.models import (
    CareRecord, DropoutCase, Enrolment, HomeTeachingPlan, Pupil, School, SchoolClass, SupportRecord,
)
from schooldesk.domain.access import AccessDenied, NOT_FOR_ROLE
from schooldesk.domain.care import (
    DISABLED, LEFT_BEHIND, RESPONSIBLE_TEACHER, RETURNED_TO_SCHOOL, UNFILLED, care_kind, describe_details,
    disability_text, left_behind_gaps, LEFT_BEHIND_COLUMNS,
)
from schooldesk.domain.file_names import document_name
from schooldesk.domain.home_teaching import PlanStanding, VisitRule
from schooldesk.domain.semester import SemesterKey
from schooldesk.domain.areas import household_place
from schooldesk.domain.pupils import status_on
from schooldesk.services.access import masking, sees_full_id_numbers
from schooldesk.services.home_teaching import plan_standing
from schooldesk.services.semesters import semester_dates
from schooldesk.services.home_teaching_rules import read_visit_rules
from schooldesk.services.pupils import class_names, on_roll_on, status_histories

IN_PROGRESS, BACK_AT_SCHOOL, CLOSED = "劝返中", "已返校", "已销号"


@dataclass(frozen=True, kw_only=True)
class PupilFacts:
    """What every register says about a pupil."""

    pupil_id: int
    name: str
    gender: str
    birth_date: date | None
    id_number: str  # masked unless full numbers were asked for
    student_number: str
    class_name: str
    class_order: tuple[int, int]  # (grade, number): 二年级 before 三年级, as the register lists them
    name_order: str  # pinyin, so names sort as a Chinese list does
    status: str
    household: str
    address: str
    guardian: str
    guardian_relation: str
    guardian_phone: str


@dataclass(frozen=True, kw_only=True)
class CareLine:
    """One pupil in one care category during the semester, with the support they had in it."""

    pupil: PupilFacts
    kind: str
    start_date: date
    end_date: date | None
    teacher: str
    details: dict[str, str]
    support_count: int
    measures: str  # support kinds and how often (学业辅导3次、谈心1次)
    latest_progress: str
    latest_support: date | None

    @property
    def kind_zh(self) -> str:
        return care_kind(self.kind).name_zh

    @property
    def summary(self) -> str:
        return describe_details(self.kind, self.details)

    @property
    def gaps(self) -> tuple[str, ...]:
        """Cells of the 留守儿童台账 still unknown (``domain.care.left_behind_gaps``); none for other kinds."""
        return left_behind_gaps(self.details, self.teacher) if self.kind == LEFT_BEHIND else ()

    def detail(self, key: str) -> str:
        """The detail as printed: 未填 where the register expects it and it is unknown."""
        return UNFILLED if key in self.gaps else self.details.get(key, "")

    @property
    def responsible(self) -> str:
        return UNFILLED if RESPONSIBLE_TEACHER in self.gaps else self.teacher


@dataclass(frozen=True, kw_only=True)
class SupportLine:
    pupil: PupilFacts
    date: date
    categories: str
    teacher: str
    kind: str
    content: str
    outcome: str


@dataclass(frozen=True, kw_only=True)
class DropoutLine:
    case_id: int
    pupil: PupilFacts
    stage: str
    started_on: date
    reason: str
    reason_note: str
    visits: int
    latest_visit: date | None
    latest_result: str
    status: str  # 劝返中 / 已返校 / 已销号
    closed_on: date | None
    outcome: str


@dataclass(frozen=True, kw_only=True)
class HomeTaughtLine:
    pupil: PupilFacts
    disability: str
    teachers: str
    start_date: date
    end_date: date
    standing: PlanStanding


@dataclass(frozen=True, kw_only=True)
class RegisterBook:
    """Every line of every register of one semester."""

    school_name: str
    school_code: str
    semester: SemesterKey
    start: date
    end: date
    full_ids: bool
    care: tuple[CareLine, ...]
    support: tuple[SupportLine, ...]
    dropouts: tuple[DropoutLine, ...]
    home_taught: tuple[HomeTaughtLine, ...]
    roll: tuple[PupilFacts, ...] = ()  # every pupil on roll (the receiver's 双重学籍 check reads it)

    def file_name(self, title: str, suffix: str) -> str:
        return document_name(self.school_name, title, self.semester.label_zh, suffix=suffix)

    def care_of(self, kind: str) -> tuple[CareLine, ...]:
        return tuple(line for line in self.care if line.kind == kind)


def check_full_ids(db: Database, full_ids: bool) -> None:
    """Full ID numbers only for the office and administrators (teachers never get them)."""
    if full_ids and not sees_full_id_numbers(db):
        raise AccessDenied(NOT_FOR_ROLE, "教师")


def pupil_facts(session: Session, ids: set[int], school_year: int, full_ids: bool,
                masks: tuple[Callable[[str], str], Callable[[str], str]], *, status_day: date) -> dict[int, PupilFacts]:
    """The facts of the pupils *ids*, their class in *school_year*, in one query each; numbers through *masks*
    unless *full_ids*; the status in force on *status_day*."""
    mask_id, mask_number = masks
    classes = class_names(session, school_year, ids)
    order = {pid: (grade, number) for pid, grade, number in session.execute(
        select(Enrolment.pupil_id, SchoolClass.grade, SchoolClass.number)
        .join(SchoolClass, Enrolment.class_id == SchoolClass.id)
        .where(Enrolment.school_year == school_year, Enrolment.pupil_id.in_(ids)))}
    pupils = session.scalars(select(Pupil).where(Pupil.id.in_(ids)).options(selectinload(Pupil.guardians)))
    history = status_histories(session, ids)
    facts = {}
    for p in pupils:
        guardian = next((g for g in p.guardians if g.name), None)
        number = p.id_number or ""
        facts[p.id] = PupilFacts(
            pupil_id=p.id, name=p.name, gender=p.gender, birth_date=p.birth_date,
            id_number=number if full_ids else mask_id(number),
            student_number=(p.student_number or "") if full_ids else mask_number(p.student_number or ""),
            class_name=classes.get(p.id, ""), class_order=order.get(p.id, (99, 99)),
            name_order=p.name_keys or p.name, status=status_on(history.get(p.id, ()), status_day) or p.status,
            household=household_place(p.household_registration), address=p.address, guardian=guardian.name if guardian else "",
            guardian_relation=guardian.relation if guardian else "", guardian_phone=guardian.phone if guardian else "",
        )
    return facts


def _status(case: DropoutCase) -> str:
    if case.closed_on is None:
        return IN_PROGRESS
    return BACK_AT_SCHOOL if case.outcome == RETURNED_TO_SCHOOL else CLOSED


def _disability(records: list[CareRecord]) -> str:
    return next((disability_text(r.details) for r in records if r.kind == DISABLED), "")


def register_book(db: Database, semester: SemesterKey, *, full_ids: bool = False, today: date | None = None
                  ) -> RegisterBook:
    """Every register line of *semester*: pupils in a category at any time in it, support given in it,
    dropout cases open at any time in it, and its 送教上门 plans judged up to *today*."""
    check_full_ids(db, full_ids)
    today = today or date.today()
    with db.transaction() as session:
        dates = semester_dates(session, semester)
        start, end = dates.start_date, dates.end_date
        school = session.scalars(select(School)).first()
        care = session.scalars(select(CareRecord).options(selectinload(CareRecord.responsible_teacher)).where(
            CareRecord.start_date <= end, (CareRecord.end_date.is_(None)) | (CareRecord.end_date >= start))
            .order_by(CareRecord.start_date)).all()
        support = session.scalars(select(SupportRecord).options(selectinload(SupportRecord.teacher)).where(
            SupportRecord.date >= start, SupportRecord.date <= end).order_by(SupportRecord.date)).all()
        cases = session.scalars(select(DropoutCase).options(selectinload(DropoutCase.visits)).where(
            DropoutCase.started_on <= end, (DropoutCase.closed_on.is_(None)) | (DropoutCase.closed_on >= start))
            .order_by(DropoutCase.started_on)).all()
        plans = session.scalars(select(HomeTeachingPlan).where(
            HomeTeachingPlan.school_year == semester.school_year, HomeTeachingPlan.term == semester.term)
            .options(selectinload(HomeTeachingPlan.visits), selectinload(HomeTeachingPlan.teachers))).all()
        on_roll = set(session.scalars(select(Pupil.id).where(on_roll_on(min(today, end)))))
        ids = {r.pupil_id for r in care} | {r.pupil_id for r in support} | {c.pupil_id for c in cases} | {
            p.pupil_id for p in plans} | on_roll
        facts = pupil_facts(session, ids, semester.school_year, full_ids, masking(db), status_day=min(today, end))
        by_pupil: dict[int, list[SupportRecord]] = defaultdict(list)
        for record in support:
            by_pupil[record.pupil_id].append(record)
        rules = read_visit_rules(session)
        care_by_pupil: dict[int, list[CareRecord]] = defaultdict(list)
        for record in care:
            care_by_pupil[record.pupil_id].append(record)
        book = RegisterBook(
            school_name=school.name if school else "", school_code=school.code if school else "",
            semester=semester, start=start, end=end, full_ids=full_ids,
            care=tuple(_care_line(r, facts[r.pupil_id], by_pupil[r.pupil_id]) for r in _by_class(care, facts)),
            support=tuple(SupportLine(
                pupil=facts[r.pupil_id], date=r.date, teacher=r.teacher.name if r.teacher else "", kind=r.kind,
                categories="、".join(dict.fromkeys(care_kind(c.kind).name_zh for c in care_by_pupil[r.pupil_id])),
                content=r.content, outcome=r.outcome) for r in support),
            dropouts=tuple(_dropout_line(c, facts[c.pupil_id]) for c in cases),
            home_taught=tuple(_home_taught_line(p, facts[p.pupil_id], care_by_pupil[p.pupil_id], rules, today)
                              for p in _by_class(plans, facts)),
            roll=tuple(sorted((facts[i] for i in on_roll), key=lambda f: (f.class_order, f.name_order))),
        )
        if full_ids:
            record_export(session, "register", semester.code, "控辍保学台账（完整身份证号）")
        return book


def left_behind_incomplete(db: Database, semester: SemesterKey) -> list[tuple[int, str, str]]:
    """Left-behind children of *semester* whose 留守儿童台账 row has cells 未填: (pupil id, name, the columns)."""
    with db.transaction() as session:
        dates = semester_dates(session, semester)
        found = session.execute(
            select(CareRecord, Pupil.name).join(Pupil, Pupil.id == CareRecord.pupil_id)
            .options(selectinload(CareRecord.responsible_teacher))
            .where(CareRecord.kind == LEFT_BEHIND, CareRecord.start_date <= dates.end_date,
                   (CareRecord.end_date.is_(None)) | (CareRecord.end_date >= dates.start_date))
            .order_by(Pupil.name_keys, Pupil.id)).all()
        incomplete = []
        for record, name in found:
            teacher = record.responsible_teacher.name if record.responsible_teacher else ""
            gaps = left_behind_gaps(dict(record.details), teacher)
            if gaps:
                incomplete.append((record.pupil_id, name, "、".join(LEFT_BEHIND_COLUMNS[g] for g in gaps)))
        return incomplete


def _by_class(records: list, facts: dict[int, PupilFacts]) -> list:  # type: ignore[type-arg]
    return sorted(records, key=lambda r: (facts[r.pupil_id].class_order, facts[r.pupil_id].name_order))


def _care_line(record: CareRecord, pupil: PupilFacts, support: list[SupportRecord]) -> CareLine:
    kinds = Counter(s.kind for s in support)
    latest = support[-1] if support else None
    return CareLine(
        pupil=pupil, kind=record.kind, start_date=record.start_date, end_date=record.end_date,
        teacher=record.responsible_teacher.name if record.responsible_teacher else "", details=dict(record.details),
        support_count=len(support), measures="、".join(f"{k}{n}次" for k, n in kinds.most_common()),
        latest_progress="：".join(filter(None, (latest.content, latest.outcome))) if latest else "",
        latest_support=latest.date if latest else None,
    )


def _dropout_line(case: DropoutCase, pupil: PupilFacts) -> DropoutLine:
    latest = case.visits[-1] if case.visits else None
    return DropoutLine(
        case_id=case.id, pupil=pupil, stage=case.stage, started_on=case.started_on, reason=case.reason,
        reason_note=case.reason_note, visits=len(case.visits), latest_visit=latest.date if latest else None,
        latest_result=latest.result if latest else "", status=_status(case), closed_on=case.closed_on,
        outcome=case.outcome,
    )


def _home_taught_line(plan: HomeTeachingPlan, pupil: PupilFacts, care: list[CareRecord],
                      rules: Sequence[VisitRule], today: date) -> HomeTaughtLine:
    return HomeTaughtLine(
        pupil=pupil, disability=_disability(care), teachers="、".join(t.teacher.name for t in plan.teachers),
        start_date=plan.start_date, end_date=plan.end_date,
        standing=plan_standing(plan, rules, today),
    )
