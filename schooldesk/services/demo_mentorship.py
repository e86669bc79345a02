"""The demo school's 师徒结对 this school year: three pairs, guidance records with a photo, observations
between mentor and apprentice (recorded once, on the observation page), and one pair behind its targets."""
from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from schooldesk.db.database import Database
from schooldesk.domain.mentorship import school_year_bounds
from schooldesk.domain.semester import TermDates
from schooldesk.services.demo_home_teaching import demo_photo
from schooldesk.services.mentorship import GuidanceInput, PairInput, add_guidance, add_pair
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.rows import TeacherRow

RECORDS = (
    ("备课指导/教案审阅", "《富饶的西沙群岛》教案", "逐段审阅教案，目标表述改为可检测的行为", "目标要写清学生做什么", "重写了教学目标和板书"),
    ("谈心交流", "班级常规管理", "交流早读和午休管理的做法", "先立规矩再放手", "准备在班上试行值日班长"),
    ("试卷与质量分析", "第一单元测试分析", "一起分析错题分布，找出阅读题失分原因", "加强段落概括训练", "设计了三次阅读小练习"),
    ("公开课指导", "校级公开课磨课", "试讲两次，调整导入和小组活动时间", "活动要有明确任务单", "第二次试讲时间控制好了"),
)


def add_demo_mentorship(db: Database, year: int, term: TermDates, teachers: list[TeacherRow], today: date) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        _add_pairs(db, year, term, teachers, today, demo_photo(Path(scratch), 7))


def _add_pairs(db: Database, year: int, term: TermDates, teachers: list[TeacherRow], today: date, photo: Path) -> None:
    active = [t for t in teachers if t.active]
    pairs = [(active[3], active[12], "语文", "入门式"), (active[10], active[19], "数学", "协作式"),
             (active[2], active[21], active[21].subjects.split("、")[0] or "英语", "提高式")]
    agreed = school_year_bounds(year)[0] + timedelta(days=9)
    last = min(term.end, today - timedelta(days=1))
    for number, (mentor, apprentice, subject, kind) in enumerate(pairs):
        pair = add_pair(db, PairInput(
            school_year=year, mentor_id=mentor.id, apprentice_id=apprentice.id, subject=subject, pairing_type=kind,
            agreement_date=agreed, goals="一年内站稳讲台，独立上好常态课", content="备课、上课、作业批改、班级管理",
            measures="每周互相听课，每月研讨两次，每学期上一节汇报课"))
        if number == 2 or last < agreed:
            continue  # the third pair has recorded nothing yet: behind
        for index, (record_kind, topic, content, advice, reflection) in enumerate(RECORDS):
            day = agreed + timedelta(days=12 + index * 15)
            if day > last:
                break
            add_guidance(db, pair.id, GuidanceInput(
                date=day, kind=record_kind, topic=topic, content=content, advice=advice, reflection=reflection,
                new_photos=(photo,) if index == 3 else ()), today=today)
        for index in range(8):  # lessons between the two, recorded once on the observation page
            day = agreed + timedelta(days=5 + index * 9)
            if day > last:
                break
            observer, taught = (apprentice, mentor) if index % 2 == 0 else (mentor, apprentice)
            while day.weekday() > 4:
                day += timedelta(days=1)
            add_observation(db, ObservationInput(
                observer_id=observer.id, taught_teacher_id=taught.id, class_id=None, subject=subject,
                topic="师徒互听课", lesson_type="汇报课" if index == 7 else "新授课", kind="师徒听课", date=day,
                period=1 + index % 6, process_record="一、导入\n二、新授\n三、练习\n四、小结",
                highlights="重点突出", suggestions="关注全体学生"), today=today)

