"""Roles checked in the services themselves, and the audit trail the storage layer writes."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from schooldesk.domain.access import ADMIN, OFFICE, TEACHER, AccessDenied, Actor
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.audit_sheet import write_audit_xlsx
from schooldesk.services.audit import AuditFilter, list_audit
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.home_teaching import add_plan, add_visit, update_visit
from schooldesk.services.pupils import PupilInput, add_pupil, get_pupil, list_pupils, update_pupil
from schooldesk.services.school_rules import set_support_intervals
from schooldesk.services.support import SupportInput, add_support, update_support
from tests.builders import make_id, plan_input, visit_input


def test_a_teacher_cannot_write_another_teachers_records_even_through_the_services(home) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, (li, zhao), number = home
    db.actor = Actor("office1", OFFICE)
    mine = add_support(db, pupil_id, SupportInput(date(2025, 10, 8), li, "谈心", "了解近况"))
    theirs = add_support(db, pupil_id, SupportInput(date(2025, 10, 9), zhao, "谈心", "了解近况"))
    plan = add_plan(db, pupil_id, SemesterKey(2025, 1), plan_input((li, zhao)))
    zhao_visit = add_visit(db, plan.id, visit_input((zhao,), date(2025, 10, 15)))

    db.actor = Actor("li", TEACHER, teacher_id=li)
    assert update_support(db, mine.id, SupportInput(date(2025, 10, 8), li, "谈心", "改好了")).content == "改好了"
    add_support(db, pupil_id, SupportInput(date(2025, 10, 10), li, "学业辅导", "讲解错题"))
    add_visit(db, plan.id, visit_input((li,), date(2025, 10, 22)))  # a visit she made
    refused = [
        lambda: update_support(db, theirs.id, SupportInput(date(2025, 10, 9), zhao, "谈心", "改别人的")),
        lambda: update_support(db, mine.id, SupportInput(date(2025, 10, 8), zhao, "谈心", "转给别人")),
        lambda: add_support(db, pupil_id, SupportInput(date(2025, 10, 11), zhao, "谈心", "替别人记")),
        lambda: update_visit(db, zhao_visit.id, visit_input((zhao,), date(2025, 10, 15), content="改")),
        lambda: add_visit(db, plan.id, visit_input((zhao,), date(2025, 10, 29))),
        lambda: add_pupil(db, PupilInput(name="新生", gender="男")),
        lambda: update_pupil(db, pupil_id, PupilInput(name="陈小宇", gender="男")),
        lambda: get_pupil(db, pupil_id, 2025),  # the form with the full ID number
        lambda: add_care(db, pupil_id, CareInput("left_behind", date(2025, 9, 1))),
        lambda: add_plan(db, pupil_id, SemesterKey(2025, 2), plan_input((li,))),
        lambda: set_support_intervals(db, {"left_behind": 7}),
    ]
    for action in refused:
        with pytest.raises(AccessDenied):
            action()
    [row] = [r for r in list_pupils(db, 2025) if r.id == pupil_id]
    assert number not in row.numbers and "*" in row.id_number_masked  # no full number for a teacher

    db.actor = Actor("office1", OFFICE)
    with pytest.raises(AccessDenied):
        set_support_intervals(db, {"left_behind": 7})  # settings are the administrator's
    with pytest.raises(AccessDenied):
        list_audit(db)
    db.actor = Actor("admin", ADMIN)
    set_support_intervals(db, {"left_behind": 7})


def test_create_update_delete_are_in_the_audit_trail_with_numbers_masked(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, (li, zhao), number = home
    db.actor = Actor("office1", OFFICE)
    birth = date(2016, 4, 5)
    other_number = make_id(birth, "女", serial=30)
    new_id = add_pupil(db, PupilInput(name="刘小雨", gender="女", birth_date=birth, id_number=other_number))
    update_pupil(db, new_id, replace(get_pupil(db, new_id, None), address="青山镇北村"))
    plan = add_plan(db, pupil_id, SemesterKey(2025, 1), plan_input((li, zhao)))
    visit = add_visit(db, plan.id, visit_input((li,), date(2025, 10, 8)))
    from schooldesk.services.home_teaching import delete_visit

    delete_visit(db, visit.id)
    db.actor = Actor("admin", ADMIN)
    entries = list_audit(db, AuditFilter(username="office1"))
    created = next(e for e in entries if e.table_name == "pupil" and e.action == "create")
    assert created.label == "刘小雨" and created.changes["id_number"] == [None, other_number[:4] + "*" * 10 + other_number[-4:]]
    assert other_number not in str([e.changes for e in entries])
    updated = next(e for e in entries if e.table_name == "pupil" and e.action == "update")
    assert updated.changes == {"address": ["", "青山镇北村"]} and updated.record_id == str(new_id)
    deleted = next(e for e in entries if e.table_name == "home_teaching_visit" and e.action == "delete")
    assert deleted.changes["content"][0] == visit.content and deleted.record_id == str(visit.id)
    assert [e.username for e in list_audit(db, AuditFilter(text="青山镇北村"))] == ["office1"]
    assert list_audit(db, AuditFilter(since=date.today() + timedelta(days=1))) == []
    with db.engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(text("UPDATE audit_entry SET username = 'nobody'"))
    with db.engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(text("DELETE FROM audit_entry"))
    out = write_audit_xlsx(tmp_path / "审计日志.xlsx", entries)
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "时间" and sheet.max_row == len(entries) + 1
    assert any("青山镇北村" in str(c.value) for c in sheet["G"])
