"""送教上门: compliance arithmetic, plans, visits with photos — domain and services on a real file."""
from __future__ import annotations

from datetime import date, time

import pytest
from PIL import Image

from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.home_teaching import (
    PER_MONTH, PER_SEMESTER, PER_WEEK, VisitRule, VisitTime, lesson_periods, month_compliance, rule_for, validate_rule,
    visit_minutes,
)
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.home_teaching import (
    add_plan, add_visit, behind_this_month, delete_visit, list_plans, list_visits, plan_compliance, update_plan,
    update_visit,
)
from schooldesk.services.home_teaching_candidates import plan_candidates
from schooldesk.services.home_teaching_log import find_plan, home_teaching_log
from schooldesk.services.home_teaching_rules import set_visit_rule, visit_rules
from tests.builders import photo, plan_input, visit_input

TERM1 = SemesterKey(2025, 1)  # 2025-09-01 … 2026-01-31 in the school_db fixture


def by_month(result):  # type: ignore[no-untyped-def]
    return {m.month: m for m in result}


# ---- domain ---------------------------------------------------------------------------------------

def test_visits_count_in_the_month_they_happened_across_month_and_year_ends() -> None:
    visits = [VisitTime(date(2025, 9, 30), 90), VisitTime(date(2025, 10, 1), 80),
              VisitTime(date(2025, 12, 31), 80), VisitTime(date(2026, 1, 1), 80), VisitTime(date(2026, 1, 31), 80)]
    months = by_month(month_compliance(date(2025, 9, 1), date(2026, 1, 31), visits, []))
    assert [m.visits for m in months.values()] == [1, 1, 0, 1, 2]
    assert list(months) == [date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1)]
    assert months[date(2026, 1, 1)].met  # two visits of 80 minutes = 2 × 2 periods of 40
    assert not months[date(2025, 9, 1)].met and months[date(2025, 9, 1)].visits_missing == 1
    assert months[date(2025, 9, 1)].periods == 2.2  # 90 / 40, to one decimal


def test_partial_months_at_the_plan_edges_ask_for_a_share() -> None:
    months = by_month(month_compliance(date(2025, 9, 22), date(2025, 11, 10), [], []))
    assert months[date(2025, 9, 1)].covered_days == 9 and months[date(2025, 9, 1)].required_visits == 1  # 2×9/30
    assert months[date(2025, 10, 1)].required_visits == 2
    assert months[date(2025, 11, 1)].covered_days == 10 and months[date(2025, 11, 1)].required_visits == 1


def test_hours_must_reach_the_rule_too_and_short_visits_are_counted() -> None:
    months = month_compliance(date(2025, 10, 1), date(2025, 10, 31),
                              [VisitTime(date(2025, 10, 8), 79), VisitTime(date(2025, 10, 22), 80)], [])
    october = months[0]
    assert october.visits == 2 and october.short_visits == 1
    assert october.required_minutes == 160 and october.minutes == 159 and not october.met


def test_a_short_visit_is_not_a_qualifying_visit_even_when_the_minutes_add_up() -> None:
    """70 + 90 = 160 minutes, the month's total, but 70 is under 每次不少于2课时: not 达标."""
    october = month_compliance(date(2025, 10, 1), date(2025, 10, 31),
                               [VisitTime(date(2025, 10, 8), 70), VisitTime(date(2025, 10, 22), 90)], [])[0]
    assert october.minutes == 160 and october.qualifying_visits == 1 and not october.met
    assert october.visits_missing == 1 and october.visits_zh == "2次，其中1次不足2课时"
    assert october.verdict_zh(date(2025, 12, 1)) == "未达标，差1次"


@pytest.mark.parametrize(("minutes", "met"), [(79, False), (80, True)])
def test_the_qualifying_boundary_is_the_rule_periods_exactly(minutes: int, met: bool) -> None:
    october = month_compliance(date(2025, 10, 1), date(2025, 10, 31),
                               [VisitTime(date(2025, 10, 8), minutes), VisitTime(date(2025, 10, 22), 200)], [])[0]
    assert october.met is met and october.short_visits == (0 if met else 1)
    assert october.visits_zh == ("2次" if met else "2次，其中1次不足2课时")


