"""A pupil's profile: details, categories, support, dropout cases and the whole story in date order."""
from __future__ import annotations

from html import escape
from pathlib import Path
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from schooldesk.domain.i18n import fill
from schooldesk.services.care import CareRow
from schooldesk.domain.care import SUSPECTED_DROPOUT, care_kind
from schooldesk.services.dropout import CaseRow, VisitRow, confirm_dropout, delete_visit
from schooldesk.services.profile import PupilProfile, TimelineEntry, pupil_profile
from schooldesk.services.support import SupportRow, delete_support
from schooldesk.ui.dialogs.care_dialog import CareDialog
from schooldesk.ui.dialogs.dropout_dialogs import CloseCaseDialog, OpenCaseDialog, VisitDialog
from schooldesk.ui.dialogs.pupil_dialog import PupilDialog
from schooldesk.ui.dialogs.support_dialog import SupportDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.printing import print_document
from schooldesk.ui.summary import facts_html
from schooldesk.ui.state import (
    ACTIVITIES, CARE, CLASSES, DROPOUT, HOME_TEACHING, PUPILS, SUPPORT, TEACHERS, AppState,
)
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.dialogs.record_dialog import OpensRecordDialogs
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service


TABS = ("timeline", "care", "support", "cases")  # the tabs in order, for opening at one


