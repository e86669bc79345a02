"""The audit trail reads in the school's words: a broad day of real actions on the demo school, then every
entry rendered and checked for raw column names, codes and braces."""
from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from schooldesk.db.database import Database
from schooldesk.db.models import Base
from schooldesk.domain.care import DISABLED
from schooldesk.domain.home_teaching import PER_WEEK, VisitRule
from schooldesk.domain.moving_up import NINE_YEAR
from schooldesk.domain.semester import SemesterKey
from schooldesk.services.audit import list_audit
from schooldesk.services.audit_text import COLUMNS, PER_TABLE, TABLES, column_label, table_label
from schooldesk.services.care import CareInput, add_care, update_care
from schooldesk.services.dropout import CaseInput, VisitInput, delete_visit, open_case
from schooldesk.services.dropout import add_visit as add_return_visit
from schooldesk.services.dropout import update_visit as update_return_visit
from schooldesk.services.home_teaching import list_plans, list_visits, update_plan, update_visit
from schooldesk.services.home_teaching_rules import set_visit_rule
from schooldesk.services.new_school_year import set_school_type, start_new_school_year
from schooldesk.services.photos import set_caption
from schooldesk.services.pupils import list_pupils
from schooldesk.services.registers import register_book
from schooldesk.services.school_rules import set_support_intervals, set_suspect_after_days
from schooldesk.services.support import SupportInput, add_support, delete_support
from schooldesk.services.teachers import list_teachers
from schooldesk.services.users import UserInput, create_user, set_user_active, update_user
from tests.builders import demo_school, plan_input, visit_input

TODAY = date(2026, 11, 24)
RAW = re.compile(r"[{}\[\]]|\b(None|True|False)\b|\b[a-z]+_[a-z_]+\b")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def test_every_table_and_column_has_a_chinese_label() -> None:
    for table in Base.metadata.sorted_tables:
        assert table_label(table.name) != "其他记录", table.name
        for column in table.columns:
            assert column_label(table.name, column.name) != "其他", (table.name, column.name)
    labels = [*TABLES.values(), *COLUMNS.values(), *PER_TABLE.values()]
    assert not [label for label in labels if LATIN_WORD.search(label.replace("PDF", ""))]


def _a_busy_day(db: Database, tmp_path: Path) -> set[str]:  # noqa: PLR0915 - one school day, step by step
    """What an office does in a day, through the services; returns the values that may be ASCII (user names,
    photo file names)."""
    demo_school(db, today=TODAY)
    teachers = [t.id for t in list_teachers(db)]
    year = 2026
    pupils = list_pupils(db, year)
    first, second = pupils[0].id, pupils[1].id
    care = add_care(db, first, CareInput(DISABLED, date(2026, 9, 1), None, teachers[0],
                                         {"type": "智力", "placement": "随班就读"}))
    update_care(db, care.id, CareInput(DISABLED, date(2026, 9, 1), None, teachers[1],
                                       {"type": "智力", "placement": "送教上门", "note": "家长同意"}))
    record = add_support(db, first, SupportInput(date(2026, 11, 2), teachers[0], "谈心", "了解近况"))
    delete_support(db, record.id)
    case = open_case(db, second, CaseInput(date(2026, 10, 8), "厌学"))
    visit = add_return_visit(db, case.id, VisitInput(date(2026, 10, 9), "王老师", "母亲", "劝说", "考虑中")).visits[0]
    update_return_visit(db, visit.id, VisitInput(date(2026, 10, 9), "王老师、村主任", "母亲", "劝说", "同意返校"))
    delete_visit(db, visit.id)
    [autumn] = list_plans(db, SemesterKey(2026, 1), TODAY)
    plan = autumn.plan
    update_plan(db, plan.id, plan_input(tuple(t.id for t in plan.teachers[:1]), start_date=plan.start_date,
                                        end_date=plan.end_date))
    logged = list_visits(db, plan.id)[-1]
    update_visit(db, logged.id, visit_input(tuple(t.id for t in plan.teachers[:1]), logged.date,
                                            start_time=time(9, 0), end_time=time(10, 40),
                                            photo_ids=tuple(p.id for p in logged.photos[1:])))
    photographed = next(v for v in list_visits(db, plan.id) if v.photos)
    set_caption(db, "home_teaching_visit", photographed.id, photographed.photos[0].id, "学写“山”字")
    set_support_intervals(db, {"left_behind": 14})
    set_suspect_after_days(db, 5)
    set_visit_rule(db, VisitRule(PER_WEEK, 1, 2, 40, date(2026, 12, 1)))
    set_school_type(db, NINE_YEAR)
    clerk = create_user(db, UserInput("office2", "office", teachers[2], "a long password"))
    update_user(db, clerk.id, UserInput("office2", "teacher", teachers[2]))
    set_user_active(db, clerk.id, False)
    register_book(db, SemesterKey(2026, 1), full_ids=True)  # an export with full ID numbers is recorded
    start_new_school_year(db, 2027)
    names = {"admin", "office2", "system"}
    names |= {p.original_name for v in list_visits(db, plan.id) for p in v.photos}
    return {word for name in names for word in LATIN_WORD.findall(name)}


def test_every_entry_of_a_busy_day_reads_without_internals(zh_app, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    allowed = _a_busy_day(db, tmp_path)
    rows = list_audit(db, limit=1_000_000, translate=QCoreApplication.translate)
    tables = {r.table_name for r in rows}
    for expected in ("photo_link", "home_teaching_visit_teacher", "home_teaching_plan_teacher", "enrolment",
                     "care_record", "school_setting", "app_user", "return_visit", "register"):
        assert expected in tables, expected
    bad = []
    for row in rows:
        for text in (row.kind_zh, row.action_zh, row.record_text, row.changes_text):
            leftover = LATIN_WORD.sub(lambda m: "" if m[0] in allowed else m[0], text.replace("PDF", ""))
            if RAW.search(text) or LATIN_WORD.search(leftover) or "其他" in text:
                bad.append((row.table_name, row.action, text))
    assert not bad, sorted(set(bad))[:12]
    said = {r.changes_text for r in rows}
    assert any(t.startswith("添加照片 ") for t in said) and any(t.startswith("送教教师：") for t in said)
    assert any(t.startswith("移除送教教师：") for t in said)
    assert any("安置方式：随班就读 → 安置方式：送教上门" in t or "安置方式：送教上门" in t for t in said)
    assert any("关爱类别：残疾儿童" in t for t in said)
    assert any("角色：办公室 → 教师" in t for t in said)
    assert any("在用：是 → 否" in t for t in said)
    assert any("学校类型" in r.record_text and "九年一贯制学校" in r.changes_text for r in rows)
    assert any(t.startswith("编入") and "2027—2028学年" in t for t in said)
