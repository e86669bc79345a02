"""The printed 活动记录 documents: one activity per A4 page with its photos under the text and the signature
lines its kind needs, the blank 家访记录表 pre-filled with a pupil's details, and the semester's summary (counts
by kind and month, then the list) as PDF and Excel."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, PageBreak, Spacer

from schooldesk.domain.activities import CHOICE, DATE, YESNO, shown_values
from schooldesk.exports.pdf_form import MARGIN, PdfForm, PdfResult, page_width, write_pdf, zh_date
from schooldesk.exports.sheets import DATE as DATE_CELL
from schooldesk.exports.sheets import NUMBER, Column, Sheet, WorkbookResult, write_workbook
from schooldesk.services.activities import ActivityRow
from schooldesk.services.activity_print import ActivitySheet, ActivitySummary, BlankHomeVisit

WIDTH = page_width()
LABEL = 26 * mm
HALF = (WIDTH - 2 * LABEL) / 2
BLANK_DATE = "　　　　年　　月　　日　　时　　分"
PHOTOS_ON_ONE_PAGE = 4
PAGE_ROOM = A4[1] - 2 * MARGIN - 12 * mm


def _title(kind_name: str) -> str:
    return f"{kind_name}记录表" if not kind_name.endswith("记录") else kind_name


def _time(a: ActivityRow) -> str:
    when = zh_date(a.date)
    if a.start_time and a.end_time:
        when += f"　{a.start_time:%H:%M}—{a.end_time:%H:%M}"
    return when


def _pairs(form: PdfForm, pairs: list[tuple[str, str]]) -> list[list[Any]]:
    rows = []
    for index in range(0, len(pairs), 2):
        row: list[Any] = []
        for label, value in pairs[index:index + 2]:
            row += [form.label(label), form.text(value)]
        rows.append(row + [""] * (4 - len(row)))
    return rows


def _activity(form: PdfForm, sheet: ActivitySheet) -> list[Flowable]:
    a, t, lbl = sheet.activity, form.text, form.label
    pupils = "、".join(f"{p.name}（{p.class_name}）" if p.class_name else p.name for p in a.pupils)
    common = [("活动名称", a.title), ("活动时间", _time(a)), ("活动地点", a.place),
              ("组织者", a.organiser.name if a.organiser else "")]
    rows = _pairs(form, common)
    wide = [("参加人员", a.people)] + ([("学生", pupils)] if a.pupils else [])
    extra = shown_values(a.kind, a.values)
    first_extra = len(rows) + len(wide)
    rows += [[lbl(label), t(value), "", ""] for label, value in wide]
    rows += _pairs(form, extra)
    content_row = len(rows)
    rows += [[lbl("活动内容"), t(a.content), "", ""], [lbl("效果与反思"), t(a.outcome), "", ""]]
    spans = [(r, 1) for r in range(len(common) // 2 + (len(common) % 2), first_extra)] + [(content_row, 1), (content_row + 1, 1)]
    boxes = (30, 15) if a.photos else (45, 22)  # with photos, the writing boxes leave them the room
    heights: list[float | None] = [None] * content_row + [None if len(a.content) > 200 else boxes[0] * mm,
                                                           None if len(a.outcome) > 120 else boxes[1] * mm]
    subtitle = f"{sheet.school_name}　　{sheet.semester.label_zh if sheet.semester else ''}"
    story: list[Flowable] = [*form.heading(_title(a.kind.name), subtitle), form.grid(rows, [LABEL, HALF, LABEL, HALF], spans,
                                                                                   heights), Spacer(0, 4 * mm)]
    photos = form.photos([(p.path, p.caption) for p in a.photos], per_row=2, row_height=58 * mm)
    if photos is not None:
        story += [form.text("佐证照片", form.sign_style), Spacer(0, 2 * mm), photos, Spacer(0, 4 * mm)]
    signatures = form.signatures(*a.kind.signatures)
    if len(a.photos) <= PHOTOS_ON_ONE_PAGE:  # one activity, one page: the form shrinks a little if it must
        return [KeepInFrame(WIDTH, PAGE_ROOM, [*story, signatures], mode="shrink")]
    return [*story, KeepTogether([signatures])]


def _blank_home_visit(form: PdfForm, blank: BlankHomeVisit) -> list[Flowable]:
    t, lbl = form.text, form.label
    rows = _pairs(form, [("学生姓名", blank.pupil_name), ("性别", blank.gender), ("年级班级", blank.class_name),
                         ("关爱类别", blank.care)])
    rows += [[lbl("家庭住址"), t(blank.address), "", ""], [lbl("监护人"), t("；".join(blank.guardians)), "", ""],
             [lbl("家访时间"), t(BLANK_DATE), "", ""], [lbl("家访教师"), t(""), "", ""]]
    for spec in blank.kind.shown_fields:
        if spec.type == CHOICE:
            value: Any = form.ticks(spec.choices, ())
        elif spec.type == YESNO:
            value = form.ticks(("是", "否"), ())
        elif spec.type == DATE:
            value = t("　　　　年　　月　　日")
        else:
            value = t("")
        rows.append([lbl(spec.label), value, "", ""])
    content_row = len(rows)
    rows += [[lbl("家访内容"), t(""), "", ""], [lbl("家长意见"), t(""), "", ""]]
    spans = [(r, 1) for r in range(2, len(rows))]
    heights: list[float | None] = [None] * content_row + [40 * mm, 18 * mm]
    return [KeepInFrame(WIDTH, PAGE_ROOM, [
        *form.heading("家访记录表", blank.school_name), form.grid(rows, [LABEL, HALF, LABEL, HALF], spans, heights),
        Spacer(0, 6 * mm), form.signatures(*blank.kind.signatures)], mode="shrink")]


def _summary(form: PdfForm, summary: ActivitySummary) -> list[Flowable]:
    months = summary.months
    counts = summary.counts()
    header = ["类别", *(f"{m.month}月" for m in months), "合计"]
    rows = [[name, *(str(by_month.get(m, 0)) for m in months), str(total)] for name, by_month, total in counts]
    rows.append(["合计", *(str(sum(c[1].get(m, 0) for c in counts)) for m in months), str(len(summary.activities))])
    first = 30 * mm
    rest = (WIDTH - first) / (len(months) + 1)
    listing = [[str(n), f"{a.date:%Y-%m-%d}", a.kind.name, a.title, a.people, a.pupil_names]
               for n, a in enumerate(summary.activities, 1)]
    return [
        *form.heading("活动记录汇总", f"{summary.school_name}　　{summary.semester.label_zh}"),
        form.text("一、按类别和月份统计", form.sign_style), Spacer(0, 2 * mm),
        form.listing(header, rows, [first, *([rest] * (len(months) + 1))], small=True, empty="本学期尚无活动记录"),
        Spacer(0, 5 * mm), form.text("二、活动记录", form.sign_style), Spacer(0, 2 * mm),
        form.listing(("序号", "日期", "类别", "活动名称", "参加人员", "学生"), listing,
                     [10 * mm, 21 * mm, 22 * mm, 45 * mm, 40 * mm, WIDTH - 138 * mm], small=True, empty="本学期尚无活动记录"),
        *_frequency(form, summary),
        Spacer(0, 8 * mm), KeepTogether([form.seal_block("填表人：", "校长签名：")]),
    ]


def _frequency(form: PdfForm, summary: ActivitySummary) -> list[Flowable]:
    """三、频次要求: each target's periods, done against required."""
    if not summary.frequency:
        return []
    rows = [[r.rule + (f"（{r.group}）" if r.group else ""), r.period, f"{r.due:%Y-%m-%d}", str(r.done), str(r.required),
             "是" if r.met else "否"] for r in summary.frequency]
    return [Spacer(0, 5 * mm), form.text("三、频次要求", form.sign_style), Spacer(0, 2 * mm),
            form.listing(("要求", "期间", "截止日期", "已开展", "要求次数", "达到"), rows,
                         [WIDTH - 118 * mm, 32 * mm, 24 * mm, 18 * mm, 22 * mm, 22 * mm], small=True)]


