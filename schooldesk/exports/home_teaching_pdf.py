"""The printed 送教上门 documents: one visit on one page, a child's semester log, and a blank visit form.

A4, the font embedded, boxed fields, signature lines for the teachers and the guardian, and
"第 N 页 / 共 M 页" on every page. The blank form is the visit form with nothing filled in but the school,
the child and the teachers, so what a teacher fills in by hand and what the app prints look alike.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, KeepInFrame, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from schooldesk.domain.home_teaching import BEHIND, CONTENT_KINDS, MET, hours_text, lesson_periods
from schooldesk.exports.files import write_atomically
from schooldesk.exports.pdf_fonts import PdfFonts, choose_fonts
from schooldesk.services.home_teaching import HomeTeachingLog, VisitRow

# ---- the bureau's wording, in one place -----------------------------------------------------------------
VISIT_TITLE = "送教上门记录表"
LOG_TITLE = "送教上门学期记录"
TEACHERS_SIGN = "送教教师签名："
GUARDIAN_SIGN = "家长（监护人）签名："
SCHOOL_SIGN = "学校审核意见（盖章）："
SIGN_DATE = "日期："
SIGN_BLANK_DATE = "　　　年　　月　　日"
BLANK_DATE = "　　　　年　　月　　日"
BLANK_TIME = "　　时　　分 至 　　时　　分，共　　课时"
TICKED, UNTICKED = "■", "□"
MAX_LOG_TEXT = 120  # characters of a visit's content in the log's table; the full text is on its own page

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
LABEL = 26 * mm
GRID = colors.HexColor("#333333")
SHADE = colors.HexColor("#EFEFEF")


@dataclass(frozen=True)
class PdfResult:
    """What the clerk should know about a written PDF."""

    path: Path
    pages: int
    embedded: bool  # False: STSong-Light, not embedded; the bureau's PC may show another font
    missing: tuple[str, ...]  # characters no font could draw (shown as □)


def zh_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


class _Styles:
    def __init__(self, fonts: PdfFonts) -> None:
        font = fonts.main.name
        self.title = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
        self.subtitle = ParagraphStyle("subtitle", fontName=font, fontSize=10.5, leading=15, alignment=TA_CENTER)
        self.label = ParagraphStyle("label", fontName=font, fontSize=10.5, leading=14, alignment=TA_CENTER,
                                    wordWrap="CJK")
        self.cell = ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
        self.small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
        self.sign = ParagraphStyle("sign", fontName=font, fontSize=11, leading=16)


class _Writer:
    """Builds one document's flowables; ``text()`` routes every string through the font check."""

    def __init__(self, log: HomeTeachingLog, fonts: PdfFonts, printed: date) -> None:
        self.log, self.fonts, self.styles, self.printed = log, fonts, _Styles(fonts), printed

    def text(self, value: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(self.fonts.markup(value).replace("\n", "<br/>"), style or self.styles.cell)

    def label(self, value: str) -> Paragraph:
        return self.text(value, self.styles.label)

    def heading(self, title: str) -> list[Flowable]:
        sub = f"{self.log.school_name}　　{self.log.semester.label_zh}"
        return [self.text(title, self.styles.title), Spacer(0, 2 * mm), self.text(sub, self.styles.subtitle),
                Spacer(0, 4 * mm)]

    def grid(self, rows: list[list[Any]], widths: Sequence[float], spans: Sequence[tuple[int, int]] = (),
             heights: Sequence[float | None] | None = None) -> Table:
        """A form: shaded labels in columns 0 and 2, values beside them; rows in *spans* are one wide value."""
        table = Table(rows, colWidths=list(widths), rowHeights=heights)
        style = [
            *self.base_style(),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ]
        style += [("BACKGROUND", (2, r), (2, r), SHADE) for r in range(len(rows)) if (r, 1) not in spans]
        style += [("SPAN", (1, r), (3, r)) for r, _ in spans]
        style += [("VALIGN", (1, r), (1, r), "TOP") for r, _ in spans]  # room below to write or read on
        table.setStyle(TableStyle(style))
        return table

    def listing(self, rows: list[list[Any]], widths: Sequence[float], *, one_line_note: bool = False) -> Table:
        """A table with a shaded header row repeated on every page; *one_line_note*: row 1 is one wide cell."""
        table = Table(rows, colWidths=list(widths), repeatRows=1)
        table.setStyle(TableStyle([
            *self.base_style(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            *([("SPAN", (0, 1), (-1, 1))] if one_line_note else []),
        ]))
        return table

    def child_rows(self) -> tuple[list[list[Any]], list[tuple[int, int]]]:
        c, t, lbl = self.log.child, self.text, self.label
        rows = [
            [lbl("学生姓名"), t(c.name), lbl("性别"), t(c.gender)],
            [lbl("出生日期"), t(zh_date(c.birth_date)), lbl("年级班级"), t(c.class_name)],
            [lbl("残疾类别"), t(c.disability), lbl("监护人"), t(c.guardian)],
            [lbl("联系电话"), t(c.guardian_phone), lbl("家庭住址"), t(c.address)],
        ]
        return rows, []

    def base_style(self) -> list[tuple[Any, ...]]:
        """Grid lines, and the document font even for empty cells (else reportlab names Helvetica)."""
        return [("GRID", (0, 0), (-1, -1), 0.7, GRID), ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name)]

    def signatures(self, *who: str) -> Table:
        """A line to sign on and a date to fill in, per signer."""
        sign = self.styles.sign
        rows = [[self.text(w, sign), "", self.text(SIGN_DATE, sign), self.text(SIGN_BLANK_DATE, sign)] for w in who]
        table = Table(rows, colWidths=[48 * mm, 50 * mm, 20 * mm, WIDTH - 118 * mm], rowHeights=[15 * mm] * len(rows))
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name),
            ("LINEBELOW", (1, 0), (1, -1), 0.7, GRID), ("LEFTPADDING", (2, 0), (2, -1), 6 * mm),
        ]))
        return table

    def kinds_paragraph(self, ticked: Sequence[str], then: str = "") -> Paragraph:
        """The content kinds as tick boxes (□ is small in most fonts: drawn larger), then free text."""
        boxes = "&nbsp;&nbsp;".join(
            f'<font size="14">{TICKED if k in ticked else UNTICKED}</font>{self.fonts.markup(k)}' for k in CONTENT_KINDS)
        rest = self.fonts.markup(then).replace("\n", "<br/>")
        return Paragraph(boxes + ("<br/>" + rest if rest else ""), self.styles.cell)

    # ---- one visit, or the blank form ----
    def visit_form(self, visit: VisitRow | None) -> list[Flowable]:
        t, lbl, log = self.text, self.label, self.log
        rows, spans = self.child_rows()
        values = _visit_values(visit, log.rule.minutes_per_period) if visit else None
        teachers = visit.teacher_names if visit else log.plan.teacher_names
        first = len(rows)
        rows += [
            [lbl("送教日期"), t(values["date"] if values else BLANK_DATE), lbl("送教时间"),
             t(values["time"] if values else BLANK_TIME, self.styles.small if not values else None)],
            [lbl("送教教师"), t(teachers), "", ""],
            [lbl("送教内容"), self.kinds_paragraph(visit.content_kinds if visit else (), visit.content if visit else ""),
             "", ""],
            [lbl("学生表现"), t(visit.performance if visit else ""), "", ""],
            [lbl("家长反馈"), t(visit.guardian_feedback if visit else ""), "", ""],
            [lbl("下一步计划"), t(visit.next_steps if visit else ""), "", ""],
        ]
        spans += [(r, 1) for r in range(first + 1, len(rows))]
        photos = _photo_row(visit, self.fonts.main.name)
        # The writing boxes keep a form's proportions whether filled in or not; long text makes them grow.
        boxes = (40, 22, 20, 18) if photos is not None else (62, 32, 26, 22)
        heights: list[float | None] = [None] * (first + 2) + [
            _at_least(rows[first + 2 + i][1], (WIDTH - LABEL), h * mm) for i, h in enumerate(boxes)]
        if photos is not None:
            rows.append([lbl("佐证照片"), photos, "", ""])
            spans.append((len(rows) - 1, 1))
            heights.append(None)
        widths = [LABEL, (WIDTH - 2 * LABEL) / 2, LABEL, (WIDTH - 2 * LABEL) / 2]
        body = [*self.heading(VISIT_TITLE), self.grid(rows, widths, spans, heights), Spacer(0, 6 * mm),
                self.signatures(TEACHERS_SIGN, GUARDIAN_SIGN)]
        return [KeepInFrame(WIDTH, A4[1] - 2 * MARGIN - 12 * mm, body, mode="shrink")]

    # ---- the semester log ----
    def semester_log(self) -> list[Flowable]:
        t, lbl, log = self.text, self.label, self.log
        rows, spans = self.child_rows()
        first = len(rows)
        plan = log.plan
        visits_required = sum(m.required_visits for m in log.months)
        minutes = sum(v.minutes for v in log.visits)
        periods_required = sum(m.required_periods for m in log.months)
        past = [m for m in log.months if m.state(self.printed) in (MET, BEHIND)]
        periods = sum(lesson_periods(v.minutes, m.rule.minutes_per_period)
                      for m in log.months for v in log.visits if v.date.replace(day=1) == m.month)
        rows += [
            [lbl("送教教师"), t(plan.teacher_names), lbl("计划期间"), t(f"{zh_date(plan.start_date)}至{zh_date(plan.end_date)}")],
            [lbl("送教目标"), self.kinds_paragraph(plan.goals, plan.goal_notes), "", ""],
            [lbl("送教安排"), t(plan.schedule), "", ""],
            [lbl("送教要求"), t(log.rule.label_zh), "", ""],
            [lbl("完成情况"), t(
                f"送教{len(log.visits)}次（要求{visits_required}次），累计{hours_text(minutes)}，"
                f"合{periods:g}课时（要求{periods_required}课时）；"
                f"已过去的{len(past)}个月中{sum(1 for m in past if m.met)}个月达到要求。"), "", ""],
        ]
        spans += [(r, 1) for r in range(first + 1, len(rows))]
        widths = [LABEL, (WIDTH - 2 * LABEL) / 2, LABEL, (WIDTH - 2 * LABEL) / 2]
        month_rows = [[lbl(h) for h in ("月份", "要求次数", "实际次数", "课时（实际/要求）", "是否达标")]] + [
            [t(m.label), t(str(m.required_visits)), t(str(m.visits)), t(f"{m.periods:g} / {m.required_periods}"),
             t(m.verdict_zh(self.printed))]
            for m in log.months
        ]
        small = self.styles.small
        visit_rows = [[lbl(h) for h in ("序号", "日期", "时间", "时长", "送教教师", "送教内容", "家长签名")]] + [
            [t(str(i), small), t(f"{v.date:%Y-%m-%d}", small), t(v.time_text, small), t(f"{v.minutes}分钟", small),
             t(v.teacher_names, small), t(_shorten("、".join(v.content_kinds) + "：" + v.content), small), ""]
            for i, v in enumerate(log.visits, 1)
        ]
        if not log.visits:
            visit_rows.append([t("本学期尚无送教记录"), "", "", "", "", "", ""])
        visit_widths = [12 * mm, 23 * mm, 25 * mm, 15 * mm, 25 * mm, WIDTH - 120 * mm, 20 * mm]
        month_table = self.listing(month_rows, [WIDTH / 5] * 5)
        visit_table = self.listing(visit_rows, visit_widths, one_line_note=not log.visits)
        return [
            *self.heading(LOG_TITLE), self.grid(rows, widths, spans), Spacer(0, 5 * mm),
            self.text("一、逐月完成情况", self.styles.sign), Spacer(0, 2 * mm), month_table, Spacer(0, 5 * mm),
            self.text("二、送教记录", self.styles.sign), Spacer(0, 2 * mm), visit_table, Spacer(0, 8 * mm),
            KeepTogether([self.signatures(TEACHERS_SIGN, GUARDIAN_SIGN, SCHOOL_SIGN)]),
        ]


