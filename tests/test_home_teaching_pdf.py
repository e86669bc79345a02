"""The three printed 送教上门 documents, read back with pypdf and rendered with pdftoppm."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, time
from pathlib import Path

import pytest

from schooldesk.exports.home_teaching_pdf import write_blank_form_pdf, write_semester_log_pdf, write_visit_pdf
from schooldesk.exports.pdf_fonts import LAST_RESORT, choose_fonts
from schooldesk.services.home_teaching import add_plan, add_visit
from schooldesk.services.home_teaching_log import home_teaching_log
from schooldesk.services.pupils import GuardianInput, PupilInput, add_pupil
from tests.builders import assert_a4_and_drawn, make_id, photo, plan_input, text_of, visit_input
from tests.test_home_teaching import TERM1

@pytest.fixture
def logged(home):  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, number = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    first = add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8),
                                               new_photos=(photo(db.path.parent / "a.jpg"),)))
    for day in (date(2025, 10, 22), date(2025, 11, 5)):
        add_visit(db, plan.id, visit_input(teachers[:1], day, start_time=time(9, 0), end_time=time(10, 30)))
    return db, plan.id, first.id, number


def test_one_visit_on_one_page_with_signature_lines(logged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, plan_id, visit_id, _ = logged
    result = write_visit_pdf(tmp_path / "visit.pdf", home_teaching_log(db, plan_id), visit_id, printed=date(2025, 10, 9))
    assert result.pages == 1 and result.embedded and result.missing == ()
    text = text_of(result.path)
    for expected in ("送教上门记录表", "石桥村小学", "陈小宇", "2025年10月8日", "14:00—15:30", "李春梅、赵国强",
                     "认读汉字", "希望多练习写字", "送教教师签名", "家长（监护人）签名", "第 1 页 / 共 1 页"):
        assert expected in text, expected
    assert_a4_and_drawn(result.path, tmp_path)


def test_semester_log_sums_visits_against_the_rule(logged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, plan_id, _, _ = logged
    result = write_semester_log_pdf(tmp_path / "log.pdf", home_teaching_log(db, plan_id))
    text = text_of(result.path).replace("\n", "")
    for expected in ("送教上门学期记录", "陈小宇", "2025-10-08", "2025-11-05", "李春梅、赵国强", "送教3次（要求10次）",
                     "每月不少于2次", "2025年10月", "达标", "家长签名", "学校审核意见", f"共 {result.pages} 页"):
        assert expected in text, expected
    assert_a4_and_drawn(result.path, tmp_path)


def test_short_visits_print_as_such_and_the_month_is_not_met(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """70 + 90 minutes in October: the minutes add up to 160, but one visit is under 2 periods."""
    from schooldesk.services.home_teaching import behind_this_month, plan_compliance

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8), start_time=time(14, 0), end_time=time(15, 10)))
    add_visit(db, plan.id, visit_input(teachers, date(2025, 10, 22), start_time=time(14, 0), end_time=time(15, 30)))
    october = [m for m in plan_compliance(db, plan.id) if m.month == date(2025, 10, 1)][0]
    assert october.minutes == 160 and not october.met
    assert [b.this_month.visits_missing for b in behind_this_month(db, date(2025, 10, 28))] == [1]
    result = write_semester_log_pdf(tmp_path / "log.pdf", home_teaching_log(db, plan.id), printed=date(2025, 12, 1))
    text = text_of(result.path).replace("\n", "")
    assert "2次，其中1次不足2课时" in text and "未达标，差1次" in text
    assert "送教2次，其中1次不足2课时（要求10次）" in text


def test_blank_form_is_prefilled_with_school_child_and_teachers(logged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, plan_id, _, _ = logged
    result = write_blank_form_pdf(tmp_path / "blank.pdf", home_teaching_log(db, plan_id))
    text = text_of(result.path)
    for expected in ("送教上门记录表", "石桥村小学", "陈小宇", "李春梅、赵国强", "送教日期", "送教内容", "文化知识", "签名"):
        assert expected in text, expected
    assert "□" not in text and "■" not in text  # tick boxes are drawn, not font glyphs
    assert "认读汉字" not in text and result.pages == 1
    assert_a4_and_drawn(result.path, tmp_path)


def test_a_long_semester_runs_over_pages_with_numbers(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    for month, day in [(m, d) for m in (9, 10, 11, 12) for d in (3, 10, 17, 24)]:
        add_visit(db, plan.id, visit_input(teachers, date(2025, month, day), content="长内容" * 200))
    result = write_semester_log_pdf(tmp_path / "long.pdf", home_teaching_log(db, plan.id))
    assert result.pages >= 2
    text = text_of(result.path)
    assert f"第 2 页 / 共 {result.pages} 页" in text and "…" in text


def test_a_rare_character_is_reported_not_a_crash(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.rows import TeacherInput
    from schooldesk.services.teachers import add_teacher

    db = school_db
    teacher = add_teacher(db, TeacherInput("𠮷老师", "女")).id
    birth = date(2013, 2, 3)
    pupil = add_pupil(db, PupilInput(name="𠮷祥", gender="女", birth_date=birth, id_number=make_id(birth, "女", serial=3),
                                     school_year=2025, guardians=(GuardianInput("𠮷大山", "父亲"), GuardianInput())))
    plan = add_plan(db, pupil, TERM1, plan_input((teacher,)))
    add_visit(db, plan.id, visit_input((teacher,), date(2025, 10, 8)))
    log = home_teaching_log(db, plan.id)
    for write in (lambda p: write_visit_pdf(p, log, log.visits[0].id), lambda p: write_semester_log_pdf(p, log),
                  lambda p: write_blank_form_pdf(p, log)):
        result = write(tmp_path / "rare.pdf")
        fonts = choose_fonts()
        if 0x20BB7 in (fonts.main.chars or ()):
            pytest.skip("this machine's font has 𠮷")
        assert result.missing == ("𠮷",) and result.pages == 1
        assert "□祥" in text_of(result.path)


def test_without_a_cjk_truetype_font_the_last_resort_is_used_and_said(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import schooldesk.exports.pdf_fonts as pdf_fonts

    monkeypatch.setattr(pdf_fonts, "MAIN_CANDIDATES", ())  # a PC without Chinese fonts
    fonts = pdf_fonts.choose_fonts("/nowhere/font.ttc")
    assert fonts.main.name == LAST_RESORT and not fonts.embedded


def test_print_home_teaching_command(logged, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, plan_id, visit_id, number = logged
    data_dir = db.path.parent
    base = [sys.executable, "-m", "schooldesk", "--data-dir", str(data_dir), "print-home-teaching",
            "--student", f"G{number}", "--semester", "2025-2026-1"]
    runs = {
        "log.pdf": [], "visit.pdf": ["--visit", str(visit_id)], "blank.pdf": ["--blank"],
    }
    for name, extra in runs.items():
        done = subprocess.run([*base, *extra, "--out", str(tmp_path / name)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "陈小宇" in text_of(tmp_path / name)
    assert "认读汉字" in text_of(tmp_path / "visit.pdf") and "送教上门学期记录" in text_of(tmp_path / "log.pdf")
    missing = subprocess.run([*base[:-2], "--semester", "2025-2026-2", "--out", str(tmp_path / "x.pdf")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "没有送教上门计划" in missing.stderr and not (tmp_path / "x.pdf").exists()
    wrong = subprocess.run([*base, "--visit", "99999", "--out", str(tmp_path / "y.pdf")], capture_output=True, text=True)
    assert wrong.returncode == 2 and "99999" in wrong.stderr



def test_one_rounding_rule_for_lesson_periods_on_every_sheet_and_page(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Two visits of 90 minutes (40-minute periods): 2.2 each, 4.4 for the month, 4.4 for the semester —
    never 4.5 (the minutes added first) beside 2.2 + 2.2."""
    from openpyxl import load_workbook

    from schooldesk.exports.bundle_sheets import home_teaching_sheets
    from schooldesk.exports.sheets import write_workbook

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers))
    visits = [add_visit(db, plan.id, visit_input(teachers, day, start_time=time(14, 0), end_time=time(15, 30)))
              for day in (date(2025, 10, 8), date(2025, 10, 22))]
    log = home_teaching_log(db, plan.id)
    october = next(m for m in log.months if m.month == date(2025, 10, 1))
    assert october.minutes == 180 and october.periods == 4.4 and log.standing(date(2025, 12, 1)).periods == 4.4
    assert [log.visit_periods(v) for v in log.visits] == [2.2, 2.2]

    text = text_of(write_semester_log_pdf(tmp_path / "log.pdf", log, printed=date(2025, 12, 1)).path).replace("\n", "")
    assert "合4.4课时" in text and "4.4 / 4" in text and "4.5" not in text
    visit_text = text_of(write_visit_pdf(tmp_path / "visit.pdf", log, visits[0].id).path)
    assert "2.2课时" in visit_text.replace("\n", ""), visit_text[200:500]
    write_workbook(tmp_path / "home.xlsx", home_teaching_sheets([log], date(2025, 12, 1)), school_name="石桥村小学")
    book = load_workbook(tmp_path / "home.xlsx")
    visit_sheet, month_sheet = book["送教上门记录"], book["送教上门逐月达标"]
    headers = [c.value for c in visit_sheet[3]]
    per_visit = [row[headers.index("课时")] for row in visit_sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert per_visit == [2.2, 2.2]
    headers = [c.value for c in month_sheet[3]]
    by_month = {row[headers.index("月份")]: row[headers.index("课时")]
                for row in month_sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)}
    assert by_month["2025年10月"] == 4.4