def write_activity_pdf(path: Path, sheet: ActivitySheet, *, font_path: str | Path | None = None,
                       printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"{sheet.activity.kind.name} {sheet.activity.title}", author=sheet.school_name,
                     build=lambda form: _activity(form, sheet), font_path=font_path, printed=printed)


def write_activities_pdf(path: Path, sheets: list[ActivitySheet], *, font_path: str | Path | None = None,
                         printed: date | None = None) -> PdfResult:
    """Several activities, each from a new page (for the archive box)."""
    def build(form: PdfForm) -> list[Flowable]:
        story: list[Flowable] = []
        for index, sheet in enumerate(sheets):
            story += ([PageBreak()] if index else []) + _activity(form, sheet)
        return story

    name = sheets[0].school_name if sheets else ""
    return write_pdf(path, title="活动记录", author=name, build=build, font_path=font_path, printed=printed)


def write_blank_home_visit_pdf(path: Path, blank: BlankHomeVisit, *, font_path: str | Path | None = None,
                               printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"家访记录表 {blank.pupil_name}", author=blank.school_name,
                     build=lambda form: _blank_home_visit(form, blank), font_path=font_path, printed=printed)


def write_activity_summary_pdf(path: Path, summary: ActivitySummary, *, font_path: str | Path | None = None,
                               printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"活动记录汇总 {summary.semester.label_zh}", author=summary.school_name,
                     build=lambda form: _summary(form, summary), font_path=font_path, printed=printed)


