"""The shared kit for every printed document: A4 forms, listings, tick boxes, signatures, photos, page N / M.

A document is a list of flowables built with a :class:`PdfForm` (which routes every string through the
font check) and written by :func:`write_pdf`, which numbers the pages, embeds the font and returns what
the clerk must be told (a font not embedded, characters no font has) once, with the result.
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
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, Image, PageBreak, PageTemplate, Paragraph, Spacer, TableStyle,
)

from schooldesk.domain.collection import collector_paused
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.exports.files import write_atomically
from schooldesk.exports.pdf_contents import Contents, ContentsStart
from schooldesk.exports.pdf_text import KitTable as Table
from schooldesk.exports.pdf_text import KitParagraph, LineText, is_simple
from schooldesk.exports.pdf_ticks import TickBoxes
from schooldesk.exports.pdf_fonts import PdfFonts, choose_fonts

MARGIN = 18 * mm
FRAME_PADDING = 6  # reportlab's Frame default, on every side
FOOTER_ROOM = 4 * mm  # below the bottom margin's line: the footer (school, page N / M, date printed)
SEAL_HEIGHT = 32 * mm  # the signers and 学校（盖章） with room for the seal
CELL_PADDING = 6  # reportlab's Table default, left and right
SHORT = 120  # characters: longer texts are Paragraphs from the start (they rarely fit one line)
GRID = colors.HexColor("#333333")
SHADE = colors.HexColor("#EFEFEF")
SIGN_DATE = "日期："
SIGN_BLANK_DATE = "　　　年　　月　　日"
SCHOOL_SEAL = "学校（盖章）："
NOT_EMBEDDED = QT_TRANSLATE_NOOP(
    "Errors", "No Chinese TrueType font was found, so the font is not embedded: another computer may show it in a "
              "different font. Choose a font in Settings.")
MISSING_GLYPHS = QT_TRANSLATE_NOOP(
    "Errors", "The font has no glyph for %1; they are printed as □. Write them in by hand, or choose a font that has "
              "them in Settings (e.g. SimSun-ExtB).")


@dataclass(frozen=True)
class PdfResult:
    """What the clerk should know about a written PDF; *warnings* are shown by whoever asked for it."""

    path: Path
    pages: int
    embedded: bool  # False: STSong-Light, not embedded; the bureau's PC may show another font
    missing: tuple[str, ...]  # characters no font could draw (shown as □)

    @property
    def warnings(self) -> tuple[SchoolDeskError, ...]:
        found = [] if self.embedded else [SchoolDeskError(NOT_EMBEDDED)]
        if self.missing:
            found.append(SchoolDeskError(MISSING_GLYPHS, "".join(self.missing)))
        return tuple(found)


def zh_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _plain(value: Any, width: float) -> Any:
    """A one-line text as the plain string a table draws itself, when it fits a cell *width* wide."""
    if isinstance(value, LineText) and value.one_line and value.text_width <= width - 2 * CELL_PADDING:
        return value.text
    return value


class PdfForm:
    """Builds one document's flowables in the bureau's look: every string goes through the font check."""

    def __init__(self, fonts: PdfFonts, width: float, height: float) -> None:
        self.fonts, self.width, self.height = fonts, width, height  # the frame's (a cover is spaced to fill it)
        font = fonts.main.name
        self.title_style = ParagraphStyle("title", fontName=font, fontSize=18, leading=24, alignment=TA_CENTER)
        self.subtitle_style = ParagraphStyle("subtitle", fontName=font, fontSize=10.5, leading=15, alignment=TA_CENTER)
        self.label_style = ParagraphStyle("label", fontName=font, fontSize=10.5, leading=14, alignment=TA_CENTER,
                                          wordWrap="CJK")
        self.cell_style = ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
        self.small = ParagraphStyle("small", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
        self.sign_style = ParagraphStyle("sign", fontName=font, fontSize=11, leading=16)
        self.caption_style = ParagraphStyle("caption", parent=self.small, alignment=TA_CENTER)
        self.cover_style = ParagraphStyle("cover", fontName=font, fontSize=26, leading=36, alignment=TA_CENTER)

    # ---- text ----
    def text(self, value: str, style: ParagraphStyle | None = None) -> Flowable:
        """A Paragraph in *style*; a short one-font text (a line, or lines with no blank one between) as
        :class:`LineText`, which looks the same and costs a fraction (see exports/pdf_text.py)."""
        style = style or self.cell_style
        lines = value.split("\n") if "\n" in value else None
        if len(value) <= SHORT and is_simple(style) and (self.fonts.has_all(value) if lines is None else (
                all(line.strip(" \t\r") for line in lines) and self.fonts.has_all("".join(lines).replace("\r", "")))):
            return LineText(value, self.fonts.markup, style)
        return KitParagraph(self.fonts.markup(value).replace("\n", "<br/>"), style)

    def cell(self, value: str, style: ParagraphStyle, width: float) -> Any:
        """A table cell's text: the plain string when it fits on one line of *width* (the table draws it
        itself, cheapest of all; set the table's FONTSIZE and LEADING to *style*'s), else :meth:`text`."""
        return _plain(self.text(value, style), width)

    def label(self, value: str) -> Flowable:
        return self.text(value, self.label_style)

    def section(self, value: str) -> list[Flowable]:
        return [self.text(value, self.sign_style), Spacer(0, 2 * mm)]

    def heading(self, title: str, subtitle: str = "") -> list[Flowable]:
        """The title block: the form's name, then school and semester (or what else identifies it)."""
        return [self.text(title, self.title_style), Spacer(0, 2 * mm), self.text(subtitle, self.subtitle_style),
                Spacer(0, 4 * mm)]

    def ticks(self, options: Sequence[str], ticked: Sequence[str]) -> TickBoxes:
        return TickBoxes(options, ticked, self.fonts)

    # ---- tables ----
    def base_style(self) -> list[tuple[Any, ...]]:
        """Grid lines, and the document font even for empty cells (else reportlab names Helvetica)."""
        return [("GRID", (0, 0), (-1, -1), 0.7, GRID), ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name)]

    def grid(self, rows: list[list[Any]], widths: Sequence[float], spans: Sequence[tuple[int, int]] = (),
             heights: Sequence[float | None] | None = None) -> Table:
        """A form of boxed fields: shaded labels in columns 0 and 2, values beside them; rows in *spans* are
        one wide value."""
        rows = self._plain_cells(rows, widths, spans)
        table = Table(rows, colWidths=list(widths), rowHeights=heights)
        style = [
            *self.base_style(),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("FONTSIZE", (0, 0), (-1, -1), self.cell_style.fontSize), ("LEADING", (0, 0), (-1, -1), self.cell_style.leading),
            *(("ALIGN", (c, 0), (c, -1), "CENTER") for c in (0, 2) if c < len(widths)),  # the labels' columns
        ]
        if len(widths) > 2:
            style += [("BACKGROUND", (2, r), (2, r), SHADE) for r in range(len(rows)) if (r, 1) not in spans]
            style += [("SPAN", (1, r), (len(widths) - 1, r)) for r, _ in spans]
        style += [("VALIGN", (1, r), (1, r), "TOP") for r, _ in spans]  # room below to write or read on
        table.setStyle(TableStyle(style))
        return table

    def _plain_cells(self, rows: list[list[Any]], widths: Sequence[float], spans: Sequence[tuple[int, int]]
                     ) -> list[list[Any]]:
        """A grid's one-line labels (columns 0 and 2) and values (1 and 3) as plain strings (see :meth:`cell`)."""
        plain = []
        for r, row in enumerate(rows):
            plain.append(list(row))
            for c, value in enumerate(row):
                if isinstance(value, LineText) and value.style is (self.label_style if c % 2 == 0 else self.cell_style):
                    plain[r][c] = _plain(value, sum(widths[c:]) if (r, c) in spans else widths[c])
        return plain

    def fields(self, pairs: Sequence[tuple[str, str]], *, wide: Sequence[tuple[str, str]] = ()) -> Table:
        """Label/value pairs two to a row, then *wide* ones a row each."""
        label_width = 26 * mm
        value_width = (self.width - 2 * label_width) / 2
        rows: list[list[Any]] = []
        for index in range(0, len(pairs), 2):
            row: list[Any] = []
            for label, value in pairs[index:index + 2]:
                row += [self.label(label), self.text(value)]
            rows.append(row + [""] * (4 - len(row)))
        first = len(rows)
        rows += [[self.label(label), self.text(value), "", ""] for label, value in wide]
        return self.grid(rows, [label_width, value_width, label_width, value_width],
                         [(r, 1) for r in range(first, len(rows))])

    def listing(self, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float], *,
                empty: str = "无", small: bool = False, size: float | None = None) -> Table:
        """A table whose shaded header row repeats on every page it splits across; *empty* when no rows.
        *small* or a font *size*: for listings with many columns."""
        style = self.small if small else self.cell_style
        if size is not None:
            style = ParagraphStyle(f"listing{size}", parent=self.small, fontSize=size, leading=size * 1.35)
        body = [[self.cell(v, style, width) if isinstance(v, str) else v for v, width in zip(row, widths)]
                for row in rows]
        one_line_note = not body
        if one_line_note:
            body = [[self.text(empty)] + [""] * (len(header) - 1)]
        label = self.label_style if size is None else ParagraphStyle(
            f"label{size}", parent=self.label_style, fontSize=size + 0.5, leading=(size + 0.5) * 1.35)
        table = Table([[self.text(h, label) for h in header], *body], colWidths=list(widths), repeatRows=1)
        table.setStyle(TableStyle([
            *self.base_style(), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("FONTSIZE", (0, 1), (-1, -1), style.fontSize), ("LEADING", (0, 1), (-1, -1), style.leading),
            *([("SPAN", (0, 1), (-1, 1))] if one_line_note else []),
        ]))
        return table

    # ---- signatures ----
    def signatures(self, *who: str) -> Table:
        """A line to sign on and a date to fill in, per signer."""
        sign = self.sign_style
        rows = [[self.text(w, sign), "", self.text(SIGN_DATE, sign), self.text(SIGN_BLANK_DATE, sign)] for w in who]
        table = Table(rows, colWidths=[48 * mm, 50 * mm, 20 * mm, self.width - 118 * mm],
                      rowHeights=[15 * mm] * len(rows))
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name),
            ("LINEBELOW", (1, 0), (1, -1), 0.7, GRID), ("LEFTPADDING", (2, 0), (2, -1), 6 * mm),
        ]))
        return table

    def seal_block(self, *who: str) -> Table:
        """Signers side by side, then 学校（盖章） with room for the seal and a date."""
        cells = [self.text(f"{w}________________", self.sign_style) for w in who]
        seal = self.text(f"{SCHOOL_SEAL}\n\n\n{SIGN_BLANK_DATE}", self.sign_style)
        columns = len(cells) + 1
        table = Table([cells + [seal]], colWidths=[self.width / columns] * columns, rowHeights=[SEAL_HEIGHT])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name)]))
        return table

    # ---- photos ----
    def photos(self, photos: Sequence[tuple[Path, str]], *, per_row: int = 2, row_height: float | None = 110 * mm,
               height: float = 45 * mm, cell_width: float | None = None) -> Table | None:
        """Photos *per_row* across with their captions under them, rows of *row_height* (two rows, so four
        photos, to an A4 page); without a row height each photo is at most *height* high. A missing file
        is left out rather than failing the print."""
        found = [(path, caption) for path, caption in photos if path.is_file()]
        if not found:
            return None
        cell_width = cell_width or self.width / per_row
        tallest = row_height - 14 * mm if row_height else height
        cells = []
        for path, caption in found:
            image = Image(str(path))
            scale = min((cell_width - 4 * mm) / image.imageWidth, tallest / image.imageHeight)
            image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
            cells.append([image, self.text(caption, self.caption_style)] if caption else image)
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        rows[-1] += [""] * (per_row - len(rows[-1]))
        table = Table(rows, colWidths=[cell_width] * per_row, rowHeights=[row_height] * len(rows) if row_height else None)
        captioned = any(caption for _, caption in found)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("FONTNAME", (0, 0), (-1, -1), self.fonts.main.name),
                                   *([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)] if captioned else [])]))
        return table

    # ---- multi-part documents ----
    def cover(self, title: str, lines: Sequence[str], *signers: str) -> list[Flowable]:
        """A cover page: the title, what it is (school, semester, date), a seal block; then a new page. The
        space around them follows the page (portrait or landscape), so the seal block never spills over."""
        used = (self.cover_style.leading + 20 * mm + len(lines) * (self.title_style.leading + 4 * mm)
                + SEAL_HEIGHT + 2 * mm)
        free = max(0.0, self.height - used)
        body: list[Flowable] = [Spacer(0, free * 0.45), self.text(title, self.cover_style), Spacer(0, 20 * mm)]
        for line in lines:
            body += [self.text(line, self.title_style), Spacer(0, 4 * mm)]
        return body + [Spacer(0, free * 0.5), self.seal_block(*signers), PageBreak()]

    def contents(self, title: str = "目　录") -> list[Flowable]:
        """A table of contents listing every :func:`part` heading (and any flowable with a ``toc_entry``) with
        its page; starts a page, and the parts follow on a new one (see exports/pdf_contents.py)."""
        return [ContentsStart(title)]

    def part(self, title: str) -> Paragraph:
        """The heading of one part of a multi-part document; listed in :func:`contents`."""
        heading = self.text(title, self.title_style)
        heading.toc_entry = title  # type: ignore[attr-defined]
        return heading