def test_qualifying_length_follows_the_rule_in_force_each_month() -> None:
    """From November one period of 45 minutes is enough: the same 50-minute visits fail October, pass November."""
    rules = [VisitRule(effective_from=date(2000, 1, 1)), VisitRule(PER_MONTH, 2, 1, 45, date(2025, 11, 1))]
    visits = [VisitTime(date(2025, m, d), 50) for m in (10, 11) for d in (6, 20)]
    october, november = month_compliance(date(2025, 10, 1), date(2025, 11, 30), visits, rules)
    assert october.short_visits == 2 and not october.met and october.visits_zh == "2次，其中2次不足2课时"
    assert november.short_visits == 0 and november.met


def test_a_semester_rule_counts_only_qualifying_visits() -> None:
    rule = VisitRule(PER_SEMESTER, 2, 2, 40, date(2000, 1, 1))  # 2 a semester → 1 in each of two months
    visits = [VisitTime(date(2025, 9, 10), 79), VisitTime(date(2025, 9, 24), 120), VisitTime(date(2025, 10, 8), 80)]
    september, october = month_compliance(date(2025, 9, 1), date(2025, 10, 31), visits, [rule])
    assert september.required_visits == 1 and september.qualifying_visits == 1 and september.met
    assert october.met
    alone = month_compliance(date(2025, 9, 1), date(2025, 10, 31), [VisitTime(date(2025, 9, 10), 79),
                             VisitTime(date(2025, 10, 8), 200)], [rule])
    assert not alone[0].met and alone[0].visits_missing == 1 and alone[1].met


def test_a_new_plan_starts_today_while_the_semester_is_under_way() -> None:
    from schooldesk.domain.home_teaching import default_plan_start, judged_months

    start, end = date(2025, 9, 1), date(2026, 1, 31)
    assert default_plan_start(start, end, date(2025, 11, 24)) == date(2025, 11, 24)
    assert default_plan_start(start, end, date(2025, 8, 20)) == start  # not begun: its first day
    assert default_plan_start(start, end, date(2026, 3, 2)) == start  # gone: recorded afterwards
    assert default_plan_start(start, end, date(2025, 11, 24), date(2025, 10, 10)) == date(2025, 10, 10)
    assert default_plan_start(start, end, date(2025, 11, 24), date(2024, 10, 10)) == date(2025, 11, 24)
    assert judged_months(date(2025, 9, 1), end, date(2025, 11, 24)) == [
        date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1)]
    assert judged_months(date(2025, 12, 1), end, date(2025, 11, 24)) == []


def test_each_month_is_judged_by_the_rule_in_force_at_its_start() -> None:
    rules = [VisitRule(PER_WEEK, 1, 1, 45, date(2025, 11, 15))]  # takes effect from 2025-11-01
    assert rule_for(date(2025, 10, 31), rules).min_visits == 2  # the default before it
    visits = [VisitTime(date(2025, 10, d), 80) for d in (6, 20)] + [VisitTime(date(2025, 11, d), 45) for d in (3, 10, 17, 24)]
    months = by_month(month_compliance(date(2025, 10, 1), date(2025, 11, 30), visits, rules))
    assert months[date(2025, 10, 1)].met and months[date(2025, 10, 1)].rule.per == "month"
    november = months[date(2025, 11, 1)]
    assert november.required_visits == 5  # ceil(1 × 30 / 7)
    assert november.required_minutes == 5 * 45 and not november.met and november.visits_missing == 1


def test_a_semester_rule_spreads_over_the_plan() -> None:
    rule = VisitRule(PER_SEMESTER, 10, 1, 30, date(2000, 1, 1))
    months = month_compliance(date(2025, 9, 1), date(2026, 1, 31), [], [rule])
    assert [m.required_visits for m in months] == [2, 2, 2, 2, 2]  # 10 shared over 153 days by running total
    short = month_compliance(date(2025, 9, 1), date(2025, 10, 15), [], [VisitRule(PER_SEMESTER, 3, 1, 30)])
    assert [m.required_visits for m in short] == [2, 1]  # ceil(3 × 30/45) = 2, then 3 − 2


def test_visit_length_and_rule_limits() -> None:
    assert visit_minutes(time(14, 0), time(15, 30)) == 90
    assert lesson_periods(90, 45) == 2.0
    with pytest.raises(ValidationError) as error:
        visit_minutes(time(15, 0), time(15, 0))
    assert error.value.field == "end_time"
    with pytest.raises(ValidationError) as error:
        validate_rule(VisitRule(min_visits=0))
    assert error.value.field == "min_visits"
    assert validate_rule(VisitRule(effective_from=date(2025, 11, 19))).effective_from == date(2025, 11, 1)
    assert VisitRule().label_zh == "每月不少于2次，每次不少于2课时（每课时40分钟）"


