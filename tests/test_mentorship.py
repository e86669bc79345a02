"""师徒结对: target arithmetic per month, semester and year and across a target change; an observation between
the two counts once for the pair and never outside its dates; only the two (or the office) add records;
the assessment's measured items pre-filled from the counts."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from schooldesk.db.database import Database
from schooldesk.domain.access import AccessDenied, Actor
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.mentorship import (
    APPRENTICE_OBSERVES, MENTOR_OBSERVES, PER_MONTH, PER_SEMESTER, PRESETS, Evidence, Target, TargetVersion,
    months_counted, progress,
)
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.mentorship import (
    GuidanceInput, PairInput, add_guidance, add_pair, carry_into_next_year, delete_guidance, pair_activities, update_pair,
)
from schooldesk.services.mentorship_assessment import AssessmentInput, get_assessment, save_assessment
from schooldesk.services.mentorship_targets import pair_progress, set_targets, year_progress
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher

AUTUMN = SemesterKey(2025, 1)  # 2025-09-01 … 2026-01-31
TERM = (date(2025, 9, 1), date(2026, 1, 31))
YEAR = (date(2025, 9, 1), date(2026, 8, 31))
TODAY = date(2026, 1, 31)
AGREEMENT = PRESETS["协议书（研讨与公开课）"]


def _by_name(rows):  # type: ignore[no-untyped-def]
    return {r.name: (r.done, r.required) for r in rows}


# ---- the domain -------------------------------------------------------------------------------------------

def test_a_month_counts_when_the_pair_is_active_on_its_15th() -> None:
    assert months_counted(*TERM) == [date(2025, m, 1) for m in (9, 10, 11, 12)] + [date(2026, 1, 1)]
    assert months_counted(date(2025, 9, 15), date(2026, 1, 15)) == months_counted(*TERM)
    assert months_counted(date(2025, 9, 16), date(2026, 1, 14))[0] == date(2025, 10, 1)
    assert len(months_counted(date(2025, 9, 16), date(2026, 1, 14))) == 3


def test_targets_per_month_semester_and_year() -> None:
    evidence = [Evidence(day=date(2025, 9, 10), kind="谈心交流"), Evidence(day=date(2025, 10, 8), kind="备课指导/教案审阅"),
                Evidence(day=date(2025, 10, 9), observes=APPRENTICE_OBSERVES, lesson_type="新授课"),
                Evidence(day=date(2025, 11, 20), observes=MENTOR_OBSERVES, lesson_type="公开课"),
                Evidence(day=date(2026, 4, 1), kind="公开课指导"), Evidence(day=date(2025, 12, 3), kind="论文指导")]
    rows = _by_name(progress(pair=YEAR, semester=TERM, year=YEAR, evidence=evidence, versions=[
        TargetVersion(effective_from=date(2000, 1, 1), targets=AGREEMENT)], today=TODAY))
    assert rows["研讨"] == (2, 10)  # 2 a month × 5 months
    assert rows["徒弟听师傅课"] == (1, 10)
    assert rows["试验课"] == (1, 2)  # the mentor observed a lesson of the apprentice's
    assert rows["公开课"] == (2, 1)  # per year: the spring 公开课指导 counts too
    assert rows["论文"] == (1, 1)


def test_a_pair_agreed_in_october_and_a_target_change_from_november() -> None:
    raised = tuple(replace(t, minimum=3) if t.name == "研讨" else t for t in AGREEMENT)
    versions = [TargetVersion(effective_from=date(2000, 1, 1), targets=AGREEMENT),
                TargetVersion(effective_from=date(2025, 11, 1), targets=raised)]
    rows = progress(pair=(date(2025, 10, 10), YEAR[1]), semester=TERM, year=YEAR, evidence=[], versions=versions,
                    today=TODAY)
    assert _by_name(rows)["研讨"] == (0, 2 + 3 + 3 + 3)  # October at 2, then 3 a month; September not counted
    assert [r.per for r in rows][:2] == [PER_MONTH, PER_MONTH]
    assert [r.name for r in rows if r.behind] == ["研讨", "徒弟听师傅课", "试验课", "论文"]  # the term is over
    assert not next(r for r in rows if r.name == "公开课").behind  # a yearly one has till August
    # a semester target follows the version in force when the pair's term begins
    semester = [TargetVersion(effective_from=date(2000, 1, 1), targets=(Target(name="听课", per=PER_SEMESTER, minimum=8,
                kinds=("徒弟听师傅课",)),)), TargetVersion(effective_from=date(2025, 12, 1), targets=(
                Target(name="听课", per=PER_SEMESTER, minimum=12, kinds=("徒弟听师傅课",)),))]
    assert _by_name(progress(pair=YEAR, semester=TERM, year=YEAR, evidence=[], versions=semester, today=TODAY)) == {
        "听课": (0, 8)}
    spring = (date(2026, 2, 1), date(2026, 7, 15))
    assert _by_name(progress(pair=YEAR, semester=spring, year=YEAR, evidence=[], versions=semester, today=TODAY)) == {
        "听课": (0, 12)}
    assert progress(pair=(date(2026, 2, 10), YEAR[1]), semester=TERM, year=YEAR, evidence=[], versions=semester,
                    today=TODAY) == []  # not yet paired in the autumn


# ---- the services -------------------------------------------------------------------------------------------

@pytest.fixture
def pair(school_db: Database):  # type: ignore[no-untyped-def]
    db = school_db
    mentor, apprentice, other = (add_teacher(db, TeacherInput(n, g)).id for n, g in
                                 (("王秀英", "女"), ("李小青", "女"), ("赵国强", "男")))
    row = add_pair(db, PairInput(school_year=2025, mentor_id=mentor, apprentice_id=apprentice, subject="语文",
                                 pairing_type="入门式", agreement_date=date(2025, 9, 10), goals="站稳讲台"))
    return db, row, other


def _observe(db: Database, observer: int, taught: int, day: date, **changes: object) -> int:
    values = dict(observer_id=observer, taught_teacher_id=taught, class_id=None, subject="语文", topic="《掌声》",
                  lesson_type="新授课", kind="师徒听课", date=day, period=2)
    values.update(changes)
    return add_observation(db, ObservationInput(**values), today=TODAY).id  # type: ignore[arg-type]


def test_an_observation_between_the_two_counts_once_and_never_outside_the_pairing(pair) -> None:  # type: ignore[no-untyped-def]
    db, row, other = pair
    m, a = row.mentor.id, row.apprentice.id
    _observe(db, a, m, date(2025, 10, 9))  # 徒弟听师傅课
    _observe(db, m, a, date(2025, 10, 16))  # 师傅听徒弟课
    _observe(db, a, m, date(2025, 9, 5))  # before the agreement: not the pair's
    _observe(db, other, a, date(2025, 10, 20))  # someone else observed the apprentice
    _observe(db, a, other, date(2025, 10, 21))
    add_guidance(db, row.id, GuidanceInput(date=date(2025, 10, 9), kind="徒弟听师傅课", topic="《掌声》",
                                           content="听课并写反思"), today=TODAY)
    counts = _by_name(pair_progress(db, row.id, AUTUMN, TODAY).targets)
    assert counts["徒弟听师傅课"] == (2, 8) and counts["师傅听徒弟课"] == (1, 8)  # the guidance record and one observation
    lines = pair_activities(db, row.id)
    assert [(l.date, l.is_observation) for l in lines] == [(date(2025, 10, 9), False), (date(2025, 10, 9), True),
                                                          (date(2025, 10, 16), True)]
    # the pairing ended in December: a later observation between them is no longer the pair's
    update_pair(db, row.id, PairInput(school_year=2025, mentor_id=m, apprentice_id=a, subject="语文", pairing_type="入门式",
                                      agreement_date=date(2025, 9, 10), status="解除", status_date=date(2025, 12, 1),
                                      status_reason="徒弟调离"))
    _observe(db, m, a, date(2025, 12, 15))
    assert _by_name(pair_progress(db, row.id, AUTUMN, TODAY).targets)["师傅听徒弟课"] == (1, 8)
    assert not pair_progress(db, row.id, AUTUMN, TODAY).behind  # an ended pairing is not "behind"


def test_only_the_two_or_the_office_add_to_a_pair(pair, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.builders import photo

    db, row, other = pair
    record = GuidanceInput(date=date(2025, 10, 9), kind="谈心交流", topic="班级管理", new_photos=(photo(tmp_path / "a.jpg"),))
    db.actor = Actor("zhao", "teacher", other)
    with pytest.raises(AccessDenied):
        add_guidance(db, row.id, record, today=TODAY)
    from schooldesk.db.photo_store import PHOTO_DIRNAME

    assert not any((db.path.parent / PHOTO_DIRNAME).rglob("*.jp*g"))  # refused before its photo was stored
    db.actor = Actor("li", "teacher", row.apprentice.id)
    first = add_guidance(db, row.id, record, today=TODAY)
    db.actor = Actor("wang", "teacher", row.mentor.id)
    add_guidance(db, row.id, replace(record, kind="备课指导/教案审阅", new_photos=()), today=TODAY)
    with pytest.raises(AccessDenied):
        add_pair(db, PairInput(school_year=2025, mentor_id=row.mentor.id, apprentice_id=other, subject="语文",
                               pairing_type="入门式", agreement_date=date(2025, 9, 10)))
    db.actor = Actor("zhao", "teacher", other)
    with pytest.raises(AccessDenied):
        delete_guidance(db, first)
    db.actor = Actor("office1", "office")
    with pytest.raises(ValidationError) as error:
        add_guidance(db, row.id, replace(record, date=date(2025, 9, 1), new_photos=()), today=TODAY)
    assert error.value.field == "date"
    assert len(pair_activities(db, row.id)) == 2 and pair_activities(db, row.id)[0].photos


def test_pairs_are_checked_and_carried_into_the_next_year(pair) -> None:  # type: ignore[no-untyped-def]
    db, row, other = pair
    m, a = row.mentor.id, row.apprentice.id
    base = dict(school_year=2025, mentor_id=m, subject="语文", pairing_type="入门式", agreement_date=date(2025, 9, 10))
    for changes, field in (({"apprentice_id": m}, "apprentice"), ({"apprentice_id": a}, "apprentice"),
                           ({"apprentice_id": other, "agreement_date": date(2026, 9, 1)}, "agreement_date"),
                           ({"apprentice_id": other, "status": "解除", "status_date": date(2025, 12, 1)}, "status_reason")):
        with pytest.raises(ValidationError) as error:
            add_pair(db, PairInput(**{**base, **changes}))  # type: ignore[arg-type]
        assert error.value.field == field
    carried = carry_into_next_year(db, row.id)
    assert (carried.school_year, carried.agreement_date, carried.carried_from_id) == (2026, date(2026, 9, 1), row.id)
    from schooldesk.services.mentorship import get_pair

    assert get_pair(db, row.id).status == "期满"


def test_the_assessment_prefills_the_measured_items_from_the_years_counts(pair) -> None:  # type: ignore[no-untyped-def]
    db, row, _other = pair
    m, a = row.mentor.id, row.apprentice.id
    for day in (date(2025, 10, 9), date(2025, 10, 23), date(2025, 11, 6), date(2025, 11, 20)):
        _observe(db, a, m, day)  # 4 of 8 this term; none in spring yet
    for day in (date(2025, 10, 15), date(2025, 11, 12), date(2025, 12, 10)):
        add_guidance(db, row.id, GuidanceInput(date=day, kind="备课指导/教案审阅", topic="教案审阅"), today=TODAY)
    draft = get_assessment(db, row.id, TODAY)
    assert not draft.saved and draft.result == ""
    counts = {name: (done, required) for name, done, required in draft.counts}
    assert counts["徒弟听师傅课"] == (4, 16) and counts["教案审阅"] == (3, 6)  # two terms of the year
    by_item = dict(zip([i.name for i in draft.form.items], draft.scores))
    assert by_item["徒弟：听课"] == "3.8"  # 15 × 4/16 = 3.75, half up
    assert by_item["徒弟：教案上交"] == "5" and by_item["师傅：听课评课"] == "0" and by_item["师傅：徒弟进步"] == ""
    scores = tuple(v or "8" for v in draft.scores)
    saved = save_assessment(db, row.id, AssessmentInput(date=date(2026, 7, 1), scores=scores, comments="进步明显"),
                            today=TODAY)
    assert saved.saved and saved.scored.total == pytest.approx(sum(float(v) for v in scores))
    assert saved.result == "不合格"  # 3.8+8+5+8+8+0+8+8+8 = 56.8 < 60
    with pytest.raises(ValidationError):
        save_assessment(db, row.id, AssessmentInput(date=date(2026, 7, 1), scores=("", ) * 9), today=TODAY)


def test_the_years_pairs_and_a_school_target_change(pair) -> None:  # type: ignore[no-untyped-def]
    db, row, _other = pair
    set_targets(db, TargetVersion(effective_from=date(2025, 9, 1), targets=AGREEMENT))
    [line] = year_progress(db, 2025, AUTUMN, date(2025, 12, 1))
    assert [t.name for t in line.targets] == ["研讨", "徒弟听师傅课", "试验课", "公开课", "论文"]
    assert line.behind and "研讨 0/10" in line.summary
