"""听课评课 on paper and in Excel, from the page: read what the document shows, write it off the GUI thread,
then show the print preview or say where the workbook went."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from schooldesk.db.database import Database
from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.semester import SemesterKey
from schooldesk.services import observation_print as documents
from schooldesk.services.print_settings import pdf_font_path
from schooldesk.ui.background import run_in_background
from schooldesk.ui.errors import show_error
from schooldesk.ui.printing import print_document
from schooldesk.ui.saving import file_dialog, show_saved

shown: dict[str, Any] = {}  # the newest preview or saved-file box, for tests and for keeping it alive


def _keep(what: str) -> Any:
    return lambda widget: shown.__setitem__(what, widget)


def _print(parent: QWidget, db: Database, read: Any, write: Any) -> None:
    try:
        document, font = read(), pdf_font_path(db)
    except SchoolDeskError as error:
        show_error(parent, error)
        return
    print_document(parent, document.file_name, lambda path: write(path, document, font_path=font), _keep("preview"))


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
    try:
        book = documents.observation_book(db, semester, date.today())
    except SchoolDeskError as error:
        show_error(parent, error)
        return None
    title = QCoreApplication.translate("ObservationsPage", "Export to Excel")
    kind = QCoreApplication.translate("ObservationsPage", "Excel workbook (*.xlsx)")
    return file_dialog(parent, "excel", title, kind, lambda paths: write_workbook(parent, db, book, paths[0]),
                       save_as=book.file_name, suffix="xlsx")


def write_workbook(parent: QWidget, db: Database, book: documents.ObservationBook, path: Path) -> None:
    from schooldesk.exports.files import check_output
    from schooldesk.exports.observation_pdf import write_observations_xlsx

    try:
        path = check_output(path, db.path.parent)
    except SchoolDeskError as error:
        show_error(parent, error)
        return
    label = QCoreApplication.translate("ObservationsPage", "Writing the workbook…")
    run_in_background(parent, label, lambda _progress: write_observations_xlsx(path, book),
                      lambda result: _keep("saved")(show_saved(parent, result.path)))
