"""教师专业成长档案 (one teacher's file, A4) and the 教师发展 workbook (one row per teacher, the visits the
school received with their 整改), on the kit."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from schooldesk.domain.home_teaching import hours_text
from schooldesk.domain.teacher_growth import hours_text as training_hours
from schooldesk.exports.pdf_form import PdfForm, PdfResult, write_pdf, zh_date
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet
from schooldesk.services.teacher_file import TeacherFigures, TeacherFile

FILE_TITLE = "教师专业成长档案"


def _day(day: date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def _span(start: date, end: date | None) -> str:
    return f"{start:%Y-%m-%d}至{end:%Y-%m-%d}" if end else f"{start:%Y-%m-%d}起"


def _score(row: Any) -> str:
    return f"{row.total:g}（{row.grade}）" if row.total is not None else "未评分"


def teacher_file_story(form: PdfForm, file: TeacherFile) -> list[Flowable]:
    w, t, f = form.width, file.teacher, file.figures
    story = [*form.heading(FILE_TITLE, f"{file.school_name}　　{file.period.label}　　打印日期：{zh_date(file.printed)}"),
             form.fields([("姓名", t.name), ("性别", t.gender), ("职称", t.title), ("职务", "、".join(f.duties)),
                          ("任教学科", t.subjects), ("联系电话", t.phone)]), Spacer(0, 5 * mm)]
    story += form.section(f"一、培训（{f.training_count}次，共{training_hours(f.training_hours)}学时）") + [form.listing(
        ("培训项目", "级别", "时间", "学时", "组织单位", "证书编号"),
        [(r.programme, r.level, _span(r.start_date, r.end_date), training_hours(r.hours), r.organiser, r.certificate)
         for r in file.training],
        [w * 0.3, 14 * mm, 40 * mm, 12 * mm, w * 0.2, w - w * 0.5 - 66 * mm], small=True), Spacer(0, 5 * mm)]
    if file.ethics is not None:  # the principal's and the office's copy only
        story += form.section(f"二、师德（{len(file.ethics)}条）") + [form.listing(
            ("日期", "类别", "等次", "内容", "处理情况"),
            [(_day(r.date), r.kind, r.grade, r.content, r.handling) for r in file.ethics],
            [22 * mm, 18 * mm, 16 * mm, (w - 56 * mm) * 0.6, (w - 56 * mm) * 0.4], small=True), Spacer(0, 5 * mm)]
    else:
        story += form.section("二、师德") + [form.text("（由学校领导和办公室保管）", form.small), Spacer(0, 5 * mm)]
    story += form.section(f"三、荣誉与竞赛（{f.honours}项）") + [form.listing(
        ("日期", "荣誉称号或竞赛", "级别", "等次", "颁发单位"),
        [(_day(r.date), r.title, r.level, r.award, r.issuer) for r in file.honours],
        [22 * mm, w * 0.38, 16 * mm, 20 * mm, w * 0.62 - 58 * mm], small=True), Spacer(0, 3 * mm)]
    if file.exchanges:
        story += [form.text("交流轮岗、支教、跟岗：" + "；".join(f"{r.kind}：{r.place}（{_span(r.start_date, r.end_date)}）"
                                                     for r in file.exchanges), form.small)]
    story += [Spacer(0, 5 * mm), *form.section(f"四、听课（听课{f.lessons_observed}节，被听课{f.lessons_received}节，"
                                               f"其中校外人员听课{f.lessons_received_from_outside}节）")]
    widths = [22 * mm, 12 * mm, 34 * mm, 14 * mm, w - 134 * mm, 22 * mm, 30 * mm]
    story += [form.text("听课记录", form.small), form.listing(
        ("日期", "节次", "执教教师", "学科", "课题", "类型", "得分"),
        [(_day(o.date), str(o.period), o.taught.name, o.subject, o.topic, o.kind, _score(o)) for o in file.observed],
        widths, small=True), Spacer(0, 2 * mm), form.text("被听课记录", form.small), form.listing(
        ("日期", "节次", "听课人", "学科", "课题", "类型", "得分"),
        [(_day(o.date), str(o.period), o.observer.name, o.subject, o.topic, o.kind, _score(o)) for o in file.received],
        widths, small=True), Spacer(0, 5 * mm)]
    story += form.section(f"五、师徒结对（{len(file.pairs)}对，指导记录{f.guidance_records}次）") + [form.listing(
        ("学年", "身份", "结对教师", "学科", "状态", "本期指导记录"),
        [(f"{p.school_year}—{p.school_year + 1}", p.role, p.partner, p.subject, p.status, str(p.guidance_records))
         for p in file.pairs], [28 * mm, 16 * mm, 30 * mm, 22 * mm, 22 * mm, w - 118 * mm], small=True), Spacer(0, 5 * mm)]
    story += form.section(f"六、家访（{f.home_visits}次）与送教上门（{f.home_teaching_visits}次）") + [form.listing(
        ("日期", "类别", "学生", "内容"),
        sorted([(_day(v.date), "家访", v.pupils, v.title + (f"：{v.content}" if v.content else "")) for v in file.home_visits]
               + [(_day(v.date), "送教上门", v.pupil, f"{v.content}（{hours_text(v.minutes)}）") for v in file.home_teaching]),
        [22 * mm, 20 * mm, 30 * mm, w - 72 * mm], small=True), Spacer(0, 8 * mm)]
    story += [KeepTogether([form.seal_block("本人签名：", "审核人签名：")])]
    return story


def write_teacher_file_pdf(path: Path, file: TeacherFile, *, font_path: str | Path | None = None,
                           printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"{FILE_TITLE} {file.teacher.name}", author=file.school_name,
                     build=lambda form: teacher_file_story(form, file), font_path=font_path, printed=printed)


def teacher_sheets(figures: Sequence[TeacherFigures], visits: Sequence[Any], period: str) -> list[Sheet]:
    """教师发展情况 (one row per teacher) and 视导督导 (each visit with its 整改 items, one line per item)."""
    lines = [(v, a) for v in visits for a in (v.actions or (None,))]
    return [
        Sheet(name="教师发展情况", title=f"教师发展情况统计表（{period}）", rows=list(enumerate(figures, 1)), columns=(
            Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
            Column(label="姓名", value=lambda r: r[1].teacher),
            Column(label="职务", value=lambda r: "、".join(r[1].duties)),
            Column(label="听课节数", value=lambda r: r[1].lessons_observed, kind=NUMBER),
            Column(label="被听课节数", value=lambda r: r[1].lessons_received, kind=NUMBER),
            Column(label="其中校外听课", value=lambda r: r[1].lessons_received_from_outside, kind=NUMBER),
            Column(label="培训次数", value=lambda r: r[1].training_count, kind=NUMBER),
            Column(label="培训学时", value=lambda r: r[1].training_hours, kind=NUMBER),
            Column(label="荣誉项数", value=lambda r: r[1].honours, kind=NUMBER),
            Column(label="师傅（对）", value=lambda r: r[1].mentor_of, kind=NUMBER),
            Column(label="徒弟（对）", value=lambda r: r[1].apprentice_of, kind=NUMBER),
            Column(label="指导记录", value=lambda r: r[1].guidance_records, kind=NUMBER),
            Column(label="家访次数", value=lambda r: r[1].home_visits, kind=NUMBER),
            Column(label="送教上门次数", value=lambda r: r[1].home_teaching_visits, kind=NUMBER),
        )),
        Sheet(name="视导督导", title=f"接受视导督导及整改情况（{period}）", rows=list(enumerate(lines, 1)), columns=(
            Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
            Column(label="日期", value=lambda r: r[1][0].date, kind=DATE, width=12),
            Column(label="类别", value=lambda r: r[1][0].kind),
            Column(label="来访人员", value=lambda r: r[1][0].visitors, width=24),
            Column(label="检查内容", value=lambda r: r[1][0].checked, width=30),
            Column(label="反馈意见", value=lambda r: r[1][0].feedback, width=30),
            Column(label="整改事项", value=lambda r: r[1][1].item if r[1][1] else "无", width=30),
            Column(label="整改期限", value=lambda r: r[1][1].due_date if r[1][1] else None, kind=DATE, width=12),
            Column(label="整改情况", value=lambda r: (f"{r[1][1].closed_on:%Y-%m-%d}已整改：{r[1][1].closing}"
                                                  if r[1][1].closed_on else "整改中") if r[1][1] else "", width=30),
        )),
    ]
