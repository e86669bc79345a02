"""The demo school's activities this semester: home visits to its left-behind children by their responsible
teachers (one child not yet visited), a 家访 that is also a 劝返 visit, class meetings, teaching research, a
parents' meeting and safety education — with generated photos (no real person in the demo)."""
from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, DropoutCase
from schooldesk.domain.activities import HOME_VISIT
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import TermDates
from schooldesk.services.activities import ActivityInput, add_activity
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.demo_home_teaching import demo_photo
from schooldesk.services.rows import ClassRow, TeacherRow

VISIT_VALUES = ({"way": "入户", "met_with": "奶奶", "relation": "祖母", "child_seen": "是", "reason": "关爱走访",
                 "attitude": "支持学校工作", "law_explained": "是"},
                {"way": "视频", "met_with": "妈妈", "relation": "母亲", "child_seen": "是", "reason": "学习情况",
                 "attitude": "重视孩子学习", "law_explained": "否"})


def _left_behind(db: Database, today: date) -> list[tuple[int, int]]:
    with db.transaction() as session:
        return list(session.execute(select(CareRecord.pupil_id, CareRecord.responsible_teacher_id).where(
            CareRecord.kind == LEFT_BEHIND, CareRecord.end_date.is_(None), CareRecord.responsible_teacher_id.is_not(None),
            CareRecord.start_date <= today).order_by(CareRecord.pupil_id)).all())


def _open_case(db: Database) -> tuple[int, int, date] | None:
    with db.transaction() as session:
        found = session.execute(select(DropoutCase.id, DropoutCase.pupil_id, DropoutCase.started_on)
                                .where(DropoutCase.closed_on.is_(None)).order_by(DropoutCase.started_on)).first()
        return (found[0], found[1], found[2]) if found else None


def add_demo_activities(db: Database, term: TermDates, teachers: list[TeacherRow], classes: list[ClassRow],
                        today: date) -> None:
    kinds = {spec.code: kind_id for kind_id, spec in list_kinds(db).items()}
    active = [t for t in teachers if t.active]
    last = min(term.end, today - timedelta(days=1))
    day = lambda offset: min(last, term.start + timedelta(days=offset))  # noqa: E731
    with tempfile.TemporaryDirectory() as scratch:
        photos = [demo_photo(Path(scratch), 20 + n) for n in range(4)]
        children = _left_behind(db, today)
        for index, (pupil_id, teacher_id) in enumerate(children[1:], 1):  # the first child is not yet visited
            add_activity(db, ActivityInput(
                kind_id=kinds[HOME_VISIT], title="留守儿童家访", date=day(5 + index * 7 % 80), start_time=time(16, 30),
                end_time=time(17, 20), place="学生家中", organiser_id=teacher_id, teacher_ids=(teacher_id,),
                pupil_ids=(pupil_id,), content="了解孩子在家的学习和生活情况，与监护人交流近期表现", outcome="监护人表示会督促孩子按时完成作业",
                values=VISIT_VALUES[index % 2], new_photos=(photos[index % 2],) if index % 3 == 1 else (),
                new_captions=("与监护人交流",) if index % 3 == 1 else ()), today=today)
        case = _open_case(db)
        if case is not None and case[2] < today:
            add_activity(db, ActivityInput(
                kind_id=kinds[HOME_VISIT], title="劝返家访", date=min(last, case[2] + timedelta(days=1)), place="学生家中", organiser_id=active[0].id,
                teacher_ids=(active[0].id, classes[8].head_teacher_id or active[1].id), pupil_ids=(case[1],),
                outside_people="村委会主任", content="宣讲义务教育法，劝说家长送孩子返校",
                values={"way": "入户", "met_with": "父亲", "relation": "父亲", "child_seen": "是", "reason": "厌学",
                        "law_explained": "是", "result": "继续劝返"}, return_visit_case=case[0]), today=today)
        add_activity(db, ActivityInput(
            kind_id=kinds["class_meeting"], title="“珍爱生命，预防溺水”主题班会", date=day(20), place="五年级(1)班教室",
            organiser_id=classes[8].head_teacher_id, content="观看安全视频，分组讨论，签订安全承诺书",
            outcome="学生能说出防溺水“六不”", values={"class_name": classes[8].name, "theme": "预防溺水", "host": "班长",
                                                 "present": "38"},
            new_photos=(photos[2], photos[3]), new_captions=("小组讨论", "签订承诺书")), today=today)
        add_activity(db, ActivityInput(
            kind_id=kinds["teaching_research"], title="语文组集体备课", date=day(30), place="会议室",
            organiser_id=active[3].id, teacher_ids=tuple(t.id for t in active[:6]),
            content="研讨第三单元教学目标与作业设计", values={"group": "语文教研组", "theme": "单元整体教学", "speaker": active[3].name,
                                                     "signed_in": "9", "summary": "统一了单元作业的分层要求"}), today=today)
        add_activity(db, ActivityInput(
            kind_id=kinds["parent_meeting"], title="期中家长会", date=day(60), place="各班教室", organiser_id=active[2].id,
            content="通报期中情况，宣讲安全与控辍保学政策", values={"class_name": "全校", "parents_present": "236"}), today=today)
        add_activity(db, ActivityInput(
            kind_id=kinds["safety"], title="冬季消防安全演练", date=day(75), place="操场", organiser_id=active[1].id,
            content="全校师生参加疏散演练，用时4分钟"), today=today)
    _demo_frequency(db, term, active, today)


