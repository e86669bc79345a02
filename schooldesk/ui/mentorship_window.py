"""One mentoring pair: its details, targets against what was done this semester, every guidance record and
linked observation in date order, the assessment, and printing."""
from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from schooldesk.domain.i18n import fill
from schooldesk.domain.mentorship import PERIODS, TargetProgress
from schooldesk.services.mentorship import PairActivity, delete_guidance, pair_activities
from schooldesk.services.mentorship_assessment import get_assessment
from schooldesk.services.mentorship_targets import PairProgress, pair_progress
from schooldesk.services.print_settings import pdf_font_path
from schooldesk.ui.dialogs.mentorship_dialogs import AssessmentDialog, GuidanceDialog, PairDialog
from schooldesk.ui.dialogs.record_dialog import OpensRecordDialogs
from schooldesk.ui.errors import ask_yes_no, show_notice
from schooldesk.ui.printing import print_read
from schooldesk.ui.state import MENTORSHIP, OBSERVATIONS, RULES, SEMESTERS, TEACHERS, AppState
from schooldesk.ui.summary import facts_html
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.tables import record_table
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service


class PairWindow(OpensRecordDialogs, PreservesGeometry, QDialog):
    changes = frozenset({MENTORSHIP})
    shows = frozenset({OBSERVATIONS, TEACHERS, RULES, SEMESTERS})  # observations between the two count here

    def __init__(self, state: AppState, pair_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PairWindow")
        self.state, self.pair_id = state, pair_id
        self.progress: PairProgress | None = None
        self.preview: Any = None
        self.summary = QLabel(self)
        self.summary.setObjectName("pairSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.target_model: RowTableModel[TargetProgress] = RowTableModel([
            Column(self.tr("Target"), lambda t: t.name),
            Column(self.tr("How often"), lambda t: PERIODS[t.per]),
            Column(self.tr("Done / required"), lambda t: f"{t.done} / {t.required}", lambda t: (t.done - t.required,)),
            Column(self.tr("Due by now"), lambda t: t.due_now),
            Column(self.tr("Standing"), self._standing),
        ], dimmed=lambda t: t.met)
        self.activity_model: RowTableModel[PairActivity] = RowTableModel([
            Column(self.tr("Date"), lambda a: a.date),
            Column(self.tr("Kind"), lambda a: a.kind),
            Column(self.tr("Title or topic"), lambda a: a.topic),
            Column(self.tr("Score"), lambda a: a.score),
            Column(self.tr("Photos"), lambda a: len(a.photos)),
            Column(self.tr("What was done"), lambda a: a.content.replace("\n", " ")),
        ])
        self.target_table = record_table(self.target_model, self)
        self.target_table.setObjectName("targetTable")
        self.activity_table = record_table(self.activity_model, self)
        self.activity_table.setObjectName("activityTable")
        self.activity_table.activated.connect(lambda _i: self.edit_record())
        self.activity_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(self.tr("&Add a record…"), self)
        self.edit_button = QPushButton(self.tr("&Edit record…"), self)
        self.delete_button = QPushButton(self.tr("&Delete record"), self)
        self.pair_button = QPushButton(self.tr("Edit &pair…"), self)
        self.assessment_button = QPushButton(self.tr("A&ssessment…"), self)
        self.agreement_button = QPushButton(self.tr("Print a&greement…"), self)
        self.record_button = QPushButton(self.tr("Print semester &record…"), self)
        self.assessment_print_button = QPushButton(self.tr("Print assessment &form…"), self)
        for button, slot in ((self.add_button, self.add_record), (self.edit_button, self.edit_record),
                             (self.delete_button, self.confirm_delete), (self.pair_button, self.edit_pair),
                             (self.assessment_button, self.open_assessment),
                             (self.agreement_button, lambda: self.print("agreement")),
                             (self.record_button, lambda: self.print("pair_record")),
                             (self.assessment_print_button, lambda: self.print("assessment"))):
            button.clicked.connect(slot)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_record)
        records = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.pair_button, self.assessment_button):
            records.addWidget(button)
        records.addStretch(1)
        printing = QHBoxLayout()
        for button in (self.agreement_button, self.record_button, self.assessment_print_button):
            printing.addWidget(button)
        printing.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.target_table)
        splitter.addWidget(self.activity_table)
        splitter.setSizes([150, 320])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(records)
        layout.addWidget(splitter, 1)
        layout.addLayout(printing)
        self.resize(980, 640)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def _standing(self, target: TargetProgress) -> str:
        if target.met:
            return self.tr("done")
        return fill(self.tr("behind by %1"), (str(target.due_now - target.done),)) if target.behind else self.tr("on track")

    @property
    def is_member(self) -> bool:
        """The mentor or the apprentice (signed in as a teacher) add to their own pair; the office to any."""
        user, progress = self.state.user, self.progress
        if self.state.keeps_records:
            return True
        return user is not None and progress is not None and user.actor.teacher_id in (
            progress.pair.mentor.id, progress.pair.apprentice.id)

    def refresh(self) -> None:
        semester = self.state.semester
        if semester is None:
            return
        got = call_service(self, lambda: (pair_progress(self.state.db, self.pair_id, semester.key, date.today()),
                                          pair_activities(self.state.db, self.pair_id)), on_gone=self.record_gone)
        if not got:
            return
        self.progress, activities = got.value
        pair = self.progress.pair
        self.setWindowTitle(fill(self.tr("%1 — mentoring pair, %2"), (pair.names, semester.label_zh)))
        facts = [(self.tr("Subject"), pair.subject), (self.tr("Kind of pairing"), pair.pairing_type),
                 (self.tr("Agreement"), pair.agreement_date.isoformat()), (self.tr("Status"), pair.status),
                 (self.tr("Goals"), pair.goals)]
        self.summary.setText(f"<span style='font-size:15pt;font-weight:bold'>{escape(pair.names)}</span>&nbsp;&nbsp;"
                             + facts_html(facts))
        self.target_model.set_rows(self.progress.targets)
        self.activity_model.set_rows(activities)
        self.target_table.resizeColumnsToContents()
        self.activity_table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> PairActivity | None:
        indexes = self.activity_table.selectionModel().selectedRows()
        return self.activity_model.row_at(indexes[0].row()) if indexes else None

    def _update_buttons(self) -> None:
        row = self.selected()
        member = self.is_member
        self.add_button.setEnabled(member)
        self.edit_button.setEnabled(member and row is not None)
        self.delete_button.setEnabled(member and row is not None and not row.is_observation)
        for button in (self.pair_button, self.assessment_button):
            button.setEnabled(self.state.keeps_records)

    def add_record(self) -> GuidanceDialog | None:
        if self.progress is None or not self.is_member:
            return None
        return self._open(GuidanceDialog(self.state.db, self.progress.pair, parent=self))  # type: ignore[return-value]

    def edit_record(self) -> GuidanceDialog | None:
        row = self.selected()
        if row is None or self.progress is None:
            return None
        if row.is_observation:  # recorded once, on the 听课评课 page; it only counts here
            show_notice(self, self.tr("This is a lesson observation between the two; change it on the lesson "
                                      "observation page."))
            return None
        dialog = self._open(GuidanceDialog(self.state.db, self.progress.pair, row, self))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).setEnabled(self.is_member)  # others only read
        return dialog  # type: ignore[return-value]

    def edit_pair(self) -> PairDialog | None:
        if self.progress is None:
            return None
        from schooldesk.services.teachers import list_teachers

        pair = self.progress.pair
        return self._open(PairDialog(self.state.db, pair.school_year, list_teachers(self.state.db), pair, self))  # type: ignore[return-value]

    def open_assessment(self) -> AssessmentDialog | None:
        if self.progress is None:
            return None
        got = call_service(self, lambda: get_assessment(self.state.db, self.pair_id, date.today()))
        if not got:
            return None
        assessment = got.value
        return self._open(AssessmentDialog(self.state.db, self.progress.pair, assessment, self))  # type: ignore[return-value]

    def confirm_delete(self) -> None:
        row = self.selected()
        if row is None or row.guidance_id is None:
            return
        ask_yes_no(self, fill(self.tr("Delete the record of %1 (%2)?"), (row.date.isoformat(), row.kind)),
                   lambda: self._delete(row.guidance_id))

    def _delete(self, record_id: int | None) -> None:
        if call_service(self, lambda: delete_guidance(self.state.db, record_id or 0)):
            self._changed()

    def print(self, document: str) -> None:
        from schooldesk.services import mentorship_print as documents

        semester = self.state.semester
        readers = {
            "agreement": lambda: documents.agreement_document(self.state.db, self.pair_id),
            "pair_record": lambda: documents.pair_record_document(self.state.db, self.pair_id, semester.key, date.today()),
            "assessment": lambda: documents.assessment_document(self.state.db, self.pair_id, date.today()),
        }

        def write(path: Any, found: Any, font: Any) -> Any:
            from schooldesk.exports import mentorship_pdf

            return getattr(mentorship_pdf, f"write_{document}_pdf")(path, found, font_path=font)

        print_read(self, readers[document], write, lambda: pdf_font_path(self.state.db), self._shown)

    def _shown(self, preview: Any) -> None:
        self.preview = preview

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
