"""Evidence photos on disk: one file per picture, named by its SHA-256, never changed once written.

Phone pictures arrive at 4–12 MB with the GPS position of the child's home in their EXIF data. A
photo is re-encoded once on the way in: turned upright, shrunk to at most MAX_SIDE pixels, saved as
JPEG without metadata. Immutable, content-named files mean a backup can share them and a photo
written by a save that then failed is only an unused file, never a damaged record.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from schooldesk.db.copies import replace_atomically
from schooldesk.domain.errors import StorageError, ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP

PHOTO_DIRNAME = "photos"
MAX_SIDE = 2048
JPEG_QUALITY = 85
MAX_SOURCE_BYTES = 60 * 1024 * 1024
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff")


@dataclass(frozen=True)
class StoredPhoto:
    sha256: str
    file_name: str
    original_name: str
    width: int
    height: int
    size: int


class PhotoStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, file_name: str) -> Path:
        return self.root / file_name[:2] / file_name

    def add(self, source: Path) -> StoredPhoto:
        """Re-encode *source* into the store (atomically) and describe what was kept."""
        data = _encode(source)
        digest = hashlib.sha256(data).hexdigest()
        file_name = f"{digest}.jpg"
        target = self.path(file_name)
        if not target.exists():
            _write(target, data)
        from PIL import Image  # loaded only when a photo is added: it costs start-up time

        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
        return StoredPhoto(digest, file_name, source.name[:200], width, height, len(data))


def _encode(source: Path) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        if source.stat().st_size > MAX_SOURCE_BYTES:
            raise ValidationError("photos", QT_TRANSLATE_NOOP("Errors", "The picture %1 is larger than 60 MB."), source.name)
        with Image.open(source) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif= argument: metadata dropped
            return out.getvalue()
    except (UnidentifiedImageError, Image.DecompressionBombError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "photos", QT_TRANSLATE_NOOP("Errors", "%1 is not a picture SchoolDesk can read (JPEG, PNG, BMP, GIF, WebP, TIFF)."),
            source.name,
        ) from error
    except OSError as error:
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The picture %1 cannot be read: %2"), source.name,
                           error.strerror or error) from error


def _write(target: Path, data: bytes) -> None:
    try:
        replace_atomically(target, lambda partial: partial.write_bytes(data), make_folder=True)
    except OSError as error:
        raise StorageError(QT_TRANSLATE_NOOP("Errors", "The photo could not be saved in %1: %2"), target.parent,
                           error.strerror or error) from error
