"""Import teachers from an Excel list: choose the file, see what it would add or change and every problem by
row, then import (in one transaction, after a backup)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from schooldesk.domain.i18n import fill
from schooldesk.imports.teacher_rows import TEMPLATE_HEADERS, TeacherList
from schooldesk.services.teacher_import import TeacherImportReport, import_teacher_file, import_teachers
from schooldesk.ui.list_import_dialog import ListImportDialog
from schooldesk.ui.state import TEACHERS, AppState


class TeacherImportDialog(ListImportDialog):
    file_kind = "teachers"

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, self.tr("Import teachers"), fill(self.tr(
            "Choose an Excel list of the teachers (.xlsx or .xls) with the columns %1; only 姓名 and 性别 are required."),
            ("、".join(TEMPLATE_HEADERS),)), parent)
        self.setObjectName("TeacherImportDialog")
        self.restore_window_state()

    def read_and_preview(self, path: Path) -> tuple[TeacherList, TeacherImportReport]:
        return import_teacher_file(self.state.db, path, dry_run=True)

    def import_listing(self, listing: TeacherList) -> TeacherImportReport:
        return import_teachers(self.state.db, listing, dry_run=False)

    def imported(self, report: TeacherImportReport) -> None:
        self.state.notify_changed(TEACHERS)

    def import_label(self, count: int) -> str:
        return fill(self.tr("&Import %1 teachers"), (str(count),))
