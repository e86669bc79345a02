"""送教上门 for paper and the command line: everything the three printed documents need about a child's plan,
read in one transaction, and finding a plan by the child's student or ID number."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, HomeTeachingPlan, Pupil, School
from schooldesk.domain.care import DISABLED, disability_text
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.home_teaching import (
    MonthCompliance, PlanStanding, VisitRule, first_of_month, lesson_periods, plan_standing, rule_for,
)
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching import PlanRow, VisitRow, load_plan, plan_months, plan_row, visit_rows
from schooldesk.services.home_teaching_rules import read_visit_rules
from schooldesk.services.pupils import class_name_of, find_pupil


@dataclass(frozen=True)
class ChildFacts:
    """What the printed forms say about the child (no ID number: the forms do not need it)."""

    name: str
    gender: str
    birth_date: date | None
    class_name: str
    disability: str
    guardian: str
    guardian_phone: str
    address: str


@dataclass(frozen=True)
class HomeTeachingLog:
    """Everything the three printed documents need, read in one transaction."""

    school_name: str
    semester: SemesterKey
    child: ChildFacts
    plan: PlanRow
    visits: tuple[VisitRow, ...]
    months: tuple[MonthCompliance, ...]
    rule: VisitRule

    def file_name(self, what: str) -> str:
        """送教上门_姓名_学期_<what>.pdf (what: the log, a blank form, or a visit's date)."""
        return document_name("送教上门", self.child.name, self.semester.label_zh, what, suffix=".pdf")

    def visit_periods(self, visit: VisitRow) -> float:
        """A visit's lesson periods under the rule of its month: the figure every sheet and page prints."""
        month = next((m for m in self.months if m.month == first_of_month(visit.date)), None)
        return lesson_periods(visit.minutes, (month.rule if month else self.rule).minutes_per_period)

    def standing(self, today: date) -> PlanStanding:
        """The plan's figures on *today*, from the same place as the register's and the pupil's file's."""
        return plan_standing(self.months, today)

    def visit(self, visit_id: int) -> VisitRow:
        for visit in self.visits:
            if visit.id == visit_id:
                return visit
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "Visit %1 is not in this child's log."), visit_id)


def _child_facts(session: Session, pupil: Pupil, school_year: int) -> ChildFacts:
    disabled = session.scalars(select(CareRecord).where(
        CareRecord.pupil_id == pupil.id, CareRecord.kind == DISABLED).order_by(CareRecord.start_date.desc())).first()
    disability = disability_text(disabled.details) if disabled is not None else ""
    guardian = next((g for g in pupil.guardians if g.name), None)
    return ChildFacts(
        pupil.name, pupil.gender, pupil.birth_date, class_name_of(pupil, school_year),
        disability, f"{guardian.name}（{guardian.relation}）" if guardian and guardian.relation else
        (guardian.name if guardian else ""), guardian.phone if guardian else "", pupil.address,
    )


def home_teaching_log(db: Database, plan_id: int) -> HomeTeachingLog:
    with db.transaction() as session:
        plan = load_plan(session, plan_id)
        school = session.scalars(select(School)).first()
        rules = read_visit_rules(session)
        return HomeTeachingLog(
            school.name if school else "", SemesterKey(plan.school_year, plan.term),
            _child_facts(session, plan.pupil, plan.school_year), plan_row(plan),
            tuple(visit_rows(session, db, plan.visits)), tuple(plan_months(plan, rules)),
            rule_for(plan.start_date, rules),
        )


def find_plan(db: Database, student: str, semester: SemesterKey) -> int:
    """The plan of the pupil with this student number (学籍号) or ID number in *semester*."""
    with db.transaction() as session:
        pupil = find_pupil(session, db, student)
        plan = session.scalars(select(HomeTeachingPlan.id).where(
            HomeTeachingPlan.pupil_id == pupil.id, HomeTeachingPlan.school_year == semester.school_year,
            HomeTeachingPlan.term == semester.term)).first()
        if plan is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "%1 has no home-teaching plan for %2."), pupil.name,
                                semester.label_zh)
        return plan