# ---- services ---------------------------------------------------------------------------------------

def test_plan_with_two_teachers_is_listed_for_its_semester(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    assert plan.teacher_names == "李春梅、赵国强" and plan.goals == ("文化知识", "康复训练")
    summaries = list_plans(db, TERM1, date(2025, 10, 15))
    assert [s.plan.pupil_name for s in summaries] == ["陈小宇"]
    assert summaries[0].this_month is not None and summaries[0].this_month.required_visits == 2
    assert list_plans(db, SemesterKey(2025, 2), date(2025, 10, 15)) == []
    with pytest.raises(ValidationError) as error:
        add_plan(db, pupil_id, TERM1, plan_input(teachers))
    assert error.value.field == "pupil"
    candidates = plan_candidates(db, 2025)
    assert candidates[0].name == "陈小宇" and candidates[0].taught_at_home and not candidates[1].taught_at_home


def test_plan_rules(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    for changes, field in [({"teacher_ids": ()}, "teachers"), ({"goals": ()}, "goals"),
                           ({"end_date": date(2026, 2, 5)}, "end_date"), ({"end_date": date(2025, 8, 1)}, "end_date")]:
        with pytest.raises(ValidationError) as error:
            add_plan(db, pupil_id, TERM1, plan_input(teachers, **changes))
        assert error.value.field == field, changes
    with pytest.raises(NotFoundError):
        add_plan(db, pupil_id, SemesterKey(2030, 1), plan_input(teachers))
    assert list_plans(db, TERM1, date(2025, 10, 1)) == []


def test_visit_with_two_teachers_and_a_photo_changes_compliance(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    before = by_month(plan_compliance(db, plan.id))[date(2025, 10, 1)]
    assert before.visits == 0 and not before.met
    source = photo(db.path.parent / "IMG_0001.jpg")
    first = add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), new_photos=(source,)))
    add_visit(db, plan.id, visit_input(teachers[:1], date(2025, 10, 22), start_time=time(9, 0), end_time=time(10, 20)))
    after = by_month(plan_compliance(db, plan.id))[date(2025, 10, 1)]
    assert (after.visits, after.minutes, after.met) == (2, 170, True)
    assert first.teacher_names == "李春梅、赵国强" and first.minutes == 90
    stored = first.photos[0].path
    assert stored.is_file() and stored.parent.parent == db.path.parent / "photos"
    with Image.open(stored) as kept:
        assert max(kept.size) == 2048 and not kept.getexif()  # shrunk, GPS and maker removed
    assert first.photos[0].original_name == "IMG_0001.jpg"
    updated = update_visit(db, first.id, visit_input(teachers, date(2025, 10, 8), photo_ids=(first.photos[0].id,),
                                                     performance="能说出“山”"))
    assert updated.photos == first.photos and updated.performance == "能说出“山”"
    delete_visit(db, first.id)
    assert [v.date for v in list_visits(db, plan.id)] == [date(2025, 10, 22)]


def test_bad_visits_save_nothing(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8)))
    not_a_picture = db.path.parent / "notes.jpg"
    not_a_picture.write_text("not an image", encoding="utf-8")
    cases = [
        ({"date": date(2025, 10, 8), "start_time": time(15, 0), "end_time": time(16, 0)}, "start_time"),  # overlaps
        ({"date": date(2026, 2, 3)}, "date"),  # outside the plan
        ({"date": date(2025, 10, 9), "end_time": time(13, 0)}, "end_time"),
        ({"date": date(2025, 10, 9), "teacher_ids": ()}, "teachers"),
        ({"date": date(2025, 10, 9), "content_kinds": ()}, "content_kinds"),
        ({"date": date(2025, 10, 9), "content": "  "}, "content"),
        ({"date": date(2025, 10, 9), "new_photos": (not_a_picture,)}, "photos"),
    ]
    for changes, field in cases:
        day = changes.pop("date")
        with pytest.raises(ValidationError) as error:
            add_visit(db, plan.id, visit_input(teachers, day, **changes))  # type: ignore[arg-type]
        assert error.value.field == field, changes
    assert len(list_visits(db, plan.id)) == 1
    with pytest.raises(ValidationError) as error:
        add_visit(db, plan.id, visit_input(teachers, date(2025, 12, 1)), today=date(2025, 11, 30))
    assert error.value.field == "date"
    with pytest.raises(ValidationError) as error:  # the plan cannot shrink away from a logged visit
        update_plan(db, plan.id, plan_input(teachers, start_date=date(2025, 10, 10)))
    assert error.value.field == "start_date"


