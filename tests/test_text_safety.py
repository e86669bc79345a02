"""One pasted character never blocks the hand-in: control characters (NUL, BEL, ESC), a lone surrogate and the
non-characters are dropped by every family's forms, and text stored before that is written as □ with the
record named, never an unexpected error."""
from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import openpyxl
from sqlalchemy import String, Text, select, text

from schooldesk.db.models import Base
from schooldesk.domain.people import UNWRITABLE
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.bundle_writing import verify_bundle, write_bundle
from schooldesk.services.activities import ActivityInput, add_activity
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.bundle import bundle_contents
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.dropout import CaseInput, VisitInput as ReturnVisitInput, add_visit as add_return_visit, open_case
from schooldesk.services.home_teaching import add_plan, add_visit
from schooldesk.services.mentorship import GuidanceInput, PairInput, add_guidance, add_pair
from schooldesk.services.mentorship_assessment import AssessmentInput, get_assessment, save_assessment
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil
from schooldesk.services.support import SupportInput, add_support
from tests.builders import make_id, photo, plan_input, run_cli, visit_input

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 20)
PASTED = "\x00\x07\x1b\ud800\ufffe\x85"  # what a paste from another program can bring


def bad(value: str) -> str:
    """*value* with the pasted characters in its middle."""
    return value[:1] + PASTED + value[1:]


def _every_family(db, child: int, teachers: tuple[int, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A record of every family, every free-text field holding the pasted characters."""
    first, second = teachers
    pupil = add_pupil(db, PupilInput(
        name=bad("王小明"), gender="男", birth_date=date(2015, 3, 1), id_number=make_id(date(2015, 3, 1), "男", serial=41),
        school_year=2025, household_registration=bad("示范县青山镇"), address=bad("石桥村3组"),
        guardians=(GuardianInput(bad("王大山"), "父亲", "13800001111", bad("广东东莞")),)))
    add_care(db, pupil, CareInput("left_behind", date(2025, 9, 1), responsible_teacher_id=first, details={
        "kind": "双亲外出", "father_work": bad("广东东莞"), "father_phone": "13900000001", "mother_work": bad("浙江义乌"),
        "mother_phone": "13900000003", "carer_name": bad("王大爷"), "carer_relation": "祖父", "carer_phone": "13900000002"}))
    add_support(db, pupil, SupportInput(date(2025, 10, 9), first, "谈心", bad("谈学习计划"), bad("有进步")))
    case = open_case(db, pupil, CaseInput(date(2025, 10, 13), "厌学", bad("不愿上学")))
    add_return_visit(db, case.id, ReturnVisitInput(date(2025, 10, 14), bad("王老师、村主任"), bad("祖母"),
                                                   bad("讲义务教育法"), bad("考虑中")))
    plan = add_plan(db, child, AUTUMN, plan_input(teachers, goal_notes=bad("认识常用汉字"), schedule=bad("每月两次")))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), content=bad("认读汉字"), performance=bad("专注"),
                                       guardian_feedback=bad("满意"), next_steps=bad("复习")), today=TODAY)
    add_observation(db, ObservationInput(
        observer_id=first, taught_teacher_id=second, class_id=None, subject=bad("语文"), topic=bad("《秋天的雨》"),
        lesson_type="新授课", kind="推门听课", date=date(2025, 10, 14), period=2, process_record=bad("导入\n新授"),
        highlights=bad("朗读好"), suggestions=bad("多练习"), new_photos=(photo(tmp_path / "lesson.jpg"),)), today=TODAY)
    pair = add_pair(db, PairInput(school_year=2025, mentor_id=first, apprentice_id=second, subject=bad("语文"),
                                  pairing_type="入门式", agreement_date=date(2025, 9, 10), goals=bad("站稳讲台"),
                                  content=bad("备课上课"), measures=bad("每周听课")))
    add_guidance(db, pair.id, GuidanceInput(date=date(2025, 10, 9), kind="谈心交流", topic=bad("班级管理"),
                                            content=bad("交流"), advice=bad("多观察"), reflection=bad("有收获")),
                 today=TODAY)
    form = get_assessment(db, pair.id, TODAY).form
    save_assessment(db, pair.id, AssessmentInput(date=date(2025, 12, 18), scores=tuple(
        str(int(item.weight)) for item in form.items), comments=bad("合格")), today=TODAY)
    home_visit = next(k for k, spec in list_kinds(db).items() if spec.code == "home_visit")
    add_activity(db, ActivityInput(
        kind_id=home_visit, title=bad("家访"), date=date(2025, 10, 9), organiser_id=first, pupil_ids=(pupil,),
        start_time=time(16, 0), end_time=time(17, 0), place=bad("学生家中"), outside_people=bad("村干部 张三"),
        content=bad("了解学习情况"), outcome=bad("家长支持"), values={"way": "入户", "met_with": bad("奶奶")},
        new_photos=(photo(tmp_path / "visit.jpg"),), new_captions=(bad("与奶奶交流"),)), today=TODAY)


def _stored_texts(db) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(table, column, value) of every text and JSON value in the database."""
    found = []
    with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, (String, Text)) or column.type.__class__.__name__ == "JSON":
                    for (value,) in session.execute(select(column)):
                        if value is not None:
                            found.append((table.name, column.name,
                                          value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)))
    return found


