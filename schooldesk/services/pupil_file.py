"""学生档案 and 劝返记录表: what the printed file of one pupil (and of one dropout case) shows."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from schooldesk.db.audit import record_export
from schooldesk.db.database import Database
from schooldesk.db.models import HomeTeachingPlan, School
from schooldesk.domain.areas import household_place
from schooldesk.domain.errors import NotFoundError
from schooldesk.domain.file_names import document_name
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.care import CareRow
from schooldesk.services.dropout import CaseRow
from schooldesk.domain.home_teaching import PlanStanding
from schooldesk.services.home_teaching import plan_standing
from schooldesk.services.home_teaching_rules import read_visit_rules
from schooldesk.services.profile import pupil_profile
from schooldesk.services.pupils import PupilInput, class_name_of, load_pupil
from schooldesk.services.registers import check_full_ids
from schooldesk.services.activities import ActivityRow
from schooldesk.services.support import SupportRow


@dataclass(frozen=True, kw_only=True)
class PlanSummaryLine:
    semester: SemesterKey
    start_date: date
    end_date: date
    teachers: str
    standing: PlanStanding


@dataclass(frozen=True, kw_only=True)
class PupilFile:
    """One pupil's file as printed: details, categories, support, cases with their visits, 送教上门."""

    school_name: str
    printed: date
    details: PupilInput
    id_number: str  # masked unless full numbers were asked for
    student_number: str
    class_name: str
    care: tuple[CareRow, ...]
    support: tuple[SupportRow, ...]
    cases: tuple[CaseRow, ...]
    plans: tuple[PlanSummaryLine, ...]
    activities: tuple[ActivityRow, ...] = ()  # 家访, 班会 … the pupil took part in

    def file_name(self, case_id: int | None = None) -> str:
        """学生档案_姓名.pdf, or 辍学学生劝返记录表_姓名_开始日期.pdf for one case."""
        if case_id is None:
            return document_name("学生档案", self.details.name, suffix=".pdf")
        return document_name("辍学学生劝返记录表", self.details.name, self.case(case_id).started_on.isoformat(),
                             suffix=".pdf")

    def case(self, case_id: int) -> CaseRow:
        for case in self.cases:
            if case.id == case_id:
                return case
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "The record no longer exists."))


def _plans(session: Session, pupil_id: int, today: date) -> tuple[PlanSummaryLine, ...]:
    rules = read_visit_rules(session)
    lines = []
    for plan in session.scalars(select(HomeTeachingPlan).where(HomeTeachingPlan.pupil_id == pupil_id)
                                .options(selectinload(HomeTeachingPlan.visits))
                                .order_by(HomeTeachingPlan.start_date)):
        standing = plan_standing(plan, rules, today)
        lines.append(PlanSummaryLine(
            semester=SemesterKey(plan.school_year, plan.term), start_date=plan.start_date, end_date=plan.end_date,
            teachers="、".join(t.teacher.name for t in plan.teachers), standing=standing))
    return tuple(lines)


def pupil_file(db: Database, pupil_id: int, school_year: int, *, full_ids: bool = False,
               today: date | None = None) -> PupilFile:
    """Everything the printed 学生档案 shows: the profile's records (numbers masked as the user sees them)
    plus the 送教上门 plans; *full_ids* only for the office (and written to the trail)."""
    check_full_ids(db, full_ids)
    today = today or date.today()
    profile = pupil_profile(db, pupil_id, school_year)
    with db.transaction() as session:
        pupil = load_pupil(session, pupil_id)
        school = session.scalars(select(School)).first()
        class_name = class_name_of(pupil, school_year)  # a former pupil: the last class they were in
        plans = _plans(session, pupil_id, today)
        if full_ids:
            record_export(session, "pupil_file", str(pupil_id), f"{pupil.name}（完整身份证号）")
            id_number, student_number = pupil.id_number or "", pupil.student_number or ""
        else:
            id_number, student_number = profile.id_number_masked, profile.student_number_masked
    details = replace(profile.details, household_registration=household_place(profile.details.household_registration))
    return PupilFile(
        school_name=school.name if school else "", printed=today,
        details=replace(details, id_number=id_number, student_number=student_number) if full_ids else details,
        id_number=id_number, student_number=student_number, class_name=class_name,
        care=profile.care, support=profile.support, cases=profile.cases, plans=plans, activities=profile.activities,
    )
