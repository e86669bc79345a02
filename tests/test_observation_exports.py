"""听课评课 on paper and in Excel: the record, the blank form and a teacher's summary read back with pypdf and
rendered with pdftoppm; the workbook read back with openpyxl; the commands scripts use."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from schooldesk.db.database import Database
from schooldesk.domain.observation import CheckResult
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.observation_pdf import (
    write_blank_observation_pdf, write_observation_pdf, write_observations_xlsx, write_teacher_summary_pdf,
)
from schooldesk.services.observation_print import (
    blank_observation_form, observation_book, observation_sheet, teacher_observation_log,
)
from schooldesk.services.observations import ObservationInput, add_observation
from schooldesk.services.print_settings import set_taught_teacher_signs
from schooldesk.services.rows import TeacherInput
from schooldesk.services.rubrics import list_rubrics
from schooldesk.services.teachers import add_teacher, list_teachers
from tests.builders import assert_a4_and_drawn, photo, run_cli, text_of

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2026, 1, 31)


@pytest.fixture
def observed(school_db: Database, tmp_path: Path):  # type: ignore[no-untyped-def]
    db = school_db
    head, li, zhao = (add_teacher(db, TeacherInput(n, g)).id for n, g in (("王校长", "男"), ("李春梅", "女"), ("赵国强", "男")))
    hundred, ratings = list_rubrics(db)
    first = add_observation(db, ObservationInput(
        observer_id=head, taught_teacher_id=li, class_id=None, subject="语文", topic="《秋天的雨》", lesson_type="新授课",
        kind="推门听课", date=date(2025, 10, 14), period=2, process_record="一、导入：看图说话\n二、新授：朗读感悟",
        rubric_version_id=hundred.version_id, scores=("9", "13", "22", "27", "18"), highlights="朗读指导扎实",
        suggestions="板书可更简洁", checks=(CheckResult(item="有无教案", rating="好"),
                                         CheckResult(item="批改", rating="一般", comment="个别本子未批")),
        new_photos=(photo(tmp_path / "IMG_0001.jpg", (1200, 900)),)), today=TODAY)
    add_observation(db, ObservationInput(
        observer_id=zhao, taught_teacher_id=li, class_id=None, subject="语文", topic="《秋天的雨》", lesson_type="新授课",
        kind="推门听课", date=date(2025, 10, 14), period=2, rubric_version_id=ratings.version_id,
        scores=("优", "良", "良", "优", "中", "良")), today=TODAY)
    add_observation(db, ObservationInput(
        observer_id=head, taught_teacher_id=zhao, class_id=None, subject="数学", topic="认识分数", lesson_type="练习课",
        kind="教研听课", date=date(2025, 12, 1), period=4), today=TODAY)
    return db, first.id, head


def test_one_observation_on_one_signed_page(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, first, _head = observed
    pdf = write_observation_pdf(tmp_path / "one.pdf", observation_sheet(db, first), printed=TODAY)
    assert pdf.pages == 1 and not pdf.warnings
    text = text_of(pdf.path)
    for expected in ("听课记录表", "石桥村小学", "2025—2026学年第一学期", "李春梅", "王校长", "《秋天的雨》", "第2节",
                     "教学过程记录", "二、新授：朗读感悟", "教学方法与策略", "权重", "89", "等级：良", "亮点", "朗读指导扎实",
                     "一听二看三查阅", "个别本子未批", "课堂教学", "平时备课", "作业批改", "本节2人听课，平均86.2分",
                     "评课人签名", "第 1 页 / 共 1 页"):
        assert expected in text, expected
    assert "被听课教师确认签名" not in text
    assert_a4_and_drawn(pdf.path, tmp_path)
    set_taught_teacher_signs(db, True)
    signed = write_observation_pdf(tmp_path / "signed.pdf", observation_sheet(db, first), printed=TODAY)
    assert "被听课教师确认签名" in text_of(signed.path) and signed.pages == 1


def test_the_blank_form_is_in_the_schools_rubric(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _first, _head = observed
    pdf = write_blank_observation_pdf(tmp_path / "blank.pdf", blank_observation_form(db, AUTUMN), printed=TODAY)
    pages = [p.extract_text() for p in PdfReader(pdf.path).pages]
    assert len(pages) == 2
    assert all(item in pages[0] for item in ("教学目标", "教学内容", "教学过程", "教学方法与策略", "教师素质", "执教者", "课题"))
    assert "优 90，良 80，合格 60，不合格" in pages[0]
    assert all(item in pages[1] for item in ("有无教案", "错题订正", "学困生辅导记录", "课堂教学", "评课人签名"))
    assert_a4_and_drawn(pdf.path, tmp_path)


def test_a_teachers_semester_summary(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _first, head = observed
    log = teacher_observation_log(db, head, AUTUMN, date(2025, 12, 1))
    assert [r.topic for r in log.observed] == ["《秋天的雨》", "认识分数"] and log.observed_in == ()
    pdf = write_teacher_summary_pdf(tmp_path / "summary.pdf", log, printed=TODAY)
    text = text_of(pdf.path)
    for expected in ("听课记录汇总", "王校长", "应听节数", "12", "尚差10节", "89分 良", "未评分", "本学期无人听课",
                     "教导处审核"):
        assert expected in text, expected
    assert_a4_and_drawn(pdf.path, tmp_path)


def test_the_workbook_in_the_bureaus_layout(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, _first, _head = observed
    result = write_observations_xlsx(tmp_path / "book.xlsx", observation_book(db, AUTUMN, date(2025, 12, 1)),
                                     filled_on=TODAY)
    assert result.rows == {"听课记录": 3, "听课统计": 3}
    book = openpyxl.load_workbook(result.path)
    sheet = book["听课记录"]
    assert sheet["A1"].value == "石桥村小学听课记录（2025—2026学年第一学期）"
    assert sheet["A2"].value.startswith("填报单位（盖章）：石桥村小学")
    header = [c.value for c in sheet[3]]
    assert header[:4] == ["序号", "日期", "节次", "听课人"] and "本节平均分" in header and "作业批改" in header
    first = [c.value for c in sheet[4]]
    assert isinstance(first[1], datetime) and first[1].date() == date(2025, 10, 14)
    assert first[header.index("总分")] == 89 and first[header.index("等级")] == "良"
    assert first[header.index("本节平均分")] == 86.2
    assert sheet.cell(row=6, column=header.index("总分") + 1).value is None  # kept without scores
    quotas = book["听课统计"]
    rows = {r[1]: r for r in quotas.iter_rows(min_row=4, max_row=6, values_only=True)}
    assert rows["王校长"][3:7] == (12, 2, 10, 0) and rows["李春梅"][6] == 2
    assert any("单位负责人" in str(c.value) for row in quotas.iter_rows(min_row=7) for c in row if c.value)


def test_the_commands(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, first, _head = observed
    data = str(db.path.parent)
    db.close()
    out = tmp_path / "cli.pdf"
    done = run_cli("print-observation", "--id", str(first), "--out", str(out), "--data-dir", data)
    assert done.returncode == 0, done.stderr
    assert "《秋天的雨》" in text_of(out)
    blank = run_cli("print-observation", "--blank", "--out", str(tmp_path / "blank.pdf"), "--data-dir", data)
    assert blank.returncode == 0, blank.stderr
    missing = run_cli("print-observation", "--id", "999", "--out", str(tmp_path / "x.pdf"), "--data-dir", data)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "不存在" in missing.stderr
    quotas = run_cli("observation-quotas", "--semester", "2025-2026-1", "--json", "--data-dir", data)
    assert quotas.returncode == 0, quotas.stderr
    rows = {r["teacher"]: r for r in json.loads(quotas.stdout)}
    assert set(rows["王校长"]) >= {"teacher", "roles", "observed", "required", "observed_by_others"}
    assert (rows["王校长"]["observed"], rows["王校长"]["required"], rows["李春梅"]["observed_by_others"]) == (2, 12, 2)
    assert rows["王校长"]["roles"] == ["教师"]
    plain = run_cli("observation-quotas", "--semester", "2025-2026-1", "--data-dir", data)
    assert plain.returncode == 0 and "王校长" in plain.stdout
    book = tmp_path / "book.xlsx"
    exported = run_cli("export-observations", "--semester", "2025-2026-1", "--out", str(book), "--data-dir", data)
    assert exported.returncode == 0, exported.stderr
    assert openpyxl.load_workbook(book).sheetnames == ["听课记录", "听课统计"]


def test_a_ticked_record_check_prints_as_looked_at_and_an_unticked_one_as_not(observed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """三查阅 is an evaluation of its own: 听课记录 有 reads 听课记录：有, never 未查阅; a group nothing was
    ticked in reads 未查阅."""
    db, first, head = observed
    li = next(t.id for t in list_teachers(db) if t.name == "李春梅")
    records_only = add_observation(db, ObservationInput(
        observer_id=head, taught_teacher_id=li, class_id=None, subject="语文", topic="《秋天的雨》",
        lesson_type="新授课", kind="推门听课", date=date(2025, 11, 4), period=3,
        checks=(CheckResult(item="听课记录", rating="有"), CheckResult(item="成绩册", rating="无", comment="未建"))),
        today=TODAY)
    text = text_of(write_observation_pdf(tmp_path / "records.pdf", observation_sheet(db, records_only.id),
                                         printed=TODAY).path).replace("\n", "")
    assert "查阅记录听课记录：有；成绩册：无（未建）" in text
    assert text.count("未查阅") == 2  # 平时备课 and 作业批改: nothing ticked there
    plans_only = text_of(write_observation_pdf(tmp_path / "plans.pdf", observation_sheet(db, first), printed=TODAY).path)
    assert "查阅记录未查阅" in plans_only.replace("\n", "") and "有无教案：好" in plans_only.replace("\n", "")
