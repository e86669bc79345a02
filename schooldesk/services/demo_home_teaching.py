"""The demo school's child taught at home (送教上门): last semester's plan and visits in full, this
semester's so far, a month that fell short, and a few photos, so every 送教上门 screen has something real."""
from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from schooldesk.db.database import Database
from schooldesk.domain.care import DISABLED
from schooldesk.domain.home_teaching import months_of
from schooldesk.domain.pupils import HOME_TAUGHT
from schooldesk.domain.semester import default_term_dates
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.home_teaching import PlanInput, VisitInput, add_plan, add_visit
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil
from schooldesk.services.rows import ClassRow, TeacherRow

WEDNESDAY = 2
LESSONS = [
    (("文化知识", "康复训练"), "认读汉字“山、水、田”；用勺子舀豆子练手指抓握", "能认出“山”“水”，抓握比上次稳",
     "希望老师多教写字", "复习三个字，学写“山”"),
    (("生活自理",), "练习自己穿脱外套、扣扣子", "能独立穿外套，扣子需要帮助", "家里会每天让孩子练习", "继续练习扣扣子"),
    (("康复训练", "心理疏导"), "下肢站立训练20分钟；讲故事《小猫钓鱼》，鼓励表达", "站立能坚持5分钟，愿意说简单的句子",
     "奶奶说孩子最近情绪好多了", "增加站立时间，学说感谢的话"),
    (("文化知识",), "数数1—20，认识人民币1元、5元", "能数到15，认识1元", "希望教一些算账", "数到20，认识10元"),
]


def _wednesdays(first: date, last: date) -> list[date]:
    """The 1st and 3rd Wednesday of each month in *first*–*last* (the demo plan's schedule)."""
    days = []
    for month in months_of(first, last):
        wednesdays = [month + timedelta(days=d) for d in range(31)
                      if (month + timedelta(days=d)).month == month.month and (month + timedelta(days=d)).weekday() == WEDNESDAY]
        days += [d for d in (wednesdays[0], wednesdays[2]) if first <= d <= last]
    return days


def demo_photo(folder: Path, number: int) -> Path:
    """A stand-in for a phone photo: a room, a table, two people (no real child in the demo)."""
    image = Image.new("RGB", (1600, 1200), (228, 220, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 820, 1600, 1200), fill=(150, 110, 80))
    draw.rectangle((500, 620, 1150, 700), fill=(120, 80, 50))
    for x, colour in ((650, (70, 110, 160)), (950, (190, 90, 80))):
        draw.ellipse((x - 70, 330, x + 70, 470), fill=(240, 200, 170))
        draw.rectangle((x - 110, 470, x + 110, 700), fill=colour)
    draw.rectangle((1200 + number * 10, 150, 1450, 420), outline=(90, 90, 90), width=8)
    path = folder / f"IMG_20{number:04d}.jpg"
    image.save(path, "JPEG", quality=80)
    return path


def add_demo_home_teaching(db: Database, year: int, school_class: ClassRow, teachers: list[TeacherRow],
                           today: date, id_number: str) -> None:
    active = [t for t in teachers if t.active]
    pair = (active[5].id, active[9].id)
    birth = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    pupil_id = add_pupil(db, PupilInput(
        name="周若汐", gender="女", birth_date=birth, id_number=id_number, student_number="G" + id_number,
        status=HOME_TAUGHT, household_registration="示范县青山镇", address="示范县青山镇北村3组", school_year=year,
        class_id=school_class.id, guardians=(GuardianInput("周卫东", "父亲", "13907310021", "在家务农"), GuardianInput()),
    ))
    add_care(db, pupil_id, CareInput(DISABLED, date(year - 1, 9, 1), responsible_teacher_id=pair[0],
                                     details={"type": "多重", "grade": "一级", "placement": HOME_TAUGHT}))
    last_spring, this_autumn = default_term_dates(year - 1)[1], default_term_dates(year)[0]
    with tempfile.TemporaryDirectory() as scratch:
        photos = [demo_photo(Path(scratch), n) for n in range(1, 4)]
        for term in (last_spring, this_autumn):
            plan = add_plan(db, pupil_id, term.key, PlanInput(
                term.start, term.end, pair, ("文化知识", "康复训练", "生活自理", "心理疏导"),
                "认识常用汉字50个，数数到20；下肢站立10分钟；独立穿脱外套；愿意与人交流", "每月第一、三周周三下午"))
            days = [d for d in _wednesdays(term.start, min(term.end, today - timedelta(days=1)))]
            if term is last_spring and len(days) > 6:
                days.pop(5)  # one visit missed (the child was in hospital): that month falls short
            for index, day in enumerate(days):
                kinds, content, performance, feedback, next_steps = LESSONS[index % len(LESSONS)]
                start = time(14, 0)
                end = time(15, 30) if index % 7 else time(15, 10)
                add_visit(db, plan.id, VisitInput(
                    day, start, end, pair if index % 3 else pair[:1], kinds, content, performance, feedback, next_steps,
                    new_photos=(photos[index % len(photos)],) if index % 4 == 0 else (),
                ), today=today)
