"""频次要求 and 报送日历: targets kept with history and judged by the version in force on each period's first day,
groups counted apart, the week of a date, a school-year target not late in the autumn; the calendar's dates, its
history, and its items done when the office writes the 月报, the bundle or a summary."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from schooldesk.db.database import Database
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.frequency import MONTH, SEMESTER, WEEK_OF, YEAR, DueDates, FrequencyTarget, FrequencyVersion
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.activities import ActivityInput, add_activity, update_activity
from schooldesk.services.activity_kinds import add_kind, list_kinds
from schooldesk.services.bundle import bundle_checks
from schooldesk.services.due_dates import due_items, set_due_dates
from schooldesk.services.frequency_targets import (
    frequency_behind, frequency_standing, preset_targets, set_frequency_targets,
)
from schooldesk.services.hand_ins import monthly_key, note_hand_in, summary_key
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher, list_teachers

AUTUMN, SPRING = SemesterKey(2025, 1), SemesterKey(2025, 2)  # 2025-09-01 … 2026-01-31, 2026-02-01 … 2026-07-15


@pytest.fixture
def kinds(school_db: Database) -> dict[str, int]:
    add_kind(school_db, "质量分析会")
    add_teacher(school_db, TeacherInput("李春梅", "女"))
    return {spec.code: kind_id for kind_id, spec in list_kinds(school_db).items()} | {
        spec.name: kind_id for kind_id, spec in list_kinds(school_db).items()}


def _organiser(db: Database) -> int:
    return next(t.id for t in list_teachers(db))


def _held(db: Database, kind_id: int, day: date, **values: str) -> int:
    return add_activity(db, ActivityInput(kind_id=kind_id, title="活动", date=day, content="内容", values=values,
                                          organiser_id=_organiser(db)), today=date(2026, 12, 1)).id


def _rows(db: Database, semester: SemesterKey, code: str) -> list[tuple[str, str, int, int]]:
    return [(r.period, r.group, r.done, r.required) for r in frequency_standing(db, semester) if r.kind_code == code]


def test_monthly_targets_per_group_count_a_month_from_its_first_to_its_last_day(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    target = FrequencyTarget(kind_code="teaching_research", times=1, per=MONTH, group_field="group",
                             groups=("语文组", "数学组"))
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(target,)))
    _held(db, kinds["teaching_research"], date(2025, 9, 1), group="语文组")  # the term's and September's first day
    _held(db, kinds["teaching_research"], date(2025, 9, 30), group="数学组")  # September's last day
    _held(db, kinds["teaching_research"], date(2025, 10, 1), group="体育组")  # a group with no target
    rows = _rows(db, AUTUMN, "teaching_research")
    assert rows[:4] == [("2025年9月", "数学组", 1, 1), ("2025年9月", "语文组", 1, 1),
                        ("2025年10月", "数学组", 0, 1), ("2025年10月", "语文组", 0, 1)]
    assert len(rows) == 5 * 2  # September to January, each group
    behind = frequency_behind(db, AUTUMN, date(2025, 10, 31))
    assert [(r.period, r.group) for r in behind] == [("2025年10月", "数学组"), ("2025年10月", "语文组")]


def test_a_period_is_judged_by_the_version_in_force_on_its_first_day(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    twice = FrequencyTarget(kind_code="class_meeting", times=2, per=MONTH)
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(twice,)))
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 11, 15), targets=(replace(twice, times=1),)))
    months = {period: required for period, _g, _d, required in _rows(db, AUTUMN, "class_meeting")}
    assert months["2025年11月"] == 2 and months["2025年12月"] == 1  # mid-November's change holds from December
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 12, 1), targets=()))  # dropped from December
    assert [p for p, *_ in _rows(db, AUTUMN, "class_meeting")] == ["2025年9月", "2025年10月", "2025年11月"]


def test_the_week_of_a_date_runs_monday_to_sunday(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    week = FrequencyTarget(kind_code="mental_health", times=1, per=WEEK_OF, week_of="05-25")
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(week,)))
    assert _rows(db, AUTUMN, "mental_health") == []  # 25 May is in the spring term
    _held(db, kinds["mental_health"], date(2026, 5, 24))  # the Sunday before: 25 May 2026 is a Monday
    assert _rows(db, SPRING, "mental_health") == [("5月25日所在周", "", 0, 1)]
    _held(db, kinds["mental_health"], date(2026, 5, 31))  # that week's Sunday
    assert _rows(db, SPRING, "mental_health") == [("5月25日所在周", "", 1, 1)]
    with pytest.raises(ValidationError):
        set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1),
                                                   targets=(replace(week, week_of="13-01"),)))


def test_a_school_year_target_shows_in_the_autumn_but_is_late_only_in_the_spring(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    code = next(spec.code for spec in list_kinds(db).values() if spec.name == "质量分析会")
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(
        FrequencyTarget(kind_code=code, times=2, per=YEAR),)))
    _held(db, kinds["质量分析会"], date(2025, 11, 10))
    assert _rows(db, AUTUMN, code) == [("本学年", "", 1, 2)]
    autumn_checks = [c for c in bundle_checks(db, AUTUMN, date(2026, 1, 31)) if c.code == "frequency_behind"]
    assert autumn_checks == []
    _held(db, kinds["质量分析会"], date(2026, 7, 15))  # the year's last day
    assert _rows(db, SPRING, code) == [("本学年", "", 2, 2)]


def test_the_check_before_hand_in_names_what_is_short(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(
        FrequencyTarget(kind_code="parent_meeting", times=2, per=SEMESTER),)))
    meeting = _held(db, kinds["parent_meeting"], date(2026, 1, 31))  # the term's last day counts
    found = [c for c in bundle_checks(db, AUTUMN, date(2026, 1, 31)) if c.code == "frequency_behind"]
    assert [c.text_zh for c in found] == ["家长会（本学期）：已开展1次，要求2次（每学期至少2次家长会）"]
    update_activity(db, meeting, ActivityInput(kind_id=kinds["parent_meeting"], title="活动", date=date(2026, 2, 1),
                                                content="内容", organiser_id=_organiser(db)), today=date(2026, 12, 1))  # moved into the spring
    assert _rows(db, AUTUMN, "parent_meeting") == [("本学期", "", 0, 2)]


def test_presets_make_the_missing_kinds_and_keep_the_school_s_own_targets(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(
        FrequencyTarget(kind_code="parent_meeting", times=3, per=SEMESTER),)))
    version = preset_targets(db, date(2025, 9, 1))
    names = {spec.code: spec.name for spec in list_kinds(db).values()}
    assert sorted(t.describe(names[t.kind_code]) for t in version.targets) == sorted([
        "每学期至少3次家长会", "每学年至少2次质量分析会", "每学期至少1次校际教研", "5月25日所在周至少1次心理健康教育"])
    assert "校际教研" in names.values()


def test_due_dates_items_their_history_and_what_marks_them_done(school_db, kinds) -> None:  # type: ignore[no-untyped-def]
    db = school_db
    items = due_items(db, AUTUMN)
    monthly = [(i.date, i.what, i.done) for i in items if i.what.endswith("月报")]
    assert monthly[0] == (date(2025, 10, 5), "2025年9月控辍保学月报", False)
    assert monthly[-1] == (date(2026, 2, 5), "2026年1月控辍保学月报", False)
    bundle = next(i for i in items if i.family == "bundle")
    assert bundle.date == date(2026, 1, 24)
    assert [i.date for i in items if i.family == "catchment"] == [date(2025, 9, 30)]  # 03-31 is in the spring
    note_hand_in(db, monthly_key(date(2025, 9, 1)))
    note_hand_in(db, summary_key("dropout", AUTUMN))
    items = due_items(db, AUTUMN)
    assert next(i for i in items if i.what == "2025年9月控辍保学月报").done
    assert next(i for i in items if i.what == "控辍保学工作总结").done
    assert not next(i for i in items if i.what == "送教上门工作总结").done
    set_due_dates(db, DueDates(effective_from=date(2025, 12, 1), monthly_report_day=10, bundle_days_before_end=3))
    items = due_items(db, AUTUMN)
    dates = {i.what: i.date for i in items}
    assert dates["2025年11月控辍保学月报"] == date(2025, 12, 5)  # November's report: the rule of 1 November
    assert dates["2025年12月控辍保学月报"] == date(2026, 1, 10)
    assert next(i for i in items if i.family == "bundle").date == date(2026, 1, 24)  # the term's rule: from 1 September
    assert [i.as_json() for i in items][0].keys() == {"date", "what", "family", "done"}
    with pytest.raises(ValidationError):
        set_due_dates(db, DueDates(effective_from=date(2025, 12, 1), monthly_report_day=31))


def test_the_activities_register_shows_done_against_required(school_db, kinds, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The 活动记录汇总 workbook's 频次要求 sheet and its PDF's 三、频次要求, read back."""
    import openpyxl
    from pypdf import PdfReader

    from schooldesk.exports.activity_pdf import write_activity_summary_pdf, write_activity_summary_xlsx
    from schooldesk.services.activity_print import activity_summary

    db = school_db
    set_frequency_targets(db, FrequencyVersion(effective_from=date(2025, 9, 1), targets=(
        FrequencyTarget(kind_code="parent_meeting", times=2, per=SEMESTER),
        FrequencyTarget(kind_code=next(c for c in kinds if c.startswith("school_")), times=2, per=YEAR))))
    _held(db, kinds["parent_meeting"], date(2025, 9, 1))
    _held(db, kinds["parent_meeting"], date(2026, 1, 31))
    _held(db, kinds["质量分析会"], date(2025, 11, 12))
    summary = activity_summary(db, AUTUMN)
    book = openpyxl.load_workbook(write_activity_summary_xlsx(tmp_path / "活动.xlsx", summary).path)
    rows = [r for r in book["频次要求"].iter_rows(min_row=4, values_only=True) if r[0] and "次" in str(r[0])]
    assert [(r[0], r[2], r[4], r[5], r[6]) for r in rows] == [
        ("每学期至少2次家长会", "本学期", 2, 2, "是"), ("每学年至少2次质量分析会", "本学年", 1, 2, "否")]
    text = "".join(page.extract_text() for page in PdfReader(write_activity_summary_pdf(tmp_path / "活动.pdf", summary).path).pages)
    assert "三、频次要求" in text.replace(" ", "") and "每学年至少2次质量分析会" in text.replace(" ", "")
