"""The home page in two calls: first the school's counts, who is overdue for support and who is behind in
送教上门 (what the clerk sees first); then, just after the page is painted, the other record families —
teachers behind their observation quota, mentoring pairs behind, left-behind children not yet visited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from schooldesk.db.database import Database
from schooldesk.db.models import Pupil, SchoolClass, Teacher
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching import PlanSummary, behind_this_month
from schooldesk.services.mentorship_targets import PairProgress, pairs_behind
from schooldesk.services.observation_quotas import QuotaRow, behind_on_observations
from schooldesk.services.support import OverdueSupport, overdue_support
from schooldesk.services.pupils import on_roll_on


@dataclass(frozen=True, kw_only=True)
class HomeSummary:
    pupils_on_roll: int
    active_teachers: int
    active_classes: int
    overdue: tuple[OverdueSupport, ...]
    behind: tuple[PlanSummary, ...]


@dataclass(frozen=True, kw_only=True)
class FamiliesSummary:
    """The home page's second part: the semester's observation, mentorship and home-visit standing."""

    observing_behind: tuple[QuotaRow, ...] = ()
    pairs_behind: tuple[PairProgress, ...] = ()
    not_visited: int = 0  # left-behind children not yet visited by their responsible teacher this semester
    visits_behind: int = 0  # … and those short of the school's target


def home_summary(db: Database, today: date, school_year: int) -> HomeSummary:
    with db.transaction() as session:
        pupils, teachers, classes = (session.scalar(query) or 0 for query in (
            select(func.count()).select_from(Pupil).where(on_roll_on(today)),
            select(func.count()).select_from(Teacher).where(Teacher.active.is_(True)),
            select(func.count()).select_from(SchoolClass).where(SchoolClass.school_year == school_year,
                                                                 SchoolClass.active.is_(True)),
        ))
    return HomeSummary(pupils_on_roll=pupils, active_teachers=teachers, active_classes=classes,
                       overdue=tuple(overdue_support(db, today, school_year)),
                       behind=tuple(behind_this_month(db, today)))


def families_summary(db: Database, semester: SemesterKey | None, today: date) -> FamiliesSummary:
    from schooldesk.services.visit_targets import visit_standing

    if semester is None:
        return FamiliesSummary()
    standing = visit_standing(db, semester)
    return FamiliesSummary(observing_behind=tuple(behind_on_observations(db, semester, today)),
                           pairs_behind=tuple(pairs_behind(db, semester, today)),
                           not_visited=standing.not_visited, visits_behind=standing.children_behind)


@dataclass(frozen=True, kw_only=True)
class FirstStep:
    """One step of setting a school up, in the order a new office takes them; *page* is where it is done."""

    code: str
    done: bool
    page: str


RULE_KEYS = ("support_interval_days", "home_teaching_rules", "observation_quotas", "visit_targets",
             "mentorship_targets")  # any of them saved: the school has looked at its rules


def first_steps(db: Database) -> tuple[FirstStep, ...]:
    """School details, teachers, the roster, care categories, the rules — each done or not, in that order (the
    home page shows them until all are done, so an empty school is never told everything 达到要求)."""
    from schooldesk.db.models import CareRecord, School, SchoolSetting

    with db.transaction() as session:
        school = session.scalars(select(School)).first()
        count = lambda model: session.scalar(select(func.count()).select_from(model)) or 0  # noqa: E731
        rules = session.scalar(select(func.count()).select_from(SchoolSetting)
                               .where(SchoolSetting.key.in_(RULE_KEYS))) or 0
        return (
            FirstStep(code="school", done=bool(school and school.principal and school.county), page="SettingsPage"),
            FirstStep(code="teachers", done=count(Teacher) > 0, page="TeachersPage"),
            FirstStep(code="roster", done=count(Pupil) > 0, page="PupilsPage"),
            FirstStep(code="care", done=count(CareRecord) > 0, page="PupilsPage"),
            FirstStep(code="rules", done=rules > 0, page="SettingsPage"),
        )
