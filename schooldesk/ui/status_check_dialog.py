"""学籍核查: the register against a fresh export of the 学籍 system — who is in one and not the other, and whose
name, birth date, ID number or class differ. Each line of the register opens the pupil's form, where the fix is
made (and kept in the audit trail)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from schooldesk.domain.errors import SchoolDeskError
from schooldesk.domain.i18n import fill
from schooldesk.i18n import error_text
from schooldesk.services.student_status_check import FIELDS, StatusCheck, check_student_status_file
from schooldesk.ui.background import Task, run_in_background
from schooldesk.ui.list_import_dialog import file_window_layout
from schooldesk.ui.saving import file_dialog
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import PUPILS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


@dataclass(frozen=True)
class CheckLine:
    kind: str
    name: str
    what: str
    row: int | None
    pupil_id: int | None


class StatusCheckDialog(PreservesGeometry, QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatusCheckDialog")
        self.setWindowTitle(self.tr("学籍核查: the register against the 学籍 system"))
        self.state = state
        self.task: Task | None = None
        self.pupil_dialog: QDialog | None = None
        self.file_label = QLabel(self.tr("Choose a fresh export of the 学籍 system (.xlsx or .xls): the pupils on roll "
                                         "are compared with it by 学籍号, ID number, or name and birth date."), self)
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("&Choose file…"), self)
        choose.clicked.connect(lambda: file_dialog(self, "student-status", self.windowTitle(),
                                                   self.tr("Excel workbooks (*.xlsx *.xls)"),
                                                   lambda paths: self.check(paths[0])))
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.model: RowTableModel[CheckLine] = RowTableModel([
            Column(self.tr("What"), lambda c: c.kind), Column(self.tr("Name"), lambda c: c.name, names=True),
            Column(self.tr("Detail"), lambda c: c.what), Column(self.tr("Row in the file"), lambda c: c.row or "")])
        self.table = record_table(self.model, self, word_wrap=True)
        self.table.activated.connect(lambda _i: self.open_pupil())
        self.open_button = QPushButton(self.tr("&Open the pupil…"), self)
        self.open_button.clicked.connect(self.open_pupil)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        file_window_layout(self, choose, buttons)
        self.resize(800, 480)
        self.restore_window_state()

    def check(self, path: Path) -> Task:
        self.file_label.setText(fill(self.tr("File: %1"), (str(path),)))
        self.model.set_rows([])
        db, year = self.state.db, self.state.school_year

        def failed(error: SchoolDeskError) -> None:
            self.summary.setText(error_text(error))

        self.task = run_in_background(self, self.tr("Comparing…"), lambda _p: check_student_status_file(db, path, year),
                                      self.show_check, failed=failed)
        return self.task

    def show_check(self, check: StatusCheck) -> None:
        lines = [CheckLine(self.tr("Only in the 学籍 system"), m.name, m.detail, m.row, None) for m in check.only_in_file]
        lines += [CheckLine(self.tr("Only in the register"), m.name, m.detail, None, m.pupil_id)
                  for m in check.only_in_register]
        lines += [CheckLine(self.tr("Differs"), d.name, fill(self.tr("%1: %2 here, %3 in the 学籍 system"),
                                                                (FIELDS[d.field], d.ours or "—", d.theirs)), d.row, d.pupil_id)
                  for d in check.differences]
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        self.summary.setText(fill(self.tr(
            "%1 rows read, %2 pupils on roll: %3 only in the 学籍 system, %4 only in the register, %5 differences."),
            tuple(str(n) for n in (check.rows_read, check.on_roll, len(check.only_in_file),
                                   len(check.only_in_register), len(check.differences)))))

    def open_pupil(self) -> None:
        from schooldesk.ui.dialogs.pupil_dialog import PupilDialog

        indexes = self.table.selectionModel().selectedRows()
        line = self.model.row_at(indexes[0].row()) if indexes else None
        if line is None or line.pupil_id is None:
            return
        got = call_service(self, lambda: PupilDialog(self.state.db, self.state.school_year, line.pupil_id, self))
        if got:
            self.pupil_dialog = got.value
            got.value.saved.connect(lambda _row: self.state.notify_changed(PUPILS))
            got.value.open()

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
