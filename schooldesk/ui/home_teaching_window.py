"""One child's 送教上门 semester: the plan, month by month against the rule, the visits, and printing."""
from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from schooldesk.domain.home_teaching import BEHIND, IN_PROGRESS, MET, NOT_YET, MonthCompliance, hours_text
from schooldesk.domain.i18n import fill
from schooldesk.services.home_teaching import VisitRow, delete_visit
from schooldesk.services.home_teaching_log import HomeTeachingLog, home_teaching_log
from schooldesk.services.print_settings import pdf_font_path
from schooldesk.ui.dialogs.home_teaching_dialogs import HomeVisitDialog, PlanDialog
from schooldesk.ui.errors import ask_yes_no
from schooldesk.ui.printing import print_document

if TYPE_CHECKING:  # QtPdf and QtPrintSupport load when something is printed
    from schooldesk.ui.print_preview import PdfPreviewDialog
from schooldesk.ui.summary import facts_html
from schooldesk.ui.state import CARE, CLASSES, HOME_TEACHING, PUPILS, RULES, SUPPORT, TEACHERS, AppState
from schooldesk.ui.table_model import Column, RowTableModel
from schooldesk.ui.month_text import visits_text
from schooldesk.ui.tables import record_table
from schooldesk.ui.dialogs.record_dialog import OpensRecordDialogs
from schooldesk.ui.window_state import PreservesGeometry
from schooldesk.ui.service_call import call_service


