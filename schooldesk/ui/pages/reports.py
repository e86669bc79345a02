"""报表 page: every register of the semester and the monthly report, with row counts, to Excel or to paper."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from schooldesk.domain.i18n import fill
from schooldesk.domain.semester import months_of
from schooldesk.exports.registers import REGISTERS, RegisterSpec
from schooldesk.services.monthly_report import MonthlyReport, monthly_report
from schooldesk.services.print_settings import pdf_font_path
from schooldesk.services.registers import RegisterBook, register_book
from schooldesk.ui.background import run_in_background
from schooldesk.ui.printing import print_document
from schooldesk.ui.saving import file_dialog, show_saved
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import EVERYTHING, USERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table

MONTHLY = "monthly"


@dataclass(frozen=True)
class ReportLine:
    """One line of the page: a register of the semester, or the monthly report of the chosen month."""

    key: str  # a register's name, or MONTHLY
    title: str
    period: str
    rows: int


class ReportsPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReportsPage")
        self.state = state
        self.book: RegisterBook | None = None
        self.report: MonthlyReport | None = None
        self.preview: Any = None
        self.last_saved: Path | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.month = QComboBox(self)
        self.month.setObjectName("monthBox")
        self.month.currentIndexChanged.connect(lambda _i: self._fill_monthly())
        month_label = QLabel(self.tr("&Month of the monthly report:"), self)
        month_label.setBuddy(self.month)
        self.full_ids = QCheckBox(self.tr("F&ull ID numbers (recorded in the audit trail)"), self)
        self.full_ids.setObjectName("fullIds")
        self.model: RowTableModel[ReportLine] = RowTableModel([
            Column(self.tr("Register or report"), lambda r: r.title),
            Column(self.tr("Period"), lambda r: r.period),
            Column(self.tr("Rows"), lambda r: r.rows),
        ])
        self.table = record_table(self.model, self)
        self.table.setObjectName("reportTable")
        self.table.activated.connect(lambda _i: self.print_selected())
        self.excel_button = QPushButton(self.tr("&Export to Excel…"), self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.all_button = QPushButton(self.tr("&All registers to Excel…"), self)
        self.excel_button.clicked.connect(self.export_excel)
        self.print_button.clicked.connect(self.print_selected)
        self.all_button.clicked.connect(lambda: self.export_excel(everything=True))
        for keys, slot in ((QKeySequence("Ctrl+E"), self.export_excel), (QKeySequence.StandardKey.Print,
                                                                          self.print_selected)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        options = QHBoxLayout()
        options.addWidget(month_label)
        options.addWidget(self.month)
        options.addSpacing(24)
        options.addWidget(self.full_ids)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for button in (self.excel_button, self.print_button, self.all_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(options)
        layout.addWidget(self.table)
        state.watch(self, EVERYTHING - {USERS}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    # ---- what the page lists ----
    def refresh(self) -> None:
        semester = self.state.semester
        self.full_ids.setEnabled(self.state.keeps_records)
        if not self.state.keeps_records:
            self.full_ids.setChecked(False)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            self.book = None
            self.model.set_rows([])
            return
        got = call_service(self, lambda: register_book(self.state.db, semester.key))
        if not got:
            return
        self.book = got.value
        self.heading.setText(fill(self.tr("Registers and reports, %1"), (semester.label_zh,)))
        chosen = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for month in months_of(semester.start, semester.end):
            self.month.addItem(f"{month.year}年{month.month}月", month.isoformat())
        index = self.month.findData(chosen)
        self.month.setCurrentIndex(index if index >= 0 else max(0, self.month.findData(
            date.today().replace(day=1).isoformat())))
        self.month.blockSignals(False)
        self._fill_monthly()

    def _fill_monthly(self) -> None:
        if self.book is None:
            return
        month = self.chosen_month()
        got = call_service(self, lambda: monthly_report(self.state.db, month) if month else None)
        if not got:
            return
        self.report = got.value
        lines = [ReportLine(spec.name, spec.title, self.book.semester.label_zh, len(spec.lines(self.book)))
                 for spec in REGISTERS]
        if self.report is not None:
            lines.append(ReportLine(MONTHLY, "控辍保学月报", self.report.label, len(self.report.details)))
        selected = self.selected()
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        row = next((i for i, line in enumerate(lines) if selected and line.key == selected.key), 0)
        self.table.selectRow(row)

    def chosen_month(self) -> date | None:
        chosen = self.month.currentData()
        return date.fromisoformat(chosen) if chosen else None

    def selected(self) -> ReportLine | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    # ---- where it goes ----
    def _suggested(self, line: ReportLine, suffix: str) -> str:
        if line.key == MONTHLY and self.report is not None:
            return self.report.file_name(suffix)
        assert self.book is not None
        return self.book.file_name(line.title, suffix)

    def export_excel(self, everything: bool = False) -> QFileDialog | None:
        line = self.selected()
        if line is None or self.book is None:
            return None
        if everything:
            line = ReportLine("all", "控辍保学台账", self.book.semester.label_zh, 0)
        key = line.key
        return file_dialog(self, "excel", self.tr("Export to Excel"), self.tr("Excel workbook (*.xlsx)"),
                           lambda paths: self.export_to(paths[0], key), save_as=self._suggested(line, ".xlsx"),
                           suffix="xlsx")

    def _document(self, key: str) -> tuple[Any, list[RegisterSpec]]:
        """Read what the document shows now (full ID numbers only when asked, which the trail records)."""
        full = self.full_ids.isChecked()
        if key == MONTHLY:
            return monthly_report(self.state.db, self.chosen_month(), full_ids=full), []
        assert self.book is not None
        specs = list(REGISTERS) if key == "all" else [s for s in REGISTERS if s.name == key]
        return (register_book(self.state.db, self.book.semester, full_ids=True) if full else self.book), specs

    def export_to(self, path: Path, key: str) -> None:
        from schooldesk.exports.files import check_output

        got = call_service(self, lambda: (check_output(path, self.state.db.path.parent), self._document(key)))
        if not got:
            return
        path, (document, specs) = got.value
        db = self.state.db
        run_in_background(self, self.tr("Writing the workbook…"), lambda _progress: _write_xlsx(path, document, specs, db),
                          lambda result: self._saved(result.path))

    def _saved(self, path: Path) -> None:
        self.last_saved = path
        show_saved(self, path)

    def print_selected(self) -> None:
        line = self.selected()
        if line is None:
            return
        got = call_service(self, lambda: (self._document(line.key), pdf_font_path(self.state.db)))
        if not got:
            return
        (document, specs), font = got.value
        print_document(self, self._suggested(line, ".pdf"), lambda path: _write_pdf(path, document, specs, font),
                       self._shown)

    def _shown(self, preview: Any) -> None:
        self.preview = preview


def _write_xlsx(path: Path, document: Any, specs: list[RegisterSpec], db: Any = None) -> Any:
    if isinstance(document, MonthlyReport):
        from schooldesk.exports.monthly_report import write_monthly_report_xlsx
        from schooldesk.services.hand_ins import monthly_key, note_hand_in

        result = write_monthly_report_xlsx(path, document)
        if db is not None:  # the calendar's 月报 is done
            note_hand_in(db, monthly_key(document.month))
        return result
    from schooldesk.exports.registers import write_registers_xlsx

    return write_registers_xlsx(path, document, specs)


def _write_pdf(path: Path, document: Any, specs: list[RegisterSpec], font: Any) -> Any:
    if isinstance(document, MonthlyReport):
        from schooldesk.exports.monthly_report import write_monthly_report_pdf

        return write_monthly_report_pdf(path, document, font_path=font)
    from schooldesk.exports.registers import write_registers_pdf

    return write_registers_pdf(path, document, specs, font_path=font)
