"""The demo school's teacher files: training, 师德, honours, a 支教 spell, and a 视导 visit with its 整改 items
(the observer from outside is added with the demo's observations)."""
from __future__ import annotations

from datetime import date, timedelta

from schooldesk.db.database import Database
from schooldesk.domain.semester import TermDates
from schooldesk.services.rows import TeacherRow
from schooldesk.services.school_visits import ActionInput, SchoolVisitInput, add_school_visit
from schooldesk.services.teacher_records import (
    EthicsInput, ExchangeInput, HonourInput, TrainingInput, add_teacher_record,
)

TRAINING = (("“国培计划”乡村教师能力提升培训", "国家级", 60.0, "省教育厅"), ("县小学语文骨干教师培训", "县级", 24.0, "县教师进修学校"),
            ("信息技术应用能力提升工程2.0校本研修", "校本", 12.0, "本校教务处"), ("班主任工作专题培训", "市级", 16.0, "市教育局"),
            ("新课标解读与大单元教学", "县级", 8.0, "县教研室"))
HONOURS = (("县级优质课评选", "县级", "一等奖", "县教育局"), ("师德标兵", "乡镇级", "", "中心校"),
           ("教师基本功大赛", "县级", "二等奖", "县教育局"), ("优秀班主任", "校级", "", "本校"))


def _on(term: TermDates, today: date, share: float) -> date:
    """A day *share* of the way through the term so far (never after yesterday)."""
    last = min(term.end, today - timedelta(days=1))
    return term.start + timedelta(days=max(0, int((last - term.start).days * share)))


def add_demo_teacher_file(db: Database, term: TermDates, teachers: list[TeacherRow], today: date) -> None:
    active = [t for t in teachers if t.active]
    if today <= term.start:
        return
    for number, teacher in enumerate(active):
        add_teacher_record(db, EthicsInput(teacher_id=teacher.id, kind="承诺书", date=term.start,
                                           content="签订《师德师风承诺书》"), today=today)
        if number < 10:
            programme, level, hours, organiser = TRAINING[number % len(TRAINING)]
            start = _on(term, today, 0.1 + 0.08 * (number % 5))
            add_teacher_record(db, TrainingInput(
                teacher_id=teacher.id, programme=programme, level=level, start_date=start,
                end_date=min(start + timedelta(days=int(hours // 8)), today - timedelta(days=1)), hours=hours,
                organiser=organiser, certificate=f"PX{term.start.year}{number + 1:03d}" if level != "校本" else ""),
                today=today)
    for number, (title, level, award, issuer) in enumerate(HONOURS):
        add_teacher_record(db, HonourInput(teacher_id=active[(number * 3 + 1) % len(active)].id, title=title, level=level,
                                           award=award, issuer=issuer, date=_on(term, today, 0.3 + 0.15 * number)),
                           today=today)
    add_teacher_record(db, EthicsInput(teacher_id=active[1].id, kind="表彰", date=_on(term, today, 0.45),
                                       content="被评为乡镇“师德标兵”"), today=today)
    add_teacher_record(db, ExchangeInput(teacher_id=active[5].id, kind="支教", place="石门乡大坪教学点",
                                         start_date=term.start, note="每周二、四到教学点上数学课"), today=today)
    visited = _on(term, today, 0.5)
    add_school_visit(db, SchoolVisitInput(
        kind="视导", date=visited, visitors="县教育局基教股 张华、县教研室 周建国",
        checked="推门听课3节，查阅教案、作业批改记录和控辍保学档案", feedback="常规管理扎实；作业批改记录不够细致，留守儿童家访记录需补充照片。",
        actions=(ActionInput(item="作业批改记录补充批语和订正情况", due_date=visited + timedelta(days=14),
                             closed_on=min(visited + timedelta(days=10), today - timedelta(days=1)),
                             closing="各班已补齐，教导处复查"),
                 ActionInput(item="留守儿童家访记录补充照片", due_date=visited + timedelta(days=30)))), today=today)