def _numbered_canvas(fonts: PdfFonts, footer_left: str, header: str, printed: date, page: tuple[float, float],
                     contents: Contents | None = None) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say how many pages there are (and
    the *contents* can be drawn on the pages held for them)."""
    footer_left, header = fonts.plain(footer_left), fonts.plain(header)

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
                if contents is not None and contents.covers(number):
                    contents.draw_page(self, number, MARGIN + FRAME_PADDING, page[1] - MARGIN - FRAME_PADDING)
                self.setFont(fonts.main.name, 9)
                self.setFillColor(colors.HexColor("#444444"))
                if header:
                    self.drawString(MARGIN, page[1] - 10 * mm, header)
                self.drawString(MARGIN, 10 * mm, footer_left)
                self.drawCentredString(page[0] / 2, 10 * mm, f"第 {number} 页 / 共 {total} 页")
                self.drawRightString(page[0] - MARGIN, 10 * mm, f"打印日期：{printed:%Y-%m-%d}")
                super().showPage()
            super().save()

    return NumberedCanvas


class _Document(BaseDocTemplate):
    contents: Contents | None = None

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        if isinstance(flowable, ContentsStart):
            flowable.page = self.page
        elif self.contents is not None and getattr(flowable, "toc_entry", None):
            self.contents.entry_pages.append(self.page)


def page_width(wide: bool = False) -> float:
    """The width a document's flowables may take (A4 portrait, or landscape when *wide*)."""
    return (landscape(A4) if wide else A4)[0] - 2 * MARGIN


