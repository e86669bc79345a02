"""Starting a school year (升级): its two terms, next year's classes one grade up, every pupil on roll moved
with them and the top grade marked 毕业 — previewed first, then written in one transaction after a backup.

The preview and the real run are the same computation (``_plan``), so what the clerk saw is what happens.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.database import Database
from schooldesk.db.models import Enrolment, Pupil, SchoolClass, Teacher
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.grades import class_name_zh
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.moving_up import (
    CHOICES, GRADUATE, GRADUATED, LEAVE, LEFT, MOVE_UP, REPEAT, SCHOOL_TYPES, TOP_GRADES, default_choice,
    guess_school_type, next_grade, validate_choice, validate_school_type,
)
from schooldesk.domain.pupils import ON_ROLL
from schooldesk.domain.sorting import name_key
from schooldesk.domain.semester import SemesterKey, TermDates, default_term_dates, validate_school_year
from schooldesk.services.access import require_admin
from schooldesk.services.school_rules import write_setting
from schooldesk.services.pupils import set_status
from schooldesk.services.semesters import save_term_dates

SCHOOL_TYPE_KEY = "school_type"


@dataclass(frozen=True, kw_only=True)
class NewYearChoices:
    """What the clerk changed in the preview; everything else takes the default."""

    term1: TermDates | None = None
    term2: TermDates | None = None
    school_type: str | None = None  # default: the school's stored kind; the run stores the one chosen
    graduation_date: date | None = None  # default: the last day of the old year's second term
    pupils: Mapping[int, str] = field(default_factory=dict)  # pupil id → MOVE_UP / REPEAT / LEAVE / GRADUATE
    head_teachers: Mapping[tuple[int, int], int | None] = field(default_factory=dict)  # (grade, number) next year


@dataclass(frozen=True, kw_only=True)
class PupilMove:
    pupil_id: int
    name: str
    grade: int  # this year
    choice: str

    @property
    def choice_zh(self) -> str:
        return CHOICES[self.choice]


@dataclass(frozen=True, kw_only=True)
class ClassMove:
    """One class of this year and where its pupils go."""

    from_name: str
    grade: int
    number: int
    to_name: str  # next year's class, or 毕业 for the top grade
    head_teacher_id: int | None  # of next year's class
    head_teacher_name: str
    pupils: tuple[PupilMove, ...]

    def count(self, choice: str) -> int:
        return sum(1 for p in self.pupils if p.choice == choice)


@dataclass(frozen=True, kw_only=True)
class NewYearPlan:
    year: int
    school_type: str
    top_grade: int
    term1: TermDates
    term2: TermDates
    graduation_date: date
    classes: tuple[ClassMove, ...]
    class_keys: tuple[tuple[int, int], ...]  # next year's classes as (grade, number), in order

    @property
    def new_classes(self) -> tuple[str, ...]:
        """The names of next year's classes."""
        return tuple(class_name_zh(grade, number) for grade, number in self.class_keys)

    def count(self, choice: str) -> int:
        return sum(c.count(choice) for c in self.classes)

    @property
    def label_zh(self) -> str:
        return SemesterKey(self.year, 1).label_zh.removesuffix("第一学期")


def stored_school_type(session: Session) -> str | None:
    """The kind of school as the school said it (wizard, Settings, new year), None if never said."""
    from schooldesk.db.models import SchoolSetting

    setting = session.get(SchoolSetting, SCHOOL_TYPE_KEY)
    if setting is not None and setting.value.get("code") in SCHOOL_TYPES:
        return str(setting.value["code"])
    return None


def read_school_type(session: Session) -> str:
    """The kind of school; before the school has said, a guess from its classes."""
    return stored_school_type(session) or guess_school_type(set(session.scalars(select(SchoolClass.grade).distinct())))


def school_type(db: Database) -> str:
    with db.transaction() as session:
        return read_school_type(session)


def set_school_type(db: Database, code: str) -> str:
    require_admin(db)
    with db.transaction() as session:
        write_setting(session, SCHOOL_TYPE_KEY, {"code": validate_school_type(code)})
    return code


def plan_new_school_year(db: Database, year: int, choices: NewYearChoices = NewYearChoices()) -> NewYearPlan:
    """The preview: nothing is written."""
    require_admin(db)
    with db.transaction(rehearse=True) as session:
        return _plan(session, year, choices)


def start_new_school_year(db: Database, year: int, choices: NewYearChoices = NewYearChoices(), *,
                          dry_run: bool = False) -> NewYearPlan:
    """Write the plan in one transaction, after a verified backup; *dry_run* checks and writes nothing."""
    from schooldesk.db.backups import take_rotated_backup

    require_admin(db)
    if dry_run:
        return plan_new_school_year(db, year, choices)
    with db.transaction(rehearse=True) as session:
        _plan(session, year, choices)  # refuse before the backup when it cannot run
    take_rotated_backup(db.path, "pre-new-year")
    with db.transaction() as session:
        plan = _plan(session, year, choices)
        _apply(session, plan)
        return plan