def activity_sheets(summary: ActivitySummary) -> list[Sheet]:
    months = summary.months
    counts = summary.counts()
    by_kind = Sheet(name="活动统计", title=f"{summary.school_name}活动统计（{summary.semester.label_zh}）", rows=counts,
                    columns=(Column(label="类别", value=lambda r: r[0]),
                             *(Column(label=f"{m.year}年{m.month}月", value=lambda r, m=m: r[1].get(m, 0), kind=NUMBER)
                               for m in months),
                             Column(label="合计", value=lambda r: r[2], kind=NUMBER)))
    records = Sheet(name="活动记录", title=f"{summary.school_name}活动记录（{summary.semester.label_zh}）",
                    rows=list(enumerate(summary.activities, 1)), columns=(
        Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
        Column(label="日期", value=lambda r: r[1].date, kind=DATE_CELL, width=12),
        Column(label="类别", value=lambda r: r[1].kind.name), Column(label="活动名称", value=lambda r: r[1].title, width=24),
        Column(label="地点", value=lambda r: r[1].place),
        Column(label="组织者", value=lambda r: r[1].organiser.name if r[1].organiser else ""),
        Column(label="参加人员", value=lambda r: r[1].people, width=24), Column(label="学生", value=lambda r: r[1].pupil_names),
        Column(label="详情", value=lambda r: "；".join(f"{k}：{v}" for k, v in shown_values(r[1].kind, r[1].values)), width=40),
        Column(label="活动内容", value=lambda r: r[1].content, width=40),
        Column(label="照片数", value=lambda r: len(r[1].photos), kind=NUMBER, width=8),
    ))
    frequency = Sheet(name="频次要求", title=f"{summary.school_name}活动频次要求（{summary.semester.label_zh}）",
                      rows=summary.frequency, columns=(
        Column(label="要求", value=lambda r: r.rule, width=30), Column(label="组", value=lambda r: r.group),
        Column(label="期间", value=lambda r: r.period, width=16),
        Column(label="截止日期", value=lambda r: r.due, kind=DATE_CELL, width=12),
        Column(label="已开展", value=lambda r: r.done, kind=NUMBER, width=8),
        Column(label="要求次数", value=lambda r: r.required, kind=NUMBER, width=8),
        Column(label="是否达到", value=lambda r: "是" if r.met else "否", width=8)))
    return [by_kind, records, *([frequency] if summary.frequency else [])]


def write_activity_summary_xlsx(path: Path, summary: ActivitySummary, *, filled_on: date | None = None) -> WorkbookResult:
    return write_workbook(path, activity_sheets(summary), school_name=summary.school_name, filled_on=filled_on)
