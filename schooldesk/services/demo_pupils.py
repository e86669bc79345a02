"""Demo pupils for the demo school: a roster, care categories, support records and a dropout case.

ID numbers use the region code 990101, which no real county has, so no demo number is a real person's.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from schooldesk.db.database import Database
from schooldesk.db.models import CareRecord, Pupil, SupportRecord
from schooldesk.domain.care import DISABLED, HARDSHIP, LEFT_BEHIND, STRUGGLING, SUPPORT_KINDS
from schooldesk.domain.id_number import check_digit
from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, open_case
from schooldesk.services.pupils import GuardianInput, PupilInput, clean_pupil, write_pupil
from schooldesk.services.rows import ClassRow, TeacherRow

DEMO_REGION = "990101"
PUPILS_PER_CLASS = 24
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["书涵", "子轩", "欣怡", "浩然", "梓涵", "宇航", "诗琪", "俊熙", "雨桐", "皓轩", "佳怡", "明轩", "紫萱", "一诺",
         "思远", "可馨", "天佑", "若汐", "嘉懿", "沐阳", "梦瑶", "博文", "雅静", "子墨"]
WORK_PLACES = ["广东东莞", "浙江义乌", "江苏苏州", "福建晋江", "上海", "北京"]


def demo_id_number(birth: date, male: bool, serial: int) -> str:
    first17 = f"{DEMO_REGION}{birth:%Y%m%d}{(serial * 2 + (1 if male else 0)) % 1000:03d}"
    return first17 + check_digit(first17)


def add_demo_pupils(db: Database, year: int, classes: list[ClassRow], teachers: list[TeacherRow],
                    today: date) -> None:
    rng = random.Random(year)
    active = [t for t in teachers if t.active]
    with db.transaction() as session:
        pupils: list[Pupil] = []
        serial = 0
        for school_class in classes:
            for _ in range(PUPILS_PER_CLASS):
                serial += 1
                male = rng.random() < 0.52
                birth = date(year - 5 - school_class.grade, 9, 1) + timedelta(days=rng.randint(0, 364))
                surname = rng.choice(SURNAMES)
                data = clean_pupil(PupilInput(
                    name=surname + rng.choice(GIVEN), gender="男" if male else "女", birth_date=birth,
                    id_number=demo_id_number(birth, male, serial), student_number="G" + demo_id_number(birth, male, serial),
                    household_registration="示范县青山镇", address=f"示范县青山镇{rng.choice('东西南北')}村{rng.randint(1, 9)}组",
                    boarding="走读", distance_km=round(rng.uniform(0.3, 8), 1), way_to_school=rng.choice(("步行", "家长接送")),
                    school_year=year, class_id=school_class.id,
                    guardians=(GuardianInput(surname + rng.choice(("建国", "卫东", "海军")), "父亲",
                                             f"139{rng.randint(10000000, 99999999)}", rng.choice(WORK_PLACES)),
                               GuardianInput()),
                ))
                pupil = Pupil()
                session.add(pupil)
                write_pupil(session, pupil, data)
                pupils.append(pupil)
        session.flush()
        term_start = date(year, 9, 1)
        for index, pupil in enumerate(pupils):
            kind = {0: LEFT_BEHIND, 1: LEFT_BEHIND, 2: STRUGGLING}.get(index % 12) or (
                HARDSHIP if index % 40 == 5 else DISABLED if index % 97 == 7 else None)
            if kind is None:
                continue
            teacher = active[index % len(active)]
            details = {
                LEFT_BEHIND: {"kind": rng.choice(("单亲外出", "双亲外出")), "carer_name": "祖父母",
                              "carer_relation": "祖父母", "father_work": rng.choice(WORK_PLACES),
                              "father_phone": f"139{rng.randint(10_000_000, 99_999_999)}",
                              "guardianship": rng.choice(("监护情况一般", "监护情况较好")),
                              "calls": rng.choice(("每天", "每周", "每月"))},
                STRUGGLING: {"subjects": rng.choice(("数学", "语文", "语文、数学")), "causes": "基础薄弱，缺少家庭辅导"},
                HARDSHIP: {"kind": rng.choice(("低保", "脱贫监测户")), "aid": "义务教育家庭经济困难学生生活补助"},
                DISABLED: {"type": rng.choice(("肢体", "智力", "听力")), "grade": "二级", "placement": "随班就读"},
            }[kind]
            session.add(CareRecord(pupil_id=pupil.id, kind=kind, start_date=term_start, details=details,
                                   responsible_teacher_id=teacher.id))
            last = term_start
            while (last := last + timedelta(days=rng.randint(20, 40))) <= today - timedelta(days=3):
                if index % 5 == 0 and last > today - timedelta(days=45):
                    break  # a few fall behind, so the home page has something to show
                session.add(SupportRecord(pupil_id=pupil.id, date=last, teacher_id=teacher.id,
                                          kind=rng.choice(SUPPORT_KINDS[:5]), content="了解学习和生活情况，鼓励按时完成作业",
                                          outcome="情绪稳定，学习有进步"))
        dropout_id, visitor = pupils[len(pupils) - 30].id, active[0].name
    start = today - timedelta(days=12)
    case = open_case(db, dropout_id, CaseInput(start, "外出打工", "随父亲到外地打工"))
    add_visit(db, case.id, VisitInput(start + timedelta(days=1), f"{visitor}、村主任", "祖母", "宣传义务教育法，了解去向", "考虑中"))
    add_visit(db, case.id, VisitInput(start + timedelta(days=6), f"{visitor}、校长", "父亲（电话）", "说明辍学的后果，父亲答应考虑送回", "考虑中"))
