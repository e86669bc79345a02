"""听课评课 on paper and in Excel, from the page: read what the document shows, write it off the GUI thread,
then show the print preview or say where the workbook went."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from schooldesk.db.database import Database
from schooldesk.domain.semester import SemesterKey
from schooldesk.services import observation_print as documents
from schooldesk.services.print_settings import pdf_font_path
from schooldesk.ui.printing import print_read, save_workbook

shown: dict[str, Any] = {}  # the newest preview or saved-file box, for tests and for keeping it alive


def _keep(what: str) -> Any:
    return lambda widget: shown.__setitem__(what, widget)


def _print(parent: QWidget, db: Database, read: Any, write: Any) -> None:
    print_read(parent, read, lambda path, document, font: write(path, document, font_path=font),
               lambda: pdf_font_path(db), _keep("preview"))


def print_observation(parent: QWidget, db: Database, observation_id: int) -> None:
    from schooldesk.exports.observation_pdf import write_observation_pdf

    _print(parent, db, lambda: documents.observation_sheet(db, observation_id), write_observation_pdf)


def print_blank_form(parent: QWidget, db: Database, semester: SemesterKey | None) -> None:
    from schooldesk.exports.observation_pdf import write_blank_observation_pdf

    _print(parent, db, lambda: documents.blank_observation_form(db, semester), write_blank_observation_pdf)


def print_teacher_log(parent: QWidget, db: Database, teacher_id: int, semester: SemesterKey) -> None:
    from schooldesk.exports.observation_pdf import write_teacher_summary_pdf

    _print(parent, db, lambda: documents.teacher_observation_log(db, teacher_id, semester, date.today()),
           write_teacher_summary_pdf)


def export_workbook(parent: QWidget, db: Database, semester: SemesterKey) -> Any:
    """Ask where, then write the semester's observations and quota table."""
    from schooldesk.exports.observation_pdf import write_observations_xlsx

    return save_workbook(parent, db.path.parent, lambda: documents.observation_book(db, semester, date.today()),
                         write_observations_xlsx, _keep("saved"))
