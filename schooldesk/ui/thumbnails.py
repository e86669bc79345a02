"""A photo's thumbnail for the lists that show photos (a record's photos, those arriving from a phone)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImageReader, QPixmap

THUMB = QSize(96, 72)


def thumbnail(path: Path) -> QIcon:
    """Read scaled (fast for a 12 MB photo) and turned upright as the camera meant it."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio))
    return QIcon(QPixmap.fromImage(reader.read()))
