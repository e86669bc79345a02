"""One teacher's file (教师专业成长档案): what they did this semester (counted from the records, never typed
again), their training, 师德 (for the principal and the office), honours and exchanges with add, edit and
delete, and the printed file for the semester or the school year."""
from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.domain.teacher_growth import hours_text
from schooldesk.services.teacher_file import FilePeriod, TeacherFile, file_period, teacher_file
from schooldesk.services.teacher_records import TeacherRecord, delete_teacher_record
from schooldesk.ui.dialogs.record_dialog import OpensRecordDialogs, RecordDialog
from schooldesk.ui.dialogs.teacher_record_dialogs import DIALOGS
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.printing import print_document
from schooldesk.ui.service_call import call_service
from schooldesk.ui.state import ACTIVITIES, HOME_TEACHING, MENTORSHIP, OBSERVATIONS, SEMESTERS, TEACHER_FILE, TEACHERS, AppState
from schooldesk.ui.summary import facts_html
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


class TeacherFileWindow(OpensRecordDialogs, PreservesGeometry, QDialog):
    changes = frozenset({TEACHER_FILE})
    shows = frozenset({TEACHERS, OBSERVATIONS, MENTORSHIP, ACTIVITIES, HOME_TEACHING, SEMESTERS})

    def __init__(self, state: AppState, teacher_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeacherFileWindow")
        self.state, self.teacher_id = state, teacher_id
        self.file: TeacherFile | None = None
        self.preview: Any = None
        self.summary = QLabel(self)
        self.summary.setObjectName("teacherSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.period = QComboBox(self)
        self.period.setObjectName("periodBox")
        self.period.addItem(self.tr("This semester"), "semester")
        self.period.addItem(self.tr("This school year"), "year")
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowTableModel[TeacherRecord]] = {}
        self.tables: dict[str, Any] = {}
        for family, title, columns in (
            ("teacher_training", self.tr("Training"), [
                Column(self.tr("Programme"), lambda r: r.programme), Column(self.tr("Level"), lambda r: r.level),
                Column(self.tr("From"), lambda r: _day(r.start_date)), Column(self.tr("Until"), lambda r: _day(r.end_date)),
                Column(self.tr("Hours"), lambda r: hours_text(r.hours)), Column(self.tr("Organised by"), lambda r: r.organiser),
                Column(self.tr("Photos"), lambda r: len(r.photos))]),
            ("teacher_ethics", self.tr("师德"), [
                Column(self.tr("Date"), lambda r: _day(r.date)), Column(self.tr("Kind"), lambda r: r.kind),
                Column(self.tr("Grade"), lambda r: r.grade), Column(self.tr("What it says"), lambda r: r.content),
                Column(self.tr("How it was handled"), lambda r: r.handling)]),
            ("teacher_honour", self.tr("Honours and competitions"), [
                Column(self.tr("Date"), lambda r: _day(r.date)), Column(self.tr("Title or competition"), lambda r: r.title),
                Column(self.tr("Level"), lambda r: r.level), Column(self.tr("Prize or grade"), lambda r: r.award),
                Column(self.tr("Given by"), lambda r: r.issuer), Column(self.tr("Photos"), lambda r: len(r.photos))]),
            ("teacher_exchange", self.tr("Exchanges"), [
                Column(self.tr("Kind"), lambda r: r.kind), Column(self.tr("Where"), lambda r: r.place),
                Column(self.tr("From"), lambda r: _day(r.start_date)), Column(self.tr("Until"), lambda r: _day(r.end_date)),
                Column(self.tr("Notes"), lambda r: r.note)]),
        ):
            model: RowTableModel[TeacherRecord] = RowTableModel(columns)
            table = record_table(model, self)
            table.setObjectName(f"{family}Table")
            table.activated.connect(lambda _i: self.edit_record())
            table.selectionModel().selectionChanged.connect(self._update_buttons)
            self.models[family], self.tables[family] = model, table
            self.tabs.addTab(table, title)
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.print_button = QPushButton(self.tr("&Print file…"), self)
        self.print_button.setObjectName("printTeacherFile")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        for button, slot in ((self.add_button, self.add_record), (self.edit_button, self.edit_record),
                             (self.delete_button, self.confirm_delete), (self.print_button, self.print_file)):
            button.clicked.connect(slot)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_record)
        bar = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Counts for:"), self))
        bar.addWidget(self.period)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.resize(960, 600)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def chosen_period(self) -> FilePeriod:
        semester = self.state.semester
        code = semester.key.code if semester else None
        if self.period.currentData() == "year":
            return file_period(self.state.db, year=str(semester.key.school_year) if semester else None)
        return file_period(self.state.db, code)

    def refresh(self) -> None:
        got = call_service(self, lambda: teacher_file(self.state.db, self.teacher_id, self.chosen_period()),
                           on_gone=self.record_gone)
        if not got:
            return
        self.file = file = got.value
        t, f = file.teacher, file.figures
        self.setWindowTitle(fill(self.tr("%1 — teacher's file, %2"), (t.name, file.period.label)))
        facts = [(self.tr("Duties"), "、".join(f.duties)), (self.tr("Lessons observed"), str(f.lessons_observed)),
                 (self.tr("Lessons observed by others"), fill(self.tr("%1 (from outside the school: %2)"), (
                     str(f.lessons_received), str(f.lessons_received_from_outside)))),
                 (self.tr("Training hours"), hours_text(f.training_hours)), (self.tr("Home visits"), str(f.home_visits)),
                 (self.tr("Home teaching visits"), str(f.home_teaching_visits)),
                 (self.tr("Mentoring"), fill(self.tr("mentor of %1, apprentice of %2, %3 guidance records"), (
                     str(f.mentor_of), str(f.apprentice_of), str(f.guidance_records))))]
        self.summary.setText(f"<span style='font-size:15pt;font-weight:bold'>{escape(t.name)}</span>&nbsp;&nbsp;"
                             + facts_html(facts))
        for family, rows in (("teacher_training", file.training), ("teacher_honour", file.honours),
                             ("teacher_exchange", file.exchanges), ("teacher_ethics", file.ethics or ())):
            self.models[family].set_rows(list(rows))
            self.tables[family].resizeColumnsToContents()
        ethics_tab = self.tabs.indexOf(self.tables["teacher_ethics"])
        self.tabs.setTabVisible(ethics_tab, file.ethics is not None)  # 师德: the principal and the office only
        self._update_buttons()

    def family(self) -> str:
        table = self.tabs.currentWidget()
        return next(f for f, t in self.tables.items() if t is table)

    def selected(self) -> TeacherRecord | None:
        table = self.tables[self.family()]
        indexes = table.selectionModel().selectedRows()
        return self.models[self.family()].row_at(indexes[0].row()) if indexes else None

    @property
    def may_write(self) -> bool:
        """The teacher themselves and the office; 师德 the office only."""
        user = self.state.user
        if self.state.keeps_records:
            return True
        own = user is not None and user.actor.teacher_id == self.teacher_id
        return own and self.family() != "teacher_ethics"

    def _update_buttons(self) -> None:
        row, write = self.selected(), self.may_write
        self.add_button.setEnabled(write)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(write and row is not None)

    def add_record(self) -> RecordDialog | None:
        if not self.may_write:
            return None
        return self._open(DIALOGS[self.family()](self.state.db, self.teacher_id, None, self))

    def edit_record(self) -> RecordDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = self._open(DIALOGS[row.family](self.state.db, self.teacher_id, row, self))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(self.may_write)  # others only read
        return dialog

    def confirm_delete(self) -> None:
        row = self.selected()
        if row is None:
            return
        what = self.tabs.tabText(self.tabs.currentIndex())
        ask_yes_no(self, fill(self.tr("Delete this record (%1)?"), (what,)), lambda: self._delete(row))

    def _delete(self, row: TeacherRecord) -> None:
        if call_service(self, lambda: delete_teacher_record(self.state.db, row.family, row.id)):
            self._changed()

    def print_file(self) -> None:
        from schooldesk.exports.teacher_file_pdf import write_teacher_file_pdf
        from schooldesk.services.print_settings import pdf_font_path

        got = call_service(self, lambda: (teacher_file(self.state.db, self.teacher_id, self.chosen_period()),
                                          pdf_font_path(self.state.db)))
        if not got:
            return
        file, font = got.value
        print_document(self, file.file_name, lambda path: write_teacher_file_pdf(path, file, font_path=font),
                       lambda preview: setattr(self, "preview", preview))
