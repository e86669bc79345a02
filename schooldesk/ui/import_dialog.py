"""Import pupils: choose a file, see the preview (counts and every problem), then import or fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.exports.pupil_sheets import write_problem_rows
from schooldesk.i18n import error_text
from schooldesk.imports.pupil_rows import Roster
from schooldesk.services.pupil_import import ImportReport, import_pupil_file, import_roster
from schooldesk.ui.errors import show_error
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


@dataclass(frozen=True)
class ProblemLine:
    row: int
    column: str
    kind: str
    message: str


class ImportDialog(PreservesGeometry, QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportDialog")
        self.setWindowTitle(self.tr("Import pupils"))
        self.state = state
        self.roster: Roster | None = None
        self.report: ImportReport | None = None
        self.file_label = QLabel(self.tr("Choose the Excel file exported from the student-status system, "
                                         "or the school's own roster (.xlsx or .xls)."), self)
        self.file_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt;")
        self.model: RowTableModel[ProblemLine] = RowTableModel([
            Column(self.tr("Row"), lambda p: p.row),
            Column(self.tr("Column"), lambda p: p.column),
            Column(self.tr("Problem"), lambda p: p.kind),
            Column(self.tr("Why"), lambda p: p.message),
        ])
        self.table = record_table(self.model, self, word_wrap=True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.problems_button = self.buttons.addButton(self.tr("&Save problem rows as Excel…"),
                                                      QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.setEnabled(False)
        self.problems_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.problems_button.clicked.connect(self.save_problems)
        self.buttons.rejected.connect(self.reject)
        self.path: Path | None = None
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("sheetBox")
        self.sheet_box.setEnabled(False)
        self.sheet_box.currentTextChanged.connect(
            lambda name: self.preview(self.path, name) if self.path is not None and name else None)
        sheet_label = QLabel(self.tr("S&heet:"), self)
        sheet_label.setBuddy(self.sheet_box)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_box)
        top.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.restore_window_state()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a roster"), "",
                                              self.tr("Excel workbooks (*.xlsx *.xls)"))
        if path:
            self.preview(Path(path))

    def preview(self, path: Path, sheet_name: str | None = None) -> None:
        """Read and rehearse the import; nothing is written until Import is pressed."""
        self.file_label.setText(fill(self.tr("File: %1"), (str(path),)))
        self.path = path
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.roster, self.report = import_pupil_file(self.state.db, path, self.state.school_year, dry_run=True,
                                                         sheet_name=sheet_name)
        except SchoolDeskError as error:
            self.roster = self.report = None
            self.summary.setText(error_text(error))
            self.model.set_rows([])
            self._update_buttons()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(list(self.roster.sheet.names) or [self.roster.sheet.name])
        self.sheet_box.setCurrentText(self.roster.sheet.name)
        self.sheet_box.blockSignals(False)
        self.sheet_box.setEnabled(self.sheet_box.count() > 1)
        self._show(self.report, preview=True)

    def _show(self, report: ImportReport, *, preview: bool) -> None:
        text = fill(self.tr("Sheet “%1”: %2 rows read: %3 new, %4 updated, %5 unchanged, %6 skipped."),
                    (report.sheet, *(str(n) for n in (report.rows_read, report.new, report.updated, report.unchanged,
                                                      report.skipped))))
        if report.classes_created:
            text += " " + fill(self.tr("Classes to be created: %1."), ("、".join(report.classes_created),))
        if preview:
            text += " " + self.tr("Nothing has been written yet.") if report.new + report.updated else ""
        else:
            text = self.tr("Imported.") + " " + text
        self.summary.setText(text)
        lines = [ProblemLine(p.row, p.column, self.tr("Error (row skipped)"), error_text(p.error)) for p in report.errors]
        lines += [ProblemLine(p.row, p.column, self.tr("Warning"), error_text(p.error)) for p in report.warnings]
        lines += [ProblemLine(d.row, "", self.tr("Repeated pupil (row skipped)"),
                              fill(self.tr("The same pupil as row %1."), (str(d.first_row),))) for d in report.duplicates]
        self.model.set_rows(sorted(lines, key=lambda line: line.row))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        report = self.report
        can_import = report is not None and report.dry_run and report.new + report.updated > 0
        self.import_button.setEnabled(can_import)
        if report is not None and report.dry_run:
            self.import_button.setText(fill(self.tr("&Import %1 pupils"), (str(report.new + report.updated),)))
        self.problems_button.setEnabled(self.model.rowCount() > 0)

    def run_import(self) -> None:
        if self.roster is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.report = import_roster(self.state.db, self.roster, self.state.school_year, dry_run=False)
        except SchoolDeskError as error:
            show_error(self, error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._show(self.report, preview=False)
        self.state.backups_changed.emit()  # the import took its backup first
        self.state.notify_changed()

    def save_problems(self) -> None:
        if self.roster is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save problem rows"), "导入问题.xlsx",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.write_problems(Path(path))

    def write_problems(self, path: Path) -> None:
        notes: dict[int, list[str]] = {}
        for line in self.model.rows():
            notes.setdefault(line.row, []).append(f"{line.column}：{line.message}" if line.column else line.message)
        try:
            write_problem_rows(path, self.roster, notes)  # type: ignore[arg-type]
        except SchoolDeskError as error:
            show_error(self, error)

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
