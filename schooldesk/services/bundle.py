"""What a semester's bundle for the bureau (报送材料) holds, read family by family, and what is incomplete
before it is sent (报送前检查). Writing it, checking it and reading it back are exports/bundle.py's."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from schooldesk.db.database import Database
from schooldesk.domain.collection import collector_paused
from schooldesk.domain.file_names import document_name
from schooldesk.domain.home_teaching import BEHIND
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.domain.semester import SemesterKey, months_of

if TYPE_CHECKING:
    from schooldesk.services.frequency_targets import FrequencyRow

DROPOUT, HOME_TEACHING, OBSERVATIONS, MENTORSHIP, ACTIVITIES, TEACHERS = (
    "dropout", "home_teaching", "observations", "mentorship", "activities", "teachers")
FAMILIES = {DROPOUT: "控辍保学", HOME_TEACHING: "送教上门", OBSERVATIONS: "听课评课", MENTORSHIP: "师徒结对",
            ACTIVITIES: "活动记录", TEACHERS: "教师发展"}
# What the page says about each check (English source, translated where shown).
CHECK_TEXTS = {
    "home_teaching_behind": QT_TRANSLATE_NOOP("Bundle", "%1: 送教上门 in %2 short of the rule"),
    "visit_without_photo": QT_TRANSLATE_NOOP("Bundle", "%1: 送教上门 visit of %2 has no photo"),
    "support_overdue": QT_TRANSLATE_NOOP("Bundle", "%1: support record overdue since %2"),
    "observation_unscored": QT_TRANSLATE_NOOP("Bundle", "Observation of %1's lesson “%2” on %3 has no scores"),
    "pair_behind": QT_TRANSLATE_NOOP("Bundle", "Mentoring pair %1 is behind its targets (%2)"),
    "not_visited": QT_TRANSLATE_NOOP("Bundle", "%1 (left-behind) not yet visited by %2"),
    "no_responsible_teacher": QT_TRANSLATE_NOOP(
        "Bundle", "%1 left-behind children have no responsible teacher (包保责任人) to visit them: %2"),
    "left_behind_unfilled": QT_TRANSLATE_NOOP("Bundle", "%1 (left-behind): the register prints 未填 for %2"),
    "catchment_to_verify": QT_TRANSLATE_NOOP(
        "Bundle", "%1 children of the villages are still 待核实 (where they are is not known): %2"),
    "catchment_no_proof": QT_TRANSLATE_NOOP("Bundle", "%1 children studying elsewhere (本在外) have no proof: %2"),
    "frequency_behind": QT_TRANSLATE_NOOP("Bundle", "%1: %2 of %3 held (%4)"),
}
CATCHMENT = "catchment"  # where a check of the 摸底 is mended (its documents go with 控辍保学)


@dataclass(frozen=True, kw_only=True)
class BundleCheck:
    """Something incomplete for the semester; *family* says where it is mended, *record* which one."""

    code: str
    family: str
    args: tuple[str, ...]
    record: int | None = None

    @property
    def text_zh(self) -> str:
        """As 清单.txt writes it (the page translates CHECK_TEXTS itself)."""
        from schooldesk.domain.i18n import fill

        zh = {"home_teaching_behind": "%1：送教上门%2未达到要求", "visit_without_photo": "%1：%2的送教记录没有照片",
              "support_overdue": "%1：帮扶记录自%2起逾期", "observation_unscored": "%1老师《%2》（%3）的听课记录未评分",
              "pair_behind": "师徒结对%1未达到目标（%2）", "not_visited": "%1（留守儿童）尚未由%2家访",
              "no_responsible_teacher": "%1名留守儿童没有包保责任人，无人负责家访：%2",
              "left_behind_unfilled": "%1（留守儿童）：台账中%2未填",
              "catchment_to_verify": "%1名适龄儿童去向待核实：%2", "catchment_no_proof": "%1名本在外儿童没有证明：%2",
              "frequency_behind": "%1：已开展%2次，要求%3次（%4）"}
        return fill(zh[self.code], self.args)


def bundle_checks(db: Database, semester: SemesterKey, today: date, *, frequency: Sequence[FrequencyRow] | None = None
                  ) -> list[BundleCheck]:
    """报送前检查: 送教上门 months behind and visits without photos, support overdue, observations without scores,
    pairs behind their targets, left-behind children not yet visited by their teacher and, as one item, those
    without a responsible teacher."""
    from schooldesk.services.home_teaching import list_plans
    from schooldesk.services.mentorship_targets import pairs_behind
    from schooldesk.services.observations import list_observations
    from schooldesk.services.registers import left_behind_incomplete
    from schooldesk.services.support import overdue_support
    from schooldesk.services.visit_targets import visit_standing

    found: list[BundleCheck] = []
    for summary in list_plans(db, semester, today):
        for month in summary.months:
            if month.state(today) == BEHIND:
                found.append(BundleCheck(code="home_teaching_behind", family=HOME_TEACHING, record=summary.plan.id,
                                         args=(summary.plan.pupil_name, month.label)))
        from schooldesk.services.home_teaching import list_visits

        for visit in list_visits(db, summary.plan.id):
            if not visit.photos:
                found.append(BundleCheck(code="visit_without_photo", family=HOME_TEACHING, record=summary.plan.id,
                                         args=(summary.plan.pupil_name, visit.date.isoformat())))
    found += [BundleCheck(code="support_overdue", family=DROPOUT, record=o.pupil_id, args=(o.pupil_name, o.due.isoformat()))
              for o in overdue_support(db, today, semester.school_year)]
    found += [BundleCheck(code="observation_unscored", family=OBSERVATIONS, record=o.id,
                          args=(o.taught.name, o.topic, o.date.isoformat()))
              for o in list_observations(db, semester) if o.scored is None]
    found += [BundleCheck(code="pair_behind", family=MENTORSHIP, record=p.pair.id, args=(p.pair.names, p.summary))
              for p in pairs_behind(db, semester, today)]
    children = visit_standing(db, semester).children
    found += [BundleCheck(code="not_visited", family=ACTIVITIES, record=c.pupil_id, args=(c.pupil_name, c.teacher))
              for c in children if c.visits == 0 and c.teacher]
    unassigned = [c.pupil_name for c in children if not c.teacher]  # one item: who should visit is the question
    if unassigned:
        found.append(BundleCheck(code="no_responsible_teacher", family=DROPOUT,
                                 args=(str(len(unassigned)), "、".join(unassigned))))
    found += [BundleCheck(code="left_behind_unfilled", family=DROPOUT, record=pupil_id, args=(name, columns))
              for pupil_id, name, columns in left_behind_incomplete(db, semester)]
    from schooldesk.services.frequency_targets import frequency_behind

    found += [BundleCheck(code="frequency_behind", family=ACTIVITIES, args=(row.what, str(row.done), str(row.required),
                                                                            row.rule))
              for row in frequency_behind(db, semester, today, due_in_term=True, standing=frequency)]
    return found + _catchment_checks(db, semester, today)


def _catchment_checks(db: Database, semester: SemesterKey, today: date) -> list[BundleCheck]:
    """The 摸底's open ends, one item each: children still 待核实, 本在外 without proof."""
    from schooldesk.services.catchment_report import catchment_report

    report = catchment_report(db, semester, today=today)
    found = []
    for code, children in (("catchment_to_verify", report.to_verify),
                           ("catchment_no_proof", [c for c in report.elsewhere if not c.has_proof])):
        if children:
            found.append(BundleCheck(code=code, family=CATCHMENT, args=(str(len(children)),
                                                                          "、".join(c.name for c in children))))
    return found