def page_height(wide: bool = False) -> float:
    """The height of the frame the flowables go in: the page less its margins (the footer's below the bottom one)
    and the frame's padding."""
    return (landscape(A4) if wide else A4)[1] - 2 * MARGIN - FOOTER_ROOM - 2 * FRAME_PADDING


def write_pdf(path: Path, *, title: str, author: str, build: Callable[[PdfForm], list[Flowable]],
              font_path: str | Path | None = None, printed: date | None = None, header: str = "",
              wide: bool = False) -> PdfResult:
    """Lay out what *build* makes on A4 (landscape when *wide*), number the pages, write atomically.
    *header*: a line at the top of every page (school and semester), *author* in the footer's left."""
    fonts = choose_fonts(font_path)
    printed = printed or date.today()
    with collector_paused():
        size = landscape(A4) if wide else A4
        form = PdfForm(fonts, page_width(wide), page_height(wide))
        story = build(form)
        buffer = io.BytesIO()
        doc = _Document(
            buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_ROOM,
            title=title, author=author, creator="SchoolDesk",
            initialFontName=fonts.main.name,  # else an unused, unembedded Helvetica is listed
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        start = next((f for f in story if isinstance(f, ContentsStart)), None)
        if start is not None:
            doc.contents = Contents(start, [f.toc_entry for f in story if getattr(f, "toc_entry", None)], fonts,
                                    doc.width - 2 * FRAME_PADDING, doc.height - 2 * FRAME_PADDING)
            at = story.index(start)
            story[at:at + 1] = doc.contents.reserve()
        doc.build(story, canvasmaker=_numbered_canvas(fonts, author, header, printed, size, doc.contents))
        data = buffer.getvalue()
        write_atomically(path, lambda partial: partial.write_bytes(data))
    return PdfResult(path, doc.page, fonts.embedded, tuple(sorted(fonts.missing)))
