"""学生档案 (one pupil's file) and 辍学学生劝返记录表 (one dropout case), A4, on the kit."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from schooldesk.domain.activities import shown_values
from schooldesk.domain.home_teaching import hours_text
from schooldesk.exports.pdf_form import PdfForm, PdfResult, write_pdf, zh_date
from schooldesk.services.pupil_file import PupilFile

FILE_TITLE = "学生档案"
CASE_TITLE = "辍学学生劝返记录表"


def _guardians(file: PupilFile) -> str:
    return "；".join(
        "，".join(filter(None, (g.name + (f"（{g.relation}）" if g.relation else ""), g.phone, g.workplace)))
        for g in file.details.guardians if g.name)


def _basics(form: PdfForm, file: PupilFile) -> list[Flowable]:
    d = file.details
    return [form.fields([
        ("姓名", d.name), ("性别", d.gender), ("出生日期", zh_date(d.birth_date)), ("民族", d.ethnicity),
        ("身份证号", file.id_number), ("学籍号", file.student_number), ("年级班级", file.class_name),
        ("学籍状态", d.status + (f"（{zh_date(d.status_date)}）" if d.status_date else "")),
        ("户籍所在地", d.household_registration), ("就读方式", d.boarding),
    ], wide=[("家庭住址", d.address), ("监护人", _guardians(file))])]


def pupil_file_story(form: PdfForm, file: PupilFile) -> list[Flowable]:
    w, small = form.width, True
    story = [*form.heading(FILE_TITLE, f"{file.school_name}　　建档打印日期：{zh_date(file.printed)}"),
             *_basics(form, file), Spacer(0, 5 * mm)]
    story += form.section("一、关爱类别") + [form.listing(
        ("类别", "具体情况", "开始日期", "结束日期", "包保责任人"),
        [(c.name_zh, c.summary, f"{c.start_date:%Y-%m-%d}", f"{c.end_date:%Y-%m-%d}" if c.end_date else "",
          c.responsible_teacher_name) for c in file.care],
        [28 * mm, w - 106 * mm, 24 * mm, 24 * mm, 30 * mm], small=small), Spacer(0, 5 * mm)]
    story += form.section("二、帮扶记录") + [form.listing(
        ("日期", "帮扶教师", "方式", "帮扶内容", "效果"),
        [(f"{s.date:%Y-%m-%d}", s.teacher_name, s.kind, s.content, s.outcome) for s in file.support],
        [22 * mm, 20 * mm, 18 * mm, (w - 60 * mm) * 0.6, (w - 60 * mm) * 0.4], small=small), Spacer(0, 5 * mm)]
    story += form.section("三、辍学与劝返")
    for case in file.cases:
        state = f"{zh_date(case.closed_on)}结案：{case.outcome}{case.outcome_note}" if case.closed_on else "劝返中"
        story += [form.text(f"{case.stage}：{zh_date(case.started_on)}起，原因：{case.reason}"
                            f"{('（' + case.reason_note + '）') if case.reason_note else ''}；{state}", form.small),
                  Spacer(0, 1 * mm), _visit_listing(form, case), Spacer(0, 3 * mm)]
    if not file.cases:
        story += [form.text("无"), Spacer(0, 3 * mm)]
    story += [Spacer(0, 2 * mm), *form.section("四、送教上门"), form.listing(
        ("学期", "计划期间", "送教教师", "已送/应送", "累计时长", "达标月数"),
        [(p.semester.label_zh, f"{p.start_date:%Y-%m-%d}至{p.end_date:%Y-%m-%d}", p.teachers,
          f"{p.standing.visits}/{p.standing.required_visits}",
          hours_text(p.standing.minutes), p.standing.months_text) for p in file.plans],
        [w * 0.22, w * 0.27, w * 0.17, w * 0.1, w * 0.13, w * 0.11], small=small), Spacer(0, 5 * mm)]
    if file.activities:  # 家访, 班会 … the pupil took part in (a file without any keeps its length)
        story += form.section("五、家访与活动") + [form.listing(
            ("日期", "类别", "活动", "参加人员", "内容"),
            [(f"{a.date:%Y-%m-%d}", a.kind.name + ("（劝返）" if a.return_visit_case else ""), a.title, a.people,
              "；".join([*(f"{label}：{value}" for label, value in shown_values(a.kind, a.values)), a.content][:6]))
             for a in file.activities],
            [22 * mm, 22 * mm, 30 * mm, 30 * mm, w - 104 * mm], small=small), Spacer(0, 3 * mm)]
    story += [Spacer(0, 3 * mm), KeepTogether([form.seal_block("班主任签名：", "经办人签名：")])]
    return story


def _visit_listing(form: PdfForm, case) -> Flowable:  # type: ignore[no-untyped-def]
    w = form.width
    return form.listing(
        ("第几次", "劝返人员", "时间", "方式及见到的人", "家长态度及谈话内容", "结果"),
        [(str(i), v.visitors, f"{v.date:%Y-%m-%d}", v.met_with, v.conversation, v.result)
         for i, v in enumerate(case.visits, 1)],
        [14 * mm, 30 * mm, 22 * mm, 28 * mm, w - 116 * mm, 22 * mm], small=True, empty="尚无劝返记录")


def case_story(form: PdfForm, file: PupilFile, case_id: int) -> list[Flowable]:
    case, d = file.case(case_id), file.details
    guardian = next((g for g in d.guardians if g.name), None)
    basics = form.fields([
        ("姓名", d.name), ("性别", d.gender), ("身份证号", file.id_number), ("年级班级", file.class_name),
        ("辍学年月", f"{case.started_on.year}年{case.started_on.month}月"), ("类型", case.stage),
        ("监护人", guardian.name if guardian else ""), ("联系电话", guardian.phone if guardian else ""),
    ], wide=[("家庭住址", d.address), ("户籍所在地", d.household_registration),
             ("辍学原因", "：".join(filter(None, (case.reason, case.reason_note)))),
             ("已采取的帮扶措施", "；".join(f"{s.date:%Y-%m-%d} {s.kind}：{s.content}" for s in file.support
                                       if s.date <= (case.closed_on or date.max))[-600:] or "无")])
    outcome = (f"{zh_date(case.closed_on)}结案，结果：{case.outcome}" + (f"（{case.outcome_note}）" if case.outcome_note
               else "")) if case.closed_on else "尚未结案（劝返中）"
    return [*form.heading(CASE_TITLE, f"{file.school_name}　　打印日期：{zh_date(file.printed)}"), basics,
            Spacer(0, 5 * mm), *form.section("劝返记录"), _visit_listing(form, case), Spacer(0, 5 * mm),
            form.fields([], wide=[("结案情况", outcome)]), Spacer(0, 8 * mm),
            KeepTogether([form.seal_block("班主任签名：", "校长签名：")])]


def write_pupil_file_pdf(path: Path, file: PupilFile, *, font_path: str | Path | None = None,
                         printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"{FILE_TITLE} {file.details.name}", author=file.school_name,
                     build=lambda form: pupil_file_story(form, file), font_path=font_path, printed=printed)


def write_case_pdf(path: Path, file: PupilFile, case_id: int, *, font_path: str | Path | None = None,
                   printed: date | None = None) -> PdfResult:
    return write_pdf(path, title=f"{CASE_TITLE} {file.details.name}", author=file.school_name,
                     build=lambda form: case_story(form, file, case_id), font_path=font_path, printed=printed)
