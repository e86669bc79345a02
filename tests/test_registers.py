"""The dropout-prevention registers and the monthly report: what they count, read back from real files."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, text

from schooldesk.db.models import AuditEntry, CareRecord, DropoutCase, SupportRecord
from schooldesk.domain.access import AccessDenied, Actor
from schooldesk.domain.semester import SemesterKey
from schooldesk.exports.monthly_report import write_monthly_report_pdf, write_monthly_report_xlsx
from schooldesk.exports.registers import REGISTERS, register_spec, write_registers_pdf, write_registers_xlsx
from schooldesk.services.care import CareInput, add_care
from schooldesk.services.dropout import CaseInput, confirm_dropout, VisitInput, add_visit, close_case, open_case
from schooldesk.services.home_teaching import add_plan, add_visit as add_home_visit
from schooldesk.services.monthly_report import monthly_report, parse_month
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.services.registers import register_book
from schooldesk.services.support import SupportInput, add_support
from tests.builders import assert_a4_and_drawn, make_id, open_as_command, plan_input, visit_input

AUTUMN = SemesterKey(2025, 1)
TODAY = date(2025, 12, 20)


@dataclass
class School:
    db: object
    teacher: int
    pupils: dict[str, int]
    numbers: dict[str, str]


def _pupil(db, name: str, gender: str, serial: int, **changes: object) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    birth = date(2015, 3, 1 + serial % 28)
    number = make_id(birth, gender, serial=serial)
    pupil = add_pupil(db, PupilInput(name=name, gender=gender, birth_date=birth, id_number=number,
                                     student_number=f"G{number}", school_year=2025, address="石桥村3组", **changes))
    return pupil, number


@pytest.fixture
def school(home) -> School:  # type: ignore[no-untyped-def]
    """Pupils in each category, support records, four dropout cases, and a 送教上门 plan with two visits."""
    db, child, teachers, child_number = home
    teacher = teachers[0]
    pupils, numbers = {"陈小宇": child}, {"陈小宇": child_number}
    for name, gender, serial in (("王小明", "男", 11), ("李娜", "女", 12), ("张伟", "男", 13), ("刘洋", "男", 14),
                                 ("赵敏", "女", 15), ("孙丽", "女", 16), ("周杰", "男", 17)):
        pupils[name], numbers[name] = _pupil(db, name, gender, serial)
    add_care(db, pupils["王小明"], CareInput("left_behind", date(2025, 9, 1), responsible_teacher_id=teacher, details={
        "kind": "双亲外出", "father_work": "广东东莞", "father_phone": "13900000001", "mother_work": "浙江义乌",
        "carer_name": "王大爷", "carer_relation": "祖父", "carer_phone": "13900000002", "guardianship": "监护情况一般"}))
    add_care(db, pupils["李娜"], CareInput("struggling", date(2025, 9, 1), responsible_teacher_id=teacher,
                                          details={"subjects": "数学", "causes": "基础薄弱"}))
    add_care(db, pupils["张伟"], CareInput("hardship", date(2025, 9, 1), responsible_teacher_id=teacher,
                                          details={"kind": "低保"}))
    add_care(db, pupils["刘洋"], CareInput("migrant", date(2025, 9, 1)))
    add_care(db, child, CareInput("disabled", date(2025, 9, 1), responsible_teacher_id=teacher, details={
        "type": "智力", "grade": "二级", "certificate": "41130220140506071", "placement": "送教上门"}))
    # ended before the semester: in no register of it
    add_care(db, pupils["孙丽"], CareInput("left_behind", date(2025, 3, 1), date(2025, 8, 31)))
    for day, kind, content in ((date(2025, 10, 9), "学业辅导", "讲解分数"), (date(2025, 11, 6), "学业辅导", "订正作业"),
                               (date(2025, 11, 20), "谈心", "鼓励")):
        add_support(db, pupils["李娜"], SupportInput(day, teacher, kind, content, "有进步"))
    add_support(db, pupils["王小明"], SupportInput(date(2025, 7, 1), teacher, "谈心", "暑假前谈心"))  # last semester
    returned = open_case(db, pupils["赵敏"], CaseInput(date(2025, 10, 13), "厌学"))
    add_visit(db, returned.id, VisitInput(date(2025, 10, 14), "王老师、村主任", "祖母", "讲义务教育法", "考虑中"))
    add_visit(db, returned.id, VisitInput(date(2025, 10, 20), "王老师", "父亲", "答应送回", "同意返校"))
    close_case(db, returned.id, date(2025, 10, 31), "返校")
    moved = open_case(db, pupils["周杰"], CaseInput(date(2025, 11, 3), "外出打工"))
    close_case(db, moved.id, date(2025, 11, 30), "转学", "广东东莞某小学")
    open_case(db, pupils["孙丽"], CaseInput(date(2025, 11, 30), "家长观念", stage="疑似辍学"))
    open_case(db, pupils["刘洋"], CaseInput(date(2025, 12, 1), "外出打工"))
    plan = add_plan(db, child, AUTUMN, plan_input(teachers, start_date=date(2025, 10, 1), end_date=date(2026, 1, 20)))
    add_home_visit(db, plan.id, visit_input(teachers, date(2025, 10, 8)), today=TODAY)
    add_home_visit(db, plan.id, visit_input(teachers, date(2025, 10, 22)), today=TODAY)
    return School(db, teacher, pupils, numbers)


def _sheet_rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(ws.iter_rows(values_only=True))


def test_register_lines_follow_the_semester(school: School) -> None:
    book = register_book(school.db, AUTUMN, today=TODAY)
    assert {line.pupil.name for line in book.care_of("left_behind")} == {"王小明"}  # 孙丽 ended in August
    struggling = book.care_of("struggling")[0]
    assert (struggling.support_count, struggling.measures) == (3, "学业辅导2次、谈心1次")
    assert struggling.latest_progress == "鼓励：有进步" and struggling.latest_support == date(2025, 11, 20)
    assert [s.date for s in book.support] == [date(2025, 10, 9), date(2025, 11, 6), date(2025, 11, 20)]
    status = {d.pupil.name: (d.stage, d.status, d.visits) for d in book.dropouts}
    assert status == {"赵敏": ("辍学", "已返校", 2), "周杰": ("辍学", "已销号", 0), "孙丽": ("疑似辍学", "劝返中", 0),
                      "刘洋": ("辍学", "劝返中", 0)}
    [taught] = book.home_taught
    assert (taught.standing.visits, taught.disability, taught.pupil.name) == (2, "智力残疾二级", "陈小宇")
    # October met, November none; December in progress
    assert (taught.standing.months_met, taught.standing.months_past) == (1, 2)
    assert taught.standing.required_visits == 8  # the whole plan, as the printed log says it: Oct–Jan, 2 a month
    assert book.care_of("left_behind")[0].pupil.id_number == "4113**********" + school.numbers["王小明"][-4:]


def test_workbook_has_the_bureau_layout_and_the_database_counts(school: School, tmp_path: Path) -> None:
    book = register_book(school.db, AUTUMN, today=TODAY)
    result = write_registers_xlsx(tmp_path / "台账.xlsx", book, filled_on=date(2025, 12, 20))
    workbook = openpyxl.load_workbook(result.path)
    assert workbook.sheetnames == [spec.title for spec in REGISTERS]
    with school.db.transaction() as session:  # type: ignore[attr-defined]
        in_care = session.scalar(select(func.count()).select_from(CareRecord).where(
            CareRecord.start_date <= date(2026, 1, 31),
            (CareRecord.end_date.is_(None)) | (CareRecord.end_date >= date(2025, 9, 1))))
        support = session.scalar(select(func.count()).select_from(SupportRecord).where(
            SupportRecord.date >= date(2025, 9, 1)))
        cases = session.scalar(select(func.count()).select_from(DropoutCase))
    expected = {"关爱学生总台账": in_care, "帮扶记录汇总": support, "疑似辍学和辍学学生台账": cases,
                "留守儿童台账": 1, "残疾儿童少年台账": 1, "学困生台账": 1, "家庭经济困难学生台账": 1, "随迁子女名册": 1,
                "送教上门学生花名册": 1}
    assert result.rows == expected
    for spec in REGISTERS:
        ws = workbook[spec.title]
        rows = _sheet_rows(ws)
        assert rows[0][0] == f"石桥村小学{spec.title}"
        assert rows[1][0] == "填报单位（盖章）：石桥村小学" and "填报时间：2025年12月20日" in rows[1]
        assert rows[2][0] == "序号" and ws.freeze_panes == "A4" and ws.print_title_rows == "$3:$3"
        assert ws.auto_filter.ref.startswith("A3:")
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        data = rows[3:3 + expected[spec.title]]
        assert [r[0] for r in data] == list(range(1, expected[spec.title] + 1))
        assert rows[-1][0].startswith("单位负责人：") and "填表人：" in rows[-1][0]
    left = workbook["留守儿童台账"]
    header = [c.value for c in left[3]]
    row = {h: c for h, c in zip(header, left[4])}
    assert row["出生日期"].is_date and isinstance(row["出生日期"].value, datetime)
    assert row["身份证号"].data_type == "s" and row["身份证号"].value.endswith(school.numbers["王小明"][-4:])
    assert row["父亲务工地点"].value == "广东东莞" and row["监护类型"].value == "监护情况一般"
    assert row["委托监护人"].value == "王大爷" and row["父亲电话"].data_type == "s"
    support = workbook["帮扶记录汇总"]
    assert support["B4"].is_date and support["A4"].data_type == "n"


def test_an_empty_register_is_a_valid_sheet_with_a_none_row(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = register_book(school_db, AUTUMN)
    result = write_registers_xlsx(tmp_path / "empty.xlsx", book, [register_spec("migrant")])
    rows = _sheet_rows(openpyxl.load_workbook(result.path)["随迁子女名册"])
    assert result.rows == {"随迁子女名册": 0}
    assert rows[2][0] == "序号" and rows[3][0] == "无" and rows[-1][0].startswith("单位负责人")


def test_text_that_looks_like_a_formula_stays_text(school: School, tmp_path: Path) -> None:
    add_support(school.db, school.pupils["张伟"], SupportInput(date(2025, 12, 1), school.teacher, "谈心",  # type: ignore[arg-type]
                                                              '=HYPERLINK("http://x","点我")'))
    book = register_book(school.db, AUTUMN, today=TODAY)
    path = write_registers_xlsx(tmp_path / "f.xlsx", book, [register_spec("support")]).path
    ws = openpyxl.load_workbook(path)["帮扶记录汇总"]
    cell = next(c for row in ws.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


def test_full_ids_for_the_office_only_and_written_to_the_trail(school: School) -> None:
    db = school.db
    full = register_book(db, AUTUMN, full_ids=True, today=TODAY)
    assert full.care_of("left_behind")[0].pupil.id_number == school.numbers["王小明"]
    with db.transaction() as session:  # type: ignore[attr-defined]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
        assert (entry.table_name, entry.record_id, entry.changes) == ("register", "2025-2026-1", {"full_ids": [None, True]})
    db.actor = Actor("teacher1", "teacher", school.teacher)  # type: ignore[attr-defined]
    with pytest.raises(AccessDenied):
        register_book(db, AUTUMN, full_ids=True)
    with pytest.raises(AccessDenied):
        monthly_report(db, date(2025, 11, 1), full_ids=True)
    masked = register_book(db, AUTUMN, today=TODAY)  # a teacher may read the registers, masked
    assert "*" in masked.care_of("left_behind")[0].pupil.id_number


def test_monthly_report_counts_at_the_month_boundaries(school: School) -> None:
    october, november, december = (monthly_report(school.db, date(2025, m, 1)) for m in (10, 11, 12))
    assert october.count("本月新增辍学") == 1  # 赵敏, 13 October
    assert october.count("本月劝返复学") == 1 and october.count("本月销号") == 1  # back on 31 October
    assert october.count("累计辍学") == 0  # closed on the last day of the month
    assert november.count("本月新增辍学") == 1  # 周杰 on 3 November; 孙丽 is only suspected
    assert november.count("疑似辍学") == 1  # 孙丽 from 30 November, the month's last day
    assert november.count("本月销号") == 1 and november.count("本月劝返复学") == 0  # 周杰 transferred on 30 November
    assert november.count("累计辍学") == 0
    assert december.count("本月新增辍学") == 1 and december.count("累计辍学") == 1  # 刘洋 from 1 December
    assert october.count("送教上门人数") == 1 and october.count("送教上门本月达标") == 1
    assert november.count("送教上门人数") == 1 and november.count("送教上门本月达标") == 0
    names = {(d.figure, d.pupil.name) for d in november.details}
    assert ("疑似辍学", "孙丽") in names and ("本月销号", "周杰") in names
    # counted as each month ended: in October all 9 on roll (周杰 transferred on 30 November, 刘洋 dropped out on
    # 1 December, 赵敏 back on 31 October), at school all but 陈小宇 (送教上门)
    assert october.count("在籍人数") == 9 and october.count("在校人数") == 8
    assert november.count("在籍人数") == 8 and november.count("在校人数") == 7  # 周杰 gone on the last day
    assert december.count("在籍人数") == 8 and december.count("在校人数") == 6  # less 刘洋 (辍学)
    assert "3天" in october.suspect_rule
    confirm_dropout(school.db, next(c.case_id for c in register_book(school.db, AUTUMN).dropouts  # type: ignore[arg-type]
                                    if c.stage == "疑似辍学"))
    november = monthly_report(school.db, date(2025, 11, 1))
    assert november.count("疑似辍学") == 0 and november.count("本月新增辍学") == 2 and november.count("在校人数") == 6


def test_month_is_parsed_or_refused() -> None:
    assert parse_month("2026-10") == date(2026, 10, 1)
    for bad in ("2026-13", "10/2026", "2026"):
        with pytest.raises(Exception, match="YYYY-MM"):
            parse_month(bad)


def test_monthly_report_workbook_has_counts_and_the_rows_behind_them(school: School, tmp_path: Path) -> None:
    report = monthly_report(school.db, date(2025, 11, 1))
    result = write_monthly_report_xlsx(tmp_path / "月报.xlsx", report)
    workbook = openpyxl.load_workbook(result.path)
    counts = _sheet_rows(workbook["控辍保学月报"])
    assert counts[0][0] == "石桥村小学控辍保学月报（2025年11月）"
    values = dict(zip(counts[2], counts[3]))
    assert values["疑似辍学"] == 1 and values["本月销号"] == 1 and values["填报月份"] == "2025年11月"
    details = _sheet_rows(workbook["月报明细"])
    assert len([r for r in details[3:] if isinstance(r[0], int)]) == len(report.details) == result.rows["月报明细"]


def test_left_behind_guardian_is_kept_through_the_migration(data_dir: Path) -> None:
    from schooldesk.db.database import database_path, make_engine
    from schooldesk.db.migrate import run_alembic

    data_dir.mkdir(parents=True)
    engine = make_engine(database_path(data_dir))
    run_alembic(engine, "20261124_0005")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO pupil (id, name, name_keys, gender, ethnicity, id_type, status, "
                          "household_registration, address, boarding, way_to_school) "
                          "VALUES (1, '王小明', '', '男', '', '', '在读', '', '', '', '')"))
        conn.execute(text("INSERT INTO care_record (pupil_id, kind, start_date, details) VALUES "
                          "(1, 'left_behind', '2025-09-01', '{\"guardian\": \"祖父母\", \"parents_work\": \"广东\"}')"))
        conn.execute(text("INSERT INTO dropout_case (pupil_id, started_on, reason, reason_note, outcome, outcome_note) "
                          "VALUES (1, '2025-10-01', '厌学', '', '', '')"))
    engine.dispose()
    db = open_as_command(data_dir)
    try:
        with db.transaction() as session:
            care = session.scalars(select(CareRecord)).one()
            assert care.details == {"carer_name": "祖父母", "parents_work": "广东"}
            assert session.scalars(select(DropoutCase)).one().stage == "辍学"
    finally:
        db.close()


def test_register_and_report_pdfs_read_back_and_render(school: School, tmp_path: Path) -> None:
    from pypdf import PdfReader

    book = register_book(school.db, AUTUMN, today=TODAY)
    one = write_registers_pdf(tmp_path / "left.pdf", book, [register_spec("left-behind")], printed=TODAY)
    page = PdfReader(one.path).pages[0]
    words = page.extract_text()
    for expected in ("石桥村小学留守儿童台账", "填报单位（盖章）：石桥村小学", "王小明", "广东东莞", "2015-03-12",
                     "单位负责人", "第 1 页 / 共 1 页"):
        assert expected in words, expected
    assert page.mediabox.width > page.mediabox.height  # landscape
    every = write_registers_pdf(tmp_path / "all.pdf", book, printed=TODAY)
    text_all = "".join(p.extract_text() for p in PdfReader(every.path).pages)
    assert "目" in text_all and "疑似辍学和辍学学生台账" in text_all and every.pages >= len(REGISTERS) + 2
    report = write_monthly_report_pdf(tmp_path / "m.pdf", monthly_report(school.db, date(2025, 11, 1)), printed=TODAY)
    report_text = PdfReader(report.path).pages[0].extract_text()
    assert "控辍保学月报" in report_text and "孙丽" in report_text and "月报明细" in report_text
    assert_a4_and_drawn(report.path, tmp_path, landscape=True)


def test_a_long_register_repeats_its_header_on_every_page(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    db = school_db
    for serial in range(1, 90):
        pupil, _ = _pupil(db, f"学生{serial:02d}", "男", 100 + serial)
        add_care(db, pupil, CareInput("left_behind", date(2025, 9, 1)))
    result = write_registers_pdf(tmp_path / "long.pdf", register_book(db, AUTUMN), [register_spec("left-behind")])
    pages = PdfReader(result.path).pages
    assert len(pages) >= 3
    listed = 0
    for number, page in enumerate(pages, 1):
        content = page.extract_text()
        assert f"第 {number} 页 / 共 {len(pages)} 页" in content
        if "学生" in content:  # a page with rows of the listing starts with its header row
            listed += 1
            assert "序号" in content and "身份证号" in content
    assert listed >= 3


def test_registers_list_pupils_by_grade_then_class_then_name(school_db) -> None:  # type: ignore[no-untyped-def]
    from schooldesk.services.classes import add_class
    from schooldesk.services.rows import ClassInput

    classes = {(g, n): add_class(school_db, ClassInput(2025, g, n)).id for g, n in ((3, 1), (2, 2), (2, 10))}
    for serial, (name, grade_class) in enumerate((("曾静", (3, 1)), ("陈晨", (2, 10)), ("曹阳", (2, 2)),
                                                  ("安然", (2, 2))), 1):
        pupil, _ = _pupil(school_db, name, "女", serial, class_id=classes[grade_class])
        add_care(school_db, pupil, CareInput("left_behind", date(2025, 9, 1)))
    book = register_book(school_db, AUTUMN)
    assert [(line.pupil.class_name, line.pupil.name) for line in book.care] == [
        ("二年级(2)班", "安然"), ("二年级(2)班", "曹阳"), ("二年级(10)班", "陈晨"), ("三年级(1)班", "曾静")]


def test_an_area_code_prints_as_the_place_it_names_and_other_text_as_given(school: School, tmp_path: Path) -> None:
    """户籍所在地 from the 学籍系统 is a 统计用区划代码: the 随迁子女名册 and the pupil's file print the place."""
    from pypdf import PdfReader

    from schooldesk.exports.pupil_file_pdf import write_pupil_file_pdf
    from schooldesk.services.pupil_file import pupil_file

    coded, _ = _pupil(school.db, "马小兰", "女", 21, household_registration="210921100000")
    village, _ = _pupil(school.db, "高小军", "男", 22, household_registration="210921101000")  # 乡镇 not in the table
    written, _ = _pupil(school.db, "吴小芳", "女", 23, household_registration="河南省南阳市卧龙区")
    for pupil in (coded, village, written):
        add_care(school.db, pupil, CareInput("migrant", date(2025, 9, 1)))
    book = register_book(school.db, AUTUMN, today=TODAY)
    places = {line.pupil.name: line.pupil.household for line in book.care_of("migrant")}
    assert places["马小兰"] == "辽宁省阜新市阜新蒙古族自治县阜新镇"
    assert places["高小军"] == "辽宁省阜新市阜新蒙古族自治县"  # as far down as the table knows
    assert places["吴小芳"] == "河南省南阳市卧龙区"
    path = write_registers_xlsx(tmp_path / "随迁.xlsx", book, [register_spec("migrant")]).path
    cells = {c for row in _sheet_rows(openpyxl.load_workbook(path)["随迁子女名册"]) for c in row}
    assert "辽宁省阜新市阜新蒙古族自治县阜新镇" in cells and "210921100000" not in cells
    one = pupil_file(school.db, coded, 2025, today=TODAY)
    text_of_file = PdfReader(write_pupil_file_pdf(tmp_path / "file.pdf", one).path).pages[0].extract_text().replace("\n", "")
    assert "阜新蒙古族自治县阜新镇" in text_of_file and "210921100000" not in text_of_file


