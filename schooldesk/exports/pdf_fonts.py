"""Chinese fonts for reportlab: find a TrueType CJK font to embed, and report characters it lacks.

A printed form travels to the bureau, so the font goes inside the PDF. reportlab embeds TrueType
outlines only (not the CFF of Noto CJK). Windows offices have SimSun/SimHei/YaHei; Linux has WenQuanYi.
The built-in STSong-Light is not embedded (the viewer substitutes a font) and is the last resort.
Rare characters (生僻字) such as 𠮷 lie outside most fonts; SimSun-ExtB covers many of them and is
used for those characters when present. A character no font has is drawn as □ and reported.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FONT_ENV = "SCHOOLDESK_PDF_FONT"
LAST_RESORT = "STSong-Light"
PLACEHOLDER = "□"
IDEOGRAPHIC_SPACE, WIDE_BLANK = "\u3000", "\xa0" * 3  # a form's blank for writing in: kept as no-break spaces
_WINDOWS_FONTS = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
MAIN_CANDIDATES = (
    _WINDOWS_FONTS / "simsun.ttc", _WINDOWS_FONTS / "simhei.ttf", _WINDOWS_FONTS / "msyh.ttc",
    _WINDOWS_FONTS / "simkai.ttf", _WINDOWS_FONTS / "simfang.ttf",
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"), Path("/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf"),
)
RARE_CANDIDATES = (_WINDOWS_FONTS / "simsunb.ttf", Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"))


@dataclass(frozen=True)
class LoadedFont:
    name: str  # the name registered with reportlab
    path: Path | None
    chars: frozenset[int] | None  # code points with a glyph; None when unknown (CID font)


def _load(path: Path) -> LoadedFont | None:
    """Register *path* with reportlab; None when it is missing or cannot be embedded."""
    if not path.is_file():
        return None
    name = "SD-" + hashlib.sha1(str(path).encode()).hexdigest()[:10]
    try:
        font = pdfmetrics.getFont(name)
    except KeyError:
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (TTFError, OSError, ValueError, IndexError, KeyError):
            return None  # CFF outlines, licence forbids embedding, damaged file
        pdfmetrics.registerFont(font)
    return LoadedFont(name, path, frozenset(font.face.charToGlyph))


@dataclass
class PdfFonts:
    """The font a document is set in, plus what it met that no font could draw."""

    main: LoadedFont
    rare: tuple[LoadedFont, ...] = ()
    missing: set[str] = field(default_factory=set)

    @property
    def embedded(self) -> bool:
        return self.main.path is not None

    def has_all(self, text: str) -> bool:
        """The main font draws every character of *text* (or it is a CID font, which draws what it can)."""
        return self.main.chars is None or self.main.chars.issuperset(map(ord, text))

    def markup(self, text: str) -> str:
        """*text* escaped for a Paragraph; characters the main font lacks go to a rare-character font
        when one has them, else become □ and are remembered in ``missing``."""
        text = text.replace(IDEOGRAPHIC_SPACE, WIDE_BLANK)  # Paragraph would collapse it like any space
        if self.has_all(text):
            return escape(text)
        out: list[str] = []
        for char in text:
            code = ord(char)
            if code in self.main.chars or char in "\n\r\t\xa0":
                out.append(escape(char))
                continue
            other = next((f for f in self.rare if f.chars and code in f.chars), None)
            if other is not None:
                out.append(f'<font name="{other.name}">{escape(char)}</font>')
            else:
                self.missing.add(char)
                out.append(PLACEHOLDER)
        return "".join(out)

    def plain(self, text: str) -> str:
        """For canvas.drawString (one font only): unknown characters become □ and are remembered."""
        if self.has_all(text):
            return text
        kept = []
        for char in text:
            if ord(char) in self.main.chars:
                kept.append(char)
            else:
                self.missing.add(char)
                kept.append(PLACEHOLDER)
        return "".join(kept)


def can_embed(path: Path) -> bool:
    return _load(path) is not None


def choose_fonts(configured: str | Path | None = None) -> PdfFonts:
    """The font set in Settings, then ``$SCHOOLDESK_PDF_FONT``, then the system's CJK fonts, then
    STSong-Light (not embedded: check ``embedded`` and warn)."""
    choices = [Path(p) for p in (configured, os.environ.get(FONT_ENV)) if p] + list(MAIN_CANDIDATES)
    main = next((font for font in map(_load, choices) if font is not None), None)
    if main is None:
        try:
            pdfmetrics.getFont(LAST_RESORT)
        except KeyError:
            pdfmetrics.registerFont(UnicodeCIDFont(LAST_RESORT))
        return PdfFonts(LoadedFont(LAST_RESORT, None, None))
    rare = tuple(font for font in map(_load, RARE_CANDIDATES) if font is not None and font.path != main.path)
    return PdfFonts(main, rare)