def test_a_month_not_ended_is_never_printed_as_failed(home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Printed on 15 November: September (met) 是, October (nothing done) 否, November (under way) 进行中,
    December and January 未到 — on the bundle sheet and on the semester log."""
    from openpyxl import load_workbook

    from schooldesk.exports.bundle_sheets import home_teaching_sheets
    from schooldesk.exports.sheets import write_workbook

    db, pupil_id, teachers, _ = home
    plan = add_plan(db, pupil_id, TERM1, plan_input(teachers, start_date=date(2025, 9, 1)))
    for day in (date(2025, 9, 10), date(2025, 9, 24)):
        add_visit(db, plan.id, visit_input(teachers, day, start_time=time(14, 0), end_time=time(15, 30)))
    log = home_teaching_log(db, plan.id)
    printed = date(2025, 11, 15)
    write_workbook(tmp_path / "home.xlsx", home_teaching_sheets([log], printed), school_name="石桥村小学")
    sheet = load_workbook(tmp_path / "home.xlsx")["送教上门逐月达标"]
    headers = [c.value for c in sheet[3]]
    verdicts = {row[headers.index("月份")]: row[headers.index("是否达标")]
                for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)}
    assert verdicts == {"2025年9月": "是", "2025年10月": "否", "2025年11月": "进行中", "2025年12月": "未到",
                        "2026年1月": "未到"}
    # the last day of a month it is still under way; the first day of the next it is judged
    november = next(m for m in log.months if m.month == date(2025, 11, 1))
    assert november.met_zh(date(2025, 11, 30)) == "进行中" and november.met_zh(date(2025, 12, 1)) == "否"
    assert november.met_zh(date(2025, 10, 31)) == "未到"
    text = text_of(write_semester_log_pdf(tmp_path / "log.pdf", log, printed=printed).path).replace("\n", "")
    assert "本月进行中" in text and "未到" in text and text.count("未达标") == 1
