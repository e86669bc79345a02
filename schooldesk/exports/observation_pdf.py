"""The printed 听课评课 documents: one observation per A4 page, a teacher's semester 听课记录汇总, the blank
听课记录表 in the school's rubric, and the semester's workbook (observations and the quota table).

The blank form is the filled form with nothing filled in, so what a teacher writes by hand and what the
app prints look alike.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, PageBreak, Spacer

from schooldesk.domain.observation import CHECK_GROUPS, check_summary
from schooldesk.domain.rubrics import HUNDRED_POINT, RATINGS, RubricDefinition, Scored
from schooldesk.exports.pdf_form import MARGIN, PdfForm, PdfResult, page_width, write_pdf, zh_date
from schooldesk.exports.sheets import DATE, NUMBER, Column, Sheet, WorkbookResult, write_workbook
from schooldesk.services.observation_print import (
    BlankObservationForm, ObservationBook, ObservationSheet, TeacherObservationLog,
)
from schooldesk.services.observations import ObservationRow

# ---- the forms' wording, in one place ---------------------------------------------------------------------
TITLE = "听课记录表"
SUMMARY_TITLE = "听课记录汇总"
OBSERVER_SIGN = "评课人签名："
TAUGHT_SIGN = "被听课教师确认签名："
TEACHER_SIGN = "教师签名："
DEAN_SIGN = "教导处审核（签名）："
BLANK_DATE = "　　　　年　　月　　日　第　　节"
EVALUATIONS = ("课堂教学", "平时备课", "作业批改", "查阅记录")  # 一听、二看、三查阅

WIDTH = page_width()
LABEL = 27 * mm
HALF = (WIDTH - 2 * LABEL) / 2


class _Writer:
    def __init__(self, form: PdfForm, school_name: str, semester_label: str) -> None:
        self.form, self.text, self.label = form, form.text, form.label
        self.subtitle = f"{school_name}　　{semester_label}"

    # ---- one observation, or the blank form ----
    def observation(self, row: ObservationRow | None, rubric: RubricDefinition, taught_signs: bool) -> list[Flowable]:
        """A filled record on one page; the blank form on two (the lesson, then 二看三查阅 and the evaluations),
        since a hand-written record needs the room."""
        t, lbl = self.text, self.label
        when = f"{zh_date(row.date)}　第{row.period}节" if row else BLANK_DATE
        rows = [
            [lbl("执教者"), t(row.taught.name if row else ""), lbl("听课人"), t(row.observer.name if row else "")],
            [lbl("学科"), t(row.subject if row else ""), lbl("班级"), t(row.class_name if row else "")],
            [lbl("听课时间"), t(when, self.form.small if not row else None), lbl("课型"), t(row.lesson_type if row else "")],
            [lbl("课题"), t(row.topic if row else ""), lbl("听课类型"), t(row.kind if row else "")],
            [lbl("教学过程记录"), t(row.process_record if row else ""), "", ""],
        ]
        minimum = 80 if row is None else 40 if row.photos else 48
        record_height = _at_least(rows[-1][1], WIDTH - LABEL, minimum * mm)
        grid = self.form.grid(rows, [LABEL, HALF, LABEL, HALF], [(4, 1)], [None] * 4 + [record_height])
        wide = [[lbl("亮点"), t(row.highlights if row else ""), "", ""],
                [lbl("建议"), t(row.suggestions if row else ""), "", ""]]
        remarks = self.form.grid(wide, [LABEL, HALF, LABEL, HALF], [(0, 1), (1, 1)], [None if row else 16 * mm] * 2)
        lesson: list[Flowable] = [*self.form.heading(TITLE, self.subtitle), grid, Spacer(0, 3 * mm),
                                  *self.scores(rubric, row.scored if row else None), Spacer(0, 3 * mm), remarks,
                                  Spacer(0, 3 * mm)]
        looks = [*self.checks(row), Spacer(0, 3 * mm)]
        if row and row.photos:
            photos = self.form.photos([(p.path, p.caption) for p in row.photos[:3]], per_row=3, row_height=None,
                                      height=38 * mm)
            if photos is not None:
                looks += [photos, Spacer(0, 2 * mm)]
        signers = (OBSERVER_SIGN, TAUGHT_SIGN) if taught_signs else (OBSERVER_SIGN,)
        room = A4[1] - 2 * MARGIN - 12 * mm
        if row is None:
            heading = self.form.heading(f"{TITLE}（二看三查阅）", self.subtitle)
            return [KeepInFrame(WIDTH, room, [*lesson, self.form.signatures(*signers)], mode="shrink"), PageBreak(),
                    KeepInFrame(WIDTH, room, [*heading, *looks, self.form.signatures(*signers)], mode="shrink")]
        return [KeepInFrame(WIDTH, room, [*lesson, *looks, self.form.signatures(*signers)], mode="shrink")]

    def scores(self, rubric: RubricDefinition, scored: Scored | None) -> list[Flowable]:
        ratings = rubric.mode == RATINGS
        graded = ratings or any(i.bands for i in rubric.items)
        header = ["序号", "评价项目", "权重", "评定" if ratings else "得分", *(["等级"] if graded and not ratings else [])]
        lines: list[list[Any]] = []
        for index, item in enumerate(rubric.items):
            given = scored.items[index] if scored else None
            if ratings:
                value: Any = given.value if given else self.form.ticks(rubric.rating_labels, ())
            else:
                value = f"{given.points:g}" if given else ""
            line = [str(index + 1), item.name, f"{item.weight:g}", value]
            if graded and not ratings:
                line.append(given.grade if given else "")
            lines.append(line)
        total = f"{scored.total:g}" if scored else ""
        grade = scored.grade if scored else "　　".join(rubric.bands.labels)
        lines.append(["", "总分", f"{rubric.maximum:g}", total, *([""] if graded and not ratings else [])])
        widths = [12 * mm, WIDTH - 12 * mm - 20 * mm - 40 * mm - (24 * mm if graded and not ratings else 0), 20 * mm,
                  40 * mm, *([24 * mm] if graded and not ratings else [])]
        table = self.form.listing(header, lines, widths, small=True)
        return [self.text(f"课堂教学评价（{rubric.name}）　　等级：{grade}", self.form.sign_style),
                Spacer(0, 1.5 * mm), table, Spacer(0, 1 * mm), self.text(f"等级标准：{rubric.bands.text}", self.form.small)]

    def checks(self, row: ObservationRow | None) -> list[Flowable]:
        """一听二看三查阅: each thing looked at with its rating (ticked on the blank form), then the three
        evaluations."""
        lines: list[list[Any]] = []
        given = {c.item: c for c in row.checks} if row else {}
        for group, items, ratings in CHECK_GROUPS:
            for item in items:
                check = given.get(item)
                if row is not None and check is None:
                    continue  # a filled form lists what was looked at
                rating: Any = check.rating if check else self.form.ticks(ratings, ())
                lines.append([group, item, rating, check.comment if check else ""])
        header = ("看/查", "项目", "评价", "说明")
        widths = [20 * mm, 32 * mm, 62 * mm, WIDTH - 114 * mm]
        parts: list[Flowable] = [self.text("一听二看三查阅", self.form.sign_style), Spacer(0, 1.5 * mm)]
        if row is None or row.checks:
            parts.append(self.form.listing(header, lines, widths, small=True))
        else:
            parts.append(self.text("本次听课未查阅备课、作业和记录。", self.form.small))
        evaluations = [self._evaluation(name, row) for name in EVALUATIONS]
        parts += [Spacer(0, 2 * mm), self.form.grid([[self.label(n), self.text(v), "", ""] for n, v in evaluations],
                                                    [LABEL, HALF, LABEL, HALF], [(r, 1) for r in range(len(EVALUATIONS))],
                                                    [None if row else 16 * mm] * len(EVALUATIONS))]
        return parts

    @staticmethod
    def _evaluation(name: str, row: ObservationRow | None) -> tuple[str, str]:
        if row is None:
            return name, ""
        if name == "课堂教学":
            return name, (f"{row.grade}（{row.total:g}分）" if row.scored else "未评分") + (
                f"；本节{row.lesson_observers}人听课，平均{row.lesson_average:g}分" if row.lesson_observers > 1
                and row.lesson_average is not None else "")
        return name, check_summary(name, row.checks) or "未查阅"

    # ---- a teacher's semester ----
    def summary(self, log: TeacherObservationLog) -> list[Flowable]:
        q, t, lbl = log.quota, self.text, self.label
        rows = [[lbl("教师"), t(q.teacher), lbl("职务"), t("、".join(q.roles))],
                [lbl("应听节数"), t(str(q.required)), lbl("已听节数"), t(f"{q.observed}（{'已完成' if q.observed >= q.required else f'尚差{q.missing}节'}）")],
                [lbl("被听节数"), t(str(q.observed_by_others)), lbl("学期"), t(log.semester.label_zh)]]
        small = self.form.small
        observed = [[t(str(i), small), t(f"{r.date:%Y-%m-%d}", small), t(str(r.period), small), t(r.taught.name, small),
                     t(r.subject, small), t(r.class_name, small), t(r.topic, small), t(r.lesson_type, small),
                     t(_score_text(r), small)] for i, r in enumerate(log.observed, 1)]
        observed_in = [[t(str(i), small), t(f"{r.date:%Y-%m-%d}", small), t(str(r.period), small),
                        t(r.observer.name, small), t(r.subject, small), t(r.class_name, small), t(r.topic, small),
                        t(r.lesson_type, small), t(_score_text(r), small)] for i, r in enumerate(log.observed_in, 1)]
        widths = [10 * mm, 21 * mm, 10 * mm, 18 * mm, 16 * mm, 24 * mm, WIDTH - 139 * mm, 16 * mm, 24 * mm]
        return [
            *self.form.heading(SUMMARY_TITLE, self.subtitle),
            self.form.grid(rows, [LABEL, HALF, LABEL, HALF]), Spacer(0, 5 * mm),
            self.text("一、听课记录", self.form.sign_style), Spacer(0, 2 * mm),
            self.form.listing(("序号", "日期", "节次", "执教者", "学科", "班级", "课题", "课型", "评价"), observed,
                              widths, empty="本学期尚无听课记录"),
            Spacer(0, 5 * mm), self.text("二、被听课记录", self.form.sign_style), Spacer(0, 2 * mm),
            self.form.listing(("序号", "日期", "节次", "听课人", "学科", "班级", "课题", "课型", "评价"), observed_in,
                              widths, empty="本学期无人听课"),
            Spacer(0, 8 * mm), KeepTogether([self.form.signatures(TEACHER_SIGN, DEAN_SIGN)]),
        ]


def _score_text(row: ObservationRow) -> str:
    return f"{row.total:g}分 {row.grade}" if row.scored else "未评分"


def _at_least(cell: Flowable, width: float, minimum: float) -> float:
    return max(minimum, cell.wrap(width - 12, 10_000)[1] + 8)


def _write(path: Path, title: str, school_name: str, semester_label: str, build: Callable[[_Writer], list[Flowable]],
           font_path: str | Path | None, printed: date | None) -> PdfResult:
    return write_pdf(path, title=title, author=school_name, font_path=font_path, printed=printed,
                     build=lambda form: build(_Writer(form, school_name, semester_label)))


def write_observation_pdf(path: Path, sheet: ObservationSheet, *, font_path: str | Path | None = None,
                          printed: date | None = None) -> PdfResult:
    o = sheet.observation
    rubric = o.rubric  # an observation kept without scores prints the shipped form's items, empty
    return _write(path, f"{TITLE} {o.taught.name} {o.topic}", sheet.school_name, sheet.semester.label_zh,
                  lambda w: w.observation(o, rubric or HUNDRED_POINT, sheet.taught_signature), font_path, printed)


def write_blank_observation_pdf(path: Path, blank: BlankObservationForm, *, font_path: str | Path | None = None,
                                printed: date | None = None) -> PdfResult:
    label = blank.semester.label_zh if blank.semester else ""
    return _write(path, f"{TITLE}（空白）", blank.school_name, label,
                  lambda w: w.observation(None, blank.rubric, blank.taught_signature), font_path, printed)


def write_teacher_summary_pdf(path: Path, log: TeacherObservationLog, *, font_path: str | Path | None = None,
                              printed: date | None = None) -> PdfResult:
    return _write(path, f"{SUMMARY_TITLE} {log.quota.teacher} {log.semester.label_zh}", log.school_name,
                  log.semester.label_zh, lambda w: w.summary(log), font_path, printed)


# ---- the workbook ---------------------------------------------------------------------------------------------

def observation_sheets(book: ObservationBook) -> list[Sheet]:
    label = book.semester.label_zh
    observations = Sheet(name="听课记录", title=f"{book.school_name}听课记录（{label}）",
                         rows=list(enumerate(book.observations, 1)), columns=(
        Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
        Column(label="日期", value=lambda r: r[1].date, kind=DATE, width=12),
        Column(label="节次", value=lambda r: r[1].period, kind=NUMBER, width=6),
        Column(label="听课人", value=lambda r: r[1].observer.name), Column(label="执教者", value=lambda r: r[1].taught.name),
        Column(label="学科", value=lambda r: r[1].subject), Column(label="班级", value=lambda r: r[1].class_name),
        Column(label="课题", value=lambda r: r[1].topic, width=24), Column(label="课型", value=lambda r: r[1].lesson_type),
        Column(label="听课类型", value=lambda r: r[1].kind),
        Column(label="评价表", value=lambda r: r[1].rubric.name if r[1].rubric else "", width=20),
        Column(label="总分", value=lambda r: r[1].total, kind=NUMBER, width=8),
        Column(label="满分", value=lambda r: r[1].scored.maximum if r[1].scored else None, kind=NUMBER, width=8),
        Column(label="等级", value=lambda r: r[1].grade, width=8),
        Column(label="本节平均分", value=lambda r: r[1].lesson_average if r[1].lesson_observers > 1 else None,
               kind=NUMBER, width=10),
        *(Column(label=name, value=lambda r, name=name: check_summary(name, r[1].checks), width=30)
          for name in ("平时备课", "作业批改", "查阅记录")),
        Column(label="亮点", value=lambda r: r[1].highlights, width=30),
        Column(label="建议", value=lambda r: r[1].suggestions, width=30),
    ))
    quotas = Sheet(name="听课统计", title=f"{book.school_name}听课统计（{label}）",
                   rows=list(enumerate(book.quotas, 1)), columns=(
        Column(label="序号", value=lambda r: r[0], kind=NUMBER, width=6),
        Column(label="教师", value=lambda r: r[1].teacher), Column(label="职务", value=lambda r: "、".join(r[1].roles)),
        Column(label="应听节数", value=lambda r: r[1].required, kind=NUMBER, width=10),
        Column(label="已听节数", value=lambda r: r[1].observed, kind=NUMBER, width=10),
        Column(label="尚差节数", value=lambda r: r[1].missing, kind=NUMBER, width=10),
        Column(label="被听节数", value=lambda r: r[1].observed_by_others, kind=NUMBER, width=10),
        Column(label="完成情况", value=lambda r: "已完成" if r[1].observed >= r[1].required else
               ("进度落后" if r[1].behind else "进行中"), width=10),
    ))
    return [observations, quotas]


def write_observations_xlsx(path: Path, book: ObservationBook, *, filled_on: date | None = None) -> WorkbookResult:
    return write_workbook(path, observation_sheets(book), school_name=book.school_name, filled_on=filled_on)


__all__: Sequence[str] = ["PdfResult", "observation_sheets", "write_blank_observation_pdf", "write_observation_pdf",
                          "write_observations_xlsx", "write_teacher_summary_pdf"]
