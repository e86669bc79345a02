"""听课评课: scoring on the shipped and edited rubrics, versions that keep old totals, per-item bands, quotas
with a 职务 change and a quota change mid-semester, several observers' average, and who may write what."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from schooldesk.db.database import Database
from schooldesk.domain.access import Actor, AccessDenied
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.observation import (
    DEFAULT_QUOTAS, CheckResult, DutySpell, QuotaVersion, due_by, lesson_average, LessonScore,
    required_observations, weeks_left,
)
from schooldesk.domain.rubrics import (
    HUNDRED_POINT, ITEM_RATING, LABEL_SETS, RATINGS, RubricItem, parse_bands, score, validate_rubric,
)
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.observation_quotas import quota_table, set_quotas
from schooldesk.services.observations import (
    ObservationFilter, ObservationInput, add_observation, delete_observation, get_observation, list_observations,
    update_observation,
)
from schooldesk.services.rows import TeacherInput
from schooldesk.services.rubrics import add_rubric, list_rubrics, update_rubric
from schooldesk.services.teacher_duties import set_teacher_duties
from schooldesk.services.teachers import add_teacher

AUTUMN = SemesterKey(2025, 1)  # 2025-09-01 … 2026-01-31 (153 days)
TODAY = date(2026, 1, 31)


# ---- the domain -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "total", "grade"), [
    ((10, 15, 25, 30, 20), 100, "优"),
    ((9, 13.5, 22.5, 27, 18), 90, "优"),  # exactly the 优 threshold
    ((9, 13.5, 22.5, 27, 17.9), 89.9, "良"),
    ((8, 12, 20, 24, 16), 80, "良"),
    ((6, 9, 15, 18, 12), 60, "合格"),
    ((6, 9, 15, 18, 11.5), 59.5, "不合格"),
    ((0, 0, 0, 0, 0), 0, "不合格"),
])
def test_the_hundred_point_rubric_adds_up_and_grades_at_its_bands(values, total, grade) -> None:  # type: ignore[no-untyped-def]
    scored = score(HUNDRED_POINT, values)
    assert scored is not None and (scored.total, scored.grade, scored.maximum) == (total, grade, 100)


def test_the_item_rating_rubric_sums_five_four_three_two() -> None:
    assert ITEM_RATING.maximum == 30
    scored = score(ITEM_RATING, ["优", "优", "良", "良", "中", "差"])
    assert scored is not None and scored.total == 5 + 5 + 4 + 4 + 3 + 2 == 23 and scored.grade == "良"
    assert [i.grade for i in scored.items] == ["优", "优", "良", "良", "中", "差"]
    assert score(ITEM_RATING, ["优"] * 5 + ["中"]).grade == "优"  # 28 ≥ 27
    assert score(ITEM_RATING, ["中"] * 6).grade == "中" and score(ITEM_RATING, ["中"] * 5 + ["差"]).grade == "差"


def test_scores_out_of_range_or_half_given_are_refused_at_their_item() -> None:
    with pytest.raises(ValidationError) as error:
        score(HUNDRED_POINT, [10, 15, 26, 30, 20])
    assert error.value.field == "score_2"
    with pytest.raises(ValidationError) as error:
        score(HUNDRED_POINT, [10, -1, 25, 30, 20])
    assert error.value.field == "score_1"
    with pytest.raises(ValidationError) as error:
        score(HUNDRED_POINT, [10, 15, None, 30, 20])
    assert error.value.field == "score_2"
    with pytest.raises(ValidationError) as error:
        score(ITEM_RATING, ["优", "优秀", "良", "良", "中", "差"])
    assert error.value.field == "score_1"
    assert score(HUNDRED_POINT, [None] * 5) is None  # kept without scores


def test_an_edited_rubric_scores_by_its_own_items_weights_labels_and_bands() -> None:
    edited = validate_rubric(replace(
        HUNDRED_POINT, name="本校听课评价表", items=(
            RubricItem(name="教学目标", weight=40), RubricItem(name="教学过程", weight=25),
            RubricItem(name="学生活动", weight=15), RubricItem(name="教学效果", weight=20)),
        bands=parse_bands("优秀 90，良好 80，合格 70，及格 60，不合格")))
    assert edited.maximum == 100
    assert score(edited, [36, 22.5, 13, 18]).total == 89.5 and score(edited, [36, 22.5, 13, 18]).grade == "良好"
    assert score(edited, [28, 17.5, 10.5, 14]).grade == "合格"  # 70
    assert score(edited, [24, 15, 9, 11.9]).grade == "不合格"  # 59.9
    ratings = validate_rubric(replace(ITEM_RATING, labels=LABEL_SETS["优秀良好合格不合格"],
                                      items=(*ITEM_RATING.items, RubricItem(name="板书设计", weight=10))))
    scored = score(ratings, ["优秀"] * 6 + ["良好"])
    assert scored.total == 30 + 8 and scored.maximum == 40  # 良好 is 4/5 of the item's 10 points


def test_per_item_bands_grade_each_item() -> None:
    banded = validate_rubric(replace(HUNDRED_POINT, items=tuple(
        replace(i, bands=parse_bands(f"优 {i.weight * 0.9:g}，良 {i.weight * 0.8:g}，待改进")) for i in HUNDRED_POINT.items)))
    scored = score(banded, [9, 12, 19.9, 30, 16])
    assert [i.grade for i in scored.items] == ["优", "良", "待改进", "优", "良"]
    with pytest.raises(ValidationError):
        validate_rubric(replace(HUNDRED_POINT, items=(replace(HUNDRED_POINT.items[0], bands=parse_bands("优 11，差")),
                                                      *HUNDRED_POINT.items[1:])))


def test_bands_are_read_as_the_school_writes_them() -> None:
    assert parse_bands("优≥90，良≥80，合格≥60，不合格") == HUNDRED_POINT.bands
    assert parse_bands(HUNDRED_POINT.bands.text) == HUNDRED_POINT.bands
    for wrong in ("优 90", "良 80，优 90，差", "优 90，良，差", "优 90，优 80，差", "优 90，良 80，差 10"):
        with pytest.raises(ValidationError):
            parse_bands(wrong)


def test_a_term_asks_the_highest_quota_of_the_duties_held_weighted_by_day() -> None:
    start, end = date(2025, 9, 1), date(2026, 1, 31)  # 153 days
    assert required_observations(start, end, [], []) == 12
    assert required_observations(start, end, [DutySpell(duty="班主任", start=date(2000, 1, 1)),
                                              DutySpell(duty="教研组长", start=date(2000, 1, 1))], []) == 14
    # named 教研组长 halfway (day 77 of 153): 76 days at 12, 77 at 14 → 13.006… → 13
    half = [DutySpell(duty="教研组长", start=date(2025, 11, 16))]
    assert required_observations(start, end, half, []) == 13
    # a 职务 held only the last week barely moves it: (146 × 12 + 7 × 14) / 153 = 12.09 → 12
    assert required_observations(start, end, [DutySpell(duty="校长", start=date(2026, 1, 25))], []) == 12
    # the quota raised from a date: 12 until 2025-12-31 (122 days), 16 after (31 days) → 12.81 → 13
    raised = [QuotaVersion(effective_from=date(2026, 1, 1), quotas={**DEFAULT_QUOTAS, "教师": 16})]
    assert required_observations(start, end, [], raised) == 13
    # a change on the first day holds the whole term
    assert required_observations(start, end, [], [replace(raised[0], effective_from=start)]) == 16


def test_the_pace_and_the_weeks_left() -> None:
    start, end = date(2025, 9, 1), date(2026, 1, 31)
    assert due_by(12, start, end, date(2025, 8, 31)) == 0
    assert due_by(12, start, end, date(2025, 9, 1)) == 0  # 12 × 1/153
    assert due_by(12, start, end, date(2025, 11, 15)) == 5  # 76 days: 5.96
    assert due_by(12, start, end, date(2025, 11, 16)) == 6  # 77 days: 6.04
    assert due_by(12, start, end, end) == 12 and due_by(12, start, end, date(2026, 3, 1)) == 12
    assert weeks_left(end, end) == 1 and weeks_left(end, date(2026, 1, 24)) == 2 and weeks_left(end, date(2026, 2, 1)) == 0


def test_the_average_of_several_observers() -> None:
    assert lesson_average([]) is None
    assert lesson_average([LessonScore(total=92, maximum=100), LessonScore(total=85.5, maximum=100),
                           LessonScore(total=80, maximum=100)]) == 85.8
    # one on 100 points, one on a 30-point rating form (24/30 = 80): the average on a scale of 100
    assert lesson_average([LessonScore(total=90, maximum=100), LessonScore(total=24, maximum=30)]) == 85


# ---- the services -------------------------------------------------------------------------------------------

@pytest.fixture
def staff(school_db: Database) -> tuple[Database, list[int]]:
    names = [("王校长", "男"), ("李春梅", "女"), ("赵国强", "男"), ("孙丽", "女")]
    return school_db, [add_teacher(school_db, TeacherInput(n, g)).id for n, g in names]


def _lesson(observer: int, taught: int, day: date = date(2025, 10, 14), **changes: object) -> ObservationInput:
    values = dict(observer_id=observer, taught_teacher_id=taught, class_id=None, subject="语文", topic="《秋天的雨》",
                  lesson_type="新授课", kind="推门听课", date=day, period=2, process_record="导入：看图说话\n新授：朗读感悟")
    values.update(changes)
    return ObservationInput(**values)  # type: ignore[arg-type]


def _hundred(db: Database) -> int:
    return next(r for r in list_rubrics(db) if r.definition.mode != RATINGS).version_id


def test_both_rubrics_ship_and_the_hundred_point_one_is_the_default(staff) -> None:  # type: ignore[no-untyped-def]
    db, _ = staff
    rubrics = list_rubrics(db)
    assert [r.definition for r in rubrics] == [HUNDRED_POINT, ITEM_RATING]
    assert [r.is_default for r in rubrics] == [True, False]


def test_a_rubric_edited_after_use_leaves_old_totals_and_grades(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao, sun) = staff
    rubric = list_rubrics(db)[0]
    scored = add_observation(db, _lesson(head, li, rubric_version_id=rubric.version_id,
                                         scores=("9", "13", "22", "27", "18")), today=TODAY)
    assert (scored.total, scored.grade) == (89, "良")
    tightened = replace(rubric.definition, bands=parse_bands("优 95，良 90，合格 70，不合格"),
                        items=(*rubric.definition.items[:4], RubricItem(name="教师素质与板书", weight=20)))
    after = update_rubric(db, rubric.id, tightened)
    assert after.version == 2 and after.version_id != rubric.version_id
    kept = get_observation(db, scored.id)
    assert (kept.total, kept.grade, kept.rubric.items[4].name) == (89, "良", "教师素质")
    fresh = add_observation(db, _lesson(head, zhao, rubric_version_id=after.version_id,
                                        scores=("9", "13", "22", "27", "18")), today=TODAY)
    assert (fresh.total, fresh.grade) == (89, "合格")
    # an unused version is corrected in place: no third version for a rubric nobody scored with yet
    ratings = list_rubrics(db)[1]
    assert update_rubric(db, ratings.id, replace(ratings.definition, name="等级评价表")).version == 1


def test_a_new_rubric_and_its_scores(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, *_rest) = staff
    own = add_rubric(db, Rubric := validate_rubric(replace(ITEM_RATING, name="本校等级表",
                                                             labels=LABEL_SETS["优秀良好合格不合格"])))
    assert own.definition == Rubric
    row = add_observation(db, _lesson(head, li, rubric_version_id=own.version_id, scores=("优秀",) * 5 + ("合格",)),
                          today=TODAY)
    assert (row.total, row.grade) == (28, "优")


def test_several_observers_of_one_lesson_each_keep_their_record_and_share_its_average(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao, sun) = staff
    version = _hundred(db)
    for observer, scores in ((head, ("10", "14", "23", "28", "17")), (zhao, ("8", "12", "20", "26", "16"))):
        add_observation(db, _lesson(observer, li, rubric_version_id=version, scores=scores), today=TODAY)
    add_observation(db, _lesson(sun, li), today=TODAY)  # watched, not scored: not in the average
    add_observation(db, _lesson(sun, li, period=3, rubric_version_id=version, scores=("1",) * 5), today=TODAY)
    rows = [r for r in list_observations(db, AUTUMN) if r.period == 2]
    assert len(rows) == 3 and {r.lesson_observers for r in rows} == {3}
    assert {r.lesson_average for r in rows} == {(92 + 82) / 2}


def test_validation_names_its_field(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, *_rest) = staff
    version = _hundred(db)
    for data, name in (
        (_lesson(head, head), "taught_teacher"),
        (_lesson(head, li, day=date(2025, 8, 20)), "date"),  # the summer holiday: not in term time
        (_lesson(head, li, day=date(2026, 2, 10)), "date"),  # after "today"
        (_lesson(head, li, rubric_version_id=version, scores=("10", "16", "20", "20", "20")), "score_1"),
        (_lesson(head, li, topic=" "), "topic"),
        (_lesson(head, li, period=13), "period"),
        (_lesson(head, li, kind="随便听听"), "kind"),
        (_lesson(head, li, checks=(CheckResult(item="批改", rating="有"),)), "checks"),
    ):
        with pytest.raises(ValidationError) as error:
            add_observation(db, data, today=TODAY)
        assert error.value.field == name, data
    assert list_observations(db, AUTUMN) == []


def test_the_looks_beside_the_lesson_are_kept_in_the_forms_order(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, *_rest) = staff
    row = add_observation(db, _lesson(head, li, checks=(
        CheckResult(item="成绩册", rating="无", comment="未带"), CheckResult(item="有无教案", rating="好"),
        CheckResult(item="批改", rating="一般", comment="个别本子未批"))), today=TODAY)
    assert [(c.item, c.rating) for c in row.checks] == [("有无教案", "好"), ("批改", "一般"), ("成绩册", "无")]
    assert row.process_record == "导入：看图说话\n新授：朗读感悟"  # its lines kept


def test_quota_counts_with_a_duty_change_and_a_quota_change_mid_semester(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao, sun) = staff
    set_teacher_duties(db, head, ["校长"], date(2025, 9, 1))  # the first ever: held all along
    set_teacher_duties(db, li, ["班主任"], date(2025, 9, 1))
    set_teacher_duties(db, li, ["班主任", "教研组长"], date(2025, 11, 16))  # named halfway
    set_quotas(db, QuotaVersion(effective_from=date(2026, 1, 1), quotas={**DEFAULT_QUOTAS, "教师": 16}))
    for day in (date(2025, 9, 10), date(2025, 10, 14), date(2026, 1, 20)):
        add_observation(db, _lesson(li, zhao, day=day), today=TODAY)
    add_observation(db, _lesson(head, li, day=date(2025, 12, 1)), today=TODAY)
    add_observation(db, _lesson(head, li, day=date(2026, 3, 2), kind="公开课"), today=date(2026, 3, 3))  # next term
    rows = {r.teacher: r for r in quota_table(db, AUTUMN, date(2025, 12, 1))}
    assert (rows["王校长"].required, rows["王校长"].observed, rows["王校长"].roles) == (14, 1, ("校长",))
    assert (rows["李春梅"].required, rows["李春梅"].observed, rows["李春梅"].observed_by_others) == (13, 3, 1)
    assert rows["李春梅"].roles == ("教研组长", "班主任")
    assert (rows["赵国强"].required, rows["赵国强"].observed_by_others) == (13, 3)  # 122 days at 12, 31 at 16
    assert rows["孙丽"].required == 13 and rows["孙丽"].observed == 0
    # on 2025-12-01 (92 of 153 days) the pace asks 8 of 王校长's 14 and 7 of the others' 13: most behind first
    table = quota_table(db, AUTUMN, date(2025, 12, 1))
    assert [(r.due_now, r.behind) for r in table if r.teacher in ("王校长", "李春梅")] == [(8, True), (7, True)]
    assert table[0].due_now - table[0].observed == 7 and table[-1].teacher == "李春梅"
    # on 2025-09-20 the pace asks 1 lesson: 赵国强 and 孙丽 (none) are behind, the two who observed are not
    assert [(r.teacher, r.behind) for r in quota_table(db, AUTUMN, date(2025, 9, 20))][:2] == [("孙丽", True), ("赵国强", True)]
    assert sum(r.behind for r in quota_table(db, AUTUMN, date(2025, 9, 20))) == 2


def test_a_teacher_writes_only_observations_they_made(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao, _sun) = staff
    theirs = add_observation(db, _lesson(head, li), today=TODAY)
    db.actor = Actor("lichunmei", "teacher", li)
    own = add_observation(db, _lesson(li, zhao), today=TODAY)
    update_observation(db, own.id, replace(_lesson(li, zhao), topic="《秋天》"), today=TODAY)
    with pytest.raises(AccessDenied):
        add_observation(db, _lesson(zhao, head), today=TODAY)
    with pytest.raises(AccessDenied):
        update_observation(db, theirs.id, _lesson(head, li, topic="改了"), today=TODAY)
    with pytest.raises(AccessDenied):  # nor take another's record over by naming themselves
        update_observation(db, theirs.id, _lesson(li, head), today=TODAY)
    with pytest.raises(AccessDenied):
        delete_observation(db, theirs.id)
    with pytest.raises(AccessDenied):
        set_quotas(db, QuotaVersion(effective_from=date(2026, 1, 1), quotas=DEFAULT_QUOTAS))
    db.actor = Actor("office", "office")
    delete_observation(db, theirs.id)
    assert [r.topic for r in list_observations(db, AUTUMN, ObservationFilter(observer_id=li))] == ["《秋天》"]


def test_filters_narrow_the_list(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao, sun) = staff
    add_observation(db, _lesson(head, li), today=TODAY)
    add_observation(db, _lesson(head, zhao, subject="数学", kind="公开课"), today=TODAY)
    add_observation(db, _lesson(sun, zhao, subject="数学"), today=TODAY)
    count = lambda **w: len(list_observations(db, AUTUMN, ObservationFilter(**w)))  # noqa: E731
    assert (count(), count(observer_id=head), count(taught_teacher_id=zhao), count(subject="数学"),
            count(kind="公开课"), count(teacher_id=li)) == (3, 2, 2, 2, 1, 1)
