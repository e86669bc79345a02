"""Importing messy rosters: every kind of noise is read, every kind of error reported where it is."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from schooldesk.db.models import CareRecord, Pupil, SchoolClass
from schooldesk.imports.spreadsheet import UnreadableFileError
from schooldesk.services.pupil_import import import_pupil_file
from schooldesk.services.pupils import get_pupil, list_pupils
from tests.builders import NATIONAL_HEADER, make_id, write_xls, write_xlsx

YEAR = 2025
ZHANG = make_id(date(2015, 3, 4), "女", serial=1)
LI = make_id(date(2015, 1, 1), "男", serial=2)
WANG = make_id(date(2014, 12, 9), "男", serial=3)


def count(db, model=Pupil) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model))


def row(name: str, gender: str, birth: object, id_number: object, **cols: object) -> list[object]:
    values = dict(zip(NATIONAL_HEADER, [name, gender, birth, "汉族", "居民身份证", id_number, "", "三年级", "三年级(2)班",
                                        "非留守儿童", "非随班就读", "无残疾", "否", "否", "", "", ""], strict=True))
    values.update(cols)
    return list(values.values())


def messy_rows() -> list[list[object]]:
    """A title row merged across, a blank row, trailing spaces, full-width digits, lowercase x,
    dates as text / date / serial, code-label values, a totals row at the bottom."""
    zhang_fullwidth = ZHANG.translate(str.maketrans("0123456789X", "０１２３４５６７８９x"))
    return [
        ["青山镇中心小学2025年秋季学生花名册"] + [None] * 16,
        ["填表日期：2025年9月10日"],
        [f" {h} " for h in NATIONAL_HEADER],
        row("张书涵 ", "女", "2015.3.4", zhang_fullwidth, 是否留守儿童="1-单亲留守儿童",
            成员1姓名="张大山", 成员1关系="爸爸", 成员1联系电话="13800001111"),
        [None] * 17,
        row("李 明", "1-男", "2015年1月1日", LI, 是否留守儿童="双亲留守儿童", 随班就读="智力残疾随班就读",
            残疾人类型="智力", 是否进城务工人员随迁子女="是"),
        row("王小五", "男", 41982, WANG, 班级="3年级（3）班", 是否孤儿="1"),
        ["合计", "3人"],
    ]


def test_a_messy_xlsx_is_read_and_imported(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "roster.xlsx", messy_rows(), merges=("A1:Q1",))
    _, report = import_pupil_file(school_db, path, YEAR, dry_run=False)
    assert (report.rows_read, report.new, report.errors, report.duplicates) == (3, 3, [], [])
    assert report.classes_created == ["三年级(2)班", "三年级(3)班"]
    rows = {r.name: r for r in list_pupils(school_db, YEAR)}
    assert set(rows) == {"张书涵", "李明", "王小五"}
    zhang = get_pupil(school_db, rows["张书涵"].id, YEAR)
    assert zhang.id_number == ZHANG and zhang.birth_date == date(2015, 3, 4)
    assert zhang.guardians[0].relation == "父亲" and zhang.guardians[0].phone == "13800001111"
    assert get_pupil(school_db, rows["王小五"].id, YEAR).birth_date == date(2014, 12, 9)  # serial 41982
    assert rows["李明"].care_names == "留守儿童、残疾儿童、随迁子女"
    assert rows["王小五"].care_names == "孤儿/事实无人抚养" and rows["王小五"].class_name == "三年级(3)班"
    with school_db.transaction() as session:
        disabled = session.scalar(select(CareRecord).where(CareRecord.kind == "disabled"))
        assert disabled.details == {"placement": "随班就读", "type": "智力"}


def test_the_same_file_as_xls_gives_the_same_result(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = messy_rows()
    rows[3][2] = date(2015, 3, 4)
    path = write_xls(tmp_path / "roster.xls", rows, merges=((0, 0, 0, 16),))
    _, report = import_pupil_file(school_db, path, YEAR, dry_run=False)
    assert (report.rows_read, report.new, report.errors) == (3, 3, [])


def test_each_kind_of_error_is_reported_with_row_and_column(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad_check = LI[:-1] + ("0" if LI[-1] != "0" else "1")
    rows = [
        NATIONAL_HEADER,
        row("", "女", "2015-03-04", ZHANG),                          # 2: no name
        row("李明", "男", "2015-01-01", bad_check),                  # 3: check digit
        row("王小五", "男", "2015-01-01", int(WANG[:17] + "0")),     # 4: ID turned into a number
        row("赵六", "女", "2015-13-45", make_id(date(2015, 5, 5), "女", serial=4)),  # 5: not a date
        row("钱七", "未知", "2015-05-06", make_id(date(2015, 5, 6), "女", serial=5)),  # 6: gender
        row("孙八", "男", "2015-05-07", make_id(date(2015, 5, 8), "男", serial=6)),    # 7: birth date disagrees
        row("周九", "女", "2015-05-09", ""),                          # 8: no ID or student number
        row("吴十", "女", "2015-05-09", make_id(date(2015, 5, 9), "女", serial=7), 民族="火星族", 班级="火箭班"),  # 9: warnings
        row("张书涵", "女", "2015-03-04", ZHANG),                     # 10: fine
        row("张书涵", "女", "2015-03-04", ZHANG.lower()),             # 11: the same pupil again
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    _, report = import_pupil_file(school_db, path, YEAR, dry_run=False)
    found = {(p.row, p.column, p.code) for p in report.errors}
    assert found == {
        (2, "姓名", "missing_name"),
        (3, "身份证件号", "invalid_id_number"),
        (4, "身份证件号", "id_number_as_number"),
        (5, "出生日期", "invalid_date"),
        (6, "性别", "invalid_gender"),
        (7, "身份证件号", "invalid_id_number"),
        (8, "身份证件号", "missing_identifier"),
    }
    assert {(p.row, p.column, p.code) for p in report.warnings} == {(9, "民族", "unknown_value"), (9, "班级", "unknown_class")}
    assert [(d.row, d.first_row) for d in report.duplicates] == [(11, 10)]
    assert (report.new, report.skipped) == (2, 8)
    assert {r.name for r in list_pupils(school_db, YEAR)} == {"吴十", "张书涵"}  # rejected rows wrote nothing


def test_reimport_updates_and_counts_unchanged(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = write_xlsx(tmp_path / "a.xlsx", [NATIONAL_HEADER, row("张书涵", "女", "2015-03-04", ZHANG),
                                             row("李明", "男", "2015-01-01", LI)])
    import_pupil_file(school_db, first, YEAR, dry_run=False)
    second = write_xlsx(tmp_path / "b.xlsx", [
        ["姓名", "身份证号码", "现住址", "学籍号"],
        ["张书涵", ZHANG, "青山镇石桥村3组", ""],
        ["李明", LI, "", ""],
        ["王小五", WANG, "", "G" + WANG],
    ])
    _, preview = import_pupil_file(school_db, second, YEAR, dry_run=True)
    assert (preview.new, preview.updated, preview.unchanged) == (1, 1, 1)
    assert count(school_db) == 2  # the preview wrote nothing
    _, report = import_pupil_file(school_db, second, YEAR, dry_run=False)
    assert (report.new, report.updated, report.unchanged) == (1, 1, 1)
    rows = {r.name: r for r in list_pupils(school_db, YEAR)}
    zhang = get_pupil(school_db, rows["张书涵"].id, YEAR)
    assert zhang.address == "青山镇石桥村3组" and zhang.class_id is not None  # empty cells erase nothing
    assert count(school_db) == 3


@pytest.mark.parametrize("content, message", [
    (b"name,gender\n", "not an Excel workbook"),
    (b"PK\x03\x04broken zip", "damaged"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"), "password"),
])
def test_unreadable_files_are_refused_whole(school_db, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(UnreadableFileError, match=message):
        import_pupil_file(school_db, path, YEAR, dry_run=True)


def test_a_sheet_without_a_header_is_refused(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "x.xlsx", [["1", "2", "3"], ["张三", "男", "x"]])
    with pytest.raises(UnreadableFileError, match="header"):
        import_pupil_file(school_db, path, YEAR, dry_run=True)


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "schooldesk", *args, "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_json_report_has_the_agreed_keys(school_db, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "r.xlsx", [NATIONAL_HEADER, row("张书涵", "女", "2015-03-04", ZHANG),
                                            row("", "男", "2015-01-01", LI), row("张书涵", "女", "2015-03-04", ZHANG)])
    result = _cli("import-students", str(path), "--dry-run", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"rows_read", "new", "updated", "unchanged", "errors", "warnings", "duplicates"} <= set(report)
    assert (report["rows_read"], report["new"]) == (3, 1)
    assert report["errors"] == [{"row": 3, "column": "姓名", "code": "missing_name", "message": "姓名为空。"}]
    assert report["duplicates"] == [{"row": 4, "first_row": 2}]
    assert count(school_db) == 0
    result = _cli("import-students", str(path), data_dir=data_dir)
    assert result.returncode == 0 and "1" in result.stdout
    assert count(school_db) == 1


def test_cli_unreadable_file_exits_2_with_a_message(school_db, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.xlsx"
    path.write_text("hello")
    result = _cli("import-students", str(path), "--json", data_dir=data_dir)
    assert result.returncode == 2
    assert "notes.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["error"]["code"] == "unreadable"


def test_a_killed_import_leaves_the_database_as_it_was(school_db, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL the CLI at several moments during a 1,500-row import: afterwards all or nothing is in."""
    rows = [NATIONAL_HEADER] + [
        row(f"学生{i}", "女", "2015-03-04", make_id(date(2015, 3, 4), "女", serial=i)) for i in range(1, 1501)
    ]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    school_db.close()
    outcomes = set()
    for delay in (0.6, 1.0, 1.4, 1.8, 2.4):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        process = subprocess.Popen([sys.executable, "-m", "schooldesk", "import-students", str(path),
                                    "--data-dir", str(data_dir)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.kill()  # SIGKILL; on Windows TerminateProcess, as Task Manager ends a program
        process.wait()
        n = count(school_db)
        assert n in (0, 1500), f"partial import: {n} pupils after a kill at {delay}s"
        outcomes.add(n)
        if n:
            break
    assert 0 in outcomes  # at least one kill landed mid-import
    with school_db.transaction() as session:
        assert session.execute(select(func.count()).select_from(SchoolClass)).scalar() in (0, 1)


# The student-status system's own import template (学籍系统导入模板), in its column order: no 年级 or 班级,
# only 班号 beside 入学年月, and the family as 成员1… and 成员2….
TEMPLATE_ORDER = [
    "学校标识码", "姓名", "性别", "出生日期", "出生地行政区划代码", "籍贯", "民族", "国籍/地区", "身份证件类型",
    "港澳台侨外", "健康状况", "政治面貌", "身份证件号", "户口性质", "户口所在地行政区划", "班号", "入学年月",
    "入学方式", "就读方式", "现住址", "通信地址", "家庭地址", "联系电话", "邮政编码", "是否独生子女", "是否受过学前教育",
    "是否留守儿童", "是否孤儿", "是否烈士或优抚子女", "随班就读", "学生来源", "残疾人类型",
    "是否由政府购买学位", "是否需要申请资助", "是否享受一补", "上下学距离", "上下学方式", "是否需要乘坐校车",
    "曾用名", "身份证件有效期", "姓名拼音", "特长", "学籍辅号", "班内学号", "电子信箱", "主页地址",
    "成员1姓名", "成员1关系", "成员1关系说明", "成员1现住址", "成员1户口所在地行政区划", "成员1联系电话",
    "成员1是否监护人", "成员1身份证件类型", "成员1身份证件号", "成员1民族", "成员1工作单位", "成员1职务",
    "成员2姓名", "成员2关系", "成员2关系说明", "成员2现住址", "成员2户口所在地行政区划", "成员2联系电话",
    "成员2是否监护人", "成员2身份证件类型", "成员2身份证件号", "成员2民族", "成员2工作单位", "成员2职务",
    "是否进城务工人员随迁子女",
]


def template_row(name: str, gender: str, birth: date, id_number: str, class_number: object, entered: object,
                 **cols: object) -> list[object]:
    values: dict[str, object] = dict.fromkeys(TEMPLATE_ORDER, "")
    values.update({"学校标识码": "2141051203", "姓名": name, "性别": gender, "出生日期": birth.isoformat(),
                   "民族": "汉族", "身份证件类型": "居民身份证", "身份证件号": id_number, "班号": class_number,
                   "入学年月": entered, "就读方式": "走读", "成员1姓名": "家长", "成员1关系": "父亲",
                   "成员1联系电话": "13800001111", "成员2姓名": "祖母", "成员2关系": "祖母"})
    values.update(cols)
    return [values[h] for h in TEMPLATE_ORDER]


def test_the_national_template_order_takes_the_grade_from_the_entry_month(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """班号 2 with 入学年月 2021-09 is 五年级(2)班 in 2025—2026 — never 二年级(2)班 read out of the bare number."""
    assert len(TEMPLATE_ORDER) == 71 and TEMPLATE_ORDER.index("班号") == 15 and TEMPLATE_ORDER.index("入学年月") == 16
    born = [date(2016, 5, d) for d in range(1, 6)]
    path = write_xlsx(tmp_path / "template.xlsx", [TEMPLATE_ORDER, *[
        template_row("五年级甲", "男", born[0], make_id(born[0], "男", serial=11), "2", "2021-09"),
        template_row("五年级乙", "女", born[1], make_id(born[1], "女", serial=12), 2, 202109),
        template_row("一年级丙", "男", born[2], make_id(born[2], "男", serial=13), "1", "2025年9月"),
        template_row("三年级丁", "女", born[3], make_id(born[3], "女", serial=14), "2", date(2023, 9, 1)),
        template_row("无年级戊", "男", born[4], make_id(born[4], "男", serial=15), "2", ""),
    ]])
    roster, report = import_pupil_file(school_db, path, YEAR, dry_run=False)
    assert report.errors == [] and report.new == 5
    classes = {p.name: p.class_name for p in list_pupils(school_db, YEAR)}
    assert classes == {"五年级甲": "五年级(2)班", "五年级乙": "五年级(2)班", "一年级丙": "一年级(1)班",
                       "三年级丁": "三年级(2)班", "无年级戊": ""}
    assert "二年级(2)班" not in report.classes_created
    [warning] = [w for w in report.warnings if w.code == "no_grade"]
    assert warning.row == 6 and warning.column == "班号" and "入学年月" in warning.error.message
    assert {g.name for g in get_pupil(school_db, next(p.id for p in list_pupils(school_db, YEAR)
                                                     if p.name == "五年级甲"), YEAR).guardians} >= {"家长", "祖母"}


def test_an_entry_month_outside_compulsory_education_is_warned_about(school_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    born = date(2016, 5, 1)
    path = write_xlsx(tmp_path / "template.xlsx", [TEMPLATE_ORDER,
                      template_row("早入学", "男", born, make_id(born, "男", serial=21), "1", "2010-09")])
    _roster, report = import_pupil_file(school_db, path, YEAR, dry_run=False)
    assert report.new == 1 and [w.code for w in report.warnings] == ["no_grade"]
    assert list_pupils(school_db, YEAR)[0].class_name == ""
