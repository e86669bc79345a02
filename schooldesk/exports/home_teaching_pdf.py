"""The printed 送教上门 documents: one visit on one page, a child's semester log, and a blank visit form.

A4, the font embedded, boxed fields, signature lines for the teachers and the guardian, and
"第 N 页 / 共 M 页" on every page. The blank form is the visit form with nothing filled in but the school,
the child and the teachers, so what a teacher fills in by hand and what the app prints look alike.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, Spacer, Table

from schooldesk.domain.home_teaching import CONTENT_KINDS, hours_text
from schooldesk.exports.pdf_form import MARGIN, PdfForm, PdfResult, page_width, write_pdf, zh_date
from schooldesk.services.home_teaching import VisitRow
from schooldesk.services.home_teaching_log import HomeTeachingLog

__all__ = ["PdfResult", "write_blank_form_pdf", "write_semester_log_pdf", "write_visit_pdf"]

# ---- the bureau's wording, in one place -----------------------------------------------------------------
VISIT_TITLE = "送教上门记录表"
LOG_TITLE = "送教上门学期记录"
TEACHERS_SIGN = "送教教师签名："
GUARDIAN_SIGN = "家长（监护人）签名："
SCHOOL_SIGN = "学校审核意见（盖章）："
BLANK_DATE = "　　　　年　　月　　日"
BLANK_TIME = "　　时　　分 至 　　时　　分，共　　课时"
MAX_LOG_TEXT = 120  # characters of a visit's content in the log's table; the full text is on its own page

WIDTH = page_width()
LABEL = 26 * mm


class _Writer:
    """The 送教上门 documents, drawn with the kit's form pieces."""

    def __init__(self, log: HomeTeachingLog, form: PdfForm, printed: date) -> None:
        self.log, self.form, self.printed = log, form, printed
        self.text, self.label = form.text, form.label

    def heading(self, title: str) -> list[Flowable]:
        return self.form.heading(title, f"{self.log.school_name}　　{self.log.semester.label_zh}")

    def child_rows(self) -> tuple[list[list[Any]], list[tuple[int, int]]]:
        c, t, lbl = self.log.child, self.text, self.label
        rows = [
            [lbl("学生姓名"), t(c.name), lbl("性别"), t(c.gender)],
            [lbl("出生日期"), t(zh_date(c.birth_date)), lbl("年级班级"), t(c.class_name)],
            [lbl("残疾类别"), t(c.disability), lbl("监护人"), t(c.guardian)],
            [lbl("联系电话"), t(c.guardian_phone), lbl("家庭住址"), t(c.address)],
        ]
        return rows, []

    def kinds(self, ticked: Sequence[str], then: str = "") -> list[Flowable]:
        """The content kinds as drawn tick boxes, then free text."""
        return [self.form.ticks(CONTENT_KINDS, ticked), *([self.text(then)] if then else [])]

    # ---- one visit, or the blank form ----
    def visit_form(self, visit: VisitRow | None) -> list[Flowable]:
        t, lbl, log = self.text, self.label, self.log
        rows, spans = self.child_rows()
        values = _visit_values(visit, log.visit_periods(visit)) if visit else None
        teachers = visit.teacher_names if visit else log.plan.teacher_names
        first = len(rows)
        rows += [
            [lbl("送教日期"), t(values["date"] if values else BLANK_DATE), lbl("送教时间"),
             t(values["time"] if values else BLANK_TIME, self.form.small if not values else None)],
            [lbl("送教教师"), t(teachers), "", ""],
            [lbl("送教内容"), self.kinds(visit.content_kinds if visit else (), visit.content if visit else ""),
             "", ""],
            [lbl("学生表现"), t(visit.performance if visit else ""), "", ""],
            [lbl("家长反馈"), t(visit.guardian_feedback if visit else ""), "", ""],
            [lbl("下一步计划"), t(visit.next_steps if visit else ""), "", ""],
        ]
        spans += [(r, 1) for r in range(first + 1, len(rows))]
        photos = _photo_row(self.form, visit)
        # The writing boxes keep a form's proportions whether filled in or not; long text makes them grow.
        boxes = (40, 22, 20, 18) if photos is not None else (62, 32, 26, 22)
        heights: list[float | None] = [None] * (first + 2) + [
            _at_least(rows[first + 2 + i][1], (WIDTH - LABEL), h * mm) for i, h in enumerate(boxes)]
        if photos is not None:
            rows.append([lbl("佐证照片"), photos, "", ""])
            spans.append((len(rows) - 1, 1))
            heights.append(None)
        widths = [LABEL, (WIDTH - 2 * LABEL) / 2, LABEL, (WIDTH - 2 * LABEL) / 2]
        body = [*self.heading(VISIT_TITLE), self.form.grid(rows, widths, spans, heights), Spacer(0, 6 * mm),
                self.form.signatures(TEACHERS_SIGN, GUARDIAN_SIGN)]
        return [KeepInFrame(WIDTH, A4[1] - 2 * MARGIN - 12 * mm, body, mode="shrink")]

    # ---- the semester log ----
    def semester_log(self) -> list[Flowable]:
        t, lbl, log = self.text, self.label, self.log
        rows, spans = self.child_rows()
        first = len(rows)
        plan = log.plan
        figures = log.standing(self.printed)
        short_note = f"，其中{figures.short_visits}次不足{log.rule.periods_per_visit}课时" if figures.short_visits else ""
        rows += [
            [lbl("送教教师"), t(plan.teacher_names), lbl("计划期间"), t(f"{zh_date(plan.start_date)}至{zh_date(plan.end_date)}")],
            [lbl("送教目标"), self.kinds(plan.goals, plan.goal_notes), "", ""],
            [lbl("送教安排"), t(plan.schedule), "", ""],
            [lbl("送教要求"), t(log.rule.label_zh), "", ""],
            [lbl("完成情况"), t(
                f"送教{figures.visits}次{short_note}（要求{figures.required_visits}次），"
                f"累计{hours_text(figures.minutes)}，合{figures.periods:g}课时（要求{figures.required_periods}课时）；"
                f"{figures.months_sentence}。"), "", ""],
        ]
        spans += [(r, 1) for r in range(first + 1, len(rows))]
        widths = [LABEL, (WIDTH - 2 * LABEL) / 2, LABEL, (WIDTH - 2 * LABEL) / 2]
        small = self.form.small
        month_rows = [
            [m.label, str(m.required_visits), m.visits_zh, f"{m.periods:g} / {m.required_periods}",
             m.verdict_zh(self.printed)]
            for m in log.months
        ]
        visit_rows = [
            [t(str(i), small), t(f"{v.date:%Y-%m-%d}", small), t(v.time_text, small), t(f"{v.minutes}分钟", small),
             t(v.teacher_names, small), t(_shorten("、".join(v.content_kinds) + "：" + v.content), small), ""]
            for i, v in enumerate(log.visits, 1)
        ]
        visit_widths = [12 * mm, 23 * mm, 25 * mm, 15 * mm, 25 * mm, WIDTH - 120 * mm, 20 * mm]
        month_table = self.form.listing(("月份", "要求次数", "实际次数", "课时（实际/要求）", "是否达标"), month_rows,
                                        [WIDTH * f for f in (0.17, 0.14, 0.3, 0.2, 0.19)])
        visit_table = self.form.listing(("序号", "日期", "时间", "时长", "送教教师", "送教内容", "家长签名"), visit_rows,
                                        visit_widths, empty="本学期尚无送教记录")
        return [
            *self.heading(LOG_TITLE), self.form.grid(rows, widths, spans), Spacer(0, 5 * mm),
            self.text("一、逐月完成情况", self.form.sign_style), Spacer(0, 2 * mm), month_table, Spacer(0, 5 * mm),
            self.text("二、送教记录", self.form.sign_style), Spacer(0, 2 * mm), visit_table, Spacer(0, 8 * mm),
            KeepTogether([self.form.signatures(TEACHERS_SIGN, GUARDIAN_SIGN, SCHOOL_SIGN)]),
        ]


