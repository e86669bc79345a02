"""活动记录 on paper and in Excel: an activity page with photos under the text and its kind's signature lines,
the blank 家访记录表 with a pupil's details, the semester's summary, the workbook, and print-activity."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from schooldesk.db.database import Database
from schooldesk.domain.activities import HOME_VISIT
from schooldesk.domain.care import LEFT_BEHIND
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.activity_pdf import (
    write_activity_pdf, write_activity_summary_pdf, write_activity_summary_xlsx, write_blank_home_visit_pdf,
)
from schooldesk.services.activities import ActivityInput, add_activity
from schooldesk.services.activity_kinds import list_kinds
from schooldesk.services.activity_print import activity_sheet, activity_summary, blank_home_visit
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil
from schooldesk.services.rows import TeacherInput
from schooldesk.services.teachers import add_teacher
from tests.builders import assert_a4_and_drawn, make_id, photo, run_cli, text_of

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 1)


@pytest.fixture
def recorded(school_db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = school_db
    li = add_teacher(db, TeacherInput("李春梅", "女")).id
    number = make_id(date(2015, 3, 1), "男", serial=41)
    ming = add_pupil(db, PupilInput(name="王小明", gender="男", birth_date=date(2015, 3, 1), id_number=number,
                                    student_number=f"G{number}", school_year=2025, address="青山镇北村3组",
                                    guardians=(GuardianInput("王大山", "祖父", "13900000001"), GuardianInput())))
    add_care(db, ming, CareInput(LEFT_BEHIND, date(2025, 9, 1), responsible_teacher_id=li))
    kinds = {spec.code: kind_id for kind_id, spec in list_kinds(db).items()}
    visit = add_activity(db, ActivityInput(
        kind_id=kinds[HOME_VISIT], title="留守儿童家访", date=date(2025, 10, 10), organiser_id=li, teacher_ids=(li,),
        pupil_ids=(ming,), place="学生家中", outside_people="村干部张三", content="了解孩子在家学习情况",
        values={"way": "入户", "met_with": "王大山", "relation": "祖父", "child_seen": "是"},
        new_photos=(photo(tmp_path / "a.jpg", (1600, 1200)), photo(tmp_path / "b.jpg", (1200, 1600))),
        new_captions=("与爷爷交流", "查看作业")), today=TODAY)
    research = add_activity(db, ActivityInput(
        kind_id=kinds["teaching_research"], title="语文组集体备课", date=date(2025, 11, 5), organiser_id=li,
        values={"group": "语文组", "signed_in": "9"}), today=TODAY)
    return db, visit.id, research.id, number


def test_an_activity_page_with_photos_and_its_kinds_signatures(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, visit, research, _number = recorded
    pdf = write_activity_pdf(tmp_path / "visit.pdf", activity_sheet(db, visit), printed=TODAY)
    text = text_of(pdf.path).replace("\n", "").replace(" ", "")  # cells wrap
    assert pdf.pages == 1
    for expected in ("家访记录表", "留守儿童家访", "学生王小明", "家访方式", "入户", "王大山", "佐证照片", "与爷爷交流",
                     "查看作业", "家访教师签名", "家长（监护人）签名", "李春梅、村干部张三"):
        assert expected in text, expected
    assert_a4_and_drawn(pdf.path, tmp_path)
    research_pdf = write_activity_pdf(tmp_path / "research.pdf", activity_sheet(db, research), printed=TODAY)
    text = text_of(research_pdf.path)
    assert "教研活动记录表" in text and "记录人" in text and "审核" in text and "签到人数" in text


def test_a_home_visit_is_in_the_pupils_printed_file(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.exports.pupil_file_pdf import write_pupil_file_pdf
    from schooldesk.services.pupil_file import pupil_file

    db, _visit, _research, _number = recorded
    result = write_pupil_file_pdf(tmp_path / "file.pdf", pupil_file(db, 1, 2025, today=TODAY), printed=TODAY)
    text = text_of(result.path).replace("\n", "")
    assert "五、家访与活动" in text and "留守儿童家访" in text and "见到的人：王大山" in text


def test_the_blank_home_visit_form_carries_the_pupils_details(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _visit, _research, _number = recorded
    pdf = write_blank_home_visit_pdf(tmp_path / "blank.pdf", blank_home_visit(db, 1, 2025), printed=TODAY)
    text = text_of(pdf.path).replace("\n", "").replace(" ", "")  # cells wrap
    for expected in ("家访记录表", "王小明", "青山镇北村3组", "王大山（祖父）13900000001", "留守儿童", "入户", "电话", "视频",
                     "是否宣讲义务教育法", "家长（监护人）签名"):
        assert expected in text, expected
    assert pdf.pages == 1
    assert_a4_and_drawn(pdf.path, tmp_path)


def test_the_semester_summary_as_pdf_and_workbook(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _visit, _research, _number = recorded
    summary = activity_summary(db, AUTUMN)
    assert [(name, total) for name, _months, total in summary.counts()] == [("家访", 1), ("教研活动", 1)]
    pdf = write_activity_summary_pdf(tmp_path / "summary.pdf", summary, printed=TODAY)
    text = text_of(pdf.path)
    assert "活动记录汇总" in text and "10月" in text and "11月" in text and "语文组集体备课" in text
    assert_a4_and_drawn(pdf.path, tmp_path)
    book = write_activity_summary_xlsx(tmp_path / "summary.xlsx", summary)
    assert book.rows == {"活动统计": 2, "活动记录": 2}
    sheets = openpyxl.load_workbook(book.path)
    counts = sheets["活动统计"]
    assert [c.value for c in counts[3]] == ["类别", "2025年10月", "2025年11月", "合计"]
    assert [c.value for c in counts[4]] == ["家访", 1, 0, 1]
    records = sheets["活动记录"]
    first = [c.value for c in records[4]]
    assert first[1].date() == date(2025, 10, 10) and first[2] == "家访" and first[-1] == 2


def test_print_activity(recorded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, visit, _research, number = recorded
    data = str(db.path.parent)
    db.close()
    out = tmp_path / "cli.pdf"
    done = run_cli("print-activity", "--id", str(visit), "--out", str(out), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(out).pages) == 1 and "王大山" in text_of(out)
    blank = run_cli("print-activity", "--blank-home-visit", f"G{number}", "--out", str(tmp_path / "b.pdf"), "--data-dir", data)
    assert blank.returncode == 0, blank.stderr
    summary = run_cli("print-activity", "--summary", "--semester", "2025-2026-1", "--out", str(tmp_path / "s.xlsx"),
                      "--data-dir", data)
    assert summary.returncode == 0, summary.stderr
    missing = run_cli("print-activity", "--id", "99", "--out", str(tmp_path / "x.pdf"), "--data-dir", data)
    assert missing.returncode == 2 and "不存在" in missing.stderr and "Traceback" not in missing.stderr
