"""A sheet declared for Excel, printed: the same columns as a landscape A4 listing in the bureau's look.

Several sheets make one document with a cover, a table of contents and a part per sheet.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer

from schooldesk.exports.pdf_form import PdfForm, PdfResult, write_pdf, zh_date
from schooldesk.exports.sheets import FOOTER, Sheet, cell_value

FONT_SIZES = (9, 8, 7)
PADDING = 14  # points: the cell's paddings and a little air
SHORT = 100  # points: up to this a column gets all it needs (an 18-digit ID number fits)
NUMBER = re.compile(r"[0-9A-Za-z*+\-.:/()（）]{5,}")  # a phone, ID or student number, a date: never broken


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _widths(font: str, sheet: Sheet, total: float, values: list[list[str]]) -> tuple[list[float], float]:
    """Column widths and a font size: short values (names, dates) get the width to stay on one line, and a
    number (phone, ID, date) never breaks even when most of its column says 未填; long text shares what is
    left in proportion to how long it runs (a column of long notes gets more than one of short ones) and
    wraps; headers may take three lines. A register with many columns is set smaller (down to 7 pt) before
    a number would have to break."""
    typical, numbers, longest = [], [], []
    for index, column in enumerate(sheet.columns):
        cells = sorted((row[index] for row in values), key=len)
        sample = cells[int(len(cells) * 0.9)] if cells else ""
        head = column.label[:-(-len(column.label) // 3)]  # a header may take three lines
        typical.append(max((sample, head, "两字"), key=lambda t: stringWidth(t, font, 10)))
        numbers.append(max((c for c in cells if NUMBER.fullmatch(c)), key=len, default=""))
        longest.append(cells[-1] if cells else "")
    for size in FONT_SIZES:
        unbreakable = [stringWidth(n, font, size) + PADDING if n else 0 for n in numbers]
        needs = [max(stringWidth(t, font, size) + PADDING, u,
                     min(stringWidth(w, font, size) / 4, 4 * stringWidth(t, font, size)) + PADDING)
                 for t, u, w in zip(typical, unbreakable, longest)]
        fixed = [max(min(n, SHORT), u) for n, u in zip(needs, unbreakable)]
        if sum(fixed) <= total:
            break
    if sum(fixed) >= total:
        return [f * total / sum(fixed) for f in fixed], size
    spare, extra = total - sum(fixed), [n - f for n, f in zip(needs, fixed)]
    if sum(extra) > spare:
        return [f + e * spare / sum(extra) for f, e in zip(fixed, extra)], size
    return [n * total / sum(needs) for n in needs], size


def sheet_flowables(form: PdfForm, sheet: Sheet, *, school_name: str, subtitle: str, part: bool = False
                    ) -> list[Flowable]:
    values = [[_text(cell_value(c, row)) for c in sheet.columns] for row in sheet.rows]
    title = sheet.title or f"{school_name}{sheet.name}"
    heading = [form.part(title), Spacer(0, 2 * mm), form.text(subtitle, form.subtitle_style), Spacer(0, 4 * mm)] \
        if part else form.heading(title, subtitle)
    widths, size = _widths(form.fonts.main.name, sheet, form.width, values)
    return [*heading, form.listing([c.label for c in sheet.columns], values, widths, size=size),
            Spacer(0, 8 * mm), form.text(FOOTER, form.sign_style)]


def write_sheets_pdf(path: Path, sheets: Sequence[Sheet], *, school_name: str, title: str, period: str,
                     font_path: str | Path | None = None, printed: date | None = None, cover: bool = True
                     ) -> PdfResult:
    """One sheet as a listing; several one after another, with a cover page (school, *period*, date, seal)
    and contents unless *cover* is False."""
    printed = printed or date.today()
    subtitle = f"填报单位（盖章）：{school_name}　　{period}　　填报时间：{zh_date(printed)}"

    def build(form: PdfForm) -> list[Flowable]:
        if len(sheets) == 1 or not cover:
            story = []
            for sheet in sheets:
                story += sheet_flowables(form, sheet, school_name=school_name, subtitle=subtitle)
                story.append(Spacer(0, 10 * mm))
            return story
        story = [*form.cover(title, (school_name, period, zh_date(printed)), "校长签名：", "填表人："),
                 *form.contents()]
        for index, sheet in enumerate(sheets):
            if index:
                story.append(PageBreak())
            story += sheet_flowables(form, sheet, school_name=school_name, subtitle=subtitle, part=True)
        return story

    return write_pdf(path, title=f"{school_name}{title} {period}", author=school_name, build=build,
                     font_path=font_path, printed=printed, header=f"{school_name}　{period}", wide=True)