def test_rule_change_applies_from_its_month_and_the_home_list_follows(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    for day in (date(2025, 10, 8), date(2025, 10, 22), date(2025, 11, 5), date(2025, 11, 19)):
        add_visit(db, plan.id, visit_input(teachers, day))
    assert by_month(plan_compliance(db, plan.id))[date(2025, 11, 1)].met
    assert behind_this_month(db, date(2025, 11, 25)) == []
    set_visit_rule(db, VisitRule(min_visits=3, effective_from=date(2025, 11, 20)))
    months = by_month(plan_compliance(db, plan.id))
    assert months[date(2025, 10, 1)].met and not months[date(2025, 11, 1)].met
    behind = behind_this_month(db, date(2025, 11, 25))
    assert [(b.plan.pupil_name, b.plan.teacher_names, b.this_month.visits_missing) for b in behind] == [
        ("陈小宇", "李春梅、赵国强", 1)]
    set_visit_rule(db, VisitRule(min_visits=2, effective_from=date(2025, 11, 1)))  # same month: replaced
    assert [r.min_visits for r in visit_rules(db)] == [2]


def test_log_for_printing_and_lookup_by_number(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, number = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8)))
    assert find_plan(db, f"g{number.lower()}", TERM1) == plan.id
    assert find_plan(db, number, TERM1) == plan.id
    with pytest.raises(NotFoundError):
        find_plan(db, number, SemesterKey(2025, 2))
    with pytest.raises(NotFoundError):
        find_plan(db, "G000", TERM1)
    log = home_teaching_log(db, plan.id)
    assert log.school_name == "石桥村小学" and log.child.name == "陈小宇" and len(log.visits) == 1
    assert log.rule.min_visits == 2 and len(log.months) == 5


def test_demo_school_has_a_child_taught_at_home_with_a_semester_of_visits(db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.demo import create_demo_school
    from schooldesk.services.health import check_database

    today = date(2026, 11, 24)
    create_demo_school(db, today=today)
    [spring] = list_plans(db, SemesterKey(2025, 2), today)
    [autumn] = list_plans(db, SemesterKey(2026, 1), today)
    assert spring.plan.pupil_name == autumn.plan.pupil_name == "周若汐" and len(spring.plan.teachers) == 2
    assert spring.visits >= 9 and autumn.visits >= 5
    assert 0 < spring.months_met < len(spring.months)  # one month fell short, to show what that looks like
    counts = check_database(db).counts
    assert counts["photos"] == 3 + 1 + 4 and counts["home-teaching plans"] == 2  # and a mentoring pair's, activities
    assert all(v.date < today for v in list_visits(db, autumn.plan.id))


def test_a_home_teaching_visit_counts_as_support_for_the_overdue_list(home) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.domain.care import DISABLED
    from schooldesk.services.care import CareInput, add_care
    from schooldesk.services.support import overdue_support

    db, pupil_id, teachers, _ = home
    add_care(db, pupil_id, CareInput(DISABLED, date(2025, 9, 1), responsible_teacher_id=teachers[0],
                                     details={"type": "智力", "grade": "一级", "placement": "送教上门"}))
    assert [o.pupil_name for o in overdue_support(db, date(2025, 10, 20), 2025)] == ["陈小宇"]
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 15)))
    assert overdue_support(db, date(2025, 10, 20), 2025) == []


def test_a_plan_made_by_mistake_can_go_but_not_one_with_visits(home) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.home_teaching import delete_plan

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8)))
    with pytest.raises(ValidationError):
        delete_plan(db, plan.id)
    assert len(list_visits(db, plan.id)) == 1
    delete_visit(db, list_visits(db, plan.id)[0].id)
    delete_plan(db, plan.id)
    assert list_plans(db, TERM1, date(2025, 10, 8)) == []
