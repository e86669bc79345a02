"""Tick boxes drawn on the page: options with a box each, ticked ones with a drawn check mark — never a font's
☑/□ glyph, which a font without it would print as a blank square."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from schooldesk.exports.pdf_fonts import PdfFonts


class TickBoxes(Flowable):
    """Options with a drawn box each, ticked ones with a drawn check mark (never a font's ☑/□ glyph)."""

    BOX = 3.2 * mm
    GAP = 3 * mm

    def __init__(self, options: Sequence[str], ticked: Sequence[str], fonts: PdfFonts, size: float = 10.5) -> None:
        super().__init__()
        self.options, self.ticked, self.fonts, self.size = list(options), set(ticked), fonts, size
        self.labels = [fonts.plain(o) for o in self.options]
        self.lines: list[list[int]] = []

    def _width(self, index: int) -> float:
        return self.BOX + 1.5 * mm + stringWidth(self.labels[index], self.fonts.main.name, self.size) + self.GAP

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines, line, used = [], [], 0.0
        for index in range(len(self.options)):
            width = self._width(index)
            if line and used + width > avail_width:
                self.lines.append(line)
                line, used = [], 0.0
            line.append(index)
            used += width
        if line:
            self.lines.append(line)
        self.width = avail_width
        self.height = len(self.lines) * self.size * 1.5
        return self.width, self.height

    def draw(self) -> None:
        canvas, leading = self.canv, self.size * 1.5
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.7)
        for number, line in enumerate(self.lines):
            y = self.height - (number + 1) * leading + (leading - self.BOX) / 2
            x = 0.0
            for index in line:
                canvas.rect(x, y, self.BOX, self.BOX)
                if self.options[index] in self.ticked:
                    path = canvas.beginPath()
                    path.moveTo(x + 0.6 * mm, y + 1.7 * mm)
                    path.lineTo(x + 1.4 * mm, y + 0.6 * mm)
                    path.lineTo(x + 2.9 * mm, y + 2.8 * mm)
                    canvas.setLineWidth(1.2)
                    canvas.drawPath(path)
                    canvas.setLineWidth(0.7)
                canvas.setFont(self.fonts.main.name, self.size)
                canvas.drawString(x + self.BOX + 1.5 * mm, y + 0.3 * mm, self.labels[index])
                x += self._width(index)
