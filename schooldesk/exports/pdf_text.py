"""Text that fits on one line, drawn as a Paragraph would draw it at a fraction of its cost.

Most strings on the kit's forms and listings are short: a name, a date, a class, a score. A Paragraph
parses markup with an HTML parser and breaks lines on every layout, which for a semester's archive of
two thousand records is most of the time spent. :class:`LineText` measures the string once and draws it
with ``drawString`` when it fits on one line; when it needs more, or anything a Paragraph does beyond one
font and one line, it hands over to a real Paragraph, so a longer text looks exactly as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

_SPACES = re.compile(r"[ \t\r]+")  # collapsed as a Paragraph collapses them (not U+3000, a form's blank)
SIMPLE = {"leftIndent": 0, "rightIndent": 0, "firstLineIndent": 0, "backColor": None, "borderWidth": 0,
          "bulletText": None}


def is_simple(style: ParagraphStyle) -> bool:
    """A style with nothing a single drawString could not do (no indents, background, border or bullet)."""
    known = style.__dict__.get("_line_text")
    if known is None:
        known = style.__dict__["_line_text"] = all(getattr(style, n, d) == d for n, d in SIMPLE.items())
    return known


class KitParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width: a form's table measures its cells, then measures
    them again to place them, and KeepInFrame does both once more."""

    _wrapped_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped_width != avail_width:
            super().wrap(avail_width, avail_height)
            self._wrapped_width = avail_width
        return self.width, self.height


class KitTable(Table):
    """A Table that is not laid out again for the same room: KeepInFrame measures its content, then asks
    each piece for its size once more to draw it, which for a form of many cells is as long again. With
    its column widths given, a table's layout does not depend on the width offered, and once it has been
    laid out whole, not on a height it fits in either."""

    _laid_out_whole = False  # laid out for a height it fits in, so the result holds for any such height
    _laid_width: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._laid_out_whole and avail_height >= self._height and (
                self._fixed_widths or avail_width == self._laid_width):
            return self._width, self._height
        super().wrap(avail_width, avail_height)
        self._laid_out_whole, self._laid_width = avail_height >= self._height, avail_width
        return self._width, self._height

    @property
    def _fixed_widths(self) -> bool:
        return all(isinstance(w, (int, float)) for w in self._argW)

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        self._laid_out_whole = False  # splitting lays it out for another height
        return super().split(avail_width, avail_height)


class LineText(Flowable):
    """A few lines of one font, each broken only where the text has a newline; a Paragraph of *markup*
    (built only if needed) for anything that needs more."""

    def __init__(self, text: str, markup: Callable[[str], str], style: ParagraphStyle) -> None:
        """*markup* makes the Paragraph's text from *text*, called only if one is needed."""
        super().__init__()
        self.source, self.markup = text, markup
        if " " in text or "\t" in text or "\r" in text:
            text = _SPACES.sub(" ", text)
        self.lines = [line.strip(" ") for line in text.split("\n")] if "\n" in text else [text.strip(" ")]
        self.text, self.style = "\n".join(self.lines), style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.widths = [stringWidth(line, style.fontName, style.fontSize) for line in self.lines]
        self.text_width = max(self.widths)
        self.paragraph: KitParagraph | None = None

    @property
    def one_line(self) -> bool:
        return len(self.lines) == 1

    def _as_paragraph(self) -> Paragraph:
        if self.paragraph is None:
            self.paragraph = KitParagraph(self.markup(self.source).replace("\n", "<br/>"), self.style)
        return self.paragraph

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.paragraph is None and self.text_width <= avail_width:
            self.width, self.height = avail_width, self.style.leading * len(self.lines) if self.text else 0
            return self.width, self.height
        return self._as_paragraph().wrap(avail_width, avail_height)

    def minWidth(self) -> float:  # noqa: N802 - reportlab API (tables without column widths)
        return self._as_paragraph().minWidth() if self.paragraph else self.text_width

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return self.paragraph.split(avail_width, avail_height) if self.paragraph else []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802,N803 - reportlab API
        """Drawn straight at (x, y): a few strings need no translated coordinate system of their own."""
        if self.paragraph is not None:
            self.paragraph.drawOn(canvas, x, y, _sW)
            return
        if not self.text:
            return
        style = self.style
        canvas.saveState()  # a table's next cell counts on its own font and colour being still set
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize, style.leading)
        baseline = y + self.height - style.fontSize
        for line, width in zip(self.lines, self.widths):
            spare = self.width - width
            at = x + (spare / 2 if style.alignment == TA_CENTER else spare if style.alignment == TA_RIGHT else 0)
            canvas.drawString(at, baseline, line)
            baseline -= style.leading
        canvas.restoreState()
