"""The printed 师徒结对 documents: the agreement (师徒结对协议书), a pair's semester record, the assessment form;
and the year's pairs with their counts as a workbook."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from schooldesk.domain.mentorship import PERIODS
from schooldesk.domain.semester import school_year_label_zh
from schooldesk.exports.pdf_form import PdfForm, PdfResult, page_width, write_pdf, zh_date
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet, WorkbookResult, write_workbook
from schooldesk.services.mentorship import PairRow
from schooldesk.services.mentorship_print import (
    AgreementDocument, AssessmentDocument, MentorshipBook, PairRecordDocument,
)

AGREEMENT_TITLE = "师徒结对协议书"
RECORD_TITLE = "师徒结对学期记录"
ASSESSMENT_TITLE = "师徒结对考核表"
MENTOR_SIGN, APPRENTICE_SIGN = "师傅（签名）：", "徒弟（签名）："
WIDTH = page_width()
LABEL = 24 * mm
HALF = (WIDTH - 2 * LABEL) / 2


def _pair_grid(form: PdfForm, pair: PairRow) -> Flowable:
    t, lbl = form.text, form.label
    return form.grid([
        [lbl("师傅"), t(pair.mentor.name), lbl("徒弟"), t(pair.apprentice.name)],
        [lbl("学科"), t(pair.subject), lbl("结对形式"), t(pair.pairing_type)],
        [lbl("协议日期"), t(zh_date(pair.agreement_date)), lbl("状态"),
         t(pair.status + (f"（{zh_date(pair.status_date)}{'，' + pair.status_reason if pair.status_reason else ''}）"
                          if pair.status_date else ""))],
    ], [LABEL, HALF, LABEL, HALF])


def _agreement(form: PdfForm, document: AgreementDocument) -> list[Flowable]:
    pair = document.pair
    body: list[Flowable] = [*form.heading(AGREEMENT_TITLE, f"{document.school_name}　　{school_year_label_zh(pair.school_year)}")]
    for paragraph in document.text.split("\n"):
        body.append(form.text(paragraph) if paragraph.strip() else Spacer(0, 3 * mm))
        body.append(Spacer(0, 1.2 * mm))
    body += [Spacer(0, 10 * mm), KeepTogether([form.seal_block(MENTOR_SIGN, APPRENTICE_SIGN)])]
    return body


def _record(form: PdfForm, document: PairRecordDocument) -> list[Flowable]:
    small = form.small
    targets = [[t.name, PERIODS[t.per], str(t.required), str(t.done), "已完成" if t.met else
                ("进度落后" if t.behind else "进行中")] for t in document.targets]
    lines = [[form.text(str(n), small), form.text(f"{a.date:%Y-%m-%d}", small), form.text(a.kind, small),
              form.text(a.topic + (f"（{a.score}）" if a.score else ""), small),
              form.text("\n".join(filter(None, (a.content.replace("\n", " ") if a.is_observation else a.content,
                                                 f"指导意见：{a.advice}" if a.advice else "",
                                                 f"徒弟反思：{a.reflection}" if a.reflection else ""))), small)]
             for n, a in enumerate(document.activities, 1)]
    return [
        *form.heading(RECORD_TITLE, f"{document.school_name}　　{document.semester.label_zh}"),
        _pair_grid(form, document.pair), Spacer(0, 5 * mm),
        form.text("一、目标完成情况", form.sign_style), Spacer(0, 2 * mm),
        form.listing(("目标", "周期", "要求", "完成", "情况"), targets, [WIDTH * f for f in (0.34, 0.14, 0.14, 0.14, 0.24)],
                     empty="未设目标"),
        Spacer(0, 5 * mm), form.text("二、指导记录与听课记录", form.sign_style), Spacer(0, 2 * mm),
        form.listing(("序号", "日期", "类别", "课题/主题", "内容"), lines,
                     [10 * mm, 21 * mm, 34 * mm, 38 * mm, WIDTH - 103 * mm], empty="本学期尚无记录"),
        Spacer(0, 8 * mm), KeepTogether([form.signatures(MENTOR_SIGN, APPRENTICE_SIGN, "教导处审核（签名）：")]),
    ]


def _assessment(form: PdfForm, document: AssessmentDocument) -> list[Flowable]:
    a = document.assessment
    rows = []
    for index, item in enumerate(a.form.items):
        given = a.scored.items[index].points if a.scored else (a.scores[index] if index < len(a.scores) else "")
        rows.append([str(index + 1), item.name, f"{item.weight:g}", f"{given:g}" if isinstance(given, float) else given])
    rows.append(["", "总分", f"{a.form.maximum:g}", f"{a.scored.total:g}" if a.scored else ""])
    counts = "；".join(f"{name} {done}/{required}" for name, done, required in a.counts) or "无"
    t, lbl = form.text, form.label
    return [
        *form.heading(ASSESSMENT_TITLE, f"{document.school_name}　　{school_year_label_zh(document.pair.school_year)}"),
        _pair_grid(form, document.pair), Spacer(0, 5 * mm),
        form.listing(("序号", "考核项目", "分值", "得分"), rows, [12 * mm, WIDTH - 72 * mm, 30 * mm, 30 * mm]),
        Spacer(0, 2 * mm), form.text(f"等级标准：{a.form.bands.text}；本学年完成情况：{counts}", form.small), Spacer(0, 4 * mm),
        form.grid([[lbl("考核结果"), t(a.result or "　　".join(a.form.bands.labels)), lbl("考核日期"),
                    t(zh_date(a.date) if a.saved else "")],
                   [lbl("考核意见"), t(a.comments), "", ""]], [LABEL, HALF, LABEL, HALF], [(1, 1)], [None, 40 * mm]),
        Spacer(0, 10 * mm), KeepTogether([form.seal_block(MENTOR_SIGN, APPRENTICE_SIGN)]),
    ]


def _write(path: Path, title: str, school_name: str, build: Callable[[PdfForm], list[Flowable]],
           font_path: str | Path | None, printed: date | None) -> PdfResult:
    return write_pdf(path, title=title, author=school_name, build=build, font_path=font_path, printed=printed)


def write_agreement_pdf(path: Path, document: AgreementDocument, *, font_path: str | Path | None = None,
                        printed: date | None = None) -> PdfResult:
    return _write(path, f"{AGREEMENT_TITLE} {document.pair.names}", document.school_name,
                  lambda form: _agreement(form, document), font_path, printed)


def write_pair_record_pdf(path: Path, document: PairRecordDocument, *, font_path: str | Path | None = None,
                          printed: date | None = None) -> PdfResult:
    return _write(path, f"{RECORD_TITLE} {document.pair.names}", document.school_name,
                  lambda form: _record(form, document), font_path, printed)


def write_assessment_pdf(path: Path, document: AssessmentDocument, *, font_path: str | Path | None = None,
                         printed: date | None = None) -> PdfResult:
    return _write(path, f"{ASSESSMENT_TITLE} {document.pair.names}", document.school_name,
                  lambda form: _assessment(form, document), font_path, printed)


def mentorship_sheets(book: MentorshipBook) -> list[Sheet]:
    names = list(dict.fromkeys(t.name for row in book.pairs for t in row.targets))

    def target(name: str, done: bool) -> Callable[[object], object]:
        def value(r: object) -> object:
            found = next((t for t in r[1].targets if t.name == name), None)  # type: ignore[index]
            return None if found is None else (found.done if done else found.required)
        return value

    columns = [
        Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
        Column(label="师傅", value=lambda r: r[1].pair.mentor.name), Column(label="徒弟", value=lambda r: r[1].pair.apprentice.name),
        Column(label="学科", value=lambda r: r[1].pair.subject), Column(label="结对形式", value=lambda r: r[1].pair.pairing_type),
        Column(label="协议日期", value=lambda r: r[1].pair.agreement_date, kind=DATE, width=12),
        Column(label="状态", value=lambda r: r[1].pair.status),
    ]
    for name in names:
        columns += [Column(label=f"{name}（要求）", value=target(name, False), kind=NUMBER),
                    Column(label=f"{name}（完成）", value=target(name, True), kind=NUMBER)]
    columns.append(Column(label="是否落后", value=lambda r: "是" if r[1].behind else "否", width=8))
    return [Sheet(name="师徒结对", title=f"{book.school_name}师徒结对情况（{book.semester.label_zh}）",
                  rows=list(enumerate(book.pairs, 1)), columns=tuple(columns))]


def write_mentorship_xlsx(path: Path, book: MentorshipBook, *, filled_on: date | None = None) -> WorkbookResult:
    return write_workbook(path, mentorship_sheets(book), school_name=book.school_name, filled_on=filled_on)
