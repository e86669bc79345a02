"""The demo school's lesson observation this semester: leaders with their 职务 observing unannounced,
teachers in each other's lessons, one lesson watched by two leaders, some records scored on each rubric,
some with 二看三查阅, and a few teachers behind the pace of their quota."""
from __future__ import annotations

import random
from datetime import date, timedelta

from schooldesk.db.database import Database
from schooldesk.domain.observation import CHECK_GROUPS, CheckResult
from schooldesk.domain.rubrics import RATINGS
from schooldesk.domain.semester import TermDates
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.rows import ClassRow, TeacherRow
from schooldesk.services.rubrics import list_rubrics
from schooldesk.services.teacher_duties import set_teacher_duties

LEADERS = {0: ("校长",), 1: ("副校长",), 2: ("教导主任",), 3: ("教研组长", "班主任"), 10: ("教研组长", "班主任")}
TOPICS = {"语文": ("《秋天的雨》", "《古诗三首》", "《掌声》", "《富饶的西沙群岛》", "口语交际：请教"),
          "数学": ("两位数乘两位数", "认识分数", "长方形的周长", "时分秒", "可能性"),
          "英语": ("Unit 3 Look at me", "Unit 4 We love animals"), "科学": ("水和空气", "植物的一生"),
          "音乐": ("歌曲《小雨沙沙》",), "体育": ("立定跳远",), "美术": ("美丽的秋叶",), "道德与法治": ("我们的班规",),
          "信息技术": ("认识键盘",)}
PROCESS = ("一、导入：联系生活，提出问题。\n二、新授：学生自学、小组交流，教师点拨重点。\n三、练习：分层练习，当堂反馈。\n"
           "四、小结：学生说收获，布置作业。")
HIGHLIGHTS = ("教学目标明确，重点突出。", "学生参与面广，小组合作有实效。", "教态亲切，评价语言丰富。", "板书清楚，层次分明。")
SUGGESTIONS = ("练习设计可再分层。", "留给学生思考的时间再多一些。", "注意关注后进生。", "课堂小结可让学生来做。")


def _school_days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1) if (first + timedelta(days=n)).weekday() < 5]


def add_demo_observations(db: Database, term: TermDates, teachers: list[TeacherRow], classes: list[ClassRow],
                          today: date) -> None:
    rng = random.Random(20261201)
    active = [t for t in teachers if t.active]
    for index, duties in LEADERS.items():
        set_teacher_duties(db, active[index].id, duties, term.start)
    for number, teacher in enumerate(active[4:12], 4):
        if number not in LEADERS:
            set_teacher_duties(db, teacher.id, ("班主任",), term.start)
    days = _school_days(term.start, min(term.end, today - timedelta(days=1)))
    if not days:
        return
    rubrics = list_rubrics(db)
    share = len(days) / len(_school_days(term.start, term.end))
    for number, observer in enumerate(active):
        wanted = 14 if number in LEADERS else 12
        behind = number % 6 == 5  # a few who have hardly begun
        count = 1 if behind else max(1, round(wanted * share) + rng.choice((0, 0, 1)))
        for day in sorted(rng.sample(days, min(count, len(days)))):
            taught = rng.choice([t for t in active if t.id != observer.id])
            _observe(db, rng, observer, taught, day, rng.randint(1, 6), classes, rubrics, today, number in LEADERS)
    # one lesson, two observers: the principal and the dean at a 公开课
    principal, dean, taught = active[0], active[2], active[7]
    day = days[len(days) // 2]
    for observer in (principal, dean):
        _observe(db, rng, observer, taught, day, 3, classes, rubrics, today, True, kind="公开课")
    # and the county's 教研员 came to the same lesson: it counts for the teacher observed, in no quota
    from schooldesk.services.outside_observers import OutsideObserverInput, add_outside_observer

    visitor = add_outside_observer(db, OutsideObserverInput(name="周建国", post="教研员", organisation="县教研室"))
    _observe(db, rng, TeacherRow(id=visitor.id, name=visitor.name, gender="", subjects="", title="", phone="",
                                 active=True), taught, day, 3, classes, rubrics, today, True, kind="公开课")


def _observe(db: Database, rng: random.Random, observer: TeacherRow, taught: TeacherRow, day: date, period: int,
             classes: list[ClassRow], rubrics: list, today: date, leader: bool, kind: str = "") -> None:  # type: ignore[type-arg]
    subject = taught.subjects.split("、")[0] or "语文"
    rubric = rubrics[0] if leader or rng.random() < 0.5 else rubrics[1]
    scored = rng.random() < 0.85
    if rubric.definition.mode == RATINGS:
        scores = tuple(rng.choice(("优", "良", "良", "中")) for _ in rubric.definition.items)
    else:
        scores = tuple(f"{round(i.weight * rng.uniform(0.72, 0.98) * 2) / 2:g}" for i in rubric.definition.items)
    checks: tuple[CheckResult, ...] = ()
    if leader and rng.random() < 0.7:
        checks = tuple(CheckResult(item=item, rating=rng.choice(ratings[:2]) if ratings[0] != "有" else "有")
                       for _group, items, ratings in CHECK_GROUPS for item in items if rng.random() < 0.6)
    add_observation(db, ObservationInput(
        observer_id=observer.id, taught_teacher_id=taught.id, class_id=rng.choice(classes).id, subject=subject,
        topic=rng.choice(TOPICS.get(subject, ("复习课",))), lesson_type=rng.choice(("新授课", "新授课", "练习课", "复习课")),
        kind=kind or ("推门听课" if leader else rng.choice(("教研听课", "教研听课", "公开课"))), date=day, period=period,
        process_record=PROCESS, rubric_version_id=rubric.version_id if scored else None, scores=scores if scored else (),
        highlights=rng.choice(HIGHLIGHTS), suggestions=rng.choice(SUGGESTIONS), checks=checks,
    ), today=today)