class HomeTeachingWindow(OpensRecordDialogs, PreservesGeometry, QDialog):
    changes = frozenset({HOME_TEACHING, SUPPORT})  # a visit counts as support contact too
    shows = frozenset({PUPILS, CARE, CLASSES, TEACHERS, RULES})  # the child, the teachers, the rule in force
    def __init__(self, state: AppState, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HomeTeachingWindow")
        self.state, self.plan_id = state, plan_id
        self.log: HomeTeachingLog | None = None
        self.preview: PdfPreviewDialog | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("planSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        states = {MET: self.tr("met"), NOT_YET: self.tr("not yet"), IN_PROGRESS: self.tr("this month, so far short"),
                  BEHIND: self.tr("short")}
        today = date.today()
        self.month_model: RowTableModel[MonthCompliance] = RowTableModel([
            Column(self.tr("Month"), lambda m: m.label, lambda m: m.month),
            Column(self.tr("Visits required"), lambda m: m.required_visits),
            Column(self.tr("Visits made"), visits_text),
            Column(self.tr("Lesson periods (made / required)"), lambda m: f"{m.periods:g} / {m.required_periods}"),
            Column(self.tr("Standing"), lambda m: states[m.state(today)]),
        ], dimmed=lambda m: m.state(today) == NOT_YET)
        self.visit_model: RowTableModel[VisitRow] = RowTableModel([
            Column(self.tr("No."), lambda v: v.id),  # what print-home-teaching --visit takes
            Column(self.tr("Date"), lambda v: v.date.isoformat()),
            Column(self.tr("Time"), lambda v: v.time_text),
            Column(self.tr("Length"), lambda v: hours_text(v.minutes), lambda v: v.minutes),
            Column(self.tr("Teachers"), lambda v: v.teacher_names, names=True),
            Column(self.tr("Content"), lambda v: "、".join(v.content_kinds)),
            Column(self.tr("Photos"), lambda v: len(v.photos)),
            Column(self.tr("What was taught"), lambda v: v.content),
        ])
        self.month_table = record_table(self.month_model, self)
        self.month_table.setObjectName("monthTable")
        self.visit_table = record_table(self.visit_model, self)
        self.visit_table.setObjectName("visitTable")
        self.visit_table.activated.connect(self.edit_visit)

        self.add_button = QPushButton(self.tr("&Log a visit…"), self)
        self.edit_button = QPushButton(self.tr("&Edit visit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete visit"), self)
        self.plan_button = QPushButton(self.tr("Edit &plan…"), self)
        self.print_visit_button = QPushButton(self.tr("Print this &visit…"), self)
        self.print_log_button = QPushButton(self.tr("Print semester lo&g…"), self)
        self.print_blank_button = QPushButton(self.tr("Print &blank form…"), self)
        self.add_button.clicked.connect(self.add_visit)
        self.edit_button.clicked.connect(self.edit_visit)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.plan_button.clicked.connect(self.edit_plan)
        self.print_visit_button.clicked.connect(self.print_visit)
        self.print_log_button.clicked.connect(lambda: self.print_document(self.tr("semester log"), "semester_log"))
        self.print_blank_button.clicked.connect(lambda: self.print_document(self.tr("blank form"), "blank_form"))
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_visit)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_visit)
        self.visit_table.selectionModel().selectionChanged.connect(self._update_buttons)

        records = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.plan_button):
            records.addWidget(button)
        records.addStretch(1)
        printing = QHBoxLayout()
        for button in (self.print_visit_button, self.print_log_button, self.print_blank_button):
            printing.addWidget(button)
        printing.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.month_table)
        splitter.addWidget(self.visit_table)
        splitter.setSizes([160, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(records)
        layout.addWidget(splitter, 1)
        layout.addLayout(printing)
        self.resize(960, 640)
        self.restore_window_state()
        self.refresh()
        self.watch_records()

    def refresh(self) -> None:
        got = call_service(self, lambda: home_teaching_log(self.state.db, self.plan_id), on_gone=self.record_gone)
        if not got:
            return
        log = got.value
        self.log = log
        plan, child = log.plan, log.child
        self.setWindowTitle(fill(self.tr("%1 — home teaching, %2"), (child.name, log.semester.label_zh)))
        facts = [
            (self.tr("Class"), child.class_name), (self.tr("Disability"), child.disability),
            (self.tr("Teachers"), plan.teacher_names), (self.tr("Goals"), "、".join(plan.goals)),
            (self.tr("Schedule"), plan.schedule), (self.tr("Rule"), log.rule.label_zh),
            (self.tr("Plan"), f"{plan.start_date:%Y-%m-%d} — {plan.end_date:%Y-%m-%d}"),
        ]
        self.summary.setText(
            f"<span style='font-size:15pt;font-weight:bold'>{escape(child.name)}</span>&nbsp;&nbsp;"
            + facts_html(facts)
        )
        self.month_model.set_rows(log.months)
        self.visit_model.set_rows(log.visits)
        self.month_table.resizeColumnsToContents()
        self.visit_table.resizeColumnsToContents()
        self._update_buttons()

    def selected_visit(self) -> VisitRow | None:
        indexes = self.visit_table.selectionModel().selectedRows()
        return self.visit_model.row_at(indexes[0].row()) if indexes else None

    def _update_buttons(self) -> None:
        chosen = self.selected_visit() is not None
        for button in (self.edit_button, self.delete_button, self.print_visit_button):
            button.setEnabled(chosen)

    def add_visit(self) -> HomeVisitDialog | None:
        if self.log is None:
            return None
        dialog = HomeVisitDialog(self.state.db, self.log.plan, parent=self)
        self._open(dialog)
        return dialog

    def edit_visit(self) -> HomeVisitDialog | None:
        visit = self.selected_visit()
        if self.log is None or visit is None:
            return None
        dialog = HomeVisitDialog(self.state.db, self.log.plan, visit, parent=self)
        self._open(dialog)
        return dialog

    def edit_plan(self) -> None:
        semester = next((s for s in self.state.semesters if self.log and s.key == self.log.semester), None)
        if self.log is not None and semester is not None:
            self._open(PlanDialog(self.state.db, semester, self.log.plan, self))

    def confirm_delete(self) -> None:
        visit = self.selected_visit()
        if visit is None:
            return
        ask_yes_no(self, fill(self.tr("Delete the visit of %1? This cannot be undone."), (visit.date.isoformat(),)),
                   lambda: self._delete(visit))

    def _delete(self, visit: VisitRow) -> None:
        if call_service(self, lambda: delete_visit(self.state.db, visit.id)):
            self._changed()

    # ---- printing ----
    def print_visit(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self.print_document(fill(self.tr("visit %1"), (visit.date.isoformat(),)), "visit", visit.id)

    def print_document(self, what: str, document: str, visit_id: int | None = None) -> None:
        """Write the PDF off the GUI thread into the printouts' scratch folder, then preview it (print or
        save it from there); *document* is visit, semester_log or blank_form."""
        if self.log is None:
            return
        log, name = self.log, self.log.file_name(what)
        got = call_service(self, lambda: pdf_font_path(self.state.db))
        if not got:
            return
        font = got.value

        def write(path: Path) -> Any:
            from schooldesk.exports import home_teaching_pdf as pdf

            if document == "visit":
                return pdf.write_visit_pdf(path, log, visit_id, font_path=font)  # type: ignore[arg-type]
            return getattr(pdf, f"write_{document}_pdf")(path, log, font_path=font)

        print_document(self, name, write, self._shown)

    def _shown(self, preview: PdfPreviewDialog) -> None:
        self.preview = preview

    def done(self, result: int) -> None:
        self.save_window_state()
        super().done(result)