def _demo_frequency(db: Database, term: TermDates, active: list[TeacherRow], today: date) -> None:
    """The seeds' frequency targets and one of the school's own (each 教研组 meets monthly), with a 质量分析会
    held, so the home page and the register show targets both met and short."""
    from dataclasses import replace

    from schooldesk.domain.frequency import MONTH, FrequencyTarget
    from schooldesk.services.frequency_targets import preset_targets, set_frequency_targets

    version = preset_targets(db, term.start)
    research = FrequencyTarget(kind_code="teaching_research", times=1, per=MONTH, group_field="group",
                               groups=("语文教研组", "数学教研组"))
    set_frequency_targets(db, replace(version, targets=(*version.targets, research)))
    kinds = {spec.name: kind_id for kind_id, spec in list_kinds(db).items()}
    add_activity(db, ActivityInput(
        kind_id=kinds["质量分析会"], title="期中教学质量分析会", date=min(today - timedelta(days=1), term.start + timedelta(days=62)),
        place="会议室", organiser_id=active[0].id, teacher_ids=tuple(t.id for t in active[:8]),
        content="分析期中检测成绩，查找薄弱学科和学困生，制定改进措施"), today=today)
    _demo_research_and_reports(db, term, active, today, kinds["教研活动"])


def _demo_research_and_reports(db: Database, term: TermDates, active: list[TeacherRow], today: date,
                               research: int) -> None:
    """Each 教研组 met in every month so far but 数学 not yet this month, and each month's 月报 handed in on the 3rd:
    the home page's to-do list shows a little, not everything."""
    from schooldesk.domain.frequency import month_periods
    from schooldesk.services.hand_ins import monthly_key, note_hand_in

    this_month = today.replace(day=1)
    for period in month_periods(term.start, min(today, term.end)):
        for number, group in enumerate(("语文教研组", "数学教研组")):
            day = max(term.start, period.start + timedelta(days=11 + number))
            if day >= today or (group == "数学教研组" and period.start.replace(day=1) == this_month):
                continue
            add_activity(db, ActivityInput(
                kind_id=research, title=f"{group[:2]}组{day.month}月教研", date=day, place="会议室",
                organiser_id=active[3 + number * 7].id, teacher_ids=tuple(t.id for t in active[number * 6:number * 6 + 6]),
                content="听评课反馈与下月教学安排", values={"group": group, "theme": "课堂练习设计", "signed_in": "6"}),
                today=today)
        handed = (period.start.replace(day=1) + timedelta(days=32)).replace(day=3)
        if handed < today:
            note_hand_in(db, monthly_key(period.start), on=handed)