def _visit_values(visit: VisitRow, periods: float) -> dict[str, str]:
    return {
        "date": zh_date(visit.date),
        "time": f"{visit.time_text}（{hours_text(visit.minutes)}，{periods:g}课时）",
    }


def _at_least(cell: Flowable | list[Flowable], width: float, minimum: float) -> float:
    """The row height that fits *cell* (with the table's 4 pt paddings) but is never below *minimum*."""
    cells = cell if isinstance(cell, list) else [cell]
    needed = sum(c.wrap(width - 12, 10_000)[1] for c in cells)
    return max(minimum, needed + 8)


def _photo_row(form: PdfForm, visit: VisitRow | None) -> Table | None:
    """Up to two photos side by side, 45 mm high; a missing file is left out rather than failing the print."""
    if visit is None:
        return None
    found = [(p.path, "") for p in visit.photos if p.path.is_file()][:2]
    return form.photos(found, per_row=2, row_height=None, height=45 * mm, cell_width=66 * mm) if found else None


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_LOG_TEXT else text[:MAX_LOG_TEXT - 1] + "…"


def _write(path: Path, log: HomeTeachingLog, title: str, build: Callable[[_Writer], list[Flowable]],
           font_path: str | Path | None, printed: date | None) -> PdfResult:
    printed = printed or date.today()
    return write_pdf(path, title=f"{title} {log.child.name} {log.semester.label_zh}", author=log.school_name,
                     build=lambda form: build(_Writer(log, form, printed)), font_path=font_path, printed=printed)


def write_visit_pdf(path: Path, log: HomeTeachingLog, visit_id: int, *, font_path: str | Path | None = None,
                    printed: date | None = None) -> PdfResult:
    """One visit on one A4 page, for the teachers and the guardian to sign."""
    visit = log.visit(visit_id)
    return _write(path, log, VISIT_TITLE, lambda w: w.visit_form(visit), font_path, printed)


def write_blank_form_pdf(path: Path, log: HomeTeachingLog, *, font_path: str | Path | None = None,
                         printed: date | None = None) -> PdfResult:
    """The visit form to fill in by hand at the child's home: school, child and teachers already printed."""
    return _write(path, log, VISIT_TITLE, lambda w: w.visit_form(None), font_path, printed)


def write_semester_log_pdf(path: Path, log: HomeTeachingLog, *, font_path: str | Path | None = None,
                           printed: date | None = None) -> PdfResult:
    """The child's semester: plan, what the rule asked and what was done, every visit, signatures."""
    return _write(path, log, LOG_TITLE, lambda w: w.semester_log(), font_path, printed)