@dataclass(frozen=True, kw_only=True)
class BundleContents:
    """Every document of the bundle, read in the service layer; exports/bundle.py only lays them out."""

    school_name: str
    school_code: str
    semester: SemesterKey
    exported_at: datetime
    full_ids: bool
    as_of: date  # the day every figure is judged on and printed with (a month not over on it is 进行中)
    families: tuple[str, ...]
    registers: object | None = None  # RegisterBook
    catchment: object | None = None  # CatchmentReport, when the school has imported its villages' list
    monthly: tuple[object, ...] = ()  # MonthlyReport per month of the term
    home_teaching: tuple[object, ...] = ()  # HomeTeachingLog per plan
    observation_book: object | None = None
    observation_sheets: tuple[object, ...] = ()
    mentorship_book: object | None = None
    pair_records: tuple[object, ...] = ()
    assessments: tuple[object, ...] = ()
    activity_summary: object | None = None
    activity_sheets: tuple[object, ...] = ()
    teacher_figures: tuple[object, ...] = ()  # TeacherFigures per teacher (the 教师发展 family)
    school_visits: tuple[object, ...] = ()  # SchoolVisitRow: 视导, 督导 received in the term, with 整改
    checks: tuple[BundleCheck, ...] = field(default=())
    county: str = ""  # where the school is: a receiver sums schools by 乡镇 and county
    township: str = ""

    @property
    def name(self) -> str:
        """<学校名称>_<2025—2026学年第一学期>_报送材料 — the folder (or zip) name."""
        return document_name(self.school_name, self.semester.label_zh, "报送材料", suffix="")


