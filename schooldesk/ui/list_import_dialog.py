"""Import a list from Excel (the teachers, the villages' children): choose the file, see what it would add or
change and every problem by row, then import (in one transaction, after a backup). Each list says how it is
read, imported and summed up; the window is the same."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.i18n import error_text
from schooldesk.ui.background import Task, run_in_background
from schooldesk.ui.import_dialog import ProblemLine
from schooldesk.ui.saving import file_dialog
from schooldesk.ui.state import AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


def file_window_layout(dialog: Any, choose: QWidget, buttons: QWidget) -> None:
    """A window that reads a chosen file: its name and 选择文件… on top, what was found, the table, the buttons."""
    top = QHBoxLayout()
    top.addWidget(dialog.file_label, 1)
    top.addWidget(choose)
    layout = QVBoxLayout(dialog)
    layout.addLayout(top)
    layout.addWidget(dialog.summary)
    layout.addWidget(dialog.table, 1)
    layout.addWidget(buttons)


class ListImportDialog(PreservesGeometry, QDialog):
    """Subclasses give the texts and ``read_and_preview(path)``, ``import_listing(listing)``, ``summary_text(report)``,
    ``imported(report)`` and ``import_label(count)``."""

    file_kind = "list"  # remembers the folder per kind of list

    def __init__(self, state: AppState, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.state = state
        self.listing: Any = None
        self.report: Any = None
        self.task: Task | None = None
        self.file_label = QLabel(intro, self)
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("&Choose file…"), self)
        choose.clicked.connect(lambda: file_dialog(self, self.file_kind, title, self.tr("Excel workbooks (*.xlsx *.xls)"),
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
        file_window_layout(self, choose, buttons)
        self.resize(760, 460)

    def preview(self, path: Path) -> Task:
        self.file_label.setText(fill(self.tr("File: %1"), (str(path),)))
        self.listing = self.report = None
        self._show(None)

        def failed(error: SchoolDeskError) -> None:
            self.summary.setText(error_text(error))

        self.task = run_in_background(self, self.tr("Checking the list…"), lambda _p: self.read_and_preview(path),
                                      self._previewed, failed=failed)
        return self.task

    def _previewed(self, result: tuple[Any, Any]) -> None:
        self.listing, self.report = result
        self._show(self.report)

    def run_import(self) -> Task | None:
        listing = self.listing
        if listing is None:
            return None
        self.import_button.setEnabled(False)
        self.task = run_in_background(self, self.tr("Importing…"), lambda _p: self.import_listing(listing),
                                      self._imported)
        return self.task

    def _imported(self, report: Any) -> None:
        self.report = report
        self._show(report)
        self.state.backups_changed.emit()  # the import took its backup first
        self.imported(report)

    def _show(self, report: Any) -> None:
        if report is None:
            self.summary.clear()
            self.model.set_rows([])
            self.import_button.setEnabled(False)
            return
        text = self.summary_text(report)
        self.summary.setText(text if report.dry_run else self.tr("Imported.") + " " + text)
        lines = [ProblemLine(p.row, p.column, self.tr("Error (row skipped)"), error_text(p.error)) for p in report.errors]
        lines += [ProblemLine(p.row, p.column, self.tr("Warning"), error_text(p.error)) for p in report.warnings]
        self.model.set_rows(sorted(lines, key=lambda line: line.row))
        self.table.resizeColumnsToContents()
        count = report.new + report.updated
        self.import_button.setEnabled(report.dry_run and count > 0)
        if report.dry_run:
            self.import_button.setText(self.import_label(count))

    def counts_text(self, report: Any) -> str:
        return fill(self.tr("Sheet “%1”: %2 rows read: %3 new, %4 updated, %5 unchanged, %6 skipped."),
                    (report.sheet, *(str(n) for n in (report.rows_read, report.new, report.updated,
                                                      report.unchanged, report.skipped))))

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)

    # ---- what each list says ----
    def read_and_preview(self, path: Path) -> tuple[Any, Any]:
        raise NotImplementedError

    def import_listing(self, listing: Any) -> Any:
        raise NotImplementedError

    def summary_text(self, report: Any) -> str:
        return self.counts_text(report)

    def imported(self, report: Any) -> None:
        raise NotImplementedError

    def import_label(self, count: int) -> str:
        return fill(self.tr("&Import %1 rows"), (str(count),))
