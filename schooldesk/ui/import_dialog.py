"""Import pupils: choose a file, see the preview (counts and every problem), then import or fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
    QWidget,
)

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.exports.pupil_sheets import write_problem_rows
from schooldesk.i18n import error_text
from schooldesk.imports.pupil_rows import Roster
from schooldesk.domain.semester import school_year_label_zh
from schooldesk.services.pupil_import import ImportReport, import_pupil_file, import_roster
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.background import Progress, Task, run_in_background
from schooldesk.ui.state import CARE, CLASSES, PUPILS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service


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
        self.task: Task | None = None
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("sheetBox")
        self.sheet_box.setEnabled(False)
        self.sheet_box.currentTextChanged.connect(
            lambda name: self.preview(self.path, name) if self.path is not None and name else None)
        sheet_label = QLabel(self.tr("S&heet:"), self)
        sheet_label.setBuddy(self.sheet_box)
        self.year_box = QComboBox(self)  # the classes are filled for this year: a roster of last year is seen here
        self.year_box.setObjectName("schoolYearBox")
        for year in sorted({s.key.school_year for s in state.semesters}, reverse=True):
            self.year_box.addItem(school_year_label_zh(year), year)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(state.school_year)))
        self.year_box.currentIndexChanged.connect(
            lambda _i: self.preview(self.path, self.sheet_box.currentText() or None) if self.path is not None else None)
        year_label = QLabel(self.tr("Into the school &year:"), self)
        year_label.setBuddy(self.year_box)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_box)
        top.addWidget(self.choose_button)
        years = QHBoxLayout()
        years.addWidget(year_label)
        years.addWidget(self.year_box)
        years.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(years)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.restore_window_state()

    @property
    def school_year(self) -> int:
        """The year chosen to import into (the current one unless the clerk chose another)."""
        year = self.year_box.currentData()
        return int(year) if year is not None else self.state.school_year

    def choose_file(self) -> None:
        file_dialog(self, "roster", self.tr("Choose a roster"), self.tr("Excel workbooks (*.xlsx *.xls)"),
                    lambda paths: self.preview(paths[0]))

    def preview(self, path: Path, sheet_name: str | None = None) -> Task:
        """Read and rehearse the import off the GUI thread, row by row; nothing is written until Import."""
        self.file_label.setText(fill(self.tr("File: %1"), (str(path),)))
        self.path = path
        self.roster = self.report = None
        self.model.set_rows([])
        self._update_buttons()
        db, year = self.state.db, self.school_year

        def work(progress: Progress) -> tuple[Roster, ImportReport]:
            return import_pupil_file(db, path, year, dry_run=True, sheet_name=sheet_name, progress=progress.report)

        def failed(error: SchoolDeskError) -> None:
            self.summary.setText(error_text(error))

        self.task = run_in_background(self, self.tr("Checking the roster…"), work, self._previewed, cancellable=True,
                                      cancelled=lambda: self.summary.setText(self.tr("Stopped.")), failed=failed)
        return self.task

    def _previewed(self, result: tuple[Roster, ImportReport]) -> None:
        self.roster, self.report = result
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(list(self.roster.sheet.names) or [self.roster.sheet.name])
        self.sheet_box.setCurrentText(self.roster.sheet.name)
        self.sheet_box.blockSignals(False)
        self.sheet_box.setEnabled(self.sheet_box.count() > 1)
        self._show(self.report, preview=True)

    def _show(self, report: ImportReport, *, preview: bool) -> None:
        text = fill(self.tr("Into %1 — sheet “%2”: %3 rows read: %4 new, %5 updated, %6 unchanged, %7 skipped."),
                    (school_year_label_zh(report.school_year), report.sheet,
                     *(str(n) for n in (report.rows_read, report.new, report.updated, report.unchanged,
                                        report.skipped))))
        if report.foreign_school_codes:
            text = fill(self.tr("Warning: this file is of another school (学校标识码 %1; this school's is %2). "
                                "Check that it is your roster before importing."),
                        ("、".join(report.foreign_school_codes), self.school_code)) + "\n" + text
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

    @property
    def school_code(self) -> str:
        return self.state.school.code if self.state.school else ""

    def _update_buttons(self) -> None:
        report = self.report
        can_import = report is not None and report.dry_run and report.new + report.updated > 0
        self.import_button.setEnabled(can_import)
        if report is not None and report.dry_run:
            self.import_button.setText(fill(self.tr("&Import %1 pupils"), (str(report.new + report.updated),)))
        self.problems_button.setEnabled(self.model.rowCount() > 0)

    def run_import(self) -> Task | None:
        """Import in one transaction off the GUI thread (the service takes a backup first); 取消 rolls it back."""
        roster = self.roster
        if roster is None:
            return None
        db, year = self.state.db, self.school_year
        self.import_button.setEnabled(False)
        self.task = run_in_background(
            self, self.tr("Importing pupils…"),
            lambda progress: import_roster(db, roster, year, dry_run=False, progress=progress.report),
            self._imported, cancellable=True, cancelled=self._stopped)
        return self.task

    def _stopped(self) -> None:
        self.summary.setText(self.tr("The import was stopped; nothing was imported."))
        self._update_buttons()

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self._show(self.report, preview=False)
        self.state.backups_changed.emit()  # the import took its backup first
        self.state.notify_changed(PUPILS, CLASSES, CARE)

    def save_problems(self) -> None:
        if self.roster is None:
            return
        file_dialog(self, "excel", self.tr("Save problem rows"), self.tr("Excel workbook (*.xlsx)"),
                    lambda paths: self.write_problems(paths[0]), save_as="导入问题.xlsx", suffix="xlsx")

    def write_problems(self, path: Path) -> None:
        notes: dict[int, list[str]] = {}
        for line in self.model.rows():
            notes.setdefault(line.row, []).append(f"{line.column}：{line.message}" if line.column else line.message)
        if call_service(self, lambda: write_problem_rows(path, self.roster, notes)):  # type: ignore[arg-type]
            show_saved(self, path)

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
