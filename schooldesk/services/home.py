"""The home page in two calls: first the school's counts, who is overdue for support and who is behind in
送教上门 (what the clerk sees first); then, just after the page is painted, the other record families —
teachers behind their observation quota, mentoring pairs behind, left-behind children not yet visited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from schooldesk.db.database import Database
from schooldesk.db.models import Pupil, SchoolClass, Teacher
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.figures import roll_counts
from schooldesk.services.home_teaching import PlanSummary, behind_this_month
from schooldesk.services.home_teaching_rules import RULES_KEY as HOME_TEACHING_RULES_KEY
from schooldesk.services.mentorship_targets import TARGETS_KEY as MENTORSHIP_TARGETS_KEY
from schooldesk.services.mentorship_targets import PairProgress, pairs_behind
from schooldesk.services.observation_quotas import QUOTAS_KEY, QuotaRow, behind_on_observations
from schooldesk.services.school_rules import SUPPORT_INTERVALS_KEY
from schooldesk.services.support import OverdueSupport, overdue_support

if TYPE_CHECKING:
    from schooldesk.services.due_dates import DueItem
    from schooldesk.services.frequency_targets import FrequencyRow


@dataclass(frozen=True, kw_only=True)
class FirstStep:
    """One step of setting a school up, in the order a new office takes them; *page* is where it is done."""

    code: str
    done: bool
    page: str


@dataclass(frozen=True, kw_only=True)
class HomeSummary:
    pupils_on_roll: int
    active_teachers: int
    active_classes: int
    overdue: tuple[OverdueSupport, ...]
    behind: tuple[PlanSummary, ...]
    steps: tuple[FirstStep, ...]  # the first steps of a school still being set up (read_first_steps)


@dataclass(frozen=True, kw_only=True)
class FamiliesSummary:
    """The home page's second part: the semester's observation, mentorship and home-visit standing."""

    observing_behind: tuple[QuotaRow, ...] = ()
    pairs_behind: tuple[PairProgress, ...] = ()
    not_visited: int = 0  # left-behind children not yet visited by their responsible teacher this semester
    visits_behind: int = 0  # … and those short of the school's target
    frequency_behind: tuple[FrequencyRow, ...] = ()  # activity kinds short of their frequency targets
    due: tuple[DueItem, ...] = ()  # the calendar: not done and due within a month, overdue first, and the above


def home_summary(db: Database, today: date, school_year: int) -> HomeSummary:
    with db.transaction() as session:
        pupils = roll_counts(session, today).on_roll
        teachers, classes = (session.scalar(query) or 0 for query in (
            select(func.count()).select_from(Teacher).where(Teacher.active.is_(True), Teacher.outside.is_(False)),
            select(func.count()).select_from(SchoolClass).where(SchoolClass.school_year == school_year,
                                                                 SchoolClass.active.is_(True)),
        ))
        steps = read_first_steps(session)
    return HomeSummary(pupils_on_roll=pupils, active_teachers=teachers, active_classes=classes, steps=steps,
                       overdue=tuple(overdue_support(db, today, school_year)),
                       behind=tuple(behind_this_month(db, today)))


def families_summary(db: Database, semester: SemesterKey | None, today: date) -> FamiliesSummary:
    from schooldesk.services.due_dates import upcoming
    from schooldesk.services.frequency_targets import frequency_behind, frequency_standing
    from schooldesk.services.visit_targets import visit_standing

    if semester is None:
        return FamiliesSummary()
    standing = visit_standing(db, semester)
    rows = frequency_standing(db, semester)  # read once: the targets behind and the to-do list both use them
    return FamiliesSummary(observing_behind=tuple(behind_on_observations(db, semester, today)),
                           pairs_behind=tuple(pairs_behind(db, semester, today)),
                           not_visited=standing.not_visited, visits_behind=standing.children_behind,
                           frequency_behind=tuple(frequency_behind(db, semester, today, standing=rows)),
                           due=tuple(upcoming(db, semester, today, standing=rows)))


def first_steps(db: Database) -> tuple[FirstStep, ...]:
    with db.transaction() as session:
        return read_first_steps(session)


def read_first_steps(session: Session) -> tuple[FirstStep, ...]:
    """School details, teachers, the roster, care categories, the rules — each done or not, in that order (the
    home page shows them until all are done, so an empty school is never told everything 达到要求)."""
    from schooldesk.db.models import CareRecord, School, SchoolSetting
    from schooldesk.services.frequency_targets import TARGETS_KEY as FREQUENCY_KEY
    from schooldesk.services.visit_targets import TARGETS_KEY as VISIT_TARGETS_KEY  # as families_summary: when used

    rule_keys = (SUPPORT_INTERVALS_KEY, HOME_TEACHING_RULES_KEY, QUOTAS_KEY, VISIT_TARGETS_KEY,
                 MENTORSHIP_TARGETS_KEY, FREQUENCY_KEY)  # any of them saved: the school has looked at its rules

    def any_of(model: type) -> bool:
        return session.scalar(select(model.id).limit(1)) is not None  # type: ignore[attr-defined]

    school = session.scalars(select(School)).first()
    rules = session.scalar(select(SchoolSetting.key).where(SchoolSetting.key.in_(rule_keys)).limit(1))
    return (
        FirstStep(code="school", done=bool(school and school.principal and school.county), page="SettingsPage"),
        FirstStep(code="teachers", done=session.scalar(select(Teacher.id).where(Teacher.outside.is_(False)).limit(1))
                  is not None, page="TeachersPage"),
        FirstStep(code="roster", done=any_of(Pupil), page="PupilsPage"),
        FirstStep(code="care", done=any_of(CareRecord), page="PupilsPage"),
        FirstStep(code="rules", done=rules is not None, page="SettingsPage"),
    )