def test_every_family_drops_pasted_control_characters_and_the_hand_in_writes(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, child, teachers, _number = home
    _every_family(db, child, teachers, tmp_path)
    stored = _stored_texts(db)
    dirty = [(t, c) for t, c, value in stored if any(ord(ch) in UNWRITABLE for ch in value)]
    assert not dirty
    assert ("activity", "content", "了解学习情况") in stored  # the text itself is kept whole
    assert any(value == "导入\n新授" for t, c, value in stored if (t, c) == ("observation", "process_record"))
    (tmp_path / "out").mkdir()
    result = write_bundle(bundle_contents(db, AUTUMN, today=TODAY), tmp_path / "out")
    assert verify_bundle(result.path).intact
    written = "\n".join(str(cell) for book in result.path.glob("*.xlsx") for ws in openpyxl.load_workbook(book)
                        for row in ws.iter_rows(values_only=True) for cell in row if cell is not None)
    for kept in ("王小明", "了解学习情况", "朗读好", "认读汉字", "广东东莞"):
        assert kept in written, kept


def test_text_stored_before_the_forms_dropped_it_is_written_as_a_box_and_its_record_named(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, child, teachers, _number = home
    _every_family(db, child, teachers, tmp_path)
    with db.transaction() as session:  # as an older SchoolDesk stored it
        session.execute(text("UPDATE observation SET highlights = :bad"), {"bad": "朗读\x00好\x1b"})
        session.execute(text("UPDATE activity SET content = :bad"), {"bad": "了解\x07学习情况"})
    (tmp_path / "out").mkdir()
    result = write_bundle(bundle_contents(db, AUTUMN, today=TODAY), tmp_path / "out")
    assert verify_bundle(result.path).intact
    assert any("听课评课.xlsx" in w and "第4行" in w and "□" in w for w in result.warnings), result.warnings
    assert any("活动记录.xlsx" in w for w in result.warnings), result.warnings
    cells = {cell for ws in openpyxl.load_workbook(result.path / "听课评课.xlsx")
             for row in ws.iter_rows(values_only=True) for cell in row}
    assert "朗读□好□" in cells
    listing = (result.path / "清单.txt").read_text(encoding="utf-8-sig")
    assert "听课评课.xlsx" in listing and "已写作□" in listing
    db.close()
    out = tmp_path / "observations.xlsx"
    done = run_cli("--data-dir", str(db.path.parent), "export-observations", "--semester", "2025-2026-1",
                   "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "□" in done.stdout + done.stderr and out.exists()
