"""The 适龄儿童摸底 report as bureau-layout sheets, written as a workbook and as a printed listing by the kit:
the 花名册 with 去向 (children still to verify first), counts by 去向 and by village, 本在外 with its proof,
外在本, the 疑似失学 list and the rates."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schooldesk.exports.registers import col
from schooldesk.exports.sheets import DATE, NUMBER, Sheet, WorkbookResult, write_workbook
from schooldesk.services.catchment import ChildRow
from schooldesk.services.catchment_report import CatchmentReport

if TYPE_CHECKING:
    from schooldesk.exports.pdf_form import PdfResult

TITLE = "适龄儿童摸底"
FLAG = "信息错误待更正"


def _numbered(rows: Any) -> list[tuple[int, Any]]:
    return list(enumerate(rows, 1))


NUMBER_COLUMN = col("序号", lambda r: r[0], NUMBER, 6)


def _school(c: ChildRow) -> str:
    if c.from_register:
        return "本校"
    return c.finding.school if c.finding else ""


def _grade(c: ChildRow) -> str:
    if c.from_register:
        return c.class_name
    return c.finding.grade if c.finding else ""


def _finding(key: str) -> Any:
    return lambda r: getattr(r[1].finding, key) if r[1].finding else ("学籍系统" if key == "way" and r[1].from_register else None)


def _child_columns() -> list[Any]:
    return [col("村（组）", lambda r: r[1].village), col("姓名", lambda r: r[1].name), col("性别", lambda r: r[1].gender, width=6),
            col("出生日期", lambda r: r[1].birth_date, DATE, 12),
            col("身份证号", lambda r: r[1].id_number if r[1].id_valid else f"{r[1].id_number or '空'}（{FLAG}）", width=21),
            col("学段", lambda r: r[1].stage, width=6)]


def roll_sheet(report: CatchmentReport) -> Sheet:
    columns = [NUMBER_COLUMN, *_child_columns(), col("户主姓名", lambda r: r[1].householder),
               col("与户主关系", lambda r: r[1].relation), col("去向", lambda r: r[1].destination),
               col("就读学校", lambda r: _school(r[1]), width=20), col("年级班级", lambda r: _grade(r[1])),
               col("核实方式", _finding("way")), col("核实人", _finding("verifier")),
               col("核实日期", _finding("verified_on"), DATE, 12), col("备注", lambda r: r[1].note, width=20)]
    return Sheet(name="适龄儿童花名册", columns=tuple(columns), rows=_numbered(report.children))


def destination_sheet(report: CatchmentReport) -> Sheet:
    total = sum(n for _d, _g, n in report.by_destination)
    rows = [*report.by_destination, ("合计", "", total)]
    columns = (col("去向", lambda r: r[0]), col("类别", lambda r: r[1]), col("人数", lambda r: r[2], NUMBER, 8))
    return Sheet(name="去向统计", columns=columns, rows=rows)


def village_sheet(report: CatchmentReport) -> Sheet:
    v = report.by_village
    total = ("合计", sum(x.children for x in v), sum(x.in_school for x in v), sum(x.out_of_school for x in v),
             sum(x.not_counted for x in v), sum(x.to_verify for x in v))
    rows = [(x.village, x.children, x.in_school, x.out_of_school, x.not_counted, x.to_verify) for x in v] + [total]
    labels = ("村（组）", "适龄儿童", "在学（含本在外）", "未就读", "不计", "待核实")
    columns = tuple(col(label, lambda r, i=i: r[i], NUMBER if i else "text", 10 if i else 0)
                    for i, label in enumerate(labels))
    return Sheet(name="分村统计", columns=columns, rows=rows)


def elsewhere_sheet(report: CatchmentReport) -> Sheet:
    columns = [NUMBER_COLUMN, *_child_columns(), col("去向", lambda r: r[1].destination),
               col("就读学校", lambda r: _school(r[1]), width=20), col("年级", lambda r: _grade(r[1])),
               col("核实方式", _finding("way")), col("证明", lambda r: "有" if r[1].has_proof else "无", width=6)]
    title = f"本在外儿童（有证明{report.elsewhere_with_proof}/{len(report.elsewhere)}，{report.proof_rate}）"
    return Sheet(name="本在外", columns=tuple(columns), rows=_numbered(report.elsewhere), title=title)


def outside_sheet(report: CatchmentReport) -> Sheet:
    columns = (NUMBER_COLUMN, col("姓名", lambda r: r[1].name), col("性别", lambda r: r[1].gender, width=6),
               col("年级班级", lambda r: r[1].class_name), col("户口所在地", lambda r: r[1].household, width=30))
    return Sheet(name="外在本", columns=columns, rows=_numbered(report.outside_pupils))


def suspected_sheet(report: CatchmentReport) -> Sheet:
    columns = [NUMBER_COLUMN, *_child_columns(), col("去向", lambda r: r[1].destination),
               col("联系电话", lambda r: r[1].phone, width=14), col("核实日期", _finding("verified_on"), DATE, 12),
               col("劝返", lambda r: "已立案" if r[1].finding and r[1].finding.dropout_case_id else "", width=8)]
    return Sheet(name="疑似失学", columns=tuple(columns), rows=_numbered(report.suspected))


def rates_sheet(report: CatchmentReport) -> Sheet:
    rows = [("适龄儿童（6—14周岁）", report.counted + sum(n for _d, g, n in report.by_destination if g == "不计")),
            ("不计入（死亡、迁出、空挂户等）", sum(n for _d, g, n in report.by_destination if g == "不计")),
            ("应入学", report.counted), ("已入学（含本在外、送教上门）", report.enrolled),
            ("适龄儿童入学率", report.enrolment_rate), ("三类残疾儿童（应入学）", report.disabled_counted),
            ("三类残疾儿童已入学", report.disabled_enrolled), ("三残儿童入学率", report.disabled_rate),
            ("本在外儿童", len(report.elsewhere)), ("本在外有证明", report.elsewhere_with_proof),
            ("本在外证明率", report.proof_rate), ("外在本学生", len(report.outside_pupils)),
            ("待核实", len(report.to_verify)), ("身份信息错误待更正", len(report.flagged)),
            ("不在义务教育年龄（未计入）", report.not_of_age)]
    columns = (col("项目", lambda r: r[0], width=30), col("数值", lambda r: r[1], width=14))
    return Sheet(name="入学率", columns=columns, rows=rows)


def report_sheets(report: CatchmentReport) -> list[Sheet]:
    return [rates_sheet(report), roll_sheet(report), destination_sheet(report), village_sheet(report),
            elsewhere_sheet(report), outside_sheet(report), suspected_sheet(report)]


def write_catchment_xlsx(path: Path, report: CatchmentReport, *, filled_on: date | None = None) -> WorkbookResult:
    return write_workbook(path, report_sheets(report), school_name=report.school_name, filled_on=filled_on or report.as_of)


def write_catchment_pdf(path: Path, report: CatchmentReport, *, font_path: str | Path | None = None,
                        printed: date | None = None) -> PdfResult:
    from schooldesk.exports.sheet_pdf import write_sheets_pdf

    return write_sheets_pdf(path, report_sheets(report), school_name=report.school_name, title=TITLE,
                            period=report.semester.label_zh, font_path=font_path, printed=printed or report.as_of)
