"""The demo school's 适龄儿童摸底: the villages' 户籍 list as a police station would send it (its pupils, three with
a mistyped ID number, children at other schools, some moved away, a few outside compulsory age, five still to
verify), imported through the real import, and this term's verifications."""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from schooldesk.db.database import Database
from schooldesk.db.models import Pupil
from schooldesk.domain.semester import TermDates
from schooldesk.imports.catchment_rows import TEMPLATE_HEADERS, read_child_list
from schooldesk.imports.spreadsheet import Sheet
from schooldesk.services.catchment import FindingInput, add_finding, confirm_match, list_children
from schooldesk.services.catchment_import import import_catchment
from schooldesk.services.demo_pupils import demo_id_number
from schooldesk.services.pupils import on_roll_on

VILLAGES = ("石桥村一组", "石桥村二组", "柳河村", "东山村")
OTHERS = (  # name, gender, age on 31 August, 去向 (None: to verify), school, way
    ("周子墨", "男", 12, "本县外校就读", "示范县第二中学", "外校协查"),
    ("吴雨萱", "女", 13, "本县外校就读", "示范县第二中学", "外校协查"),
    ("郑浩宇", "男", 9, "本县外校就读", "示范县实验小学", "外校协查"),
    ("冯思琪", "女", 8, "省外就读(随迁)", "浙江省宁波市某小学", "电话"),
    ("陈俊杰", "男", 10, "省外就读(随迁)", "广东省东莞市某小学", "电话"),
    ("褚梦瑶", "女", 7, "省内外县就读", "阜新市实验小学", "学籍系统"),
    ("卫博文", "男", 11, "特教学校", "示范县特殊教育学校", "学籍系统"),
    ("蒋欣然", "女", 9, "户籍迁出", "", "派出所"),
    ("沈天佑", "男", 8, "空挂户/查无此人", "", "入户"),
    ("韩佳琪", "女", 7, "未入学", "", "入户"),
    ("杨一鸣", "男", 10, None, "", ""), ("朱可欣", "女", 12, None, "", ""), ("秦子豪", "男", 8, None, "", ""),
    ("尤诗涵", "女", 11, None, "", ""), ("许文博", "男", 13, None, "", ""),
    ("何小雨", "女", 4, None, "", ""), ("吕星辰", "男", 16, None, "", ""), ("施乐乐", "女", 3, None, "", ""),
)


def _birth(rng: random.Random, school_year: int, age: int) -> date:
    return date(school_year - age - 1, 9, 1) + timedelta(days=rng.randint(0, 364))


def add_demo_catchment(db: Database, school_year: int, term: TermDates, today: date) -> None:
    rng = random.Random(26)
    with db.transaction() as session:
        pupils = session.execute(select(Pupil.name, Pupil.gender, Pupil.birth_date, Pupil.id_number).where(
            on_roll_on(today)).order_by(Pupil.id)).all()
    rows: list[list[object]] = [["石桥乡0—17周岁人口花名册（户籍）"], list(TEMPLATE_HEADERS)]
    for index, (name, gender, birth, number) in enumerate(pupils):
        if number and index in (5, 40, 77):
            number = number[:-1] + ("1" if number[-1] != "1" else "2")  # typed wrong at the police station
        rows.append([VILLAGES[index % len(VILLAGES)], name, gender, birth, number or "", "", "子" if gender == "男" else "女", "", ""])
    births = {}
    for index, (name, gender, age, _destination, _school, _way) in enumerate(OTHERS):
        birth = births[name] = _birth(rng, school_year, age)
        number = "" if index == 12 else demo_id_number(birth, male=gender == "男", serial=700 + index)
        rows.append([VILLAGES[index % len(VILLAGES)], name, gender, birth, number, "户主", "子" if gender == "男" else "女",
                     f"139{rng.randint(10000000, 99999999)}", ""])
    import_catchment(db, read_child_list(Sheet("花名册", rows)), school_year, dry_run=False, today=today,
                     backup=False)
    on = min(today, term.start + timedelta(days=40))
    listed = list_children(db, on, school_year)
    children = {(c.name, c.birth_date): c for c in listed}  # a pupil may have the same name
    for name, _gender, _age, destination, school, way in OTHERS:
        if destination is not None and (name, births[name]) in children:
            add_finding(db, children[(name, births[name])].id, FindingInput(destination=destination, school=school, way=way,
                                                            verifier="王建国", verified_on=on), today=today)
    matched = [c for c in listed if c.match == "name_birth"]
    if matched:
        confirm_match(db, matched[0].id, True)  # the office has confirmed one of the three
