"""学生档案 and 劝返记录表: what they print, read back, and the commands that write registers and files."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from schooldesk.domain.access import AccessDenied, Actor
from schooldesk.domain.errors import NotFoundError
from schooldesk.exports.pupil_file_pdf import write_case_pdf, write_pupil_file_pdf
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.dropout import CaseInput, VisitInput, add_visit, close_case, open_case
from schooldesk.services.pupil_file import pupil_file
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil, find_pupil_id
from schooldesk.services.support import SupportInput, add_support
from tests.builders import assert_a4_and_drawn, demo_folder, make_id, run_cli, text_of


@pytest.fixture
def case_pupil(home):  # type: ignore[no-untyped-def]
    """刘欣怡, left behind, two support records, a dropout case with two visits closed as 返校."""
    db, _, teachers, _ = home
    number = make_id(date(2013, 4, 9), "女", serial=21)
    pupil = add_pupil(db, PupilInput(
        name="刘欣怡", gender="女", birth_date=date(2013, 4, 9), id_number=number, student_number=f"G{number}",
        school_year=2025, address="石桥村5组", household_registration="示范县石桥镇",
        guardians=(GuardianInput("刘卫东", "父亲", "13962297066", "广东东莞"), GuardianInput())))
    add_care(db, pupil, CareInput("left_behind", date(2025, 9, 1), responsible_teacher_id=teachers[0],
                                  details={"kind": "单亲外出", "carer_name": "奶奶"}))
    add_support(db, pupil, SupportInput(date(2025, 9, 20), teachers[0], "谈心", "了解学习情况", "情绪稳定"))
    add_support(db, pupil, SupportInput(date(2025, 10, 9), teachers[0], "家访", "家访了解家庭情况"))
    case = open_case(db, pupil, CaseInput(date(2025, 10, 13), "外出打工", "随父亲到外地"))
    add_visit(db, case.id, VisitInput(date(2025, 10, 14), "李春梅、村主任", "奶奶", "宣传义务教育法", "考虑中"))
    add_visit(db, case.id, VisitInput(date(2025, 10, 20), "李春梅、校长", "父亲（电话）", "父亲答应送回", "同意返校"))
    close_case(db, case.id, date(2025, 10, 27), "返校")
    return db, pupil, case.id, number


def test_the_pupils_file_prints_everything_on_record(case_pupil, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pupil, _, number = case_pupil
    file = pupil_file(db, pupil, 2025, today=date(2025, 11, 2))
    result = write_pupil_file_pdf(tmp_path / "档案.pdf", file, printed=date(2025, 11, 2))
    text = text_of(result.path)
    for expected in ("学生档案", "石桥村小学", "刘欣怡", "2013年4月9日", "刘卫东（父亲），13962297066", "留守儿童",
                     "单亲外出，奶奶", "李春梅", "了解学习情况", "情绪稳定", "外出打工", "宣传义务教育法", "同意返校",
                     "返校", "班主任签名", "学校（盖章）", "第 1 页 / 共 1 页"):
        assert expected in text, expected
    assert number not in text and "4113**********" in text  # masked unless asked for
    assert_a4_and_drawn(result.path, tmp_path)


def test_the_persuade_to_return_record_of_one_case(case_pupil, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pupil, case_id, number = case_pupil
    file = pupil_file(db, pupil, 2025, full_ids=True)
    result = write_case_pdf(tmp_path / "劝返.pdf", file, case_id, printed=date(2025, 11, 2))
    text = text_of(result.path)
    for expected in ("辍学学生劝返记录表", "姓名", number, "2025年10月", "外出打工：随父亲到外地",
                     "刘卫东", "13962297066", "石桥村5组", "示范县石桥镇", "谈心：了解学习情况", "李春梅、村主任",
                     "2025-10-20", "父亲答应送回", "同意返校", "2025年10月27日结案，结果：返校", "班主任签名", "校长签名",
                     "学校（盖章）"):
        assert expected in text, expected
    assert text.index("2025-10-14") < text.index("2025-10-20")  # visits in order, numbered
    with pytest.raises(NotFoundError):
        write_case_pdf(tmp_path / "x.pdf", file, case_id + 99)


def test_a_teacher_gets_masked_numbers_and_cannot_find_a_pupil_by_id_number(case_pupil) -> None:  # type: ignore[no-untyped-def]
    db, pupil, _, number = case_pupil
    assert find_pupil_id(db, number) == pupil
    db.actor = Actor("t", "teacher", 1)
    with pytest.raises(AccessDenied):
        pupil_file(db, pupil, 2025, full_ids=True)
    with pytest.raises(NotFoundError):
        find_pupil_id(db, number)  # a guessed ID number is neither confirmed nor denied
    with pytest.raises(NotFoundError):
        find_pupil_id(db, f"G{number}")  # a G number carries the ID number
    assert pupil_file(db, pupil, 2025).id_number == number[:4] + "*" * 12 + number[-2:]


def test_export_commands_on_the_demo_school(tmp_path: Path) -> None:
    data = str(tmp_path / "d")
    demo_folder(Path(data))
    listed = run_cli("export-register", "--list", "--data-dir", data)
    assert listed.returncode == 0 and "left-behind\t留守儿童台账" in listed.stdout and "all\t" in listed.stdout
    done = run_cli("export-register", "left-behind", "--out", str(tmp_path / "留守.xlsx"), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    ws = openpyxl.load_workbook(tmp_path / "留守.xlsx")["留守儿童台账"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert f"{len(rows)} 行" in done.stdout and rows and "*" in rows[0][4]
    full = run_cli("export-register", "all", "--out", str(tmp_path / "all.pdf"), "--full-ids", "--data-dir", data)
    assert full.returncode == 0 and "页" in full.stdout, full.stderr
    assert len(PdfReader(tmp_path / "all.pdf").pages) > 10
    month = run_cli("monthly-report", "--month", "2026-10", "--out", str(tmp_path / "m.xlsx"), "--data-dir", data)
    assert month.returncode == 0, month.stderr
    assert openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames == ["控辍保学月报", "月报明细"]
    bad = run_cli("monthly-report", "--month", "2026-13", "--out", str(tmp_path / "m.pdf"), "--data-dir", data)
    assert bad.returncode == 2 and "2026-10" in bad.stderr and "Traceback" not in bad.stderr
    unknown = run_cli("export-register", "nope", "--out", str(tmp_path / "x.xlsx"), "--data-dir", data)
    assert unknown.returncode == 2 and "left-behind" in unknown.stderr
    inside = run_cli("export-register", "care", "--out", str(Path(data) / "schooldesk.sqlite3.xlsx"), "--data-dir", data)
    assert inside.returncode == 2 and "数据文件夹" in inside.stderr
    wrong_kind = run_cli("monthly-report", "--month", "2026-10", "--out", str(tmp_path / "m.doc"), "--data-dir", data)
    assert wrong_kind.returncode == 2 and ".xlsx" in wrong_kind.stderr


def test_print_pupil_command(case_pupil, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _, case_id, number = case_pupil
    data = str(db.path.parent)
    db.close()
    done = run_cli("print-pupil", "--student", f"G{number}", "--out", str(tmp_path / "档案.pdf"), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert "刘欣怡" in text_of(tmp_path / "档案.pdf")
    case = run_cli("print-pupil", "--student", number, "--case", str(case_id), "--out", str(tmp_path / "劝返.pdf"),
               "--data-dir", data)
    assert case.returncode == 0 and "辍学学生劝返记录表" in text_of(tmp_path / "劝返.pdf"), case.stderr
    missing = run_cli("print-pupil", "--student", "G000", "--out", str(tmp_path / "x.pdf"), "--data-dir", data)
    assert missing.returncode == 2 and "G000" in missing.stderr