@collector_paused()
def bundle_contents(db: Database, semester: SemesterKey, *, families: Sequence[str] = tuple(FAMILIES),
                    full_ids: bool = False, today: date | None = None,
                    step: Callable[[str], None] = lambda _family: None) -> BundleContents:
    """Read the chosen families of *semester* (full ID numbers only for the office, recorded in the trail)."""
    from schooldesk.services.registers import check_full_ids
    from schooldesk.services.school import get_school
    from schooldesk.services.semesters import list_semesters, semester_dates

    check_full_ids(db, full_ids)
    today = today or date.today()
    school = get_school(db)
    with db.transaction() as session:
        semester_dates(session, semester)  # a term not set up: the plain message, not an error of ours
    term = next(s for s in list_semesters(db) if s.key == semester)
    parts: dict[str, object] = {}
    if DROPOUT in families:
        step(DROPOUT)
        from schooldesk.services.monthly_report import monthly_report
        from schooldesk.services.registers import register_book

        parts["registers"] = register_book(db, semester, full_ids=full_ids, today=today)
        parts["monthly"] = tuple(monthly_report(db, month, full_ids=full_ids)
                                 for month in months_of(term.start, min(term.end, today)))
        from schooldesk.services.catchment_report import catchment_report

        survey = catchment_report(db, semester, full_ids=full_ids, today=today)
        if survey.children or survey.not_of_age:
            parts["catchment"] = survey
    if HOME_TEACHING in families:
        step(HOME_TEACHING)
        from schooldesk.services.home_teaching import list_plans
        from schooldesk.services.home_teaching_log import home_teaching_log

        parts["home_teaching"] = tuple(home_teaching_log(db, s.plan.id) for s in list_plans(db, semester, today))
    if OBSERVATIONS in families:
        step(OBSERVATIONS)
        from schooldesk.services.observation_print import observation_book, observation_sheets

        book = observation_book(db, semester, today)
        parts["observation_book"] = book
        parts["observation_sheets"] = observation_sheets(db, book)
    if MENTORSHIP in families:
        step(MENTORSHIP)
        from schooldesk.services.mentorship_print import assessment_document, mentorship_book, pair_record_document

        book = mentorship_book(db, semester.school_year, semester, today)
        parts["mentorship_book"] = book
        parts["pair_records"] = tuple(pair_record_document(db, p.pair.id, semester, today) for p in book.pairs)
        parts["assessments"] = tuple(assessment_document(db, p.pair.id, today) for p in book.pairs)
    if ACTIVITIES in families:
        step(ACTIVITIES)
        from schooldesk.services.activity_print import activity_sheets, activity_summary

        summary = activity_summary(db, semester)
        parts["activity_summary"] = summary
        parts["activity_sheets"] = activity_sheets(summary)
    if TEACHERS in families:
        step(TEACHERS)
        from schooldesk.services.school_visits import list_school_visits
        from schooldesk.services.teacher_file import FilePeriod, all_teachers_figures

        period = FilePeriod(label=semester.label_zh, start=term.start, end=term.end)
        parts["teacher_figures"] = tuple(all_teachers_figures(db, period))
        parts["school_visits"] = tuple(reversed(list_school_visits(db, term.start, term.end)))
    return BundleContents(
        school_name=school.name if school else "", school_code=school.code if school else "", semester=semester,
        county=school.county if school else "", township=school.township if school else "",
        exported_at=datetime.now().replace(microsecond=0), full_ids=full_ids, as_of=today, families=tuple(f for f in FAMILIES if f in families),
        checks=tuple(bundle_checks(db, semester, today, frequency=getattr(parts.get("activity_summary"), "frequency", None))),
        **parts)  # type: ignore[arg-type]
