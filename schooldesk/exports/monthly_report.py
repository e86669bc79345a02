"""控辍保学月报 as Excel and PDF: the month's counts on one sheet, the pupils behind them on a second."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from schooldesk.exports.pdf_form import PdfResult
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet, WorkbookResult, write_workbook
from schooldesk.services.monthly_report import MonthlyReport

TITLE = "控辍保学月报"
DETAILS = "月报明细"


def report_sheets(report: MonthlyReport) -> list[Sheet]:
    counts = Sheet(name=TITLE, title=f"{report.school_name}{TITLE}（{report.label}）", rows=[report], counts=True, columns=(
        Column(label="填报月份", value=lambda r: r.label),
        *(Column(label=f.label, value=lambda r, f=f: r.count(f.label), kind=NUMBER) for f in report.figures),
        Column(label="疑似辍学认定标准", value=lambda r: r.suspect_rule, width=30),
    ))
    details = Sheet(name=DETAILS, title=f"{report.school_name}{DETAILS}（{report.label}）",
                    rows=list(enumerate(report.details, 1)), columns=(
        Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
        Column(label="统计项", value=lambda r: r[1].figure), Column(label="姓名", value=lambda r: r[1].pupil.name),
        Column(label="性别", value=lambda r: r[1].pupil.gender, width=6),
        Column(label="身份证号", value=lambda r: r[1].pupil.id_number, width=21),
        Column(label="年级班级", value=lambda r: r[1].pupil.class_name),
        Column(label="日期", value=lambda r: r[1].day, kind=DATE, width=12),
        Column(label="说明", value=lambda r: r[1].note, width=30),
        Column(label="监护人", value=lambda r: r[1].pupil.guardian),
        Column(label="联系电话", value=lambda r: r[1].pupil.guardian_phone, width=14),
    ))
    return [counts, details]


def write_monthly_report_xlsx(path: Path, report: MonthlyReport, *, filled_on: date | None = None) -> WorkbookResult:
    return write_workbook(path, report_sheets(report), school_name=report.school_name, filled_on=filled_on)


def write_monthly_report_pdf(path: Path, report: MonthlyReport, *, font_path: str | Path | None = None,
                             printed: date | None = None) -> PdfResult:
    from schooldesk.exports.sheet_pdf import write_sheets_pdf

    sheets: Sequence[Sheet] = report_sheets(report)
    return write_sheets_pdf(path, sheets, school_name=report.school_name, title=TITLE, period=report.label,
                            font_path=font_path, printed=printed, cover=False)
