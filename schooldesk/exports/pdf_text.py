"""Text that fits on one line, drawn as a Paragraph would draw it at a fraction of its cost.

Most strings on the kit's forms and listings are short: a name, a date, a class, a score. A Paragraph
parses markup with an HTML parser and breaks lines on every layout, which for a semester's archive of
two thousand records is most of the time spent. :class:`LineText` measures the string once and draws it
with ``drawString`` when it fits on one line; when it needs more, or anything a Paragraph does beyond one
font and one line, it hands over to a real Paragraph, so a longer text looks exactly as before.
"""
from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

_SPACES = re.compile(r"[ \t\r]+")  # collapsed as a Paragraph collapses them (not U+3000, a form's blank)
SIMPLE = {"leftIndent": 0, "rightIndent": 0, "firstLineIndent": 0, "backColor": None, "borderWidth": 0,
          "bulletText": None}


def is_simple(style: ParagraphStyle) -> bool:
    """A style with nothing a single drawString could not do (no indents, background, border or bullet)."""
    return all(getattr(style, name, default) == default for name, default in SIMPLE.items())


class LineText(Flowable):
    """One line of one font; a Paragraph of *markup* (built only if needed) for anything longer."""

    def __init__(self, text: str, markup: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.markup, self.style = _SPACES.sub(" ", text).strip(" "), markup, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.text_width = stringWidth(self.text, style.fontName, style.fontSize)
        self.paragraph: Paragraph | None = None

    def _as_paragraph(self) -> Paragraph:
        if self.paragraph is None:
            self.paragraph = Paragraph(self.markup, self.style)
        return self.paragraph

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self.paragraph is None and self.text_width <= avail_width:
            self.width, self.height = avail_width, self.style.leading if self.text else 0
            return self.width, self.height
        return self._as_paragraph().wrap(avail_width, avail_height)

    def minWidth(self) -> float:  # noqa: N802 - reportlab API (tables without column widths)
        return self._as_paragraph().minWidth() if self.paragraph else self.text_width

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return self.paragraph.split(avail_width, avail_height) if self.paragraph else []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802,N803 - reportlab API
        if self.paragraph is not None:
            self.paragraph.drawOn(canvas, x, y, _sW)
        else:
            super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        if not self.text:
            return
        style, canvas = self.style, self.canv
        spare = self.width - self.text_width
        x = spare / 2 if style.alignment == TA_CENTER else spare if style.alignment == TA_RIGHT else 0
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize, style.leading)
        canvas.drawString(x, self.height - style.fontSize, self.text)
        canvas.restoreState()
