"""A table of contents laid out in one pass: its pages are held open while the document is laid out, and
filled in when the canvas is saved, once every part's page is known.

reportlab's own TableOfContents needs ``multiBuild`` — the whole document laid out two or three times —
which for a semester's archive of two thousand records is most of the time spent. Here the contents'
length is known before layout (one line per part, and a page number's width does not change how a line
wraps), so exactly that many pages are reserved and drawn last.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak

from schooldesk.exports.pdf_fonts import PdfFonts

SIZE, LEADING, TITLE_SIZE, TITLE_ROOM = 12.0, 22.0, 18.0, 24.0 + 8 * 72 / 25.4
NUMBER_ROOM = 16 * 72 / 25.4  # the page number's column, right-aligned


class _Held(Flowable):
    """Nothing to draw yet, but a page held for the contents (reportlab stops at ten empty pages)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:  # the page is drawn by Contents.draw_page
        pass


class ContentsStart(_Held):
    """Where the contents begin (placed by :meth:`PdfForm.contents`; :meth:`Contents.reserve` gives it its pages)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.page = 0  # set by the document when laid out


def _split(text: str, font: str, width: float) -> list[str]:
    """*text* broken into lines no wider than *width*, between any two characters (Chinese has no spaces)."""
    lines, line, used = [], "", 0.0
    for char in text:
        w = stringWidth(char, font, SIZE)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += char
        used += w
    return lines + [line] if line or not lines else lines


class Contents:
    """The contents of one document: its entries in story order, then the page each landed on."""

    def __init__(self, start: ContentsStart, entries: Sequence[str], fonts: PdfFonts, width: float,
                 height: float) -> None:
        self.start, self.fonts, self.width, self.height = start, fonts, width, height
        font = fonts.main.name
        self.lines = [_split(fonts.plain(e), font, width - NUMBER_ROOM) for e in entries]
        self.entry_pages: list[int] = []
        self.pages = self._paginate()

    def _paginate(self) -> list[list[int]]:
        """Which entries go on which of the contents' pages."""
        pages: list[list[int]] = [[]]
        room = self.height - TITLE_ROOM
        for index, lines in enumerate(self.lines):
            needed = len(lines) * LEADING
            if pages[-1] and needed > room:
                pages.append([])
                room = self.height
            pages[-1].append(index)
            room -= needed
        return pages

    def reserve(self) -> list[Flowable]:
        """The story's part for the contents: its start and one page for each of its pages."""
        held: list[Flowable] = [self.start, PageBreak()]
        for _ in self.pages[1:]:
            held += [_Held(), PageBreak()]
        return held

    def covers(self, page: int) -> bool:
        return self.start.page <= page < self.start.page + len(self.pages)

    def draw_page(self, canvas: Any, page: int, left: float, top: float) -> None:
        """Draw the contents' page *page* (a document page number) on *canvas*, frame top-left at (left, top)."""
        font = self.fonts.main.name
        index = page - self.start.page
        y = top
        if index == 0:
            canvas.setFont(font, TITLE_SIZE)
            canvas.drawCentredString(left + self.width / 2, y - TITLE_SIZE, self.fonts.plain(self.start.title))
            y -= TITLE_ROOM
        canvas.setFont(font, SIZE)
        canvas.setFillColorRGB(0, 0, 0)
        dot = stringWidth(".", font, SIZE) or SIZE / 4
        for entry in self.pages[index]:
            lines = self.lines[entry]
            for line in lines:
                y -= LEADING
                canvas.drawString(left, y + (LEADING - SIZE) / 2, line)
            number = str(self.entry_pages[entry]) if entry < len(self.entry_pages) else ""
            right = left + self.width
            canvas.drawRightString(right, y + (LEADING - SIZE) / 2, number)
            end = right - stringWidth(number, font, SIZE) - SIZE / 3
            dots = int((end - left - stringWidth(lines[-1], font, SIZE) - SIZE / 3) // dot)
            if dots > 0:  # right-aligned, so the leaders line up from row to row
                canvas.drawRightString(end, y + (LEADING - SIZE) / 2, "." * dots)
