"""师徒结对 page: the school year's pairs with their progress this semester; a pair opens in its own window."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.domain.mentorship import STATUSES
from schooldesk.domain.semester import school_year_label_zh
from schooldesk.services.mentorship import carry_into_next_year, delete_pair
from schooldesk.services.mentorship_targets import PairProgress, year_progress
from schooldesk.services.teachers import list_teachers
from schooldesk.ui.dialogs.mentorship_dialogs import PairDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.mentorship_window import PairWindow
from schooldesk.ui.state import MENTORSHIP, OBSERVATIONS, RULES, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowSortProxy, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.service_call import call_service


class MentorshipPage(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MentorshipPage")
        self.state = state
        self.window_for_pair: PairWindow | None = None
        self.dialog: Any = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(self.tr("(all)"), "")
        for status in STATUSES:
            self.status_filter.addItem(status, status)
        self.status_filter.activated.connect(lambda _i: self.refresh())
        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("findBox")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setPlaceholderText(self.tr("Find (Ctrl+F)"))
        self.model: RowTableModel[PairProgress] = RowTableModel([
            Column(self.tr("Mentor"), lambda r: r.pair.mentor.name, names=True),
            Column(self.tr("Apprentice"), lambda r: r.pair.apprentice.name, names=True),
            Column(self.tr("Subject"), lambda r: r.pair.subject),
            Column(self.tr("Kind of pairing"), lambda r: r.pair.pairing_type),
            Column(self.tr("Agreement"), lambda r: r.pair.agreement_date),
            Column(self.tr("Status"), lambda r: r.pair.status),
            Column(self.tr("Standing"), lambda r: self.tr("behind") if r.behind else self.tr("on track"),
                   lambda r: (not r.behind,)),
            Column(self.tr("Targets (done / required)"), lambda r: r.summary),
        ], dimmed=lambda r: r.pair.status != STATUSES[0])
        self.proxy = RowSortProxy(self.model, self)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = record_table(self.proxy, self)
        self.table.setObjectName("pairTable")
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_button = QPushButton(self.tr("&New pair…"), self)
        self.open_button = QPushButton(self.tr("&Open…"), self)
        self.edit_button = QPushButton(self.tr("&Edit pair…"), self)
        self.carry_button = QPushButton(self.tr("&Carry into next year"), self)
        self.delete_button = QPushButton(self.tr("&Delete pair"), self)
        self.excel_button = QPushButton(self.tr("E&xcel…"), self)
        for button, slot in ((self.new_button, self.new_record), (self.open_button, self.open_selected),
                             (self.edit_button, self.edit_selected), (self.carry_button, self.confirm_carry),
                             (self.delete_button, self.confirm_delete), (self.excel_button, self.export_excel)):
            button.clicked.connect(slot)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Status:"), self))
        bar.addWidget(self.status_filter)
        bar.addWidget(self.find_box, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.new_button, self.open_button, self.edit_button, self.carry_button, self.delete_button,
                       self.excel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(bar)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        state.watch(self, {MENTORSHIP, OBSERVATIONS, TEACHERS, RULES}, self.refresh)
        state.semester_changed.connect(lambda _semester: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        semester = self.state.semester
        self.new_button.setEnabled(semester is not None and self.state.keeps_records)
        if semester is None:
            self.heading.setText(self.tr("No semester has been set up."))
            return
        selected = self.selected()
        got = call_service(self,
                           lambda: year_progress(self.state.db, semester.key.school_year, semester.key, date.today()))
        if not got:
            return
        rows = got.value
        status = self.status_filter.currentData()
        rows = [r for r in rows if not status or r.pair.status == status]
        self.model.set_rows(rows)
        behind = sum(1 for r in rows if r.behind)
        self.heading.setText(fill(self.tr("Mentoring pairs, %1: %2 pairs, %3 behind their targets (%4)"), (
            school_year_label_zh(semester.key.school_year), str(len(rows)), str(behind), semester.label_zh)))
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select_pair(selected.pair.id)
        self._update_buttons()

    def selected(self) -> PairProgress | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row()) if indexes else None

    def select_pair(self, pair_id: int) -> None:
        for source_row, row in enumerate(self.model.rows()):
            if row.pair.id == pair_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.open_button.setEnabled(chosen)
        for button in (self.edit_button, self.carry_button, self.delete_button):
            button.setEnabled(chosen and self.state.keeps_records)

    def focus_find(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def new_record(self) -> PairDialog | None:
        if self.state.semester is None or not self.state.keeps_records:
            return None
        return self._open_dialog(None)

    def edit_selected(self) -> PairDialog | None:
        row = self.selected()
        return self._open_dialog(row) if row is not None else None

    def _open_dialog(self, row: PairProgress | None) -> PairDialog | None:
        got = call_service(self, lambda: list_teachers(self.state.db))
        if not got:
            return None
        teachers = got.value
        self.dialog = PairDialog(self.state.db, self.state.school_year, teachers, row.pair if row else None, self)
        self.dialog.saved.connect(lambda pair: self._changed(pair.id))
        self.dialog.open()
        return self.dialog

    def _changed(self, pair_id: int | None = None) -> None:
        self.state.notify_changed(MENTORSHIP)
        if pair_id is not None:
            self.select_pair(pair_id)

    def open_selected(self) -> PairWindow | None:
        row = self.selected()
        if row is None:
            return None
        self.window_for_pair = PairWindow(self.state, row.pair.id, self)
        self.window_for_pair.finished.connect(lambda _r: self.refresh())
        self.window_for_pair.show()
        return self.window_for_pair

    def confirm_carry(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        text = fill(self.tr("Pair %1 again for %2? This year's pairing is then marked 期满."),
                    (row.pair.names, school_year_label_zh(row.pair.school_year + 1)))
        return ask_yes_no(self, text, lambda: self._act(lambda: carry_into_next_year(self.state.db, row.pair.id)))

    def confirm_delete(self) -> QMessageBox | None:
        row = self.selected()
        if row is None:
            return None
        return ask_yes_no(self, fill(self.tr("Delete the pair %1?"), (row.pair.names,)),
                          lambda: self._act(lambda: delete_pair(self.state.db, row.pair.id)))

    def _act(self, action: Any) -> None:
        if call_service(self, action):
            self._changed()

    def export_excel(self) -> Any:
        semester = self.state.semester
        if semester is None:
            return None
        from schooldesk.exports.mentorship_pdf import write_mentorship_xlsx
        from schooldesk.services.mentorship_print import mentorship_book
        from schooldesk.ui.printing import save_workbook

        self.saved_box = None
        return save_workbook(self, self.state.db.path.parent, lambda: mentorship_book(
            self.state.db, semester.key.school_year, semester.key, date.today()), write_mentorship_xlsx,
            lambda box: setattr(self, "saved_box", box))