class PupilProfileWindow(OpensRecordDialogs, PreservesGeometry, QDialog):
    """Opened from the pupil list; everything recorded about one pupil, with buttons to add more."""

    changes = frozenset({PUPILS, CARE, SUPPORT, DROPOUT})
    shows = frozenset({ACTIVITIES, HOME_TEACHING, CLASSES})  # the timeline and the class

    def __init__(self, state: AppState, pupil_id: int, parent: QWidget | None = None, *,
                 tab: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PupilProfileWindow")
        self.state, self.pupil_id = state, pupil_id
        self.profile: PupilProfile | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("profileSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("&Edit details…"), self)
        self.edit_button.clicked.connect(self.edit_pupil)
        self.print_button = QPushButton(self.tr("Print file"), self)
        self.print_button.setObjectName("printFileButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Print).toString(
            QKeySequence.SequenceFormat.NativeText))
        self.print_button.clicked.connect(self.print_file)
        self.preview: QWidget | None = None

        self.care_model: RowTableModel[CareRow] = RowTableModel([
            Column(self.tr("Category"), lambda c: c.name_zh),
            Column(self.tr("Details"), _labelled_details),
            Column(self.tr("From"), lambda c: c.start_date.isoformat()),
            Column(self.tr("Until"), lambda c: c.end_date.isoformat() if c.end_date else ""),
            Column(self.tr("Responsible teacher"), lambda c: c.responsible_teacher_name, names=True),
        ], dimmed=lambda c: c.end_date is not None)
        self.support_model: RowTableModel[SupportRow] = RowTableModel([
            Column(self.tr("Date"), lambda s: s.date.isoformat()),
            Column(self.tr("Teacher"), lambda s: s.teacher_name, names=True),
            Column(self.tr("Kind"), lambda s: s.kind),
            Column(self.tr("What was done"), lambda s: s.content),
            Column(self.tr("Effect"), lambda s: s.outcome),
        ])
        self.case_model: RowTableModel[CaseRow] = RowTableModel([
            Column(self.tr("Stopped coming"), lambda c: c.started_on.isoformat()),
            Column(self.tr("Reason"), lambda c: "：".join(filter(None, (c.reason, c.reason_note)))),
            Column(self.tr("Visits"), lambda c: len(c.visits)),
            Column(self.tr("Closed"), lambda c: c.closed_on.isoformat() if c.closed_on else self.tr("open")),
            Column(self.tr("Closed with"), lambda c: "：".join(filter(None, (c.outcome, c.outcome_note)))),
            Column(self.tr("Stage"), lambda c: c.stage),
        ], dimmed=lambda c: not c.is_open)
        self.visit_model: RowTableModel[tuple[CaseRow, VisitRow]] = RowTableModel([
            Column(self.tr("Visit date"), lambda cv: cv[1].date.isoformat()),
            Column(self.tr("Who went"), lambda cv: cv[1].visitors),
            Column(self.tr("Who was met"), lambda cv: cv[1].met_with),
            Column(self.tr("Result"), lambda cv: cv[1].result),
            Column(self.tr("What was said"), lambda cv: cv[1].conversation),
        ], dimmed=lambda cv: not cv[0].is_open)
        self.timeline_model: RowTableModel[TimelineEntry] = RowTableModel([
            Column(self.tr("Date"), lambda e: e.date.isoformat()),
            Column(self.tr("What"), lambda e: QCoreApplication.translate("Profile", e.what)),
            Column(self.tr("By"), lambda e: e.by),
            Column(self.tr("Record"), lambda e: e.text),
        ])
        self.tabs = QTabWidget(self)
        self.care_table = record_table(self.care_model, self, word_wrap=True)
        self.support_table = record_table(self.support_model, self)
        self.case_table = record_table(self.case_model, self)
        self.visit_table = record_table(self.visit_model, self)
        self.visit_table.setObjectName("returnVisits")
        self.support_table.setObjectName("supportRecords")
        self.timeline_table = record_table(self.timeline_model, self)
        self.add_care_button = QPushButton(self.tr("Add category…"), self)
        self.edit_care_button = QPushButton(self.tr("Edit category…"), self)
        self.add_support_button = QPushButton(self.tr("Add support record…"), self)
        self.edit_support_button = QPushButton(self.tr("Open support record…"), self)
        self.delete_support_button = QPushButton(self.tr("Delete support record"), self)
        self.edit_visit_button = QPushButton(self.tr("Open visit…"), self)
        self.delete_visit_button = QPushButton(self.tr("Delete visit"), self)
        self.edit_support_button.clicked.connect(self.edit_support)
        self.support_table.activated.connect(self.edit_support)
        self.delete_support_button.clicked.connect(self.confirm_delete_support)
        self.edit_visit_button.clicked.connect(self.edit_visit)
        self.visit_table.activated.connect(self.edit_visit)
        self.delete_visit_button.clicked.connect(self.confirm_delete_visit)
        self.question: QMessageBox | None = None
        self.open_case_button = QPushButton(self.tr("Pupil stopped coming…"), self)
        self.add_visit_button = QPushButton(self.tr("Log a visit…"), self)
        self.close_case_button = QPushButton(self.tr("Close the case…"), self)
        self.confirm_button = QPushButton(self.tr("Confirm dropout"), self)
        self.confirm_button.setToolTip(self.tr("A suspected dropout (疑似辍学) turned out to be one."))
        self.confirm_button.clicked.connect(self.confirm_dropout)
        self.print_case_button = QPushButton(self.tr("Print the persuade-to-return record"), self)
        self.print_case_button.clicked.connect(self.print_case)
        self.add_care_button.clicked.connect(lambda: self._open(CareDialog(
            state.db, pupil_id, parent=self, teacher_added=self._teacher_added)))
        self.edit_care_button.clicked.connect(self.edit_care)
        self.care_table.activated.connect(self.edit_care)
        self.add_support_button.clicked.connect(self.add_support)
        self.open_case_button.clicked.connect(lambda: self._open(OpenCaseDialog(state.db, pupil_id, self)))
        self.add_visit_button.clicked.connect(lambda: self._case_action(VisitDialog))
        self.close_case_button.clicked.connect(lambda: self._case_action(CloseCaseDialog))
        self.tabs.addTab(self._tab(self.timeline_table), self.tr("Everything, by date"))
        self.tabs.addTab(self._tab(self.care_table, self.add_care_button, self.edit_care_button), self.tr("Care categories"))
        self.tabs.addTab(self._tab(self.support_table, self.add_support_button, self.edit_support_button,
                                   self.delete_support_button), self.tr("Support records"))
        cases = self._tab(self.case_table, self.open_case_button, self.add_visit_button,
                          self.close_case_button, self.confirm_button, self.print_case_button)
        visits_title = QLabel(self.tr("Persuade-to-return visits"), cases)
        visits_title.setStyleSheet("font-weight: bold;")
        visit_bar = QHBoxLayout()
        visit_bar.addWidget(visits_title)
        visit_bar.addStretch(1)
        visit_bar.addWidget(self.edit_visit_button)
        visit_bar.addWidget(self.delete_visit_button)
        cases.layout().addLayout(visit_bar)  # type: ignore[union-attr]
        cases.layout().addWidget(self.visit_table)  # type: ignore[union-attr]
        self.tabs.addTab(cases, self.tr("Dropout and return"))
        if tab is not None:
            self.tabs.setCurrentIndex(TABS.index(tab))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.resize(900, 600)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def _tab(self, table: QTableView, *buttons: QPushButton) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        if buttons:
            bar = QHBoxLayout()
            for button in buttons:
                bar.addWidget(button)
            bar.addStretch(1)
            column.addLayout(bar)
        column.addWidget(table)
        return page

    def refresh(self) -> None:
        got = call_service(self,
                           lambda: pupil_profile(self.state.db, self.pupil_id, self.state.school_year), on_gone=self.record_gone)
        if not got:
            return
        profile = got.value
        self.profile = profile
        d = profile.details
        self.setWindowTitle(fill(self.tr("%1 — Pupil profile"), (d.name,)))
        guardians = "；".join(
            " ".join(filter(None, (g.relation, g.name, g.phone, g.workplace))) for g in d.guardians if g.name
        )
        facts = [
            (self.tr("Class"), profile.class_name), (self.tr("Gender"), d.gender),
            (self.tr("Birth date"), d.birth_date.isoformat() if d.birth_date else ""),
            (self.tr("Ethnicity"), d.ethnicity), (self.tr("ID number"), profile.id_number_masked),
            (self.tr("Student number"), profile.student_number_masked), (self.tr("Status"), d.status),
            (self.tr("Address"), d.address), (self.tr("Guardians"), guardians),
        ]
        open_care = "、".join(c.name_zh for c in profile.care if c.end_date is None)
        self.summary.setText(
            f"<span style='font-size:16pt;font-weight:bold'>{escape(d.name)}</span>"
            f"&nbsp;&nbsp;<span style='color:#b03a2e'>{escape(open_care)}</span><br>"
            + facts_html(facts)
        )
        self.care_model.set_rows(profile.care)
        self.support_model.set_rows(profile.support)
        self.case_model.set_rows(profile.cases)
        self.visit_model.set_rows([(case, visit) for case in profile.cases for visit in case.visits])
        self.timeline_model.set_rows(profile.timeline)
        for table in (self.care_table, self.support_table, self.case_table, self.visit_table, self.timeline_table):
            table.resizeColumnsToContents()
        open_case = self.open_case()
        keeper = self.state.keeps_records  # a teacher may still add their own support records
        self.open_case_button.setEnabled(open_case is None and keeper)
        self.add_visit_button.setEnabled(open_case is not None and keeper)
        self.close_case_button.setEnabled(open_case is not None and keeper)
        self.print_case_button.setEnabled(bool(profile.cases))
        self.confirm_button.setEnabled(open_case is not None and open_case.stage == SUSPECTED_DROPOUT and keeper)
        for button in (self.edit_button, self.add_care_button, self.edit_care_button):
            button.setEnabled(keeper)
        self.edit_visit_button.setEnabled(keeper and bool(self.visit_model.rowCount()))
        self.delete_visit_button.setEnabled(keeper and bool(self.visit_model.rowCount()))
        self.edit_support_button.setEnabled(bool(profile.support))
        self.delete_support_button.setEnabled(bool(profile.support))

    def open_case(self) -> CaseRow | None:
        return next((c for c in (self.profile.cases if self.profile else ()) if c.is_open), None)

    def _case_action(self, dialog_class: type) -> None:
        case = self.open_case()
        if case is not None:
            self._open(dialog_class(self.state.db, case.id, self))

    @property
    def _teacher_added(self) -> Callable[[], None] | None:
        """新增教师… in a form's teacher list, for those who keep the teachers."""
        return (lambda: self.state.notify_changed(TEACHERS)) if self.state.keeps_records else None

    def edit_care(self) -> None:
        indexes = self.care_table.selectionModel().selectedRows()
        if indexes:
            self._open(CareDialog(self.state.db, self.pupil_id, self.care_model.row_at(indexes[0].row()), self,
                                  teacher_added=self._teacher_added))

    def add_support(self) -> None:
        responsible = next((c.responsible_teacher_id for c in (self.profile.care if self.profile else ())
                            if c.end_date is None and c.responsible_teacher_id), None)
        if not self.state.keeps_records and self.state.user is not None:
            responsible = self.state.user.teacher_id  # a teacher records the support they gave
        self._open(SupportDialog(self.state.db, self.pupil_id, default_teacher=responsible, parent=self,
                                 teacher_added=self._teacher_added))

    def _selected(self, table: QTableView, model: RowTableModel[Any]) -> Any:
        indexes = table.selectionModel().selectedRows()
        return model.row_at(indexes[0].row()) if indexes else None

    def edit_support(self) -> None:
        """Open a support record to correct it (the service refuses a teacher someone else's record)."""
        record = self._selected(self.support_table, self.support_model)
        if record is not None:
            self._open(SupportDialog(self.state.db, self.pupil_id, record, parent=self,
                                     teacher_added=self._teacher_added))

    def confirm_delete_support(self) -> QMessageBox | None:
        record: SupportRow | None = self._selected(self.support_table, self.support_model)
        if record is None:
            return None
        text = fill(self.tr("Delete the support record of %1 (%2)? The audit trail keeps what it said."),
                    (record.date.isoformat(), record.kind))
        self.question = ask_yes_no(self, text, lambda: self._delete(delete_support, record.id))
        return self.question

    def edit_visit(self) -> None:
        chosen = self._selected(self.visit_table, self.visit_model)
        if chosen is not None:
            case, visit = chosen
            self._open(VisitDialog(self.state.db, case.id, self, visit=visit))

    def confirm_delete_visit(self) -> QMessageBox | None:
        chosen = self._selected(self.visit_table, self.visit_model)
        if chosen is None:
            return None
        visit: VisitRow = chosen[1]
        text = fill(self.tr("Delete the persuade-to-return visit of %1? The audit trail keeps what it said."),
                    (visit.date.isoformat(),))
        self.question = ask_yes_no(self, text, lambda: self._delete(delete_visit, visit.id))
        return self.question

    def _delete(self, delete: Any, record_id: int) -> None:
        if call_service(self, lambda: delete(self.state.db, record_id)):
            self._changed()

    def confirm_dropout(self) -> None:
        case = self.open_case()
        if case is None:
            return
        if call_service(self, lambda: confirm_dropout(self.state.db, case.id)):
            self._changed()

    # ---- printing: 学生档案 and 劝返记录表 ----
    def print_file(self) -> None:
        self._print(self.tr("Print file"), None)

    def print_case(self) -> None:
        """The selected case's 劝返记录表 (or the open one, or the latest)."""
        indexes = self.case_table.selectionModel().selectedRows()
        cases = self.profile.cases if self.profile else ()
        case = self.case_model.row_at(indexes[0].row()) if indexes else (self.open_case() or (cases[-1] if cases else None))
        if case is not None:
            self._print(self.tr("Print the persuade-to-return record"), case.id)

    def _print(self, what: str, case_id: int | None) -> None:
        from schooldesk.services.print_settings import pdf_font_path
        from schooldesk.services.pupil_file import pupil_file

        got = call_service(self,
                           lambda: (pupil_file(self.state.db, self.pupil_id, self.state.school_year), pdf_font_path(self.state.db)))
        if not got:
            return
        file, font = got.value
        print_document(self, file.file_name(case_id), lambda path: _write(path, file, case_id, font), self._shown)

    def _shown(self, preview: QWidget) -> None:
        self.preview = preview

    def edit_pupil(self) -> None:
        self._open(PupilDialog(self.state.db, self.state.school_year, self.pupil_id, self))

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)


def _write(path: Path, file: Any, case_id: int | None, font: Any) -> Any:
    from schooldesk.exports.pupil_file_pdf import write_case_pdf, write_pupil_file_pdf

    if case_id is not None:
        return write_case_pdf(path, file, case_id, font_path=font)
    return write_pupil_file_pdf(path, file, font_path=font)


def _labelled_details(row: CareRow) -> str:
    """父亲电话：139…；委托监护人：王大爷 — each value with its name (whose phone is whose)."""
    return "；".join(f"{QCoreApplication.translate('Care', f.label)}：{row.details[f.key]}"
                    for f in care_kind(row.kind).details if row.details.get(f.key))
