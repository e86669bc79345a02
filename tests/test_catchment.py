"""适龄儿童摸底: the villages' 户籍 list imported, reconciled with the register, verified, counted and reported."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from schooldesk.domain import catchment as rules
from schooldesk.services.catchment import FindingInput, add_finding, confirm_match, list_children, open_return_case
from schooldesk.services.catchment_import import import_catchment_file
from schooldesk.services.catchment_report import catchment_report
from schooldesk.services.pupils import PupilInput, add_pupil
from schooldesk.domain.semester import SemesterKey
from tests.builders import make_id, photo, run_cli, text_of, write_xlsx

HEADERS = ["村（组）", "姓名", "性别", "出生日期", "公民身份号码", "户主姓名", "与户主关系", "联系电话", "备注"]
TERM1 = SemesterKey(2025, 1)
TODAY = date(2025, 12, 1)


def village_list(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    """A list as a village committee sends it: a title row merged over the columns, then the header."""
    top = [["石桥村适龄儿童花名册"] + [None] * (len(HEADERS) - 1)] if title else []
    return write_xlsx(path, [*top, HEADERS, *rows], merges=("A1:I1",) if title else ())


def child(name: str, birth: date, gender: str = "男", serial: int = 1, village: str = "石桥村一组",
          number: str | None = None) -> list[object]:
    return [village, name, gender, birth.isoformat(), make_id(birth, gender, serial=serial) if number is None else number,
            "王大山", "子", "13800000000", ""]


@pytest.fixture
def roll(school_db):
    """Three pupils on roll: 王小明 (ID known), 李小红 (ID on the register, wrong on the list), 张伟."""
    db = school_db
    for name, birth, gender, serial in (("王小明", date(2016, 3, 1), "男", 1), ("李小红", date(2017, 5, 2), "女", 2),
                                        ("张伟", date(2015, 7, 7), "男", 3)):
        add_pupil(db, PupilInput(name=name, gender=gender, birth_date=birth, id_number=make_id(birth, gender, serial=serial),
                                 school_year=2025))
    return db


def realistic(tmp_path: Path) -> Path:
    wrong = make_id(date(2017, 5, 2), "女", serial=2)[:-1] + ("0" if make_id(date(2017, 5, 2), "女", serial=2)[-1] != "0" else "1")
    return village_list(tmp_path / "石桥村.xlsx", [
        child("王小明", date(2016, 3, 1), serial=1),  # on roll: by ID
        child("李小红", date(2017, 5, 2), "女", serial=2, number=wrong),  # wrong check digit: by name and birth
        child("赵二", date(2014, 1, 1), serial=20, number=""),  # blank ID, not on roll
        child("钱三", date(2012, 2, 2), serial=21, village="石桥村二组"),  # studying elsewhere
        child("孙四", date(2008, 6, 6), serial=22),  # over age: kept apart
        child("周五", date(2020, 12, 1), serial=23),  # too young
    ])


def test_a_realistic_village_list_is_reconciled_with_the_register(roll, tmp_path):
    _, report = import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    assert report.rows_read == 6 and report.new == 6 and not report.errors
    assert (report.matched_by_id, report.matched_by_name_and_birth, report.unmatched,
            report.not_of_compulsory_age, report.flagged) == (1, 1, 2, 2, 2)
    codes = {p.code for p in report.warnings}
    assert {"id_wrong", "id_blank"} <= codes  # flagged, never dropped
    children = {c.name: c for c in list_children(roll, TODAY, 2025)}
    assert children["王小明"].destination == rules.AT_THIS_SCHOOL and children["王小明"].from_register
    assert children["李小红"].match == "name_birth" and children["李小红"].to_verify  # a match to confirm first
    assert children["赵二"].flagged and children["赵二"].to_verify
    assert not children["孙四"].compulsory and not children["周五"].compulsory
    confirm_match(roll, children["李小红"].id, True)
    assert {c.name: c for c in list_children(roll, TODAY, 2025)}["李小红"].destination == rules.AT_THIS_SCHOOL


def test_re_importing_a_newer_list_updates_and_never_duplicates(roll, tmp_path):
    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    corrected = village_list(tmp_path / "新.xlsx", [
        child("王小明", date(2016, 3, 1), serial=1),
        child("李小红", date(2017, 5, 2), "女", serial=2),  # the ID corrected: the same child, now by ID
        child("赵二", date(2014, 1, 1), serial=20, number=""),
        child("钱三", date(2012, 2, 2), serial=21, village="石桥村二组"),
        child("吴六", date(2013, 3, 3), serial=24),  # new
    ])
    _, report = import_catchment_file(roll, corrected, 2025, dry_run=False)
    assert (report.new, report.updated) == (1, 1)
    assert report.unchanged == 3
    names = [c.name for c in list_children(roll, TODAY, 2025)]
    assert sorted(names) == sorted(["王小明", "李小红", "赵二", "钱三", "孙四", "周五", "吴六"])
    fixed = next(c for c in list_children(roll, TODAY, 2025) if c.name == "李小红")
    assert fixed.id_valid and fixed.match == "id" and fixed.destination == rules.AT_THIS_SCHOOL


def test_a_dry_run_writes_nothing(roll, tmp_path):
    _, report = import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=True)
    assert report.new == 6 and list_children(roll, TODAY, 2025) == []


@pytest.mark.parametrize(("birth", "compulsory"), [
    (date(2019, 8, 31), True),   # six on 31 August 2025: 一年级 this year
    (date(2019, 9, 1), False),   # five on 31 August: next year
    (date(2010, 9, 1), True),    # fourteen on 31 August: 九年级
    (date(2010, 8, 31), False),  # fifteen on 31 August: beyond compulsory age
])
def test_compulsory_age_is_judged_on_31_august_of_the_school_year(birth, compulsory):
    assert rules.is_compulsory_age(birth, 2025) is compulsory


def test_the_cut_off_applies_on_import(roll, tmp_path):
    path = village_list(tmp_path / "边界.xlsx", [child("甲", date(2019, 8, 31), serial=30),
                                                 child("乙", date(2019, 9, 1), serial=31)])
    _, report = import_catchment_file(roll, path, 2025, dry_run=False)
    assert report.unmatched == 1 and report.not_of_compulsory_age == 1


def test_two_children_with_one_name_and_birth_date_are_not_matched_by_name(roll, tmp_path):
    birth = date(2015, 7, 7)  # 张伟 on the register; two 张伟 born that day on the list, neither with a good ID
    path = village_list(tmp_path / "同名.xlsx", [child("张伟", birth, number="", village="一组"),
                                                 child("张伟", birth, number="", village="二组")])
    _, report = import_catchment_file(roll, path, 2025, dry_run=False)
    assert report.matched_by_name_and_birth == 0 and report.unmatched == 2


def test_a_wrong_check_digit_is_matched_by_name_and_birth(roll, tmp_path):
    good = make_id(date(2015, 7, 7), "男", serial=3)
    wrong = good[:-1] + ("1" if good[-1] != "1" else "2")
    path = village_list(tmp_path / "错.xlsx", [child("张伟", date(2015, 7, 7), number=wrong)], title=False)
    _, report = import_catchment_file(roll, path, 2025, dry_run=False)
    assert (report.matched_by_name_and_birth, report.flagged) == (1, 1)
    assert [p.code for p in report.warnings] == ["id_wrong"]


def test_ids_stored_as_numbers_are_flagged_and_dates_as_serials_read(roll, tmp_path):
    birth = date(2016, 3, 1)
    number = make_id(birth, "男", serial=1)
    assert number.isdigit()  # Excel can hold it as a number
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(["一组", "王小明", "男", (birth - date(1899, 12, 30)).days, int(number)])
    workbook.save(tmp_path / "数字.xlsx")
    _, report = import_catchment_file(roll, tmp_path / "数字.xlsx", 2025, dry_run=False)
    # Excel keeps 15 digits of a number: the ID is lost, the child kept, flagged and matched by name and birth
    assert (report.rows_read, report.matched_by_name_and_birth, report.flagged) == (1, 1, 1)
    assert [p.code for p in report.warnings] == ["id_number_as_number"]
    kept = list_children(roll, TODAY, 2025)[0]
    assert kept.birth_date == birth and kept.id_number == "" and kept.flagged


def test_verifications_are_history_and_a_past_semester_is_not_rewritten(roll, tmp_path):
    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    add_finding(roll, qian.id, FindingInput(destination="本县外校就读", school="镇中心小学", grade="七年级",
                                            way="外校协查", verifier="李老师", verified_on=date(2025, 10, 8)), today=TODAY)
    add_finding(roll, qian.id, FindingInput(destination="省外就读(随迁)", school="深圳市某小学", way="电话",
                                            verifier="李老师", verified_on=date(2026, 3, 10)), today=date(2026, 3, 10))
    first = catchment_report(roll, TERM1, today=date(2026, 4, 1))
    qian_then = next(c for c in first.children if c.name == "钱三")
    assert qian_then.destination == "本县外校就读" and qian_then.has_proof  # 外校协查 is proof
    assert first.elsewhere_with_proof == 1 and first.proof_rate == "100.00%"
    second = catchment_report(roll, SemesterKey(2025, 2), today=date(2026, 4, 1))
    qian_now = next(c for c in second.children if c.name == "钱三")
    assert qian_now.destination == "省外就读(随迁)" and not qian_now.has_proof and len(qian_now.history) == 2


def test_report_counts_rates_and_the_suspected_list(roll, tmp_path):
    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    children = {c.name: c for c in list_children(roll, TODAY, 2025)}
    add_finding(roll, children["赵二"].id, FindingInput(destination=rules.NEVER_ENROLLED, way="入户", verifier="王校长",
                                                       verified_on=date(2025, 11, 2)), today=TODAY)
    add_finding(roll, children["钱三"].id, FindingInput(destination="死亡", way="派出所", verifier="王校长",
                                                       verified_on=date(2025, 11, 2)), today=TODAY)
    report = catchment_report(roll, TERM1, today=TODAY)
    assert len(report.children) == 4 and report.not_of_age == 2
    assert [c.name for c in report.to_verify] == ["李小红"]
    assert [c.name for c in report.suspected] == ["赵二"]
    assert report.counted == 3 and report.enrolled == 1 and report.enrolment_rate == "33.33%"
    counts = {name: n for name, _g, n in report.by_destination}
    assert counts[rules.TO_VERIFY] == 1 and counts["死亡"] == 1 and counts[rules.AT_THIS_SCHOOL] == 1
    assert [p.name for p in report.outside_pupils] == ["张伟"]  # on roll, on no list: 外在本


def test_never_enrolled_opens_a_return_case_counted_on_the_register(roll, tmp_path):
    from schooldesk.services.dropout import list_cases

    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    zhao = next(c for c in list_children(roll, TODAY, 2025) if c.name == "赵二")
    finding = add_finding(roll, zhao.id, FindingInput(destination=rules.NEVER_ENROLLED, way="入户", verifier="王校长",
                                                      verified_on=date(2025, 11, 2)), today=TODAY)
    case_id = open_return_case(roll, finding, "厌学", today=TODAY)
    zhao = next(c for c in list_children(roll, TODAY, 2025) if c.name == "赵二")
    assert zhao.pupil_id is not None and zhao.destination == rules.DROPPED_OUT and zhao.from_register
    assert [c.id for c in list_cases(roll, zhao.pupil_id)] == [case_id]


def test_the_commands_work_as_named(roll, tmp_path, data_dir):
    listing = realistic(tmp_path)
    roll.close()
    done = run_cli("import-catchment", str(listing), "--json", "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    for key in ("rows", "matched_by_id", "matched_by_name_and_birth", "unmatched", "not_of_compulsory_age", "flagged",
                "messages"):
        assert key in result
    assert (result["rows"], result["matched_by_id"], result["flagged"]) == (6, 1, 2)
    out = tmp_path / "摸底.pdf"
    done = run_cli("catchment-report", "--semester", "2025-2026-1", "--json", "--out", str(out), "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert counts["to_verify"] == 3 and counts["by_destination"][rules.AT_THIS_SCHOOL] == 1
    assert "适龄儿童花名册" in text_of(out) and "入学率" in text_of(out)
    xlsx = tmp_path / "摸底.xlsx"
    assert run_cli("catchment-report", "--out", str(xlsx), "--data-dir", str(data_dir)).returncode == 0
    assert "适龄儿童花名册" in openpyxl.load_workbook(xlsx).sheetnames


def test_student_status_check_lists_what_differs(roll, tmp_path, data_dir):
    birth = date(2016, 3, 1)
    export = write_xlsx(tmp_path / "学籍.xlsx", [
        ["姓名", "性别", "出生日期", "身份证件号", "班级"],
        ["王晓明", "男", birth.isoformat(), make_id(birth, "男", serial=1), ""],  # name differs
        ["李小红", "女", "2017-05-02", make_id(date(2017, 5, 2), "女", serial=2), ""],
        ["新同学", "女", "2016-01-01", make_id(date(2016, 1, 1), "女", serial=40), ""],  # not in the register
    ])
    roll.close()
    done = run_cli("check-student-status", str(export), "--json", "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    check = json.loads(done.stdout)
    assert [m["name"] for m in check["only_in_file"]] == ["新同学"]
    assert [m["name"] for m in check["only_in_register"]] == ["张伟"]
    assert [(d["field"], d["ours"], d["theirs"]) for d in check["differences"]] == [("name", "王小明", "王晓明")]


def test_the_bundle_holds_the_register_of_children_and_the_check_lists_those_to_verify(roll, tmp_path):
    from schooldesk.exports.bundle_writing import write_bundle
    from schooldesk.services.bundle import bundle_checks, bundle_contents

    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    add_finding(roll, qian.id, FindingInput(destination="本县外校就读", school="镇中学", way="电话", verifier="李老师",
                                            verified_on=date(2025, 11, 1)), today=TODAY)
    checks = {c.code: c for c in bundle_checks(roll, TERM1, TODAY)}
    assert checks["catchment_to_verify"].args == ("2", "李小红、赵二") and checks["catchment_to_verify"].family == "catchment"
    assert checks["catchment_no_proof"].text_zh == "1名本在外儿童没有证明：钱三"
    add_finding(roll, qian.id, FindingInput(destination="本县外校就读", school="镇中学", way="外校协查", verifier="李老师",
                                            verified_on=date(2025, 11, 2), new_photos=(photo(tmp_path / "回执.jpg"),)),
                today=TODAY)  # the receiving school's reply, photographed
    assert "catchment_no_proof" not in {c.code for c in bundle_checks(roll, TERM1, TODAY)}
    out = tmp_path / "out"
    out.mkdir()
    result = write_bundle(bundle_contents(roll, TERM1, today=TODAY, full_ids=True), out)
    sheet = openpyxl.load_workbook(result.path / "适龄儿童摸底.xlsx")["适龄儿童花名册"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4) if row[1].value]
    names = [row[2] for row in rows if row[2]]
    assert names[:2] == ["李小红", "赵二"]  # to verify first
    ids = {row[2]: row[5] for row in rows if row[2]}
    assert ids["王小明"] == make_id(date(2016, 3, 1), "男", serial=1)  # full IDs when asked
    assert ids["赵二"] == "空（信息错误待更正）"
    assert "适龄儿童摸底" in text_of(result.path / "适龄儿童摸底.pdf")
    assert [p.name for p in result.path.rglob("*钱三_去向证明*")] == ["石桥村二组_钱三_去向证明_1.jpg"]


def test_a_list_of_another_town_is_flagged(roll, tmp_path):
    rows = [child(f"孩子{i}", date(2015, 1, 1 + i), serial=50 + i) for i in range(6)]
    _, report = import_catchment_file(roll, village_list(tmp_path / "外地.xlsx", rows), 2025, dry_run=True,
                                      county="阜新蒙古族自治县")
    [warning] = [p for p in report.warnings if p.code == "foreign_list"]
    assert warning.error.message_args[:3] == ("6", "6", "阜新蒙古族自治县") and "南阳" in warning.error.message_args[3]
    _, home = import_catchment_file(roll, village_list(tmp_path / "本地.xlsx", rows), 2025, dry_run=True, county="南阳市")
    assert not [p for p in home.warnings if p.code == "foreign_list"]


def test_a_file_that_is_no_workbook_is_refused_plainly(roll, tmp_path, data_dir):
    bad = tmp_path / "名单.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    roll.close()
    done = run_cli("import-catchment", str(bad), "--json", "--data-dir", str(data_dir))
    assert done.returncode == 2  # EXIT_ERROR, as every refused command
    assert json.loads(done.stdout)["error"]["code"] == "unreadable" and "名单.xlsx" in done.stderr


def test_a_destination_of_the_schools_own_is_offered_from_its_day_and_counts_in_its_group(roll, tmp_path):
    from schooldesk.domain.catchment import Destination
    from schooldesk.domain.errors import ValidationError
    from schooldesk.services.catchment import add_destination, destinations_on

    add_destination(roll, Destination(name="港澳台就读", group=rules.ELSEWHERE, asks_school=True, since=date(2025, 11, 1)))
    assert "港澳台就读" not in [d.name for d in destinations_on(roll, date(2025, 10, 31))]
    assert "港澳台就读" in [d.name for d in destinations_on(roll, date(2025, 11, 1))]
    with pytest.raises(ValidationError):
        add_destination(roll, Destination(name="死亡", group=rules.NOT_COUNTED, since=date(2025, 11, 1)))
    import_catchment_file(roll, realistic(tmp_path), 2025, dry_run=False)
    qian = next(c for c in list_children(roll, TODAY, 2025) if c.name == "钱三")
    with pytest.raises(ValidationError):  # not yet offered on the day verified
        add_finding(roll, qian.id, FindingInput(destination="港澳台就读", school="香港某校", way="电话", verifier="李老师",
                                                verified_on=date(2025, 10, 20)), today=TODAY)
    add_finding(roll, qian.id, FindingInput(destination="港澳台就读", school="香港某校", way="电话", verifier="李老师",
                                            verified_on=date(2025, 11, 20)), today=TODAY)
    report = catchment_report(roll, TERM1, today=TODAY)
    assert [c.name for c in report.elsewhere] == ["钱三"]
    assert ("港澳台就读", rules.ELSEWHERE, 1) in report.by_destination
