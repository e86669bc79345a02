"""The teacher's file: training, 师德, honours and exchanges with their rules; observers from outside who
count for the teacher observed and in no quota; the file's counts at the term's edges; who may read what;
visits received and their 整改 items on the to-do list."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from schooldesk.db.models import AuditEntry
from schooldesk.domain.access import OFFICE, TEACHER, AccessDenied, Actor
from schooldesk.domain.errors import NotFoundError, ValidationError
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.due_dates import upcoming
from schooldesk.services.observation_quotas import quota_table
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.outside_observers import OutsideObserverInput, add_outside_observer, list_outside_observers
from schooldesk.services.rows import TeacherInput
from schooldesk.services.school_visits import (
    ActionInput, SchoolVisitInput, add_school_visit, close_action, open_actions, update_school_visit,
)
from schooldesk.services.teacher_duties import set_teacher_duties
from schooldesk.services.teacher_file import FilePeriod, all_teachers_figures, file_period, teacher_file
from schooldesk.services.teacher_records import (
    EthicsInput, ExchangeInput, HonourInput, TrainingInput, add_teacher_record, delete_teacher_record,
    teacher_records, update_teacher_record,
)
from schooldesk.services.teachers import add_teacher, list_teachers, update_teacher
from tests.builders import photo

AUTUMN = SemesterKey(2025, 1)  # 2025-09-01 … 2026-01-31
TODAY = date(2026, 3, 1)


@pytest.fixture
def staff(school_db):  # type: ignore[no-untyped-def]
    db = school_db
    return db, [add_teacher(db, TeacherInput(n, g)).id for n, g in (("王校长", "男"), ("李春梅", "女"), ("赵国强", "男"))]


def _training(teacher: int, start: date = date(2025, 10, 1), hours: float = 12.0, **changes: object) -> TrainingInput:
    values = dict(teacher_id=teacher, programme="县小学语文骨干教师培训", level="县级", start_date=start, end_date=start,
                  hours=hours, organiser="县教师进修学校")
    values.update(changes)
    return TrainingInput(**values)  # type: ignore[arg-type]


def _lesson(observer: int, taught: int, day: date) -> ObservationInput:
    return ObservationInput(observer_id=observer, taught_teacher_id=taught, class_id=None, subject="语文", topic="《秋天的雨》",
                            lesson_type="新授课", kind="推门听课", date=day, period=2)


def test_training_is_added_corrected_and_deleted_with_its_certificate_and_in_the_trail(staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, (_head, li, _zhao) = staff
    added = add_teacher_record(db, _training(li, new_photos=(photo(tmp_path / "cert.jpg"),)), today=TODAY)
    assert added.family == "teacher_training" and added.programme == "县小学语文骨干教师培训" and len(added.photos) == 1
    changed = update_teacher_record(db, added.id, _training(li, hours=16.0, photo_ids=(added.photos[0].id,)), today=TODAY)
    assert changed.hours == 16.0 and [p.id for p in changed.photos] == [added.photos[0].id]
    assert teacher_records(db, li).training_hours == 16.0
    delete_teacher_record(db, "teacher_training", added.id)
    assert teacher_records(db, li).training == ()
    assert not any(db.photos.path(p.path.name).exists() for p in added.photos)  # the certificate's file went too
    with db.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.table_name == "teacher_training")))
    assert actions == ["create", "update", "delete"]


@pytest.mark.parametrize(("hours", "kept"), [(0.5, 0.5), (1.25, 1.0), (1000.0, 1000.0)])
def test_hours_are_kept_in_halves_up_to_a_thousand(staff, hours: float, kept: float) -> None:  # type: ignore[no-untyped-def]
    db, (_h, li, _z) = staff
    assert add_teacher_record(db, _training(li, hours=hours), today=TODAY).hours == kept


@pytest.mark.parametrize(("changes", "field"), [
    ({"hours": 0.0}, "hours"), ({"hours": 1000.5}, "hours"), ({"programme": "  "}, "programme"),
    ({"level": "省部级"}, "level"), ({"end_date": date(2025, 9, 30)}, "end_date"),
    ({"start_date": date(2026, 3, 2), "end_date": date(2026, 3, 2)}, "start_date"),
])
def test_a_wrong_training_is_refused_at_its_field(staff, changes: dict, field: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    db, (_h, li, _z) = staff
    with pytest.raises(ValidationError) as refused:
        add_teacher_record(db, _training(li, **changes), today=TODAY)
    assert refused.value.field == field


def test_ethics_keep_a_grade_only_for_the_yearly_assessment_and_a_violation_needs_what_happened(staff) -> None:  # type: ignore[no-untyped-def]
    db, (_h, li, _z) = staff
    yearly = add_teacher_record(db, EthicsInput(teacher_id=li, kind="年度考核", date=date(2025, 12, 30), grade="优秀"), today=TODAY)
    pledge = add_teacher_record(db, EthicsInput(teacher_id=li, kind="承诺书", date=date(2025, 9, 1), grade="优秀",
                                                handling="不该保存"), today=TODAY)
    assert (yearly.grade, pledge.grade, pledge.handling) == ("优秀", "", "")
    with pytest.raises(ValidationError) as refused:
        add_teacher_record(db, EthicsInput(teacher_id=li, kind="违规", date=date(2025, 11, 1)), today=TODAY)
    assert refused.value.field == "content"
    with pytest.raises(ValidationError):
        add_teacher_record(db, EthicsInput(teacher_id=li, kind="年度考核", date=date(2025, 12, 30), grade="良好"), today=TODAY)


def test_a_teacher_reads_and_writes_only_their_own_file_and_never_its_ethics(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao) = staff
    add_teacher_record(db, EthicsInput(teacher_id=li, kind="违规", date=date(2025, 11, 1), content="有偿补课",
                                       handling="批评教育，退还费用"), today=TODAY)
    autumn = file_period(db, "2025-2026-1")
    db.actor = Actor("li", TEACHER, teacher_id=li)
    own = teacher_records(db, li)
    assert own.ethics is None and teacher_file(db, li, autumn, today=TODAY).ethics is None  # hidden from teachers
    add_teacher_record(db, HonourInput(teacher_id=li, title="县级优质课评选", level="县级", award="一等奖",
                                       date=date(2025, 11, 20)), today=TODAY)  # her own honour: hers to record
    with pytest.raises(AccessDenied):
        teacher_records(db, zhao)
    with pytest.raises(AccessDenied):
        teacher_file(db, zhao, autumn, today=TODAY)
    with pytest.raises(AccessDenied):
        add_teacher_record(db, _training(zhao), today=TODAY)
    with pytest.raises(AccessDenied):  # not even her own 师德
        add_teacher_record(db, EthicsInput(teacher_id=li, kind="承诺书", date=date(2025, 9, 1)), today=TODAY)
    with pytest.raises(AccessDenied):
        all_teachers_figures(db, autumn)
    db.actor = Actor("wang", TEACHER, teacher_id=head)  # a teacher's account, but the principal's
    with pytest.raises(AccessDenied):
        teacher_records(db, li)
    db.actor = Actor("office1", OFFICE)
    set_teacher_duties(db, head, ("校长",), date(2025, 9, 1))
    db.actor = Actor("wang", TEACHER, teacher_id=head)
    ethics = teacher_records(db, li, today=TODAY).ethics
    assert ethics is not None and [e.handling for e in ethics] == ["批评教育，退还费用"]
    assert teacher_file(db, li, autumn, today=TODAY).ethics is not None
    db.actor = Actor("office1", OFFICE)
    assert [r.title for r in teacher_records(db, li).honours] == ["县级优质课评选"]


def test_an_outside_observer_counts_for_the_teacher_observed_and_in_no_quota(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao) = staff
    visitor = add_outside_observer(db, OutsideObserverInput(name="周建国", post="教研员", organisation="县教研室"))
    assert visitor.label == "周建国（县教研室 教研员）"
    assert visitor.id not in {t.id for t in list_teachers(db)} and [o.id for o in list_outside_observers(db)] == [visitor.id]
    add_observation(db, _lesson(visitor.id, li, date(2025, 10, 14)), today=TODAY)
    add_observation(db, _lesson(head, li, date(2025, 10, 14)), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        add_observation(db, _lesson(head, visitor.id, date(2025, 10, 15)), today=TODAY)
    assert refused.value.field == "taught_teacher"
    with pytest.raises(NotFoundError):
        update_teacher(db, visitor.id, TeacherInput("周建国", "男"))
    rows = {r.teacher_id: r for r in quota_table(db, AUTUMN, TODAY)}
    assert visitor.id not in rows and rows[li].observed_by_others == 2 and rows[head].observed == 1
    file = teacher_file(db, li, file_period(db, "2025-2026-1"), today=TODAY)
    assert (file.figures.lessons_received, file.figures.lessons_received_from_outside) == (2, 1)
    assert file.figures.lessons_received == rows[li].observed_by_others  # the same number as observation-quotas
    assert {o.observer.name for o in file.received} == {"王校长", "周建国（县教研室 教研员）"}


def test_the_file_counts_what_falls_in_the_term_to_its_first_and_last_day(staff) -> None:  # type: ignore[no-untyped-def]
    db, (head, li, zhao) = staff
    for day in (date(2025, 9, 1), date(2026, 1, 30), date(2026, 1, 31)):  # the term's first day and its last
        add_observation(db, _lesson(li, zhao, day), today=TODAY)
    add_observation(db, _lesson(li, zhao, date(2026, 2, 2)), today=TODAY)  # the spring term's
    add_teacher_record(db, _training(li, date(2025, 9, 1), hours=8), today=TODAY)
    add_teacher_record(db, _training(li, date(2026, 1, 31), hours=1.5), today=TODAY)
    add_teacher_record(db, _training(li, date(2026, 2, 1), hours=30), today=TODAY)
    add_teacher_record(db, ExchangeInput(teacher_id=li, kind="支教", place="大坪教学点", start_date=date(2025, 3, 1),
                                         end_date=date(2025, 9, 1)), today=TODAY)  # ends on the term's first day
    add_teacher_record(db, ExchangeInput(teacher_id=li, kind="跟岗学习", place="县实验小学", start_date=date(2025, 3, 1),
                                         end_date=date(2025, 8, 31)), today=TODAY)  # over before the term
    autumn = file_period(db, "2025-2026-1")
    figures = teacher_file(db, li, autumn, today=TODAY).figures
    assert (figures.lessons_observed, figures.training_count, figures.training_hours, figures.exchanges) == (3, 2, 9.5, 1)
    assert figures.lessons_observed == {r.teacher_id: r for r in quota_table(db, AUTUMN, TODAY)}[li].observed
    year = file_period(db, year="2025")
    assert (year.start, year.end) == (date(2025, 9, 1), date(2026, 7, 15)) and year.label == "2025—2026学年"
    whole = teacher_file(db, li, year, today=TODAY).figures
    assert (whole.lessons_observed, whole.training_hours) == (4, 39.5)
    assert [f.teacher for f in all_teachers_figures(db, autumn)] == sorted(["王校长", "李春梅", "赵国强"])
    with pytest.raises(ValidationError):
        file_period(db, year="明年")
    with pytest.raises(NotFoundError):
        file_period(db, year="2030")


def test_visits_received_keep_their_items_on_the_to_do_list_until_closed(staff) -> None:  # type: ignore[no-untyped-def]
    db, _ = staff
    visit = add_school_visit(db, SchoolVisitInput(
        kind="视导", date=date(2025, 11, 5), visitors="县教育局 张华", feedback="作业批改需加强",
        actions=(ActionInput(item="作业批改补充批语", due_date=date(2025, 11, 5)),
                 ActionInput(item="  ", due_date=date(2025, 12, 1)),  # an empty line of the form
                 ActionInput(item="家访记录补照片", due_date=date(2026, 6, 30)))), today=TODAY)
    assert [a.item for a in visit.actions] == ["作业批改补充批语", "家访记录补照片"] and visit.open_actions == 2
    due = [i.what for i in upcoming(db, AUTUMN, TODAY) if i.family == "visits"]
    assert due == ["整改：作业批改补充批语（2025-11-05视导）", "整改：家访记录补照片（2025-11-05视导）"]  # however far ahead
    first = visit.actions[0]
    with pytest.raises(ValidationError):  # closed without saying how
        close_action(db, first.id, date(2025, 11, 20), " ", today=TODAY)
    with pytest.raises(ValidationError):  # closed before the visit
        close_action(db, first.id, date(2025, 11, 4), "已补", today=TODAY)
    close_action(db, first.id, date(2025, 11, 20), "各班已补齐", today=TODAY)
    assert [a.item for a in open_actions(db)] == ["家访记录补照片"]
    edited = update_school_visit(db, visit.id, SchoolVisitInput(
        kind="视导", date=date(2025, 11, 5), visitors="县教育局 张华、周建国",
        actions=tuple(ActionInput(item=a.item, due_date=a.due_date, closed_on=a.closed_on, closing=a.closing, id=a.id)
                      for a in visit.actions[1:])), today=TODAY)
    assert [a.id for a in edited.actions] == [visit.actions[1].id]  # the kept item is the same row
    with pytest.raises(ValidationError):
        add_school_visit(db, SchoolVisitInput(kind="视导", date=date(2025, 11, 5), visitors="张华", actions=(
            ActionInput(item="x", due_date=date(2025, 11, 4)),)), today=TODAY)
    db.actor = Actor("li", TEACHER, teacher_id=1)
    with pytest.raises(AccessDenied):
        add_school_visit(db, SchoolVisitInput(kind="督导", date=date(2025, 11, 5), visitors="李督学"), today=TODAY)


def test_a_period_label_and_file_name_follow_the_chosen_term(staff) -> None:  # type: ignore[no-untyped-def]
    db, (_h, li, _z) = staff
    period = file_period(db, "2025-2026-1")
    assert period == FilePeriod(label="2025—2026学年第一学期", start=date(2025, 9, 1), end=date(2026, 1, 31))
    assert teacher_file(db, li, period, today=TODAY).file_name == "教师专业成长档案_李春梅_2025—2026学年第一学期.pdf"
