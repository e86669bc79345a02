"""A work summary as an editable Word document (python-docx; opens in Word, WPS and LibreOffice): the title,
the skeleton's headings numbered 一、二、…, paragraphs indented two characters, small tables, the prompts the
clerk completes in yellow, and the school and date at the foot."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from schooldesk.exports.files import write_atomically
from schooldesk.services.summary_kit import WorkSummary

NUMBERS = "一二三四五六七八九十"
BODY_FONT, HEADING_FONT, TITLE_FONT = "宋体", "黑体", "方正小标宋简体"


def _font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)  # Word takes Chinese text's font from here, not from font.name


def _paragraph(document: Any, text: str, *, indent: bool = True, prompt: bool = False) -> Any:
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(28)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters of 14 pt
    run = paragraph.add_run(text)
    _font(run, BODY_FONT, 14)
    if prompt:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def _table(document: Any, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 12, bold=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 12)


def summary_document(summary: WorkSummary, *, written: date | None = None) -> Any:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    document.core_properties.title = summary.title
    document.core_properties.author = summary.school_name
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    _font(title.add_run(summary.title), TITLE_FONT, 20, bold=True)
    for number, part in enumerate(summary.sections):
        heading = document.add_paragraph()
        heading.paragraph_format.first_line_indent = Pt(28)
        heading.paragraph_format.space_before = Pt(6)
        _font(heading.add_run(f"{NUMBERS[number]}、{part.heading}"), HEADING_FONT, 14, bold=True)
        for text in part.paragraphs:
            _paragraph(document, text)
        if part.table is not None and part.table.rows:
            _table(document, part.table.header, part.table.rows)
        for text in part.prompts:
            _paragraph(document, text, prompt=True)
    day = written or date.today()
    for text in (summary.school_name, f"{day.year}年{day.month}月{day.day}日"):
        foot = _paragraph(document, text, indent=False)
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document


def write_summary_docx(path: Path, summary: WorkSummary, *, written: date | None = None) -> Path:
    """Written whole or not at all (a stick pulled out mid-write leaves the old file)."""
    document = summary_document(summary, written=written)
    return write_atomically(path, lambda target: document.save(str(target)))
