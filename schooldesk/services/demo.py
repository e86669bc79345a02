"""A demo school with realistic synthetic data (no real person's details), for trying SchoolDesk out."""
from __future__ import annotations

import random
from datetime import date

from schooldesk.db.database import Database
from schooldesk.domain.people import TEACHER_TITLES
from schooldesk.domain.semester import default_term_dates, school_year_of
from schooldesk.services.classes import add_class
from schooldesk.services.demo_activities import add_demo_activities
from schooldesk.services.demo_home_teaching import add_demo_home_teaching
from schooldesk.services.demo_mentorship import add_demo_mentorship
from schooldesk.services.demo_observations import add_demo_observations
from schooldesk.services.demo_pupils import add_demo_pupils, demo_id_number
from schooldesk.services.rows import ClassInput, SchoolDetails, TeacherInput
from schooldesk.services.semesters import set_school_year
from schooldesk.domain.moving_up import PRIMARY
from schooldesk.services.setup import set_up_school
from schooldesk.services.teachers import add_teacher, set_teacher_active

DEMO_ADMIN = "admin"
DEMO_PASSWORD = "schooldesk"
DEMO_SCHOOL = SchoolDetails(
    name="青山镇中心小学",
    code="2141051203",
    county="示范县",
    township="青山镇",
    address="示范县青山镇学府路8号",
    principal="王建国",
    phone="0379-6612345",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = ["秀英", "建华", "丽娟", "志强", "红梅", "海燕", "文静", "国庆", "晓东", "春花", "玉兰", "永刚",
         "俊杰", "雪梅", "振华", "慧敏", "桂芳", "明辉", "金凤", "立新", "淑珍", "卫东", "小燕", "宏伟"]
SUBJECTS = ["语文", "数学", "英语", "科学", "道德与法治", "音乐", "体育", "美术", "信息技术"]
GRADES, CLASSES_PER_GRADE = 6, 2


def _teachers(rng: random.Random) -> list[TeacherInput]:
    people = []
    for index, given in enumerate(GIVEN):
        main = SUBJECTS[0] if index < 10 else SUBJECTS[1] if index < 18 else rng.choice(SUBJECTS[2:])
        second = rng.choice(SUBJECTS[5:]) if rng.random() < 0.4 else ""
        people.append(TeacherInput(
            name=SURNAMES[index % len(SURNAMES)] + given,
            gender="女" if index % 3 else "男",
            subjects="、".join(dict.fromkeys(s for s in (main, second) if s)),
            title=rng.choice(TEACHER_TITLES[1:5]),
            phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        ))
    return people


def create_demo_school(db: Database, *, today: date | None = None) -> None:
    """Fill an empty database: the school, this and last school year, 24 teachers, 12 classes,
    288 pupils with care categories, support records and an open dropout case, a child taught at home
    with last semester's and this semester's visits, this semester's lesson observations, three mentoring pairs, this semester's activities and the villages' children."""
    rng = random.Random(20261124)
    year = school_year_of(today or date.today())
    set_up_school(
        db, school=DEMO_SCHOOL, term1=default_term_dates(year)[0], term2=default_term_dates(year)[1],
        admin_username=DEMO_ADMIN, admin_password=DEMO_PASSWORD, school_type=PRIMARY,
    )
    set_school_year(db, *default_term_dates(year - 1))
    teachers = [add_teacher(db, person) for person in _teachers(rng)]
    classes = []
    for grade in range(1, GRADES + 1):
        for number in range(1, CLASSES_PER_GRADE + 1):
            head = teachers[(grade - 1) * CLASSES_PER_GRADE + number - 1]
            classes.append(add_class(db, ClassInput(year, grade, number, head_teacher_id=head.id)))
    teachers[-1] = set_teacher_active(db, teachers[-1].id, False)  # one who moved away, to show the state
    add_demo_pupils(db, year, classes, teachers, today or date.today())
    add_demo_home_teaching(db, year, classes[4], teachers, today or date.today(),
                           demo_id_number(date(year - 11, 3, 15), male=False, serial=901))
    term = next(t for t in default_term_dates(year) if t.start <= (today or date.today()) <= t.end) \
        if any(t.start <= (today or date.today()) <= t.end for t in default_term_dates(year)) else default_term_dates(year)[0]
    add_demo_observations(db, term, teachers, classes, today or date.today())
    add_demo_mentorship(db, year, term, teachers, today or date.today())
    add_demo_activities(db, term, teachers, classes, today or date.today())
    from schooldesk.services.demo_teachers import add_demo_teacher_file

    add_demo_teacher_file(db, term, teachers, today or date.today())
    from schooldesk.services.demo_catchment import add_demo_catchment

    add_demo_catchment(db, year, term, today or date.today())
    from schooldesk.services.school_rules import set_support_intervals, support_intervals

    set_support_intervals(db, support_intervals(db))  # the demo office has looked over its rules
