"""活动记录: kind fields as data (add a field, hide one, a record keeps its values); a 家访 clears the pupil's
overdue support and shows on the profile; a 家访 saved as a 劝返 visit appears once in each place and goes with
it; visit-target arithmetic; a teacher writes only what they organised or took part in."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from schooldesk.db.database import Database
from schooldesk.domain.access import AccessDenied, Actor
from schooldesk.domain.activities import CHOICE, HOME_VISIT, NUMBER, FieldSpec, VisitTargets, shown_values
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.activities import ActivityFilter, ActivityInput, add_activity, delete_activity, get_activity, list_activities, update_activity
from schooldesk.services.activity_kinds import add_field, add_kind, list_kinds, set_field_hidden, set_kind_hidden
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.dropout import CaseInput, VisitInput, delete_visit, list_cases, open_case, update_visit
from schooldesk.services.profile import pupil_profile
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.support import overdue_support
from schooldesk.services.teachers import add_teacher
from schooldesk.services.visit_targets import set_visit_targets, visit_standing
from tests.builders import make_id

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 1)


@pytest.fixture
def school(school_db: Database):  # type: ignore[no-untyped-def]
    db = school_db
    li, zhao = (add_teacher(db, TeacherInput(n, g)).id for n, g in (("李春梅", "女"), ("赵国强", "男")))
    pupils = [add_pupil(db, PupilInput(name=n, gender=g, birth_date=date(2015, 3, i + 1),
                                       id_number=make_id(date(2015, 3, i + 1), g, serial=i + 10), school_year=2025))
              for i, (n, g) in enumerate((("王小明", "男"), ("陈小红", "女"), ("刘小刚", "男")))]
    for pupil in pupils[:2]:
        add_care(db, pupil, CareInput(LEFT_BEHIND, date(2025, 9, 1), responsible_teacher_id=li))
    kinds = {spec.code: kind_id for kind_id, spec in list_kinds(db).items()}
    return db, (li, zhao), pupils, kinds


def _visit(kinds, teacher: int, pupils: tuple[int, ...], day: date = date(2025, 10, 10), **changes: object) -> ActivityInput:  # type: ignore[no-untyped-def]
    values = dict(kind_id=kinds[HOME_VISIT], title="留守儿童家访", date=day, organiser_id=teacher, teacher_ids=(teacher,),
                  pupil_ids=pupils, content="了解孩子在家学习情况", outside_people="村干部张三",
                  values={"way": "入户", "met_with": "王奶奶", "relation": "祖母", "child_seen": "是", "result": "已返校"})
    values.update(changes)
    return ActivityInput(**values)  # type: ignore[arg-type]


def test_the_default_kinds_and_their_fields(school) -> None:  # type: ignore[no-untyped-def]
    db, _teachers, _pupils, kinds = school
    specs = list_kinds(db)
    assert [s.name for s in specs.values()] == ["家访", "主题班会", "教研活动", "家长会", "结对帮扶", "送教下乡", "安全教育",
                                                "心理健康教育", "社团活动", "其他"]
    home = specs[kinds[HOME_VISIT]]
    assert home.counts_as_contact and home.return_visit and home.pupils
    assert [f.label for f in home.fields][:4] == ["家访方式", "见到的人", "与学生关系", "是否见到学生"]
    assert [f.label for f in specs[kinds["teaching_research"]].fields] == ["教研组", "研讨主题", "主讲人", "签到人数", "活动小结"]


def test_kind_fields_are_data_and_a_record_keeps_its_values(school) -> None:  # type: ignore[no-untyped-def]
    db, (li, _zhao), _pupils, kinds = school
    meeting = kinds["class_meeting"]
    spec = add_field(db, meeting, FieldSpec(key="x", label="班会形式", type=CHOICE, choices=("讲座", "讨论", "表演")))
    added = spec.fields[-1]
    assert added.key == "field_1" and added.choices == ("讲座", "讨论", "表演")
    row = add_activity(db, ActivityInput(kind_id=meeting, title="安全伴我行", date=date(2025, 10, 20), organiser_id=li,
                                         values={"theme": "交通安全", "present": "42", added.key: "讨论"}), today=TODAY)
    assert row.values == {"theme": "交通安全", "present": "42", "field_1": "讨论"}
    with pytest.raises(ValidationError) as error:
        add_activity(db, ActivityInput(kind_id=meeting, title="x", date=date(2025, 10, 20), organiser_id=li,
                                       values={"present": "四十"}), today=TODAY)
    assert error.value.field == "value_present"
    with pytest.raises(ValidationError):
        add_activity(db, ActivityInput(kind_id=meeting, title="x", date=date(2025, 10, 20), organiser_id=li,
                                       values={added.key: "唱歌"}), today=TODAY)
    set_field_hidden(db, meeting, "present", True)
    kept = get_activity(db, row.id)
    assert kept.values["present"] == "42"  # hidden, not lost
    assert ("参加人数", "42") in shown_values(kept.kind, kept.values)
    edited = update_activity(db, row.id, ActivityInput(kind_id=meeting, title="安全伴我行", date=date(2025, 10, 20),
                                                       organiser_id=li, values={"theme": "防溺水", added.key: "讲座"}),
                             today=TODAY)
    assert edited.values == {"theme": "防溺水", "present": "42", "field_1": "讲座"}  # the hidden field's value stays
    own, spec = add_kind(db, "研学旅行")
    add_field(db, own, FieldSpec(key="x", label="人数", type=NUMBER))
    set_kind_hidden(db, own, True)
    assert own not in list_kinds(db) and own in list_kinds(db, include_hidden=True)
    with pytest.raises(ValidationError):
        add_activity(db, ActivityInput(kind_id=own, title="x", date=date(2025, 10, 20), organiser_id=li), today=TODAY)


def test_a_home_visit_clears_overdue_support_and_shows_on_the_profile(school) -> None:  # type: ignore[no-untyped-def]
    db, (li, _zhao), (ming, hong, _gang), kinds = school
    overdue = {o.pupil_name for o in overdue_support(db, TODAY, 2025)}
    assert overdue == {"王小明", "陈小红"}  # no contact since the category began on 1 September
    add_activity(db, _visit(kinds, li, (ming,), date(2025, 11, 20)), today=TODAY)
    assert {o.pupil_name for o in overdue_support(db, TODAY, 2025)} == {"陈小红"}
    [entry] = [e for e in pupil_profile(db, ming, 2025).timeline if e.what == "Activity"]
    assert entry.date == date(2025, 11, 20) and "家访" in entry.text and "见到的人：王奶奶" in entry.text
    assert entry.by == "李春梅、村干部张三"
    meeting = add_activity(db, ActivityInput(kind_id=kinds["class_meeting"], title="感恩班会", date=date(2025, 11, 21),
                                             organiser_id=li, pupil_ids=(hong,)), today=TODAY)
    assert meeting.pupil_names == "陈小红"
    assert {o.pupil_name for o in overdue_support(db, TODAY, 2025)} == {"陈小红"}  # a 班会 is not a contact


def test_a_home_visit_saved_as_a_return_visit_appears_once_in_each_place(school) -> None:  # type: ignore[no-untyped-def]
    db, (li, zhao), (_ming, _hong, gang), kinds = school
    case = open_case(db, gang, CaseInput(date(2025, 10, 8), "厌学"))
    visit = add_activity(db, _visit(kinds, li, (gang,), date(2025, 10, 9), teacher_ids=(li, zhao),
                                    values={"met_with": "刘爸爸", "relation": "父亲", "result": "承诺返校"},
                                    return_visit_case=case.id), today=TODAY)
    assert visit.return_visit_case == case.id
    [linked] = list_cases(db, gang)[0].visits
    assert (linked.date, linked.visitors, linked.met_with, linked.result) == (
        date(2025, 10, 9), "李春梅、赵国强、村干部张三", "刘爸爸（父亲）", "同意返校")
    timeline = pupil_profile(db, gang, 2025).timeline
    assert [e.what for e in timeline].count("Activity") == 1 and "Persuade-to-return visit" not in [e.what for e in timeline]
    assert len(list_activities(db, AUTUMN, ActivityFilter(pupil_id=gang))) == 1
    with pytest.raises(ValidationError):  # one fact, one place to change it
        update_visit(db, linked.id, VisitInput(date(2025, 10, 9), "别人"))
    with pytest.raises(ValidationError):
        delete_visit(db, linked.id)
    update_activity(db, visit.id, _visit(kinds, li, (gang,), date(2025, 10, 10), return_visit_case=case.id,
                                         values={"result": "继续劝返"}), today=TODAY)
    [linked] = list_cases(db, gang)[0].visits
    assert (linked.date, linked.result, linked.visitors) == (date(2025, 10, 10), "考虑中", "李春梅、村干部张三")
    delete_activity(db, visit.id)
    assert list_cases(db, gang)[0].visits == () and list_activities(db, AUTUMN) == []
    with pytest.raises(ValidationError):  # only for the case's own pupil
        add_activity(db, _visit(kinds, li, (_ming,), return_visit_case=case.id), today=TODAY)


def test_visit_targets(school) -> None:  # type: ignore[no-untyped-def]
    db, (li, zhao), (ming, hong, gang), kinds = school
    standing = visit_standing(db, AUTUMN)
    assert standing.targets.per_child == 1 and standing.not_visited == 2 and standing.teachers == ()
    add_activity(db, _visit(kinds, li, (ming, gang)), today=TODAY)
    add_activity(db, _visit(kinds, zhao, (hong,)), today=TODAY)  # not the responsible teacher: does not count for her
    standing = visit_standing(db, AUTUMN)
    assert [(c.pupil_name, c.visits, c.behind) for c in standing.children] == [("陈小红", 0, True), ("王小明", 1, False)]
    set_visit_targets(db, VisitTargets(per_child=2, per_teacher=2, effective_from=date(2025, 9, 1)))
    standing = visit_standing(db, AUTUMN)
    assert standing.children_behind == 2 and standing.not_visited == 1
    assert {(t.teacher, t.visits, t.behind) for t in standing.teachers} == {("李春梅", 1, True), ("赵国强", 1, True)}
    set_visit_targets(db, VisitTargets(per_child=3, per_teacher=0, effective_from=date(2026, 2, 1)))  # from spring
    assert visit_standing(db, AUTUMN).targets.per_child == 2 and visit_standing(db, SemesterKey(2025, 2)).teachers == ()


def test_a_teacher_writes_only_what_they_organised_or_took_part_in(school) -> None:  # type: ignore[no-untyped-def]
    db, (li, zhao), (ming, *_rest), kinds = school
    theirs = add_activity(db, _visit(kinds, li, (ming,)), today=TODAY)
    db.actor = Actor("zhao", "teacher", zhao)
    with pytest.raises(AccessDenied):
        update_activity(db, theirs.id, _visit(kinds, zhao, (ming,)), today=TODAY)
    with pytest.raises(AccessDenied):
        delete_activity(db, theirs.id)
    with pytest.raises(AccessDenied):
        add_activity(db, _visit(kinds, li, (ming,)), today=TODAY)
    joint = add_activity(db, _visit(kinds, li, (ming,), teacher_ids=(li, zhao)), today=TODAY)  # took part
    update_activity(db, joint.id, replace(_visit(kinds, li, (ming,), teacher_ids=(li, zhao)), title="二次家访"), today=TODAY)
    with pytest.raises(ValidationError) as error:
        add_activity(db, _visit(kinds, zhao, (), teacher_ids=(zhao,)), today=TODAY)
    assert error.value.field == "pupils"
    with pytest.raises(ValidationError) as error:
        add_activity(db, _visit(kinds, zhao, (ming,), start_time=time(15), end_time=time(14)), today=TODAY)
    assert error.value.field == "end_time"