def test_unknown_left_behind_cells_print_as_unfilled_and_are_listed_before_the_hand_in(school: School,
                                                                                       tmp_path: Path) -> None:
    from schooldesk.services.bundle import bundle_checks

    # 王小明 (双亲外出): the mother's phone unknown; 李娜: nothing known, no responsible teacher; 张伟 (单亲外出,
    # the father away): complete, the mother at home has no workplace to fill
    add_care(school.db, school.pupils["李娜"], CareInput("left_behind", date(2025, 9, 1)))
    add_care(school.db, school.pupils["张伟"], CareInput("left_behind", date(2025, 9, 1), responsible_teacher_id=school.teacher,
                                                        details={"kind": "单亲外出", "father_work": "江苏苏州",
                                                                 "father_phone": "13900000003", "carer_name": "张母",
                                                                 "carer_relation": "母亲", "carer_phone": "13900000004"}))
    book = register_book(school.db, AUTUMN, today=TODAY)
    path = write_registers_xlsx(tmp_path / "留守.xlsx", book, [register_spec("left-behind")]).path
    rows = _sheet_rows(openpyxl.load_workbook(path)["留守儿童台账"])
    header = next(r for r in rows if r and "母亲电话" in r)
    by_name = {r[header.index("姓名")]: dict(zip(header, r)) for r in rows if r and r[0] and isinstance(r[0], int)}
    assert by_name["王小明"]["母亲电话"] == "未填" and by_name["王小明"]["父亲电话"] == "13900000001"
    assert all(by_name["李娜"][c] == "未填" for c in ("父亲务工地点", "母亲电话", "委托监护人", "包保责任人"))
    assert "未填" not in by_name["张伟"].values() and not by_name["张伟"]["母亲务工地点"]
    checks = [c for c in bundle_checks(school.db, AUTUMN, TODAY) if c.code == "left_behind_unfilled"]
    assert [(c.record, c.text_zh) for c in checks] == [
        (school.pupils["李娜"], "李娜（留守儿童）：台账中留守类型、父亲务工地点、父亲电话、母亲务工地点、母亲电话、委托监护人、"
                                "与儿童关系、委托监护人电话、包保责任人未填"),
        (school.pupils["王小明"], "王小明（留守儿童）：台账中母亲电话未填")]
