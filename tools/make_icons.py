"""Render resources/icon.svg to the PNGs and the multi-size .ico the app, the frozen build and the installer
use. Run after changing the SVG, and commit what it writes:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from for title bars, taskbar, Explorer, the installer


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(RESOURCES / "icon.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icon.svg is not a valid SVG")
    pngs = []
    for size in SIZES:
        path = RESOURCES / f"icon-{size}.png"
        render(renderer, size, path)
        pngs.append(path)
    largest = Image.open(RESOURCES / "icon-256.png")
    largest.save(RESOURCES / "icon.ico", sizes=[(s, s) for s in SIZES],
                 append_images=[Image.open(p) for p in pngs[:-1]])
    print("\n".join(str(p) for p in [*pngs, RESOURCES / "icon.ico"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
