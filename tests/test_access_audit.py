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
from schooldesk.domain.errors import ValidationError
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
    out = write_audit_xlsx(tmp_path / "审计日志.xlsx", entries, school_name="石桥村小学")
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "石桥村小学审计日志" and sheet["A3"].value == "时间"
    assert sheet.freeze_panes == "A4" and sheet["A4"].data_type == "s"
    assert len([r for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]]) == len(entries)
    assert any("青山镇北村" in str(c.value) for c in sheet["G"])


def test_administrators_manage_users_and_the_last_one_stays(school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.domain.errors import ValidationError
    from schooldesk.services.login import LoginError, sign_in
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher
    from schooldesk.services.users import UserInput, create_user, list_users, reset_password, set_user_active, update_user

    db = school_db
    db.actor = Actor("admin", ADMIN)
    li = add_teacher(db, TeacherInput("李春梅", "女")).id
    with pytest.raises(ValidationError) as error:
        create_user(db, UserInput("li", TEACHER, None, "li-password-1"))
    assert error.value.field == "teacher"  # a teacher's account names the teacher
    teacher = create_user(db, UserInput("li", TEACHER, li, "li-password-1"))
    assert sign_in(db, "li", "li-password-1").actor == Actor("li", TEACHER, li)
    for attempt in range(5):
        with pytest.raises(LoginError):
            sign_in(db, "li", f"guess-{attempt}")
    reset_password(db, teacher.id, "new-password-2")  # lifts the lock-out too
    assert sign_in(db, "li", "new-password-2").username == "li"
    [admin] = [u for u in list_users(db) if u.role == ADMIN]
    with pytest.raises(ValidationError):
        set_user_active(db, admin.id, False)
    with pytest.raises(ValidationError):
        update_user(db, admin.id, UserInput("admin", OFFICE))
    db.actor = Actor("li", TEACHER, li)
    with pytest.raises(AccessDenied):
        reset_password(db, admin.id, "taken-over-1")
    with pytest.raises(AccessDenied):
        list_users(db)


def test_a_forgotten_administrator_password_comes_back_with_the_recovery_code(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from schooldesk.domain.semester import default_term_dates
    from schooldesk.services.login import sign_in
    from schooldesk.services.rows import SchoolDetails
    from schooldesk.services.setup import set_up_school

    term1, term2 = default_term_dates(2025)
    code = set_up_school(db, school=SchoolDetails("石桥村小学", "2141051203"), term1=term1, term2=term2,
                         admin_username="admin", admin_password="forgotten-1")
    assert len(code) == 29 and code.count("-") == 4
    password_file = tmp_path / "pw.txt"
    password_file.write_text("remembered-2\n", encoding="utf-8")
    base = [sys.executable, "-m", "schooldesk", "--data-dir", str(db.path.parent), "recover-admin",
            "--admin", "admin", "--password-file", str(password_file)]
    wrong = subprocess.run([*base, "--code", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "恢复码错误" in wrong.stderr
    right = subprocess.run([*base, "--code", code.lower()], capture_output=True, text=True)
    assert right.returncode == 0, right.stderr
    assert sign_in(db, "admin", "remembered-2").role == ADMIN
    again = subprocess.run([*base, "--code", code], capture_output=True, text=True)
    assert again.returncode == 2, "a recovery code works once"
    new_code = right.stdout.strip()[-29:]
    assert len(new_code) == 29 and new_code != code


def test_deleting_support_follows_the_same_roles_as_adding(home) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.dropout import CaseInput, VisitInput, delete_visit, open_case
    from schooldesk.services.dropout import add_visit as add_return_visit
    from schooldesk.services.dropout import update_visit as update_return_visit
    from schooldesk.services.support import delete_support, list_support

    db, pupil_id, (li, zhao), _ = home
    db.actor = Actor("office1", OFFICE)
    mine = add_support(db, pupil_id, SupportInput(date(2025, 10, 8), li, "谈心", "了解近况"))
    theirs = add_support(db, pupil_id, SupportInput(date(2025, 10, 9), zhao, "谈心", "了解近况"))
    case = open_case(db, pupil_id, CaseInput(date(2025, 10, 1), "厌学"))
    visit = add_return_visit(db, case.id, VisitInput(date(2025, 10, 3), "李老师")).visits[0]
    db.actor = Actor("li", TEACHER, teacher_id=li)
    for action in (lambda: delete_support(db, theirs.id), lambda: delete_visit(db, visit.id),
                   lambda: update_return_visit(db, visit.id, VisitInput(date(2025, 10, 3), "改"))):
        with pytest.raises(AccessDenied):
            action()
    delete_support(db, mine.id)
    assert [r.id for r in list_support(db, pupil_id)] == [theirs.id]
    db.actor = Actor("office1", OFFICE)
    assert update_return_visit(db, visit.id, VisitInput(date(2025, 10, 4), "李老师、村主任")).visits[0].visitors == "李老师、村主任"
    with pytest.raises(ValidationError):
        update_return_visit(db, visit.id, VisitInput(date(2025, 9, 30), "李老师"))  # before the case started
    assert delete_visit(db, visit.id).visits == ()


def test_a_teacher_captions_only_their_own_records_photos_and_a_refused_edit_leaves_no_photo_behind(home, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.activities import ActivityInput, add_activity
    from schooldesk.services.activity_kinds import list_kinds
    from schooldesk.services.observations import ObservationInput, add_observation, update_observation
    from schooldesk.services.photos import set_caption
    from tests.builders import photo

    db, _pupil_id, (li, zhao), _number = home
    kind = next(k for k, spec in list_kinds(db).items() if spec.code == "class_meeting")
    db.actor = Actor("office1", OFFICE)
    zhaos = add_activity(db, ActivityInput(kind_id=kind, title="班会", date=date(2025, 10, 9), organiser_id=zhao,
                                           new_photos=(photo(tmp_path / "a.jpg"),)))
    lesson = ObservationInput(observer_id=zhao, taught_teacher_id=li, class_id=None, subject="语文", topic="《秋天》",
                              lesson_type="新授课", kind="推门听课", date=date(2025, 10, 14), period=2)
    observed = add_observation(db, lesson)
    files = lambda: sorted(p.name for p in db.photos.root.rglob("*") if p.is_file())  # noqa: E731
    before = files()

    db.actor = Actor("li", TEACHER, teacher_id=li)
    with pytest.raises(AccessDenied):
        set_caption(db, "activity", zhaos.id, zhaos.photos[0].id, "改别人的说明")
    with pytest.raises(AccessDenied):  # her own name as observer, but the record is 赵国强's
        update_observation(db, observed.id, replace(lesson, observer_id=li, new_photos=(photo(tmp_path / "b.jpg"),)))
    assert files() == before  # the refused edit's picture is not left in photos/

    db.actor = Actor("zhao", TEACHER, teacher_id=zhao)
    set_caption(db, "activity", zhaos.id, zhaos.photos[0].id, "主题班会")  # his own record
    db.actor = Actor("office1", OFFICE)
    set_caption(db, "activity", zhaos.id, zhaos.photos[0].id, "主题班会：安全")  # the office's is anyone's


def test_a_database_without_an_actor_is_refused_and_only_the_command_runner_acts_as_an_administrator(
        school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A script that sets db.actor = None used to get every right; now it gets none. The command line's
    administrator context is given by the command runner to the databases its commands open."""
    from schooldesk.db.database import open_database
    from schooldesk.domain.access import NOBODY
    from schooldesk.services.access import masking

    birth = date(2015, 3, 4)
    pupil = PupilInput(name="王小明", gender="男", birth_date=birth, id_number=make_id(birth, "男"), school_year=2025)
    pupil_id = add_pupil(school_db, pupil)
    school_db.actor = None
    for call in (lambda: add_pupil(school_db, replace(pupil, name="李四", id_number=make_id(birth, "男", serial=3))),
                 lambda: update_pupil(school_db, pupil_id, replace(pupil, name="王大明")),
                 lambda: get_pupil(school_db, pupil_id, 2025),  # the form's full ID number
                 lambda: masking(school_db),
                 lambda: set_support_intervals(school_db, {}),
                 lambda: add_support(school_db, pupil_id, SupportInput(date(2025, 10, 8), None, "谈心", "了解近况"))):
        with pytest.raises(AccessDenied) as refused:
            call()
        assert refused.value.message == NOBODY
    folder = school_db.path.parent
    school_db.close()

    opened = open_database(folder)  # what a script importing SchoolDesk gets: no rights at all
    try:
        assert opened.actor is None
        with pytest.raises(AccessDenied):
            add_pupil(opened, replace(pupil, name="李四", id_number=make_id(birth, "男", serial=3)))
    finally:
        opened.close()

    from tests.builders import NATIONAL_HEADER, run_cli, write_xlsx
    from tests.test_pupil_import import row

    roster = write_xlsx(tmp_path / "roster.xlsx",  # through the command runner the same change is made, as "system"
                        [NATIONAL_HEADER, row("李四", "男", "2015-03-04", make_id(birth, "男", serial=3))])
    done = run_cli("--data-dir", str(folder), "--lang", "zh_CN", "import-students", str(roster))
    assert done.returncode == 0, done.stderr
    reopened = open_database(folder)
    try:
        reopened.actor = Actor("admin", ADMIN)
        assert {p.name for p in list_pupils(reopened, 2025)} == {"王小明", "李四"}
        added = [r for r in list_audit(reopened, AuditFilter(table_name="pupil")) if "李四" in r.label]
        assert [r.username for r in added] == ["system"]
    finally:
        reopened.close()