def _plan(session: Session, year: int, choices: NewYearChoices) -> NewYearPlan:
    validate_school_year(year)
    already = session.scalars(select(SchoolClass).where(SchoolClass.school_year == year)
                              .order_by(SchoolClass.grade, SchoolClass.number)).first()
    if already is not None:
        raise ValidationError("year", QT_TRANSLATE_NOOP(
            "Errors", "The school year %1 has already been started (it has classes, e.g. %2); it cannot be "
                      "started twice. Change next year's classes on the Classes page."),
            SemesterKey(year, 1).label_zh.removesuffix("第一学期"), already.name)
    classes = session.scalars(
        select(SchoolClass).where(SchoolClass.school_year == year - 1).order_by(SchoolClass.grade, SchoolClass.number)
    ).all()
    if not classes:
        raise ValidationError("year", QT_TRANSLATE_NOOP(
            "Errors", "The school year %1 has no classes to move up from."),
            SemesterKey(year - 1, 1).label_zh.removesuffix("第一学期"))
    kind = validate_school_type(choices.school_type) if choices.school_type else read_school_type(session)
    top = TOP_GRADES[kind]
    term1, term2 = default_term_dates(year)
    term1, term2 = choices.term1 or term1, choices.term2 or term2
    old_terms = default_term_dates(year - 1)
    graduation = choices.graduation_date or _old_year_end(session, year - 1) or old_terms[1].end
    enrolled = session.execute(
        select(Enrolment.class_id, Pupil).join(Pupil, Pupil.id == Enrolment.pupil_id)
        .where(Enrolment.school_year == year - 1, Pupil.status.in_(ON_ROLL))
    ).all()
    by_class: dict[int, list[Pupil]] = {}
    for class_id, pupil in sorted(enrolled, key=lambda row: name_key(row[1].name)):
        by_class.setdefault(class_id, []).append(pupil)
    teachers = {t.id: t.name for t in session.scalars(select(Teacher))}
    moves: list[ClassMove] = []
    new_classes: set[tuple[int, int]] = set()
    for school_class in classes:
        pupils = by_class.get(school_class.id, [])
        if not school_class.active and not pupils:
            continue
        grade, number = school_class.grade, school_class.number
        graduating = grade >= top
        target = (grade + 1, number)
        head = choices.head_teachers.get(target, school_class.head_teacher_id) if not graduating else None
        rows = []
        for pupil in pupils:
            choice = choices.pupils.get(pupil.id, default_choice(grade, top))
            rows.append(PupilMove(pupil_id=pupil.id, name=pupil.name, grade=grade,
                                  choice=validate_choice(choice, grade, top)))
            moved = next_grade(grade, choice)
            if moved is not None:
                new_classes.add((moved, number))
        if not graduating:
            new_classes.add(target)
        moves.append(ClassMove(
            from_name=school_class.name, grade=grade, number=number,
            to_name=GRADUATED if graduating else class_name_zh(*target),
            head_teacher_id=head, head_teacher_name=teachers.get(head, "") if head else "", pupils=tuple(rows),
        ))
    return NewYearPlan(
        year=year, school_type=kind, top_grade=top, term1=term1, term2=term2, graduation_date=graduation,
        classes=tuple(moves), class_keys=tuple(sorted(new_classes)),
    )


def _old_year_end(session: Session, old_year: int) -> date | None:
    from schooldesk.db.models import Semester

    return session.scalar(select(Semester.end_date).where(Semester.school_year == old_year, Semester.term == 2))


def _apply(session: Session, plan: NewYearPlan) -> None:
    save_term_dates(session, plan.term1, plan.term2)
    write_setting(session, SCHOOL_TYPE_KEY, {"code": plan.school_type})
    heads = {(c.grade + 1, c.number): c.head_teacher_id for c in plan.classes if c.to_name != GRADUATED}
    made: dict[tuple[int, int], SchoolClass] = {}
    for grade, number in plan.class_keys:
        made[(grade, number)] = SchoolClass(school_year=plan.year, grade=grade, number=number,
                                            name=class_name_zh(grade, number), head_teacher_id=heads.get((grade, number)))
        session.add(made[(grade, number)])
    session.flush()
    pupils = {p.id: p for p in session.scalars(
        select(Pupil).where(Pupil.id.in_([m.pupil_id for c in plan.classes for m in c.pupils]))
        .options(selectinload(Pupil.enrolments)))}
    for school_class in plan.classes:
        for move in school_class.pupils:
            pupil = pupils[move.pupil_id]
            moved = next_grade(move.grade, move.choice)
            if moved is not None:
                session.add(Enrolment(pupil_id=pupil.id, school_year=plan.year,
                                      class_id=made[(moved, school_class.number)].id))
            elif move.choice in (GRADUATE, LEAVE):
                # dated the old year's last day: prepared in December, it is not in force before then
                set_status(pupil, GRADUATED if move.choice == GRADUATE else LEFT, plan.graduation_date)


def plan_as_dict(plan: NewYearPlan, *, dry_run: bool) -> dict[str, Any]:
    """The plan in the shape the new-school-year command prints with --json."""
    return {
        "year": plan.year,
        "school_year": plan.label_zh,
        "school_type": plan.school_type,
        "top_grade": plan.top_grade,
        "terms": [{"term": t.key.term, "start": t.start.isoformat(), "end": t.end.isoformat()}
                  for t in (plan.term1, plan.term2)],
        "graduation_date": plan.graduation_date.isoformat(),
        "classes": [{"from": c.from_name, "to": c.to_name, "head_teacher": c.head_teacher_name,
                     "pupils": len(c.pupils), "moved_up": c.count(MOVE_UP), "repeating": c.count(REPEAT),
                     "leaving": c.count(LEAVE), "graduating": c.count(GRADUATE)} for c in plan.classes],
        "new_classes": list(plan.new_classes),
        "moved_up": plan.count(MOVE_UP),
        "repeating": plan.count(REPEAT),
        "leaving": plan.count(LEAVE),
        "graduating": plan.count(GRADUATE),
        "dry_run": dry_run,
    }
