"""Printing settings kept with the school: the font file a clerk chose for PDFs (e.g. one with 生僻字)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from schooldesk.db.database import Database
from schooldesk.db.models import SchoolSetting
from schooldesk.services.school_rules import write_setting
from schooldesk.domain.errors import ValidationError
from schooldesk.domain.i18n import QT_TRANSLATE_NOOP
from schooldesk.services.access import require_admin

PDF_FONT_KEY = "pdf_font"
FONT_SUFFIXES = (".ttf", ".ttc")


def pdf_font_path(db: Database) -> Path | None:
    """The chosen font file, or None for the system's default choice."""
    with db.transaction() as session:
        setting = session.get(SchoolSetting, PDF_FONT_KEY)
        chosen = setting.value.get("path") if setting else None
    return Path(chosen) if chosen else None


def set_pdf_font_path(db: Database, path: Path | None, *, can_embed: Callable[[Path], bool]) -> None:
    """Remember *path* (None: back to the default); only TrueType files the PDF writer *can_embed* are taken
    (exports/pdf_fonts.can_embed, passed in by the caller: services sit below exports)."""
    require_admin(db)
    if path is not None:
        if path.suffix.lower() not in FONT_SUFFIXES or not can_embed(path):
            raise ValidationError("pdf_font", QT_TRANSLATE_NOOP(
                "Errors", "%1 is not a TrueType font that can be embedded in a PDF (choose a .ttf or .ttc file)."),
                path.name)
    with db.transaction() as session:
        write_setting(session, PDF_FONT_KEY, {"path": str(path) if path else ""})


OBSERVATION_PRINT_KEY = "observation_print"


def taught_teacher_signs(db: Database) -> bool:
    """Whether a printed 听课记录 carries a line for the observed teacher to confirm it (off unless the school
    turns it on)."""
    with db.transaction() as session:
        setting = session.get(SchoolSetting, OBSERVATION_PRINT_KEY)
        return bool(setting.value.get("taught_signature")) if setting else False


def set_taught_teacher_signs(db: Database, signs: bool) -> None:
    require_admin(db)
    with db.transaction() as session:
        write_setting(session, OBSERVATION_PRINT_KEY, {"taught_signature": signs})
