"""Import teachers from an Excel list: choose the file, see what it would add or change and every problem by
row, then import (in one transaction, after a backup)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.i18n import error_text
from schooldesk.imports.teacher_rows import TEMPLATE_HEADERS, TeacherList
from schooldesk.services.teacher_import import TeacherImportReport, import_teacher_file, import_teachers
from schooldesk.ui.background import Task, run_in_background
from schooldesk.ui.import_dialog import ProblemLine
from schooldesk.ui.saving import file_dialog
from schooldesk.ui.state import TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


class TeacherImportDialog(PreservesGeometry, QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeacherImportDialog")
        self.setWindowTitle(self.tr("Import teachers"))
        self.state = state
        self.listing: TeacherList | None = None
        self.report: TeacherImportReport | None = None
        self.task: Task | None = None
        self.file_label = QLabel(fill(self.tr("Choose an Excel list of the teachers (.xlsx or .xls) with the columns "
                                              "%1; only 姓名 and 性别 are required."), ("、".join(TEMPLATE_HEADERS),)),
                                 self)
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("&Choose file…"), self)
        choose.clicked.connect(lambda: file_dialog(self, "teachers", self.tr("Choose a list of teachers"),
                                                   self.tr("Excel workbooks (*.xlsx *.xls)"),
                                                   lambda paths: self.preview(paths[0])))
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.model: RowTableModel[ProblemLine] = RowTableModel([
            Column(self.tr("Row"), lambda p: p.row), Column(self.tr("Column"), lambda p: p.column),
            Column(self.tr("Problem"), lambda p: p.kind), Column(self.tr("Why"), lambda p: p.message)])
        self.table = record_table(self.model, self, word_wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self.restore_window_state()

    def preview(self, path: Path) -> Task:
        self.file_label.setText(fill(self.tr("File: %1"), (str(path),)))
        self.listing = self.report = None
        self._show(None)
        db = self.state.db

        def failed(error: SchoolDeskError) -> None:
            self.summary.setText(error_text(error))

        self.task = run_in_background(self, self.tr("Checking the list…"),
                                      lambda _p: import_teacher_file(db, path, dry_run=True), self._previewed,
                                      failed=failed)
        return self.task

    def _previewed(self, result: tuple[TeacherList, TeacherImportReport]) -> None:
        self.listing, self.report = result
        self._show(self.report)

    def run_import(self) -> Task | None:
        listing = self.listing
        if listing is None:
            return None
        db = self.state.db
        self.import_button.setEnabled(False)
        self.task = run_in_background(self, self.tr("Importing teachers…"),
                                      lambda _p: import_teachers(db, listing, dry_run=False), self._imported)
        return self.task

    def _imported(self, report: TeacherImportReport) -> None:
        self.report = report
        self._show(report)
        self.state.backups_changed.emit()  # the import took its backup first
        self.state.notify_changed(TEACHERS)

    def _show(self, report: TeacherImportReport | None) -> None:
        if report is None:
            self.summary.clear()
            self.model.set_rows([])
            self.import_button.setEnabled(False)
            return
        text = fill(self.tr("Sheet “%1”: %2 rows read: %3 new, %4 updated, %5 unchanged, %6 skipped."),
                    (report.sheet, *(str(n) for n in (report.rows_read, report.new, report.updated,
                                                      report.unchanged, report.skipped))))
        self.summary.setText(text if report.dry_run else self.tr("Imported.") + " " + text)
        lines = [ProblemLine(p.row, p.column, self.tr("Error (row skipped)"), error_text(p.error)) for p in report.errors]
        lines += [ProblemLine(p.row, p.column, self.tr("Warning"), error_text(p.error)) for p in report.warnings]
        self.model.set_rows(sorted(lines, key=lambda line: line.row))
        self.table.resizeColumnsToContents()
        count = report.new + report.updated
        self.import_button.setEnabled(report.dry_run and count > 0)
        if report.dry_run:
            self.import_button.setText(fill(self.tr("&Import %1 teachers"), (str(count),)))

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