def _visit_values(visit: VisitRow, minutes_per_period: int) -> dict[str, str]:
    return {
        "date": zh_date(visit.date),
        "time": f"{visit.time_text}（{hours_text(visit.minutes)}，{lesson_periods(visit.minutes, minutes_per_period):g}课时）",
    }


def _at_least(cell: Flowable, width: float, minimum: float) -> float:
    """The row height that fits *cell* (with the table's 4 pt paddings) but is never below *minimum*."""
    _, needed = cell.wrap(width - 12, 10_000)
    return max(minimum, needed + 8)


def _photo_row(visit: VisitRow | None, font: str) -> Table | None:
    """Up to two photos side by side, 45 mm high; a missing file is left out rather than failing the print."""
    if visit is None:
        return None
    images = []
    for photo in visit.photos:
        if len(images) == 2 or not photo.path.is_file():
            continue
        image = Image(str(photo.path))
        scale = min(62 * mm / image.imageWidth, 45 * mm / image.imageHeight)
        image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
        images.append(image)
    if not images:
        return None
    row = Table([images], colWidths=[66 * mm] * len(images))
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), font)]))
    return row


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_LOG_TEXT else text[:MAX_LOG_TEXT - 1] + "…"


def _numbered_canvas(fonts: PdfFonts, school: str, printed: date) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say how many pages there are."""
    footer_left = fonts.plain(school)

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(fonts.main.name, 9)
                self.setFillColor(colors.HexColor("#444444"))
                self.drawString(MARGIN, 10 * mm, footer_left)
                self.drawCentredString(A4[0] / 2, 10 * mm, f"第 {number} 页 / 共 {total} 页")
                self.drawRightString(A4[0] - MARGIN, 10 * mm, f"打印日期：{printed:%Y-%m-%d}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _write(path: Path, log: HomeTeachingLog, title: str, build: Callable[[_Writer], list[Flowable]],
           font_path: str | Path | None, printed: date | None) -> PdfResult:
    fonts = choose_fonts(font_path)
    printed = printed or date.today()
    writer = _Writer(log, fonts, printed)
    story = build(writer)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        title=f"{title} {log.child.name} {log.semester.label_zh}", author=log.school_name, creator="SchoolDesk",
        initialFontName=fonts.main.name,  # else an unused, unembedded Helvetica is listed
    )
    doc.build(story, canvasmaker=_numbered_canvas(fonts, log.school_name, printed))
    data = buffer.getvalue()
    write_atomically(path, lambda partial: partial.write_bytes(data))
    return PdfResult(path, doc.page, fonts.embedded, tuple(sorted(fonts.missing)))


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
